//! A reimplementation of Go's `text/template`, as Capsule runs it for generators:
//! `template.New("tpl").Option("missingkey=…").Funcs(sprigin)`.
//!
//! Pipeline: source → [`lexer`] → [`parser`] ([`ast`] with a byte position on every node) →
//! executor over [`Value`] (`exec`, with Go's builtins in `builtins` and `compare`). Parse once
//! with [`Template::parse`], execute many times with [`Template::execute`].
//!
//! What is Go's and what is ours: every success, output byte and error message follows Go 1.26's
//! text/template (checked against Go itself, see `tests/template_exec.rs`). On top of Go, errors
//! carry a position and often a hint, and limits stop hostile templates: nesting beyond the
//! stack budget ([`stack`]), `ExecOptions::max_depth` nested template calls, 10 million range
//! iterations plus template calls, and `ExecOptions::max_output` bytes. Those limit errors have
//! kind [`TemplateErrorKind::Limit`].
//!
//! Positions: [`TemplateError::pos`] and `CallCtx::pos` hold the line (1-based) and the column
//! Go prints, which is the 0-based byte offset within the line.

pub mod ast;
mod builtins;
pub mod byte_value;
mod compare;
pub mod complex;
pub mod error;
pub mod escape;
mod exec;
pub mod float_format;
pub mod function;
mod hints;
pub mod lexer;
pub mod literal;
pub mod parser;
pub mod print_guard;
pub mod printf;
pub mod render_env;
pub mod stack;
pub mod token;
mod unicode_class;
pub mod value;

pub use error::{TemplateError, TemplateErrorKind};
pub use function::{CallCtx, FuncError, FuncMap, Function, GoType, NativeFn, Pos, Signature};
pub use render_env::{Entropy, FixedEntropy, FuncEvent, RenderEnv};
pub use stack::set_stack_budget;
pub use value::{GoObject, Kind, ListKind, Map, MapRef, Value};

use std::collections::HashMap;

/// Go's `missingkey` option: what a map lookup of an absent key yields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MissingKey {
    /// `missingkey=invalid` (also `default`): the "no value" result.
    Invalid,
    /// `missingkey=zero` (Capsule's default): the zero value of the map's element type, a nil
    /// `interface{}`, which prints `<no value>`.
    #[default]
    Zero,
    /// `missingkey=error`: execution stops with `map has no entry for key "…"`.
    Error,
}

impl MissingKey {
    /// Parses Go's option spelling: `invalid`, `default`, `zero` or `error`.
    pub fn parse(s: &str) -> Option<MissingKey> {
        match s {
            "invalid" | "default" => Some(MissingKey::Invalid),
            "zero" => Some(MissingKey::Zero),
            "error" => Some(MissingKey::Error),
            _ => None,
        }
    }
}

/// Options of one execution.
#[derive(Clone, Debug)]
pub struct ExecOptions {
    pub missing_key: MissingKey,
    /// Nested `template` calls allowed (Go: 100000).
    pub max_depth: usize,
    /// Bytes of output allowed before execution stops with a limit error.
    pub max_output: usize,
}

impl Default for ExecOptions {
    fn default() -> Self {
        ExecOptions {
            missing_key: MissingKey::Zero,
            max_depth: 100_000,
            max_output: 64 * 1024 * 1024,
        }
    }
}

/// A parsed template set: the main template plus every `define`/`block` it declares (Go's
/// `*template.Template` with its associated templates).
#[derive(Debug)]
pub struct Template {
    name: String,
    trees: HashMap<String, ast::Tree>,
    /// Byte offsets at which lines start, for Go's `line:col` of a node.
    line_starts: Vec<usize>,
    /// Initial capacity of the output buffer (the source size, capped).
    out_hint: usize,
}

impl Template {
    /// Parses `source` as the template `name` (Capsule: `tpl`) against `funcs`, as
    /// `template.New(name).Funcs(funcs).Parse(source)` does: functions are resolved and
    /// variables checked now, so an unknown name is a parse error.
    pub fn parse(name: &str, source: &str, funcs: &FuncMap) -> Result<Template, TemplateError> {
        let parsed = parser::Parser::parse(name, source, funcs).map_err(|mut e| {
            hints::add_hint(&mut e, Some(funcs));
            e
        })?;
        let mut line_starts = vec![0];
        line_starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Ok(Template {
            name: name.to_string(),
            trees: parsed.trees,
            line_starts,
            out_hint: source.len().min(1 << 16),
        })
    }

    /// The name the template was parsed as (Go's `ParseName`, used in every error).
    pub fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn parse_name(&self) -> &str {
        &self.name
    }

    pub(crate) fn out_hint(&self) -> usize {
        self.out_hint
    }

    pub(crate) fn tree(&self, name: &str) -> Option<&ast::Tree> {
        self.trees.get(name)
    }

    /// The names of every template in the set (the main one and those defined), sorted.
    pub fn template_names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.trees.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// Go's `line:col` for a byte offset of the source (see [`error::go_location`]).
    pub(crate) fn location(&self, offset: usize) -> (u32, u32) {
        let idx = self.line_starts.partition_point(|&s| s <= offset);
        let start = idx
            .checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
            .copied()
            .unwrap_or(0);
        (idx.max(1) as u32, offset.saturating_sub(start) as u32)
    }

    /// Runs the template against `data` and returns the text it writes (Go's `Execute` into a
    /// buffer; on error the partial output is dropped, as Capsule drops it).
    pub fn execute(
        &self,
        data: &Value,
        options: &ExecOptions,
        env: &mut RenderEnv,
    ) -> Result<String, TemplateError> {
        self.execute_template(&self.name, data, options, env)
    }

    /// Runs the template `name` of the set (Go's `ExecuteTemplate`).
    pub fn execute_template(
        &self,
        name: &str,
        data: &Value,
        options: &ExecOptions,
        env: &mut RenderEnv,
    ) -> Result<String, TemplateError> {
        let Some(tree) = self.trees.get(name) else {
            return Err(TemplateError {
                kind: TemplateErrorKind::Exec,
                template: name.to_string(),
                pos: None,
                go_message: format!(
                    "template: no template {} associated with template {}",
                    token::go_quote(name),
                    token::go_quote(&self.name)
                ),
                hint: None,
            });
        };
        let mut state = exec::State::new(self, name, options, env);
        match state.run(tree, data) {
            Ok(()) => Ok(std::mem::take(&mut state.out)),
            Err(mut e) => {
                hints::add_hint(&mut e, None);
                Err(e)
            }
        }
    }
}
