//! An index over the digests of the objects the checks look at: by kind, by identity,
//! namespaces and their owning tenants. Built once, so every check is linear in the number of
//! objects.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::digest::{Body, Digest, GatewayDigest};

/// The kinds the checks look up by name, indexed by identity; [`ObjectIndex::get`] scans the
/// others' list (indexing all 10,000 HTTPRoutes of a big package by name would cost more than
/// every lookup saves).
const LOOKED_UP: [(&str, &str); 4] = [
    ("gateway.networking.k8s.io", "Gateway"),
    ("gateway.envoyproxy.io", "EnvoyProxy"),
    ("cert-manager.io", "Issuer"),
    ("cert-manager.io", "ClusterIssuer"),
];

/// A Gateway API Gateway: its digest and its Gateway part.
#[derive(Clone, Copy)]
pub(crate) struct Gateway<'a> {
    pub(crate) digest: &'a Digest<'a>,
    pub(crate) spec: &'a GatewayDigest<'a>,
}

/// Lookup tables over the checked objects.
pub(crate) struct ObjectIndex<'a> {
    /// Every checked object, in order.
    pub(crate) digests: &'a [Digest<'a>],
    /// (API group, kind) → objects, in order.
    by_kind: HashMap<(&'a str, &'a str), Vec<usize>>,
    /// (group, kind, namespace, name) → the first object, for the [`LOOKED_UP`] kinds.
    by_id: HashMap<(&'a str, &'a str, &'a str, &'a str), usize>,
    /// Namespaces defined by a Namespace object.
    namespaces: HashSet<&'a str>,
    /// Namespace → owning tenant (label `capsule.clastix.io/tenant`, else a Tenant ownerReference).
    pub(crate) namespace_owner: HashMap<&'a str, &'a str>,
    /// Tenant → the Gateways rendered for it.
    gateways_by_tenant: HashMap<&'a str, Vec<usize>>,
    /// Every Gateway API Gateway, in object order.
    pub(crate) gateways: Vec<Gateway<'a>>,
}

impl<'a> ObjectIndex<'a> {
    pub(crate) fn new(digests: &'a [Digest<'a>]) -> ObjectIndex<'a> {
        let mut by_kind: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        let mut by_id = HashMap::new();
        let mut namespaces = HashSet::new();
        let mut namespace_owner = HashMap::new();
        let mut gateways_by_tenant: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut gateways = Vec::new();
        for (i, d) in digests.iter().enumerate() {
            let Some(kind) = d.kind else {
                continue;
            };
            let g = d.group();
            by_kind.entry((g, kind)).or_default().push(i);
            if let Body::Gateway(spec) = &d.body {
                if let Some(t) = d.tenant() {
                    gateways_by_tenant.entry(t).or_default().push(i);
                }
                gateways.push(Gateway { digest: d, spec });
            }
            if LOOKED_UP.contains(&(g, kind)) {
                by_id.entry((g, kind, d.namespace, d.name)).or_insert(i);
            }
            if let Body::Namespace { owner } = &d.body {
                namespaces.insert(d.name);
                if let Some(t) = owner {
                    namespace_owner.insert(d.name, &**t);
                }
            }
        }
        ObjectIndex {
            digests,
            by_kind,
            by_id,
            namespaces,
            namespace_owner,
            gateways_by_tenant,
            gateways,
        }
    }

    /// Every Gateway API Gateway, then every networking.k8s.io Ingress (the objects cert-manager's
    /// annotations live on).
    pub(crate) fn gateways_and_ingresses(
        &self,
    ) -> impl Iterator<Item = &'a Digest<'a>> + use<'_, 'a> {
        self.of_kind("gateway.networking.k8s.io", "Gateway")
            .chain(self.of_kind("networking.k8s.io", "Ingress"))
    }

    /// The Gateways rendered for `tenant`, in object order.
    pub(crate) fn tenant_gateways<'s>(
        &'s self,
        tenant: &'a str,
    ) -> impl Iterator<Item = &'a Digest<'a>> + use<'s, 'a> {
        let list: &'s [usize] = self
            .gateways_by_tenant
            .get(tenant)
            .map_or(&[], Vec::as_slice);
        let digests = self.digests;
        list.iter().map(move |&i| &digests[i])
    }

    /// Every object of API group `g` and kind `k`, in input order.
    pub(crate) fn of_kind<'s>(
        &'s self,
        g: &'static str,
        k: &'static str,
    ) -> impl Iterator<Item = &'a Digest<'a>> + use<'s, 'a> {
        let list: &'s [usize] = self.by_kind.get(&(g, k)).map_or(&[], Vec::as_slice);
        let digests = self.digests;
        list.iter().map(move |&i| &digests[i])
    }

    /// The object of kind `k` (group `g`) named `n` in namespace `ns` ("" when cluster-scoped).
    pub(crate) fn get(&self, g: &str, k: &str, ns: &str, n: &str) -> Option<&'a Digest<'a>> {
        let i = if LOOKED_UP.contains(&(g, k)) {
            *self.by_id.get(&(g, k, ns, n))?
        } else {
            *self.by_kind.get(&(g, k))?.iter().find(|&&i| {
                let d = &self.digests[i];
                d.namespace == ns && d.name == n
            })?
        };
        Some(&self.digests[i])
    }

    /// Whether a namespace is known: defined by a Namespace object among the subjects.
    pub(crate) fn has_namespace(&self, ns: &str) -> bool {
        self.namespaces.contains(ns)
    }
}
