//! An index over the objects the checks look at: by kind, by identity, namespaces and their
//! owning tenants. Built once, so every check is linear in the number of objects.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

pub(crate) use crate::capsule::object::{name, namespace};
pub(crate) use crate::json_field::at;
use crate::json_field::get;

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
    /// `metadata.annotations`, when an object.
    pub(crate) annotations: Option<&'a serde_json::Map<String, serde_json::Value>>,
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
                            "annotations" => m.annotations = v.as_object(),
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
        get(self.labels?, key)?.as_str()
    }

    /// An annotation's value, when it is a string.
    pub(crate) fn annotation(&self, key: &str) -> Option<&'a str> {
        get(self.annotations?, key)?.as_str()
    }
}

/// What the checks read of one Gateway listener, in one pass over its keys (four checks look at
/// every listener of every Gateway).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Listener<'a> {
    /// `name` (empty when unset or not a string).
    pub(crate) name: &'a str,
    /// `port`, as written (null when unset).
    pub(crate) port: &'a serde_json::Value,
    /// `protocol` (empty when unset or not a string).
    pub(crate) protocol: &'a str,
    /// `hostname`, when a string.
    pub(crate) hostname: Option<&'a str>,
    /// `tls` is set and not null.
    pub(crate) has_tls: bool,
    /// `tls.mode`, when a string.
    pub(crate) tls_mode: Option<&'a str>,
    /// `tls.certificateRefs`, when a list.
    pub(crate) certificate_refs: Option<&'a [serde_json::Value]>,
    /// `tls.options` is a non-empty object.
    pub(crate) has_tls_options: bool,
}

static NULL: serde_json::Value = serde_json::Value::Null;

impl<'a> Listener<'a> {
    fn of(l: &'a serde_json::Value) -> Listener<'a> {
        let mut out = Listener {
            name: "",
            port: &NULL,
            protocol: "",
            hostname: None,
            has_tls: false,
            tls_mode: None,
            certificate_refs: None,
            has_tls_options: false,
        };
        for (k, v) in l.as_object().into_iter().flatten() {
            match k.as_str() {
                "name" => out.name = v.as_str().unwrap_or_default(),
                "port" => out.port = v,
                "protocol" => out.protocol = v.as_str().unwrap_or_default(),
                "hostname" => out.hostname = v.as_str(),
                "tls" => {
                    out.has_tls = !v.is_null();
                    for (k, v) in v.as_object().into_iter().flatten() {
                        match k.as_str() {
                            "mode" => out.tls_mode = v.as_str(),
                            "certificateRefs" => {
                                out.certificate_refs = v.as_array().map(Vec::as_slice);
                            }
                            "options" => {
                                out.has_tls_options = v.as_object().is_some_and(|o| !o.is_empty());
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// A Gateway API Gateway with what the checks read of it.
pub(crate) struct Gateway<'a> {
    pub(crate) subject: Subject<'a>,
    pub(crate) meta: Meta<'a>,
    /// `spec.listeners`, when a list (`None` otherwise).
    pub(crate) listeners: Option<Vec<Listener<'a>>>,
}

impl<'a> Gateway<'a> {
    /// The listeners (none when `spec.listeners` is not a list).
    pub(crate) fn listeners(&self) -> &[Listener<'a>] {
        self.listeners.as_deref().unwrap_or_default()
    }
}

/// The group part of an `apiVersion` (`""` for the core group).
fn api_group(api_version: &str) -> &str {
    match api_version.rsplit_once('/') {
        Some((g, _)) => g,
        None => "",
    }
}

/// The kinds the checks look up by name, indexed by identity; [`ObjectIndex::get`] scans the
/// others' list (indexing all 10,000 HTTPRoutes of a big package by name would cost more than
/// every lookup saves).
const LOOKED_UP: [(&str, &str); 4] = [
    ("gateway.networking.k8s.io", "Gateway"),
    ("gateway.envoyproxy.io", "EnvoyProxy"),
    ("cert-manager.io", "Issuer"),
    ("cert-manager.io", "ClusterIssuer"),
];

/// Lookup tables over the checked objects.
pub(crate) struct ObjectIndex<'a> {
    pub(crate) subjects: &'a [Subject<'a>],
    /// [`Meta`] of each subject, in the same order.
    pub(crate) metas: Vec<Meta<'a>>,
    /// (API group, kind) → subjects, in order.
    by_kind: HashMap<(&'a str, &'a str), Vec<usize>>,
    /// (group, kind, namespace, name) → the first subject, for the [`LOOKED_UP`] kinds.
    by_id: HashMap<(&'a str, &'a str, &'a str, &'a str), usize>,
    /// Namespaces defined by a Namespace object.
    pub(crate) namespaces: HashSet<&'a str>,
    /// Namespace → owning tenant (label `capsule.clastix.io/tenant`, else a Tenant ownerReference).
    pub(crate) namespace_owner: HashMap<&'a str, &'a str>,
    /// Tenant → the Gateways rendered for it.
    gateways_by_tenant: HashMap<&'a str, Vec<usize>>,
    /// Every Gateway API Gateway, in object order.
    pub(crate) gateways: Vec<Gateway<'a>>,
}

impl<'a> ObjectIndex<'a> {
    pub(crate) fn new(subjects: &'a [Subject<'a>]) -> ObjectIndex<'a> {
        let metas = subjects.iter().map(|s| Meta::of(s.object)).collect();
        ObjectIndex::with_metas(subjects, metas)
    }

    /// [`ObjectIndex::new`] with the [`Meta`] of each subject already read (same order).
    pub(crate) fn with_metas(subjects: &'a [Subject<'a>], metas: Vec<Meta<'a>>) -> ObjectIndex<'a> {
        let mut by_kind: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        let mut by_id = HashMap::new();
        let mut namespaces = HashSet::new();
        let mut namespace_owner = HashMap::new();
        let mut gateways_by_tenant: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut gateways = Vec::new();
        for (i, (s, m)) in subjects.iter().zip(&metas).enumerate() {
            let Some(kind) = m.kind else {
                continue;
            };
            let g = m.group;
            by_kind.entry((g, kind)).or_default().push(i);
            if kind == "Gateway" && g == "gateway.networking.k8s.io" {
                if let Some(g) = s.generated_by {
                    gateways_by_tenant.entry(g.tenant).or_default().push(i);
                }
                let listeners = at(s.object, &["spec", "listeners"])
                    .as_array()
                    .map(|ls| ls.iter().map(Listener::of).collect());
                gateways.push(Gateway {
                    subject: *s,
                    meta: *m,
                    listeners,
                });
            }
            if LOOKED_UP.contains(&(g, kind)) {
                by_id.entry((g, kind, m.namespace, m.name)).or_insert(i);
            }
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
            gateways,
        }
    }

    /// Every Gateway API Gateway, then every networking.k8s.io Ingress (the objects cert-manager's
    /// annotations live on).
    pub(crate) fn gateways_and_ingresses(
        &self,
    ) -> impl Iterator<Item = (Subject<'a>, &Meta<'a>)> + '_ {
        self.of_kind_with_meta("gateway.networking.k8s.io", "Gateway")
            .chain(self.of_kind_with_meta("networking.k8s.io", "Ingress"))
    }

    /// Every subject of API group `g` and kind `k` with its [`Meta`], in input order.
    pub(crate) fn of_kind_with_meta(
        &self,
        g: &'a str,
        k: &'a str,
    ) -> impl Iterator<Item = (Subject<'a>, &Meta<'a>)> + '_ {
        self.by_kind
            .get(&(g, k))
            .into_iter()
            .flatten()
            .map(|&i| (self.subjects[i], &self.metas[i]))
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
        let i = if LOOKED_UP.contains(&(g, k)) {
            *self.by_id.get(&(g, k, ns, n))?
        } else {
            *self.by_kind.get(&(g, k))?.iter().find(|&&i| {
                let m = &self.metas[i];
                m.namespace == ns && m.name == n
            })?
        };
        Some(self.subjects[i])
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
