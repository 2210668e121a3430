//! sprigin's `urlParse` and `urlJoin` (sprout's backward registry), on a port of the parts of
//! Go's `net/url` they use: `url.Parse` (scheme, opaque, authority with userinfo and port,
//! percent-unescaping with Go's error cases) and `URL.String` (with Go's escaping rules).

use crate::template::{CallCtx, FuncError, FuncMap, Map, Value};

use super::args::{self, Swallow, Wrapped, finish, wrapped};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Path,
    Host,
    UserPassword,
    QueryComponent,
    Fragment,
}

fn should_escape(c: u8, mode: Mode) -> bool {
    if c.is_ascii_alphanumeric() {
        return false;
    }
    if mode == Mode::Host
        && matches!(
            c,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'"'
        )
    {
        return false;
    }
    match c {
        b'-' | b'_' | b'.' | b'~' => return false,
        b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@' => {
            return match mode {
                Mode::UserPassword => matches!(c, b'@' | b'/' | b'?' | b':'),
                Mode::QueryComponent => true,
                Mode::Fragment => false,
                Mode::Path => c == b'?',
                Mode::Host => true,
            };
        }
        _ => {}
    }
    if mode == Mode::Fragment && matches!(c, b'!' | b'(' | b')' | b'*') {
        return false;
    }
    true
}

/// Go's `url.escape`.
fn escape(s: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if should_escape(c, mode) {
            if c == b' ' && mode == Mode::QueryComponent {
                out.push('+');
            } else {
                out.push_str(&format!("%{c:02X}"));
            }
        } else {
            out.push(char::from(c));
        }
    }
    out
}

fn unhex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Go's `url.unescape`.
fn unescape(s: &str, mode: Mode) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let (Some(h), Some(l)) = (
                    b.get(i + 1).and_then(|c| unhex(*c)),
                    b.get(i + 2).and_then(|c| unhex(*c)),
                ) else {
                    let end = (i + 3).min(b.len());
                    let bad = String::from_utf8_lossy(&b[i..end]).into_owned();
                    return Err(format!(
                        "invalid URL escape {}",
                        crate::template::token::go_quote(&bad)
                    ));
                };
                if mode == Mode::Host && h < 8 && &s[i..i + 3] != "%25" {
                    return Err(format!(
                        "invalid URL escape {}",
                        crate::template::token::go_quote(&s[i..i + 3])
                    ));
                }
                out.push(h * 16 + l);
                i += 3;
            }
            b'+' if mode == Mode::QueryComponent => {
                out.push(b' ');
                i += 1;
            }
            c => {
                if mode == Mode::Host && c < 0x80 && should_escape(c, mode) {
                    return Err(format!(
                        "invalid character {} in host name",
                        crate::template::token::go_quote(&char::from(c).to_string())
                    ));
                }
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The parts of a Go `url.URL` the functions read or write.
#[derive(Default, Debug)]
struct Url {
    scheme: String,
    opaque: String,
    user: Option<User>,
    host: String,
    path: String,
    raw_path: String,
    force_query: bool,
    raw_query: String,
    fragment: String,
}

fn get_scheme(raw: &str) -> Result<(String, &str), String> {
    for (i, c) in raw.bytes().enumerate() {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' if i > 0 => {}
            b':' => {
                if i == 0 {
                    return Err("missing protocol scheme".into());
                }
                return Ok((raw[..i].to_ascii_lowercase(), &raw[i + 1..]));
            }
            _ => return Ok((String::new(), raw)),
        }
    }
    Ok((String::new(), raw))
}

fn parse_host(host: &str) -> Result<String, String> {
    if host.starts_with('[') {
        let Some(end) = host.rfind(']') else {
            return Err("missing ']' in host".into());
        };
        let port = &host[end + 1..];
        if !port.is_empty() && !valid_port(port) {
            return Err(format!(
                "invalid port {} after host",
                crate::template::token::go_quote(port)
            ));
        }
        return Ok(host.to_string());
    }
    if let Some(i) = host.rfind(':') {
        let port = &host[i..];
        if !valid_port(port) {
            return Err(format!(
                "invalid port {} after host",
                crate::template::token::go_quote(port)
            ));
        }
    }
    unescape(host, Mode::Host)
}

fn valid_port(p: &str) -> bool {
    match p.strip_prefix(':') {
        Some(digits) => digits.bytes().all(|c| c.is_ascii_digit()),
        None => p.is_empty(),
    }
}

/// A user name and optional password.
type User = (String, Option<String>);

fn parse_authority(auth: &str) -> Result<(Option<User>, String), String> {
    let Some(i) = auth.rfind('@') else {
        return Ok((None, parse_host(auth)?));
    };
    let host = parse_host(&auth[i + 1..])?;
    let userinfo = &auth[..i];
    let valid = userinfo.bytes().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b':'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'%'
                    | b'@'
            )
            || c >= 0x80
    });
    if !valid {
        return Err("net/url: invalid userinfo".into());
    }
    let user = match userinfo.split_once(':') {
        Some((u, p)) => (
            unescape(u, Mode::UserPassword)?,
            Some(unescape(p, Mode::UserPassword)?),
        ),
        None => (unescape(userinfo, Mode::UserPassword)?, None),
    };
    Ok((Some(user), host))
}

/// Go's `url.Parse`.
fn parse(raw: &str) -> Result<Url, String> {
    let wrap = |e: String| format!("parse {}: {e}", crate::template::token::go_quote(raw));
    let (rest, frag) = match raw.split_once('#') {
        Some((a, b)) => (a, Some(b)),
        None => (raw, None),
    };
    let mut u = Url::default();
    if rest.bytes().any(|c| c < 0x20 || c == 0x7f) {
        return Err(wrap("net/url: invalid control character in URL".into()));
    }
    if rest == "*" {
        u.path = "*".into();
    } else {
        let (scheme, mut rest) = get_scheme(rest).map_err(wrap)?;
        u.scheme = scheme;
        if rest.ends_with('?') && rest.matches('?').count() == 1 {
            u.force_query = true;
            rest = &rest[..rest.len() - 1];
        } else if let Some((a, q)) = rest.split_once('?') {
            u.raw_query = q.to_string();
            rest = a;
        }
        if !rest.starts_with('/') {
            if !u.scheme.is_empty() {
                u.opaque = rest.to_string();
                rest = "";
            } else if let Some(colon) = rest.find(':')
                && rest.find('/').is_none_or(|slash| colon < slash)
            {
                return Err(wrap(
                    "first path segment in URL cannot contain colon".into(),
                ));
            }
        }
        if u.opaque.is_empty() {
            if (!u.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
                let after = &rest[2..];
                let (auth, tail) = match after.find('/') {
                    Some(i) => (&after[..i], &after[i..]),
                    None => (after, ""),
                };
                let (user, host) = parse_authority(auth).map_err(wrap)?;
                u.user = user;
                u.host = host;
                rest = tail;
            }
            u.path = unescape(rest, Mode::Path).map_err(wrap)?;
            if escape(&u.path, Mode::Path) != rest {
                u.raw_path = rest.to_string();
            }
        }
    }
    if let Some(f) = frag {
        u.fragment = unescape(f, Mode::Fragment).map_err(wrap)?;
    }
    Ok(u)
}

impl Url {
    fn hostname(&self) -> String {
        let host = &self.host;
        let h = match host.rfind(':') {
            Some(i)
                if valid_port(&host[i..])
                    && (!host.starts_with('[') || host[..i].ends_with(']')) =>
            {
                &host[..i]
            }
            _ => host.as_str(),
        };
        h.trim_start_matches('[').trim_end_matches(']').to_string()
    }

    fn userinfo(&self) -> Option<String> {
        self.user.as_ref().map(|(u, p)| {
            let mut s = escape(u, Mode::UserPassword);
            if let Some(p) = p {
                s.push(':');
                s.push_str(&escape(p, Mode::UserPassword));
            }
            s
        })
    }

    /// Go's `URL.String`.
    fn string(&self) -> String {
        let mut buf = String::new();
        if !self.scheme.is_empty() {
            buf.push_str(&self.scheme);
            buf.push(':');
        }
        if !self.opaque.is_empty() {
            buf.push_str(&self.opaque);
        } else {
            if !self.scheme.is_empty() || !self.host.is_empty() || self.user.is_some() {
                if !self.host.is_empty() || !self.path.is_empty() || self.user.is_some() {
                    buf.push_str("//");
                }
                if let Some(ui) = self.userinfo() {
                    buf.push_str(&ui);
                    buf.push('@');
                }
                buf.push_str(&escape(&self.host, Mode::Host));
            }
            let path = if !self.raw_path.is_empty() {
                self.raw_path.clone()
            } else if self.path == "*" {
                "*".to_string()
            } else {
                escape(&self.path, Mode::Path)
            };
            if !path.is_empty() && !path.starts_with('/') && !self.host.is_empty() {
                buf.push('/');
            }
            if buf.is_empty() && path.split('/').next().is_some_and(|seg| seg.contains(':')) {
                buf.push_str("./");
            }
            buf.push_str(&path);
        }
        if self.force_query || !self.raw_query.is_empty() {
            buf.push('?');
            buf.push_str(&self.raw_query);
        }
        if !self.fragment.is_empty() {
            buf.push('#');
            buf.push_str(&escape(&self.fragment, Mode::Fragment));
        }
        buf
    }
}

fn url_parse(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 1)
        .and_then(|()| args::string_at(a, 0))
        .and_then(|s| {
            let u = parse(&s).map_err(|e| Swallow::with(Value::from(Map::new()), e))?;
            let mut m = Map::new();
            let mut put = |k: &str, v: String| {
                m.insert(k.to_string(), Value::from(v));
            };
            put("scheme", u.scheme.clone());
            put("host", u.host.clone());
            put("hostname", u.hostname());
            put("path", u.path.clone());
            put("query", u.raw_query.clone());
            put("opaque", u.opaque.clone());
            put("fragment", u.fragment.clone());
            put("userinfo", u.userinfo().unwrap_or_default());
            Ok(Value::from(m))
        });
    finish(ctx, out)
}

fn url_join(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 1).and_then(|()| {
        let d = match a.first() {
            Some(Value::Map(m)) if m.is_any() => m.to_map(),
            Some(Value::Nil) | None => Default::default(),
            Some(other) => {
                return Err(Swallow::nil(format!(
                    "argument 1 has type {}, the function wants map[string]interface {{}}",
                    other.type_name()
                )));
            }
        };
        // sprout's `get(d, k).(string)`: a missing key is "", any other non-string panics (→ nil).
        let field = |k: &str| -> Result<String, Swallow> {
            match d.get(k) {
                None => Ok(String::new()),
                Some(Value::String(s)) => Ok(s.to_string()),
                Some(v) => Err(Swallow::nil(format!(
                    "interface conversion: interface {{}} is {}, not string",
                    v.type_name()
                ))),
            }
        };
        let mut u = Url {
            scheme: field("scheme")?,
            host: field("host")?,
            path: field("path")?,
            raw_query: field("query")?,
            opaque: field("opaque")?,
            fragment: field("fragment")?,
            ..Url::default()
        };
        let userinfo = field("userinfo")?;
        if !userinfo.is_empty() {
            let tmp = parse(&format!("proto://{userinfo}@host"))
                .map_err(|e| Swallow::with(Value::from(""), e))?;
            u.user = tmp.user;
        }
        Ok(Value::from(u.string()))
    });
    finish(ctx, out)
}

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    map.insert(wrapped("urlParse", url_parse));
    map.insert(wrapped("urlJoin", url_join));
}

#[cfg(test)]
mod tests {
    use super::super::test_engine::{call, s};
    use super::*;

    fn run(name: &str, a: &[Value]) -> String {
        call(name, a).0.to_template_string()
    }

    fn dict(pairs: &[(&str, &str)]) -> Value {
        Value::from(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_string(), Value::from(*v)))
                .collect::<Map>(),
        )
    }

    #[test]
    fn url_parse_values() {
        // Expected values from the Go oracle (sprig's urlParse: the same net/url fields).
        assert_eq!(
            run(
                "urlParse",
                &[s("https://u:p@h.example:8443/a%20b/c?x=1&y=2#frag")]
            ),
            "map[fragment:frag host:h.example:8443 hostname:h.example opaque: path:/a b/c query:x=1&y=2 scheme:https userinfo:u:p]"
        );
        assert_eq!(
            run("urlParse", &[s("mailto:a@b")]),
            "map[fragment: host: hostname: opaque:a@b path: query: scheme:mailto userinfo:]"
        );
        // sprigin.md: urlParse "%zz" → map[].
        assert_eq!(run("urlParse", &[s("%zz")]), "map[]");
        assert_eq!(run("urlParse", &[Value::Int64(1)]), "<no value>");
    }

    #[test]
    fn url_join_values() {
        // Measured (urlJoin).
        let d1 = dict(&[
            ("scheme", "https"),
            ("host", "h.example"),
            ("path", "/p"),
            ("query", "a=1"),
        ]);
        assert_eq!(run("urlJoin", &[d1]), "https://h.example/p?a=1");
        assert_eq!(
            run("urlJoin", &[dict(&[("host", "h"), ("userinfo", "u:p")])]),
            "//u:p@h"
        );
        assert_eq!(
            run("urlJoin", &[dict(&[("path", "a b"), ("fragment", "x y")])]),
            "a%20b#x%20y"
        );
        let d3 = dict(&[("scheme", "http"), ("host", "h"), ("path", "x!y:z")]);
        assert_eq!(run("urlJoin", &[d3]), "http://h/x%21y:z");
        assert_eq!(run("urlJoin", &[s("x")]), "<no value>");
        let mut m = Map::new();
        m.insert("host".into(), Value::Int64(1));
        assert_eq!(run("urlJoin", &[Value::from(m)]), "<no value>");
    }
}
