//! cert-manager gateway-shim rules (gateway-stack-rules.md §1.3, pitfalls P7, P16): issuer
//! annotations it refuses, listeners it would skip, wildcard hostnames behind HTTP-01 issuers.

use super::Findings;
use super::digest::{Body, Digest, Listener};
use super::index::ObjectIndex;

const CERT_MANAGER: &str = "cert-manager.io";

pub(super) fn check(index: &ObjectIndex<'_>, f: &mut Findings<'_>) {
    for d in index.gateways_and_ingresses() {
        contradictory_annotations(d, f);
    }
    let mut listeners = Vec::new();
    for g in &index.gateways {
        let (gw, a) = (g.digest, &g.spec.annotations);
        let issuer = a.issuer;
        let cluster_issuer = a.cluster_issuer;
        if issuer.is_none() && cluster_issuer.is_none() {
            continue;
        }
        let ignored = a.ignore_tls_listeners.unwrap_or_default();
        g.spec.listeners_into(&mut listeners);
        if listeners.is_empty() {
            continue;
        }
        let http01_only = issuer_is_http01_only(index, gw.namespace, issuer, cluster_issuer);
        for (i, l) in listeners.iter().enumerate() {
            let lname = l.name();
            if !matches!(l.protocol, "HTTPS" | "TLS")
                || ignored.split(',').any(|n| n.trim() == lname)
            {
                continue;
            }
            if let Some(why) = skip_reason(l, gw.namespace) {
                f.report(
                    "certmanager.skipped-listener",
                    gw,
                    format!("spec.listeners[{i}]"),
                    format!(
                        "cert-manager would skip listener {lname:?} of {} and issue no \
                         certificate for it: {why}",
                        gw.describe()
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
                        gw.describe(),
                        found.describe()
                    ),
                );
            }
        }
    }
}

fn contradictory_annotations(d: &Digest<'_>, f: &mut Findings<'_>) {
    let Some(a) = d.cert_manager() else {
        return;
    };
    let issuer = a.issuer.is_some();
    let cluster = a.cluster_issuer.is_some();
    let kind_or_group = a.issuer_kind.is_some() || a.issuer_group.is_some();
    let why = if issuer && cluster {
        "both cert-manager.io/issuer and cert-manager.io/cluster-issuer are set"
    } else if cluster && kind_or_group {
        "cert-manager.io/cluster-issuer cannot be combined with issuer-kind or issuer-group"
    } else {
        return;
    };
    f.report(
        "certmanager.issuer-annotations",
        d,
        "metadata.annotations",
        format!(
            "cert-manager refuses {}: {why}; keep one issuer annotation",
            d.describe()
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
    // The first reference gateway-shim refuses, if any.
    let (mut refs, mut refused) = (0, None);
    l.each_certificate_ref(|_, r| {
        refs += 1;
        if refused.is_some() {
            return;
        }
        let group = r.group.unwrap_or_default();
        let kind = r.kind.unwrap_or("Secret");
        if !(group.is_empty() || group == "core") || !(kind.is_empty() || kind == "Secret") {
            refused = Some(format!(
                "its certificateRef is {group}/{kind}, not a core Secret"
            ));
        } else if let Some(ns) = r.namespace
            && ns != gw_ns
        {
            refused = Some(format!(
                "its certificateRef points into namespace {ns:?}; cross-namespace secret \
                 references are not allowed in listeners"
            ));
        }
    });
    if refs == 0 {
        return Some("it has no tls.certificateRefs".into());
    }
    refused
}

/// The Gateway's issuer, when it is known and has HTTP-01 solvers only.
fn issuer_is_http01_only<'a>(
    index: &ObjectIndex<'a>,
    ns: &str,
    issuer: Option<&str>,
    cluster_issuer: Option<&str>,
) -> Option<&'a Digest<'a>> {
    let found = match (issuer, cluster_issuer) {
        (Some(n), _) => index.get(CERT_MANAGER, "Issuer", ns, n),
        (None, Some(n)) => index.get(CERT_MANAGER, "ClusterIssuer", "", n),
        (None, None) => None,
    }?;
    let Body::Issuer {
        solvers: Some(solvers),
    } = &found.body
    else {
        return None;
    };
    let only_http01 = !solvers.is_empty() && solvers.iter().all(|s| !s.dns01 && s.http01);
    only_http01.then_some(found)
}
