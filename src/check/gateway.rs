//! Gateway API validity of Gateways (gateway-stack-rules.md §1.1, pitfalls P4–P6, P9, P10):
//! what the API server's CRD and CEL validation would reject.

use foldhash::{HashMap, HashMapExt};

use super::Findings;
use super::digest::{Body, Listener};
use super::index::{Gateway, ObjectIndex};
use super::names::{is_dns_subdomain, is_gateway_hostname};

const GATEWAY_API: &str = "gateway.networking.k8s.io";
/// `spec.listeners[i]`, formatted only when a finding is reported.
#[derive(Clone, Copy)]
struct ListenerPath(usize);

impl std::fmt::Display for ListenerPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "spec.listeners[{}]", self.0)
    }
}

/// `+kubebuilder:validation:MaxItems=64` on `GatewaySpec.Listeners`.
const MAX_LISTENERS: usize = 64;

pub(super) fn check(index: &ObjectIndex<'_>, f: &mut Findings<'_>) {
    // One list and two tables for every Gateway.
    let mut listeners = Vec::new();
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut combos: HashMap<(Option<u64>, &str, &str), usize> = HashMap::new();
    for g in &index.gateways {
        let gw = g.digest;
        g.spec.listeners_into(&mut listeners);
        names.clear();
        combos.clear();
        if listeners.len() > MAX_LISTENERS {
            f.report(
                "gateway.listener-limit",
                gw,
                "spec.listeners",
                format!(
                    "{} has {} listeners; Gateway API allows at most {MAX_LISTENERS}, so the API \
                     server rejects the whole Gateway. Split the hostnames over ListenerSets, or \
                     serve them through a shared wildcard certificate",
                    gw.describe(),
                    listeners.len()
                ),
            );
        }
        for (i, l) in listeners.iter().enumerate() {
            let path = ListenerPath(i);
            let lname = l.name.unwrap_or_default();
            if !is_dns_subdomain(lname) {
                f.report(
                    "gateway.listener-name",
                    gw,
                    format!("{path}.name"),
                    format!(
                        "listener name {lname:?} of {} is not a valid section name (1-253 \
                         lowercase alphanumerics, '-' or '.', starting and ending alphanumeric)",
                        gw.describe()
                    ),
                );
            }
            if let Some(first) = names.insert(lname, i) {
                f.report(
                    "gateway.listener-name",
                    gw,
                    format!("{path}.name"),
                    format!(
                        "listener name {lname:?} of {} is used by listeners {first} and {i}; \
                         names must be unique within a Gateway",
                        gw.describe()
                    ),
                );
            }
            let protocol = l.protocol;
            let hostname = l.hostname.unwrap_or_default();
            if let Some(first) = combos.insert((l.port.as_u64(), protocol, hostname), i) {
                let port = l.port.to_string();
                f.report(
                    "gateway.listener-unique",
                    gw,
                    format!("{path}.hostname"),
                    format!(
                        "listeners {first} and {i} of {} both serve port {port} {protocol} for \
                         hostname {hostname:?}; the combination must be unique, so routes with \
                         the same hostname must share one listener",
                        gw.describe()
                    ),
                );
            }
            if let Some(h) = l.hostname
                && let Err(why) = is_gateway_hostname(h)
            {
                f.report(
                    "gateway.hostname",
                    gw,
                    format!("{path}.hostname"),
                    format!(
                        "listener {lname:?} of {} has hostname {h:?}: {why}",
                        gw.describe()
                    ),
                );
            }
            tls_rules(index, *g, l, path, f);
        }
    }
}

fn tls_rules(
    index: &ObjectIndex<'_>,
    g: Gateway<'_>,
    l: &Listener<'_>,
    path: ListenerPath,
    f: &mut Findings<'_>,
) {
    let gw = g.digest;
    let (protocol, lname) = (l.protocol, l.name());
    match protocol {
        "HTTP" | "TCP" | "UDP" if l.has_tls => f.report(
            "gateway.tls",
            gw,
            format!("{path}.tls"),
            format!(
                "listener {lname:?} of {} is {protocol} and sets tls, which only HTTPS and TLS \
                 listeners may",
                gw.describe()
            ),
        ),
        "HTTPS" | "TLS" => {
            let mode = l.tls_mode.unwrap_or("Terminate");
            let refs = l.certificate_ref_count();
            if protocol == "HTTPS" && mode != "Terminate" {
                f.report(
                    "gateway.tls",
                    gw,
                    format!("{path}.tls.mode"),
                    format!(
                        "HTTPS listener {lname:?} of {} has tls mode {mode:?}; HTTPS listeners \
                         terminate TLS",
                        gw.describe()
                    ),
                );
            } else if mode == "Terminate" && refs == 0 && !l.has_tls_options {
                f.report(
                    "gateway.tls",
                    gw,
                    format!("{path}.tls.certificateRefs"),
                    format!(
                        "{protocol} listener {lname:?} of {} terminates TLS without \
                         certificateRefs",
                        gw.describe()
                    ),
                );
            }
            cross_namespace_refs(index, g, l, path, f);
        }
        _ => {}
    }
}

fn cross_namespace_refs(
    index: &ObjectIndex<'_>,
    g: Gateway<'_>,
    l: &Listener<'_>,
    path: ListenerPath,
    f: &mut Findings<'_>,
) {
    let gw = g.digest;
    let gw_ns = gw.namespace;
    l.each_certificate_ref(|i, r| {
        let Some(ns) = r.namespace else {
            return;
        };
        if ns == gw_ns {
            return;
        }
        let secret = r.name.unwrap_or_default();
        if !reference_grant_allows(index, gw_ns, ns, secret) {
            f.report(
                "gateway.cross-namespace-certificate",
                gw,
                format!("{path}.tls.certificateRefs[{i}].namespace"),
                format!(
                    "{} uses Secret {ns}/{secret} from another namespace, and no ReferenceGrant \
                     in {ns:?} allows Gateways from {gw_ns:?} to; the listener would not be \
                     programmed (and cert-manager refuses cross-namespace secrets)",
                    gw.describe()
                ),
            );
        }
    });
}

/// Whether a ReferenceGrant in `to_ns` lets Gateways of `from_ns` use Secret `secret`.
fn reference_grant_allows(
    index: &ObjectIndex<'_>,
    from_ns: &str,
    to_ns: &str,
    secret: &str,
) -> bool {
    index
        .of_kind(GATEWAY_API, "ReferenceGrant")
        .filter(|g| g.namespace == to_ns)
        .any(|g| {
            let Body::ReferenceGrant(grant) = &g.body else {
                return false;
            };
            let from_ok = grant.from.iter().any(|[group, kind, namespace]| {
                group.as_deref() == Some(GATEWAY_API)
                    && kind.as_deref() == Some("Gateway")
                    && namespace.as_deref() == Some(from_ns)
            });
            let to_ok = grant.to.iter().any(|[group, kind, name]| {
                group.as_deref().unwrap_or_default().is_empty()
                    && kind.as_deref() == Some("Secret")
                    && name.as_deref().is_none_or(|n| n == secret)
            });
            from_ok && to_ok
        })
}
