//! The catalogue of checks: id, default level, one-line summary and explanation.
//!
//! Default levels follow product.md §5: a finding about the stack's consistency is a warning
//! (the render still produces Capsule's exact objects); a finding that makes the API server or a
//! controller reject an object, and every tenant-isolation violation, is an error.

use std::fmt;

/// How a check's findings are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    Off,
    Warning,
    Error,
}

impl Level {
    /// Parses `off`, `warning` (or `warn`) and `error`.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            "warning" | "warn" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Off => "off",
            Level::Warning => "warning",
            Level::Error => "error",
        })
    }
}

/// One check of the catalogue.
#[derive(Clone, Copy, Debug)]
pub struct CheckInfo {
    pub id: &'static str,
    pub default: Level,
    pub summary: &'static str,
    pub explanation: &'static str,
}

/// Every check, in the order `check --list` shows them.
pub const CHECKS: &[CheckInfo] = &[
    CheckInfo {
        id: "ref.envoyproxy",
        default: Level::Warning,
        summary: "Gateway infrastructure.parametersRef names an EnvoyProxy that is not there",
        explanation: "A Gateway's spec.infrastructure.parametersRef is a local reference: Envoy \
            Gateway looks the EnvoyProxy up in the Gateway's own namespace. When no such \
            EnvoyProxy is among the inputs or the rendered objects, the Gateway is provisioned \
            without the tenant's settings (or not accepted). Render the EnvoyProxy into the \
            Gateway's namespace with the referenced name.",
    },
    CheckInfo {
        id: "ref.issuer-gateway",
        default: Level::Warning,
        summary: "ACME HTTP-01 gatewayHTTPRoute.parentRefs point at a missing Gateway or listener",
        explanation: "cert-manager copies an HTTP-01 solver's gatewayHTTPRoute.parentRefs into the \
            challenge HTTPRoute verbatim. When the Gateway (namespace defaults to the Issuer's) or \
            its sectionName listener does not exist, challenges never reach the solver and no \
            certificate is issued. Point parentRefs at the Gateway the stack renders and at its \
            HTTP listener.",
    },
    CheckInfo {
        id: "ref.issuer-annotation",
        default: Level::Warning,
        summary: "cert-manager.io/issuer or cluster-issuer names an issuer nobody defines",
        explanation: "cert-manager's gateway-shim issues the Gateway's certificates from the issuer \
            its annotations name: cert-manager.io/issuer is an Issuer in the Gateway's own \
            namespace, cert-manager.io/cluster-issuer a ClusterIssuer. When it is neither among \
            the inputs and outputs nor declared external (the option externalIssuers / \
            externalClusterIssuers), certificates stay pending.",
    },
    CheckInfo {
        id: "ref.unused-issuer",
        default: Level::Warning,
        summary: "a rendered Issuer is referenced by nothing",
        explanation: "An Issuer that no Gateway or Ingress annotation and no Certificate issuerRef \
            names is dead configuration: it registers an ACME account but issues nothing. Typical \
            cause: the Gateway asks for a ClusterIssuer while a per-tenant Issuer is rendered.",
    },
    CheckInfo {
        id: "ref.namespace",
        default: Level::Warning,
        summary: "a generated object targets a namespace nothing defines",
        explanation: "Capsule silently skips objects whose namespace does not exist. When neither \
            the inputs nor the rendered objects define the namespace (and the options do not \
            declare it external), the object will never be created.",
    },
    CheckInfo {
        id: "gateway.listener-limit",
        default: Level::Error,
        summary: "a Gateway has more than 64 listeners",
        explanation: "Gateway API caps spec.listeners at 64 (CRD validation): the API server rejects \
            the whole Gateway. Split hostnames over ListenerSets (Gateway API v1.5+), or serve \
            them through a shared wildcard certificate and fewer listeners.",
    },
    CheckInfo {
        id: "gateway.listener-name",
        default: Level::Error,
        summary: "listener names must be unique DNS-1123 subdomains",
        explanation: "A listener name (SectionName) is 1-253 characters of lowercase letters, \
            digits, '-' and '.', starting and ending alphanumeric, unique within the Gateway. The \
            API server rejects a Gateway that breaks either rule.",
    },
    CheckInfo {
        id: "gateway.listener-unique",
        default: Level::Error,
        summary: "two listeners share port, protocol and hostname",
        explanation: "Gateway API requires the combination of port, protocol and hostname to be \
            unique among a Gateway's listeners (CEL validation). Two routes with the same \
            hostname must share one listener.",
    },
    CheckInfo {
        id: "gateway.hostname",
        default: Level::Error,
        summary: "a listener hostname is not a valid Gateway API hostname",
        explanation: "Listener hostnames are lowercase DNS names of at most 253 characters, with \
            a wildcard only as the leftmost '*.' label, no IP address and no trailing dot.",
    },
    CheckInfo {
        id: "gateway.tls",
        default: Level::Error,
        summary: "listener TLS settings that the API server rejects",
        explanation: "HTTPS and TLS-terminating listeners need tls.certificateRefs (or \
            tls.options); HTTP, TCP and UDP listeners must not set tls at all. Gateway API's CEL \
            rules reject anything else.",
    },
    CheckInfo {
        id: "gateway.cross-namespace-certificate",
        default: Level::Error,
        summary: "a certificateRef points into another namespace without a ReferenceGrant",
        explanation: "A listener may use a Secret from another namespace only when a \
            ReferenceGrant in that namespace allows it; otherwise the listener is not \
            programmed (ResolvedRefs=False, RefNotPermitted). cert-manager also refuses \
            cross-namespace secret references.",
    },
    CheckInfo {
        id: "name.namespace",
        default: Level::Error,
        summary: "a namespace name is not a DNS-1123 label",
        explanation: "Namespace names are at most 63 lowercase alphanumerics or '-', starting and \
            ending alphanumeric. The hint gives the longest tenant name the pattern allows.",
    },
    CheckInfo {
        id: "name.object",
        default: Level::Error,
        summary: "an object name is not a DNS-1123 subdomain",
        explanation: "Most object names are at most 253 characters of lowercase alphanumerics, \
            '-' and '.'. The hint gives the longest tenant name the pattern allows.",
    },
    CheckInfo {
        id: "name.gateway-length",
        default: Level::Error,
        summary: "a Gateway name is longer than 63 characters",
        explanation: "Gateway controllers copy the Gateway name into label values (at most 63 \
            characters); Envoy Gateway then fails to create the proxy's ServiceAccount. Keep \
            Gateway names within 63 characters.",
    },
    CheckInfo {
        id: "certmanager.skipped-listener",
        default: Level::Warning,
        summary: "cert-manager would skip this listener and issue no certificate for it",
        explanation: "gateway-shim only issues for HTTPS/TLS listeners with a hostname, tls mode \
            Terminate and certificateRefs to core Secrets in the Gateway's namespace; others are \
            skipped with a warning event.",
    },
    CheckInfo {
        id: "certmanager.issuer-annotations",
        default: Level::Error,
        summary: "contradictory cert-manager issuer annotations",
        explanation: "cert-manager refuses an object annotated with both cert-manager.io/issuer \
            and cert-manager.io/cluster-issuer, or with cluster-issuer and issuer-kind/group.",
    },
    CheckInfo {
        id: "certmanager.wildcard-http01",
        default: Level::Warning,
        summary: "a wildcard hostname is served by an HTTP-01-only ACME issuer",
        explanation: "ACME CAs issue wildcard certificates only through DNS-01. A '*.' listener \
            hostname whose issuer has only HTTP-01 solvers leaves the challenge pending forever.",
    },
    CheckInfo {
        id: "envoyproxy.load-balancer-ip",
        default: Level::Error,
        summary: "envoyService.loadBalancerIP is not IPv4 or the service is not a LoadBalancer",
        explanation: "Envoy Gateway accepts loadBalancerIP only as an IPv4 address and only with \
            service type LoadBalancer (its default); its CEL rules reject anything else. The \
            Service field is deprecated upstream: prefer Gateway spec.addresses.",
    },
    CheckInfo {
        id: "envoyproxy.namespace",
        default: Level::Warning,
        summary: "the EnvoyProxy a Gateway references lives in another namespace",
        explanation: "infrastructure.parametersRef has no namespace: it always resolves in the \
            Gateway's namespace. An EnvoyProxy of that name elsewhere is not used.",
    },
    CheckInfo {
        id: "tenant.label-mismatch",
        default: Level::Error,
        summary: "an object's projectcapsule.dev/tenant label disagrees with its namespace owner",
        explanation: "An object belongs to the tenant that owns its namespace. A \
            projectcapsule.dev/tenant label naming another tenant, or set in a namespace no tenant \
            owns, lets whoever controls that object inject it into another tenant's stack (for \
            example hostnames into its Gateway). Fix the label or move the object.",
    },
    CheckInfo {
        id: "tenant.hostname-collision",
        default: Level::Error,
        summary: "a hostname is claimed by two tenants",
        explanation: "Two tenants' routes or listeners claim the same hostname: both would get a \
            certificate for it and traffic would split between them. A hostname belongs to one \
            tenant.",
    },
    CheckInfo {
        id: "tenant.allowed-hostnames",
        default: Level::Error,
        summary: "a hostname outside the tenant's allowed hostnames",
        explanation: "The Tenant restricts hostnames (spec.ingressOptions.allowedHostnames: \
            allowed list and allowedRegex); a route or listener of that tenant uses a hostname \
            outside them.",
    },
    CheckInfo {
        id: "hygiene.no-value",
        default: Level::Warning,
        summary: "'<no value>' was written into a generated object",
        explanation: "Go templates print a missing value as '<no value>' under missingKey zero; \
            Capsule applies the text as is. Guard the lookup with dig, default or if.",
    },
    CheckInfo {
        id: "hygiene.swallowed-error",
        default: Level::Warning,
        summary: "a template function failed and sprigin swallowed the error",
        explanation: "Capsule's function map (sprout sprigin) turns a failing function into its \
            zero value or nil and goes on rendering. The output is probably not what the \
            template meant; the message gives the function's error.",
    },
];

/// Looks a check up by id.
pub(crate) fn find(id: &str) -> Option<&'static CheckInfo> {
    CHECKS.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_explained() {
        let mut ids: Vec<_> = CHECKS.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), CHECKS.len());
        for c in CHECKS {
            assert!(
                c.explanation.len() > 80,
                "{} needs a real explanation",
                c.id
            );
            assert!(c.id.contains('.'), "{} is not family.name", c.id);
        }
    }
}
