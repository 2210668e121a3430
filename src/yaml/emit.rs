//! Block-style YAML output that every reader in the pipeline reads back as the same value.
//!
//! Layout follows kubectl/kustomize output: 2-space indent, compact sequences (`- a` at the same
//! indent as the key that holds them), keys in the value's order. A string is written plain only
//! when neither a YAML 1.1 reader (go-yaml v2, PyYAML: `yes`, `on`, `y`, `0755`, `1_000`,
//! `2024-01-01`, `1:20`…) nor a YAML 1.2 reader (go-yaml v3, kyaml) would take it for anything
//! else; otherwise it is double-quoted. Multi-line strings become literal blocks when that is
//! exact, double-quoted strings with escapes otherwise.

use serde_json::{Map, Value};

use super::resolve::{Scalar, Schema, resolve_plain};

/// Writes one value as a block-style YAML document (no `---`), ending with a newline.
pub fn emit(value: &Value) -> String {
    let mut out = String::new();
    emit_into(&mut out, value, 0);
    out
}

/// Appends `value` as a block node whose lines are indented by `indent` spaces.
pub fn emit_into(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => write_map(out, map, indent, false),
        Value::Array(items) if !items.is_empty() => write_seq(out, items, indent, false),
        _ => {
            push_indent(out, indent);
            write_inline_scalar(out, value, indent + 2);
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push(' ');
    }
}

/// Keys longer than this are written as explicit `? key` entries (YAML limits simple keys to
/// 1024 characters).
const MAX_SIMPLE_KEY: usize = 1000;

fn write_map(out: &mut String, map: &Map<String, Value>, indent: usize, first_inline: bool) {
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 || !first_inline {
            push_indent(out, indent);
        }
        if key.chars().count() > MAX_SIMPLE_KEY || key.contains('\n') && key.len() > 200 {
            out.push_str("? ");
            write_quoted(out, key);
            out.push('\n');
            push_indent(out, indent);
            out.push(':');
        } else {
            write_string_inline(out, key);
            out.push(':');
        }
        write_after_key(out, value, indent);
    }
}

fn write_seq(out: &mut String, items: &[Value], indent: usize, first_inline: bool) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !first_inline {
            push_indent(out, indent);
        }
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => write_map(out, map, indent + 2, true),
            Value::Array(inner) if !inner.is_empty() => write_seq(out, inner, indent + 2, true),
            _ => write_inline_scalar(out, item, indent + 2),
        }
    }
}

fn write_after_key(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, indent + 2, false);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_seq(out, items, indent, false);
        }
        _ => {
            out.push(' ');
            write_inline_scalar(out, value, indent + 2);
        }
    }
}

/// Writes a scalar (or empty collection) at the cursor, then the newline. Block scalars put
/// their content at `content_indent`.
fn write_inline_scalar(out: &mut String, value: &Value, content_indent: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => {
            if s.contains('\n') && literal_ok(s) {
                write_literal(out, s, content_indent);
                return;
            }
            write_string_inline(out, s);
        }
        Value::Array(_) => out.push_str("[]"),
        Value::Object(_) => out.push_str("{}"),
    }
    out.push('\n');
}

/// Numbers: integers as is; floats always with a `.` and a signed exponent so that YAML 1.1
/// readers (which need both) read a float too.
fn write_number(out: &mut String, n: &serde_json::Number) {
    let text = n.to_string();
    if n.is_f64() {
        if let Some((mantissa, exp)) = text.split_once(['e', 'E']) {
            out.push_str(mantissa);
            if !mantissa.contains('.') {
                out.push_str(".0");
            }
            out.push('e');
            if !exp.starts_with(['-', '+']) {
                out.push('+');
            }
            out.push_str(exp);
            return;
        }
        out.push_str(&text);
        if !text.contains('.') {
            out.push_str(".0");
        }
        return;
    }
    out.push_str(&text);
}

fn write_string_inline(out: &mut String, s: &str) {
    if plain_ok(s) {
        out.push_str(s);
    } else {
        write_quoted(out, s);
    }
}

/// True when `s` may be written as a plain scalar and still be read back as this very string by
/// YAML 1.1 and 1.2 readers, in keys and values of block collections.
pub fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if resolve_plain(s, Schema::Yaml11) != Scalar::Str
        || resolve_plain(s, Schema::Core12) != Scalar::Str
    {
        return false;
    }
    // Indicators, and anything a reader might start a number, date or sexagesimal with.
    if first.is_whitespace()
        || matches!(
            first,
            '-' | '?'
                | ':'
                | ','
                | '['
                | ']'
                | '{'
                | '}'
                | '#'
                | '&'
                | '*'
                | '!'
                | '|'
                | '>'
                | '\''
                | '"'
                | '%'
                | '@'
                | '`'
                | '.'
                | '+'
                | '='
                | '<'
                | '~'
                | '0'..='9'
        )
    {
        return false;
    }
    // Words some YAML 1.1 reader takes for booleans or null, in any case.
    const WORDS: [&str; 11] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    ];
    if s.len() <= 5 && WORDS.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        return false;
    }
    // `: `, ` #` and `:<tab>` anywhere, in one pass over the bytes (three `contains` calls
    // were a tenth of a big render's CPU time).
    let breaks_plain = |w: &[u8]| matches!(w, [b':', b' ' | b'\t'] | [b' ', b'#']);
    if s.ends_with([' ', ':', '\t']) || s.as_bytes().windows(2).any(breaks_plain) {
        return false;
    }
    s.chars().all(|c| {
        !c.is_control()
            && !matches!(
                c,
                '\t' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
    })
}

/// True when `s` can be written as a literal block (`|`) and be read back exactly.
fn literal_ok(s: &str) -> bool {
    if s.starts_with([' ', '\t', '\n']) {
        return false;
    }
    s.chars().all(|c| {
        c == '\n'
            || (!c.is_control()
                && !matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ))
    })
}

fn write_literal(out: &mut String, s: &str, indent: usize) {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    out.push('|');
    match trailing {
        0 => out.push('-'),
        1 => {}
        _ => out.push('+'),
    }
    out.push('\n');
    for line in body.split('\n') {
        if !line.is_empty() {
            push_indent(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
    // `|+` keeps the extra line breaks: one empty line per extra `\n`.
    for _ in 1..trailing {
        out.push('\n');
    }
}

/// Writes `s` double-quoted with YAML escapes (the form kubectl and kustomize use).
pub fn write_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
