//! The generator template data (capsule-semantics.md §3.2): context lists under their index
//! keys (absent when empty), then `tenant` (the Tenant as a generic map plus `rbac`), then
//! `namespace` (Namespace scope and TenantResources) — later keys overwrite an index of the same
//! name, as in Capsule.

use std::any::Any;
use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::Value as Json;

use crate::template::{GoObject, Kind, ListKind, Map, Value};

/// The annotation `kubectl apply` leaves, stripped from every object templates see.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// One `tenant.rbac` entry: a Go struct `{Kind, Name, Roles}` (exported Go field names, printed
/// by `fmt` as `{User alice [admin capsule-namespace-deleter]}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RbacSubject {
    pub kind: String,
    pub name: String,
    pub roles: Vec<String>,
}

impl GoObject for RbacSubject {
    fn type_name(&self) -> &str {
        "tenant.SubjectRoles"
    }
    fn kind(&self) -> Kind {
        Kind::Struct
    }
    fn write_v(&self, out: &mut String, _nested: bool) {
        out.push('{');
        out.push_str(&self.kind);
        out.push(' ');
        out.push_str(&self.name);
        out.push_str(" [");
        out.push_str(&self.roles.join(" "));
        out.push_str("]}");
    }
    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "Kind" => Some(Value::from(self.kind.as_str())),
            "Name" => Some(Value::from(self.name.as_str())),
            "Roles" => Some(Value::string_list(
                self.roles.iter().map(|r| Rc::<str>::from(r.as_str())),
            )),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The default `clusterRoles` of a Tenant owner (Capsule CRD default).
const DEFAULT_OWNER_ROLES: &[&str] = &["admin", "capsule-namespace-deleter"];

/// The subjects of `status.owners[]` (falling back to `spec.owners[]` when the input has no
/// status) and `spec.additionalRoleBindings[].subjects[]`, merged per (kind, name), sorted by
/// kind then name, roles sorted and de-duplicated.
pub fn rbac_subjects(tenant: &Json) -> Vec<RbacSubject> {
    let mut acc: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let owners = tenant
        .get("status")
        .and_then(|s| s.get("owners"))
        .and_then(Json::as_array)
        .or_else(|| {
            tenant
                .get("spec")
                .and_then(|s| s.get("owners"))
                .and_then(Json::as_array)
        });
    for o in owners.into_iter().flatten() {
        let kind = o.get("kind").and_then(Json::as_str).unwrap_or("");
        let name = o.get("name").and_then(Json::as_str).unwrap_or("");
        if name.is_empty() {
            continue;
        }
        let roles: Vec<String> = match o.get("clusterRoles").and_then(Json::as_array) {
            Some(rs) => rs
                .iter()
                .filter_map(Json::as_str)
                .map(str::to_string)
                .collect(),
            None => DEFAULT_OWNER_ROLES.iter().map(|s| s.to_string()).collect(),
        };
        acc.entry((kind.into(), name.into()))
            .or_default()
            .extend(roles);
    }
    let bindings = tenant
        .get("spec")
        .and_then(|s| s.get("additionalRoleBindings"))
        .and_then(Json::as_array);
    for b in bindings.into_iter().flatten() {
        let role = b
            .get("clusterRoleName")
            .and_then(Json::as_str)
            .unwrap_or("");
        for s in b
            .get("subjects")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let kind = s.get("kind").and_then(Json::as_str).unwrap_or("");
            let name = s.get("name").and_then(Json::as_str).unwrap_or("");
            if name.is_empty() {
                continue;
            }
            let e = acc.entry((kind.into(), name.into())).or_default();
            if !role.is_empty() {
                e.push(role.to_string());
            }
        }
    }
    acc.into_iter()
        .map(|((kind, name), mut roles)| {
            roles.sort();
            roles.dedup();
            RbacSubject { kind, name, roles }
        })
        .collect()
}

/// Removes `metadata.managedFields` and the last-applied annotation (Capsule's context
/// sanitising of Tenants and Namespaces), and the host's annotations (kpt and kustomize add
/// them to every item; the cluster objects Capsule reads never carry them).
fn strip_managed(v: &mut Json) {
    if let Some(meta) = v.get_mut("metadata").and_then(Json::as_object_mut) {
        meta.remove("managedFields");
    }
    super::object::remove_annotation(v, LAST_APPLIED);
    super::object::remove_host_annotations(v);
}

/// A typed object converted to a map has no apiVersion/kind (it came from a typed list) and a
/// `creationTimestamp: null` when the input carries none.
fn as_typed(v: &mut Json) {
    if let Some(o) = v.as_object_mut() {
        o.remove("apiVersion");
        o.remove("kind");
    }
    if let Some(meta) = super::object::metadata_mut(v) {
        meta.entry("creationTimestamp").or_insert(Json::Null);
    }
}

/// Adds `metadata.labels["kubernetes.io/metadata.name"] = <name>` when absent: the API server
/// sets it on every Namespace and Capsule's tenant controller on every Tenant, so templates
/// running in the cluster always see it.
fn with_name_label(v: &mut Json) {
    let name = super::object::name(&*v).to_string();
    if name.is_empty() {
        return;
    }
    if let Some(l) = super::object::meta_map_mut(v, "labels") {
        l.entry(super::inputs::NAME_LABEL)
            .or_insert(Json::String(name));
    }
}

/// `$.tenant`: the Tenant as a map with `spec.data` present (null when unset), `status` present,
/// the name label, and `rbac`.
pub fn tenant_value(tenant: &Json) -> Value {
    let mut v = tenant.clone();
    with_name_label(&mut v);
    tenant_map(v, tenant)
}

fn tenant_map(mut v: Json, tenant: &Json) -> Value {
    strip_managed(&mut v);
    as_typed(&mut v);
    if let Some(o) = v.as_object_mut() {
        let spec = o
            .entry("spec")
            .or_insert_with(|| Json::Object(serde_json::Map::new()));
        if let Some(s) = spec.as_object_mut() {
            s.entry("data").or_insert(Json::Null);
        }
        o.entry("status")
            .or_insert_with(|| Json::Object(serde_json::Map::new()));
    }
    with_rbac(Value::from_json(&v), rbac_subjects(tenant))
}

fn with_rbac(tenant: Value, subjects: Vec<RbacSubject>) -> Value {
    let mut map: Map = tenant.as_map().map(|m| m.clone()).unwrap_or_default();
    let list: Vec<Value> = subjects
        .into_iter()
        .map(|s| Value::Object(Rc::new(s)))
        .collect();
    map.insert("rbac".into(), Value::List(Rc::new(list), ListKind::Any));
    Value::from(map)
}

/// `$.tenant` in `None` scope: a Tenant whose only content is `metadata.name: None`.
pub fn none_tenant_value() -> Value {
    let t = serde_json::json!({"metadata": {"name": "None"}});
    tenant_map(t.clone(), &t)
}

/// `$.namespace`: the Namespace as a map (managedFields and last-applied removed, the name label
/// and empty `spec`/`status` added when the input lacks them).
pub fn namespace_value(ns: &Json) -> Value {
    let mut v = ns.clone();
    strip_managed(&mut v);
    as_typed(&mut v);
    with_name_label(&mut v);
    // A typed Namespace converted to a map always has `spec` and `status` (maybe empty).
    if let Some(o) = v.as_object_mut() {
        for k in ["spec", "status"] {
            o.entry(k)
                .or_insert_with(|| Json::Object(serde_json::Map::new()));
        }
    }
    Value::from_json(&v)
}

/// A context object as templates see it: `uid`, `resourceVersion`, `generation`,
/// `ownerReferences`, `managedFields`, the last-applied annotation and `status` removed.
pub fn context_object_value(obj: &Json) -> Value {
    let mut v = obj.clone();
    strip_managed(&mut v);
    if let Some(o) = v.as_object_mut() {
        o.remove("status");
    }
    if let Some(meta) = v.get_mut("metadata").and_then(Json::as_object_mut) {
        for k in ["uid", "resourceVersion", "generation", "ownerReferences"] {
            meta.remove(k);
        }
    }
    Value::from_json(&v)
}

/// The top-level data: context entries first, then `tenant`, then `namespace`.
pub fn build(
    context: Vec<(String, Vec<Value>)>,
    tenant: &Value,
    namespace: Option<&Value>,
) -> Value {
    let mut map = Map::new();
    for (key, objects) in context {
        if !objects.is_empty() {
            map.insert(key, Value::List(Rc::new(objects), ListKind::Map));
        }
    }
    map.insert("tenant".into(), tenant.clone());
    if let Some(ns) = namespace {
        map.insert("namespace".into(), ns.clone());
    }
    Value::from(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn get(v: &Value, path: &[&str]) -> Option<Value> {
        let mut cur = v.clone();
        for k in path {
            cur = cur.map_get(k)?;
        }
        Some(cur)
    }

    #[test]
    fn tenant_shape() {
        let t = json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant",
            "metadata": {"name": "solar", "managedFields": [{}], "annotations": {LAST_APPLIED: "{}", "keep": "x", "config.kubernetes.io/path": "t.yaml", "internal.config.kubernetes.io/seqindent": "wide"}},
            "spec": {"owners": [{"kind": "User", "name": "alice"}],
                     "additionalRoleBindings": [{"clusterRoleName": "view", "subjects": [{"kind": "User", "name": "alice"}, {"kind": "Group", "name": "devs"}]}]},
            "status": {"owners": [{"kind": "User", "name": "alice", "clusterRoles": ["admin"]}]}});
        let v = tenant_value(&t);
        assert!(get(&v, &["apiVersion"]).is_none());
        assert!(get(&v, &["metadata", "managedFields"]).is_none());
        assert!(get(&v, &["metadata", "annotations", LAST_APPLIED]).is_none());
        assert!(get(&v, &["metadata", "annotations", "keep"]).is_some());
        for host in [
            "config.kubernetes.io/path",
            "internal.config.kubernetes.io/seqindent",
        ] {
            assert!(
                get(&v, &["metadata", "annotations", host]).is_none(),
                "{host}"
            );
        }
        assert!(matches!(get(&v, &["spec", "data"]), Some(Value::Nil)));
        let rbac = get(&v, &["rbac"]).expect("rbac is always there");
        assert_eq!(
            rbac.to_template_string(),
            "[{Group devs [view]} {User alice [admin view]}]"
        );
        let first = &rbac.as_list().expect("a list")[1];
        let Value::Object(o) = first else {
            panic!("a struct")
        };
        assert_eq!(
            o.field("Name").map(|v| v.to_template_string()),
            Some("alice".into())
        );
        assert_eq!(
            o.field("Roles").map(|v| v.to_template_string()),
            Some("[admin view]".into())
        );
        assert!(o.field("name").is_none());
    }

    #[test]
    fn spec_owners_fallback_has_crd_default_roles() {
        let t = json!({"metadata": {"name": "t"}, "spec": {"owners": [{"kind": "User", "name": "bob"}]}});
        assert_eq!(
            rbac_subjects(&t),
            vec![RbacSubject {
                kind: "User".into(),
                name: "bob".into(),
                roles: vec!["admin".into(), "capsule-namespace-deleter".into()]
            }]
        );
    }

    #[test]
    fn name_labels_as_in_the_cluster() {
        let t = tenant_value(&json!({"metadata": {"name": "solar"}}));
        assert_eq!(
            get(&t, &["metadata", "labels", "kubernetes.io/metadata.name"])
                .map(|v| v.to_template_string()),
            Some("solar".into())
        );
        let n = namespace_value(
            &json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n", "labels": {"kubernetes.io/metadata.name": "n"}}}),
        );
        assert!(
            get(&n, &["spec"])
                .and_then(|v| v.as_map().map(|m| m.is_empty()))
                .unwrap_or(false)
        );
        assert!(get(&n, &["status"]).is_some());
        assert!(get(&none_tenant_value(), &["metadata", "labels"]).is_none());
    }

    #[test]
    fn none_tenant() {
        let v = none_tenant_value();
        assert_eq!(
            get(&v, &["metadata", "name"]).map(|v| v.to_template_string()),
            Some("None".into())
        );
        assert_eq!(
            get(&v, &["rbac"]).map(|v| v.to_template_string()),
            Some("[]".into())
        );
    }

    #[test]
    fn context_objects_are_stripped() {
        let o = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "uid": "1", "resourceVersion": "2",
            "generation": 3, "ownerReferences": [], "labels": {"a": "b"},
            "annotations": {"config.kubernetes.io/index": "4", "internal.config.kubernetes.io/path": "s.yaml"}},
            "data": {"k": "v"}, "status": {"x": 1}});
        let v = context_object_value(&o);
        let meta = get(&v, &["metadata"]).expect("metadata");
        let meta = meta.as_map().expect("metadata is a map");
        // The host's annotations were the only ones: the map goes with them.
        assert_eq!(
            meta.keys().cloned().collect::<Vec<_>>(),
            vec!["labels", "name"]
        );
        assert!(get(&v, &["status"]).is_none());
        assert!(get(&v, &["apiVersion"]).is_some());
    }

    #[test]
    fn precedence_and_absent_keys() {
        let tenant = tenant_value(&json!({"metadata": {"name": "t"}}));
        let ns = namespace_value(
            &json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}}),
        );
        let data = build(
            vec![
                ("tenant".into(), vec![Value::from("shadowed")]),
                ("empty".into(), vec![]),
                ("0".into(), vec![Value::from("x")]),
            ],
            &tenant,
            Some(&ns),
        );
        let m = data.as_map().expect("map");
        assert!(!m.contains_key("empty"));
        assert_eq!(m["0"].type_name(), "[]map[string]interface {}");
        assert_eq!(
            get(&data, &["tenant", "metadata", "name"]).map(|v| v.to_template_string()),
            Some("t".into())
        );
        assert_eq!(
            get(&data, &["namespace", "metadata", "name"]).map(|v| v.to_template_string()),
            Some("n".into())
        );
    }
}
