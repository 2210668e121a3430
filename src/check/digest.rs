//! What the checks read of one object, copied out of it in one pass: identity, the labels and
//! annotations they look at, and per kind the few fields a rule reads (listeners, hostnames,
//! issuer solvers, …). A digest owns its data, so the checks hold no object tree: a render can
//! keep its objects packed (or drop them) while the checks run, and the digests of a big
//! package take a fraction of the trees' memory.
//!
//! Strings that repeat across objects (apiVersion, kind, namespace, file, tenant, provenance)
//! are shared through an [`Interner`].

use std::rc::Rc;

use foldhash::HashSet;

use crate::diagnostic::ResourceRef;
use crate::json_view::JsonView;

use super::{GeneratedBy, Origin};

/// A string shared by every digest that holds the same text.
pub(crate) type Shared = Rc<str>;

/// Hands out one [`Shared`] per distinct text.
#[derive(Default)]
pub(crate) struct Interner {
    known: HashSet<Shared>,
}

impl Interner {
    pub(crate) fn get(&mut self, s: &str) -> Shared {
        if let Some(k) = self.known.get(s) {
            return Rc::clone(k);
        }
        let k: Shared = Rc::from(s);
        self.known.insert(Rc::clone(&k));
        k
    }

    fn opt(&mut self, s: Option<&str>) -> Option<Shared> {
        s.map(|s| self.get(s))
    }
}

/// An owned string field (`None` when absent or not a string).
type Text = Option<Box<str>>;

fn text(s: Option<&str>) -> Text {
    s.map(Box::from)
}

/// One object as the checks see it.
#[derive(Debug)]
pub(crate) struct Digest {
    /// `apiVersion` ("" when missing or not a string).
    pub(crate) api_version: Shared,
    /// `kind`, when a string.
    pub(crate) kind: Option<Shared>,
    /// `metadata.name` ("" when unset).
    pub(crate) name: Box<str>,
    /// `metadata.namespace` ("" when cluster-scoped or unset).
    pub(crate) namespace: Shared,
    /// The file kpt or kustomize read it from (`config.kubernetes.io/path`, else the internal
    /// one), for findings.
    pub(crate) file: Option<Shared>,
    /// The label `projectcapsule.dev/tenant`.
    pub(crate) tenant_label: Option<Shared>,
    /// Where a generated object came from; `None` for input items.
    pub(crate) generated_by: Option<Box<Origin>>,
    /// What the rules of its kind read.
    pub(crate) body: Body,
}

/// The kind-specific part of a [`Digest`].
#[derive(Debug)]
pub(crate) enum Body {
    /// A kind no rule reads further.
    Other,
    /// A core Namespace: the tenant owning it (label `capsule.clastix.io/tenant`, else the
    /// first Tenant ownerReference's name).
    Namespace { owner: Option<Shared> },
    /// A Gateway API Gateway.
    Gateway(Box<GatewayDigest>),
    /// A Gateway API HTTPRoute: the strings of `spec.hostnames`, with their positions.
    HttpRoute { hostnames: Box<[(usize, Box<str>)]> },
    /// A networking.k8s.io Ingress: its cert-manager annotations and `spec.rules[].host`.
    Ingress(Box<IngressDigest>),
    /// An Envoy Gateway EnvoyProxy: `spec.provider.kubernetes.envoyService`.
    EnvoyProxy(Box<EnvoyProxyDigest>),
    /// A cert-manager Issuer or ClusterIssuer: `spec.acme.solvers`, when a list.
    Issuer { solvers: Option<Box<[Solver]>> },
    /// A cert-manager Certificate: `spec.issuerRef.kind` and `.name`.
    Certificate(Box<[Text; 2]>),
    /// A Gateway API ReferenceGrant: `spec.from[]` (group, kind, namespace) and `spec.to[]`
    /// (group, kind, name).
    ReferenceGrant(Box<ReferenceGrantDigest>),
    /// A Capsule Tenant: `spec.ingressOptions.allowedHostnames`, when set and not null.
    Tenant {
        allowed: Option<Box<AllowedHostnames>>,
    },
}

/// An Ingress's rule inputs.
#[derive(Debug)]
pub(crate) struct IngressDigest {
    pub(crate) annotations: CertManagerAnnotations,
    /// The strings of `spec.rules[].host`, with the rules' positions.
    pub(crate) hosts: Box<[(usize, Box<str>)]>,
}

/// An EnvoyProxy's `spec.provider.kubernetes.envoyService`.
#[derive(Debug)]
pub(crate) struct EnvoyProxyDigest {
    /// `loadBalancerIP`, when set (to anything, null included).
    pub(crate) load_balancer_ip: Option<LoadBalancerIp>,
    /// `type`, when a string.
    pub(crate) service_type: Text,
}

/// A ReferenceGrant's `spec.from[]` (group, kind, namespace) and `spec.to[]` (group, kind, name).
#[derive(Debug)]
pub(crate) struct ReferenceGrantDigest {
    pub(crate) from: Box<[[Text; 3]]>,
    pub(crate) to: Box<[[Text; 3]]>,
}

/// The cert-manager annotations of a Gateway or an Ingress.
#[derive(Debug, Default)]
pub(crate) struct CertManagerAnnotations {
    pub(crate) issuer: Text,
    pub(crate) cluster_issuer: Text,
    pub(crate) issuer_kind: Text,
    pub(crate) issuer_group: Text,
    pub(crate) ignore_tls_listeners: Text,
}

/// A Gateway's rule inputs.
#[derive(Debug, Default)]
pub(crate) struct GatewayDigest {
    pub(crate) annotations: CertManagerAnnotations,
    /// `spec.infrastructure.parametersRef` group, kind and name.
    pub(crate) parameters_ref: [Text; 3],
    /// `spec.listeners`, when a list.
    pub(crate) listeners: Option<Box<[Listener]>>,
}

impl GatewayDigest {
    /// The listeners (none when `spec.listeners` is not a list).
    pub(crate) fn listeners(&self) -> &[Listener] {
        self.listeners.as_deref().unwrap_or_default()
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
#[derive(Debug)]
pub(crate) struct Listener {
    /// `name`, when a string.
    pub(crate) name: Text,
    pub(crate) port: Port,
    /// `protocol` ("" when unset or not a string).
    pub(crate) protocol: Box<str>,
    /// `hostname`, when a string.
    pub(crate) hostname: Text,
    /// `tls` is set and not null.
    pub(crate) has_tls: bool,
    /// `tls.mode`, when a string.
    pub(crate) tls_mode: Text,
    /// `tls.certificateRefs`, when a list.
    pub(crate) certificate_refs: Option<Box<[CertificateRef]>>,
    /// `tls.options` is a non-empty object.
    pub(crate) has_tls_options: bool,
}

impl Listener {
    /// `name`, "" when unset or not a string.
    pub(crate) fn name(&self) -> &str {
        self.name.as_deref().unwrap_or_default()
    }

    /// `hostname`, when a string.
    pub(crate) fn hostname(&self) -> Option<&str> {
        self.hostname.as_deref()
    }
}

/// One entry of a listener's `tls.certificateRefs`.
#[derive(Debug)]
pub(crate) struct CertificateRef {
    pub(crate) group: Text,
    pub(crate) kind: Text,
    pub(crate) name: Text,
    pub(crate) namespace: Text,
}

/// An EnvoyProxy's `loadBalancerIP`.
#[derive(Debug)]
pub(crate) struct LoadBalancerIp {
    /// As JSON text, for messages.
    pub(crate) json: Box<str>,
    /// The string, when it is one.
    pub(crate) value: Text,
}

/// One ACME solver of an issuer.
#[derive(Debug)]
pub(crate) struct Solver {
    /// `dns01` is set and not null.
    pub(crate) dns01: bool,
    /// `http01` is set and not null.
    pub(crate) http01: bool,
    /// `http01.gatewayHTTPRoute.parentRefs`, when a list.
    pub(crate) parent_refs: Option<Box<[ParentRef]>>,
}

/// One parentRef of an HTTP-01 solver.
#[derive(Debug)]
pub(crate) struct ParentRef {
    pub(crate) group: Text,
    pub(crate) kind: Text,
    pub(crate) name: Text,
    pub(crate) namespace: Text,
    pub(crate) section_name: Text,
}

/// A Tenant's `allowedHostnames`.
#[derive(Debug)]
pub(crate) struct AllowedHostnames {
    /// The strings of `allowed`.
    pub(crate) exact: Box<[Box<str>]>,
    /// `allowedRegex` ("" when unset).
    pub(crate) regex: Box<str>,
}

impl Digest {
    /// The API group of `apiVersion` ("" for the core group).
    pub(crate) fn group(&self) -> &str {
        match self.api_version.rsplit_once('/') {
            Some((g, _)) => g,
            None => "",
        }
    }

    /// `kind`, "" when missing.
    pub(crate) fn kind(&self) -> &str {
        self.kind.as_deref().unwrap_or_default()
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

    /// The tenant a generated object was rendered for.
    pub(crate) fn tenant(&self) -> Option<&str> {
        self.generated_by.as_deref().map(Origin::tenant)
    }

    /// The Gateway part, for a Gateway API Gateway.
    pub(crate) fn gateway(&self) -> Option<&GatewayDigest> {
        match &self.body {
            Body::Gateway(g) => Some(g),
            _ => None,
        }
    }

    /// The cert-manager annotations, for a Gateway or an Ingress.
    pub(crate) fn cert_manager(&self) -> Option<&CertManagerAnnotations> {
        match &self.body {
            Body::Gateway(g) => Some(&g.annotations),
            Body::Ingress(i) => Some(&i.annotations),
            _ => None,
        }
    }

    /// Reads `object`. `generated_by` comes from the caller (a provenance annotation or a
    /// test's description); `strings` shares repeated texts between digests.
    pub(crate) fn of<'a, N: JsonView<'a>>(
        object: N,
        generated_by: Option<Box<Origin>>,
        strings: &mut Interner,
    ) -> Digest {
        let mut api_version = None;
        let mut kind = None;
        let mut metadata = None;
        let mut spec = None;
        object.each_entry(|k, v| match k {
            "apiVersion" => api_version = v.as_str(),
            "kind" => kind = v.as_str(),
            "metadata" => metadata = Some(v),
            "spec" => spec = Some(v),
            _ => {}
        });
        let meta = Meta::of(metadata);
        let api_version = strings.get(api_version.unwrap_or_default());
        let group = match api_version.rsplit_once('/') {
            Some((g, _)) => g,
            None => "",
        };
        let body = Body::of(group, kind, spec, &meta, strings);
        Digest {
            kind: strings.opt(kind),
            name: meta.name.into(),
            namespace: strings.get(meta.namespace),
            file: strings.opt(meta.path.or(meta.internal_path)),
            tenant_label: strings.opt(meta.tenant_label),
            generated_by,
            body,
            api_version,
        }
    }
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

    fn cert_manager(&self) -> CertManagerAnnotations {
        CertManagerAnnotations {
            issuer: text(self.issuer),
            cluster_issuer: text(self.cluster_issuer),
            issuer_kind: text(self.issuer_kind),
            issuer_group: text(self.issuer_group),
            ignore_tls_listeners: text(self.ignore_tls_listeners),
        }
    }
}

/// The strings of a list, with their positions (other elements skipped).
fn strings_of<'a, N: JsonView<'a>>(
    list: Option<N>,
    field: Option<&str>,
) -> Box<[(usize, Box<str>)]> {
    let mut out = Vec::new();
    let mut i = 0;
    if let Some(list) = list {
        list.each_item(|item| {
            let s = match field {
                Some(f) => item.str_at(&[f]),
                None => item.as_str(),
            };
            if let Some(s) = s {
                out.push((i, Box::from(s)));
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
fn three<'a, N: JsonView<'a>>(n: N, keys: [&str; 3]) -> [Text; 3] {
    keys.map(|k| text(n.str_at(&[k])))
}

impl Body {
    fn of<'a, N: JsonView<'a>>(
        group: &str,
        kind: Option<&str>,
        spec: Option<N>,
        meta: &Meta<'a>,
        strings: &mut Interner,
    ) -> Body {
        let at = |path: &[&str]| spec.and_then(|s| s.at(path));
        match (group, kind.unwrap_or_default()) {
            ("", "Namespace") => Body::Namespace {
                owner: strings.opt(meta.namespace_tenant_label.or(meta.tenant_owner)),
            },
            ("gateway.networking.k8s.io", "Gateway") => {
                let listeners = list_of(at(&["listeners"]), Listener::of);
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
                            value: text(ip.as_str()),
                        }
                    }),
                    service_type: text(service.and_then(|s| s.str_at(&["type"]))),
                }))
            }
            ("cert-manager.io", "Issuer" | "ClusterIssuer") => Body::Issuer {
                solvers: list_of(at(&["acme", "solvers"]), Solver::of),
            },
            ("cert-manager.io", "Certificate") => Body::Certificate(Box::new([
                text(at(&["issuerRef", "kind"]).and_then(JsonView::as_str)),
                text(at(&["issuerRef", "name"]).and_then(JsonView::as_str)),
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
                            regex: a.str_at(&["allowedRegex"]).unwrap_or_default().into(),
                        })
                    }),
            },
            _ => Body::Other,
        }
    }
}

impl Listener {
    fn of<'a, N: JsonView<'a>>(l: N) -> Listener {
        let mut out = Listener {
            name: None,
            port: Port::Null,
            protocol: Box::from(""),
            hostname: None,
            has_tls: false,
            tls_mode: None,
            certificate_refs: None,
            has_tls_options: false,
        };
        l.each_entry(|k, v| match k {
            "name" => out.name = text(v.as_str()),
            "port" => {
                out.port = match v.as_u64() {
                    Some(n) => Port::Number(n),
                    None if v.is_null() => Port::Null,
                    None => Port::Other(v.json_text().into()),
                }
            }
            "protocol" => out.protocol = v.as_str().unwrap_or_default().into(),
            "hostname" => out.hostname = text(v.as_str()),
            "tls" => {
                out.has_tls = !v.is_null();
                v.each_entry(|k, v| match k {
                    "mode" => out.tls_mode = text(v.as_str()),
                    "certificateRefs" => {
                        out.certificate_refs = list_of(Some(v), |r| CertificateRef {
                            group: text(r.str_at(&["group"])),
                            kind: text(r.str_at(&["kind"])),
                            name: text(r.str_at(&["name"])),
                            namespace: text(r.str_at(&["namespace"])),
                        });
                    }
                    "options" => out.has_tls_options = v.is_nonempty_object(),
                    _ => {}
                });
            }
            _ => {}
        });
        out
    }
}

impl Solver {
    fn of<'a, N: JsonView<'a>>(s: N) -> Solver {
        let set = |k: &str| s.field(k).is_some_and(|v| !v.is_null());
        let parent_refs = list_of(s.at(&["http01", "gatewayHTTPRoute", "parentRefs"]), |r| {
            ParentRef {
                group: text(r.str_at(&["group"])),
                kind: text(r.str_at(&["kind"])),
                name: text(r.str_at(&["name"])),
                namespace: text(r.str_at(&["namespace"])),
                section_name: text(r.str_at(&["sectionName"])),
            }
        });
        Solver {
            dns01: set("dns01"),
            http01: set("http01"),
            parent_refs,
        }
    }
}

/// Reads objects into digests, sharing repeated strings.
#[derive(Default)]
pub(crate) struct Digester {
    strings: Interner,
}

impl Digester {
    /// The digest of one object.
    pub(crate) fn digest<'a, N: JsonView<'a>>(
        &mut self,
        object: N,
        generated_by: Option<Origin>,
    ) -> Digest {
        Digest::of(object, generated_by.map(Box::new), &mut self.strings)
    }

    /// An origin from a provenance entry, its strings shared.
    pub(crate) fn origin(&mut self, owner: &str, origin: &str, tenant: &str) -> Origin {
        Origin::from_provenance(
            self.strings.get(owner),
            self.strings.get(origin),
            self.strings.get(tenant),
        )
    }

    /// `s`, shared with the digests' equal strings.
    pub(crate) fn shared(&mut self, s: &str) -> Shared {
        self.strings.get(s)
    }

    /// An origin given whole (tests, the CLI).
    pub(crate) fn given(&mut self, g: &GeneratedBy) -> Origin {
        Origin::given(self.strings.get(&g.tenant), g.clone())
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
                        "not a listener"]}}),
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
        ];
        for o in &objects {
            let packed = crate::packed::Packed::of(o);
            let from_tree = Digester::default().digest(o, None);
            let from_packed = Digester::default().digest(packed.view(), None);
            assert_eq!(format!("{from_tree:?}"), format!("{from_packed:?}"), "{o}");
        }
        // The bodies were read (not all `Other`).
        let gateway = Digester::default().digest(&objects[0], None);
        let listeners = gateway
            .gateway()
            .map(GatewayDigest::listeners)
            .unwrap_or_default();
        assert_eq!(listeners.len(), 4);
        assert_eq!(listeners[1].port, Port::Other("\"80\"".into()));
        assert_eq!(listeners[2].port, Port::Other("-1".into()));
        assert_eq!(gateway.file.as_deref(), Some("f.yaml"));
        let ns = Digester::default().digest(&objects[10], None);
        assert!(matches!(&ns.body, Body::Namespace { owner: Some(t) } if &**t == "t"));
    }
}
