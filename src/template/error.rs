//! Template errors: Go's exact message (`template: tpl:3:12: executing "tpl" at <.a.b>: …`) plus
//! the position, so callers can also show the source line.

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
    /// Where in the source, when known.
    pub pos: Option<Pos>,
    /// The message exactly as Go's `err.Error()` would print it.
    pub go_message: String,
    /// What to do about it, when we know better than Go.
    pub hint: Option<String>,
}

impl TemplateError {
    /// A parse error in Go's shape: `template: NAME:LINE:COL: MESSAGE`... callers pass the bare
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
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.go_message)
    }
}

impl std::error::Error for TemplateError {}
