//! `kubectl kustomize --enable-alpha-plugins` (kubectl v1.32, kustomize v5.5) running the real
//! binary as a legacy exec plugin (krm-hosts.md §1.7) over examples/kustomize, which builds
//! examples/envoy-gateway's resources with a RenderConfig as transformer. Skipped, with the reason
//! printed, when kubectl is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_capsule-render");
const KUBECTL: &str = "/usr/bin/kubectl";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A plugin home with the binary at `<group>/<version>/<lowercase kind>/<Kind>`.
fn plugin_home(name: &str) -> PathBuf {
    let home = std::env::temp_dir().join(format!(
        "capsule-render-hosts-kustomize-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&home);
    let dir = home.join("capsule-render.dev/v1alpha1/renderconfig");
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::copy(BIN, dir.join("RenderConfig")).expect("copy the binary");
    home
}

fn kustomize(home: &Path) -> std::process::Output {
    Command::new(KUBECTL)
        .args([
            "kustomize",
            "--enable-alpha-plugins",
            "--load-restrictor",
            "LoadRestrictionsNone",
            "examples/kustomize",
        ])
        .env("KUSTOMIZE_PLUGIN_HOME", home)
        .current_dir(root())
        .output()
        .expect("kubectl runs")
}

/// The `kind/namespace/name` of each document of a kustomize build (keys come sorted, so
/// `kind:` and `metadata:` are at the top level and `name:`/`namespace:` two spaces in).
fn ids(stream: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for doc in stream.split("\n---\n") {
        let mut kind = "";
        let (mut ns, mut name) = ("", "");
        let mut in_metadata = false;
        for line in doc.lines() {
            if let Some(k) = line.strip_prefix("kind: ") {
                kind = k;
            }
            if !line.starts_with(' ') {
                in_metadata = line == "metadata:";
                continue;
            }
            if in_metadata {
                if let Some(n) = line.strip_prefix("  name: ") {
                    name = n;
                }
                if let Some(n) = line.strip_prefix("  namespace: ") {
                    ns = n;
                }
            }
        }
        ids.push(format!("{kind}/{ns}/{name}"));
    }
    ids
}

#[test]
fn kubectl_kustomize_legacy_plugin_renders_the_envoy_gateway_stack() {
    if !Path::new(KUBECTL).exists() {
        println!("skipped: {KUBECTL} is not installed");
        return;
    }
    let home = plugin_home("render");
    let out = kustomize(&home);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "kubectl kustomize failed:\n{stderr}");
    let ids = ids(&stdout);
    for tenant in ["lunar", "solar", "venus"] {
        for want in [
            format!("EnvoyProxy/tenant-{tenant}-system/tenant-{tenant}-gateway"),
            format!("Gateway/tenant-{tenant}-system/tenant-{tenant}-gateway"),
            format!("Issuer/tenant-{tenant}-system/{tenant}-acme-http"),
        ] {
            assert!(
                ids.iter().filter(|id| **id == want).count() == 1,
                "{want} missing from the build: {ids:?}"
            );
        }
    }
    // The inputs are all still there, and the config itself is not part of the build.
    assert!(ids.iter().any(|id| id.starts_with("Tenant//")), "{ids:?}");
    assert!(!stdout.contains("kind: RenderConfig"));
    // Capsule's labels on generated objects.
    assert!(stdout.contains("projectcapsule.dev/created-by: replications"));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn kubectl_kustomize_without_the_plugin_names_the_missing_layout() {
    if !Path::new(KUBECTL).exists() {
        println!("skipped: {KUBECTL} is not installed");
        return;
    }
    let home = plugin_home("missing");
    let _ = std::fs::remove_dir_all(home.join("capsule-render.dev"));
    let out = kustomize(&home);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("RenderConfig"), "{stderr}");
    let _ = std::fs::remove_dir_all(&home);
}
