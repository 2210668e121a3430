//! Object transformations before apply (capsule-semantics.md §6.1, `AddToAccumulation`) and the
//! labels Capsule adds after it (§6.2): additionalMetadata (fast-templated keys and values;
//! non-empty labels merged then Capsule's reserved label keys removed — with no additional labels
//! user-written reserved labels stay, Capsule's quirk), annotations merged, sanitising, and the
//! `projectcapsule.dev/created-by` / `projectcapsule.dev/managed-by: replications` labels.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::fast_template::{FastContext, FastTemplateError};
use super::object;
use super::template_data::LAST_APPLIED;

/// `projectcapsule.dev/created-by`.
pub const CREATED_BY: &str = "projectcapsule.dev/created-by";
/// `projectcapsule.dev/managed-by`.
pub const MANAGED_BY: &str = "projectcapsule.dev/managed-by";
/// The legacy `capsule.clastix.io/resources` label.
pub const LEGACY_RESOURCES: &str = "capsule.clastix.io/resources";
/// The legacy `capsule.clastix.io/managed-by` label (set to the tenant by the metadata webhook).
pub const LEGACY_MANAGED_BY: &str = "capsule.clastix.io/managed-by";
/// `projectcapsule.dev/tenant` (metadata webhook).
pub const TENANT: &str = "projectcapsule.dev/tenant";
/// The value of Capsule's replication labels.
pub const REPLICATIONS: &str = "replications";

/// Label keys removed from objects when additional labels are merged.
pub const RESERVED: &[&str] = &[LEGACY_RESOURCES, CREATED_BY, LEGACY_MANAGED_BY, MANAGED_BY];

/// additionalMetadata after fast templating.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdditionalMetadata {
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
}

/// `GatherAdditionalMetadata`: keys and values fast-templated; keys templating to the same
/// string collapse (the last in key order wins here; Capsule's map order is random).
pub fn template(
    labels: &BTreeMap<String, String>,
    annotations: &BTreeMap<String, String>,
    fast: &FastContext,
) -> Result<AdditionalMetadata, FastTemplateError> {
    let mut out = AdditionalMetadata::default();
    for (k, v) in labels {
        out.labels.insert(fast.apply(k)?, fast.apply(v)?);
    }
    for (k, v) in annotations {
        out.annotations.insert(fast.apply(k)?, fast.apply(v)?);
    }
    Ok(out)
}

/// Merges additionalMetadata onto an object (additional metadata wins).
pub fn apply(obj: &mut Json, md: &AdditionalMetadata) {
    if !md.labels.is_empty()
        && let Some(l) = object::meta_map_mut(obj, "labels")
    {
        {
            for (k, v) in &md.labels {
                l.insert(k.clone(), Json::String(v.clone()));
            }
            for k in RESERVED {
                l.remove(*k);
            }
        }
    }
    if !md.annotations.is_empty()
        && let Some(a) = object::meta_map_mut(obj, "annotations")
    {
        for (k, v) in &md.annotations {
            a.insert(k.clone(), Json::String(v.clone()));
        }
    }
}

/// `sanitize.SanitizeUnstructured` with the default options: uid, resourceVersion,
/// ownerReferences, generation, managedFields, the last-applied annotation and status removed.
pub fn sanitize(obj: &mut Json) {
    if let Some(o) = obj.as_object_mut() {
        o.remove("status");
    }
    if let Some(meta) = obj.get_mut("metadata").and_then(Json::as_object_mut) {
        for k in [
            "uid",
            "resourceVersion",
            "ownerReferences",
            "generation",
            "managedFields",
        ] {
            meta.remove(k);
        }
    }
    object::remove_annotation(obj, LAST_APPLIED);
}

/// What Capsule's post-apply patch leaves on an object it created: `created-by` and
/// `managed-by: replications`, the legacy `capsule.clastix.io/resources` label removed.
pub fn add_capsule_labels(obj: &mut Json) {
    if let Some(l) = object::meta_map_mut(obj, "labels") {
        l.remove(LEGACY_RESOURCES);
        l.insert(CREATED_BY.into(), Json::String(REPLICATIONS.into()));
        l.insert(MANAGED_BY.into(), Json::String(REPLICATIONS.into()));
    }
}

/// What Capsule's metadata webhook puts on a namespaced object in a tenant namespace.
pub fn add_tenant_labels(obj: &mut Json, tenant: &str) {
    if let Some(l) = object::meta_map_mut(obj, "labels") {
        l.insert(TENANT.into(), Json::String(tenant.into()));
        l.insert(LEGACY_MANAGED_BY.into(), Json::String(tenant.into()));
    }
}

/// The ownerReference Capsule adds for a GlobalTenantResource that created the object (no
/// `controller`, no `blockOwnerDeletion`).
pub fn add_owner_reference(obj: &mut Json, gtr_name: &str, uid: &str) {
    let r = serde_json::json!({
        "apiVersion": super::model::CAPSULE_V1BETA2,
        "kind": "GlobalTenantResource",
        "name": gtr_name,
        "uid": uid,
    });
    if let Some(meta) = object::metadata_mut(obj) {
        let refs = meta
            .entry("ownerReferences")
            .or_insert_with(|| Json::Array(Vec::new()));
        if let Some(list) = refs.as_array_mut()
            && !list.contains(&r)
        {
            list.push(r);
        }
    }
}

/// Disowning (pruningOnDelete: false): `managed-by` removed, `created-by` kept.
pub fn disown(obj: &mut Json) {
    object::remove_label(obj, MANAGED_BY);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn md(labels: &[(&str, &str)], annotations: &[(&str, &str)]) -> AdditionalMetadata {
        AdditionalMetadata {
            labels: labels
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            annotations: annotations
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn additional_labels_win_and_reserved_are_removed() {
        let mut o = json!({"metadata": {"labels": {"a": "mine", "projectcapsule.dev/created-by": "me", "capsule.clastix.io/resources": "0"}}});
        apply(
            &mut o,
            &md(&[("a", "theirs"), ("extra-label", "set-by-gtr")], &[]),
        );
        assert_eq!(
            o,
            json!({"metadata": {"labels": {"a": "theirs", "extra-label": "set-by-gtr"}}})
        );
    }

    #[test]
    fn reserved_labels_stay_without_additional_labels() {
        let mut o = json!({"metadata": {"labels": {"projectcapsule.dev/created-by": "me"}}});
        apply(&mut o, &md(&[], &[("x", "y")]));
        assert_eq!(
            o,
            json!({"metadata": {"labels": {"projectcapsule.dev/created-by": "me"}, "annotations": {"x": "y"}}})
        );
    }

    #[test]
    fn templated_keys_collapse() {
        let f = FastContext {
            tenant: Some("t".into()),
            namespace: None,
        };
        let labels = [
            ("{{tenant.name}}".to_string(), "1".to_string()),
            ("t".to_string(), "2".to_string()),
        ]
        .into_iter()
        .collect();
        let got = template(&labels, &BTreeMap::new(), &f).expect("valid");
        assert_eq!(got.labels.len(), 1);
    }

    #[test]
    fn sanitize_and_capsule_labels() {
        let mut o = json!({"kind": "X", "metadata": {"name": "n", "uid": "u", "resourceVersion": "1", "generation": 2,
            "ownerReferences": [], "managedFields": [], "annotations": {LAST_APPLIED: "{}"},
            "labels": {"capsule.clastix.io/resources": "0", "keep": "k"}}, "status": {"a": 1}});
        sanitize(&mut o);
        add_capsule_labels(&mut o);
        assert_eq!(
            o,
            json!({"kind": "X", "metadata": {"name": "n", "labels": {"keep": "k",
            "projectcapsule.dev/created-by": "replications", "projectcapsule.dev/managed-by": "replications"}}})
        );
        disown(&mut o);
        assert_eq!(object::labels(&o).get(MANAGED_BY), None);
        assert_eq!(
            object::labels(&o).get(CREATED_BY).map(String::as_str),
            Some("replications")
        );
    }
}
