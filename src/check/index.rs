//! An index over the objects the checks look at: by kind, by identity, namespaces and their
//! owning tenants. Built once, so every check is linear in the number of objects.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

pub(crate) use crate::capsule::object::{name, namespace};
pub(crate) use crate::json_field::at;

use super::Subject;

/// What every check needs of an object, read in one pass over its top level and metadata
/// (every later pass over all objects uses this instead of walking the object again).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Meta<'a> {
    /// API group (`""` for the core group).
    pub(crate) group: &'a str,
    /// `kind`; `None` when missing or not a string.
    pub(crate) kind: Option<&'a str>,
    /// `metadata.name` (empty when unset).
    pub(crate) name: &'a str,
    /// `metadata.namespace` (empty when cluster-scoped or unset).
    pub(crate) namespace: &'a str,
    /// `metadata.labels`, when an object.
    pub(crate) labels: Option<&'a serde_json::Map<String, serde_json::Value>>,
    /// `metadata.ownerReferences`, when a list.
    pub(crate) owner_references: Option<&'a [serde_json::Value]>,
}

impl<'a> Meta<'a> {
    /// Reads the fields, visiting each key of the object and of its metadata once.
    pub(crate) fn of(o: &'a serde_json::Value) -> Meta<'a> {
        let mut m = Meta::default();
        let Some(top) = o.as_object() else {
            return m;
        };
        for (k, v) in top {
            match k.as_str() {
                "apiVersion" => m.group = api_group(v.as_str().unwrap_or_default()),
                "kind" => m.kind = v.as_str(),
                "metadata" => {
                    for (k, v) in v.as_object().into_iter().flatten() {
                        match k.as_str() {
                            "name" => m.name = v.as_str().unwrap_or_default(),
                            "namespace" => m.namespace = v.as_str().unwrap_or_default(),
                            "labels" => m.labels = v.as_object(),
                            "ownerReferences" => {
                                m.owner_references = v.as_array().map(Vec::as_slice);
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        m
    }

    /// A label's value, when it is a string.
    pub(crate) fn label(&self, key: &str) -> Option<&'a str> {
        self.labels?.get(key)?.as_str()
    }
}

/// The group part of an `apiVersion` (`""` for the core group).
fn api_group(api_version: &str) -> &str {
    match api_version.rsplit_once('/') {
        Some((g, _)) => g,
        None => "",
    }
}

/// Lookup tables over the checked objects.
pub(crate) struct ObjectIndex<'a> {
    pub(crate) subjects: &'a [Subject<'a>],
    /// [`Meta`] of each subject, in the same order.
    pub(crate) metas: Vec<Meta<'a>>,
    /// (API group, kind) → subjects, in order.
    by_kind: HashMap<(&'a str, &'a str), Vec<usize>>,
    by_id: HashMap<(&'a str, &'a str, &'a str, &'a str), usize>,
    /// Namespaces defined by a Namespace object.
    pub(crate) namespaces: HashSet<&'a str>,
    /// Namespace → owning tenant (label `capsule.clastix.io/tenant`, else a Tenant ownerReference).
    pub(crate) namespace_owner: HashMap<&'a str, &'a str>,
    /// Tenant → the Gateways rendered for it.
    gateways_by_tenant: HashMap<&'a str, Vec<usize>>,
}

impl<'a> ObjectIndex<'a> {
    pub(crate) fn new(subjects: &'a [Subject<'a>]) -> ObjectIndex<'a> {
        let mut by_kind: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        let mut by_id = HashMap::new();
        let mut namespaces = HashSet::new();
        let mut namespace_owner = HashMap::new();
        let mut gateways_by_tenant: HashMap<&str, Vec<usize>> = HashMap::new();
        let metas: Vec<Meta<'a>> = subjects.iter().map(|s| Meta::of(s.object)).collect();
        for (i, (s, m)) in subjects.iter().zip(&metas).enumerate() {
            let Some(kind) = m.kind else {
                continue;
            };
            let g = m.group;
            by_kind.entry((g, kind)).or_default().push(i);
            if kind == "Gateway"
                && g == "gateway.networking.k8s.io"
                && let Some(g) = s.generated_by
            {
                gateways_by_tenant
                    .entry(g.tenant.as_str())
                    .or_default()
                    .push(i);
            }
            by_id.entry((g, kind, m.namespace, m.name)).or_insert(i);
            if kind == "Namespace" && g.is_empty() {
                namespaces.insert(m.name);
                let owner = m.label("capsule.clastix.io/tenant").or_else(|| {
                    m.owner_references?
                        .iter()
                        .find(|r| at(r, &["kind"]).as_str() == Some("Tenant"))
                        .map(|r| at(r, &["name"]))?
                        .as_str()
                });
                if let Some(t) = owner {
                    namespace_owner.insert(m.name, t);
                }
            }
        }
        ObjectIndex {
            subjects,
            metas,
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
            .get(&(g, k))
            .into_iter()
            .flatten()
            .map(|&i| self.subjects[i])
    }

    /// The object of kind `k` (group `g`) named `n` in namespace `ns` ("" when cluster-scoped).
    pub(crate) fn get(&self, g: &str, k: &str, ns: &str, n: &str) -> Option<Subject<'a>> {
        self.by_id.get(&(g, k, ns, n)).map(|&i| self.subjects[i])
    }

    /// Every subject with its [`Meta`], in order.
    pub(crate) fn with_meta(&self) -> impl Iterator<Item = (Subject<'a>, &Meta<'a>)> + '_ {
        self.subjects.iter().copied().zip(&self.metas)
    }

    /// Whether a namespace is known: defined by a Namespace object among the subjects.
    pub(crate) fn has_namespace(&self, ns: &str) -> bool {
        self.namespaces.contains(ns)
    }
}
