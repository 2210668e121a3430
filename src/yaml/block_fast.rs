//! A fast path for the common shape of generator output: plain block YAML (indented mappings and
//! sequences of single-line scalars), decoded straight into a value under go-yaml v2 rules
//! ([`Schema::Yaml11`](super::Schema::Yaml11)) without building a node tree.
//!
//! It only accepts text whose meaning is unambiguous: anything else (flow collections other than
//! `{}`/`[]`, anchors, aliases, tags, block or multi-line scalars, escapes, trailing comments,
//! tabs, keys that are not plain strings, directives, document markers, odd indentation, numbers
//! that go-yaml would reject) makes it answer `None`, and the caller falls back to the full
//! parser, which also produces the error messages. So the result is always the value the full
//! path computes (checked by a differential test over the fixtures).

use serde_json::{Map, Number, Value};

use super::resolve::{Scalar, Schema, go_json_number, resolve_plain};

/// Gives up: the text needs the full parser.
struct Bail;

/// One non-blank, non-comment line: its indentation and its content (trailing spaces removed).
#[derive(Clone, Copy)]
struct Line<'t> {
    indent: usize,
    content: &'t str,
}

/// Decodes one chunk (a document of a `---`-split stream) when it is plain block YAML; `None`
/// when the full parser is needed. An empty or comment-only chunk is `Null`.
pub fn decode(chunk: &str, max_depth: usize) -> Option<Value> {
    let mut lines = Vec::new();
    for raw in chunk.split('\n') {
        if raw.bytes().any(|b| (b < 0x20) || b == 0x7f) {
            // Tabs, carriage returns, other control characters.
            return None;
        }
        if raw.chars().any(|c| {
            matches!(
                c,
                '\u{80}'
                    ..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
        }) {
            return None;
        }
        let content = raw.trim_start_matches(' ');
        let indent = raw.len() - content.len();
        let content = content.trim_end_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if indent == 0
            && (content.starts_with("...")
                || content.starts_with('%')
                || content.starts_with("---"))
        {
            return None;
        }
        lines.push(Line { indent, content });
    }
    if lines.is_empty() {
        return Some(Value::Null);
    }
    let mut p = Parser {
        lines: &lines,
        pos: 0,
        max_depth,
        entries: Vec::new(),
    };
    let first = *lines.first()?;
    let value = p.node(first, 0).ok()?;
    // Everything must have been consumed.
    (p.pos == lines.len()).then_some(value)
}

struct Parser<'l, 't> {
    lines: &'l [Line<'t>],
    /// Index of the next line to read.
    pos: usize,
    max_depth: usize,
    /// Entries of the mappings being read, innermost last: a mapping is built once its
    /// entries are known, with exactly that capacity (a `Map` grown entry by entry keeps
    /// room for up to twice as many, which is most of a small object's memory).
    entries: Vec<(String, Value)>,
}

fn is_seq_entry(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// Characters that may not start a plain scalar (we are stricter than YAML for `-`, `?`, `:`).
fn indicator(c: u8) -> bool {
    matches!(
        c,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// The inside of a quoted scalar that needs no escape processing, and what follows it.
fn quoted(text: &str) -> Result<(&str, &str), Bail> {
    let q = text.as_bytes().first().copied().ok_or(Bail)?;
    let rest = text.get(1..).ok_or(Bail)?;
    let close = rest.find(q as char).ok_or(Bail)?;
    let inner = &rest[..close];
    let after = &rest[close + 1..];
    if q == b'"' && inner.contains('\\') {
        return Err(Bail);
    }
    if q == b'\'' && after.starts_with('\'') {
        return Err(Bail);
    }
    Ok((inner, after))
}

/// A line's content as `key: value` (the value may be empty), or `None` when it is a scalar.
fn split_entry(content: &str) -> Result<Option<(String, &str)>, Bail> {
    let first = content.as_bytes().first().copied().ok_or(Bail)?;
    if first == b'"' || first == b'\'' {
        let (inner, after) = quoted(content)?;
        return if after.is_empty() {
            Ok(None)
        } else if after == ":" {
            Ok(Some((inner.to_string(), "")))
        } else if let Some(v) = after.strip_prefix(": ") {
            Ok(Some((inner.to_string(), v.trim_start_matches(' '))))
        } else {
            Err(Bail)
        };
    }
    let (key, value) = if let Some(p) = content.find(": ") {
        (&content[..p], content[p + 2..].trim_start_matches(' '))
    } else if let Some(key) = content.strip_suffix(':') {
        (key, "")
    } else {
        return Ok(None);
    };
    if key.is_empty()
        || key.len() > 1000
        || indicator(key.as_bytes()[0])
        || key.ends_with(' ')
        || key.contains('#')
        || resolve_plain(key, Schema::Yaml11) != Scalar::Str
    {
        return Err(Bail);
    }
    Ok(Some((key.to_string(), value)))
}

/// The value of a single-line scalar (or `{}` / `[]`).
fn scalar(text: &str) -> Result<Value, Bail> {
    match text {
        "{}" => return Ok(Value::Object(Map::new())),
        "[]" => return Ok(Value::Array(Vec::new())),
        _ => {}
    }
    let first = text.as_bytes().first().copied().ok_or(Bail)?;
    if first == b'"' || first == b'\'' {
        let (inner, after) = quoted(text)?;
        if !after.is_empty() {
            return Err(Bail);
        }
        return Ok(Value::String(inner.to_string()));
    }
    let dash_number = first == b'-' && text.as_bytes().get(1).is_some_and(|b| *b != b' ');
    if (indicator(first) && !dash_number)
        || text.contains(" #")
        || text.contains(": ")
        || text.ends_with(':')
    {
        return Err(Bail);
    }
    Ok(match resolve_plain(text, Schema::Yaml11) {
        Scalar::Null => Value::Null,
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(i) => Value::Number(Number::from(i)),
        Scalar::Uint(u) => {
            Number::from_f64(u as f64).map_or(Err(Bail), |n| Ok(Value::Number(n)))?
        }
        Scalar::Float(f) => go_json_number(f).ok_or(Bail)?,
        Scalar::Str => Value::String(text.to_string()),
        Scalar::Merge => return Err(Bail),
    })
}

impl<'t> Parser<'_, 't> {
    fn peek(&self) -> Option<Line<'t>> {
        self.lines.get(self.pos).copied()
    }

    /// A block node whose first line is `first` (a real line at `self.pos`, or the part of a
    /// sequence entry's line after its dash).
    fn node(&mut self, first: Line<'t>, depth: usize) -> Result<Value, Bail> {
        if depth > self.max_depth {
            return Err(Bail);
        }
        if is_seq_entry(first.content) {
            self.sequence(first, depth)
        } else if split_entry(first.content)?.is_some() {
            self.mapping(first, depth)
        } else {
            Err(Bail)
        }
    }

    /// The value after `key:` with nothing on the line: a nested block, a compact sequence at
    /// the key's own indentation (in a mapping), or null.
    fn nested(&mut self, indent: usize, depth: usize) -> Result<Value, Bail> {
        match self.peek() {
            Some(next) if next.indent > indent => self.node(next, depth + 1),
            Some(next) if next.indent == indent && is_seq_entry(next.content) => {
                self.sequence(next, depth + 1)
            }
            _ => Ok(Value::Null),
        }
    }

    fn mapping(&mut self, first: Line<'t>, depth: usize) -> Result<Value, Bail> {
        let indent = first.indent;
        let base = self.entries.len();
        let mut line = first;
        loop {
            // `line` is the current entry; it has been consumed (pos is past it).
            self.pos += 1;
            let (key, value) = split_entry(line.content)?.ok_or(Bail)?;
            let value = if value.is_empty() {
                let v = self.nested(indent, depth)?;
                if v.is_null() && matches!(self.peek(), Some(n) if n.indent > indent) {
                    return Err(Bail);
                }
                v
            } else {
                scalar(value)?
            };
            self.entries.push((key, value));
            match self.peek() {
                Some(next) if next.indent == indent && !is_seq_entry(next.content) => line = next,
                Some(next) if next.indent >= indent => return Err(Bail),
                _ => {
                    // Nested mappings drain only what they pushed, so `base` is within the
                    // list; `min` keeps `drain` from ever panicking.
                    let base = base.min(self.entries.len());
                    let mut map = Map::with_capacity(self.entries.len() - base);
                    // A repeated key keeps its first place and takes the last value, as
                    // inserting one entry at a time does.
                    for (k, v) in self.entries.drain(base..) {
                        map.insert(k, v);
                    }
                    return Ok(Value::Object(map));
                }
            }
        }
    }

    /// A sequence whose first entry is `first`. Entries of a sequence in a sequence entry
    /// (`- - a`) are left to the full parser.
    fn sequence(&mut self, first: Line<'t>, depth: usize) -> Result<Value, Bail> {
        let indent = first.indent;
        let mut items = Vec::new();
        let mut line = first;
        loop {
            self.pos += 1;
            let rest = line.content.get(1..).ok_or(Bail)?;
            let body = rest.trim_start_matches(' ');
            let item = if body.is_empty() {
                match self.peek() {
                    Some(next) if next.indent > indent => self.node(next, depth + 1)?,
                    _ => Value::Null,
                }
            } else if is_seq_entry(body) {
                return Err(Bail);
            } else if split_entry(body)?.is_some() {
                let inner = Line {
                    indent: indent + 1 + (rest.len() - body.len()),
                    content: body,
                };
                // The mapping's first line is this one: step back so that `mapping` consumes it.
                self.pos -= 1;
                self.mapping(inner, depth + 1)?
            } else {
                let v = scalar(body)?;
                if matches!(self.peek(), Some(n) if n.indent > indent) {
                    return Err(Bail);
                }
                v
            };
            items.push(item);
            match self.peek() {
                Some(next) if next.indent == indent && is_seq_entry(next.content) => line = next,
                Some(next) if next.indent > indent => return Err(Bail),
                _ => {
                    // Grown by doubling; the document is kept until the output is written.
                    items.shrink_to_fit();
                    return Ok(Value::Array(items));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decode;
    use crate::yaml::Limits;
    use crate::yaml::k8s_stream::decode_chunk_full;
    use serde_json::{Value, json};

    /// The full path, as `k8s_stream::decode_chunk` runs it when this one declines.
    fn full(yaml: &str) -> Result<Value, String> {
        decode_chunk_full(yaml, &Limits::DEFAULT).map_err(|e| e.to_string())
    }

    /// Go's JSON numbers as Kubernetes decodes them (as tests/yaml_golden.rs does).
    fn go_numbers(value: Value) -> Value {
        match value {
            Value::Number(n) if n.as_f64() == Some(0.0) => Value::Number(0.into()),
            Value::Number(n) if n.is_u64() && n.as_i64().is_none() => n
                .as_f64()
                .and_then(serde_json::Number::from_f64)
                .map_or(Value::Null, Value::Number),
            Value::Array(items) => Value::Array(items.into_iter().map(go_numbers).collect()),
            Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, go_numbers(v))).collect())
            }
            other => other,
        }
    }

    /// Every case the Go oracle measured (tests/fixtures/krm/yaml_*cases.jsonl, go-yaml v2 +
    /// sigs.k8s.io/yaml): whenever the fast path answers, Go and the full path give that value.
    #[test]
    fn agrees_with_go_and_the_full_parser_on_the_oracle_cases() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/krm/");
        let mut answered = 0;
        let mut total = 0;
        for (inputs, golden) in [
            ("yaml_cases.jsonl", "yaml_golden.jsonl"),
            ("yaml_fuzz_cases.jsonl", "yaml_fuzz_golden.jsonl"),
        ] {
            let inputs = std::fs::read_to_string(format!("{dir}{inputs}")).unwrap();
            let golden = std::fs::read_to_string(format!("{dir}{golden}")).unwrap();
            for (i, g) in inputs.lines().zip(golden.lines()) {
                let i: Value = serde_json::from_str(i).unwrap();
                let g: Value = serde_json::from_str(g).unwrap();
                assert_eq!(i["id"], g["id"]);
                total += 1;
                let yaml = i["yaml"].as_str().unwrap();
                let Some(fast) = decode(yaml, Limits::DEFAULT.max_depth) else {
                    continue;
                };
                answered += 1;
                assert!(
                    g.get("v2_error").is_none(),
                    "{}: Go fails, fast path gave {fast}",
                    i["id"]
                );
                assert_eq!(
                    go_numbers(g["v2"].clone()),
                    go_numbers(fast.clone()),
                    "{}",
                    i["id"]
                );
                assert_eq!(full(yaml), Ok(fast), "{}", i["id"]);
            }
        }
        assert!(total > 2800 && answered > 100, "{answered} of {total}");
    }

    #[test]
    fn agrees_with_the_full_parser_on_generator_shapes() {
        let cases = [
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    x: \"1\"\n    z: 'on'\ndata:\n  a: yes\n  b: 0755\n  c: 1e3\n  d: ~\n  e: \"\"\n",
            "a:\n- 1\n- -2\n- x: 1\n  w:\n    - z\n-\n- {}\n- []\nb: c\n",
            "items:\n  - name: a\n    ports:\n      - port: 80\n        protocol: TCP\n  -   name: b\n      m: 1.5\n",
            "# comment\n\na: b\n\n  # indented comment\nc: d # trailing\n",
            "a: b\n  c\n",
            "a: b: c\n",
            "- - a\n",
            "a: &x 1\nb: *x\n",
            "a: |\n  text\n",
            "a: [1, 2]\n",
            "a: 'it''s'\n",
            "a: \"x\\ty\"\n",
            "  a: 1\n b: 2\n",
            "a:\n  b: 1\n c: 2\n",
            "a:\n- 1\n  - 2\n",
            "key: value\n\tother: x\n",
            "on: 1\n",
            "\"on\": 1\n",
            "x: 9223372036854775808\n",
            "x: .inf\n",
            "x: 2024-01-01\n",
            "x: -\n",
            "x: http://host:80/path\n",
            "x: a #b\n",
            "x: a#b\n",
            "a: 1\na: 2\n",
            "...\n",
            "",
            "# only\n",
            "x\n",
        ];
        for yaml in cases {
            if let Some(fast) = decode(yaml, Limits::DEFAULT.max_depth) {
                assert_eq!(full(yaml), Ok(fast), "{yaml:?}");
            }
        }
        assert_eq!(
            decode(cases[1], 200),
            Some(json!({"a": [1, -2, {"x": 1, "w": ["z"]}, null, {}, []], "b": "c"}))
        );
        assert!(decode(cases[0], 200).is_some());
        assert!(decode(cases[2], 200).is_some());
        assert!(decode("a: b\n  c\n", 200).is_none());
        assert!(decode("a: 1\n", 0).is_some());
        assert!(decode("a:\n  b: 1\n", 0).is_none());
    }
}
