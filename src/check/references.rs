//! Cross-references across the stack (gateway-stack-rules.md §2 P1, P13, P16): Gateway →
//! EnvoyProxy, Issuer HTTP-01 solver → Gateway and listener, issuer annotations → issuers,
//! rendered Issuers nobody uses. (`ref.namespace`, objects aimed at namespaces nothing defines,
//! is reported by the renderer, which knows the namespaces it generates itself.)

use foldhash::{HashSet, HashSetExt};

use super::digest::{Body, Digest};
use super::index::ObjectIndex;
use super::{CheckOptions, Findings};

const GATEWAY_API: &str = "gateway.networking.k8s.io";
const CERT_MANAGER: &str = "cert-manager.io";
const ENVOY_GATEWAY: &str = "gateway.envoyproxy.io";

pub(super) fn check(index: &ObjectIndex<'_>, options: &CheckOptions, f: &mut Findings<'_>) {
    for g in &index.gateways {
        envoy_proxy_ref(index, g.digest, &g.spec.parameters_ref, f);
    }
    for kind in ["Issuer", "ClusterIssuer"] {
        for issuer in index.of_kind(CERT_MANAGER, kind) {
            solver_parent_refs(index, issuer, f);
        }
    }
    for d in index.gateways_and_ingresses() {
        issuer_annotations(index, options, d, f);
    }
    let used = used_issuers(index);
    for issuer in index.of_kind(CERT_MANAGER, "Issuer") {
        if issuer.generated_by.is_some() {
            unused_issuer(index, &used, issuer, f);
        }
    }
}

fn envoy_proxy_ref(
    index: &ObjectIndex<'_>,
    gw: &Digest<'_>,
    parameters_ref: &[Option<&str>; 3],
    f: &mut Findings<'_>,
) {
    let [group, kind, name] = parameters_ref;
    if kind.as_deref() != Some("EnvoyProxy") || group.as_deref() != Some(ENVOY_GATEWAY) {
        return;
    }
    let wanted = name.as_deref().unwrap_or_default();
    let ns = gw.namespace;
    if index.get(ENVOY_GATEWAY, "EnvoyProxy", ns, wanted).is_some() {
        return;
    }
    let elsewhere: Vec<String> = index
        .of_kind(ENVOY_GATEWAY, "EnvoyProxy")
        .filter(|p| p.name == wanted)
        .map(Digest::describe)
        .collect();
    if elsewhere.is_empty() {
        f.report(
            "ref.envoyproxy",
            gw,
            "spec.infrastructure.parametersRef.name",
            format!(
                "{} references EnvoyProxy {wanted:?} in its namespace {ns:?}, which no input or \
                 rendered object defines; render it there or fix the reference",
                gw.describe()
            ),
        );
    } else {
        f.report(
            "envoyproxy.namespace",
            gw,
            "spec.infrastructure.parametersRef.name",
            format!(
                "{} references EnvoyProxy {wanted:?}, but it exists only as {}; \
                 parametersRef always resolves in the Gateway's namespace {ns:?}",
                gw.describe(),
                elsewhere.join(", ")
            ),
        );
    }
}

/// Gateways rendered for the same tenant, to name the other side of a broken reference.
fn tenant_gateways<'a>(index: &ObjectIndex<'a>, of: &'a Digest<'a>) -> Vec<String> {
    let Some(tenant) = of.tenant() else {
        return Vec::new();
    };
    index
        .tenant_gateways(tenant)
        .map(Digest::describe)
        .collect()
}

fn solver_parent_refs<'a>(index: &ObjectIndex<'a>, issuer: &'a Digest<'a>, f: &mut Findings<'_>) {
    let cluster = issuer.kind() == "ClusterIssuer";
    let Body::Issuer {
        solvers: Some(solvers),
    } = &issuer.body
    else {
        return;
    };
    for (si, solver) in solvers.iter().enumerate() {
        let Some(refs) = &solver.parent_refs else {
            continue;
        };
        for (ri, (r, section_name)) in refs.iter().enumerate() {
            let group = r.group.unwrap_or(GATEWAY_API);
            let kind = r.kind.unwrap_or("Gateway");
            if group != GATEWAY_API || kind != "Gateway" {
                continue;
            }
            let path = format!("spec.acme.solvers[{si}].http01.gatewayHTTPRoute.parentRefs[{ri}]");
            let gw_name = r.name.unwrap_or_default();
            let gw_ns = match r.namespace {
                Some(ns) => ns,
                // Without a namespace the parent resolves in the challenge's namespace: the
                // Issuer's own, or (for a ClusterIssuer) each certificate's: unknowable here.
                None if cluster => continue,
                None => issuer.namespace,
            };
            match index.get(GATEWAY_API, "Gateway", gw_ns, gw_name) {
                None => {
                    let mut msg = format!(
                        "{} solves HTTP-01 challenges through Gateway {gw_ns}/{gw_name}, which no \
                         input or rendered object defines: challenges would never be routed",
                        issuer.describe()
                    );
                    let others = tenant_gateways(index, issuer);
                    if !others.is_empty() {
                        msg.push_str(&format!(
                            "; this tenant's stack renders {}",
                            others.join(", ")
                        ));
                    }
                    f.report("ref.issuer-gateway", issuer, format!("{path}.name"), msg);
                }
                Some(gw) => {
                    let Some(section) = *section_name else {
                        continue;
                    };
                    let mut found = false;
                    if let Some(g) = gw.gateway() {
                        g.each_listener_str("name", |_, name| found |= name == Some(section));
                    }
                    if !found {
                        f.report(
                            "ref.issuer-gateway",
                            issuer,
                            format!("{path}.sectionName"),
                            format!(
                                "{} solves HTTP-01 challenges through listener {section:?} of \
                                 {}, which has no listener of that name",
                                issuer.describe(),
                                gw.describe()
                            ),
                        );
                    }
                }
            }
        }
    }
}

fn issuer_annotations(
    index: &ObjectIndex<'_>,
    options: &CheckOptions,
    d: &Digest<'_>,
    f: &mut Findings<'_>,
) {
    let Some(a) = d.cert_manager() else {
        return;
    };
    let external_kind = a
        .issuer_group
        .is_some_and(|g| !g.is_empty() && g != CERT_MANAGER);
    if external_kind {
        return;
    }
    let ns = d.namespace;
    if let Some(issuer) = a.issuer {
        let kind = a.issuer_kind.unwrap_or("Issuer");
        let known = match kind {
            "ClusterIssuer" => index
                .get(CERT_MANAGER, "ClusterIssuer", "", issuer)
                .is_some(),
            _ => index.get(CERT_MANAGER, "Issuer", ns, issuer).is_some(),
        };
        // `namespace/name`, compared without building the string (once per Gateway).
        let declared =
            |e: &String| e.strip_prefix(ns).and_then(|r| r.strip_prefix('/')) == Some(issuer);
        if !known && !options.external_issuers.iter().any(declared) {
            let qualified = format!("{ns}/{issuer}");
            f.report(
                "ref.issuer-annotation",
                d,
                "metadata.annotations[cert-manager.io/issuer]",
                format!(
                    "{} asks cert-manager for Issuer {qualified}, which no input or rendered \
                     object defines (an Issuer must live in the same namespace); render it there, \
                     or declare it in the option externalIssuers",
                    d.describe()
                ),
            );
        }
    }
    if let Some(issuer) = a.cluster_issuer {
        let known = index
            .get(CERT_MANAGER, "ClusterIssuer", "", issuer)
            .is_some();
        if !known && !options.external_cluster_issuers.iter().any(|e| e == issuer) {
            f.report(
                "ref.issuer-annotation",
                d,
                "metadata.annotations[cert-manager.io/cluster-issuer]",
                format!(
                    "{} asks cert-manager for ClusterIssuer {issuer:?}, which no input or \
                     rendered object defines; add it, or declare it in \
                     the option externalClusterIssuers",
                    d.describe()
                ),
            );
        }
    }
}

/// Every namespaced Issuer something refers to, as (namespace, name): Gateway and Ingress
/// annotations, Certificate issuerRefs.
fn used_issuers<'a>(index: &ObjectIndex<'a>) -> HashSet<(&'a str, &'a str)> {
    let mut used = HashSet::new();
    for d in index.gateways_and_ingresses() {
        let Some(a) = d.cert_manager() else {
            continue;
        };
        if a.issuer_kind.is_none_or(|k| k == "Issuer")
            && let Some(n) = a.issuer
        {
            used.insert((d.namespace, n));
        }
    }
    for c in index.of_kind(CERT_MANAGER, "Certificate") {
        if let Body::Certificate(issuer_ref) = &c.body
            && let [issuer_kind, Some(n)] = &**issuer_ref
            && issuer_kind.as_deref().is_none_or(|k| k == "Issuer")
        {
            used.insert((c.namespace, &**n));
        }
    }
    used
}

fn unused_issuer<'a>(
    index: &ObjectIndex<'a>,
    used: &HashSet<(&str, &str)>,
    issuer: &'a Digest<'a>,
    f: &mut Findings<'_>,
) {
    let (ns, n) = (issuer.namespace, issuer.name);
    if used.contains(&(ns, n)) {
        return;
    }
    let mut msg = format!(
        "{} is referenced by no Gateway, Ingress or Certificate in namespace {ns:?}",
        issuer.describe()
    );
    if let Some(tenant) = issuer.tenant() {
        let cluster_users: Vec<String> = index
            .tenant_gateways(tenant)
            .filter_map(|g| {
                let ci = g.cert_manager()?.cluster_issuer?;
                Some(format!("{} asks for ClusterIssuer {ci:?}", g.describe()))
            })
            .collect();
        if !cluster_users.is_empty() {
            msg.push_str(&format!(": {}", cluster_users.join("; ")));
        }
    }
    msg.push_str(
        "; annotate the Gateway with cert-manager.io/issuer in the Issuer's namespace, or drop \
         the Issuer",
    );
    f.report("ref.unused-issuer", issuer, "metadata.name", msg);
}
