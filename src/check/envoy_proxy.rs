//! Envoy Gateway `EnvoyProxy` rules (gateway-stack-rules.md §1.2, pitfall P11).

use super::index::ObjectIndex;
use super::index::at;
use super::{Findings, describe};

pub(super) fn check(index: &ObjectIndex<'_>, f: &mut Findings<'_>) {
    for p in index.of_kind("gateway.envoyproxy.io", "EnvoyProxy") {
        let service = at(
            p.object,
            &["spec", "provider", "kubernetes", "envoyService"],
        );
        let Some(ip) = service.get("loadBalancerIP") else {
            continue;
        };
        let field = "spec.provider.kubernetes.envoyService.loadBalancerIP";
        let text = ip.as_str().unwrap_or_default();
        if text.parse::<std::net::Ipv4Addr>().is_err() {
            f.report(
                "envoyproxy.load-balancer-ip",
                p,
                field,
                format!(
                    "{} sets loadBalancerIP {ip}, which is not an IPv4 address; Envoy Gateway \
                     accepts IPv4 only (consider Gateway spec.addresses)",
                    describe(p.object)
                ),
            );
        }
        let service_type = at(service, &["type"]).as_str().unwrap_or("LoadBalancer");
        if service_type != "LoadBalancer" {
            f.report(
                "envoyproxy.load-balancer-ip",
                p,
                "spec.provider.kubernetes.envoyService.type",
                format!(
                    "{} sets loadBalancerIP on a service of type {service_type:?}; it is only \
                     allowed with type LoadBalancer",
                    describe(p.object)
                ),
            );
        }
    }
}
