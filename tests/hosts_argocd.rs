//! examples/argocd: the Config Management Plugin, the repo-server sidecar patch and an
//! Application are valid YAML of the right shape and agree with each other, and the command the
//! plugin declares works on examples/envoy-gateway (run with the test binary in place of the
//! image's /usr/local/bin/capsule-render, from the source directory, as argocd-cmp-server does).
//! No Argo CD here, so the sidecar itself is not run.

use std::path::Path;
use std::process::Command;

use capsule_render::yaml::{Schema, read_stream};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_capsule-render");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("examples/argocd").join(name)).expect("read");
    let mut docs = read_stream(&text, Schema::Core12).expect("valid YAML");
    assert_eq!(docs.len(), 1, "{name}: one document");
    docs.remove(0)
}

fn str_at<'v>(v: &'v Value, pointer: &str) -> &'v str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} missing"))
}

#[test]
fn the_plugin_command_renders_the_example() {
    let plugin = load("plugin.yaml");
    assert_eq!(str_at(&plugin, "/apiVersion"), "argoproj.io/v1alpha1");
    assert_eq!(str_at(&plugin, "/kind"), "ConfigManagementPlugin");
    let command: Vec<&str> = plugin
        .pointer("/spec/generate/command")
        .and_then(Value::as_array)
        .expect("generate.command")
        .iter()
        .map(|a| a.as_str().expect("string arguments"))
        .collect();
    assert_eq!(command.first(), Some(&"/usr/local/bin/capsule-render"));
    // The Application's source path, from the repository root.
    let app = load("application.yaml");
    let source = root().join(str_at(&app, "/spec/source/path"));
    let out = Command::new(BIN)
        .args(&command[1..])
        .current_dir(&source)
        .env_clear()
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stream = String::from_utf8_lossy(&out.stdout);
    let docs = read_stream(&stream, Schema::Core12).expect("the output is YAML");
    let count = |kind: &str| docs.iter().filter(|d| d["kind"] == kind).count();
    assert_eq!(
        (count("EnvoyProxy"), count("Gateway"), count("Issuer")),
        (3, 3, 3)
    );
}

#[test]
fn the_sidecar_and_the_application_name_the_plugin() {
    let plugin = load("plugin.yaml");
    let app = load("application.yaml");
    assert_eq!(
        str_at(&app, "/spec/source/plugin/name"),
        format!(
            "{}-{}",
            str_at(&plugin, "/metadata/name"),
            str_at(&plugin, "/spec/version")
        )
    );
    let patch = load("repo-server-patch.yaml");
    assert_eq!(str_at(&patch, "/kind"), "Deployment");
    assert_eq!(str_at(&patch, "/metadata/name"), "argocd-repo-server");
    let container = &patch["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(
        container["command"][0], "/var/run/argocd/argocd-cmp-server",
        "argocd-cmp-server is the sidecar's entrypoint"
    );
    let mounts = container["volumeMounts"].as_array().expect("mounts");
    let config = mounts
        .iter()
        .find(|m| m["mountPath"] == "/home/argocd/cmp-server/config/plugin.yaml")
        .expect("plugin.yaml mounted where argocd-cmp-server reads it");
    assert_eq!(config["subPath"], "plugin.yaml");
    for needed in ["var-files", "plugins"] {
        assert!(mounts.iter().any(|m| m["name"] == needed), "{needed}");
    }
    // Every volume the container mounts is declared by the patch or by Argo CD's Deployment.
    let volumes: Vec<&str> = patch["spec"]["template"]["spec"]["volumes"]
        .as_array()
        .expect("volumes")
        .iter()
        .filter_map(|v| v["name"].as_str())
        .chain(["var-files", "plugins"])
        .collect();
    for m in mounts {
        assert!(
            volumes.contains(&m["name"].as_str().unwrap_or_default()),
            "{m}"
        );
    }
}
