//! The function registry: what a template can call by name (Go's `template.FuncMap`).
//!
//! Go text/template checks a call against the function's Go signature: the number of arguments,
//! and each argument against its parameter type (untyped constants convert, other values must be
//! assignable). Every sprigin function that does not start with `must` is wrapped by sprout into
//! a variadic `func(...interface{}) interface{}` that does those checks itself and swallows the
//! failure; those register with [`Signature::Variadic`]. Go's builtins, sprigin's `must*`
//! functions and Capsule's own functions keep their typed signature ([`Signature::Typed`]) and the
//! engine enforces it with Go's messages.

use std::collections::HashMap;

use super::render_env::RenderEnv;
use super::value::Value;

/// A Go parameter type, as far as the engine needs to check or convert an argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoType {
    /// `interface{}`: anything; untyped constants become `int`, `float64`, `string`, `bool`.
    Any,
    String,
    Bool,
    /// Go `int`: an untyped integer constant or a value of Go type `int`.
    Int,
    /// Go `int64`: an untyped integer constant or an `int64` value.
    Int64,
    /// Go `uint32`.
    Uint32,
    /// Go `float64`: an untyped numeric constant or a `float64` value.
    Float64,
    /// `[]interface{}`.
    ListAny,
    /// `[]string`.
    StringList,
    /// `map[string]interface{}`.
    MapAny,
    /// An [`super::value::GoObject`] whose `type_name()` is this Go type name (`time.Time`).
    Named(&'static str),
    /// A named Go type whose kind is `int64` (`time.Duration`): a value of exactly that type,
    /// or an untyped integer constant, which the callee receives as [`Value::Int64`].
    NamedInt64(&'static str),
}

impl GoType {
    /// The Go spelling used in "wrong type" messages (`interface {}`, `[]interface {}`).
    pub fn go_name(self) -> &'static str {
        match self {
            GoType::Any => "interface {}",
            GoType::String => "string",
            GoType::Bool => "bool",
            GoType::Int => "int",
            GoType::Int64 => "int64",
            GoType::Uint32 => "uint32",
            GoType::Float64 => "float64",
            GoType::ListAny => "[]interface {}",
            GoType::StringList => "[]string",
            GoType::MapAny => "map[string]interface {}",
            GoType::Named(n) | GoType::NamedInt64(n) => n,
        }
    }
}

/// How the engine passes arguments to a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signature {
    /// `func(args ...interface{}) interface{}`: every argument is passed as evaluated, untyped
    /// constants as `int`/`float64`/`string`/`bool`, with no count or type check (sprigin's
    /// wrapped functions check inside and swallow).
    Variadic,
    /// A typed Go signature checked by the engine as text/template does: `params` fixed
    /// parameters, then any number of `variadic` ones. `returns_error` marks `(T, error)`
    /// functions, whose error fails the template with `error calling NAME: …`.
    Typed {
        params: &'static [GoType],
        variadic: Option<GoType>,
        returns_error: bool,
    },
}

/// Why a function call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum FuncError {
    /// The Go function returned an error (or panicked): text/template reports
    /// `error calling NAME: MESSAGE` and execution stops.
    Call(String),
    /// A call that would abort Go itself (sprout's unbounded recursion: `fatal error: stack
    /// overflow`); we stop the render with this explanation instead.
    Fatal(String),
}

/// The Rust implementation of a function. `args` have already been checked against a
/// [`Signature::Typed`] signature; under [`Signature::Variadic`] they are as evaluated.
pub type NativeFn = fn(&mut CallCtx<'_>, &[Value]) -> Result<Value, FuncError>;

/// One entry of the registry.
#[derive(Clone, Copy, Debug)]
pub struct Function {
    pub name: &'static str,
    pub signature: Signature,
    pub call: NativeFn,
    /// True for functions whose result depends on the clock, randomness or the machine
    /// (`now`, `randAlpha`, `uuidv4`, `genCA`, …): the renderer refuses them unless allowed.
    pub nondeterministic: bool,
}

/// A position in a template source as Go reports it: the line counts from 1, the column is the
/// byte offset within the line, counting from 0 (`template: tpl:3:12: …`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// What a function sees of the execution besides its arguments.
pub struct CallCtx<'a> {
    /// The name the template called the function by (aliases share an implementation).
    pub name: &'a str,
    /// Where the call stands in the template.
    pub pos: Pos,
    /// Clock, randomness and the record of swallowed errors.
    pub env: &'a mut RenderEnv,
}

impl CallCtx<'_> {
    /// Records an error that sprigin's wrapper swallowed, so the renderer can warn about it.
    pub fn swallowed(&mut self, message: impl Into<String>) {
        let event = super::render_env::FuncEvent::Swallowed {
            func: self.name.to_string(),
            pos: self.pos,
            message: message.into(),
        };
        self.env.events.push(event);
    }
}

/// Names a template may not call, with the reason given at parse time.
#[derive(Clone, Copy, Debug)]
pub struct Refusal {
    pub name: &'static str,
    pub reason: &'static str,
}

/// The function map a template is parsed against.
#[derive(Clone, Debug, Default)]
pub struct FuncMap {
    funcs: HashMap<&'static str, Function>,
    refused: HashMap<&'static str, Refusal>,
}

impl FuncMap {
    /// An empty map (Go's builtins are always there; they are not part of it).
    pub fn new() -> FuncMap {
        FuncMap::default()
    }

    /// Adds or replaces a function (a later entry shadows an earlier one, as `Funcs` does).
    pub fn insert(&mut self, f: Function) {
        self.refused.remove(f.name);
        self.funcs.insert(f.name, f);
    }

    /// Makes `name` a parse-time error carrying `reason`.
    pub fn refuse(&mut self, name: &'static str, reason: &'static str) {
        self.funcs.remove(name);
        self.refused.insert(name, Refusal { name, reason });
    }

    /// Removes a name entirely (Capsule's `delete(funcMap, "env")`): it is then undefined.
    pub fn remove(&mut self, name: &str) {
        self.funcs.remove(name);
        self.refused.remove(name);
    }

    /// Looks a function up.
    pub fn get(&self, name: &str) -> Option<&Function> {
        self.funcs.get(name)
    }

    /// Whether `name` is refused, and why.
    pub fn refusal(&self, name: &str) -> Option<&Refusal> {
        self.refused.get(name)
    }

    /// Every registered name, sorted.
    pub fn names(&self) -> Vec<&'static str> {
        let mut v: Vec<_> = self.funcs.keys().copied().collect();
        v.sort_unstable();
        v
    }
}
