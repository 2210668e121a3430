//! Kubernetes name rules (gateway-stack-rules.md §1.4, pitfall P8): namespaces are DNS-1123
//! labels, most object names DNS-1123 subdomains, Gateway names should fit a label value. When
//! a generated name contains the tenant's name, the hint says how long a tenant name can be.

use super::Findings;
use super::digest::Digest;
use super::index::ObjectIndex;

/// `validation.IsDNS1123Label`: 1-63 of `[a-z0-9-]`, alphanumeric at both ends.
pub(crate) fn is_dns_label(s: &str) -> bool {
    !s.is_empty() && s.len() <= 63 && label_chars_ok(s)
}

fn label_chars_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    !b.is_empty()
        && alnum(b[0])
        && alnum(b[b.len() - 1])
        && b.iter().all(|&c| alnum(c) || c == b'-')
}

/// `validation.IsDNS1123Subdomain`: at most 253, dot-separated DNS-1123 label shapes.
pub(crate) fn is_dns_subdomain(s: &str) -> bool {
    !s.is_empty() && s.len() <= 253 && labels_ok(s.as_bytes())
}

/// Every dot-separated label is 1+ of `[a-z0-9-]`, alphanumeric at both ends; one pass over
/// the bytes (the checks run it on every name and listener hostname).
fn labels_ok(s: &[u8]) -> bool {
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    let mut prev = b'.';
    for &c in s {
        let ok = match c {
            b'.' => alnum(prev),
            b'-' => prev != b'.',
            _ => alnum(c),
        };
        if !ok {
            return false;
        }
        prev = c;
    }
    alnum(prev)
}

/// Gateway API `Hostname`: a lowercase DNS name of at most 253 characters, a wildcard only as
/// the leftmost `*.` label, no IP address, no trailing dot.
pub(crate) fn is_gateway_hostname(h: &str) -> Result<(), &'static str> {
    if h.is_empty() || h.len() > 253 {
        return Err("hostnames are 1 to 253 characters long");
    }
    if h.ends_with('.') {
        return Err("a hostname must not end with a dot");
    }
    let rest = h.strip_prefix("*.").unwrap_or(h);
    if labels_ok(rest.as_bytes()) && rest.bytes().any(|c| c.is_ascii_lowercase()) {
        // A valid DNS name with a letter: no IP address, no stray wildcard, no uppercase.
        return Ok(());
    }
    if h.parse::<std::net::IpAddr>().is_ok() {
        return Err("a listener hostname cannot be an IP address");
    }
    if rest.contains('*') {
        return Err("a wildcard is only allowed as the leftmost label, as '*.'");
    }
    if rest.bytes().any(|c| c.is_ascii_uppercase()) {
        return Err("hostnames must be lowercase");
    }
    if !labels_ok(rest.as_bytes()) {
        return Err("each label is lowercase alphanumerics or '-', alphanumeric at both ends");
    }
    Ok(())
}

pub(super) fn check(index: &ObjectIndex<'_>, f: &mut Findings<'_>) {
    for s in index.digests {
        let Some(kind) = s.kind else {
            continue;
        };
        let core = s.group().is_empty();
        let n = s.name;
        if core && kind == "Namespace" {
            if !is_dns_label(n) {
                report(
                    f,
                    "name.namespace",
                    s,
                    "metadata.name",
                    n,
                    63,
                    "a DNS-1123 label",
                );
            }
        } else if core && kind == "Service" {
            if !is_dns_label(n) {
                report(
                    f,
                    "name.object",
                    s,
                    "metadata.name",
                    n,
                    63,
                    "a DNS-1123 label",
                );
            }
        } else if !n.is_empty() && !is_dns_subdomain(n) {
            report(
                f,
                "name.object",
                s,
                "metadata.name",
                n,
                253,
                "a DNS-1123 subdomain",
            );
        }
        let ns = s.namespace;
        if s.generated_by.is_some() && !ns.is_empty() && !is_dns_label(ns) {
            report(
                f,
                "name.namespace",
                s,
                "metadata.namespace",
                ns,
                63,
                "a DNS-1123 label",
            );
        }
        if kind == "Gateway"
            && s.group() == "gateway.networking.k8s.io"
            && n.len() > 63
            && is_dns_subdomain(n)
        {
            report(
                f,
                "name.gateway-length",
                s,
                "metadata.name",
                n,
                63,
                "at most 63 characters (controllers copy it into label values)",
            );
        }
    }
}

fn report(
    f: &mut Findings<'_>,
    id: &'static str,
    s: &Digest<'_>,
    field: &str,
    value: &str,
    limit: usize,
    rule: &str,
) {
    let mut msg = format!(
        "{} has {field} {value:?}, which is not {rule}",
        s.describe()
    );
    if value.len() > limit {
        msg.push_str(&format!(
            " ({} characters, the limit is {limit})",
            value.len()
        ));
        if let Some(tenant) = s.tenant()
            && !tenant.is_empty()
            && value.contains(tenant)
        {
            let fixed = value.len() - tenant.len();
            let budget = limit.saturating_sub(fixed);
            msg.push_str(&format!(
                "; with this naming pattern tenant names can be at most {budget} characters \
                 (tenant {tenant:?} has {})",
                tenant.len()
            ));
        }
    }
    f.report(id, s, field, msg);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass label scan agrees with the rule read literally (split on dots, each label
    /// checked alone) on every string of up to 5 characters over a small alphabet.
    #[test]
    fn one_pass_labels_match_the_split_definition() {
        let alphabet = [b'a', b'0', b'-', b'.', b'A', b'*', b'_'];
        let mut strings: Vec<Vec<u8>> = vec![Vec::new()];
        let mut all = strings.clone();
        for _ in 0..5 {
            strings = strings
                .iter()
                .flat_map(|s| {
                    alphabet.iter().map(move |&c| {
                        let mut s = s.clone();
                        s.push(c);
                        s
                    })
                })
                .collect();
            all.extend(strings.iter().cloned());
        }
        // The hostname rule checked in the order the rules are written.
        let literal_hostname = |h: &str| -> Result<(), &'static str> {
            if h.is_empty() || h.len() > 253 {
                return Err("hostnames are 1 to 253 characters long");
            }
            if h.ends_with('.') {
                return Err("a hostname must not end with a dot");
            }
            if h.parse::<std::net::IpAddr>().is_ok() {
                return Err("a listener hostname cannot be an IP address");
            }
            let rest = h.strip_prefix("*.").unwrap_or(h);
            if rest.contains('*') {
                return Err("a wildcard is only allowed as the leftmost label, as '*.'");
            }
            if rest.bytes().any(|c| c.is_ascii_uppercase()) {
                return Err("hostnames must be lowercase");
            }
            if !rest.split('.').all(label_chars_ok) {
                return Err(
                    "each label is lowercase alphanumerics or '-', alphanumeric at both ends",
                );
            }
            Ok(())
        };
        for s in &all {
            let text = std::str::from_utf8(s).unwrap_or_default();
            let literal = text.split('.').all(label_chars_ok);
            assert_eq!(labels_ok(s), literal, "{text:?}");
            assert_eq!(
                is_gateway_hostname(text),
                literal_hostname(text),
                "{text:?}"
            );
        }
        for ip in ["1.2.3.4", "::1", "fe80::1", "10.0.0.1"] {
            assert_eq!(is_gateway_hostname(ip), literal_hostname(ip), "{ip:?}");
        }
        assert!(all.len() > 19_000);
    }

    #[test]
    fn dns_rules() {
        assert!(is_dns_label("tenant-solar-system"));
        assert!(!is_dns_label("Tenant"));
        assert!(!is_dns_label("-a"));
        assert!(!is_dns_label(&"a".repeat(64)));
        assert!(is_dns_subdomain("a.b-c.d"));
        assert!(!is_dns_subdomain("a..b"));
        assert!(!is_dns_subdomain("a_b"));
    }

    #[test]
    fn gateway_hostnames() {
        assert!(is_gateway_hostname("shop.solar.example.com").is_ok());
        assert!(is_gateway_hostname("*.solar.example.com").is_ok());
        assert!(is_gateway_hostname("Shop.example.com").is_err());
        assert!(is_gateway_hostname("shop.example.com.").is_err());
        assert!(is_gateway_hostname("10.0.0.1").is_err());
        assert!(is_gateway_hostname("a.*.example.com").is_err());
        assert!(is_gateway_hostname("").is_err());
    }
}
