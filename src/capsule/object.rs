//! Read access to Kubernetes objects held as JSON: `apiVersion`, `kind`, `metadata.*`, labels,
//! annotations and owner references, with the lenient typing of `unstructured.Unstructured`
//! (a field of the wrong type reads as absent, as `NestedString` does).

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::json_view::JsonView;

/// The annotation kpt/kustomize put on tooling-only objects (Kptfile, function configs).
pub const LOCAL_CONFIG: &str = "config.kubernetes.io/local-config";

/// A string field at `path`, or `""` when absent or not a string (`unstructured.NestedString`).
pub fn str_at<'a>(v: impl JsonView<'a>, path: &[&str]) -> &'a str {
    v.str_at(path).unwrap_or("")
}

/// `apiVersion` of an object.
pub fn api_version<'a>(v: impl JsonView<'a>) -> &'a str {
    str_at(v, &["apiVersion"])
}

/// `kind` of an object.
pub fn kind<'a>(v: impl JsonView<'a>) -> &'a str {
    str_at(v, &["kind"])
}

/// `metadata.name` of an object.
pub fn name<'a>(v: impl JsonView<'a>) -> &'a str {
    str_at(v, &["metadata", "name"])
}

/// `metadata.namespace` of an object.
pub fn namespace<'a>(v: impl JsonView<'a>) -> &'a str {
    str_at(v, &["metadata", "namespace"])
}

/// A `map[string]string` under `metadata.<field>`; non-string values are skipped.
pub fn string_map<'a>(v: impl JsonView<'a>, field: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(m) = v.at(&["metadata", field]) {
        m.each_entry(|k, val| {
            if let Some(s) = val.as_str() {
                out.insert(k.to_string(), s.to_string());
            }
        });
    }
    out
}

/// `metadata.labels`.
pub fn labels<'a>(v: impl JsonView<'a>) -> BTreeMap<String, String> {
    string_map(v, "labels")
}

/// One annotation's value.
pub fn annotation<'a>(v: impl JsonView<'a>, key: &str) -> Option<&'a str> {
    v.str_at(&["metadata", "annotations", key])
}

/// True for an annotation the host (kpt, kustomize) owns: file position and identity
/// (`config.kubernetes.io/path`, `internal.config.kubernetes.io/index`, `config.k8s.io/id`, …;
/// krm-hosts.md §1.2, §2.1). kpt strips them when it writes the files, so they never reach the
/// cluster: Capsule never sees them. `config.kubernetes.io/local-config` is not one of them.
pub fn is_host_annotation(key: &str) -> bool {
    (key.starts_with("config.kubernetes.io/") && key != LOCAL_CONFIG)
        || key.starts_with("internal.config.kubernetes.io/")
        || key.starts_with("config.k8s.io/")
        || key.starts_with("kustomize.config.k8s.io/")
}

/// Removes the host's annotations ([`is_host_annotation`]), keeping the others in order; drops
/// the `annotations` map when it becomes empty. What is left is the object as the cluster, and
/// so Capsule, would hold it.
pub fn remove_host_annotations(v: &mut Json) {
    let Some(meta) = v.get_mut("metadata").and_then(Json::as_object_mut) else {
        return;
    };
    let mut now_empty = false;
    if let Some(a) = meta.get_mut("annotations").and_then(Json::as_object_mut) {
        if !a.keys().any(|k| is_host_annotation(k)) {
            return;
        }
        a.retain(|k, _| !is_host_annotation(k));
        now_empty = a.is_empty();
    }
    if now_empty {
        meta.remove("annotations");
    }
}

/// True for objects annotated `config.kubernetes.io/local-config: "true"`.
pub fn is_local_config<'a>(v: impl JsonView<'a>) -> bool {
    annotation(v, LOCAL_CONFIG) == Some("true")
}

/// The group of an `apiVersion` (`""` for the core group `v1`).
pub fn group_of(api_version: &str) -> &str {
    match api_version.split_once('/') {
        Some((g, _)) => g,
        None => "",
    }
}

/// Mutable access to `metadata`, creating it (or replacing a non-object) as
/// `unstructured.SetNestedField` effectively does for the fields we write.
pub fn metadata_mut(v: &mut Json) -> Option<&mut serde_json::Map<String, Json>> {
    let obj = v.as_object_mut()?;
    let meta = obj
        .entry("metadata")
        .or_insert_with(|| Json::Object(serde_json::Map::new()));
    if !meta.is_object() {
        *meta = Json::Object(serde_json::Map::new());
    }
    meta.as_object_mut()
}

/// Mutable access to `metadata.<field>` as a map, created when absent.
pub fn meta_map_mut<'a>(
    v: &'a mut Json,
    field: &str,
) -> Option<&'a mut serde_json::Map<String, Json>> {
    let meta = metadata_mut(v)?;
    let m = meta
        .entry(field)
        .or_insert_with(|| Json::Object(serde_json::Map::new()));
    if !m.is_object() {
        *m = Json::Object(serde_json::Map::new());
    }
    m.as_object_mut()
}

/// Sets `metadata.namespace` (`unstructured.SetNamespace`).
pub fn set_namespace(v: &mut Json, ns: &str) {
    if let Some(meta) = metadata_mut(v) {
        meta.insert("namespace".into(), Json::String(ns.to_string()));
    }
}

/// Removes an annotation; drops the `annotations` map when it becomes empty.
pub fn remove_annotation(v: &mut Json, key: &str) {
    if let Some(meta) = v.get_mut("metadata").and_then(Json::as_object_mut) {
        let mut now_empty = false;
        if let Some(a) = meta.get_mut("annotations").and_then(Json::as_object_mut) {
            a.remove(key);
            now_empty = a.is_empty();
        }
        if now_empty {
            meta.remove("annotations");
        }
    }
}

/// Removes a label; drops the `labels` map when it becomes empty.
pub fn remove_label(v: &mut Json, key: &str) {
    if let Some(meta) = v.get_mut("metadata").and_then(Json::as_object_mut) {
        let mut now_empty = false;
        if let Some(a) = meta.get_mut("labels").and_then(Json::as_object_mut) {
            a.remove(key);
            now_empty = a.is_empty();
        }
        if now_empty {
            meta.remove("labels");
        }
    }
}

/// The identity Kubernetes (and kpt's upsert) knows an object by.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectId {
    pub api_version: String,
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

impl ObjectId {
    /// The identity of a JSON object.
    pub fn of<'a>(v: impl JsonView<'a>) -> ObjectId {
        ObjectId {
            api_version: api_version(v).to_string(),
            kind: kind(v).to_string(),
            namespace: namespace(v).to_string(),
            name: name(v).to_string(),
        }
    }

    /// `apiVersion/Kind ns/name` as Capsule's messages print an object.
    pub fn display(&self) -> String {
        if self.namespace.is_empty() {
            format!("{}/{} {}", self.api_version, self.kind, self.name)
        } else {
            format!(
                "{}/{} {}/{}",
                self.api_version, self.kind, self.namespace, self.name
            )
        }
    }

    /// As a diagnostic resource reference.
    pub fn resource_ref(&self) -> crate::diagnostic::ResourceRef {
        crate::diagnostic::ResourceRef {
            api_version: self.api_version.clone(),
            kind: self.kind.clone(),
            name: self.name.clone(),
            namespace: self.namespace.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wrong_types_read_as_absent() {
        let v = json!({"apiVersion": 1, "kind": "ConfigMap", "metadata": {"name": ["x"], "labels": {"a": "b", "n": 1}}});
        assert_eq!(api_version(&v), "");
        assert_eq!(kind(&v), "ConfigMap");
        assert_eq!(name(&v), "");
        assert_eq!(labels(&v).len(), 1);
    }

    #[test]
    fn set_namespace_creates_metadata() {
        let mut v = json!({"kind": "X", "metadata": "bad"});
        set_namespace(&mut v, "ns");
        assert_eq!(namespace(&v), "ns");
        let mut v = json!({"kind": "X"});
        set_namespace(&mut v, "ns");
        assert_eq!(v, json!({"kind": "X", "metadata": {"namespace": "ns"}}));
    }

    #[test]
    fn removing_last_label_drops_map() {
        let mut v =
            json!({"metadata": {"labels": {"a": "b"}, "annotations": {"x": "y", "z": "w"}}});
        remove_label(&mut v, "a");
        remove_annotation(&mut v, "x");
        assert_eq!(v, json!({"metadata": {"annotations": {"z": "w"}}}));
    }

    #[test]
    fn host_annotations_removed_in_order() {
        let mut v = json!({"metadata": {"annotations": {
            "b": "1",
            "config.kubernetes.io/index": "0",
            "a": "2",
            "internal.config.kubernetes.io/path": "x.yaml",
            "config.k8s.io/id": "1",
            "kustomize.config.k8s.io/id": "kind: X",
            "config.kubernetes.io/local-config": "true",
        }}});
        remove_host_annotations(&mut v);
        let keys: Vec<&String> = v["metadata"]["annotations"]
            .as_object()
            .map(|a| a.keys().collect())
            .unwrap_or_default();
        assert_eq!(keys, ["b", "a", "config.kubernetes.io/local-config"]);
        // Only host annotations: the map goes, as the API server drops an empty one.
        let mut v =
            json!({"metadata": {"name": "n", "annotations": {"config.kubernetes.io/path": "p"}}});
        remove_host_annotations(&mut v);
        assert_eq!(v, json!({"metadata": {"name": "n"}}));
        // Nothing to remove: untouched, an empty map included.
        let mut v = json!({"metadata": {"annotations": {}}});
        remove_host_annotations(&mut v);
        assert_eq!(v, json!({"metadata": {"annotations": {}}}));
    }

    #[test]
    fn group_of_core_and_named() {
        assert_eq!(group_of("v1"), "");
        assert_eq!(
            group_of("rbac.authorization.k8s.io/v1"),
            "rbac.authorization.k8s.io"
        );
    }
}
