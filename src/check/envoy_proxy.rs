//! Envoy Gateway `EnvoyProxy` rules (gateway-stack-rules.md §1.2, pitfall P11).

use super::Findings;
use super::digest::Body;
use super::index::ObjectIndex;

pub(super) fn check(index: &ObjectIndex<'_>, f: &mut Findings<'_>) {
    for p in index.of_kind("gateway.envoyproxy.io", "EnvoyProxy") {
        let Body::EnvoyProxy(e) = &p.body else {
            continue;
        };
        let Some(ip) = &e.load_balancer_ip else {
            continue;
        };
        let field = "spec.provider.kubernetes.envoyService.loadBalancerIP";
        let text = ip.value.unwrap_or_default();
        if text.parse::<std::net::Ipv4Addr>().is_err() {
            f.report(
                "envoyproxy.load-balancer-ip",
                p,
                field,
                format!(
                    "{} sets loadBalancerIP {}, which is not an IPv4 address; Envoy Gateway \
                     accepts IPv4 only (consider Gateway spec.addresses)",
                    p.describe(),
                    ip.json
                ),
            );
        }
        let service_type = e.service_type.unwrap_or("LoadBalancer");
        if service_type != "LoadBalancer" {
            f.report(
                "envoyproxy.load-balancer-ip",
                p,
                "spec.provider.kubernetes.envoyService.type",
                format!(
                    "{} sets loadBalancerIP on a service of type {service_type:?}; it is only \
                     allowed with type LoadBalancer",
                    p.describe()
                ),
            );
        }
    }
}
