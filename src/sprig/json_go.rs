//! Go's `encoding/json` as sprigin and Capsule use it: `json.Marshal` / `MarshalIndent` /
//! `Encoder.SetEscapeHTML(false)` byte for byte (sorted keys, HTML escaping, Go's float format),
//! and `json.Unmarshal` into `interface{}` (numbers as float64) with Go's syntax error messages.

use std::fmt::Write;

use crate::template::{Map, Value};

use super::go_objects;

/// How to encode: `json.Marshal` escapes `<`, `>`, `&`; an encoder with `SetEscapeHTML(false)`
/// does not. `indent` is `MarshalIndent`'s indent string (prefix always empty).
#[derive(Clone, Copy, Debug)]
pub(crate) struct EncodeOptions<'a> {
    pub(crate) escape_html: bool,
    pub(crate) indent: Option<&'a str>,
}

/// Encodes a value as `encoding/json` would. The error text is Go's
/// (`json: unsupported value: NaN`, `json: unsupported type: …`).
pub(crate) fn encode(v: &Value, opts: EncodeOptions<'_>) -> Result<String, String> {
    let mut out = String::new();
    encode_into(&mut out, v, opts, 0)?;
    Ok(out)
}

fn newline(out: &mut String, opts: EncodeOptions<'_>, depth: usize) {
    if let Some(ind) = opts.indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(ind);
        }
    }
}

fn encode_into(
    out: &mut String,
    v: &Value,
    opts: EncodeOptions<'_>,
    depth: usize,
) -> Result<(), String> {
    match v {
        Value::Nil => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) | Value::Int64(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Uint(u) | Value::Uint64(u) => {
            let _ = write!(out, "{u}");
        }
        Value::Float(f) => out.push_str(&format_float(*f)?),
        Value::String(s) => write_string(out, s, opts.escape_html),
        Value::List(items, crate::template::ListKind::Byte) => {
            // Go encodes []byte as a base64 string.
            let bytes: Vec<u8> = items
                .iter()
                .map(|b| match b {
                    Value::Int(i) | Value::Int64(i) => *i as u8,
                    Value::Uint(u) | Value::Uint64(u) => *u as u8,
                    _ => 0,
                })
                .collect();
            out.push('"');
            out.push_str(&super::base_n::base64_encode(&bytes));
            out.push('"');
        }
        // A nil slice: `null`, as Go's encoder writes it.
        Value::List(_, crate::template::ListKind::NilString) => out.push_str("null"),
        Value::List(items, _) => {
            if items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, opts, depth + 1);
                encode_into(out, item, opts, depth + 1)?;
            }
            newline(out, opts, depth);
            out.push(']');
        }
        Value::Map(m) => encode_map(out, &m.borrow(), opts, depth)?,
        Value::Object(o) => {
            if o.is_nil() {
                out.push_str("null");
            } else {
                match go_objects::json_form(v) {
                    Some(j) => encode_into(out, &j, opts, depth)?,
                    None => return Err(format!("json: unsupported type: {}", o.type_name())),
                }
            }
        }
    }
    Ok(())
}

fn encode_map(
    out: &mut String,
    m: &Map,
    opts: EncodeOptions<'_>,
    depth: usize,
) -> Result<(), String> {
    if m.is_empty() {
        out.push_str("{}");
        return Ok(());
    }
    out.push('{');
    // BTreeMap iterates in byte order, which is Go's sort.Strings order.
    for (i, (k, val)) in m.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        newline(out, opts, depth + 1);
        write_string(out, k, opts.escape_html);
        out.push(':');
        if opts.indent.is_some() {
            out.push(' ');
        }
        encode_into(out, val, opts, depth + 1)?;
    }
    newline(out, opts, depth);
    out.push('}');
    Ok(())
}

/// `encoding/json`'s string escaping (Go ≥ 1.22: `\b` and `\f` short forms).
pub(crate) fn write_string(out: &mut String, s: &str, escape_html: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' if escape_html => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `encoding/json`'s float64 format: `strconv` 'f' with the shortest digits, or 'e' below 1e-6
/// and from 1e21 on, with a one-digit negative exponent (`1e-7`, `1e+21`).
pub(crate) fn format_float(f: f64) -> Result<String, String> {
    if !f.is_finite() {
        let text = format_g(f);
        return Err(format!("json: unsupported value: {text}"));
    }
    let a = f.abs();
    if a != 0.0 && !(1e-6..1e21).contains(&a) {
        // Go's encoding/json cleans up strconv's 'e' form: `e-07` becomes `e-7`.
        let mut s = format_e(f);
        if let Some(at) = s.len().checked_sub(4)
            && s.get(at..at + 3) == Some("e-0")
        {
            s.remove(at + 2);
        }
        return Ok(s);
    }
    Ok(format_f(f))
}

pub(crate) use crate::template::float_format::{format_e, format_f, format_g};

/// Go's `quoteChar` in encoding/json error messages.
fn quote_char(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '"' => "'\"'".into(),
        _ => {
            let q = crate::template::token::go_quote(&c.to_string());
            let inner = q.get(1..q.len().saturating_sub(1)).unwrap_or("");
            format!("'{inner}'")
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

/// Nesting deeper than this is refused (Go allows 10000; we stay well inside a thread's stack,
/// every level being a recursive call).
const MAX_DEPTH: usize = 1000;

const EOF_MSG: &str = "unexpected end of JSON input";

impl Parser<'_> {
    fn err(&self, context: &str) -> String {
        let rest = self.s.get(self.i..).unwrap_or(&[]);
        match String::from_utf8_lossy(rest.get(..rest.len().min(4)).unwrap_or(&[]))
            .chars()
            .next()
        {
            None => EOF_MSG.into(),
            Some(c) => format!("invalid character {} {context}", quote_char(c)),
        }
    }

    /// Go 1.27's message for a bad escape: the sequence from the backslash (up to 6 bytes).
    fn bad_escape(&self, backslash: usize) -> String {
        let end = (backslash + 6).min(self.s.len());
        let seq = String::from_utf8_lossy(self.s.get(backslash..end).unwrap_or(&[])).into_owned();
        let seq = if self.s.get(backslash + 1) == Some(&b'u') {
            seq
        } else {
            seq.chars().take(2).collect()
        };
        format!("invalid escape sequence `{seq}` in string")
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err("exceeded max depth".into());
        }
        self.ws();
        match self.peek() {
            None => Err(EOF_MSG.into()),
            Some(b'{') => {
                self.i += 1;
                let mut m = Map::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(Value::from(m));
                }
                loop {
                    self.ws();
                    if self.peek() != Some(b'"') {
                        return Err(self.err("looking for beginning of object key string"));
                    }
                    let k = self.string()?;
                    self.ws();
                    if self.peek() != Some(b':') {
                        return Err(self.err("after object key"));
                    }
                    self.i += 1;
                    let v = self.value(depth + 1)?;
                    m.insert(k, v);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Value::from(m));
                        }
                        _ => return Err(self.err("after object key:value pair")),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(Value::list(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Value::list(items));
                        }
                        _ => return Err(self.err("after array element")),
                    }
                }
            }
            Some(b'"') => Ok(Value::from(self.string()?)),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'n') => self.literal(b"null", Value::Nil),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.err("looking for beginning of value")),
        }
    }

    fn literal(&mut self, word: &[u8], v: Value) -> Result<Value, String> {
        let name = std::str::from_utf8(word).unwrap_or("");
        for (k, &want) in word.iter().enumerate() {
            if k == 0 {
                self.i += 1;
                continue;
            }
            if self.peek() != Some(want) {
                return Err(self.err(&format!(
                    "in literal {name} (expecting {})",
                    quote_char(char::from(want))
                )));
            }
            self.i += 1;
        }
        Ok(v)
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
    }

    fn number(&mut self) -> Result<Value, String> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.err("in numeric literal")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.err("in numeric literal"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.err("in numeric literal"));
            }
            self.digits();
        }
        let text = std::str::from_utf8(self.s.get(start..self.i).unwrap_or(b"")).unwrap_or("0");
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(format!(
                "json: cannot unmarshal number {text} into Go value of type float64"
            )),
        }
    }

    fn hex4(&mut self, backslash: usize) -> Result<u32, String> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                None => return Err(EOF_MSG.into()),
                _ => return Err(self.bad_escape(backslash)),
            };
            v = v * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, String> {
        self.i += 1; // the opening quote
        let mut buf: Vec<u8> = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(EOF_MSG.into());
            };
            match c {
                b'"' => {
                    self.i += 1;
                    // Go replaces invalid UTF-8 with U+FFFD.
                    return Ok(String::from_utf8_lossy(&buf).into_owned());
                }
                b'\\' => {
                    let backslash = self.i;
                    self.i += 1;
                    let Some(e) = self.peek() else {
                        return Err(EOF_MSG.into());
                    };
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            self.i += 1;
                            let hi = self.hex4(backslash)?;
                            let ch = if (0xD800..0xDC00).contains(&hi)
                                && self.s.get(self.i) == Some(&b'\\')
                                && self.s.get(self.i + 1) == Some(&b'u')
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4(save)?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                        .unwrap_or('\u{FFFD}')
                                } else {
                                    self.i = save;
                                    '\u{FFFD}'
                                }
                            } else {
                                char::from_u32(hi).unwrap_or('\u{FFFD}')
                            };
                            let mut tmp = [0u8; 4];
                            buf.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
                            continue;
                        }
                        _ => return Err(self.bad_escape(backslash)),
                    };
                    self.i += 1;
                    let mut tmp = [0u8; 4];
                    buf.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
                }
                c if c < 0x20 => return Err(self.err("in string")),
                c => {
                    buf.push(c);
                    self.i += 1;
                }
            }
        }
    }
}

/// `json.Unmarshal(data, &any)`: objects become maps, numbers float64. The error is Go's text.
pub(crate) fn decode(s: &str) -> Result<Value, String> {
    let mut p = Parser {
        s: s.as_bytes(),
        i: 0,
    };
    let v = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("after top-level value"));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(v: &Value) -> String {
        encode(
            v,
            EncodeOptions {
                escape_html: true,
                indent: None,
            },
        )
        .unwrap_or_else(|e| e)
    }

    #[test]
    fn floats_like_encoding_json() {
        // Measured: toJson (list 1.0 1.5 1e21 0.1 1e-7 100000.0) = [1,1.5,1e+21,0.1,1e-7,100000]
        let l = Value::list(
            [1.0, 1.5, 1e21, 0.1, 1e-7, 100000.0]
                .into_iter()
                .map(Value::Float)
                .collect(),
        );
        assert_eq!(enc(&l), "[1,1.5,1e+21,0.1,1e-7,100000]");
        assert_eq!(enc(&Value::Float(1e20)), "100000000000000000000");
        assert_eq!(enc(&Value::Float(-0.0)), "-0");
        assert_eq!(enc(&Value::Float(1.5e-10)), "1.5e-10");
        assert!(
            encode(
                &Value::Float(f64::NAN),
                EncodeOptions {
                    escape_html: true,
                    indent: None
                }
            )
            .is_err()
        );
    }

    #[test]
    fn decode_errors_are_go_messages() {
        assert_eq!(
            decode("{a:").unwrap_err(),
            "invalid character 'a' looking for beginning of object key string"
        );
        assert_eq!(decode("").unwrap_err(), "unexpected end of JSON input");
        assert_eq!(decode("  ").unwrap_err(), "unexpected end of JSON input");
        assert_eq!(
            decode("[1,]").unwrap_err(),
            "invalid character ']' looking for beginning of value"
        );
        assert_eq!(
            decode("[1] x").unwrap_err(),
            "invalid character 'x' after top-level value"
        );
        assert_eq!(
            decode("tru ").unwrap_err(),
            "invalid character ' ' in literal true (expecting 'e')"
        );
        assert_eq!(
            decode("\"a\nb\"").unwrap_err(),
            "invalid character '\\n' in string"
        );
    }

    #[test]
    fn decode_values() {
        let v = decode(r#"{"b":[true,null,1.5],"a":1}"#).unwrap_or_default();
        assert_eq!(v.to_template_string(), "map[a:1 b:[true <nil> 1.5]]");
        let s = decode(r#""\u00e9\ud83d\ude00""#).unwrap_or_default();
        assert_eq!(s.as_str(), Some("é😀"));
    }
}

#[cfg(test)]
mod depth {
    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(5000);
        assert!(super::decode(&deep).is_err());
        let ok = format!("{}{}", "[".repeat(500), "]".repeat(500));
        assert!(super::decode(&ok).is_ok());
    }
}

#[cfg(test)]
mod go_floats {
    use crate::template::Value;

    /// 3000 random float64 values (random bit patterns, magnitudes 1e-30..1e30, rounded
    /// decimals) encoded by Go's encoding/json (recorded from the oracle's toJson).
    #[test]
    fn floats_match_encoding_json() {
        let c: serde_json::Value =
            serde_json::from_str(include_str!("testdata/go_json_floats.json")).unwrap_or_default();
        let v = Value::from_json(c.get("v").unwrap_or(&serde_json::Value::Null));
        let want = c.get("want").and_then(|w| w.as_str()).unwrap_or("");
        let got = super::encode(
            &v,
            super::EncodeOptions {
                escape_html: true,
                indent: None,
            },
        )
        .unwrap_or_default();
        if got != want {
            let g: Vec<&str> = got.split(',').collect();
            let w: Vec<&str> = want.split(',').collect();
            let diffs: Vec<String> = g
                .iter()
                .zip(w.iter())
                .filter(|(a, b)| a != b)
                .take(10)
                .map(|(a, b)| format!("got {a} want {b}"))
                .collect();
            panic!("{} values differ: {diffs:?}", diffs.len());
        }
    }
}
