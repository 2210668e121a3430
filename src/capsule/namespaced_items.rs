//! namespacedItems (`CollectNamespacedItems` + `CollectForNamespace`): existing objects copied
//! into each target namespace. Sources are looked up like context (GTR: cluster-wide unless a
//! namespace is given; TenantResource: its own namespace by default, and only tenant namespaces,
//! no cluster-scoped kinds), objects labelled `projectcapsule.dev/created-by=resources` are
//! excluded, the copy is sanitised, loses the host's file-position annotations and the label keys
//! its selector used (loop prevention), gets the target namespace, and a source already in the
//! target namespace is skipped. Copies with the same identity: the first wins.

use std::collections::HashSet;

use serde_json::Value as Json;

use super::context::{LookupScope, lookup};
use super::fast_template::FastContext;
use super::inputs::Inputs;
use super::kinds::KindTable;
use super::model::{ReplicationKind, ResourceReference};
use super::object::{self, ObjectId};

/// One failure, with the field relative to `namespacedItems[j]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaError {
    pub item: usize,
    pub field: &'static str,
    pub message: String,
}

/// What the replication needs to know about its kind.
pub struct ReplicaScope<'s> {
    pub kind: ReplicationKind,
    /// TenantResource: its namespace.
    pub own_namespace: &'s str,
    /// TenantResource: the tenant's namespaces.
    pub allowed: Option<&'s [String]>,
    pub target: &'s str,
}

/// The copies for one target namespace, in reference order then source order.
pub fn replicate(
    inputs: &Inputs<'_>,
    kinds: &KindTable,
    refs: &[ResourceReference],
    fast: &FastContext,
    scope: &ReplicaScope<'_>,
) -> Result<Vec<Json>, ReplicaError> {
    let tr = scope.kind == ReplicationKind::Namespaced;
    if tr
        && let Some(allowed) = scope.allowed
        && !allowed.iter().any(|n| n == scope.own_namespace)
    {
        let mut sorted = allowed.to_vec();
        sorted.sort();
        let set: Vec<String> = sorted.iter().map(|n| format!("{n}:{{}}")).collect();
        return Err(ReplicaError {
            item: 0,
            field: "namespace",
            message: format!(
                "cross-namespace selection is not allowed. Referring a Namespace ({}) that is not part of the given Tenant (allowed map[{}])",
                scope.own_namespace,
                set.join(" ")
            ),
        });
    }
    let lookup_scope = LookupScope {
        default_namespace: if tr { Some(scope.own_namespace) } else { None },
        allowed_namespaces: if tr { scope.allowed } else { None },
        exclude_labels: &[("projectcapsule.dev/created-by", "resources")],
        restrict_to: None,
    };
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut out = Vec::new();
    for (j, r) in refs.iter().enumerate() {
        if tr && kinds.is_cluster_scoped(&r.api_version, &r.kind) {
            return Err(ReplicaError {
                item: j,
                field: "kind",
                message: format!(
                    "cluster-scoped kind {}/{} is not allowed",
                    r.api_version, r.kind
                ),
            });
        }
        let found =
            lookup(inputs.items, &inputs.index, kinds, r, fast, &lookup_scope).map_err(|e| {
                ReplicaError {
                    item: j,
                    field: e.field,
                    message: e.message,
                }
            })?;
        let drop_keys = r.selector.as_ref().map(|s| s.keys()).unwrap_or_default();
        for i in found {
            let Some(src) = inputs.items.get(i) else {
                continue;
            };
            if object::namespace(src.view()) == scope.target {
                continue;
            }
            let mut copy = src.value();
            super::metadata::sanitize(&mut copy);
            // The source's file position is not the copy's: kept, kpt would write the copy
            // over the source ("resource at path … and index … already exists").
            object::remove_host_annotations(&mut copy);
            object::set_namespace(&mut copy, scope.target);
            for k in &drop_keys {
                object::remove_label(&mut copy, k);
            }
            if seen.insert(ObjectId::of(&copy)) {
                out.push(copy);
            }
        }
    }
    Ok(out)
}
