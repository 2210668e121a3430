//! Rules of libyaml (inherited by go-yaml v2 and v3) that the YAML 1.2 parser we use does not
//! enforce: in block context a tab may not stand where a token could start, and a document end
//! marker `...` with no document before it is an error ("did not find expected node content").
//!
//! Measured with go-yaml (tests/fixtures/krm/yaml_golden.jsonl): a tab in a line's indentation,
//! on a blank or comment line, or right after a block `-`, `?` or a complex key's `:` is an error
//! ("found character that cannot start any token", "found a tab character that violates
//! indentation"), while `a:\t1`, tabs after content, tabs inside quoted scalars and flow
//! collections, and tabs past a block scalar's or plain scalar's indentation are fine. Capsule
//! fails a generator whose output breaks these rules, so the YAML 1.1 path checks them.

use super::YamlError;
use super::node::{Document, NodeKind, Style};

/// A part of the text where tabs follow the rules of what is inside it.
struct Region {
    start: usize,
    end: usize,
    /// Tabs in a line's leading whitespace are allowed at this column (0-based) or beyond.
    min_col: usize,
}

fn line_indent(text: &str, offset: usize) -> usize {
    let start = text
        .get(..offset)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    text.get(start..)
        .map_or(0, |l| l.len() - l.trim_start_matches(' ').len())
}

fn regions(text: &str, doc: &Document<'_>) -> Vec<Region> {
    let mut out = Vec::new();
    for (id, node) in doc.nodes.iter().enumerate() {
        let (start, end) = (node.start.offset, node.end);
        if end <= start {
            continue;
        }
        let multiline = text.get(start..end).is_some_and(|s| s.contains('\n'));
        if !multiline {
            continue;
        }
        let min_col = match &node.kind {
            NodeKind::Scalar(_, Style::SingleQuoted | Style::DoubleQuoted) => 0,
            NodeKind::Sequence { flow: true, .. } | NodeKind::Mapping { flow: true, .. } => 0,
            NodeKind::Scalar(_, Style::Literal | Style::Folded) => {
                (node.start.col as usize).saturating_sub(1)
            }
            // libyaml: the enclosing block's indentation + 1 (a root scalar has none: 0).
            NodeKind::Scalar(_, Style::Plain) if doc.root == Some(id) => 0,
            NodeKind::Scalar(_, Style::Plain) => line_indent(text, start) + 1,
            _ => continue,
        };
        out.push(Region {
            start,
            end,
            min_col,
        });
    }
    out
}

fn error(text: &str, offset: usize, message: &str) -> YamlError {
    let before = text.get(..offset).unwrap_or("");
    YamlError {
        message: message.into(),
        line: before.matches('\n').count() + 1,
        col: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
    }
}

/// Checks `text`, a single document as parsed into `doc` (`None` when the parser found no
/// document), against libyaml's rules.
pub fn check_libyaml_rules(text: &str, doc: Option<&Document<'_>>) -> Result<(), YamlError> {
    if doc.is_none_or(|d| d.root.is_none()) {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if line.starts_with("...") && line[3..].trim().is_empty() {
                return Err(error(text, offset, "did not find expected node content"));
            }
            offset += line.len();
        }
    }
    if !text.contains('\t') {
        return Ok(());
    }
    let regions = doc.map(|d| regions(text, d)).unwrap_or_default();
    let inside = |offset: usize| regions.iter().find(|r| r.start <= offset && offset < r.end);
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        // Leading whitespace, then block indicators each followed by whitespace.
        let mut i = 0;
        let mut after_indicator = false;
        loop {
            while let Some(&c) = bytes.get(i) {
                if c == b' ' {
                    i += 1;
                } else if c == b'\t' {
                    let at = line_start + i;
                    match inside(at) {
                        Some(r) if !after_indicator && i >= r.min_col => {}
                        _ => {
                            return Err(error(
                                text,
                                at,
                                "found character that cannot start any token (a tab where YAML allows only spaces)",
                            ));
                        }
                    }
                    i += 1;
                } else {
                    break;
                }
            }
            match (bytes.get(i), bytes.get(i + 1)) {
                (Some(b'-' | b'?' | b':'), Some(b' ' | b'\t' | b'\n' | b'\r') | None)
                    if inside(line_start + i).is_none() =>
                {
                    after_indicator = true;
                    i += 1;
                }
                _ => break,
            }
        }
        line_start += line.len();
    }
    Ok(())
}
