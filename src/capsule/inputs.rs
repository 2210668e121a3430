//! The input items sorted into the roles Capsule sees them in: Tenants (by name), Namespaces
//! (by name, with their tenant), context candidates, replication objects, and objects this tool
//! generated on an earlier run (which play no role: a re-run must see what the first run saw).
//! Items annotated `config.kubernetes.io/local-config: "true"` are never tenants or context.

use std::collections::{BTreeMap, HashMap};

use crate::packed::Packed;

use super::context::ContextIndex;
use super::model::{self, NamespaceView, ReplicationKind, TenantView};
use super::object;

/// `kubernetes.io/metadata.name`: set on every Namespace by the API server and on every Tenant
/// by Capsule's tenant controller, so selectors can pick one by name; added for selection when
/// the input lacks it.
pub const NAME_LABEL: &str = "kubernetes.io/metadata.name";

/// The sorted inputs of one render.
#[derive(Debug)]
pub struct Inputs<'a> {
    pub items: &'a [Packed],
    /// Tenants by name (the first of duplicated names wins).
    pub tenants: BTreeMap<String, TenantView<'a>>,
    /// Namespaces by name.
    pub namespaces: BTreeMap<String, NamespaceView<'a>>,
    /// Namespace names per tenant, sorted.
    pub tenant_namespaces: HashMap<String, Vec<String>>,
    /// Replication objects among the items, in input order.
    pub replications: Vec<(usize, ReplicationKind)>,
    /// Items carrying our provenance annotation.
    pub previous: Vec<usize>,
    pub index: ContextIndex<'a>,
}

impl<'a> Inputs<'a> {
    /// Sorts `items`.
    pub fn new(items: &'a [Packed]) -> Inputs<'a> {
        let mut tenants = BTreeMap::new();
        let mut namespaces = BTreeMap::new();
        let mut replications = Vec::new();
        let mut previous = Vec::new();
        let mut candidates = Vec::new();
        for (i, v) in items.iter().map(Packed::view).enumerate() {
            if let Some(k) = ReplicationKind::of(v) {
                replications.push((i, k));
            }
            if super::provenance::is_generated(v) {
                previous.push(i);
                continue;
            }
            if object::is_local_config(v) {
                continue;
            }
            candidates.push(i);
            if model::is_tenant(v) {
                let name = object::name(v).to_string();
                if !name.is_empty() {
                    tenants
                        .entry(name.clone())
                        .or_insert(TenantView { name, json: v });
                }
            } else if model::is_namespace(v) {
                let view = NamespaceView::of(v);
                if !view.name.is_empty() {
                    namespaces.entry(view.name.clone()).or_insert(view);
                }
            }
        }
        let mut tenant_namespaces: HashMap<String, Vec<String>> = HashMap::new();
        for ns in namespaces.values() {
            if let Some(t) = &ns.tenant {
                tenant_namespaces
                    .entry(t.clone())
                    .or_default()
                    .push(ns.name.clone());
            }
        }
        Inputs {
            items,
            tenants,
            namespaces,
            tenant_namespaces,
            replications,
            previous,
            index: ContextIndex::new(items, candidates),
        }
    }

    /// The namespaces of a tenant, sorted by name.
    pub fn namespaces_of(&self, tenant: &str) -> &[String] {
        self.tenant_namespaces
            .get(tenant)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}
