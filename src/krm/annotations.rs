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
