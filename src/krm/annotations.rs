//! The annotations hosts put on items (krm-hosts.md §1.2, §2.1) and helpers to read them.

use serde_json::Value;

/// kpt: the file an item came from (relative to the package), stripped again on write.
pub const INTERNAL_PATH: &str = "internal.config.kubernetes.io/path";
/// kpt: the index of the item in its file.
pub const INTERNAL_INDEX: &str = "internal.config.kubernetes.io/index";
/// Legacy path annotation, still sent and reconciled by kpt.
pub const PATH: &str = "config.kubernetes.io/path";
/// Legacy index annotation (kpt), and kustomize's position in the ResourceList.
pub const INDEX: &str = "config.kubernetes.io/index";
/// Tooling-only objects (Kptfile, function configs): passed through, never inputs.
pub const LOCAL_CONFIG: &str = "config.kubernetes.io/local-config";
/// kustomize's resource id, a YAML text.
pub const KUSTOMIZE_ID: &str = "kustomize.config.k8s.io/id";

/// An annotation's value, when it is a string.
pub fn annotation<'v>(object: &'v Value, key: &str) -> Option<&'v str> {
    object
        .get("metadata")?
        .get("annotations")?
        .get(key)?
        .as_str()
}

/// True for `config.kubernetes.io/local-config: "true"` (kpt and kustomize compare the string).
pub fn is_local_config(object: &Value) -> bool {
    annotation(object, LOCAL_CONFIG) == Some("true")
}

/// The file an item came from, as kpt records it (the internal annotation first).
pub fn source_path(object: &Value) -> Option<&str> {
    annotation(object, INTERNAL_PATH).or_else(|| annotation(object, PATH))
}

/// Where kpt writes a new item that carries no path annotation (kpt 1.0.0-beta.56, measured:
/// `tenants/gatewayclass_eg.yaml`, and `namespace_Tenant-X.yaml` at the package root for a
/// cluster-scoped object): `<namespace>/<lowercase kind>_<name>.yaml`.
pub fn kpt_default_path(kind: &str, namespace: &str, name: &str) -> String {
    let file = format!("{}_{name}.yaml", kind.to_lowercase());
    if namespace.is_empty() {
        file
    } else {
        format!("{namespace}/{file}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kpt_paths_as_measured() {
        assert_eq!(
            kpt_default_path("Namespace", "", "Tenant-X"),
            "namespace_Tenant-X.yaml"
        );
        assert_eq!(
            kpt_default_path("GatewayClass", "tenants", "eg"),
            "tenants/gatewayclass_eg.yaml"
        );
    }

    #[test]
    fn local_config_and_paths() {
        let item = json!({"metadata": {"annotations": {
            LOCAL_CONFIG: "true",
            PATH: "legacy.yaml",
            INTERNAL_PATH: "dir/file.yaml",
        }}});
        assert!(is_local_config(&item));
        assert_eq!(source_path(&item), Some("dir/file.yaml"));
        let other = json!({"metadata": {"annotations": {LOCAL_CONFIG: "false", PATH: "a.yaml"}}});
        assert!(!is_local_config(&other));
        assert_eq!(source_path(&other), Some("a.yaml"));
        assert!(!is_local_config(&json!({"kind": "X"})));
    }
}
