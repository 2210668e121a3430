//! End to end: the real binary in each mode. While capsule's rendering is a pass-through stub,
//! these pin the pass-through contract (product.md §3.1: every input item comes out with the
//! same content; krm-hosts.md §2.2: kpt writes our answer back to the user's files) and the
//! error contract (krm-hosts.md §0.6: exit 1, stderr, a ResourceList with results).
//!
//! Fixtures in tests/fixtures/krm/: `kpt-source.yaml` is what kpt 1.0.0-beta.56 sends for
//! `kpt-package/` (captured with `kpt fn source`); the kustomize and legacy-plugin inputs follow
//! the dumps in krm-hosts.md §1.2 and §1.7.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use capsule_render::yaml::{Schema, read_stream};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_capsule-render");

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/krm")
        .join(name)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap()
}

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The output without its `results`, after checking that they are only the summary (one info
/// entry): a render that generates nothing leaves the items byte for byte.
fn without_summary(out: &str) -> String {
    match out.split_once("\nresults:\n") {
        Some((items, results)) => {
            assert!(
                results.starts_with("- message: rendered 0 object(s)")
                    && results.matches("- message:").count() == 1
                    && results.ends_with("  severity: info\n"),
                "only the summary result is expected:\n{results}"
            );
            format!("{items}\n")
        }
        None => out.to_string(),
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("capsule-render-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn one_doc(yaml: &str) -> Value {
    let docs = read_stream(yaml, Schema::Core12).unwrap();
    assert_eq!(docs.len(), 1, "one document expected:\n{yaml}");
    docs.into_iter().next().unwrap()
}

#[test]
fn kpt_resource_list_passes_through_byte_for_byte() {
    let input = fixture("kpt-source.yaml");
    let out = run(&[], &input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(without_summary(&text(&out.stdout)), input);
}

#[test]
fn kustomize_resource_list_passes_through() {
    let out = run(&[], &fixture("kustomize-transformer-input.yaml"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        without_summary(&text(&out.stdout)),
        fixture("kustomize-transformer-output.yaml")
    );
}

#[test]
fn v1beta1_and_json_resource_lists() {
    let input = json!({
        "apiVersion": "config.kubernetes.io/v1beta1",
        "kind": "ResourceList",
        "items": [
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"},
             "data": {"flag": "yes", "mode": "0755", "n": 1, "list": ["on", {"x": null}]}},
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "tenants"}}
        ],
        "functionConfig": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "function-input"}, "data": {}}
    });
    let out = run(&[], &serde_json::to_string(&input).unwrap());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(
            "apiVersion: config.kubernetes.io/v1beta1\nkind: ResourceList\nitems:\n- "
        )
    );
    // Block style: no flow collections except empty ones.
    assert!(!stdout.contains('['), "{stdout}");
    let back = one_doc(&stdout);
    assert_eq!(back["items"], input["items"]);
}

#[test]
fn empty_resource_list() {
    let out = run(
        &[],
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        without_summary(&text(&out.stdout)),
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n"
    );
    // kpt render with no config sends no functionConfig; items may be missing too.
    let out = run(
        &[],
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n",
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn malformed_resource_list_exits_1_with_results() {
    let input = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  data: {a: [1, 2}\n";
    let out = run(&[], input);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("line 6:"), "{stderr}");
    let rl = one_doc(&text(&out.stdout));
    assert_eq!(rl["kind"], "ResourceList");
    assert_eq!(rl["items"], json!([]));
    assert_eq!(rl["results"][0]["severity"], "error");
    assert!(
        rl["results"][0]["message"]
            .as_str()
            .unwrap()
            .contains("line 6:")
    );
}

#[test]
fn non_object_item_is_an_error() {
    let out = run(
        &[],
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- just a string\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("items[0]"),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        &[],
        "apiVersion: example.com/v1\nkind: ResourceList\nitems: []\n",
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn plain_stream_passes_through() {
    let input = "# leading comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # c\ndata:\n  x: 'yes'\n---\n\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n";
    let out = run(&[], input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // The empty document is dropped; the two objects keep their text.
    assert_eq!(
        text(&out.stdout),
        "# leading comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # c\ndata:\n  x: 'yes'\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n"
    );
}

#[test]
fn malformed_stream_exits_1_without_output() {
    let out = run(&[], "a: 1\n---\nb: \"unterminated\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("line 3:") || stderr.contains("line 4:"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn legacy_kustomize_plugin_form() {
    let config = fixture_path("legacy-config.yaml");
    let stdin = fixture("legacy-stdin.yaml");
    let out = run(&[config.to_str().unwrap()], &stdin);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), stdin);
    // As a generator, kustomize sends nothing on stdin.
    let out = run(&[config.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn help_version_and_unknown_arguments() {
    let out = run(&["--help"], "");
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(
        help.contains("kpt fn eval") && help.contains("render"),
        "{help}"
    );
    let out = run(&["--version"], "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!("capsule-render {}\n", env!("CARGO_PKG_VERSION"))
    );
    let out = run(&["no-such-file-or-command"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn render_walks_paths_in_sorted_order() {
    let dir = temp_dir("render");
    std::fs::create_dir_all(dir.join("b/nested")).unwrap();
    std::fs::write(dir.join("b/nested/z.yml"), "kind: Z\nmetadata: {name: z}\n").unwrap();
    std::fs::write(dir.join("b/a.yaml"), "kind: A\n").unwrap();
    std::fs::write(dir.join("c.json"), "{\"kind\": \"C\"}").unwrap();
    std::fs::write(dir.join("a.txt"), "kind: Ignored\n").unwrap();
    std::fs::write(
        dir.join("0.yaml"),
        "# first\nkind: First\n---\nkind: Second\n",
    )
    .unwrap();
    let out = run(&["render", dir.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "# first\nkind: First\n---\nkind: Second\n---\nkind: A\n---\nkind: Z\nmetadata: {name: z}\n---\nkind: C\n"
    );
    let out = run(
        &[
            "render",
            "--output",
            "json",
            dir.join("b").to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    let values: Vec<Value> = serde_json::Deserializer::from_str(&text(&out.stdout))
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        values,
        vec![
            json!({"kind": "A"}),
            json!({"kind": "Z", "metadata": {"name": "z"}})
        ]
    );
    std::fs::write(dir.join("bad.yaml"), "a: [\n").unwrap();
    let out = run(&["render", dir.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("bad.yaml") && stderr.contains("line 1:4"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn read_tree(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

/// kpt writes our answer back to the package: the files must end up exactly as with a no-op
/// function (`cat`), which is the best any function can do (kpt itself normalises a little).
#[test]
fn real_kpt_fn_eval_exec_keeps_the_package() {
    let kpt = Path::new("/usr/bin/kpt");
    if !kpt.exists() {
        println!("skipped: /usr/bin/kpt is not installed");
        return;
    }
    let base = temp_dir("kpt");
    let ours = base.join("ours");
    let noop = base.join("noop");
    copy_dir(&fixture_path("kpt-package"), &ours);
    copy_dir(&fixture_path("kpt-package"), &noop);
    let status = |dir: &Path, exec: &str| {
        Command::new(kpt)
            .args(["fn", "eval", dir.to_str().unwrap(), "--exec", exec])
            .output()
            .unwrap()
    };
    let out = status(&ours, BIN);
    assert!(
        out.status.success(),
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let out = status(&noop, "cat");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(read_tree(&ours), read_tree(&noop));
    // And the ResourceList kpt sends comes back byte for byte.
    let source = Command::new(kpt)
        .args(["fn", "source", ours.to_str().unwrap()])
        .output()
        .unwrap();
    let sent = text(&source.stdout);
    assert_eq!(without_summary(&text(&run(&[], &sent).stdout)), sent);
    let _ = std::fs::remove_dir_all(&base);
}

/// `kpt fn render --allow-exec` with the binary as a Kptfile mutator, and `kpt fn eval` with a
/// GlobalTenantResource as `--fn-config`: the package must end up as with `cat`.
#[test]
fn real_kpt_fn_render_and_fn_config() {
    let kpt = Path::new("/usr/bin/kpt");
    if !kpt.exists() {
        println!("skipped: /usr/bin/kpt is not installed");
        return;
    }
    let base = temp_dir("kpt-render");
    let kptfile = |exec: &str| {
        format!(
            "apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: tiny\n  annotations:\n    config.kubernetes.io/local-config: \"true\"\npipeline:\n  mutators:\n  - exec: {exec}\n"
        )
    };
    let mut trees = Vec::new();
    for (name, exec) in [("ours", BIN), ("noop", "cat")] {
        let dir = base.join(name);
        copy_dir(&fixture_path("kpt-package"), &dir);
        std::fs::write(dir.join("Kptfile"), kptfile(exec)).unwrap();
        let out = Command::new(kpt)
            .args(["fn", "render", dir.to_str().unwrap(), "--allow-exec"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let config = dir.join("gtr-config.yaml");
        std::fs::write(
            &config,
            "apiVersion: capsule.clastix.io/v1beta2\nkind: GlobalTenantResource\nmetadata:\n  name: gateways\n  annotations:\n    config.kubernetes.io/local-config: \"true\"\nspec:\n  resources: []\n",
        )
        .unwrap();
        let out = Command::new(kpt)
            .args([
                "fn",
                "eval",
                dir.to_str().unwrap(),
                "--exec",
                exec,
                "--fn-config",
            ])
            .arg(&config)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let mut tree = read_tree(&dir);
        for (_, content) in &mut tree {
            *content = content.replace(BIN, "cat");
        }
        trees.push(tree);
    }
    assert_eq!(trees[0], trees[1]);
    let _ = std::fs::remove_dir_all(&base);
}
