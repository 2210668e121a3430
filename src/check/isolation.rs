//! Tenant isolation (product.md §4, gateway-stack-rules.md pitfalls P3, P4): an object belongs to
//! the tenant that owns its namespace — not to whatever its labels claim; a hostname belongs to
//! one tenant; a tenant's hostnames stay within what its Tenant allows.

use foldhash::{HashMap, HashMapExt};

use regex::Regex;

use super::Findings;
use super::digest::{Body, Digest};
use super::index::ObjectIndex;

const TENANT_LABEL: &str = "projectcapsule.dev/tenant";

/// One claim of a hostname: the object that names it and where. The claiming tenant is read
/// back from the object when a rule needs it (see [`Claims::tenant`]), which keeps the checks'
/// biggest table at 32 bytes a claim.
struct Claim<'a> {
    host: &'a str,
    subject: &'a Digest<'a>,
    field: ClaimField,
}

/// Where the hostname of a claim stands, formatted only when a finding is reported. The
/// variants are in the order the claims are collected: routes, Ingresses, then listeners.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

/// Every hostname claimed by a tenant: HTTPRoute and Ingress hostnames in a tenant-owned
/// namespace, and listener hostnames of Gateways rendered for a tenant. Sorted by hostname;
/// one hostname's claims stay in the order they were collected (routes, Ingresses, Gateways,
/// each in object order).
struct Claims<'a> {
    index: &'a ObjectIndex<'a>,
    sorted: Vec<Claim<'a>>,
    /// The wildcard hostnames (`*.…`) with their first claim and their first claim by another
    /// tenant than the first's (positions in `sorted`): what the wildcard rule looks up.
    wildcards: Vec<(&'a str, u32, Option<u32>)>,
}

impl<'a> Claims<'a> {
    fn of(index: &'a ObjectIndex<'a>) -> Claims<'a> {
        let mut sorted = Vec::new();
        Claims::visit(index, |host, subject, field| {
            sorted.push(Claim {
                host,
                subject,
                field,
            });
        });
        // The digests are one slice in object order, so their addresses are in object order;
        // with the field (kind, then position) the key is unique and gives the collected order.
        sorted.sort_unstable_by(|a, b| {
            (a.host, a.field.rank(), a.subject.order(), a.field).cmp(&(
                b.host,
                b.field.rank(),
                b.subject.order(),
                b.field,
            ))
        });
        let mut claims = Claims {
            index,
            sorted,
            wildcards: Vec::new(),
        };
        // The hostnames that start with `*.` sort together, between `*.` and `*/`.
        let start = claims.sorted.partition_point(|c| c.host < "*.");
        let end = claims.sorted.partition_point(|c| c.host < "*/");
        claims.wildcards = claims
            .groups(start..end)
            .map(|(first, other)| (claims.claim(first).host, first, other))
            .collect();
        claims
    }

    /// Calls `claim` with every claim, in collection order: (hostname, object, field).
    fn visit(index: &ObjectIndex<'a>, mut claim: impl FnMut(&'a str, &'a Digest<'a>, ClaimField)) {
        let routes = index.of_kind("gateway.networking.k8s.io", "HTTPRoute");
        let ingresses = index.of_kind("networking.k8s.io", "Ingress");
        for s in routes.chain(ingresses) {
            if !index.namespace_owner.contains_key(s.namespace) {
                continue;
            }
            let (hosts, field): (_, fn(u32) -> ClaimField) = match &s.body {
                Body::HttpRoute { hostnames } => (hostnames, ClaimField::RouteHostname),
                Body::Ingress(ingress) => (&ingress.hosts, ClaimField::IngressHost),
                _ => continue,
            };
            for &(i, h) in hosts.iter() {
                claim(h, s, field(position(i)));
            }
        }
        for g in &index.gateways {
            if g.digest.tenant().is_none() {
                continue;
            }
            g.spec.each_listener_str("hostname", |i, h| {
                if let Some(h) = h {
                    claim(h, g.digest, ClaimField::ListenerHostname(position(i)));
                }
            });
        }
    }

    /// The tenant of a claim: the owner of a route's or Ingress's namespace, the tenant a
    /// Gateway was rendered for (only such objects are collected).
    fn tenant(&self, c: &Claim<'a>) -> &'a str {
        let tenant = match c.field {
            ClaimField::ListenerHostname(_) => c.subject.tenant(),
            _ => self.index.namespace_owner.get(c.subject.namespace).copied(),
        };
        tenant.unwrap_or_default()
    }

    fn claim(&self, at: u32) -> &Claim<'a> {
        &self.sorted[at as usize]
    }

    /// Per hostname of the claims in `range` (positions in `sorted`), in hostname order: its
    /// first claim and its first claim by another tenant than the first's.
    fn groups(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (u32, Option<u32>)> + use<'_, 'a> {
        let claims = self.sorted.get(..range.end).unwrap_or_default();
        let mut i = range.start;
        std::iter::from_fn(move || {
            let first = claims.get(i)?;
            let tenant = self.tenant(first);
            let start = position(i);
            let mut other = None;
            i += 1;
            while let Some(next) = claims.get(i)
                && next.host == first.host
            {
                if other.is_none() && self.tenant(next) != tenant {
                    other = Some(position(i));
                }
                i += 1;
            }
            Some((start, other))
        })
    }

    /// The first claim of wildcard `host` by a tenant other than `tenant`.
    fn wildcard_other_than(&self, host: &str, tenant: &str) -> Option<&Claim<'a>> {
        let found = self.wildcards.binary_search_by(|e| e.0.cmp(host)).ok()?;
        let &(_, first, other) = self.wildcards.get(found)?;
        if self.tenant(self.claim(first)) != tenant {
            Some(self.claim(first))
        } else {
            other.map(|o| self.claim(o))
        }
    }
}

impl ClaimField {
    /// The kind of field, in collection order.
    fn rank(self) -> u8 {
        match self {
            ClaimField::RouteHostname(_) => 0,
            ClaimField::IngressHost(_) => 1,
            ClaimField::ListenerHostname(_) => 2,
        }
    }
}

fn collisions(claims: &Claims<'_>, f: &mut Findings<'_>) {
    let mut wildcard = String::new();
    // Reported by hostname, as the groups come.
    for (first, other) in claims.groups(0..claims.sorted.len()) {
        let first = claims.claim(first);
        let host = first.host;
        // The same hostname in two tenants.
        if let Some(other) = other {
            report_collision(f, claims, host, host, first, claims.claim(other));
            continue;
        }
        // An exact hostname covered by another tenant's wildcard (`*.a.com` vs `x.a.com`).
        if let Some((_, parent)) = host.split_once('.')
            && !host.starts_with("*.")
        {
            wildcard.clear();
            wildcard.push_str("*.");
            wildcard.push_str(parent);
            if let Some(other) = claims.wildcard_other_than(&wildcard, claims.tenant(first)) {
                report_collision(f, claims, host, &wildcard, first, other);
            }
        }
    }
}

fn report_collision(
    f: &mut Findings<'_>,
    claims: &Claims<'_>,
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
            claims.tenant(a),
            a.subject.describe(),
            a.field,
            claims.tenant(b),
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
    // Claims in hostname order, each hostname's in collection order.
    for c in &claims.sorted {
        let tenant = claims.tenant(c);
        let Some(rule) = rules.get(tenant) else {
            continue;
        };
        if rule.permits(c.host) {
            continue;
        }
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
                "hostname {:?} of {} is outside tenant {tenant:?}'s allowed hostnames ({allowed})",
                c.host,
                c.subject.describe(),
            ),
        );
    }
}
