//! Cross-references across the stack (gateway-stack-rules.md §2 P1, P13, P16): Gateway →
//! EnvoyProxy, Issuer HTTP-01 solver → Gateway and listener, issuer annotations → issuers,
//! rendered Issuers nobody uses. (`ref.namespace`, objects aimed at namespaces nothing defines,
//! is reported by the renderer, which knows the namespaces it generates itself.)

use foldhash::{HashSet, HashSetExt};

use super::index::{Meta, ObjectIndex, at, name, namespace};
use super::{CheckOptions, Findings, Subject, annotation, describe};

const GATEWAY_API: &str = "gateway.networking.k8s.io";
const CERT_MANAGER: &str = "cert-manager.io";
const ENVOY_GATEWAY: &str = "gateway.envoyproxy.io";

pub(super) fn check(index: &ObjectIndex<'_>, options: &CheckOptions, f: &mut Findings<'_>) {
    for g in &index.gateways {
        envoy_proxy_ref(index, g.subject, f);
    }
    for kind in ["Issuer", "ClusterIssuer"] {
        for issuer in index.of_kind(CERT_MANAGER, kind) {
            solver_parent_refs(index, issuer, f);
        }
    }
    for (s, m) in index.gateways_and_ingresses() {
        issuer_annotations(index, options, s, m, f);
    }
    let used = used_issuers(index);
    for issuer in index.of_kind(CERT_MANAGER, "Issuer") {
        if issuer.generated_by.is_some() {
            unused_issuer(index, &used, issuer, f);
        }
    }
}

fn envoy_proxy_ref(index: &ObjectIndex<'_>, gw: Subject<'_>, f: &mut Findings<'_>) {
    let r = at(gw.object, &["spec", "infrastructure", "parametersRef"]);
    if at(r, &["kind"]).as_str() != Some("EnvoyProxy")
        || at(r, &["group"]).as_str() != Some(ENVOY_GATEWAY)
    {
        return;
    }
    let wanted = at(r, &["name"]).as_str().unwrap_or_default();
    let ns = namespace(gw.object);
    if index.get(ENVOY_GATEWAY, "EnvoyProxy", ns, wanted).is_some() {
        return;
    }
    let elsewhere: Vec<String> = index
        .of_kind(ENVOY_GATEWAY, "EnvoyProxy")
        .filter(|p| name(p.object) == wanted)
        .map(|p| describe(p.object))
        .collect();
    if elsewhere.is_empty() {
        f.report(
            "ref.envoyproxy",
            gw,
            "spec.infrastructure.parametersRef.name",
            format!(
                "{} references EnvoyProxy {wanted:?} in its namespace {ns:?}, which no input or \
                 rendered object defines; render it there or fix the reference",
                describe(gw.object)
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
                describe(gw.object),
                elsewhere.join(", ")
            ),
        );
    }
}

/// Gateways rendered for the same tenant, to name the other side of a broken reference.
fn tenant_gateways(index: &ObjectIndex<'_>, of: Subject<'_>) -> Vec<String> {
    let Some(tenant) = of.generated_by.map(|g| g.tenant) else {
        return Vec::new();
    };
    index
        .tenant_gateways(tenant)
        .map(|g| describe(g.object))
        .collect()
}

fn solver_parent_refs(index: &ObjectIndex<'_>, issuer: Subject<'_>, f: &mut Findings<'_>) {
    let cluster = at(issuer.object, &["kind"]).as_str() == Some("ClusterIssuer");
    let Some(solvers) = at(issuer.object, &["spec", "acme", "solvers"]).as_array() else {
        return;
    };
    for (si, solver) in solvers.iter().enumerate() {
        let Some(refs) = at(solver, &["http01", "gatewayHTTPRoute", "parentRefs"]).as_array()
        else {
            continue;
        };
        for (ri, r) in refs.iter().enumerate() {
            let group = at(r, &["group"]).as_str().unwrap_or(GATEWAY_API);
            let kind = at(r, &["kind"]).as_str().unwrap_or("Gateway");
            if group != GATEWAY_API || kind != "Gateway" {
                continue;
            }
            let path = format!("spec.acme.solvers[{si}].http01.gatewayHTTPRoute.parentRefs[{ri}]");
            let gw_name = at(r, &["name"]).as_str().unwrap_or_default();
            let gw_ns = match at(r, &["namespace"]).as_str() {
                Some(ns) => ns,
                // Without a namespace the parent resolves in the challenge's namespace: the
                // Issuer's own, or (for a ClusterIssuer) each certificate's: unknowable here.
                None if cluster => continue,
                None => namespace(issuer.object),
            };
            match index.get(GATEWAY_API, "Gateway", gw_ns, gw_name) {
                None => {
                    let mut msg = format!(
                        "{} solves HTTP-01 challenges through Gateway {gw_ns}/{gw_name}, which no \
                         input or rendered object defines: challenges would never be routed",
                        describe(issuer.object)
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
                    let Some(section) = at(r, &["sectionName"]).as_str() else {
                        continue;
                    };
                    let listeners = at(gw.object, &["spec", "listeners"]).as_array();
                    let found = listeners
                        .into_iter()
                        .flatten()
                        .any(|l| at(l, &["name"]).as_str() == Some(section));
                    if !found {
                        f.report(
                            "ref.issuer-gateway",
                            issuer,
                            format!("{path}.sectionName"),
                            format!(
                                "{} solves HTTP-01 challenges through listener {section:?} of \
                                 {}, which has no listener of that name",
                                describe(issuer.object),
                                describe(gw.object)
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
    s: Subject<'_>,
    m: &Meta<'_>,
    f: &mut Findings<'_>,
) {
    let o = s.object;
    let external_kind = m
        .annotation("cert-manager.io/issuer-group")
        .is_some_and(|g| !g.is_empty() && g != CERT_MANAGER);
    if external_kind {
        return;
    }
    let ns = m.namespace;
    if let Some(issuer) = m.annotation("cert-manager.io/issuer") {
        let kind = m
            .annotation("cert-manager.io/issuer-kind")
            .unwrap_or("Issuer");
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
                s,
                "metadata.annotations[cert-manager.io/issuer]",
                format!(
                    "{} asks cert-manager for Issuer {qualified}, which no input or rendered \
                     object defines (an Issuer must live in the same namespace); render it there, \
                     or declare it in the option externalIssuers",
                    describe(o)
                ),
            );
        }
    }
    if let Some(issuer) = m.annotation("cert-manager.io/cluster-issuer") {
        let known = index
            .get(CERT_MANAGER, "ClusterIssuer", "", issuer)
            .is_some();
        if !known && !options.external_cluster_issuers.iter().any(|e| e == issuer) {
            f.report(
                "ref.issuer-annotation",
                s,
                "metadata.annotations[cert-manager.io/cluster-issuer]",
                format!(
                    "{} asks cert-manager for ClusterIssuer {issuer:?}, which no input or \
                     rendered object defines; add it, or declare it in \
                     the option externalClusterIssuers",
                    describe(o)
                ),
            );
        }
    }
}

/// Every namespaced Issuer something refers to, as (namespace, name): Gateway and Ingress
/// annotations, Certificate issuerRefs.
fn used_issuers<'a>(index: &ObjectIndex<'a>) -> HashSet<(&'a str, &'a str)> {
    let mut used = HashSet::new();
    for (_, m) in index.gateways_and_ingresses() {
        if m.annotation("cert-manager.io/issuer-kind")
            .is_none_or(|k| k == "Issuer")
            && let Some(n) = m.annotation("cert-manager.io/issuer")
        {
            used.insert((m.namespace, n));
        }
    }
    for c in index.of_kind(CERT_MANAGER, "Certificate") {
        let r = at(c.object, &["spec", "issuerRef"]);
        if at(r, &["kind"]).as_str().is_none_or(|k| k == "Issuer")
            && let Some(n) = at(r, &["name"]).as_str()
        {
            used.insert((namespace(c.object), n));
        }
    }
    used
}

fn unused_issuer(
    index: &ObjectIndex<'_>,
    used: &HashSet<(&str, &str)>,
    issuer: Subject<'_>,
    f: &mut Findings<'_>,
) {
    let ns = namespace(issuer.object);
    let n = name(issuer.object);
    if used.contains(&(ns, n)) {
        return;
    }
    let mut msg = format!(
        "{} is referenced by no Gateway, Ingress or Certificate in namespace {ns:?}",
        describe(issuer.object)
    );
    if let Some(tenant) = issuer.generated_by.map(|g| g.tenant) {
        let cluster_users: Vec<String> = index
            .tenant_gateways(tenant)
            .filter_map(|g| {
                annotation(g.object, "cert-manager.io/cluster-issuer")
                    .map(|ci| format!("{} asks for ClusterIssuer {ci:?}", describe(g.object)))
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
