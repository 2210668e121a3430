//! What the checks read of one object, in one pass over it: identity, the labels and
//! annotations they look at, and per kind the few fields a rule reads (hostnames, issuer
//! solvers, …). The checks hold no object tree: a render keeps its objects packed while the
//! checks run, and the digests of a big package take a fraction of the trees' memory.
//!
//! A digest borrows its strings from the object it was read from (a packed item or generated
//! object, or a tree; alive while the checks run): reading one allocates only its lists. A
//! Gateway's listeners, the biggest of those lists, are not read into the digest: it keeps a
//! view of `spec.listeners` ([`AnyView`]), and a rule reads the listeners when it walks them.

use crate::diagnostic::ResourceRef;
use crate::json_view::{AnyView, JsonView};

use super::Origin;

/// A string field (`None` when absent or not a string).
type Text<'a> = Option<&'a str>;

/// One object as the checks see it.
#[derive(Debug)]
pub(crate) struct Digest<'a> {
    /// `apiVersion` ("" when missing or not a string).
    pub(crate) api_version: &'a str,
    /// `kind`, when a string.
    pub(crate) kind: Option<&'a str>,
    /// `metadata.name` ("" when unset).
    pub(crate) name: &'a str,
    /// `metadata.namespace` ("" when cluster-scoped or unset).
    pub(crate) namespace: &'a str,
    /// The file kpt or kustomize read it from (`config.kubernetes.io/path`, else the internal
    /// one), for findings.
    pub(crate) file: Option<&'a str>,
    /// The label `projectcapsule.dev/tenant`.
    pub(crate) tenant_label: Option<&'a str>,
    /// Where a generated object came from; `None` for input items.
    pub(crate) generated_by: Option<Box<Origin<'a>>>,
    /// What the rules of its kind read.
    pub(crate) body: Body<'a>,
}

/// The kind-specific part of a [`Digest`].
#[derive(Debug)]
pub(crate) enum Body<'a> {
    /// A kind no rule reads further.
    Other,
    /// A core Namespace: the tenant owning it (label `capsule.clastix.io/tenant`, else the
    /// first Tenant ownerReference's name).
    Namespace { owner: Option<&'a str> },
    /// A Gateway API Gateway.
    Gateway(Box<GatewayDigest<'a>>),
    /// A Gateway API HTTPRoute: the strings of `spec.hostnames`, with their positions.
    HttpRoute { hostnames: Box<[(usize, &'a str)]> },
    /// A networking.k8s.io Ingress: its cert-manager annotations and `spec.rules[].host`.
    Ingress(Box<IngressDigest<'a>>),
    /// An Envoy Gateway EnvoyProxy: `spec.provider.kubernetes.envoyService`.
    EnvoyProxy(Box<EnvoyProxyDigest<'a>>),
    /// A cert-manager Issuer or ClusterIssuer: `spec.acme.solvers`, when a list.
    Issuer { solvers: Option<Box<[Solver<'a>]>> },
    /// A cert-manager Certificate: `spec.issuerRef.kind` and `.name`.
    Certificate(Box<[Text<'a>; 2]>),
    /// A Gateway API ReferenceGrant: `spec.from[]` (group, kind, namespace) and `spec.to[]`
    /// (group, kind, name).
    ReferenceGrant(Box<ReferenceGrantDigest<'a>>),
    /// A Capsule Tenant: `spec.ingressOptions.allowedHostnames`, when set and not null.
    Tenant {
        allowed: Option<Box<AllowedHostnames<'a>>>,
    },
}

/// An Ingress's rule inputs.
#[derive(Debug)]
pub(crate) struct IngressDigest<'a> {
    pub(crate) annotations: CertManagerAnnotations<'a>,
    /// The strings of `spec.rules[].host`, with the rules' positions.
    pub(crate) hosts: Box<[(usize, &'a str)]>,
}

/// An EnvoyProxy's `spec.provider.kubernetes.envoyService`.
#[derive(Debug)]
pub(crate) struct EnvoyProxyDigest<'a> {
    /// `loadBalancerIP`, when set (to anything, null included).
    pub(crate) load_balancer_ip: Option<LoadBalancerIp<'a>>,
    /// `type`, when a string.
    pub(crate) service_type: Text<'a>,
}

/// A ReferenceGrant's `spec.from[]` (group, kind, namespace) and `spec.to[]` (group, kind, name).
#[derive(Debug)]
pub(crate) struct ReferenceGrantDigest<'a> {
    pub(crate) from: Box<[[Text<'a>; 3]]>,
    pub(crate) to: Box<[[Text<'a>; 3]]>,
}

/// The cert-manager annotations of a Gateway or an Ingress.
#[derive(Debug, Default)]
pub(crate) struct CertManagerAnnotations<'a> {
    pub(crate) issuer: Text<'a>,
    pub(crate) cluster_issuer: Text<'a>,
    pub(crate) issuer_kind: Text<'a>,
    pub(crate) issuer_group: Text<'a>,
    pub(crate) ignore_tls_listeners: Text<'a>,
}

/// A Gateway's rule inputs.
#[derive(Default)]
pub(crate) struct GatewayDigest<'a> {
    pub(crate) annotations: CertManagerAnnotations<'a>,
    /// `spec.infrastructure.parametersRef` group, kind and name.
    pub(crate) parameters_ref: [Text<'a>; 3],
    /// `spec.listeners`, kept as found and read when a rule walks the listeners: a big
    /// package's listeners would otherwise be the biggest part of its digests.
    listeners: Option<AnyView<'a>>,
}

impl<'a> GatewayDigest<'a> {
    /// The listeners, read from the object (none when `spec.listeners` is not a list).
    pub(crate) fn listeners(&self) -> Vec<Listener<'a>> {
        let mut out = Vec::new();
        self.listeners_into(&mut out);
        out
    }

    /// [`GatewayDigest::listeners`] into `out` (cleared first), for a rule that walks every
    /// Gateway's listeners with one list.
    pub(crate) fn listeners_into(&self, out: &mut Vec<Listener<'a>>) {
        out.clear();
        if let Some(list) = self.listeners {
            list.each_item(|l| out.push(Listener::of(l)));
        }
    }

    /// Calls `f` with each listener's position and its field `key` when a string: the one
    /// field a rule reads of every listener (their names, their hostnames), without reading
    /// the rest of each listener.
    pub(crate) fn each_listener_str(&self, key: &str, mut f: impl FnMut(usize, Text<'a>)) {
        if let Some(list) = self.listeners {
            let mut i = 0;
            list.each_item(|l| {
                f(i, l.field(key).and_then(JsonView::as_str));
                i += 1;
            });
        }
    }
}

impl std::fmt::Debug for GatewayDigest<'_> {
    /// What the rules read, whatever form the object has.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GatewayDigest")
            .field("annotations", &self.annotations)
            .field("parameters_ref", &self.parameters_ref)
            .field("listeners", &self.listeners())
            .finish()
    }
}

/// A listener's `port` as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Port {
    /// Absent or null.
    Null,
    /// A non-negative integer.
    Number(u64),
    /// Anything else, as JSON text.
    Other(Box<str>),
}

impl Port {
    pub(crate) fn as_u64(&self) -> Option<u64> {
        match self {
            Port::Number(n) => Some(*n),
            _ => None,
        }
    }
}

impl std::fmt::Display for Port {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Port::Null => f.write_str("null"),
            Port::Number(n) => write!(f, "{n}"),
            Port::Other(t) => f.write_str(t),
        }
    }
}

/// What the checks read of one Gateway listener.
pub(crate) struct Listener<'a> {
    /// `name`, when a string.
    pub(crate) name: Text<'a>,
    pub(crate) port: Port,
    /// `protocol` ("" when unset or not a string).
    pub(crate) protocol: &'a str,
    /// `hostname`, when a string.
    pub(crate) hostname: Text<'a>,
    /// `tls` is set and not null.
    pub(crate) has_tls: bool,
    /// `tls.mode`, when a string.
    pub(crate) tls_mode: Text<'a>,
    /// `tls.certificateRefs` as found, read by [`Listener::each_certificate_ref`].
    certificate_refs: Option<AnyView<'a>>,
    /// `tls.options` is a non-empty object.
    pub(crate) has_tls_options: bool,
}

impl<'a> Listener<'a> {
    /// Calls `f` with each of `tls.certificateRefs`, in order, with its position; false when
    /// it is not a list.
    pub(crate) fn each_certificate_ref(&self, mut f: impl FnMut(usize, Reference<'a>)) -> bool {
        let mut i = 0;
        self.certificate_refs.is_some_and(|refs| {
            refs.each_item(|r| {
                f(i, Reference::of(r));
                i += 1;
            })
        })
    }

    /// How many `tls.certificateRefs` there are (0 when it is not a list).
    pub(crate) fn certificate_ref_count(&self) -> usize {
        let mut n = 0;
        if let Some(refs) = self.certificate_refs {
            refs.each_item(|_| n += 1);
        }
        n
    }

    /// `name`, "" when unset or not a string.
    pub(crate) fn name(&self) -> &str {
        self.name.unwrap_or_default()
    }
}

impl std::fmt::Debug for Listener<'_> {
    /// What the rules read, whatever form the object has.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut refs = Vec::new();
        let is_list = self.each_certificate_ref(|_, r| refs.push(r));
        f.debug_struct("Listener")
            .field("name", &self.name)
            .field("port", &self.port)
            .field("protocol", &self.protocol)
            .field("hostname", &self.hostname)
            .field("has_tls", &self.has_tls)
            .field("tls_mode", &self.tls_mode)
            .field("certificate_refs", &is_list.then_some(refs))
            .field("has_tls_options", &self.has_tls_options)
            .finish()
    }
}

/// An object reference's `group`, `kind`, `name` and `namespace`: a listener's
/// `tls.certificateRefs[]`, a solver's `parentRefs[]`.
#[derive(Debug)]
pub(crate) struct Reference<'a> {
    pub(crate) group: Text<'a>,
    pub(crate) kind: Text<'a>,
    pub(crate) name: Text<'a>,
    pub(crate) namespace: Text<'a>,
}

impl<'a> Reference<'a> {
    fn of<N: JsonView<'a>>(r: N) -> Reference<'a> {
        let [group, kind, name, namespace] = r
            .fields(["group", "kind", "name", "namespace"])
            .map(|v| v.and_then(JsonView::as_str));
        Reference {
            group,
            kind,
            name,
            namespace,
        }
    }
}

/// An EnvoyProxy's `loadBalancerIP`.
#[derive(Debug)]
pub(crate) struct LoadBalancerIp<'a> {
    /// As JSON text, for messages.
    pub(crate) json: Box<str>,
    /// The string, when it is one.
    pub(crate) value: Text<'a>,
}

/// One ACME solver of an issuer.
#[derive(Debug)]
pub(crate) struct Solver<'a> {
    /// `dns01` is set and not null.
    pub(crate) dns01: bool,
    /// `http01` is set and not null.
    pub(crate) http01: bool,
    /// `http01.gatewayHTTPRoute.parentRefs`, with each one's `sectionName`, when a list.
    pub(crate) parent_refs: Option<Box<[(Reference<'a>, Text<'a>)]>>,
}

/// A Tenant's `allowedHostnames`.
#[derive(Debug)]
pub(crate) struct AllowedHostnames<'a> {
    /// The strings of `allowed`.
    pub(crate) exact: Box<[&'a str]>,
    /// `allowedRegex` ("" when unset).
    pub(crate) regex: &'a str,
}

impl<'a> Digest<'a> {
    /// The API group of `apiVersion` ("" for the core group).
    pub(crate) fn group(&self) -> &'a str {
        api_group(self.api_version)
    }

    /// `kind`, "" when missing.
    pub(crate) fn kind(&self) -> &str {
        self.kind.unwrap_or_default()
    }

    /// Identity as a [`ResourceRef`].
    pub(crate) fn resource_ref(&self) -> ResourceRef {
        ResourceRef {
            api_version: self.api_version.to_string(),
            kind: self.kind().to_string(),
            name: self.name.to_string(),
            namespace: self.namespace.to_string(),
        }
    }

    /// `kind namespace/name` (or `kind name` when cluster-scoped), for messages.
    pub(crate) fn describe(&self) -> String {
        if self.namespace.is_empty() {
            format!("{} {}", self.kind(), self.name)
        } else {
            format!("{} {}/{}", self.kind(), self.namespace, self.name)
        }
    }

    /// The digest's place in object order, for sorting: the checks read the digests from one
    /// slice, in object order, so their addresses are in that order.
    pub(crate) fn order(&self) -> usize {
        std::ptr::from_ref(self).addr()
    }

    /// The tenant a generated object was rendered for.
    pub(crate) fn tenant(&self) -> Option<&str> {
        self.generated_by.as_deref().map(Origin::tenant)
    }

    /// The Gateway part, for a Gateway API Gateway.
    pub(crate) fn gateway(&self) -> Option<&GatewayDigest<'a>> {
        match &self.body {
            Body::Gateway(g) => Some(g),
            _ => None,
        }
    }

    /// The cert-manager annotations, for a Gateway or an Ingress.
    pub(crate) fn cert_manager(&self) -> Option<&CertManagerAnnotations<'a>> {
        match &self.body {
            Body::Gateway(g) => Some(&g.annotations),
            Body::Ingress(i) => Some(&i.annotations),
            _ => None,
        }
    }

    /// Reads `object`. `generated_by` comes from the caller (a provenance annotation or a
    /// test's description).
    pub(crate) fn of<N: JsonView<'a>>(object: N, generated_by: Option<Origin<'a>>) -> Digest<'a> {
        let (mut d, _) = Digest::read(object);
        d.generated_by = generated_by.map(Box::new);
        d
    }

    /// Reads `object`, and in the same pass over its annotations the host's and the
    /// renderer's bookkeeping (local-config, provenance, kpt's path) that decides how the object
    /// is checked.
    pub(crate) fn read<N: JsonView<'a>>(object: N) -> (Digest<'a>, Bookkeeping<'a>) {
        // An object usually ends with its `spec`: the read stops there.
        let [api_version, kind, metadata, spec] =
            object.fields(["apiVersion", "kind", "metadata", "spec"]);
        let kind = kind.and_then(JsonView::as_str);
        let meta = Meta::of(metadata);
        let api_version = api_version.and_then(JsonView::as_str).unwrap_or_default();
        let body = Body::of(api_group(api_version), kind, spec, &meta);
        let bookkeeping = Bookkeeping {
            local_config: meta.local_config == Some("true"),
            provenance: meta.provenance,
            has_path: meta.path.is_some(),
        };
        let digest = Digest {
            kind,
            name: meta.name,
            namespace: meta.namespace,
            file: meta.path.or(meta.internal_path),
            tenant_label: meta.tenant_label,
            generated_by: None,
            body,
            api_version,
        };
        (digest, bookkeeping)
    }
}

/// The group of an `apiVersion`: what comes before its last `/` ("" for the core group). An
/// `apiVersion` with two slashes, which the API server rejects, gives no known group.
fn api_group(api_version: &str) -> &str {
    match api_version.rsplit_once('/') {
        Some((g, _)) => g,
        None => "",
    }
}

/// Annotations that decide how an object is checked rather than what a rule reads.
pub(crate) struct Bookkeeping<'a> {
    /// `config.kubernetes.io/local-config: "true"`: tooling only, not checked.
    pub(crate) local_config: bool,
    /// The provenance annotation of a generated object.
    pub(crate) provenance: Option<&'a str>,
    /// `config.kubernetes.io/path` is set (it wins over the internal path).
    pub(crate) has_path: bool,
}

/// The metadata fields a digest reads, borrowed, in one pass over `metadata`.
#[derive(Default)]
struct Meta<'a> {
    name: &'a str,
    namespace: &'a str,
    path: Option<&'a str>,
    internal_path: Option<&'a str>,
    tenant_label: Option<&'a str>,
    namespace_tenant_label: Option<&'a str>,
    /// The first Tenant ownerReference's name (when that reference has a string name).
    tenant_owner: Option<&'a str>,
    issuer: Option<&'a str>,
    cluster_issuer: Option<&'a str>,
    issuer_kind: Option<&'a str>,
    issuer_group: Option<&'a str>,
    ignore_tls_listeners: Option<&'a str>,
    local_config: Option<&'a str>,
    provenance: Option<&'a str>,
}

impl<'a> Meta<'a> {
    fn of<N: JsonView<'a>>(metadata: Option<N>) -> Meta<'a> {
        let mut m = Meta::default();
        let Some(metadata) = metadata else {
            return m;
        };
        metadata.each_entry(|k, v| match k {
            "name" => m.name = v.as_str().unwrap_or_default(),
            "namespace" => m.namespace = v.as_str().unwrap_or_default(),
            "labels" => v.each_entry(|k, v| match k {
                "projectcapsule.dev/tenant" => m.tenant_label = v.as_str(),
                "capsule.clastix.io/tenant" => m.namespace_tenant_label = v.as_str(),
                _ => {}
            }),
            "annotations" => v.each_entry(|k, v| match k {
                "config.kubernetes.io/path" => m.path = v.as_str(),
                "internal.config.kubernetes.io/path" => m.internal_path = v.as_str(),
                "cert-manager.io/issuer" => m.issuer = v.as_str(),
                "cert-manager.io/cluster-issuer" => m.cluster_issuer = v.as_str(),
                "cert-manager.io/issuer-kind" => m.issuer_kind = v.as_str(),
                "cert-manager.io/issuer-group" => m.issuer_group = v.as_str(),
                "cert-manager.io/ignore-tls-listeners" => m.ignore_tls_listeners = v.as_str(),
                crate::capsule::object::LOCAL_CONFIG => m.local_config = v.as_str(),
                crate::capsule::provenance::ANNOTATION => m.provenance = v.as_str(),
                _ => {}
            }),
            "ownerReferences" => {
                let mut found = false;
                v.each_item(|r| {
                    if !found && r.str_at(&["kind"]) == Some("Tenant") {
                        found = true;
                        m.tenant_owner = r.str_at(&["name"]);
                    }
                });
            }
            _ => {}
        });
        m
    }

    fn cert_manager(&self) -> CertManagerAnnotations<'a> {
        CertManagerAnnotations {
            issuer: self.issuer,
            cluster_issuer: self.cluster_issuer,
            issuer_kind: self.issuer_kind,
            issuer_group: self.issuer_group,
            ignore_tls_listeners: self.ignore_tls_listeners,
        }
    }
}

/// The strings of a list, with their positions (other elements skipped).
fn strings_of<'a, N: JsonView<'a>>(
    list: Option<N>,
    field: Option<&str>,
) -> Box<[(usize, &'a str)]> {
    let mut out = Vec::new();
    let mut i = 0;
    if let Some(list) = list {
        list.each_item(|item| {
            let s = match field {
                Some(f) => item.str_at(&[f]),
                None => item.as_str(),
            };
            if let Some(s) = s {
                out.push((i, s));
            }
            i += 1;
        });
    }
    out.into_boxed_slice()
}

/// The elements of a list read by `read`, when it is a list (a boxed slice: no spare room).
fn list_of<'a, N: JsonView<'a>, T>(list: Option<N>, read: impl Fn(N) -> T) -> Option<Box<[T]>> {
    let mut out = Vec::new();
    list?
        .each_item(|item| out.push(read(item)))
        .then(|| out.into_boxed_slice())
}

/// Three string fields of an object.
fn three<'a, N: JsonView<'a>>(n: N, keys: [&str; 3]) -> [Text<'a>; 3] {
    keys.map(|k| n.str_at(&[k]))
}

impl<'a> Body<'a> {
    fn of<N: JsonView<'a>>(
        group: &str,
        kind: Option<&str>,
        spec: Option<N>,
        meta: &Meta<'a>,
    ) -> Body<'a> {
        let at = |path: &[&str]| spec.and_then(|s| s.at(path));
        match (group, kind.unwrap_or_default()) {
            ("", "Namespace") => Body::Namespace {
                owner: meta.namespace_tenant_label.or(meta.tenant_owner),
            },
            ("gateway.networking.k8s.io", "Gateway") => {
                let listeners = at(&["listeners"]).map(JsonView::any);
                let parameters_ref = at(&["infrastructure", "parametersRef"])
                    .map_or([None, None, None], |r| three(r, ["group", "kind", "name"]));
                Body::Gateway(Box::new(GatewayDigest {
                    annotations: meta.cert_manager(),
                    parameters_ref,
                    listeners,
                }))
            }
            ("gateway.networking.k8s.io", "HTTPRoute") => Body::HttpRoute {
                hostnames: strings_of(at(&["hostnames"]), None),
            },
            ("networking.k8s.io", "Ingress") => Body::Ingress(Box::new(IngressDigest {
                annotations: meta.cert_manager(),
                hosts: strings_of(at(&["rules"]), Some("host")),
            })),
            ("gateway.envoyproxy.io", "EnvoyProxy") => {
                let service = at(&["provider", "kubernetes", "envoyService"]);
                Body::EnvoyProxy(Box::new(EnvoyProxyDigest {
                    load_balancer_ip: service.and_then(|s| s.field("loadBalancerIP")).map(|ip| {
                        LoadBalancerIp {
                            json: ip.json_text().into(),
                            value: ip.as_str(),
                        }
                    }),
                    service_type: service.and_then(|s| s.str_at(&["type"])),
                }))
            }
            ("cert-manager.io", "Issuer" | "ClusterIssuer") => Body::Issuer {
                solvers: list_of(at(&["acme", "solvers"]), Solver::of),
            },
            ("cert-manager.io", "Certificate") => Body::Certificate(Box::new([
                at(&["issuerRef", "kind"]).and_then(JsonView::as_str),
                at(&["issuerRef", "name"]).and_then(JsonView::as_str),
            ])),
            ("gateway.networking.k8s.io", "ReferenceGrant") => {
                let list = |key: &str, fields: [&str; 3]| {
                    list_of(at(&[key]), |e| three(e, fields)).unwrap_or_default()
                };
                Body::ReferenceGrant(Box::new(ReferenceGrantDigest {
                    from: list("from", ["group", "kind", "namespace"]),
                    to: list("to", ["group", "kind", "name"]),
                }))
            }
            ("capsule.clastix.io", "Tenant") => Body::Tenant {
                allowed: at(&["ingressOptions", "allowedHostnames"])
                    .filter(|a| !a.is_null())
                    .map(|a| {
                        Box::new(AllowedHostnames {
                            exact: strings_of(a.field("allowed"), None)
                                .into_iter()
                                .map(|(_, s)| s)
                                .collect(),
                            regex: a.str_at(&["allowedRegex"]).unwrap_or_default(),
                        })
                    }),
            },
            _ => Body::Other,
        }
    }
}

impl<'a> Listener<'a> {
    /// Reads a listener, in one pass that stops once the fields the rules read (`name`,
    /// `port`, `protocol`, `hostname`, `tls`) are all found: a listener usually ends with
    /// `allowedRoutes`, its deepest part, which every rule's pass would otherwise step through.
    fn of<N: JsonView<'a>>(l: N) -> Listener<'a> {
        let [name, port, protocol, hostname, tls] =
            l.fields(["name", "port", "protocol", "hostname", "tls"]);
        let text = |v: Option<N>| v.and_then(JsonView::as_str);
        let [tls_mode, certificate_refs, options] = tls
            .map(|t| t.fields(["mode", "certificateRefs", "options"]))
            .unwrap_or_default();
        Listener {
            name: text(name),
            port: match port {
                None => Port::Null,
                Some(v) => match v.as_u64() {
                    Some(n) => Port::Number(n),
                    None if v.is_null() => Port::Null,
                    None => Port::Other(v.json_text().into()),
                },
            },
            protocol: text(protocol).unwrap_or_default(),
            hostname: text(hostname),
            has_tls: tls.is_some_and(|v| !v.is_null()),
            tls_mode: text(tls_mode),
            certificate_refs: certificate_refs.map(JsonView::any),
            has_tls_options: options.is_some_and(JsonView::is_nonempty_object),
        }
    }
}

impl<'a> Solver<'a> {
    fn of<N: JsonView<'a>>(s: N) -> Solver<'a> {
        let set = |k: &str| s.field(k).is_some_and(|v| !v.is_null());
        let parent_refs = list_of(s.at(&["http01", "gatewayHTTPRoute", "parentRefs"]), |r| {
            (Reference::of(r), r.str_at(&["sectionName"]))
        });
        Solver {
            dns01: set("dns01"),
            http01: set("http01"),
            parent_refs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A digest reads the same from a tree and from its packed form, for every kind's body.
    #[test]
    fn packed_and_tree_objects_give_the_same_digest() {
        let objects = [
            json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
                "metadata": {"name": "g", "namespace": "ns", "labels": {"projectcapsule.dev/tenant": "t"},
                    "annotations": {"cert-manager.io/issuer": "i", "config.kubernetes.io/path": "f.yaml",
                        "cert-manager.io/ignore-tls-listeners": "a,b"}},
                "spec": {"infrastructure": {"parametersRef": {"group": "gateway.envoyproxy.io", "kind": "EnvoyProxy", "name": "p"}},
                    "listeners": [
                        {"name": "a", "port": 443, "protocol": "HTTPS", "hostname": "a.example.com",
                         "tls": {"mode": "Terminate", "certificateRefs": [{"kind": "Secret", "name": "s", "namespace": "o"}],
                                 "options": {"k": "v"}}},
                        {"port": "80", "protocol": 7, "tls": null},
                        {"name": "c", "port": -1, "tls": {"certificateRefs": "no"}},
                        "not a listener",
                        {"allowedRoutes": {"namespaces": {"from": "All"}}, "tls": {"mode": "Passthrough"},
                         "hostname": "d.example.com", "x": 1, "protocol": "TLS", "port": 8443, "name": "d", "y": 2}]}}),
            json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
                "metadata": {"name": "r", "namespace": "ns", "annotations": {"internal.config.kubernetes.io/path": "r.yaml"}},
                "spec": {"hostnames": ["a.example.com", 3, "b.example.com"]}}),
            json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i",
                "annotations": {"cert-manager.io/cluster-issuer": "c", "cert-manager.io/issuer-kind": "X"}},
                "spec": {"rules": [{"host": "x.example.com"}, {}, {"host": 1}]}}),
            json!({"apiVersion": "gateway.envoyproxy.io/v1alpha1", "kind": "EnvoyProxy", "metadata": {"name": "p"},
                "spec": {"provider": {"kubernetes": {"envoyService": {"type": "NodePort", "loadBalancerIP": 10}}}}}),
            json!({"apiVersion": "gateway.envoyproxy.io/v1alpha1", "kind": "EnvoyProxy", "metadata": {"name": "q"},
                "spec": {"provider": {"kubernetes": {"envoyService": {"loadBalancerIP": null}}}}}),
            json!({"apiVersion": "cert-manager.io/v1", "kind": "ClusterIssuer", "metadata": {"name": "c"},
                "spec": {"acme": {"solvers": [{"dns01": {}}, {"http01": {"gatewayHTTPRoute": {"parentRefs": [
                    {"name": "g", "namespace": "ns", "sectionName": ""}, {"group": "x", "kind": "Y"}]}}}, {"http01": null}]}}}),
            json!({"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "c", "namespace": "ns"},
                "spec": {"issuerRef": {"name": "i"}}}),
            json!({"apiVersion": "gateway.networking.k8s.io/v1beta1", "kind": "ReferenceGrant", "metadata": {"name": "rg"},
                "spec": {"from": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "namespace": "a"}],
                         "to": [{"group": "", "kind": "Secret"}]}}),
            json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant", "metadata": {"name": "t"},
                "spec": {"ingressOptions": {"allowedHostnames": {"allowed": ["a", 1], "allowedRegex": ".*"}}}}),
            json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant", "metadata": {"name": "u"},
                "spec": {"ingressOptions": {"allowedHostnames": "odd"}}}),
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n",
                "ownerReferences": [{"kind": "Other", "name": "x"}, {"kind": "Tenant", "name": "t"}]}}),
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "m",
                "labels": {"capsule.clastix.io/tenant": "l"}, "ownerReferences": [{"kind": "Tenant", "name": "t"}]}}),
            json!({"kind": 3, "metadata": {"name": ["x"]}}),
            json!("not an object"),
            // The four top-level fields in another order, among others.
            json!({"status": {"x": [1]}, "spec": {"issuerRef": {"kind": "Issuer", "name": "j"}},
                "metadata": {"name": "late", "namespace": "ns"}, "extra": {}, "kind": "Certificate",
                "apiVersion": "cert-manager.io/v1", "more": 1}),
        ];
        for o in &objects {
            let packed = crate::packed::Packed::of(o);
            let from_tree = Digest::of(o, None);
            let from_packed = Digest::of(packed.view(), None);
            assert_eq!(format!("{from_tree:?}"), format!("{from_packed:?}"), "{o}");
        }
        // The bodies were read (not all `Other`).
        let gateway = Digest::of(&objects[0], None);
        let listeners = gateway
            .gateway()
            .map(GatewayDigest::listeners)
            .unwrap_or_default();
        assert_eq!(listeners.len(), 5);
        assert_eq!(listeners[1].port, Port::Other("\"80\"".into()));
        assert_eq!(listeners[2].port, Port::Other("-1".into()));
        // Read in any key order, whatever comes before or after the five fields.
        let d = &listeners[4];
        assert_eq!(
            (d.name, d.protocol, d.hostname, d.tls_mode),
            (Some("d"), "TLS", Some("d.example.com"), Some("Passthrough"))
        );
        assert_eq!(d.port, Port::Number(8443));
        assert_eq!(gateway.file, Some("f.yaml"));
        let ns = Digest::of(&objects[10], None);
        assert!(matches!(&ns.body, Body::Namespace { owner: Some(t) } if &**t == "t"));
        let packed = crate::packed::Packed::of(&objects[14]);
        let late = Digest::of(packed.view(), None);
        assert_eq!(
            (late.api_version, late.kind, late.name, late.namespace),
            ("cert-manager.io/v1", Some("Certificate"), "late", "ns")
        );
        assert!(
            matches!(&late.body, Body::Certificate(r) if **r == [Some("Issuer"), Some("j")]),
            "{late:?}"
        );
    }
}
