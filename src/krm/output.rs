//! Writing the answer: a `ResourceList` with `results`, or a plain stream of documents.
//! Unchanged items are copied from their input text ([`RawSpan`]); everything else is emitted
//! in block style by [`crate::yaml::emit`].

use std::io::{self, Write};

use serde_json::Value;

use super::input::Input;
use super::results::result_value;
use crate::capsule::{GeneratedObject, OutputItem};
use crate::diagnostic::Diagnostic;
use crate::yaml::{emit_into, plain_ok, write_quoted};

/// One object to write: an input item (by index), a new value, or a generated object (unpacked
/// when it is written).
#[derive(Clone, Copy, Debug)]
pub enum Out<'v> {
    /// The input item with this index, written as it came (verbatim when possible).
    Kept(usize),
    /// A value to emit.
    New(&'v Value),
    /// A generated object to emit.
    Generated(&'v GeneratedObject),
}

impl<'v> From<&'v OutputItem> for Out<'v> {
    fn from(item: &'v OutputItem) -> Self {
        match item {
            OutputItem::Kept(i) => Out::Kept(*i),
            OutputItem::Generated(g) => Out::Generated(g),
        }
    }
}

/// The items to write when rendering failed: the input, unchanged.
pub fn unchanged(input: &Input<'_>) -> Vec<Out<'static>> {
    (0..input.items.len()).map(Out::Kept).collect()
}

fn write_item(
    out: &mut String,
    input: &Input<'_>,
    item: Out<'_>,
    first_prefix: &str,
    indent: usize,
) {
    match item {
        Out::Kept(i) => match (input.raw.get(i), input.items.get(i)) {
            (Some(Some(raw)), _) => raw.write(input.text, out, first_prefix, &" ".repeat(indent)),
            (_, Some(value)) => emit_value(out, &value.value(), first_prefix, indent),
            (_, None) => {}
        },
        Out::New(value) => emit_value(out, value, first_prefix, indent),
        Out::Generated(g) => emit_value(out, &g.value(), first_prefix, indent),
    }
}

/// Emits `value` as a block node whose first line follows `first_prefix` (`- ` for a sequence
/// entry) and whose other lines are indented by `indent`.
fn emit_value(out: &mut String, value: &Value, first_prefix: &str, indent: usize) {
    let mut block = String::new();
    emit_into(&mut block, value, indent);
    out.push_str(first_prefix);
    // The first line was indented like the others; the prefix replaces that indentation.
    out.push_str(block.get(indent..).unwrap_or(""));
}

/// Output is built in a buffer of about this size and then written, so that a big answer never
/// sits whole in memory next to the input.
const CHUNK: usize = 64 * 1024;

fn flush_if_full(out: &mut String, w: &mut dyn Write) -> io::Result<()> {
    if out.len() >= CHUNK {
        w.write_all(out.as_bytes())?;
        out.clear();
    }
    Ok(())
}

/// Writes a ResourceList: `apiVersion`, `kind`, `items` (block style), then `results`.
pub fn write_resource_list<'v>(
    w: &mut dyn Write,
    api_version: &str,
    input: &Input<'_>,
    items: impl IntoIterator<Item = Out<'v>>,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    let mut out = String::with_capacity(CHUNK + 4096);
    out.push_str("apiVersion: ");
    if plain_ok(api_version) {
        out.push_str(api_version);
    } else {
        write_quoted(&mut out, api_version);
    }
    out.push_str("\nkind: ResourceList\n");
    let mut any = false;
    for item in items {
        if !any {
            out.push_str("items:\n");
            any = true;
        }
        write_item(&mut out, input, item, "- ", 2);
        flush_if_full(&mut out, w)?;
    }
    if !any {
        out.push_str("items: []\n");
    }
    if !diagnostics.is_empty() {
        out.push_str("results:\n");
        for d in diagnostics {
            emit_value(&mut out, &result_value(d), "- ", 2);
            flush_if_full(&mut out, w)?;
        }
    }
    w.write_all(out.as_bytes())?;
    w.flush()
}

/// Writes a ResourceList with no items and the diagnostics: the answer when the input could not
/// be read at all.
pub fn write_failed_resource_list(w: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let input = Input {
        text: "",
        kind: super::InputKind::Stream,
        items: Vec::new(),
        raw: Vec::new(),
        function_config: None,
    };
    write_resource_list(w, "config.kubernetes.io/v1", &input, [], diagnostics)
}

/// Writes a multi-document stream, `---` between documents.
pub fn write_stream<'v>(
    w: &mut dyn Write,
    input: &Input<'_>,
    items: impl IntoIterator<Item = Out<'v>>,
) -> io::Result<()> {
    let mut out = String::with_capacity(CHUNK + 4096);
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        write_item(&mut out, input, item, "", 0);
        flush_if_full(&mut out, w)?;
    }
    w.write_all(out.as_bytes())?;
    w.flush()
}

/// Writes the objects as JSON, one pretty-printed value after another (a JSON stream, as
/// `kubectl apply -f -` and `jq` read it).
pub fn write_json_stream<'v>(
    w: &mut dyn Write,
    input: &Input<'_>,
    items: impl IntoIterator<Item = Out<'v>>,
) -> io::Result<()> {
    let mut out = String::new();
    for item in items {
        let value = match item {
            Out::Kept(i) => input
                .items
                .get(i)
                .map(|p| std::borrow::Cow::Owned(p.value())),
            Out::New(v) => Some(std::borrow::Cow::Borrowed(v)),
            Out::Generated(g) => Some(std::borrow::Cow::Owned(g.value())),
        };
        if let Some(v) = value {
            out.push_str(&serde_json::to_string_pretty(&*v).unwrap_or_default());
            out.push('\n');
            flush_if_full(&mut out, w)?;
        }
    }
    w.write_all(out.as_bytes())?;
    w.flush()
}
