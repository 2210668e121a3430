//! sprigin's `getHostByName` (sprout v1.0.3 backward registry:
//! `GetHostByName(name string) (string, error)`, `net.LookupHost` then a random address) without
//! the network.
//!
//! The name exists, and everything sprigin decides before a lookup behaves as in Capsule: a wrong
//! argument count or a non-string argument is swallowed (nil, recorded); `""` (nil passed as
//! the zero string) fails inside `net.LookupHost` without a lookup (`""` returned, error
//! recorded); an IP literal is returned as it is (`net.LookupHost` answers it without asking
//! anyone). Any other name would be a DNS lookup: that call is a render error, because offline
//! rendering reaches no network and its answer would depend on the machine rendering.

use std::net::{IpAddr, Ipv6Addr};

use super::args::{self, Swallow, Wrapped, finish, wrapped};
use crate::template::{CallCtx, FuncError, FuncMap, Value};

/// Go's `netip.ParseAddr` as far as `net.LookupHost` uses it: an IPv4 or IPv6 literal, the
/// latter with an optional non-empty `%zone`.
fn is_ip_literal(host: &str) -> bool {
    if let Some((addr, zone)) = host.split_once('%') {
        return !zone.is_empty() && addr.parse::<Ipv6Addr>().is_ok();
    }
    host.parse::<IpAddr>().is_ok()
}

/// The render error for a call that would resolve `host` in DNS.
fn refusal(host: &str) -> FuncError {
    FuncError::Call(format!(
        "refused: resolving {host:?} would be a DNS lookup, and offline rendering reaches no \
         network (Capsule's controller would ask its own resolver); compute the address \
         elsewhere and put it in the Tenant's data or the template instead"
    ))
}

fn get_host_by_name(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = match args::arity(a, 1).and_then(|()| args::string_at(a, 0)) {
        Err(s) => Err(s),
        // Go's `LookupHost("")`: rejected before any lookup.
        Ok(host) if host.is_empty() => Err(Swallow::with(
            Value::from(""),
            "unable to resolve hostname: lookup : no such host",
        )),
        Ok(host) if is_ip_literal(&host) => Ok(Value::String(host)),
        Ok(host) => return Err(refusal(&host)),
    };
    finish(ctx, out)
}

/// Registers `getHostByName`.
pub(crate) fn register(map: &mut FuncMap) {
    map.insert(wrapped("getHostByName", get_host_by_name));
}

#[cfg(test)]
mod tests {
    use super::super::test_engine::{call, s, try_call};
    use super::*;

    #[test]
    fn the_name_exists_and_only_expandenv_is_refused_at_parse_time() {
        let map = super::super::capsule_func_map();
        assert!(map.get("getHostByName").is_some());
        assert!(map.refusal("getHostByName").is_none());
        assert!(map.refusal("expandenv").is_some());
        for gone in ["env", "expandEnv"] {
            assert!(map.get(gone).is_none() && map.refusal(gone).is_none());
        }
    }

    #[test]
    fn calls_sprigin_rejects_before_a_lookup_are_swallowed() {
        // sprigin.md §Error swallowing: wrong arity / a non-string argument → nil.
        assert_eq!(
            call("getHostByName", &[]).0.to_template_string(),
            "<no value>"
        );
        assert_eq!(
            call("getHostByName", &[Value::Int64(3)])
                .0
                .to_template_string(),
            "<no value>"
        );
        assert_eq!(
            call("getHostByName", &[s("a"), s("b")])
                .0
                .to_template_string(),
            "<no value>"
        );
        // nil is the zero string: `net.LookupHost("")` fails without a lookup → "".
        assert_eq!(
            call("getHostByName", &[Value::Nil]).0.to_template_string(),
            ""
        );
    }

    #[test]
    fn ip_literals_come_back_unchanged() {
        for ip in ["10.0.0.1", "::1", "fe80::1%eth0", "::ffff:1.2.3.4"] {
            assert_eq!(call("getHostByName", &[s(ip)]).0.to_template_string(), ip);
        }
    }

    #[test]
    fn a_dns_lookup_is_a_render_error() {
        for host in ["example.com", "localhost", "01.2.3.4", "fe80::1%"] {
            match try_call("getHostByName", &[s(host)]) {
                Err(FuncError::Call(m)) => {
                    assert!(m.contains("offline rendering reaches no network"), "{m}");
                    assert!(m.contains("Tenant's data"), "{m}");
                }
                other => panic!("{host}: {other:?}"),
            }
        }
    }
}
