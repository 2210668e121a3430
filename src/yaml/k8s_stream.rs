//! Kubernetes' `NewYAMLOrJSONDecoder` over a whole text, as Capsule uses it on generator output.
//!
//! * First non-space character `{`: a stream of JSON values (newline-delimited JSON works); if
//!   something that is not JSON follows, the rest is read as YAML documents.
//! * Otherwise `k8s.io/apimachinery`'s `YAMLReader`: documents split on lines that start with
//!   `---` (only spaces or a `#` comment may follow on that line; anything else is
//!   `invalid Yaml document separator`), empty chunks skipped, each chunk decoded by
//!   `sigs.k8s.io/yaml` (go-yaml v2 scalars, first document of the chunk, `Null` when it is
//!   empty or comments only).

use serde_json::Value;

use super::block_fast;
use super::libyaml_rules::check_libyaml_rules;
use super::node::parse_first_document;
use super::resolve::{Schema, document_value};
use super::{Limits, YamlError};

/// Splits and decodes `text` (see the module docs), within the default [`Limits`].
pub fn decode(text: &str) -> Result<Vec<Value>, YamlError> {
    decode_with_limits(text, &Limits::DEFAULT)
}

/// [`decode`] with explicit limits.
pub fn decode_with_limits(text: &str, limits: &Limits) -> Result<Vec<Value>, YamlError> {
    if text.len() > limits.max_input_bytes {
        return Err(YamlError {
            message: format!(
                "input is {} bytes, more than the limit of {} bytes",
                text.len(),
                limits.max_input_bytes
            ),
            line: 1,
            col: 1,
        });
    }
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        let skipped = text.len() - trimmed.len();
        return decode_json_then_yaml(text, skipped, limits);
    }
    decode_yaml(text, 0, limits)
}

fn line_col_at(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn decode_json_then_yaml(
    text: &str,
    start: usize,
    limits: &Limits,
) -> Result<Vec<Value>, YamlError> {
    let mut out = Vec::new();
    let mut offset = start;
    loop {
        let rest = text.get(offset..).unwrap_or("");
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        if trimmed.is_empty() {
            return Ok(out);
        }
        if !trimmed.starts_with(['{', '[', '"'])
            && !trimmed.starts_with(|c: char| c.is_ascii_digit())
        {
            // Not JSON: the rest is a YAML stream (mixed JSON and YAML documents).
            let (line, _) = line_col_at(text, offset);
            let mut more = decode_yaml(trimmed, line - 1, limits)?;
            out.append(&mut more);
            return Ok(out);
        }
        let mut stream = serde_json::Deserializer::from_str(trimmed).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => {
                out.push(json_numbers_as_go(value));
                offset += stream.byte_offset();
            }
            Some(Err(e)) => {
                let (base_line, base_col) = line_col_at(text, offset);
                let line = base_line + e.line().saturating_sub(1);
                let col = if e.line() <= 1 {
                    base_col + e.column().saturating_sub(1)
                } else {
                    e.column()
                };
                return Err(YamlError {
                    message: e.to_string(),
                    line,
                    col: col.max(1),
                });
            }
            None => return Ok(out),
        }
        if out.len() > limits.max_alias_expansion {
            return Ok(out);
        }
    }
}

/// Kubernetes decodes JSON numbers as int64 when they are integers that fit, float64 otherwise.
fn json_numbers_as_go(value: Value) -> Value {
    match value {
        Value::Number(n) if n.is_u64() && n.as_i64().is_none() => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Value::Array(items) => Value::Array(items.into_iter().map(json_numbers_as_go).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, json_numbers_as_go(v)))
                .collect(),
        ),
        other => other,
    }
}

/// `YAMLReader` splitting plus one sigs.k8s.io/yaml decode per chunk. `line_base` is the number
/// of lines of the full text before `text`.
fn decode_yaml(text: &str, line_base: usize, limits: &Limits) -> Result<Vec<Value>, YamlError> {
    let mut out = Vec::new();
    let mut chunk_start = 0usize;
    let mut chunk_line = 0usize;
    let mut offset = 0usize;
    for (line_no, line) in text.split_inclusive('\n').enumerate() {
        if let Some(after) = line.strip_prefix("---") {
            let rest = after.trim();
            if !rest.is_empty() && !rest.starts_with('#') {
                return Err(YamlError {
                    message: format!("invalid Yaml document separator: {rest}"),
                    line: line_base + line_no + 1,
                    col: 1,
                });
            }
            if offset > chunk_start {
                decode_chunk(
                    text,
                    chunk_start,
                    offset,
                    line_base + chunk_line,
                    limits,
                    &mut out,
                )?;
            }
            chunk_start = offset + line.len();
            chunk_line = line_no + 1;
        }
        offset += line.len();
    }
    if offset > chunk_start {
        decode_chunk(
            text,
            chunk_start,
            offset,
            line_base + chunk_line,
            limits,
            &mut out,
        )?;
    }
    Ok(out)
}

fn decode_chunk(
    text: &str,
    start: usize,
    end: usize,
    line_base: usize,
    limits: &Limits,
    out: &mut Vec<Value>,
) -> Result<(), YamlError> {
    let chunk = text.get(start..end).unwrap_or("");
    // Plain block YAML (the usual generator output) needs no node tree.
    if let Some(value) = block_fast::decode(chunk, limits.max_depth) {
        out.push(value);
        return Ok(());
    }
    let value = decode_chunk_full(chunk, limits).map_err(|mut e| {
        e.line += line_base;
        e
    })?;
    out.push(value);
    Ok(())
}

/// One chunk through the full parser, as go-yaml's `Unmarshal` reads it, with YAML 1.1 rules
/// (sigs.k8s.io/yaml). Lines count from the chunk's start.
pub(crate) fn decode_chunk_full(chunk: &str, limits: &Limits) -> Result<Value, YamlError> {
    decode_first_document(chunk, Schema::Yaml11, limits)
}

/// The first document of `text` as go-yaml's `Unmarshal` reads it: up to the end of its root
/// node (go-yaml never reads past it), with libyaml's tab rules, scalars resolved with `schema`
/// (YAML 1.1 for go-yaml v2, the core schema for v3). Null when there is no document.
pub fn decode_first_document(
    text: &str,
    schema: Schema,
    limits: &Limits,
) -> Result<Value, YamlError> {
    let doc = parse_first_document(text, limits)?;
    let end = doc
        .as_ref()
        .and_then(|d| d.root.and_then(|r| d.nodes.get(r)))
        .map_or(text.len(), |root| root.end.min(text.len()));
    check_libyaml_rules(text.get(..end).unwrap_or(text), doc.as_ref())?;
    Ok(match &doc {
        None => Value::Null,
        Some(doc) => document_value(doc, schema, limits)?,
    })
}
