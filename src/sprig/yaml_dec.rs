//! YAML decoding on granit-parser's event stream, with two scalar schemas:
//! * yaml.v3's `Unmarshal` into `interface{}` (sprigin's `fromYaml`): YAML 1.2-ish booleans,
//!   integers as Go `int` (`0x`, `0o`, `0b`, 1.1 octal `010`, `_` separators), larger ones
//!   `uint64`, floats, timestamps as `time.Time`;
//! * sigs.k8s.io/yaml (Capsule's `fromYamlArray`): YAML 1.1 through JSON, so `yes`/`on` are
//!   booleans, every number is float64 and timestamps become RFC 3339 strings.
//!
//! Anchors, aliases and `<<` merge keys are resolved; duplicate keys are an error in yaml.v3
//! (sigs.k8s.io/yaml keeps the last one).
//! Error texts use Go's `yaml: line N: ` prefix with granit-parser's description (yaml.v3's own
//! wording differs in most cases).

use std::collections::HashMap;
use std::rc::Rc;

use granit_parser::{Event, Parser, ScalarStyle, Span, Tag};

use crate::template::{Map, Value};

use super::go_time::{self, GoTime, Loc};

/// Nesting deeper than this is refused (Go allows 10000; we stay well inside a thread's stack,
/// every level being a recursive call).
const MAX_DEPTH: usize = 1000;

/// Which library's rules turn scalars into values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Schema {
    /// go.yaml.in/yaml/v3.
    YamlV3,
    /// sigs.k8s.io/yaml (yaml.v2 semantics, then JSON).
    K8sJson,
}

/// The first document of `src`, or `None` for an empty stream.
pub(crate) fn decode(src: &str, schema: Schema) -> Result<Option<Value>, String> {
    decode_with_root(src, schema).map(|(v, _)| v)
}

/// yaml.v3's `Unmarshal` into a `map[string]interface{}` (sprout's `FromYAML`): an empty or
/// null document is an empty map, any other non-mapping document an unmarshal error.
pub(crate) fn decode_map(src: &str) -> Result<Value, String> {
    let (v, root) = decode_with_root(src, Schema::YamlV3)?;
    match v {
        None | Some(Value::Nil) => Ok(Value::from(Map::new())),
        Some(v @ Value::Map(_)) => Ok(v),
        Some(other) => {
            let (line, text) = root.unwrap_or((1, String::new()));
            let tag = match &other {
                Value::List(..) => "!!seq",
                Value::Bool(_) => "!!bool",
                Value::Int(_) | Value::Int64(_) | Value::Uint(_) | Value::Uint64(_) => "!!int",
                Value::Float(_) => "!!float",
                Value::Object(_) => "!!timestamp",
                _ => "!!str",
            };
            let shown = if tag == "!!seq" {
                String::new()
            } else if text.len() > 10 {
                let cut = (0..=7)
                    .rev()
                    .find(|i| text.is_char_boundary(*i))
                    .unwrap_or(0);
                format!(" `{}...`", &text[..cut])
            } else {
                format!(" `{text}`")
            };
            Err(format!(
                "yaml: unmarshal errors:\n  line {line}: cannot unmarshal {tag}{shown} into map[string]interface {{}}"
            ))
        }
    }
}

/// The document and, for its root node, the line and scalar text (for error messages).
type Decoded = (Option<Value>, Option<(usize, String)>);

fn decode_with_root(src: &str, schema: Schema) -> Result<Decoded, String> {
    let mut events: Vec<(Event<'_>, Span)> = Vec::new();
    for item in Parser::new_from_str(src) {
        match item {
            Ok((ev, span)) => {
                #[allow(unreachable_patterns)]
                if matches!(ev, Event::Comment(..)) {
                    continue;
                }
                let stop = matches!(ev, Event::DocumentEnd);
                events.push((ev, span));
                if stop {
                    break;
                }
            }
            Err(e) => {
                return Err(format!(
                    "yaml: line {}: {}",
                    e.marker().line(),
                    go_wording(src, &e.info())
                ));
            }
        }
    }
    let root = events.iter().find_map(|(ev, span)| match ev {
        Event::Scalar(text, ..) => Some((span.start.line(), text.to_string())),
        Event::SequenceStart(..) | Event::MappingStart(..) | Event::Alias(_) => {
            Some((span.start.line(), String::new()))
        }
        _ => None,
    });
    let mut b = Builder {
        events,
        i: 0,
        anchors: HashMap::new(),
        schema,
    };
    Ok((b.document()?, root))
}

/// yaml.v3's (libyaml's) wording for the parse errors templates most often hit.
fn go_wording(src: &str, info: &str) -> String {
    if let Some(rest) = info.strip_prefix("unclosed bracket '") {
        let open = rest.chars().next().unwrap_or('[');
        let close = if open == '{' { '}' } else { ']' };
        let after = src.rfind(open).map_or("", |i| &src[i + 1..]);
        return if after.trim().is_empty() {
            "did not find expected node content".into()
        } else {
            format!("did not find expected ',' or '{close}'")
        };
    }
    info.to_string()
}

struct Builder<'a> {
    events: Vec<(Event<'a>, Span)>,
    i: usize,
    anchors: HashMap<usize, Value>,
    schema: Schema,
}

impl Builder<'_> {
    fn document(&mut self) -> Result<Option<Value>, String> {
        loop {
            match self.events.get(self.i).map(|(e, _)| e) {
                None | Some(Event::StreamEnd | Event::DocumentEnd) => return Ok(None),
                Some(Event::StreamStart | Event::DocumentStart(..)) => self.i += 1,
                #[allow(unreachable_patterns)]
                Some(Event::Comment(..) | Event::Anchor(..)) => self.i += 1,
                Some(_) => return self.node(0).map(Some),
            }
        }
    }

    fn line(&self) -> usize {
        self.events.get(self.i).map_or(0, |(_, s)| s.start.line())
    }

    fn node(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err("yaml: exceeded max depth".into());
        }
        loop {
            let Some((ev, _)) = self.events.get(self.i) else {
                return Err("yaml: unexpected end of stream".into());
            };
            let ev = ev.clone();
            self.i += 1;
            match ev {
                #[allow(unreachable_patterns)]
                Event::Comment(..) | Event::Anchor(..) => continue,
                Event::Alias(id) => {
                    return self
                        .anchors
                        .get(&id)
                        .cloned()
                        .ok_or_else(|| "yaml: unknown anchor".to_string());
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let v = self.scalar(&text, style, tag.as_deref())?;
                    if anchor > 0 {
                        self.anchors.insert(anchor, v.clone());
                    }
                    return Ok(v);
                }
                Event::SequenceStart(_, anchor, _) => {
                    let mut items = Vec::new();
                    loop {
                        match self.events.get(self.i).map(|(e, _)| e) {
                            Some(Event::SequenceEnd) => {
                                self.i += 1;
                                break;
                            }
                            None => return Err("yaml: unexpected end of stream".into()),
                            _ => items.push(self.node(depth + 1)?),
                        }
                    }
                    let v = Value::list(items);
                    if anchor > 0 {
                        self.anchors.insert(anchor, v.clone());
                    }
                    return Ok(v);
                }
                Event::MappingStart(_, anchor, _) => {
                    let v = self.mapping(depth)?;
                    if anchor > 0 {
                        self.anchors.insert(anchor, v.clone());
                    }
                    return Ok(v);
                }
                _ => return Err("yaml: unexpected event".into()),
            }
        }
    }

    fn mapping(&mut self, depth: usize) -> Result<Value, String> {
        let mut m = Map::new();
        let mut lines: HashMap<String, usize> = HashMap::new();
        let mut merges: Vec<Value> = Vec::new();
        loop {
            match self.events.get(self.i).map(|(e, _)| e) {
                Some(Event::MappingEnd) => {
                    self.i += 1;
                    break;
                }
                None => return Err("yaml: unexpected end of stream".into()),
                _ => {}
            }
            let key_line = self.line();
            let is_merge = matches!(
                self.events.get(self.i),
                Some((Event::Scalar(t, ScalarStyle::Plain, _, None), _)) if t == "<<"
            );
            let k = self.node(depth + 1)?;
            let v = self.node(depth + 1)?;
            if is_merge {
                merges.push(v);
                continue;
            }
            if matches!(k, Value::Nil) {
                // A null key cannot live in a map[string]interface{}: yaml.v3 drops it there.
                continue;
            }
            let key = key_string(&k);
            if let Some(first) = lines.get(&key).filter(|_| self.schema == Schema::YamlV3) {
                return Err(format!(
                    "yaml: unmarshal errors:\n  line {key_line}: mapping key {} already defined at line {first}",
                    crate::template::token::go_quote(&key)
                ));
            }
            lines.insert(key.clone(), key_line);
            m.insert(key, v);
        }
        for merged in merges {
            let sources: Vec<Value> = match merged {
                Value::List(items, _) => items.iter().cloned().collect(),
                other => vec![other],
            };
            for src in sources {
                match src {
                    Value::Map(sm) => {
                        for (k, v) in sm.borrow().iter() {
                            m.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                    _ => {
                        return Err(
                            "yaml: map merge requires map or sequence of maps as the value".into(),
                        );
                    }
                }
            }
        }
        Ok(Value::from(m))
    }

    fn scalar(&self, text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
        if let Some(tag) = tag {
            if tag.is_yaml_core_schema() {
                return match tag.suffix() {
                    "str" => Ok(Value::from(text)),
                    "binary" => {
                        let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                        let bytes = super::base_n::base64_decode(&clean).map_err(|e| {
                            format!("yaml: !!binary value contains invalid base64 data: {e}")
                        })?;
                        Ok(Value::from(String::from_utf8_lossy(&bytes).into_owned()))
                    }
                    "float" => Ok(match self.resolve_plain(text)? {
                        Value::Int(i) => Value::Float(i as f64),
                        Value::Uint64(u) => Value::Float(u as f64),
                        other => other,
                    }),
                    _ => self.resolve_plain(text),
                };
            }
            if tag.handle() == "!" && tag.suffix().is_empty() {
                return Ok(Value::from(text));
            }
        }
        if style != ScalarStyle::Plain {
            return Ok(Value::from(text));
        }
        self.resolve_plain(text)
    }

    fn resolve_plain(&self, text: &str) -> Result<Value, String> {
        match self.schema {
            Schema::YamlV3 => Ok(resolve_v3(text)),
            Schema::K8sJson => match special_float(text) {
                // sigs.k8s.io/yaml goes through encoding/json, which refuses them.
                Some(f) => Err(format!(
                    "json: unsupported value: {}",
                    super::json_go::format_g(f)
                )),
                None => Ok(resolve_k8s(text)),
            },
        }
    }
}

/// A mapping key as a Go map key text (non-string keys print with `%v`).
fn key_string(k: &Value) -> String {
    match k {
        Value::String(s) => s.to_string(),
        Value::Nil => "null".into(),
        other => other.to_template_string(),
    }
}

/// yaml.v3's `parseTimestamp` (only tried for values that start with `YYYY-`).
fn parse_timestamp(s: &str) -> Option<GoTime> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 4 || s.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    for layout in [
        "2006-1-2T15:4:5.999999999Z07:00",
        "2006-1-2t15:4:5.999999999Z07:00",
        "2006-1-2 15:4:5.999999999",
        "2006-1-2",
    ] {
        if let Ok(t) = go_time::parse_in_location(layout, s, &Loc::Utc) {
            return Some(t);
        }
    }
    None
}

/// yaml.v3's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let count = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if b.get(i) == Some(&b'.') {
        let n = count(i + 1);
        if n == 0 {
            return false;
        }
        i += 1 + n;
    } else {
        let n = count(i);
        if n == 0 {
            return false;
        }
        i += n;
        if b.get(i) == Some(&b'.') {
            i += 1;
            i += count(i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = count(i);
        if n == 0 {
            return false;
        }
        i += n;
    }
    i == b.len()
}

/// Go's `strconv.ParseInt(s, 0, 64)` / `ParseUint`: base prefixes, a leading `0` for octal.
fn parse_go_int(s: &str) -> Option<i128> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(r) = lower.strip_prefix("0x") {
        (16, r.to_string())
    } else if let Some(r) = lower.strip_prefix("0o") {
        (8, r.to_string())
    } else if let Some(r) = lower.strip_prefix("0b") {
        (2, r.to_string())
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower[1..].to_string())
    } else {
        (10, lower)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let v = i128::from_str_radix(&digits, radix).ok()?;
    Some(if neg { -v } else { v })
}

const NULLS: [&str; 5] = ["", "~", "null", "Null", "NULL"];

fn special_float(s: &str) -> Option<f64> {
    match s {
        ".nan" | ".NaN" | ".NAN" => Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// yaml.v3's `resolve` for an untagged plain scalar.
pub(crate) fn resolve_v3(s: &str) -> Value {
    if NULLS.contains(&s) {
        return Value::Nil;
    }
    match s {
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(f) = special_float(s) {
        return Value::Float(f);
    }
    let Some(first) = s.bytes().next() else {
        return Value::from(s);
    };
    match first {
        b'.' => {
            if let Ok(f) = s.parse::<f64>() {
                return Value::Float(f);
            }
        }
        b'0'..=b'9' | b'+' | b'-' => {
            if let Some(t) = parse_timestamp(s) {
                return Value::Object(Rc::new(t));
            }
            let plain = s.replace('_', "");
            if let Some(v) = parse_go_int(&plain) {
                if let Ok(i) = i64::try_from(v) {
                    return Value::Int(i);
                }
                if let Ok(u) = u64::try_from(v) {
                    return Value::Uint64(u);
                }
            }
            if yaml_style_float(&plain)
                && let Ok(f) = plain.parse::<f64>()
            {
                return Value::Float(f);
            }
        }
        _ => {}
    }
    Value::from(s)
}

/// Whether yaml.v3 would read `s`, written plain, back as a string (the encoder quotes it
/// otherwise).
pub(crate) fn resolves_to_string(s: &str) -> bool {
    matches!(resolve_v3(s), Value::String(_))
}

/// yaml.v2's resolution followed by a JSON round trip (sigs.k8s.io/yaml).
fn resolve_k8s(s: &str) -> Value {
    if NULLS.contains(&s) {
        return Value::Nil;
    }
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => {
            return Value::Bool(false);
        }
        _ => {}
    }
    if special_float(s).is_some() {
        // JSON cannot carry them: sigs.k8s.io/yaml fails; keep the text.
        return Value::from(s);
    }
    match s.bytes().next() {
        Some(b'.') => {
            if let Ok(f) = s.parse::<f64>() {
                return Value::Float(f);
            }
        }
        Some(b'0'..=b'9' | b'+' | b'-') => {
            if let Some(t) = parse_timestamp(s) {
                return Value::from(t.rfc3339_nano());
            }
            let plain = s.replace('_', "");
            if let Some(v) = parse_go_int(&plain) {
                return Value::Float(v as f64);
            }
            if yaml_style_float(&plain)
                && let Ok(f) = plain.parse::<f64>()
            {
                return Value::Float(f);
            }
        }
        _ => {}
    }
    Value::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v3(s: &str) -> String {
        match decode(s, Schema::YamlV3) {
            Ok(Some(v)) => v.to_template_string(),
            Ok(None) => "<empty>".into(),
            Err(e) => format!("ERR {e}"),
        }
    }

    #[test]
    fn scalars_v3() {
        assert_eq!(resolve_v3("1").type_name(), "int");
        assert_eq!(resolve_v3("010").to_template_string(), "8");
        assert_eq!(resolve_v3("0x1F").to_template_string(), "31");
        assert_eq!(resolve_v3("1_000").to_template_string(), "1000");
        assert_eq!(resolve_v3("1e3").type_name(), "float64");
        assert_eq!(resolve_v3("yes").type_name(), "string");
        assert_eq!(resolve_v3("~").type_name(), "<nil>");
        assert_eq!(resolve_v3("18446744073709551615").type_name(), "uint64");
        assert_eq!(resolve_v3("2024-01-01").type_name(), "time.Time");
        assert_eq!(
            resolve_v3("2024-01-01").to_template_string(),
            "2024-01-01 00:00:00 +0000 UTC"
        );
        assert_eq!(resolve_v3("1:30").type_name(), "string");
    }

    #[test]
    fn documents() {
        assert_eq!(v3("b: 1\na:\n  - x\n  - y\n"), "map[a:[x y] b:1]");
        assert_eq!(v3(""), "<empty>");
        assert_eq!(v3("- 1\n- 2\n"), "[1 2]");
        assert_eq!(
            v3("a: &x {k: 1}\nb: *x\nc:\n  <<: *x\n  j: 2\n"),
            "map[a:map[k:1] b:map[k:1] c:map[j:2 k:1]]"
        );
        assert_eq!(v3("a: 'yes'\nb: !!str 3\nc: \"1\""), "map[a:yes b:3 c:1]");
        assert!(v3("a: [").starts_with("ERR yaml: line 1"));
        assert!(v3("a: 1\na: 2\n").contains("mapping key \"a\" already defined at line 1"));
        assert_eq!(v3("a: 1\n---\nb: 2\n"), "map[a:1]");
    }

    #[test]
    fn k8s_schema() {
        let v = decode("- a\n- yes\n- 3\n- 2024-01-01\n", Schema::K8sJson);
        let v = v.ok().flatten().unwrap_or_default();
        assert_eq!(v.to_template_string(), "[a true 3 2024-01-01T00:00:00Z]");
        assert_eq!(
            v.as_list().and_then(|l| l.get(2)).map(Value::type_name),
            Some("float64")
        );
    }
}

#[cfg(test)]
mod depth {
    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(5000);
        assert!(super::decode(&deep, super::Schema::YamlV3).is_err());
        let deep = format!("{}{}", "[".repeat(3000), "]".repeat(3000));
        assert!(super::decode(&deep, super::Schema::YamlV3).is_err());
        let ok = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(super::decode(&ok, super::Schema::YamlV3).is_ok());
    }
}
