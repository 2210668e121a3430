//! The binary under the real hosts on this machine (krm-hosts.md): `kubectl kustomize` with the
//! legacy exec plugin layout (§1.7) and with a `container:` transformer whose `docker` is a shim
//! that runs our binary (§1.6). Each test is skipped, with the reason printed, when kubectl is
//! missing. The answer must leave kustomize's build exactly as it is without the transformer.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_capsule-render");

fn kubectl() -> Option<&'static str> {
    let path = "/usr/bin/kubectl";
    if Path::new(path).exists() {
        Some(path)
    } else {
        println!("skipped: {path} is not installed");
        None
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "capsule-render-hosts-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const CONFIG_MAP: &str = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: acme
  labels: {tenant: acme}
data:
  flag: \"yes\"
  mode: 0755
  script: |
    echo hi
---
apiVersion: v1
kind: Namespace
metadata:
  name: tenants
  labels:
    capsule.clastix.io/tenant: acme
";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn kustomize(kubectl: &str, dir: &Path, env: &[(&str, String)]) -> String {
    let mut cmd = Command::new(kubectl);
    cmd.args(["kustomize", "--enable-alpha-plugins", dir.to_str().unwrap()]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "kubectl kustomize failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn baseline(kubectl: &str, base: &Path) -> String {
    let dir = base.join("baseline");
    std::fs::create_dir_all(&dir).unwrap();
    write(&dir, "resources.yaml", CONFIG_MAP);
    write(
        &dir,
        "kustomization.yaml",
        "namespace: tenants\nresources: [resources.yaml]\n",
    );
    kustomize(kubectl, &dir, &[])
}

#[test]
fn kubectl_kustomize_legacy_exec_plugin() {
    let Some(kubectl) = kubectl() else { return };
    let base = temp_dir("legacy");
    let expected = baseline(kubectl, &base);
    let plugin_dir = base.join("plugins/capsule.clastix.io/v1beta2/globaltenantresource");
    std::fs::create_dir_all(&plugin_dir).unwrap();
    std::fs::copy(BIN, plugin_dir.join("GlobalTenantResource")).unwrap();
    let dir = base.join("kust");
    std::fs::create_dir_all(&dir).unwrap();
    write(&dir, "resources.yaml", CONFIG_MAP);
    write(
        &dir,
        "kustomization.yaml",
        "namespace: tenants\nresources: [resources.yaml]\ntransformers: [gtr.yaml]\n",
    );
    write(
        &dir,
        "gtr.yaml",
        "apiVersion: capsule.clastix.io/v1beta2\nkind: GlobalTenantResource\nmetadata:\n  name: gateways\nspec:\n  resources: []\n",
    );
    let got = kustomize(
        kubectl,
        &dir,
        &[(
            "KUSTOMIZE_PLUGIN_HOME",
            base.join("plugins").display().to_string(),
        )],
    );
    assert_eq!(got, expected);
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn kubectl_kustomize_container_transformer_via_docker_shim() {
    let Some(kubectl) = kubectl() else { return };
    let base = temp_dir("container");
    let expected = baseline(kubectl, &base);
    let shim_dir = base.join("bin");
    std::fs::create_dir_all(&shim_dir).unwrap();
    let shim = shim_dir.join("docker");
    write(&shim_dir, "docker", &format!("#!/bin/sh\nexec '{BIN}'\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&shim, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let dir = base.join("kust");
    std::fs::create_dir_all(&dir).unwrap();
    write(&dir, "resources.yaml", CONFIG_MAP);
    write(
        &dir,
        "kustomization.yaml",
        "namespace: tenants\nresources: [resources.yaml]\ntransformers: [gtr.yaml]\n",
    );
    write(
        &dir,
        "gtr.yaml",
        "apiVersion: capsule.clastix.io/v1beta2\nkind: GlobalTenantResource\nmetadata:\n  name: gateways\n  annotations:\n    config.kubernetes.io/function: |\n      container:\n        image: example.com/capsule-render:dev\nspec:\n  resources: []\n",
    );
    let path = format!(
        "{}:{}",
        shim_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let got = kustomize(kubectl, &dir, &[("PATH", path)]);
    assert_eq!(got, expected);
    let _ = std::fs::remove_dir_all(&base);
}
