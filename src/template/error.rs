//! Template errors: Go's exact message (`template: tpl:3:12: executing "tpl" at <.a.b>: …`) plus
//! the position, so callers can also show the source line.
//!
//! Positions: `line` is 1-based; `col` is the column Go prints in execution errors, which is the
//! 0-based byte offset of the node inside its line (Go's `ErrorContext`). Parse errors print only
//! the line in Go; we still fill `col` with the column of the offending item, same convention.

use std::fmt;

use super::function::Pos;

/// When the error happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateErrorKind {
    /// While parsing (Go's `Parse` failed).
    Parse,
    /// While executing (Go's `Execute` failed).
    Exec,
    /// A limit of ours (depth, output size) or a call that would crash Go.
    Limit,
}

/// A parse or execution error.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateError {
    pub kind: TemplateErrorKind,
    /// The template the error is in (`tpl`, or a `define`d name).
    pub template: String,
    /// Where in the source, when known (see the module doc for the column convention).
    pub pos: Option<Pos>,
    /// The message exactly as Go's `err.Error()` would print it.
    pub go_message: String,
    /// What to do about it, when we know better than Go.
    pub hint: Option<String>,
}

/// Go's `Tree.ErrorContext` location: the 1-based line of byte `offset` in `src`, and the
/// 0-based byte column Go prints.
pub fn go_location(src: &str, offset: usize) -> (u32, u32) {
    let before = src.as_bytes().get(..offset).unwrap_or(src.as_bytes());
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u32;
    let col = match before.iter().rposition(|&b| b == b'\n') {
        Some(nl) => before.len() - (nl + 1),
        None => before.len(),
    };
    (line, col as u32)
}

impl TemplateError {
    /// A parse error in Go's shape: `template: NAME:LINE: MESSAGE`... callers pass the bare
    /// message; the prefix is added here.
    pub fn parse(template: &str, pos: Pos, message: &str) -> TemplateError {
        TemplateError {
            kind: TemplateErrorKind::Parse,
            template: template.to_string(),
            pos: Some(pos),
            go_message: format!("template: {template}:{}: {message}", pos.line),
            hint: None,
        }
    }

    /// An execution error in Go's shape: `template: PARSENAME:LINE:COL: executing "NAME" at
    /// <CONTEXT>: MESSAGE` (Go's `state.errorf`, with `%` doubled in the name and context as Go
    /// does before formatting, which leaves them unchanged in the result).
    pub fn exec(
        parse_name: &str,
        template: &str,
        pos: Pos,
        context: &str,
        message: &str,
    ) -> TemplateError {
        TemplateError {
            kind: TemplateErrorKind::Exec,
            template: template.to_string(),
            pos: Some(pos),
            go_message: format!(
                "template: {parse_name}:{}:{}: executing {} at <{context}>: {message}",
                pos.line,
                pos.col,
                super::token::go_quote(template)
            ),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> TemplateError {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.go_message)
    }
}

impl std::error::Error for TemplateError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_like_go() {
        assert_eq!(go_location("{{.a.b}}", 4), (1, 4));
        assert_eq!(go_location("x\n{{.a}}", 4), (2, 2));
        assert_eq!(go_location("x\n", 2), (2, 0));
    }
}
