//! Turning YAML nodes into JSON values under one of two rule sets.
//!
//! * [`Schema::Yaml11`]: go-yaml v2's resolver followed by `sigs.k8s.io/yaml`'s JSON conversion and
//!   Kubernetes' JSON decoding. This is how Capsule reads generator output and how kubectl reads
//!   applied YAML: `yes`/`on`/`y`… are booleans, `0755` is octal, `0x1F` hex, `1_000` is 1000,
//!   timestamps stay strings, numbers that print as integers become integers (int64) and other
//!   numbers float64, `.inf`/`.nan` cannot be converted (Go's `json: unsupported value`),
//!   non-string keys become strings (`1.5`, `true`; a `null` key is an error).
//! * [`Schema::Core12`]: yaml.v3's resolver as kyaml (kpt, kustomize) reads input items: only
//!   `true`/`false` (three spellings) are booleans and `null`/`~`/empty is null; integers, octal
//!   and hex as in go-yaml; `.inf`/`.nan` are kept as strings since JSON has no such numbers.

use serde_json::{Map, Number, Value};

use super::node::{Document, Node, NodeId, NodeKind, Style};
use super::{Limits, YamlError};

/// Which YAML reader's scalar rules to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schema {
    /// go-yaml v2 + sigs.k8s.io/yaml (Capsule decoding generator output, kubectl apply).
    Yaml11,
    /// go-yaml v3 as used by kyaml (kpt and kustomize reading resources).
    Core12,
}

/// What a plain scalar means.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    /// `~`, `null`, empty.
    Null,
    /// A boolean (YAML 1.1 has many spellings).
    Bool(bool),
    /// An integer that fits int64.
    Int(i64),
    /// Too big for int64 but fits uint64.
    Uint(u64),
    /// A float (including `.inf` and `.nan`).
    Float(f64),
    /// Not anything else: the text is a string.
    Str,
    /// The merge key `<<`.
    Merge,
}

const BOOLS_11: [(&str, bool); 18] = [
    ("y", true),
    ("Y", true),
    ("yes", true),
    ("Yes", true),
    ("YES", true),
    ("true", true),
    ("True", true),
    ("TRUE", true),
    ("on", true),
    ("On", true),
    ("ON", true),
    ("n", false),
    ("N", false),
    ("no", false),
    ("No", false),
    ("NO", false),
    ("off", false),
    ("Off", false),
];

fn lookup_word(text: &str, schema: Schema) -> Option<Scalar> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Scalar::Null),
        "true" | "True" | "TRUE" => return Some(Scalar::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Scalar::Bool(false)),
        ".nan" | ".NaN" | ".NAN" => return Some(Scalar::Float(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Scalar::Float(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Scalar::Float(f64::NEG_INFINITY)),
        "<<" => return Some(Scalar::Merge),
        _ => {}
    }
    if schema == Schema::Yaml11 {
        if let Some((_, b)) = BOOLS_11.iter().find(|(w, _)| *w == text) {
            return Some(Scalar::Bool(*b));
        }
        if text == "OFF" {
            return Some(Scalar::Bool(false));
        }
    }
    None
}

/// Go's `strconv.ParseInt(s, 0, 64)` on text without underscores.
fn go_parse_int(s: &str) -> Option<Result<i64, ()>> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let magnitude = go_parse_uint(body)?;
    Some(match magnitude {
        Ok(m) if neg => {
            if m <= i64::MAX as u64 + 1 {
                Ok((m as i128).wrapping_neg() as i64)
            } else {
                Err(())
            }
        }
        Ok(m) => i64::try_from(m).map_err(|_| ()),
        Err(()) => Err(()),
    })
}

/// Go's `strconv.ParseUint(s, 0, 64)`: `None` when the syntax is wrong, `Some(Err)` when it is
/// out of range.
fn go_parse_uint(s: &str) -> Option<Result<u64, ()>> {
    let lower = s.get(..2).map(str::to_ascii_lowercase);
    let (radix, digits) = match lower.as_deref() {
        Some("0x") => (16, &s[2..]),
        Some("0o") => (8, &s[2..]),
        Some("0b") => (2, &s[2..]),
        _ if s.len() > 1 && s.starts_with('0') => (8, &s[1..]),
        _ => (10, s),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    Some(u64::from_str_radix(digits, radix).map_err(|_| ()))
}

/// go-yaml's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i = 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Resolves a plain (untagged) scalar the way go-yaml does (v2 for `Yaml11`, v3 for `Core12`).
pub fn resolve_plain(text: &str, schema: Schema) -> Scalar {
    let hint = match text.as_bytes().first() {
        None => return Scalar::Null,
        Some(c) => *c,
    };
    let hinted = matches!(
        hint,
        b'+' | b'-' | b'0'
            ..=b'9'
                | b'y'
                | b'Y'
                | b'n'
                | b'N'
                | b't'
                | b'T'
                | b'f'
                | b'F'
                | b'o'
                | b'O'
                | b'~'
                | b'.'
                | b'<'
    );
    if !hinted {
        return Scalar::Str;
    }
    if let Some(found) = lookup_word(text, schema) {
        return found;
    }
    match hint {
        b'.' => {
            if is_yaml_style_float(text)
                && let Ok(f) = text.parse::<f64>()
                && f.is_finite()
            {
                return Scalar::Float(f);
            }
            Scalar::Str
        }
        b'+' | b'-' | b'0'..=b'9' => {
            let plain: std::borrow::Cow<'_, str> = if text.contains('_') {
                text.replace('_', "").into()
            } else {
                text.into()
            };
            match go_parse_int(&plain) {
                Some(Ok(i)) => return Scalar::Int(i),
                Some(Err(())) => {
                    if let Some(Ok(u)) = go_parse_uint(&plain) {
                        return Scalar::Uint(u);
                    }
                }
                None => {}
            }
            if is_yaml_style_float(&plain)
                && let Ok(f) = plain.parse::<f64>()
                && f.is_finite()
            {
                return Scalar::Float(f);
            }
            // go-yaml's explicit `0b`/`-0b` branch is covered by ParseInt's base prefixes.
            Scalar::Str
        }
        _ => Scalar::Str,
    }
}

/// A float as it comes back from Go's `json.Marshal` + Kubernetes' JSON decoding: integral values
/// that print without an exponent and fit int64 become integers.
pub fn go_json_number(f: f64) -> Option<Value> {
    if !f.is_finite() {
        return None;
    }
    if f.fract() == 0.0 && f.abs() < 1e21 {
        let digits = format!("{f}");
        if let Ok(i) = digits.parse::<i64>() {
            return Some(Value::Number(Number::from(i)));
        }
    }
    Number::from_f64(f).map(Value::Number)
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)`, as sigs.k8s.io/yaml writes float map keys.
pub fn go_format_g32(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.into();
    }
    let f32v = f as f32;
    // Shortest digits of the f32, in scientific form: d.ddde±x.
    let sci = format!("{f32v:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let nd = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    let eprec = if nd > 6 { nd } else { 6 };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if exp < -4 || exp >= eprec.max(nd) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    } else if exp < 0 {
        out.push_str("0.");
        for _ in 0..(-exp - 1) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let point = usize::try_from(exp + 1).unwrap_or(0);
        if digits.len() <= point {
            out.push_str(&digits);
            for _ in digits.len()..point {
                out.push('0');
            }
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    out
}

/// Go's `base64.StdEncoding.DecodeString` (line breaks ignored, padding required).
fn go_base64(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text
        .bytes()
        .filter(|b| !matches!(b, b'\n' | b'\r'))
        .collect();
    if !digits.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    let mut out = Vec::with_capacity(digits.len() / 4 * 3);
    let chunks = digits.chunks(4).count();
    for (i, chunk) in digits.chunks(4).enumerate() {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && i + 1 != chunks) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

/// Bytes as a Go string through `encoding/json`: each invalid UTF-8 byte becomes U+FFFD.
fn go_json_string(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for _ in chunk.invalid() {
            out.push('\u{fffd}');
        }
    }
    out
}

/// The shapes go-yaml's timestamp formats accept (`2006-1-2`, `2006-1-2 15:4:5.999999999`,
/// `2006-1-2T15:4:5.999999999Z07:00`), without the calendar checks.
fn looks_like_go_timestamp(text: &str) -> bool {
    fn digits(s: &str, min: usize, max: usize) -> bool {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    }
    let (date, time) = match text.find(['T', 't', ' ']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let date_ok = matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(y), Some(m), Some(d), None) if digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2)
    );
    let Some(time) = time else {
        return date_ok;
    };
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(i) => (&time[..i], Some(&time[i..])),
        None => (time, None),
    };
    let (clock, fraction) = match clock.split_once('.') {
        Some((c, f)) => (c, Some(f)),
        None => (clock, None),
    };
    let mut hms = clock.split(':');
    let clock_ok = matches!(
        (hms.next(), hms.next(), hms.next(), hms.next()),
        (Some(h), Some(m), Some(s), None) if digits(h, 1, 2) && digits(m, 1, 2) && digits(s, 1, 2)
    );
    let fraction_ok = fraction.is_none_or(|f| digits(f, 1, 9));
    let zone_ok = zone.is_none_or(|z| {
        z == "Z"
            || (z.len() == 6
                && z.get(1..3).is_some_and(|h| digits(h, 2, 2))
                && z.get(3..4) == Some(":")
                && z.get(4..).is_some_and(|m| digits(m, 2, 2)))
    });
    date_ok && clock_ok && fraction_ok && zone_ok
}

struct Ctx<'d, 'a> {
    doc: &'d Document<'a>,
    schema: Schema,
    limits: &'d Limits,
    /// Nodes visited through aliases so far.
    expanded: usize,
}

fn err_at(node: &Node<'_>, message: impl Into<String>) -> YamlError {
    YamlError {
        message: message.into(),
        line: node.start.line as usize,
        col: node.start.col as usize,
    }
}

/// The node's value, following `schema`.
pub fn to_value(
    doc: &Document<'_>,
    id: NodeId,
    schema: Schema,
    limits: &Limits,
) -> Result<Value, YamlError> {
    let mut ctx = Ctx {
        doc,
        schema,
        limits,
        expanded: 0,
    };
    value_of(&mut ctx, id, 0, false)
}

/// The value of a whole document (`Null` when it is empty).
pub fn document_value(
    doc: &Document<'_>,
    schema: Schema,
    limits: &Limits,
) -> Result<Value, YamlError> {
    match doc.root {
        None => Ok(Value::Null),
        Some(root) => to_value(doc, root, schema, limits),
    }
}

fn scalar_value(
    node: &Node<'_>,
    text: &str,
    style: Style,
    schema: Schema,
) -> Result<Value, YamlError> {
    let core = node
        .tag
        .as_ref()
        .map(|t| (t.core.as_deref(), t.original.as_str()));
    let plain = style == Style::Plain;
    let resolved = match core {
        // yaml.v3 resolves a plain scalar with the non-specific tag `!` as if untagged.
        Some((None, "!")) if plain && schema == Schema::Core12 => resolve_plain(text, schema),
        // Custom or non-specific tags: not resolvable, the text is the value.
        Some((None, _)) => Scalar::Str,
        Some((Some("str"), _)) => Scalar::Str,
        Some((Some("binary"), _)) => match go_base64(text) {
            Some(bytes) => return Ok(Value::String(go_json_string(&bytes))),
            None => {
                return Err(err_at(node, "!!binary value contains invalid base64 data"));
            }
        },
        Some((Some("timestamp"), original)) => {
            if !looks_like_go_timestamp(text) {
                return Err(err_at(
                    node,
                    format!("cannot decode !!str `{text}` as a {original}"),
                ));
            }
            Scalar::Str
        }
        Some((Some(kind @ ("null" | "bool" | "int" | "float" | "merge")), original)) => {
            let r = resolve_plain(text, schema);
            let fits = matches!(
                (kind, &r),
                ("null", Scalar::Null)
                    | ("bool", Scalar::Bool(_))
                    | ("int", Scalar::Int(_) | Scalar::Uint(_))
                    | ("float", Scalar::Float(_) | Scalar::Int(_) | Scalar::Uint(_))
                    | ("merge", Scalar::Merge)
            );
            if !fits {
                return Err(err_at(node, format!("cannot decode {original} `{text}`")));
            }
            r
        }
        // Other core tags (`!!map`, `!!seq`, `!!set`…) on a scalar are not resolvable: text.
        Some((Some(_), _)) => Scalar::Str,
        None if plain => resolve_plain(text, schema),
        None => Scalar::Str,
    };
    Ok(match resolved {
        Scalar::Null => Value::Null,
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(i) => Value::Number(Number::from(i)),
        Scalar::Uint(u) => match Number::from_f64(u as f64) {
            Some(n) => Value::Number(n),
            None => Value::String(text.to_string()),
        },
        Scalar::Float(f) => match go_json_number(f) {
            Some(v) => v,
            None if schema == Schema::Core12 => Value::String(text.to_string()),
            None => {
                let shown = if f.is_nan() {
                    "NaN"
                } else if f > 0.0 {
                    "+Inf"
                } else {
                    "-Inf"
                };
                return Err(err_at(node, format!("json: unsupported value: {shown}")));
            }
        },
        Scalar::Str | Scalar::Merge => Value::String(text.to_string()),
    })
}

fn value_of(
    ctx: &mut Ctx<'_, '_>,
    id: NodeId,
    depth: usize,
    in_alias: bool,
) -> Result<Value, YamlError> {
    let doc = ctx.doc;
    let Some(node) = doc.nodes.get(id) else {
        return Ok(Value::Null);
    };
    if in_alias {
        ctx.expanded += 1;
        if ctx.expanded > ctx.limits.max_alias_expansion {
            return Err(err_at(
                node,
                format!(
                    "aliases expand to more than {} nodes (possible alias bomb)",
                    ctx.limits.max_alias_expansion
                ),
            ));
        }
    }
    if depth > ctx.limits.max_depth {
        return Err(err_at(
            node,
            format!("nesting deeper than {} levels", ctx.limits.max_depth),
        ));
    }
    match &node.kind {
        NodeKind::Scalar(text, style) => scalar_value(node, text, *style, ctx.schema),
        NodeKind::Alias(target) => value_of(ctx, *target, depth, true),
        NodeKind::Extracted(extracted) => Ok(extracted.value.value()),
        NodeKind::Sequence { items, .. } => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(value_of(ctx, *item, depth + 1, in_alias)?);
            }
            Ok(Value::Array(out))
        }
        NodeKind::Mapping { entries, .. } => {
            let mut map = Map::with_capacity(entries.len());
            // Keys that came from a merge (`<<`); any other key already in `map` was written
            // in this mapping, and yaml.v3 rejects writing it twice.
            let mut merged: Vec<String> = Vec::new();
            for (k, v) in entries {
                if is_merge_key(doc, *k) {
                    merge_into(ctx, &mut map, &mut merged, *v, depth, in_alias)?;
                    continue;
                }
                let key = key_string(ctx, *k)?;
                let value = value_of(ctx, *v, depth + 1, in_alias)?;
                if ctx.schema == Schema::Core12 && map.contains_key(&key) {
                    if let Some(i) = merged.iter().position(|m| *m == key) {
                        merged.swap_remove(i);
                    } else {
                        let at = doc.nodes.get(*k).unwrap_or(node);
                        return Err(err_at(at, format!("mapping key {key:?} already defined")));
                    }
                }
                map.insert(key, value);
            }
            Ok(Value::Object(map))
        }
    }
}

fn is_merge_key(doc: &Document<'_>, id: NodeId) -> bool {
    match doc.nodes.get(id) {
        Some(Node {
            kind: NodeKind::Scalar(text, Style::Plain),
            tag,
            ..
        }) => {
            text == "<<"
                && tag
                    .as_ref()
                    .is_none_or(|t| t.core.as_deref() == Some("merge"))
        }
        _ => false,
    }
}

/// `<<: *base` / `<<: [*a, *b]`: go-yaml v2 lets merged keys overwrite earlier ones (later
/// explicit keys still win; of several sources the first wins); v3 never overwrites a key
/// already there (explicit, or from an earlier source).
fn merge_into(
    ctx: &mut Ctx<'_, '_>,
    map: &mut Map<String, Value>,
    merged: &mut Vec<String>,
    id: NodeId,
    depth: usize,
    in_alias: bool,
) -> Result<(), YamlError> {
    let doc = ctx.doc;
    let node = doc.nodes.get(id);
    let target = match node.map(|n| &n.kind) {
        Some(NodeKind::Alias(t)) => doc.nodes.get(*t),
        _ => node,
    };
    let mut sources: Vec<NodeId> = match target.map(|n| &n.kind) {
        Some(NodeKind::Sequence { items, .. }) if target.is_some_and(|t| t.tag.is_none()) => {
            items.clone()
        }
        _ => vec![id],
    };
    if ctx.schema == Schema::Yaml11 {
        sources.reverse();
    }
    for source in sources {
        let value = value_of(ctx, source, depth + 1, in_alias)?;
        let Value::Object(from) = value else {
            let message = "map merge requires map or sequence of maps as the value";
            return Err(match doc.nodes.get(source).or(node) {
                Some(at) => err_at(at, message),
                None => YamlError {
                    message: message.into(),
                    line: 1,
                    col: 1,
                },
            });
        };
        for (k, v) in from {
            if ctx.schema == Schema::Yaml11 {
                map.insert(k, v);
            } else if !map.contains_key(&k) {
                merged.push(k.clone());
                map.insert(k, v);
            }
        }
    }
    Ok(())
}

/// A mapping key as a JSON object key.
fn key_string(ctx: &mut Ctx<'_, '_>, id: NodeId) -> Result<String, YamlError> {
    let doc = ctx.doc;
    let Some(mut node) = doc.nodes.get(id) else {
        return Ok(String::new());
    };
    if let NodeKind::Alias(target) = node.kind
        && let Some(t) = doc.nodes.get(target)
    {
        node = t;
    }
    let NodeKind::Scalar(text, style) = &node.kind else {
        return Err(err_at(node, "a mapping key must be a scalar"));
    };
    if ctx.schema == Schema::Core12 {
        // kyaml keeps a key's text; a null key has no JSON form.
        if *style == Style::Plain
            && node.tag.is_none()
            && resolve_plain(text, Schema::Core12) == Scalar::Null
        {
            return Err(err_at(node, "a mapping key must not be null"));
        }
        return Ok(text.to_string());
    }
    Ok(match scalar_value(node, text, *style, Schema::Yaml11) {
        Ok(Value::String(s)) => s,
        Ok(Value::Bool(b)) => b.to_string(),
        Ok(Value::Number(_)) | Err(_) if *style == Style::Plain => {
            match resolve_plain(text, Schema::Yaml11) {
                Scalar::Int(i) => i.to_string(),
                Scalar::Float(f) => go_format_g32(f),
                Scalar::Uint(u) => {
                    return Err(err_at(
                        node,
                        format!("unsupported map key of type: uint64, key: {u}"),
                    ));
                }
                _ => text.to_string(),
            }
        }
        Ok(Value::Null) => {
            return Err(err_at(node, "unsupported map key of type: <nil>"));
        }
        Ok(other) => other.to_string(),
        Err(e) => return Err(e),
    })
}
