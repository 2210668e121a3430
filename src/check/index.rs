//! An index over the objects the checks look at: by kind, by identity, namespaces and their
//! owning tenants. Built once, so every check is linear in the number of objects.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Subject;

/// Lookup tables over the checked objects.
pub(crate) struct ObjectIndex<'a> {
    pub(crate) subjects: &'a [Subject<'a>],
    by_kind: HashMap<&'a str, Vec<usize>>,
    by_id: HashMap<(&'a str, &'a str, &'a str, &'a str), usize>,
    /// Namespaces defined by a Namespace object.
    pub(crate) namespaces: BTreeSet<&'a str>,
    /// Namespace → owning tenant (label `capsule.clastix.io/tenant`, else a Tenant ownerReference).
    pub(crate) namespace_owner: BTreeMap<&'a str, &'a str>,
    /// Tenant → the Gateways rendered for it.
    gateways_by_tenant: HashMap<&'a str, Vec<usize>>,
}

/// The API group of an object (`""` for the core group).
fn group(o: &serde_json::Value) -> &str {
    let api = o["apiVersion"].as_str().unwrap_or_default();
    match api.rsplit_once('/') {
        Some((g, _)) => g,
        None => "",
    }
}

/// True when `o` is of API group `g` and kind `k`.
pub(crate) fn is(o: &serde_json::Value, g: &str, k: &str) -> bool {
    o["kind"].as_str() == Some(k) && group(o) == g
}

/// `metadata.name`.
pub(crate) fn name(o: &serde_json::Value) -> &str {
    o["metadata"]["name"].as_str().unwrap_or_default()
}

/// `metadata.namespace` (empty when cluster-scoped or unset).
pub(crate) fn namespace(o: &serde_json::Value) -> &str {
    o["metadata"]["namespace"].as_str().unwrap_or_default()
}

impl<'a> ObjectIndex<'a> {
    pub(crate) fn new(subjects: &'a [Subject<'a>]) -> ObjectIndex<'a> {
        let mut by_kind: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_id = HashMap::new();
        let mut namespaces = BTreeSet::new();
        let mut namespace_owner = BTreeMap::new();
        let mut gateways_by_tenant: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, s) in subjects.iter().enumerate() {
            let o = s.object;
            let Some(kind) = o["kind"].as_str() else {
                continue;
            };
            by_kind.entry(kind).or_default().push(i);
            if kind == "Gateway"
                && group(o) == "gateway.networking.k8s.io"
                && let Some(g) = s.generated_by
            {
                gateways_by_tenant
                    .entry(g.tenant.as_str())
                    .or_default()
                    .push(i);
            }
            by_id
                .entry((group(o), kind, namespace(o), name(o)))
                .or_insert(i);
            if kind == "Namespace" && group(o).is_empty() {
                let ns = name(o);
                namespaces.insert(ns);
                let owner = o["metadata"]["labels"]["capsule.clastix.io/tenant"]
                    .as_str()
                    .or_else(|| {
                        o["metadata"]["ownerReferences"]
                            .as_array()?
                            .iter()
                            .find(|r| r["kind"].as_str() == Some("Tenant"))?["name"]
                            .as_str()
                    });
                if let Some(t) = owner {
                    namespace_owner.insert(ns, t);
                }
            }
        }
        ObjectIndex {
            subjects,
            by_kind,
            by_id,
            namespaces,
            namespace_owner,
            gateways_by_tenant,
        }
    }

    /// Every Gateway API Gateway, then every networking.k8s.io Ingress (the objects cert-manager's
    /// annotations live on).
    pub(crate) fn gateways_and_ingresses(&self) -> impl Iterator<Item = Subject<'a>> + '_ {
        self.of_kind("gateway.networking.k8s.io", "Gateway")
            .chain(self.of_kind("networking.k8s.io", "Ingress"))
    }

    /// The Gateways rendered for `tenant`, in object order.
    pub(crate) fn tenant_gateways(&self, tenant: &str) -> impl Iterator<Item = Subject<'a>> + '_ {
        self.gateways_by_tenant
            .get(tenant)
            .into_iter()
            .flatten()
            .map(|&i| self.subjects[i])
    }

    /// Every subject of API group `g` and kind `k`, in input order.
    pub(crate) fn of_kind(&self, g: &'a str, k: &'a str) -> impl Iterator<Item = Subject<'a>> + '_ {
        self.by_kind
            .get(k)
            .into_iter()
            .flatten()
            .map(|&i| self.subjects[i])
            .filter(move |s| group(s.object) == g)
    }

    /// The object of kind `k` (group `g`) named `n` in namespace `ns` ("" when cluster-scoped).
    pub(crate) fn get(&self, g: &str, k: &str, ns: &str, n: &str) -> Option<Subject<'a>> {
        self.by_id.get(&(g, k, ns, n)).map(|&i| self.subjects[i])
    }

    /// Whether a namespace is known: defined by a Namespace object among the subjects.
    pub(crate) fn has_namespace(&self, ns: &str) -> bool {
        self.namespaces.contains(ns)
    }
}
