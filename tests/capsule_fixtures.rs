//! Golden fixtures for Capsule's replication semantics: `tests/fixtures/capsule/<case>/input.json`
//! (`{"items": [...], "functionConfig": ...}`) rendered by `capsule::render` must give
//! `expected.json` (`{"items": [...], "diagnostics": [...]}`): every output item and every
//! diagnostic with severity, message, field path, resource, tenant, file and template position.
//!
//! `UPDATE_GOLDEN=1 cargo test --test capsule_fixtures` rewrites the expected files from the
//! current code. That is a development aid only: every regenerated file must be reviewed by hand
//! against capsule-semantics.md before it is committed — the goldens encode the spec.

use std::fs;
use std::path::{Path, PathBuf};

use capsule_render::capsule::{OutputItem, render};
use capsule_render::diagnostic::{Diagnostic, Severity};
use capsule_render::packed::pack_all;
use serde_json::{Value as Json, json};

fn diagnostic_json(d: &Diagnostic) -> Json {
    let mut o = serde_json::Map::new();
    o.insert("severity".into(), json!(d.severity.as_str()));
    o.insert("message".into(), json!(d.message));
    if let Some(r) = &d.resource {
        o.insert(
            "resource".into(),
            json!({"apiVersion": r.api_version, "kind": r.kind, "name": r.name, "namespace": r.namespace}),
        );
    }
    if let Some(f) = &d.field_path {
        o.insert("fieldPath".into(), json!(f));
    }
    if let Some(f) = &d.file {
        o.insert("file".into(), json!(f));
    }
    if let Some(t) = &d.template {
        o.insert(
            "template".into(),
            json!({"fieldPath": t.field_path, "line": t.line, "col": t.col}),
        );
    }
    if let Some(t) = &d.tenant {
        o.insert("tenant".into(), json!(t));
    }
    if let Some(id) = &d.check_id {
        o.insert("checkId".into(), json!(id));
    }
    Json::Object(o)
}

fn run_case(dir: &Path) -> Json {
    let text = fs::read_to_string(dir.join("input.json")).expect("input.json is readable");
    let input: Json = serde_json::from_str(&text).expect("input.json is JSON");
    let items: Vec<Json> = input["items"].as_array().cloned().unwrap_or_default();
    let fc = input.get("functionConfig");
    let outcome = render(&pack_all(&items), fc);
    let has_error = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    assert!(
        !has_error || outcome.items.is_empty(),
        "{}: an error must leave no half output",
        dir.display()
    );
    let out_items: Vec<Json> = outcome
        .items
        .iter()
        .map(|it| match it {
            OutputItem::Kept(i) => items.get(*i).cloned().expect("Kept indexes an input item"),
            OutputItem::Generated(v) => v.value(),
        })
        .collect();
    json!({
        "items": out_items,
        "diagnostics": outcome.diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
    })
}

/// Whether the template engine and the YAML reader are built (in a branch where they are still
/// stubs, the `gen-*` cases — the ones with generators — are skipped).
fn engine_ready() -> bool {
    use capsule_render::template::{ExecOptions, FuncMap, RenderEnv, Template, Value};
    let funcs = FuncMap::new();
    Template::parse("tpl", "x", &funcs)
        .ok()
        .and_then(|t| {
            t.execute(
                &Value::Nil,
                &ExecOptions::default(),
                &mut RenderEnv::default(),
            )
            .ok()
        })
        .is_some_and(|s| s == "x")
        && capsule_render::yaml::decode_k8s_stream("a: b\n").is_ok()
}

fn cases() -> Vec<PathBuf> {
    let ready = engine_ready();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/capsule");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("fixture directory exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("input.json").is_file())
        .filter(|p| {
            ready
                || !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("gen-"))
        })
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn golden_fixtures() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let all = cases();
    assert!(!all.is_empty(), "no fixtures found");
    for dir in all {
        let got = run_case(&dir);
        let expected_path = dir.join("expected.json");
        if update {
            let text = serde_json::to_string_pretty(&got).expect("serialisable") + "\n";
            fs::write(&expected_path, text).expect("expected.json is writable");
            continue;
        }
        let want: Json = fs::read_to_string(&expected_path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Json::Null);
        if got != want {
            failures.push(format!(
                "{}:\n--- got\n{}\n",
                dir.display(),
                serde_json::to_string_pretty(&got).unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// kpt re-runs the pipeline on its own output: rendering the output again gives it back.
#[test]
fn rerun_is_idempotent() {
    for dir in cases() {
        let first = run_case(&dir);
        let items = first["items"].as_array().cloned().unwrap_or_default();
        if items.is_empty() {
            continue;
        }
        let input: Json =
            serde_json::from_str(&fs::read_to_string(dir.join("input.json")).expect("readable"))
                .expect("JSON");
        let outcome = render(&pack_all(&items), input.get("functionConfig"));
        let again: Vec<Json> = outcome
            .items
            .iter()
            .map(|it| match it {
                OutputItem::Kept(i) => items[*i].clone(),
                OutputItem::Generated(v) => v.value(),
            })
            .collect();
        assert_eq!(Json::Array(again), first["items"], "{}", dir.display());
    }
}

fn gtr(name: &str, spec: Json) -> Json {
    json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "GlobalTenantResource", "metadata": {"name": name}, "spec": spec})
}

fn outputs(items: &[Json], fc: Option<&Json>) -> (Vec<Json>, Vec<Diagnostic>) {
    let outcome = render(&pack_all(items), fc);
    let out = outcome
        .items
        .iter()
        .map(|it| match it {
            OutputItem::Kept(i) => items[*i].clone(),
            OutputItem::Generated(v) => v.value(),
        })
        .collect();
    (out, outcome.diagnostics)
}

fn base_items() -> Vec<Json> {
    vec![
        json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant", "metadata": {"name": "solar"}}),
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "solar-one", "labels": {"capsule.clastix.io/tenant": "solar"}}}),
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "solar-two", "labels": {"capsule.clastix.io/tenant": "solar"}}}),
    ]
}

fn raw_cm(name: &str, data: Json) -> Json {
    json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data})
}

fn names_in(items: &[Json]) -> Vec<String> {
    items
        .iter()
        .filter(|v| v["kind"] == "ConfigMap")
        .map(|v| {
            format!(
                "{}/{}",
                v["metadata"]["namespace"].as_str().unwrap_or(""),
                v["metadata"]["name"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// e2e 8.5-12 (update in place), 8.5-11 (a namespace leaves the selection: its object is pruned),
/// kpt path/index annotations kept on replacement.
#[test]
fn rerun_updates_in_place_and_prunes() {
    let mut items = base_items();
    items.push(gtr(
        "g",
        json!({"resources": [{"rawItems": [raw_cm("cm", json!({"mode": "before"}))]}]}),
    ));
    let (mut first, _) = outputs(&items, None);
    assert_eq!(names_in(&first), vec!["solar-one/cm", "solar-two/cm"]);
    // kpt writes the files and assigns its own annotations.
    first[4]["metadata"]["annotations"]["internal.config.kubernetes.io/path"] =
        json!("kept/one.yaml");
    // The GTR changes: new data, and solar-two is deselected.
    first[3]["spec"]["resources"][0]["rawItems"][0]["data"] =
        json!({"mode": "after", "foo": "bar"});
    first[3]["spec"]["resources"][0]["namespaceSelector"] =
        json!({"matchLabels": {"kubernetes.io/metadata.name": "solar-one"}});
    let (second, diags) = outputs(&first, None);
    assert!(
        diags.iter().all(|d| d.severity != Severity::Error),
        "{diags:?}"
    );
    assert_eq!(second.len(), 5, "solar-two/cm is pruned");
    assert_eq!(second[4]["data"], json!({"mode": "after", "foo": "bar"}));
    assert_eq!(
        second[4]["metadata"]["annotations"]["internal.config.kubernetes.io/path"],
        "kept/one.yaml"
    );
    // A third run changes nothing.
    let (third, _) = outputs(&second, None);
    assert_eq!(third, second);
}

/// e2e 8.5-13 / 8.6-14: pruningOnDelete false keeps objects, disowned (managed-by removed,
/// created-by kept) when they are no longer produced; true deletes them.
#[test]
fn removed_gtr_prunes_or_disowns() {
    for prune in [true, false] {
        let mut items = base_items();
        items.push(gtr("g", json!({"pruningOnDelete": prune, "resources": [{"rawItems": [raw_cm("cm", json!({}))]}]})));
        let (mut first, _) = outputs(&items, None);
        // The rawItem is removed (the GTR stays, so its pruning setting is known).
        first[3]["spec"]["resources"] = json!([{}]);
        let (second, _) = outputs(&first, None);
        if prune {
            assert_eq!(names_in(&second), Vec::<String>::new());
        } else {
            assert_eq!(names_in(&second), vec!["solar-one/cm", "solar-two/cm"]);
            let labels = &second[4]["metadata"]["labels"];
            assert_eq!(labels["projectcapsule.dev/created-by"], "replications");
            assert!(labels.get("projectcapsule.dev/managed-by").is_none());
            assert!(
                second[4]["metadata"]["annotations"]
                    .get("capsule-render/provenance")
                    .is_none()
            );
        }
    }
}

/// Objects generated earlier are not input: a generated Namespace or context object from the
/// previous run does not change what the next run sees.
#[test]
fn previous_output_is_not_input() {
    let mut items = base_items();
    items.push(gtr(
        "ns-maker",
        json!({"scope": "None", "resources": [{"rawItems": [
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "made", "labels": {"capsule.clastix.io/tenant": "solar"}}}]}]}),
    ));
    items.push(gtr(
        "per-ns",
        json!({"resources": [{"rawItems": [raw_cm("cm", json!({}))]}]}),
    ));
    let (first, _) = outputs(&items, None);
    let (second, _) = outputs(&first, None);
    assert_eq!(first, second);
    assert_eq!(names_in(&second), vec!["solar-one/cm", "solar-two/cm"]);
}

/// 2,000 tenants × 5 routes (the seed's shape): a cluster-wide label-selector context lookup per
/// tenant and a raw item per tenant must stay fast (indexing by kind and label, caches).
#[test]
fn two_thousand_tenants_render_quickly() {
    let mut items = Vec::new();
    for t in 0..2000 {
        let name = format!("t{t:04}");
        items.push(json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant", "metadata": {"name": name}}));
        items.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": format!("{name}-app"), "labels": {"capsule.clastix.io/tenant": name}}}));
        items.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": format!("tenant-{name}-system"), "labels": {"capsule.clastix.io/tenant": name}}}));
        for r in 0..5 {
            items.push(json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
                "metadata": {"name": format!("r{r}"), "namespace": format!("{name}-app"), "labels": {"projectcapsule.dev/tenant": name}},
                "spec": {"hostnames": [format!("h{r}.{name}.example")]}}));
        }
    }
    let mut generators = Vec::new();
    if engine_ready() {
        generators.push(json!({"template": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: routes\n  namespace: tenant-{{ $.tenant.metadata.name }}-system\ndata:\n{{- range $i, $r := $.https }}\n  h{{ $i }}: {{ index $r.spec.hostnames 0 }}\n{{- end }}\n"}));
    }
    items.push(gtr("big", json!({"scope": "Tenant", "resources": [{
        "context": {"resources": [{"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "index": "https",
            "selector": {"matchLabels": {"projectcapsule.dev/tenant": "{{tenant.name}}"}}}]},
        "rawItems": [{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "sa", "namespace": "tenant-{{tenant.name}}-system"}}],
        "generators": generators}]})));
    let start = std::time::Instant::now();
    let outcome = render(&pack_all(&items), None);
    let elapsed = start.elapsed();
    assert!(outcome.ok(), "{:?}", outcome.diagnostics.first());
    let generated = outcome
        .items
        .iter()
        .filter(|i| matches!(i, OutputItem::Generated(_)))
        .count();
    assert_eq!(generated, if engine_ready() { 4000 } else { 2000 });
    // Generous for a shared machine and a debug build; a quadratic scan takes far longer.
    assert!(elapsed.as_secs() < 30, "took {elapsed:?}");
    eprintln!("2000 tenants rendered in {elapsed:?}");
}

/// No input, however malformed, makes the render panic: every fixture input is mutated many
/// times (subtrees replaced by values of other JSON types, fast-template braces injected).
#[test]
fn mutated_inputs_never_panic() {
    let replacements = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5e300),
        json!(""),
        json!("{{"),
        json!("}} {{ tenant.name"),
        json!("{{tenant.name}}-{{namespace}}"),
        json!([]),
        json!([null, 1, "x"]),
        json!({}),
        json!({"matchExpressions": [{"key": "", "operator": "In"}]}),
        json!({"apiVersion": "v1"}),
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    fn paths(v: &Json, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(at.clone());
        match v {
            Json::Object(m) => {
                for (k, c) in m {
                    at.push(k.clone());
                    paths(c, at, out);
                    at.pop();
                }
            }
            Json::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    at.push(i.to_string());
                    paths(c, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    fn get_mut<'a>(v: &'a mut Json, path: &[String]) -> Option<&'a mut Json> {
        let mut cur = v;
        for k in path {
            cur = match cur {
                Json::Object(m) => m.get_mut(k)?,
                Json::Array(a) => a.get_mut(k.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur)
    }
    for dir in cases() {
        let input: Json =
            serde_json::from_str(&fs::read_to_string(dir.join("input.json")).expect("readable"))
                .expect("JSON");
        let mut all = Vec::new();
        paths(&input, &mut Vec::new(), &mut all);
        for _ in 0..60 {
            let mut v = input.clone();
            for _ in 0..3 {
                let path = &all[next(all.len())];
                if let Some(slot) = get_mut(&mut v, path) {
                    *slot = replacements[next(replacements.len())].clone();
                }
            }
            let items: Vec<Json> = v["items"].as_array().cloned().unwrap_or_default();
            let outcome = render(&pack_all(&items), v.get("functionConfig"));
            let has_error = outcome
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error);
            assert!(!has_error || outcome.items.is_empty());
        }
    }
}
