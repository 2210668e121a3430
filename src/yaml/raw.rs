//! The source text of an item, cut out of the input so that an unchanged item can be written
//! back byte for byte: comments, quoting, key order, anchors, block scalars and all.
//!
//! kpt writes a function's output back to the user's files (krm-hosts.md §2.2): re-emitting from
//! values would turn `'true'` into `"true"` and flow collections into blocks. A cut is only taken
//! when it is provably self-contained; otherwise the item is emitted from its value.

use super::node::{Document, NodeId, NodeKind, Style};

/// Where an item's text is in the input, and how to lift it out: a block mapping whose first key
/// is at byte `start`, whose lines are indented by `col` columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawSpan {
    start: usize,
    end: usize,
    col: usize,
}

impl RawSpan {
    /// Finds the item's text, or `None` when it can't stand alone: flow style, a tag or alias that
    /// depends on something outside the item, `%TAG` directives, or lines that don't share the
    /// item's indentation.
    pub fn find(text: &str, doc: &Document<'_>, id: NodeId) -> Option<RawSpan> {
        let node = doc.nodes.get(id)?;
        if doc.has_directives || node.tag.is_some() {
            return None;
        }
        match &node.kind {
            NodeKind::Mapping {
                flow: false,
                entries,
            } if !entries.is_empty() => {}
            _ => return None,
        }
        // Aliases must point inside the item's own subtree; tags must not need directives.
        let range = id..=node.last;
        for inner in doc.nodes.get(id..=node.last)? {
            if let NodeKind::Alias(target) = inner.kind
                && !range.contains(&target)
            {
                return None;
            }
            if inner.tag.as_ref().is_some_and(|t| !t.standard_handle) {
                return None;
            }
        }
        let start = node.start.offset;
        let slice = text.get(start..node.end.max(start))?;
        // Drop the indentation that precedes the next token (after the last line break).
        let mut len = match slice.rfind('\n') {
            Some(i) if slice[i + 1..].trim().is_empty() => i + 1,
            Some(_) => return None,
            None if slice.trim().is_empty() => return None,
            None => slice.len(),
        };
        // Trailing blank lines belong to the gap between items, unless the item ends with a
        // block scalar (whose `|+` keeps them as content).
        let ends_with_block_scalar = doc
            .nodes
            .get(node.last)
            .is_some_and(|n| matches!(n.kind, NodeKind::Scalar(_, Style::Literal | Style::Folded)));
        if !ends_with_block_scalar {
            while len >= 2 && slice.as_bytes().get(len - 2) == Some(&b'\n') {
                len -= 1;
            }
        }
        let col = (node.start.col as usize).saturating_sub(1);
        for line in slice[..len].split_inclusive('\n').skip(1) {
            let content = line.trim_start_matches(' ');
            let spaces = line.len() - content.len();
            if spaces < col && !content.trim().is_empty() && !content.starts_with('#') {
                return None;
            }
        }
        Some(RawSpan {
            start,
            end: start + len,
            col,
        })
    }

    /// The same text, extended backwards over the comment lines just above it (for a document
    /// of a stream, whose root starts at column 1: its leading comments belong to it).
    pub fn with_leading_comments(self, text: &str) -> RawSpan {
        if self.col != 0 {
            return self;
        }
        let mut start = self.start;
        let before = text.get(..start).unwrap_or("");
        if !before.is_empty() && !before.ends_with('\n') {
            return self;
        }
        for line in before.split_inclusive('\n').rev() {
            let trimmed = line.trim();
            if trimmed.starts_with('#') || trimmed.is_empty() {
                start -= line.len();
            } else {
                break;
            }
        }
        // Never start with blank lines.
        while let Some(rest) = text.get(start..self.start) {
            match rest.find('\n') {
                Some(i) if rest[..i].trim().is_empty() => start += i + 1,
                _ => break,
            }
        }
        RawSpan { start, ..self }
    }

    /// The same text, extended backwards to a comment on the sequence entry's dash line
    /// (`- # comment` followed by the item on the next lines, as kpt sends a file's leading
    /// comment), including comment lines between the two.
    pub fn with_dash_comment(self, text: &str) -> RawSpan {
        let Some(dash_col) = self.col.checked_sub(2) else {
            return self;
        };
        let before = text.get(..self.start).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        if !before[line_start..].bytes().all(|b| b == b' ') {
            return self;
        }
        let mut end = line_start;
        for line in before[..line_start].split_inclusive('\n').rev() {
            let line_at = end - line.len();
            end = line_at;
            let content = line.trim_start_matches(' ');
            let spaces = line.len() - content.len();
            if content.starts_with('#') && spaces >= dash_col {
                continue;
            }
            if spaces == dash_col
                && let Some(comment) = content.strip_prefix("- ")
            {
                let comment = comment.trim_start_matches(' ');
                if comment.starts_with('#') {
                    let start = line_at + (line.len() - comment.len());
                    return RawSpan { start, ..self };
                }
            }
            break;
        }
        self
    }

    /// Appends the item's text: the first line after `first_prefix`, the others dedented and
    /// indented by `indent` (blank lines stay empty), ending with a newline.
    pub fn write(&self, text: &str, out: &mut String, first_prefix: &str, indent: &str) {
        let slice = text.get(self.start..self.end).unwrap_or("");
        for (i, line) in slice.split_inclusive('\n').enumerate() {
            if i == 0 {
                out.push_str(first_prefix);
                out.push_str(line);
                continue;
            }
            let content = line.trim_start_matches(' ');
            if content.trim().is_empty() {
                out.push('\n');
                continue;
            }
            out.push_str(indent);
            let spaces = line.len() - content.len();
            if spaces >= self.col {
                out.push_str(&line[self.col..]);
            } else {
                out.push_str(content);
            }
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
}
