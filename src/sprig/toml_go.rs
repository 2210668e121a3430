//! TOML for Capsule's `toToml`/`fromToml`: an encoder writing what BurntSushi/toml's
//! `Encoder.Encode` writes (keys sorted, plain keys before tables, tables indented two spaces
//! per level, arrays of tables for lists of maps, nil map values skipped), and a decoder on the
//! `toml` crate producing Capsule's value shapes (integers `int64`, datetimes `time.Time`).

use crate::template::{ListKind, Map, Value};

use super::go_time::{self, GoTime, Loc};

const INDENT: &str = "  ";

/// BurntSushi's `dblQuotedReplacer` inside double quotes.
fn quoted(s: &str) -> String {
    use std::fmt::Write;
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn bare_ok(k: &str) -> bool {
    !k.is_empty()
        && k.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

fn key_part(k: &str) -> String {
    if bare_ok(k) { k.to_string() } else { quoted(k) }
}

fn key_path(path: &[String]) -> String {
    path.iter()
        .map(|k| key_part(k))
        .collect::<Vec<_>>()
        .join(".")
}

#[derive(PartialEq, Eq)]
enum TomlType {
    Table,
    ArrayOfTables,
    Other,
    Nil,
}

fn toml_type(v: &Value) -> TomlType {
    match v {
        Value::Nil => TomlType::Nil,
        Value::Object(o) if o.is_nil() => TomlType::Nil,
        Value::Map(_) => TomlType::Table,
        Value::List(items, _) => match items.first() {
            Some(Value::Map(_)) => TomlType::ArrayOfTables,
            _ => TomlType::Other,
        },
        Value::Object(_) if v.downcast::<super::capsule_custom::AgeKey>().is_some() => {
            TomlType::Table
        }
        _ => TomlType::Other,
    }
}

/// A map entry being written.
type Entry<'a> = (&'a String, &'a Value);

struct Enc {
    out: String,
}

impl Enc {
    fn newline(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
    }

    fn indent(&mut self, path: &[String]) {
        for _ in 1..path.len() {
            self.out.push_str(INDENT);
        }
    }

    fn element(&mut self, v: &Value) -> Result<(), String> {
        match v {
            Value::String(s) => self.out.push_str(&quoted(s)),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) | Value::Int64(i) => self.out.push_str(&i.to_string()),
            Value::Uint(u) | Value::Uint64(u) => self.out.push_str(&u.to_string()),
            Value::Float(f) => {
                if f.is_nan() {
                    self.out.push_str("nan");
                } else if f.is_infinite() {
                    self.out.push_str(if *f < 0.0 { "-inf" } else { "+inf" });
                } else {
                    let s = super::json_go::format_f(*f);
                    self.out.push_str(&s);
                    if !s.contains('.') {
                        self.out.push_str(".0");
                    }
                }
            }
            Value::List(items, kind) => {
                if *kind != ListKind::Byte
                    && items.iter().skip(1).any(|i| toml_type(i) == TomlType::Nil)
                    || items.first().is_some_and(|i| toml_type(i) == TomlType::Nil)
                {
                    return Err("toml: cannot encode array with nil element".into());
                }
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.element(item)?;
                }
                self.out.push(']');
            }
            Value::Map(m) => self.map(&[], &m.borrow(), true)?,
            Value::Nil => return Err("toml: cannot encode a nil value".into()),
            Value::Object(_) => {
                if let Some(t) = v.downcast::<GoTime>() {
                    self.out.push_str(&t.rfc3339_nano());
                } else if let Some(k) = v.downcast::<super::capsule_custom::AgeKey>() {
                    let m = k.as_map();
                    self.element(&m)?;
                } else {
                    let mut text = String::new();
                    if let Value::Object(o) = v {
                        o.write_v(&mut text, false);
                    }
                    self.out.push_str(&quoted(&text));
                }
            }
        }
        Ok(())
    }

    fn key_value(&mut self, path: &[String], v: &Value) -> Result<(), String> {
        let Some(last) = path.last() else {
            return Err("toml: top-level values must be Go maps or structs".into());
        };
        self.indent(path);
        self.out.push_str(&key_part(last));
        self.out.push_str(" = ");
        self.element(v)?;
        self.newline();
        Ok(())
    }

    fn encode(&mut self, path: &[String], v: &Value) -> Result<(), String> {
        match v {
            Value::Nil => Ok(()),
            Value::Object(o) if o.is_nil() => Ok(()),
            Value::Map(m) => self.table(path, &m.borrow()),
            Value::Object(_) if v.downcast::<super::capsule_custom::AgeKey>().is_some() => {
                let m = v
                    .downcast::<super::capsule_custom::AgeKey>()
                    .map(super::capsule_custom::AgeKey::as_map)
                    .unwrap_or_default();
                self.encode(path, &m)
            }
            Value::List(items, _) if toml_type(v) == TomlType::ArrayOfTables => {
                if path.is_empty() {
                    return Err("toml: top-level values must be Go maps or structs".into());
                }
                for item in items.iter() {
                    let Value::Map(m) = item else {
                        if toml_type(item) == TomlType::Nil {
                            continue;
                        }
                        return Err("toml: cannot encode array with mixed element types".into());
                    };
                    self.newline();
                    self.indent(path);
                    self.out.push_str("[[");
                    self.out.push_str(&key_path(path));
                    self.out.push_str("]]");
                    self.newline();
                    self.map(path, &m.borrow(), false)?;
                }
                Ok(())
            }
            _ => self.key_value(path, v),
        }
    }

    fn table(&mut self, path: &[String], m: &Map) -> Result<(), String> {
        if path.len() == 1 {
            self.newline();
        }
        if !path.is_empty() {
            self.indent(path);
            self.out.push('[');
            self.out.push_str(&key_path(path));
            self.out.push(']');
            self.newline();
        }
        self.map(path, m, false)
    }

    fn map(&mut self, path: &[String], m: &Map, inline: bool) -> Result<(), String> {
        let mut direct: Vec<Entry<'_>> = Vec::new();
        let mut sub: Vec<Entry<'_>> = Vec::new();
        for (k, v) in m.iter() {
            match toml_type(v) {
                TomlType::Table | TomlType::ArrayOfTables => sub.push((k, v)),
                _ => direct.push((k, v)),
            }
        }
        if inline {
            self.out.push('{');
            let all: Vec<_> = direct
                .iter()
                .chain(sub.iter())
                .filter(|(_, v)| toml_type(v) != TomlType::Nil)
                .collect();
            for (i, (k, v)) in all.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.out.push_str(&key_part(k));
                self.out.push_str(" = ");
                self.element(v)?;
            }
            self.out.push('}');
            return Ok(());
        }
        for (k, v) in direct.into_iter().chain(sub) {
            let mut p = path.to_vec();
            p.push(k.clone());
            self.encode(&p, v)?;
        }
        Ok(())
    }
}

/// BurntSushi/toml's `Encode` of a value; `Err` carries its error text.
pub(crate) fn encode(v: &Value) -> Result<String, String> {
    let mut e = Enc { out: String::new() };
    match v {
        Value::Map(_) => e.encode(&[], v)?,
        Value::Object(_) if v.downcast::<super::capsule_custom::AgeKey>().is_some() => {
            e.encode(&[], v)?
        }
        _ => return Err("toml: top-level values must be Go maps or structs".into()),
    }
    Ok(e.out)
}

fn from_toml_value(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::from(s.as_str()),
        toml::Value::Integer(i) => Value::Int64(*i),
        toml::Value::Float(f) => Value::Float(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => {
            let text = d.to_string();
            let layouts = [
                "2006-01-02T15:04:05.999999999Z07:00",
                "2006-01-02 15:04:05.999999999Z07:00",
                "2006-01-02T15:04:05.999999999",
                "2006-01-02 15:04:05.999999999",
                "2006-01-02",
                "15:04:05.999999999",
            ];
            layouts
                .iter()
                .find_map(|l| go_time::parse_in_location(l, &text, &Loc::Utc).ok())
                .map_or_else(
                    || Value::from(text.clone()),
                    |t| Value::Object(std::rc::Rc::new(t)),
                )
        }
        toml::Value::Array(a) => Value::list(a.iter().map(from_toml_value).collect()),
        toml::Value::Table(t) => Value::from(
            t.iter()
                .map(|(k, v)| (k.clone(), from_toml_value(v)))
                .collect::<Map>(),
        ),
    }
}

/// Decodes a TOML document into a map (integers `int64`).
pub(crate) fn decode(s: &str) -> Result<Value, String> {
    let table: toml::Table = s
        .parse()
        .map_err(|e: toml::de::Error| format!("toml: {}", e.message()))?;
    Ok(from_toml_value(&toml::Value::Table(table)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pairs: Vec<(&str, Value)>) -> Value {
        Value::from(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<Map>(),
        )
    }

    #[test]
    fn encodes_like_burntsushi() {
        let v = m(vec![
            ("a", Value::from("b")),
            ("n", Value::Int64(3)),
            ("f", Value::Float(2.0)),
            ("skip", Value::Nil),
            ("l", Value::list(vec![Value::Int(1), Value::from("x")])),
            (
                "tbl",
                m(vec![
                    ("x", Value::Int(1)),
                    ("sub", m(vec![("y", Value::Bool(true))])),
                ]),
            ),
            ("my key", Value::from("q\"")),
            (
                "arr",
                Value::list(vec![
                    m(vec![("k", Value::Int(1))]),
                    m(vec![("k", Value::Int(2))]),
                ]),
            ),
        ]);
        let want = "a = \"b\"\nf = 2.0\nl = [1, \"x\"]\n\"my key\" = \"q\\\"\"\nn = 3\n\n[[arr]]\n  k = 1\n\n[[arr]]\n  k = 2\n\n[tbl]\n  x = 1\n  [tbl.sub]\n    y = true\n";
        assert_eq!(encode(&v).as_deref(), Ok(want));
        assert_eq!(encode(&m(vec![])).as_deref(), Ok(""));
        assert_eq!(
            encode(&Value::from("x")).err().as_deref(),
            Some("toml: top-level values must be Go maps or structs")
        );
    }

    #[test]
    fn decodes() {
        let v = decode("a = \"b\"\nn = 3\n").unwrap_or_default();
        assert_eq!(v.to_template_string(), "map[a:b n:3]");
        assert_eq!(
            v.map_get("n").map(|x| x.type_name().to_string()).as_deref(),
            Some("int64")
        );
        assert!(decode("a = ").is_err());
        assert_eq!(decode("").unwrap_or_default().to_template_string(), "map[]");
    }
}
