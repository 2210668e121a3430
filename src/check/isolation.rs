//! Tenant isolation (product.md §4, gateway-stack-rules.md pitfalls P3, P4): an object belongs to
//! the tenant that owns its namespace — not to whatever its labels claim; a hostname belongs to
//! one tenant; a tenant's hostnames stay within what its Tenant allows.

use foldhash::{HashMap, HashMapExt};

use regex::Regex;

use super::Findings;
use super::digest::{Body, Digest};
use super::index::ObjectIndex;

const TENANT_LABEL: &str = "projectcapsule.dev/tenant";

/// One claim of a hostname by a tenant.
struct Claim<'a> {
    tenant: &'a str,
    subject: &'a Digest<'a>,
    field: ClaimField,
}

/// Where the hostname of a claim stands, formatted only when a finding is reported.
#[derive(Clone, Copy)]
enum ClaimField {
    RouteHostname(u32),
    IngressHost(u32),
    ListenerHostname(u32),
}

/// A list position as a claim keeps it (a list longer than `u32::MAX` cannot be read).
fn position(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
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
    let claims = Claims::of(index);
    collisions(&claims, f);
    allowed_hostnames(index, &claims, f);
}

fn label_mismatch(index: &ObjectIndex<'_>, f: &mut Findings<'_>) {
    for s in index.digests {
        let Some(claimed) = s.tenant_label else {
            continue;
        };
        let ns = s.namespace;
        if ns.is_empty() || !index.has_namespace(ns) {
            continue;
        }
        let message = match index.namespace_owner.get(ns) {
            Some(&owner) if owner == claimed => continue,
            Some(&owner) => format!(
                "{} is labelled {TENANT_LABEL}={claimed} but its namespace {ns:?} belongs to \
                 tenant {owner:?}; a tenant could use such a label to inject objects (for \
                 example hostnames) into another tenant's stack. Fix the label or move the object",
                s.describe()
            ),
            None => format!(
                "{} is labelled {TENANT_LABEL}={claimed} but its namespace {ns:?} belongs to no \
                 tenant; only objects in the tenant's own namespaces should count as the tenant's",
                s.describe()
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
struct Claims<'a> {
    /// (hostname, claim), in object order.
    all: Vec<(&'a str, Claim<'a>)>,
    /// Per hostname, in hostname order: the hostname, its first claim and its first claim by
    /// another tenant than the first's (positions in `all`): all that the collision rules
    /// need, without a list per hostname.
    by_host: Vec<(&'a str, u32, Option<u32>)>,
}

impl<'a> Claims<'a> {
    fn of(index: &ObjectIndex<'a>) -> Claims<'a> {
        // Counted first: the list is the checks' biggest table, so it gets exactly its room.
        let mut count = 0;
        Claims::visit(index, |_, _, _, _| count += 1);
        let mut all = Vec::with_capacity(count);
        Claims::visit(index, |host, tenant, subject, field| {
            all.push((
                host,
                Claim {
                    tenant,
                    subject,
                    field,
                },
            ));
        });
        let mut claims = Claims {
            all,
            by_host: Vec::new(),
        };
        claims.group_by_host();
        claims
    }

    /// Calls `claim` with every claim, in object order: (hostname, tenant, object, field).
    fn visit(
        index: &ObjectIndex<'a>,
        mut claim: impl FnMut(&'a str, &'a str, &'a Digest<'a>, ClaimField),
    ) {
        let owner = |d: &Digest<'_>| index.namespace_owner.get(d.namespace).copied();
        let routes = index.of_kind("gateway.networking.k8s.io", "HTTPRoute");
        let ingresses = index.of_kind("networking.k8s.io", "Ingress");
        for s in routes.chain(ingresses) {
            let Some(tenant) = owner(s) else {
                continue;
            };
            let (hosts, field): (_, fn(u32) -> ClaimField) = match &s.body {
                Body::HttpRoute { hostnames } => (hostnames, ClaimField::RouteHostname),
                Body::Ingress(ingress) => (&ingress.hosts, ClaimField::IngressHost),
                _ => continue,
            };
            for &(i, h) in hosts.iter() {
                claim(h, tenant, s, field(position(i)));
            }
        }
        for g in &index.gateways {
            let Some(tenant) = g.digest.tenant() else {
                continue;
            };
            for (i, l) in g.spec.listeners().iter().enumerate() {
                if let Some(h) = l.hostname() {
                    claim(
                        h,
                        tenant,
                        g.digest,
                        ClaimField::ListenerHostname(position(i)),
                    );
                }
            }
        }
    }

    /// Fills `by_host`: the claims' positions sorted by hostname (a stable sort keeps each
    /// hostname's claims in object order), then one entry per hostname.
    fn group_by_host(&mut self) {
        let mut order: Vec<u32> = (0..self.all.len())
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        order.sort_by_key(|&i| self.all[i as usize].0);
        let mut i = 0;
        while let Some(&first) = order.get(i) {
            let (host, claim) = &self.all[first as usize];
            let mut end = i + 1;
            let mut other = None;
            while let Some(&next) = order.get(end) {
                let (h, c) = &self.all[next as usize];
                if h != host {
                    break;
                }
                if other.is_none() && c.tenant != claim.tenant {
                    other = Some(next);
                }
                end += 1;
            }
            self.by_host.push((host, first, other));
            i = end;
        }
        self.by_host.shrink_to_fit();
    }

    fn claim(&self, at: u32) -> &Claim<'a> {
        &self.all[at as usize].1
    }

    /// The first claim of `host` by a tenant other than `tenant`.
    fn other_than(&self, host: &str, tenant: &str) -> Option<&Claim<'a>> {
        let found = self.by_host.binary_search_by(|e| e.0.cmp(host)).ok()?;
        let &(_, first, other) = self.by_host.get(found)?;
        if self.claim(first).tenant != tenant {
            Some(self.claim(first))
        } else {
            other.map(|o| self.claim(o))
        }
    }
}

fn collisions(claims: &Claims<'_>, f: &mut Findings<'_>) {
    // Found in any order, reported by hostname.
    let mut found: Vec<(&str, String, &Claim<'_>, &Claim<'_>)> = Vec::new();
    let mut wildcard = String::new();
    for &(host, first, other) in &claims.by_host {
        let first = claims.claim(first);
        // The same hostname in two tenants.
        if let Some(other) = other {
            found.push((host, host.to_string(), first, claims.claim(other)));
            continue;
        }
        // An exact hostname covered by another tenant's wildcard (`*.a.com` vs `x.a.com`).
        if let Some((_, parent)) = host.split_once('.')
            && !host.starts_with("*.")
        {
            wildcard.clear();
            wildcard.push_str("*.");
            wildcard.push_str(parent);
            if let Some(other) = claims.other_than(&wildcard, first.tenant) {
                found.push((host, wildcard.clone(), first, other));
            }
        }
    }
    // `by_host` is in hostname order already.
    for (host, other_host, a, b) in found {
        report_collision(f, host, &other_host, a, b);
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
            a.subject.describe(),
            a.field,
            b.tenant,
            b.subject.describe(),
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

fn allowed_hostnames(index: &ObjectIndex<'_>, claims: &Claims<'_>, f: &mut Findings<'_>) {
    let mut rules: HashMap<&str, Allowed> = HashMap::new();
    for t in index.of_kind("capsule.clastix.io", "Tenant") {
        let Body::Tenant {
            allowed: Some(spec),
        } = &t.body
        else {
            continue;
        };
        let exact = spec.exact.iter().map(|s| s.to_string()).collect();
        let regex_text = spec.regex.to_string();
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
                            t.describe()
                        ),
                    );
                    continue;
                }
            }
        };
        rules.insert(
            t.name,
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
    // Claims in hostname order, each hostname's in object order.
    let mut outside: Vec<(&str, usize, &Allowed)> = Vec::new();
    for (at, (host, c)) in claims.all.iter().enumerate() {
        if let Some(rule) = rules.get(c.tenant)
            && !rule.permits(host)
        {
            outside.push((host, at, rule));
        }
    }
    outside.sort_unstable_by_key(|&(host, at, _)| (host, at));
    for (host, at, rule) in outside {
        let c = &claims.all[at].1;
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
                c.subject.describe(),
                c.tenant
            ),
        );
    }
}
