//! Every check against a clean tenant gateway stack (no finding) and against a mutation of it
//! that breaks exactly the rule the check is about (one finding of that id, with its severity,
//! object and field).

use capsule_render::check::{self, CheckOptions, GeneratedBy, Level, Subject};
use capsule_render::diagnostic::{ResourceRef, Severity};
use serde_json::{Value, json};

/// The objects of a check run: inputs, and generated objects with their tenant.
struct Stack {
    inputs: Vec<Value>,
    generated: Vec<(Value, GeneratedBy)>,
}

fn by(tenant: &str, path: &str) -> GeneratedBy {
    GeneratedBy {
        resource: ResourceRef {
            api_version: "capsule.clastix.io/v1beta2".into(),
            kind: "GlobalTenantResource".into(),
            name: "managed-envoy-gateway".into(),
            namespace: String::new(),
        },
        tenant: tenant.into(),
        field_path: path.into(),
    }
}

fn namespace(name: &str, tenant: Option<&str>) -> Value {
    let mut ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}});
    if let Some(t) = tenant {
        ns["metadata"]["labels"] = json!({"capsule.clastix.io/tenant": t});
    }
    ns
}

fn route(ns: &str, name: &str, tenant_label: &str, hosts: &[&str]) -> Value {
    json!({
        "apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
        "metadata": {"name": name, "namespace": ns,
                     "labels": {"projectcapsule.dev/tenant": tenant_label}},
        "spec": {"hostnames": hosts}
    })
}

fn listener(name: &str, host: &str, ns: &str) -> Value {
    json!({
        "name": name, "port": 443, "protocol": "HTTPS", "hostname": host,
        "tls": {"mode": "Terminate",
                "certificateRefs": [{"group": "", "kind": "Secret", "name": format!("{name}-tls")}]},
        "allowedRoutes": {"namespaces": {"from": "Selector",
            "selector": {"matchLabels": {"kubernetes.io/metadata.name": ns}}}}
    })
}

/// A correct stack for tenants solar and lunar.
fn clean() -> Stack {
    let mut inputs = vec![
        json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant",
               "metadata": {"name": "solar"}, "spec": {"owners": [{"kind": "User", "name": "alice"}]}}),
        json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant",
               "metadata": {"name": "lunar"}, "spec": {}}),
        namespace("solar-prod", Some("solar")),
        namespace("lunar-web", Some("lunar")),
        namespace("tenant-solar-system", None),
        namespace("tenant-lunar-system", None),
        route(
            "solar-prod",
            "shop",
            "solar",
            &["shop.solar.example.com", "www.solar.example.com"],
        ),
        route("lunar-web", "site", "lunar", &["lunar.example.org"]),
    ];
    inputs.push(json!({"apiVersion": "v1", "kind": "ConfigMap",
                       "metadata": {"name": "unrelated", "namespace": "solar-prod"}}));
    let mut generated = Vec::new();
    for (t, hosts) in [
        (
            "solar",
            vec![
                ("solar-prod-shop-0", "shop.solar.example.com"),
                ("solar-prod-shop-1", "www.solar.example.com"),
            ],
        ),
        ("lunar", vec![("lunar-web-site-0", "lunar.example.org")]),
    ] {
        let sys = format!("tenant-{t}-system");
        let gw = format!("tenant-{t}-gateway");
        generated.push((
            json!({"apiVersion": "gateway.envoyproxy.io/v1alpha1", "kind": "EnvoyProxy",
                   "metadata": {"name": gw, "namespace": sys},
                   "spec": {"provider": {"type": "Kubernetes", "kubernetes": {
                       "envoyService": {"type": "LoadBalancer", "loadBalancerIP": "203.0.113.10"}}}}}),
            by(t, "spec.resources[0].generators[0]"),
        ));
        let mut listeners = vec![
            json!({"name": "http-challenge", "port": 80, "protocol": "HTTP",
            "allowedRoutes": {"namespaces": {"from": "Same"}}}),
        ];
        listeners.extend(hosts.iter().map(|(n, h)| listener(n, h, "x")));
        generated.push((
            json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
                   "metadata": {"name": gw, "namespace": sys,
                                "annotations": {"cert-manager.io/issuer": format!("{t}-acme-http")}},
                   "spec": {"gatewayClassName": "tenants",
                            "infrastructure": {"parametersRef": {"group": "gateway.envoyproxy.io",
                                               "kind": "EnvoyProxy", "name": gw}},
                            "listeners": listeners}}),
            by(t, "spec.resources[0].generators[1]"),
        ));
        generated.push((
            json!({"apiVersion": "cert-manager.io/v1", "kind": "Issuer",
                   "metadata": {"name": format!("{t}-acme-http"), "namespace": sys},
                   "spec": {"acme": {"solvers": [{"http01": {"gatewayHTTPRoute": {"parentRefs": [
                       {"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": gw,
                        "namespace": sys, "sectionName": "http-challenge"}]}}}]}}}),
            GeneratedBy {
                field_path: "spec.resources[0].rawItems[0]".into(),
                ..by(t, "")
            },
        ));
    }
    Stack { inputs, generated }
}

impl Stack {
    fn run(&self, options: &CheckOptions) -> Vec<capsule_render::diagnostic::Diagnostic> {
        let mut subjects: Vec<Subject<'_>> = self
            .inputs
            .iter()
            .map(|o| Subject {
                object: o,
                generated_by: None,
            })
            .collect();
        subjects.extend(self.generated.iter().map(|(o, g)| Subject {
            object: o,
            generated_by: Some(g),
        }));
        check::run(&subjects, options)
    }

    fn gen_mut(&mut self, kind: &str, name: &str) -> &mut Value {
        self.generated
            .iter_mut()
            .map(|(o, _)| o)
            .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
            .unwrap_or_else(|| panic!("the clean stack has a {kind} {name}"))
    }
}

/// Asserts exactly one finding, of `id`, at `severity`, about `kind/name`, at `field`.
fn expect_one(
    stack: &Stack,
    id: &str,
    severity: Severity,
    kind: &str,
    name: &str,
    field: &str,
) -> String {
    let found = stack.run(&CheckOptions::default());
    assert_eq!(found.len(), 1, "expected one {id} finding, got {found:#?}");
    let d = &found[0];
    assert_eq!(d.check_id.as_deref(), Some(id), "{d:#?}");
    assert_eq!(d.severity, severity, "{d:#?}");
    let r = d.resource.as_ref().expect("findings name their object");
    assert_eq!((r.kind.as_str(), r.name.as_str()), (kind, name), "{d:#?}");
    assert_eq!(d.field_path.as_deref(), Some(field), "{d:#?}");
    d.message.clone()
}

#[test]
fn clean_stack_has_no_findings() {
    let found = clean().run(&CheckOptions::default());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn ref_envoyproxy_missing() {
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-solar-gateway")["spec"]["infrastructure"]["parametersRef"]["name"] =
        json!("nope");
    let m = expect_one(
        &s,
        "ref.envoyproxy",
        Severity::Warning,
        "Gateway",
        "tenant-solar-gateway",
        "spec.infrastructure.parametersRef.name",
    );
    assert!(m.contains("\"nope\"") && m.contains("tenant solar"), "{m}");
}

#[test]
fn envoyproxy_in_another_namespace() {
    let mut s = clean();
    s.gen_mut("EnvoyProxy", "tenant-solar-gateway")["metadata"]["namespace"] =
        json!("tenant-lunar-system");
    let m = expect_one(
        &s,
        "envoyproxy.namespace",
        Severity::Warning,
        "Gateway",
        "tenant-solar-gateway",
        "spec.infrastructure.parametersRef.name",
    );
    assert!(
        m.contains("tenant-lunar-system/tenant-solar-gateway"),
        "{m}"
    );
}

#[test]
fn issuer_parent_ref_to_missing_gateway_names_both_sides() {
    let mut s = clean();
    let r = &mut s.gen_mut("Issuer", "solar-acme-http")["spec"]["acme"]["solvers"][0]["http01"]["gatewayHTTPRoute"]
        ["parentRefs"][0];
    r["name"] = json!("solar-gateway");
    let m = expect_one(
        &s,
        "ref.issuer-gateway",
        Severity::Warning,
        "Issuer",
        "solar-acme-http",
        "spec.acme.solvers[0].http01.gatewayHTTPRoute.parentRefs[0].name",
    );
    assert!(m.contains("tenant-solar-system/solar-gateway"), "{m}");
    assert!(
        m.contains("Gateway tenant-solar-system/tenant-solar-gateway"),
        "{m}"
    );
}

#[test]
fn issuer_parent_ref_to_missing_listener() {
    let mut s = clean();
    s.gen_mut("Issuer", "lunar-acme-http")["spec"]["acme"]["solvers"][0]["http01"]["gatewayHTTPRoute"]
        ["parentRefs"][0]["sectionName"] = json!("http");
    expect_one(
        &s,
        "ref.issuer-gateway",
        Severity::Warning,
        "Issuer",
        "lunar-acme-http",
        "spec.acme.solvers[0].http01.gatewayHTTPRoute.parentRefs[0].sectionName",
    );
}

#[test]
fn issuer_annotation_unknown_issuer_and_external_declaration() {
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-solar-gateway")["metadata"]["annotations"] =
        json!({"cert-manager.io/cluster-issuer": "managed-cluster-issuer"});
    let found = s.run(&CheckOptions::default());
    let ids: Vec<_> = found.iter().filter_map(|d| d.check_id.as_deref()).collect();
    assert_eq!(
        ids,
        ["ref.issuer-annotation", "ref.unused-issuer"],
        "{found:#?}"
    );
    // The unused Issuer names the Gateway that asks for a ClusterIssuer instead.
    assert!(found[1].message.contains("Gateway tenant-solar-system/tenant-solar-gateway asks for ClusterIssuer \"managed-cluster-issuer\""),
        "{}", found[1].message);
    let options = CheckOptions {
        external_cluster_issuers: vec!["managed-cluster-issuer".into()],
        ..CheckOptions::default()
    };
    let found = s.run(&options);
    let ids: Vec<_> = found.iter().filter_map(|d| d.check_id.as_deref()).collect();
    assert_eq!(ids, ["ref.unused-issuer"]);
}

#[test]
fn issuer_moved_to_another_namespace() {
    // (ref.namespace itself is reported by the renderer, which knows the namespaces it
    // generates: see the capsule fixtures.)
    let mut s = clean();
    s.gen_mut("Issuer", "solar-acme-http")["metadata"]["namespace"] = json!("solar-system");
    let found = s.run(&CheckOptions::default());
    let ids: Vec<_> = found.iter().filter_map(|d| d.check_id.as_deref()).collect();
    // Moved away, the Issuer is unused and the Gateway's annotation dangles.
    assert_eq!(
        ids,
        ["ref.issuer-annotation", "ref.unused-issuer"],
        "{found:#?}"
    );
}

#[test]
fn listener_limit() {
    let mut s = clean();
    let listeners: Vec<Value> = (0..65)
        .map(|i| listener(&format!("l-{i}"), &format!("h{i}.solar.example.com"), "x"))
        .collect();
    s.gen_mut("Gateway", "tenant-solar-gateway")["spec"]["listeners"] = json!(listeners);
    // The Issuer's sectionName now misses too; only count the limit here.
    let found = s.run(&CheckOptions::default());
    let limit: Vec<_> = found
        .iter()
        .filter(|d| d.check_id.as_deref() == Some("gateway.listener-limit"))
        .collect();
    assert_eq!(limit.len(), 1);
    assert_eq!(limit[0].severity, Severity::Error);
    assert!(limit[0].message.contains("65 listeners") && limit[0].message.contains("ListenerSet"));
    let mut s = clean();
    let listeners: Vec<Value> = (0..64)
        .map(|i| listener(&format!("l-{i}"), &format!("h{i}.solar.example.com"), "x"))
        .collect();
    s.gen_mut("Gateway", "tenant-solar-gateway")["spec"]["listeners"] = json!(listeners);
    assert!(
        !s.run(&CheckOptions::default())
            .iter()
            .any(|d| d.check_id.as_deref() == Some("gateway.listener-limit"))
    );
}

#[test]
fn listener_names_unique_and_valid() {
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-lunar-gateway")["spec"]["listeners"][1]["name"] =
        json!("Lunar_Web");
    expect_one(
        &s,
        "gateway.listener-name",
        Severity::Error,
        "Gateway",
        "tenant-lunar-gateway",
        "spec.listeners[1].name",
    );
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-solar-gateway")["spec"]["listeners"][2]["name"] =
        json!("solar-prod-shop-0");
    expect_one(
        &s,
        "gateway.listener-name",
        Severity::Error,
        "Gateway",
        "tenant-solar-gateway",
        "spec.listeners[2].name",
    );
}

#[test]
fn listener_port_protocol_hostname_unique() {
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-solar-gateway")["spec"]["listeners"][2]["hostname"] =
        json!("shop.solar.example.com");
    expect_one(
        &s,
        "gateway.listener-unique",
        Severity::Error,
        "Gateway",
        "tenant-solar-gateway",
        "spec.listeners[2].hostname",
    );
}

#[test]
fn hostname_syntax() {
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-lunar-gateway")["spec"]["listeners"][1]["hostname"] =
        json!("Lunar.example.org");
    let m = expect_one(
        &s,
        "gateway.hostname",
        Severity::Error,
        "Gateway",
        "tenant-lunar-gateway",
        "spec.listeners[1].hostname",
    );
    assert!(m.contains("lowercase"), "{m}");
}

#[test]
fn tls_rules() {
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-lunar-gateway")["spec"]["listeners"][0]["tls"] =
        json!({"mode": "Terminate"});
    expect_one(
        &s,
        "gateway.tls",
        Severity::Error,
        "Gateway",
        "tenant-lunar-gateway",
        "spec.listeners[0].tls",
    );
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-lunar-gateway")["spec"]["listeners"][1]["tls"]["certificateRefs"] =
        json!([]);
    let found = s.run(&CheckOptions::default());
    let ids: Vec<_> = found.iter().filter_map(|d| d.check_id.as_deref()).collect();
    assert_eq!(
        ids,
        ["gateway.tls", "certmanager.skipped-listener"],
        "{found:#?}"
    );
    assert_eq!(
        found[0].field_path.as_deref(),
        Some("spec.listeners[1].tls.certificateRefs")
    );
}

#[test]
fn cross_namespace_certificate_needs_reference_grant() {
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-lunar-gateway")["spec"]["listeners"][1]["tls"]["certificateRefs"]
        [0]["namespace"] = json!("certs");
    let found = s.run(&CheckOptions::default());
    let ids: Vec<_> = found.iter().filter_map(|d| d.check_id.as_deref()).collect();
    assert_eq!(
        ids,
        [
            "gateway.cross-namespace-certificate",
            "certmanager.skipped-listener"
        ],
        "{found:#?}"
    );
    s.inputs.push(json!({"apiVersion": "gateway.networking.k8s.io/v1beta1", "kind": "ReferenceGrant",
        "metadata": {"name": "gw", "namespace": "certs"},
        "spec": {"from": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "namespace": "tenant-lunar-system"}],
                 "to": [{"group": "", "kind": "Secret"}]}}));
    let found = s.run(&CheckOptions::default());
    let ids: Vec<_> = found.iter().filter_map(|d| d.check_id.as_deref()).collect();
    assert_eq!(ids, ["certmanager.skipped-listener"], "{found:#?}");
}

#[test]
fn names_with_tenant_budget_hint() {
    let mut s = clean();
    let long = "a".repeat(50);
    s.inputs.push(json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant", "metadata": {"name": long}}));
    s.generated.push((
        json!({"apiVersion": "v1", "kind": "ConfigMap",
               "metadata": {"name": "cm", "namespace": format!("tenant-{long}-system")}}),
        by(&long, "spec.resources[0].rawItems[0]"),
    ));
    let found = s.run(&CheckOptions::default());
    let ns: Vec<_> = found
        .iter()
        .filter(|d| d.check_id.as_deref() == Some("name.namespace"))
        .collect();
    assert_eq!(ns.len(), 1, "{found:#?}");
    assert_eq!(ns[0].field_path.as_deref(), Some("metadata.namespace"));
    assert!(
        ns[0]
            .message
            .contains("tenant names can be at most 49 characters"),
        "{}",
        ns[0].message
    );
}

#[test]
fn gateway_name_length() {
    let mut s = clean();
    let name = format!("tenant-{}-gateway", "b".repeat(50));
    s.gen_mut("Gateway", "tenant-lunar-gateway")["metadata"]["name"] = json!(name.clone());
    let found = s.run(&CheckOptions::default());
    let hit: Vec<_> = found
        .iter()
        .filter(|d| d.check_id.as_deref() == Some("name.gateway-length"))
        .collect();
    assert_eq!(hit.len(), 1, "{found:#?}");
    assert_eq!(hit[0].severity, Severity::Error);
    assert!(
        !clean()
            .run(&CheckOptions::default())
            .iter()
            .any(|d| d.check_id.as_deref() == Some("name.gateway-length"))
    );
}

#[test]
fn contradictory_issuer_annotations() {
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-solar-gateway")["metadata"]["annotations"]["cert-manager.io/cluster-issuer"] =
        json!("x");
    let found = s.run(&CheckOptions::default());
    let ids: Vec<_> = found.iter().filter_map(|d| d.check_id.as_deref()).collect();
    assert_eq!(
        ids,
        ["ref.issuer-annotation", "certmanager.issuer-annotations"],
        "{found:#?}"
    );
    assert_eq!(found[1].severity, Severity::Error);
}

#[test]
fn wildcard_behind_http01_only_issuer() {
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-solar-gateway")["spec"]["listeners"][2]["hostname"] =
        json!("*.solar.example.com");
    expect_one(
        &s,
        "certmanager.wildcard-http01",
        Severity::Warning,
        "Gateway",
        "tenant-solar-gateway",
        "spec.listeners[2].hostname",
    );
    // With a DNS-01 solver the wildcard can be issued.
    s.gen_mut("Issuer", "solar-acme-http")["spec"]["acme"]["solvers"]
        .as_array_mut()
        .expect("solvers is a list")
        .push(json!({"dns01": {"cloudflare": {}}}));
    assert!(s.run(&CheckOptions::default()).is_empty());
}

#[test]
fn load_balancer_ip() {
    let mut s = clean();
    s.gen_mut("EnvoyProxy", "tenant-solar-gateway")["spec"]["provider"]["kubernetes"]["envoyService"]
        ["loadBalancerIP"] = json!("2001:db8::1");
    expect_one(
        &s,
        "envoyproxy.load-balancer-ip",
        Severity::Error,
        "EnvoyProxy",
        "tenant-solar-gateway",
        "spec.provider.kubernetes.envoyService.loadBalancerIP",
    );
    let mut s = clean();
    s.gen_mut("EnvoyProxy", "tenant-solar-gateway")["spec"]["provider"]["kubernetes"]["envoyService"]
        ["type"] = json!("ClusterIP");
    expect_one(
        &s,
        "envoyproxy.load-balancer-ip",
        Severity::Error,
        "EnvoyProxy",
        "tenant-solar-gateway",
        "spec.provider.kubernetes.envoyService.type",
    );
}

#[test]
fn tenant_label_must_match_namespace_owner() {
    let mut s = clean();
    s.inputs
        .push(route("solar-prod", "evil", "lunar", &["evil.example.com"]));
    let m = expect_one(
        &s,
        "tenant.label-mismatch",
        Severity::Error,
        "HTTPRoute",
        "evil",
        "metadata.labels[projectcapsule.dev/tenant]",
    );
    assert!(m.contains("belongs to tenant \"solar\""), "{m}");
    let mut s = clean();
    s.inputs.push(namespace("shared", None));
    s.inputs
        .push(route("shared", "orphan", "solar", &["orphan.example.com"]));
    let m = expect_one(
        &s,
        "tenant.label-mismatch",
        Severity::Error,
        "HTTPRoute",
        "orphan",
        "metadata.labels[projectcapsule.dev/tenant]",
    );
    assert!(m.contains("belongs to no tenant"), "{m}");
}

#[test]
fn hostname_claimed_by_two_tenants() {
    let mut s = clean();
    s.inputs.push(route(
        "lunar-web",
        "steal",
        "lunar",
        &["shop.solar.example.com"],
    ));
    let found = s.run(&CheckOptions::default());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].check_id.as_deref(),
        Some("tenant.hostname-collision")
    );
    assert_eq!(found[0].severity, Severity::Error);
    assert!(
        found[0].message.contains("tenant \"solar\"")
            && found[0].message.contains("tenant \"lunar\"")
    );
    // A wildcard of one tenant covering another tenant's hostname.
    let mut s = clean();
    s.inputs.push(route(
        "lunar-web",
        "wild",
        "lunar",
        &["*.solar.example.com"],
    ));
    let found = s.run(&CheckOptions::default());
    let ids: Vec<_> = found.iter().filter_map(|d| d.check_id.as_deref()).collect();
    assert_eq!(
        ids,
        ["tenant.hostname-collision", "tenant.hostname-collision"],
        "{found:#?}"
    );
}

#[test]
fn allowed_hostnames_of_the_tenant() {
    let mut s = clean();
    s.inputs[0]["spec"]["ingressOptions"] = json!({"allowedHostnames": {"allowed": ["shop.solar.example.com"],
        "allowedRegex": "^www\\.solar\\."}});
    assert!(s.run(&CheckOptions::default()).is_empty());
    s.inputs.push(route(
        "solar-prod",
        "other",
        "solar",
        &["other.example.com"],
    ));
    let m = expect_one(
        &s,
        "tenant.allowed-hostnames",
        Severity::Error,
        "HTTPRoute",
        "other",
        "spec.hostnames[0]",
    );
    assert!(m.contains("regex"), "{m}");
}

#[test]
fn levels_and_strict() {
    let mut s = clean();
    s.gen_mut("Gateway", "tenant-solar-gateway")["spec"]["infrastructure"]["parametersRef"]["name"] =
        json!("nope");
    let strict = CheckOptions {
        strict: true,
        ..Default::default()
    };
    assert_eq!(s.run(&strict)[0].severity, Severity::Error);
    let mut off = CheckOptions::default();
    off.levels.insert("ref.envoyproxy".into(), Level::Off);
    assert!(s.run(&off).is_empty());
    let mut bad = CheckOptions::default();
    bad.levels.insert("no.such-check".into(), Level::Error);
    assert!(bad.validate().unwrap_err().contains("no.such-check"));
}

#[test]
fn hostname_findings_in_hostname_order_then_collection_order() {
    let mut s = clean();
    s.inputs[1]["spec"]["ingressOptions"] =
        json!({"allowedHostnames": {"allowed": ["lunar.example.org"]}});
    // Claimed by lunar as well: one hostname of solar's route and listeners, one new.
    s.inputs.push(route(
        "lunar-web",
        "grab",
        "lunar",
        &["zz.solar.example.com", "shop.solar.example.com"],
    ));
    // A wildcard of solar over lunar's hostname, from a route found after lunar's.
    s.inputs
        .push(route("solar-prod", "wide", "solar", &["*.example.org"]));
    // Lunar again, in an Ingress: collected after every route.
    s.inputs.push(json!({
        "apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
        "metadata": {"name": "legacy", "namespace": "lunar-web"},
        "spec": {"rules": [{"host": "www.solar.example.com"}, {"host": "lunar.example.org"}]}
    }));
    let found: Vec<String> = s
        .run(&CheckOptions::default())
        .iter()
        .filter(|d| {
            d.check_id
                .as_deref()
                .is_some_and(|id| id.starts_with("tenant."))
        })
        .map(|d| {
            let r = d.resource.as_ref().expect("a finding names its object");
            format!(
                "{} {} {} {}",
                d.check_id.as_deref().unwrap_or_default(),
                r.kind,
                r.name,
                d.field_path.as_deref().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // By hostname: lunar.example.org, shop.solar…, www.solar…
            "tenant.hostname-collision HTTPRoute wide spec.hostnames[0]",
            "tenant.hostname-collision HTTPRoute grab spec.hostnames[1]",
            "tenant.hostname-collision Ingress legacy spec.rules[0].host",
            // By hostname: shop.solar…, www.solar…, zz.solar…
            "tenant.allowed-hostnames HTTPRoute grab spec.hostnames[1]",
            "tenant.allowed-hostnames Ingress legacy spec.rules[0].host",
            "tenant.allowed-hostnames HTTPRoute grab spec.hostnames[0]",
        ],
        "{found:#?}"
    );
}
