//! Tenant isolation (product.md §4, gateway-stack-rules.md pitfalls P3, P4): an object belongs to
//! the tenant that owns its namespace — not to whatever its labels claim; a hostname belongs to
//! one tenant; a tenant's hostnames stay within what its Tenant allows.

use foldhash::{HashMap, HashMapExt};

use regex::Regex;

use super::index::{ObjectIndex, at, namespace};
use super::{Findings, Subject, describe};

const TENANT_LABEL: &str = "projectcapsule.dev/tenant";

/// One claim of a hostname by a tenant.
struct Claim<'a> {
    tenant: &'a str,
    subject: Subject<'a>,
    field: ClaimField,
}

/// Where the hostname of a claim stands, formatted only when a finding is reported.
#[derive(Clone, Copy)]
enum ClaimField {
    RouteHostname(usize),
    IngressHost(usize),
    ListenerHostname(usize),
}

impl std::fmt::Display for ClaimField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClaimField::RouteHostname(i) => write!(f, "spec.hostnames[{i}]"),
            ClaimField::IngressHost(i) => write!(f, "spec.rules[{i}].host"),
            ClaimField::ListenerHostname(i) => write!(f, "spec.listeners[{i}].hostname"),
        }
    }
}

pub(super) fn check(index: &ObjectIndex<'_>, f: &mut Findings<'_>) {
    label_mismatch(index, f);
    let claims = hostname_claims(index);
    collisions(&claims, f);
    allowed_hostnames(index, &claims, f);
}

fn label_mismatch(index: &ObjectIndex<'_>, f: &mut Findings<'_>) {
    for (s, m) in index.with_meta() {
        let o = s.object;
        let Some(claimed) = m.label(TENANT_LABEL) else {
            continue;
        };
        let ns = m.namespace;
        if ns.is_empty() || !index.has_namespace(ns) {
            continue;
        }
        let message = match index.namespace_owner.get(ns) {
            Some(&owner) if owner == claimed => continue,
            Some(&owner) => format!(
                "{} is labelled {TENANT_LABEL}={claimed} but its namespace {ns:?} belongs to \
                 tenant {owner:?}; a tenant could use such a label to inject objects (for \
                 example hostnames) into another tenant's stack. Fix the label or move the object",
                describe(o)
            ),
            None => format!(
                "{} is labelled {TENANT_LABEL}={claimed} but its namespace {ns:?} belongs to no \
                 tenant; only objects in the tenant's own namespaces should count as the tenant's",
                describe(o)
            ),
        };
        f.report(
            "tenant.label-mismatch",
            s,
            format!("metadata.labels[{TENANT_LABEL}]"),
            message,
        );
    }
}

/// Every hostname claimed by a tenant, in object order: HTTPRoute and Ingress hostnames in a
/// tenant-owned namespace, and listener hostnames of Gateways rendered for a tenant.
fn hostname_claims<'a>(index: &ObjectIndex<'a>) -> HashMap<&'a str, Vec<Claim<'a>>> {
    let mut claims: HashMap<&str, Vec<Claim<'_>>> = HashMap::new();
    let owner = |o: &serde_json::Value| index.namespace_owner.get(namespace(o)).copied();
    for s in index.of_kind("gateway.networking.k8s.io", "HTTPRoute") {
        let Some(tenant) = owner(s.object) else {
            continue;
        };
        for (i, h) in at(s.object, &["spec", "hostnames"])
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(h) = h.as_str() {
                let field = ClaimField::RouteHostname(i);
                claims.entry(h).or_default().push(Claim {
                    tenant,
                    subject: s,
                    field,
                });
            }
        }
    }
    for s in index.of_kind("networking.k8s.io", "Ingress") {
        let Some(tenant) = owner(s.object) else {
            continue;
        };
        for (i, r) in at(s.object, &["spec", "rules"])
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(h) = at(r, &["host"]).as_str() {
                let field = ClaimField::IngressHost(i);
                claims.entry(h).or_default().push(Claim {
                    tenant,
                    subject: s,
                    field,
                });
            }
        }
    }
    for s in index.of_kind("gateway.networking.k8s.io", "Gateway") {
        let Some(tenant) = s.generated_by.map(|g| g.tenant.as_str()) else {
            continue;
        };
        for (i, l) in at(s.object, &["spec", "listeners"])
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(h) = at(l, &["hostname"]).as_str() {
                let field = ClaimField::ListenerHostname(i);
                claims.entry(h).or_default().push(Claim {
                    tenant,
                    subject: s,
                    field,
                });
            }
        }
    }
    claims
}

fn collisions(claims: &HashMap<&str, Vec<Claim<'_>>>, f: &mut Findings<'_>) {
    let mut hosts: Vec<&&str> = claims.keys().collect();
    hosts.sort_unstable();
    for host in hosts {
        let list = &claims[*host];
        let first = &list[0];
        // The same hostname in two tenants.
        if let Some(other) = list.iter().find(|c| c.tenant != first.tenant) {
            report_collision(f, host, host, first, other);
            continue;
        }
        // An exact hostname covered by another tenant's wildcard (`*.a.com` vs `x.a.com`).
        if let Some((_, parent)) = host.split_once('.')
            && !host.starts_with("*.")
        {
            let wildcard = format!("*.{parent}");
            if let Some(w) = claims.get(wildcard.as_str())
                && let Some(other) = w.iter().find(|c| c.tenant != first.tenant)
            {
                report_collision(f, host, &wildcard, first, other);
            }
        }
    }
}

fn report_collision(
    f: &mut Findings<'_>,
    host: &str,
    other_host: &str,
    a: &Claim<'_>,
    b: &Claim<'_>,
) {
    let theirs = if host == other_host {
        format!("{host:?}")
    } else {
        format!("{other_host:?}, which covers it")
    };
    f.report(
        "tenant.hostname-collision",
        b.subject,
        b.field.to_string(),
        format!(
            "hostname {host:?} is claimed by tenant {:?} ({} {}) and tenant {:?} ({} claims {theirs}); \
             a hostname must belong to one tenant",
            a.tenant,
            describe(a.subject.object),
            a.field,
            b.tenant,
            describe(b.subject.object),
        ),
    );
}

/// A Tenant's `spec.ingressOptions.allowedHostnames`: the exact list and Capsule's
/// `allowedRegex`, matched unanchored as Go's `MatchString` does.
struct Allowed {
    exact: Vec<String>,
    regex: Option<Regex>,
    regex_text: String,
}

impl Allowed {
    fn permits(&self, host: &str) -> bool {
        self.exact.iter().any(|e| e == host)
            || self.regex.as_ref().is_some_and(|r| r.is_match(host))
    }
}

fn allowed_hostnames(
    index: &ObjectIndex<'_>,
    claims: &HashMap<&str, Vec<Claim<'_>>>,
    f: &mut Findings<'_>,
) {
    let mut rules: HashMap<&str, Allowed> = HashMap::new();
    for t in index.of_kind("capsule.clastix.io", "Tenant") {
        let spec = at(t.object, &["spec", "ingressOptions", "allowedHostnames"]);
        if spec.is_null() {
            continue;
        }
        let exact = at(spec, &["allowed"])
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        let regex_text = at(spec, &["allowedRegex"])
            .as_str()
            .unwrap_or_default()
            .to_string();
        let regex = if regex_text.is_empty() {
            None
        } else {
            match Regex::new(&regex_text) {
                Ok(r) => Some(r),
                Err(e) => {
                    f.report(
                        "tenant.allowed-hostnames",
                        t,
                        "spec.ingressOptions.allowedHostnames.allowedRegex",
                        format!(
                            "{} has an allowedRegex that does not compile: {e}",
                            describe(t.object)
                        ),
                    );
                    continue;
                }
            }
        };
        let name = at(t.object, &["metadata", "name"])
            .as_str()
            .unwrap_or_default();
        rules.insert(
            name,
            Allowed {
                exact,
                regex,
                regex_text,
            },
        );
    }
    if rules.is_empty() {
        return;
    }
    let mut hosts: Vec<&&str> = claims.keys().collect();
    hosts.sort_unstable();
    for host in hosts {
        for c in &claims[*host] {
            let Some(rule) = rules.get(c.tenant) else {
                continue;
            };
            if !rule.permits(host) {
                let mut allowed = rule.exact.join(", ");
                if !rule.regex_text.is_empty() {
                    if !allowed.is_empty() {
                        allowed.push_str(", ");
                    }
                    allowed.push_str(&format!("regex {:?}", rule.regex_text));
                }
                f.report(
                    "tenant.allowed-hostnames",
                    c.subject,
                    c.field.to_string(),
                    format!(
                        "hostname {host:?} of {} is outside tenant {:?}'s allowed hostnames ({allowed})",
                        describe(c.subject.object),
                        c.tenant
                    ),
                );
            }
        }
    }
}
