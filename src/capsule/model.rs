//! Typed views of the Capsule objects a render reads — `GlobalTenantResource`,
//! `TenantResource` (`api/v1beta2/tenantresource_*.go`), with the CRD defaults applied the way the
//! API server would (scope `Namespace`, `pruningOnDelete: true`, `adopt`/`force`/`cordoned: false`,
//! `missingKey: zero`, `optional: true`), and the CRD's structural validation reported with the
//! field path.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::Item;
use super::object;
use super::selector::LabelSelector;
use crate::diagnostic::ResourceRef;
use crate::json_view::JsonView;
use crate::template::MissingKey;

/// `capsule.clastix.io/v1beta2`.
pub const CAPSULE_V1BETA2: &str = "capsule.clastix.io/v1beta2";

/// Which of the two replication kinds an object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplicationKind {
    Global,
    Namespaced,
}

impl ReplicationKind {
    /// The Kubernetes kind.
    pub fn kind(self) -> &'static str {
        match self {
            ReplicationKind::Global => "GlobalTenantResource",
            ReplicationKind::Namespaced => "TenantResource",
        }
    }

    /// Recognises a replication object by apiVersion and kind.
    pub fn of<'a>(v: impl JsonView<'a>) -> Option<ReplicationKind> {
        if object::api_version(v) != CAPSULE_V1BETA2 {
            return None;
        }
        match object::kind(v) {
            "GlobalTenantResource" => Some(ReplicationKind::Global),
            "TenantResource" => Some(ReplicationKind::Namespaced),
            _ => None,
        }
    }
}

/// `spec.scope` (`pkg/api/scope.go`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Tenant,
    Namespace,
    None,
}

/// A `ResourceReference` (namespacedItems) or `TemplateResourceReference` (context).
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceReference {
    pub kind: String,
    pub api_version: String,
    pub name: String,
    pub namespace: String,
    pub selector: Option<LabelSelector>,
    /// Default `true`.
    pub optional: bool,
    /// Context only: the key in the template data (empty: the position).
    pub index: String,
}

/// One `generators[]` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratorSpec {
    pub template: String,
    pub missing_key: MissingKey,
}

/// One `spec.resources[]` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceSpec {
    pub namespace_selector: Option<LabelSelector>,
    pub namespaced_items: Vec<ResourceReference>,
    pub raw_items: Vec<Json>,
    pub generators: Vec<GeneratorSpec>,
    pub context: Vec<ResourceReference>,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
}

/// A GlobalTenantResource or TenantResource with defaults applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Replication {
    pub kind: ReplicationKind,
    pub name: String,
    /// TenantResource only: its namespace.
    pub namespace: String,
    pub scope: Scope,
    /// GTR only; empty selects every tenant.
    pub tenant_selector: LabelSelector,
    pub adopt: bool,
    pub force: bool,
    pub pruning_on_delete: bool,
    pub cordoned: bool,
    pub resources: Vec<ResourceSpec>,
    /// The kpt/kustomize file the object came from, when annotated.
    pub file: Option<String>,
    /// `metadata.uid`, when the input carries one (needed for ownerReferences).
    pub uid: String,
    /// `spec.dependsOn[].name`.
    pub depends_on: Vec<String>,
}

/// A structural problem in a replication object: the CRD would have rejected it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError {
    pub field_path: String,
    pub message: String,
}

impl Replication {
    /// The diagnostic reference to this object.
    pub fn resource_ref(&self) -> ResourceRef {
        ResourceRef {
            api_version: CAPSULE_V1BETA2.to_string(),
            kind: self.kind.kind().to_string(),
            name: self.name.clone(),
            namespace: self.namespace.clone(),
        }
    }

    /// How provenance and messages name it: `GlobalTenantResource/<name>` or
    /// `TenantResource/<namespace>/<name>`.
    pub fn owner_key(&self) -> String {
        match self.kind {
            ReplicationKind::Global => format!("GlobalTenantResource/{}", self.name),
            ReplicationKind::Namespaced => {
                format!("TenantResource/{}/{}", self.namespace, self.name)
            }
        }
    }

    /// Reads and validates a replication object. Every structural error is returned, not only
    /// the first.
    pub fn from_json(v: &Json, kind: ReplicationKind) -> Result<Replication, Vec<ModelError>> {
        let mut errs = Vec::new();
        let name = object::name(v).to_string();
        if name.is_empty() {
            errs.push(err("metadata.name", "Required value: name is required"));
        }
        let namespace = object::namespace(v).to_string();
        if kind == ReplicationKind::Namespaced && namespace.is_empty() {
            errs.push(err(
                "metadata.namespace",
                "Required value: a TenantResource is namespaced and needs metadata.namespace",
            ));
        }
        let empty = Json::Object(serde_json::Map::new());
        let spec = match v.get("spec") {
            Some(s @ Json::Object(_)) => s,
            Some(Json::Null) | None => {
                errs.push(err("spec", "Required value"));
                &empty
            }
            Some(other) => {
                errs.push(type_err("spec", other, "object"));
                &empty
            }
        };
        let scope = if kind == ReplicationKind::Global {
            match spec.get("scope") {
                None | Some(Json::Null) => Scope::Namespace,
                Some(Json::String(s)) => match s.as_str() {
                    "Tenant" => Scope::Tenant,
                    "Namespace" => Scope::Namespace,
                    "None" => Scope::None,
                    other => {
                        errs.push(err(
                            "spec.scope",
                            &format!(
                                "Unsupported value: {other:?}: supported values: \"Tenant\", \"Namespace\", \"None\""
                            ),
                        ));
                        Scope::Namespace
                    }
                },
                Some(other) => {
                    errs.push(type_err("spec.scope", other, "string"));
                    Scope::Namespace
                }
            }
        } else {
            Scope::Namespace
        };
        let tenant_selector = if kind == ReplicationKind::Global {
            read_selector(spec.get("tenantSelector"), "spec.tenantSelector", &mut errs)
                .unwrap_or_default()
        } else {
            LabelSelector::default()
        };
        let settings = spec.get("settings");
        let adopt = read_bool(
            settings.and_then(|s| s.get("adopt")),
            "spec.settings.adopt",
            false,
            &mut errs,
        );
        let force = read_bool(
            settings.and_then(|s| s.get("force")),
            "spec.settings.force",
            false,
            &mut errs,
        );
        let pruning_on_delete = read_bool(
            spec.get("pruningOnDelete"),
            "spec.pruningOnDelete",
            true,
            &mut errs,
        );
        let cordoned = read_bool(spec.get("cordoned"), "spec.cordoned", false, &mut errs);
        let mut depends_on = Vec::new();
        match spec.get("dependsOn") {
            None | Some(Json::Null) => {}
            Some(Json::Array(list)) => {
                for (i, d) in list.iter().enumerate() {
                    let p = format!("spec.dependsOn[{i}].name");
                    let n = read_string(d.get("name"), &p, &mut errs);
                    if n.is_empty() {
                        errs.push(err(&p, "Required value"));
                    } else {
                        depends_on.push(n);
                    }
                }
            }
            Some(other) => errs.push(type_err("spec.dependsOn", other, "array")),
        }
        let mut resources = Vec::new();
        match spec.get("resources") {
            Some(Json::Array(list)) => {
                for (i, r) in list.iter().enumerate() {
                    if let Some(r) = read_resource(r, &format!("spec.resources[{i}]"), &mut errs) {
                        resources.push(r);
                    }
                }
            }
            None | Some(Json::Null) => errs.push(err("spec.resources", "Required value")),
            Some(other) => errs.push(type_err("spec.resources", other, "array")),
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let file = object::annotation(v, "internal.config.kubernetes.io/path")
            .or_else(|| object::annotation(v, "config.kubernetes.io/path"))
            .map(str::to_string);
        Ok(Replication {
            kind,
            name,
            namespace,
            scope,
            tenant_selector,
            adopt,
            force,
            pruning_on_delete,
            cordoned,
            resources,
            file,
            uid: object::str_at(v, &["metadata", "uid"]).to_string(),
            depends_on,
        })
    }
}

fn err(field_path: &str, message: &str) -> ModelError {
    ModelError {
        field_path: field_path.to_string(),
        message: message.to_string(),
    }
}

fn json_type(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

/// The API server's structural-schema message for a type mismatch.
fn type_err(field_path: &str, v: &Json, want: &str) -> ModelError {
    let got = json_type(v);
    err(
        field_path,
        &format!("Invalid value: {got:?}: {field_path} in body must be of type {want}: {got:?}"),
    )
}

fn read_bool(v: Option<&Json>, path: &str, default: bool, errs: &mut Vec<ModelError>) -> bool {
    match v {
        None | Some(Json::Null) => default,
        Some(Json::Bool(b)) => *b,
        Some(other) => {
            errs.push(type_err(path, other, "boolean"));
            default
        }
    }
}

fn read_string(v: Option<&Json>, path: &str, errs: &mut Vec<ModelError>) -> String {
    match v {
        None | Some(Json::Null) => String::new(),
        Some(Json::String(s)) => s.clone(),
        Some(other) => {
            errs.push(type_err(path, other, "string"));
            String::new()
        }
    }
}

fn read_string_map(
    v: Option<&Json>,
    path: &str,
    errs: &mut Vec<ModelError>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    match v {
        None | Some(Json::Null) => {}
        Some(Json::Object(m)) => {
            for (k, val) in m {
                match val {
                    Json::String(s) => {
                        out.insert(k.clone(), s.clone());
                    }
                    other => errs.push(type_err(&format!("{path}.{k}"), other, "string")),
                }
            }
        }
        Some(other) => errs.push(type_err(path, other, "object")),
    }
    out
}

/// Reads a selector; when it needs no fast templating it is validated now, otherwise after
/// templating in each iteration.
fn read_selector(
    v: Option<&Json>,
    path: &str,
    errs: &mut Vec<ModelError>,
) -> Option<LabelSelector> {
    let v = match v {
        None | Some(Json::Null) => return None,
        Some(v) => v,
    };
    let join = |f: &str| {
        if f.is_empty() {
            path.to_string()
        } else {
            format!("{path}.{f}")
        }
    };
    match LabelSelector::from_json(v) {
        Ok(sel) => {
            if !selector_requires_templating(&sel)
                && let Err(e) = sel.validate()
            {
                errs.push(err(&join(&e.field), &e.message));
            }
            Some(sel)
        }
        Err(e) => {
            errs.push(err(&join(&e.field), &e.message));
            None
        }
    }
}

/// `SelectorRequiresTemplating`.
pub fn selector_requires_templating(sel: &LabelSelector) -> bool {
    use super::fast_template::requires_fast_template as r;
    sel.match_labels.iter().any(|(k, v)| r(k) || r(v))
        || sel
            .match_expressions
            .iter()
            .any(|e| r(&e.key) || e.values.iter().any(|v| r(v)))
}

/// `schema.ParseGroupVersion`'s check: at most one `/`.
pub fn check_group_version(s: &str) -> Result<(), String> {
    if s.matches('/').count() > 1 {
        Err(format!("unexpected GroupVersion string: {s}"))
    } else {
        Ok(())
    }
}

fn read_reference(
    v: &Json,
    path: &str,
    with_index: bool,
    errs: &mut Vec<ModelError>,
) -> Option<ResourceReference> {
    if !v.is_object() {
        errs.push(type_err(path, v, "object"));
        return None;
    }
    let kind = read_string(v.get("kind"), &format!("{path}.kind"), errs);
    if kind.is_empty() {
        errs.push(err(&format!("{path}.kind"), "Required value"));
    }
    let api_version = read_string(v.get("apiVersion"), &format!("{path}.apiVersion"), errs);
    if let Err(m) = check_group_version(&api_version) {
        errs.push(err(&format!("{path}.apiVersion"), &m));
    }
    let name = read_string(v.get("name"), &format!("{path}.name"), errs);
    if name.len() > 253 {
        errs.push(err(
            &format!("{path}.name"),
            "Too long: may not be longer than 253",
        ));
    }
    let namespace = read_string(v.get("namespace"), &format!("{path}.namespace"), errs);
    let selector = read_selector(v.get("selector"), &format!("{path}.selector"), errs);
    let optional = read_bool(v.get("optional"), &format!("{path}.optional"), true, errs);
    let index = if with_index {
        read_string(v.get("index"), &format!("{path}.index"), errs)
    } else {
        String::new()
    };
    Some(ResourceReference {
        kind,
        api_version,
        name,
        namespace,
        selector,
        optional,
        index,
    })
}

fn read_resource(v: &Json, path: &str, errs: &mut Vec<ModelError>) -> Option<ResourceSpec> {
    if !v.is_object() {
        errs.push(type_err(path, v, "object"));
        return None;
    }
    let namespace_selector = read_selector(
        v.get("namespaceSelector"),
        &format!("{path}.namespaceSelector"),
        errs,
    );
    let mut namespaced_items = Vec::new();
    match v.get("namespacedItems") {
        None | Some(Json::Null) => {}
        Some(Json::Array(list)) => {
            for (i, r) in list.iter().enumerate() {
                if let Some(r) =
                    read_reference(r, &format!("{path}.namespacedItems[{i}]"), false, errs)
                {
                    namespaced_items.push(r);
                }
            }
        }
        Some(other) => errs.push(type_err(&format!("{path}.namespacedItems"), other, "array")),
    }
    let mut raw_items = Vec::new();
    match v.get("rawItems") {
        None | Some(Json::Null) => {}
        Some(Json::Array(list)) => {
            for (i, r) in list.iter().enumerate() {
                let p = format!("{path}.rawItems[{i}]");
                if !r.is_object() {
                    errs.push(type_err(&p, r, "object"));
                    continue;
                }
                if r.get("kind")
                    .and_then(Json::as_str)
                    .unwrap_or("")
                    .is_empty()
                {
                    errs.push(err(
                        &format!("{p}.kind"),
                        &format!(
                            "Object 'Kind' is missing in '{}'",
                            serde_json::to_string(r).unwrap_or_default()
                        ),
                    ));
                }
                raw_items.push(r.clone());
            }
        }
        Some(other) => errs.push(type_err(&format!("{path}.rawItems"), other, "array")),
    }
    let mut generators = Vec::new();
    match v.get("generators") {
        None | Some(Json::Null) => {}
        Some(Json::Array(list)) => {
            for (i, g) in list.iter().enumerate() {
                let p = format!("{path}.generators[{i}]");
                if !g.is_object() {
                    errs.push(type_err(&p, g, "object"));
                    continue;
                }
                let template = read_string(g.get("template"), &format!("{p}.template"), errs);
                let mk = read_string(g.get("missingKey"), &format!("{p}.missingKey"), errs);
                let missing_key = match mk.as_str() {
                    "" | "zero" => MissingKey::Zero,
                    "invalid" => MissingKey::Invalid,
                    "error" => MissingKey::Error,
                    other => {
                        errs.push(err(
                            &format!("{p}.missingKey"),
                            &format!(
                                "Unsupported value: {other:?}: supported values: \"invalid\", \"zero\", \"error\""
                            ),
                        ));
                        MissingKey::Zero
                    }
                };
                generators.push(GeneratorSpec {
                    template,
                    missing_key,
                });
            }
        }
        Some(other) => errs.push(type_err(&format!("{path}.generators"), other, "array")),
    }
    let mut context = Vec::new();
    match v.get("context") {
        None | Some(Json::Null) => {}
        Some(Json::Object(c)) => match c.get("resources") {
            None | Some(Json::Null) => {}
            Some(Json::Array(list)) => {
                for (i, r) in list.iter().enumerate() {
                    if let Some(r) =
                        read_reference(r, &format!("{path}.context.resources[{i}]"), true, errs)
                    {
                        context.push(r);
                    }
                }
            }
            Some(other) => errs.push(type_err(
                &format!("{path}.context.resources"),
                other,
                "array",
            )),
        },
        Some(other) => errs.push(type_err(&format!("{path}.context"), other, "object")),
    }
    let am = v.get("additionalMetadata");
    if let Some(a) = am
        && !a.is_object()
        && !a.is_null()
    {
        errs.push(type_err(&format!("{path}.additionalMetadata"), a, "object"));
    }
    let labels = read_string_map(
        am.and_then(|a| a.get("labels")),
        &format!("{path}.additionalMetadata.labels"),
        errs,
    );
    let annotations = read_string_map(
        am.and_then(|a| a.get("annotations")),
        &format!("{path}.additionalMetadata.annotations"),
        errs,
    );
    Some(ResourceSpec {
        namespace_selector,
        namespaced_items,
        raw_items,
        generators,
        context,
        labels,
        annotations,
    })
}

/// A Tenant as the render sees it.
#[derive(Clone, Debug)]
pub struct TenantView<'a> {
    pub name: String,
    pub json: Item<'a>,
}

/// A label of a Tenant or Namespace for selection: its string labels, and
/// `kubernetes.io/metadata.name` = its name when it lacks that label (the API server and the
/// tenant controller set it).
fn selection_label<'a>(json: Item<'a>, name: &'a str, key: &str) -> Option<&'a str> {
    match json.str_at(&["metadata", "labels", key]) {
        None if key == super::inputs::NAME_LABEL => Some(name),
        found => found,
    }
}

impl<'a> TenantView<'a> {
    /// A label, for selection (see [`selection_label`]).
    pub fn label<'s>(&'s self, key: &str) -> Option<&'s str> {
        selection_label(self.json, &self.name, key)
    }
}

impl<'a> NamespaceView<'a> {
    /// A label, for selection (see [`selection_label`]).
    pub fn label<'s>(&'s self, key: &str) -> Option<&'s str> {
        selection_label(self.json, &self.name, key)
    }
}

/// A Namespace as the render sees it.
#[derive(Clone, Debug)]
pub struct NamespaceView<'a> {
    pub name: String,
    /// The owning tenant (label `capsule.clastix.io/tenant`, else a Tenant ownerReference).
    pub tenant: Option<String>,
    /// Deletion timestamp set or phase `Terminating`: Capsule skips objects aimed at it.
    pub terminating: bool,
    pub json: Item<'a>,
}

/// True for a `capsule.clastix.io` Tenant (any version: v1beta1 objects still name tenants).
pub fn is_tenant<'a>(v: impl JsonView<'a>) -> bool {
    object::kind(v) == "Tenant" && object::group_of(object::api_version(v)) == "capsule.clastix.io"
}

/// True for a core `v1` Namespace.
pub fn is_namespace<'a>(v: impl JsonView<'a>) -> bool {
    object::kind(v) == "Namespace" && object::api_version(v) == "v1"
}

impl<'a> NamespaceView<'a> {
    /// The view of a Namespace object.
    pub fn of(v: Item<'a>) -> NamespaceView<'a> {
        let terminating = v
            .at(&["metadata", "deletionTimestamp"])
            .is_some_and(|t| !t.is_null())
            || object::str_at(v, &["status", "phase"]) == "Terminating";
        NamespaceView {
            name: object::name(v).to_string(),
            tenant: super::membership::tenant_of_namespace(v),
            terminating,
            json: v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn gtr(spec: Json) -> Json {
        json!({"apiVersion": CAPSULE_V1BETA2, "kind": "GlobalTenantResource", "metadata": {"name": "g"}, "spec": spec})
    }

    #[test]
    fn crd_defaults() {
        let r = Replication::from_json(&gtr(json!({"resources": [{}]})), ReplicationKind::Global)
            .expect("valid");
        assert_eq!(r.scope, Scope::Namespace);
        assert!(r.pruning_on_delete && !r.adopt && !r.force && !r.cordoned);
        assert!(r.tenant_selector.is_empty());
        let r = Replication::from_json(
            &gtr(json!({"resources": [{"generators": [{"template": "x"}], "context": {"resources": [{"kind": "Secret", "apiVersion": "v1", "name": "s"}]}}]})),
            ReplicationKind::Global,
        )
        .expect("valid");
        assert_eq!(r.resources[0].generators[0].missing_key, MissingKey::Zero);
        assert!(r.resources[0].context[0].optional);
    }

    #[test]
    fn unknown_scope_is_rejected_with_path() {
        let e = Replication::from_json(
            &gtr(json!({"scope": "Cluster", "resources": []})),
            ReplicationKind::Global,
        )
        .expect_err("bad scope");
        assert_eq!(e[0].field_path, "spec.scope");
        assert_eq!(
            e[0].message,
            "Unsupported value: \"Cluster\": supported values: \"Tenant\", \"Namespace\", \"None\""
        );
    }

    #[test]
    fn missing_key_default_is_not_allowed() {
        let e = Replication::from_json(
            &gtr(
                json!({"resources": [{"generators": [{"template": "", "missingKey": "default"}]}]}),
            ),
            ReplicationKind::Global,
        )
        .expect_err("default is not in the CRD enum");
        assert_eq!(
            e[0].field_path,
            "spec.resources[0].generators[0].missingKey"
        );
    }

    #[test]
    fn all_errors_are_collected() {
        let e = Replication::from_json(
            &gtr(json!({"resources": [{"rawItems": [{"apiVersion": "v1"}], "namespacedItems": [{"apiVersion": "a/b/c"}],
                "namespaceSelector": {"matchExpressions": [{"key": "a", "operator": "Bad"}]}}]})),
            ReplicationKind::Global,
        )
        .expect_err("three problems");
        let paths: Vec<&str> = e.iter().map(|e| e.field_path.as_str()).collect();
        assert!(
            paths.contains(&"spec.resources[0].namespaceSelector.matchExpressions[0].operator")
        );
        assert!(paths.contains(&"spec.resources[0].namespacedItems[0].kind"));
        assert!(paths.contains(&"spec.resources[0].namespacedItems[0].apiVersion"));
        assert!(paths.contains(&"spec.resources[0].rawItems[0].kind"));
    }

    #[test]
    fn resources_required() {
        let e =
            Replication::from_json(&gtr(json!({})), ReplicationKind::Global).expect_err("required");
        assert_eq!(e[0].field_path, "spec.resources");
    }

    #[test]
    fn templated_selector_validated_later() {
        let r = Replication::from_json(
            &gtr(
                json!({"resources": [{"context": {"resources": [{"kind": "Secret", "apiVersion": "v1",
                "selector": {"matchExpressions": [{"key": "{{ missing }}", "operator": "Exists"}]}}]}}]}),
            ),
            ReplicationKind::Global,
        );
        assert!(r.is_ok());
    }

    #[test]
    fn terminating_namespace() {
        let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a", "deletionTimestamp": "2024-01-01T00:00:00Z"}});
        let ns = crate::packed::Packed::of(&ns);
        assert!(NamespaceView::of(ns.view()).terminating);
        let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}, "status": {"phase": "Terminating"}});
        let ns = crate::packed::Packed::of(&ns);
        assert!(NamespaceView::of(ns.view()).terminating);
    }
}
