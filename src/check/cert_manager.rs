//! cert-manager gateway-shim rules (gateway-stack-rules.md §1.3, pitfalls P7, P16): issuer
//! annotations it refuses, listeners it would skip, wildcard hostnames behind HTTP-01 issuers.

use super::index::{Listener, Meta, ObjectIndex, at};
use super::{Findings, Subject, describe};

const CERT_MANAGER: &str = "cert-manager.io";

pub(super) fn check(index: &ObjectIndex<'_>, f: &mut Findings<'_>) {
    for (s, m) in index.gateways_and_ingresses() {
        contradictory_annotations(s, m, f);
    }
    for g in &index.gateways {
        let (gw, m) = (g.subject, &g.meta);
        let o = gw.object;
        let issuer = m.annotation("cert-manager.io/issuer");
        let cluster_issuer = m.annotation("cert-manager.io/cluster-issuer");
        if issuer.is_none() && cluster_issuer.is_none() {
            continue;
        }
        let ignored = m
            .annotation("cert-manager.io/ignore-tls-listeners")
            .unwrap_or_default();
        if g.listeners.is_none() {
            continue;
        }
        let http01_only = issuer_is_http01_only(index, m.namespace, issuer, cluster_issuer);
        for (i, l) in g.listeners().iter().enumerate() {
            let lname = l.name;
            if !matches!(l.protocol, "HTTPS" | "TLS")
                || ignored.split(',').any(|n| n.trim() == lname)
            {
                continue;
            }
            if let Some(why) = skip_reason(l, m.namespace) {
                f.report(
                    "certmanager.skipped-listener",
                    gw,
                    format!("spec.listeners[{i}]"),
                    format!(
                        "cert-manager would skip listener {lname:?} of {} and issue no \
                         certificate for it: {why}",
                        describe(o)
                    ),
                );
            }
            if let (Some(h), Some(found)) = (l.hostname, http01_only)
                && h.starts_with("*.")
            {
                f.report(
                    "certmanager.wildcard-http01",
                    gw,
                    format!("spec.listeners[{i}].hostname"),
                    format!(
                        "listener {lname:?} of {} serves wildcard hostname {h:?}, but its issuer \
                         {} solves only HTTP-01 challenges; ACME issues wildcards only \
                         through DNS-01",
                        describe(o),
                        describe(found.object)
                    ),
                );
            }
        }
    }
}

fn contradictory_annotations(s: Subject<'_>, m: &Meta<'_>, f: &mut Findings<'_>) {
    let issuer = m.annotation("cert-manager.io/issuer").is_some();
    let cluster = m.annotation("cert-manager.io/cluster-issuer").is_some();
    let kind_or_group = m.annotation("cert-manager.io/issuer-kind").is_some()
        || m.annotation("cert-manager.io/issuer-group").is_some();
    let why = if issuer && cluster {
        "both cert-manager.io/issuer and cert-manager.io/cluster-issuer are set"
    } else if cluster && kind_or_group {
        "cert-manager.io/cluster-issuer cannot be combined with issuer-kind or issuer-group"
    } else {
        return;
    };
    f.report(
        "certmanager.issuer-annotations",
        s,
        "metadata.annotations",
        format!(
            "cert-manager refuses {}: {why}; keep one issuer annotation",
            describe(s.object)
        ),
    );
}

/// Why gateway-shim would skip an HTTPS/TLS listener, if it would.
fn skip_reason(l: &Listener<'_>, gw_ns: &str) -> Option<String> {
    if l.hostname.unwrap_or_default().is_empty() {
        return Some("it has no hostname".into());
    }
    if !l.has_tls {
        return Some("it has no tls block".into());
    }
    let mode = l.tls_mode.unwrap_or("Terminate");
    if mode != "Terminate" {
        return Some(format!("its tls mode is {mode:?}, not Terminate"));
    }
    let refs = l.certificate_refs.unwrap_or_default();
    if refs.is_empty() {
        return Some("it has no tls.certificateRefs".into());
    }
    for r in refs {
        let group = at(r, &["group"]).as_str().unwrap_or_default();
        let kind = at(r, &["kind"]).as_str().unwrap_or("Secret");
        if !(group.is_empty() || group == "core") || !(kind.is_empty() || kind == "Secret") {
            return Some(format!(
                "its certificateRef is {group}/{kind}, not a core Secret"
            ));
        }
        if let Some(ns) = at(r, &["namespace"]).as_str()
            && ns != gw_ns
        {
            return Some(format!(
                "its certificateRef points into namespace {ns:?}; cross-namespace secret \
                 references are not allowed in listeners"
            ));
        }
    }
    None
}

/// The Gateway's issuer, when it is known and has HTTP-01 solvers only.
fn issuer_is_http01_only<'a>(
    index: &ObjectIndex<'a>,
    ns: &str,
    issuer: Option<&str>,
    cluster_issuer: Option<&str>,
) -> Option<Subject<'a>> {
    let found = match (issuer, cluster_issuer) {
        (Some(n), _) => index.get(CERT_MANAGER, "Issuer", ns, n),
        (None, Some(n)) => index.get(CERT_MANAGER, "ClusterIssuer", "", n),
        (None, None) => None,
    }?;
    let solvers = at(found.object, &["spec", "acme", "solvers"]).as_array()?;
    let only_http01 = !solvers.is_empty()
        && solvers
            .iter()
            .all(|s| at(s, &["dns01"]).is_null() && !at(s, &["http01"]).is_null());
    only_http01.then_some(found)
}
