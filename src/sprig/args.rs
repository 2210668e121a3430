//! Argument handling shared by every sprigin function: sprout's wrapper checks the argument
//! count and each argument's dynamic type against the Go parameter type, passes nil as the
//! parameter's zero value, and turns any failure into "return the first result (or nil)".

// The families that call these helpers land one by one; until then some are unused.
#![allow(dead_code)]

use std::rc::Rc;

use crate::template::{CallCtx, FuncError, Function, Signature, Value};

/// A failure sprigin's wrapper swallows: the call returns `result` and rendering goes on. The
/// message is recorded so the renderer can warn about it.
#[derive(Clone, Debug)]
pub(crate) struct Swallow {
    /// What the template receives instead: nil when the wrapper could not call the function
    /// (arity or type mismatch), the function's zero result when it returned an error.
    pub(crate) result: Value,
    pub(crate) message: String,
}

impl Swallow {
    /// The call yields nil (`<no value>`).
    pub(crate) fn nil(message: impl Into<String>) -> Swallow {
        Swallow {
            result: Value::Nil,
            message: message.into(),
        }
    }

    /// The call yields `result` (the Go function's first result next to its error).
    pub(crate) fn with(result: Value, message: impl Into<String>) -> Swallow {
        Swallow {
            result,
            message: message.into(),
        }
    }
}

/// The outcome of a wrapped sprigin function body.
pub(crate) type Wrapped = Result<Value, Swallow>;

/// What a function body returns: a [`Wrapped`] outcome, or one that can also abort the render
/// (`Result<Wrapped, FuncError>`: sprout's infinite recursion, a walk too deep).
pub(crate) trait Body {
    /// The outcome, or the render error.
    fn outcome(self) -> Result<Wrapped, FuncError>;
}

impl Body for Wrapped {
    fn outcome(self) -> Result<Wrapped, FuncError> {
        Ok(self)
    }
}

impl Body for Result<Wrapped, FuncError> {
    fn outcome(self) -> Result<Wrapped, FuncError> {
        self
    }
}

/// Finishes a wrapped call: a swallowed failure is recorded on the context and its result
/// returned, as sprout's wrapper does.
pub(crate) fn finish(ctx: &mut CallCtx<'_>, outcome: Wrapped) -> Result<Value, FuncError> {
    match outcome {
        Ok(v) => Ok(v),
        Err(s) => {
            ctx.swallowed(s.message);
            Ok(s.result)
        }
    }
}

/// Checks the argument count of a function with `want` fixed parameters.
pub(crate) fn arity(args: &[Value], want: usize) -> Result<(), Swallow> {
    if args.len() == want {
        Ok(())
    } else {
        Err(Swallow::nil(format!(
            "wrong number of arguments: want {want}, got {}",
            args.len()
        )))
    }
}

/// Checks a variadic function that needs at least `min` arguments.
pub(crate) fn arity_at_least(args: &[Value], min: usize) -> Result<(), Swallow> {
    if args.len() >= min {
        Ok(())
    } else {
        Err(Swallow::nil(format!(
            "wrong number of arguments: want at least {min}, got {}",
            args.len()
        )))
    }
}

fn mismatch(i: usize, want: &str, got: &Value) -> Swallow {
    Swallow::nil(format!(
        "argument {} has type {}, the function wants {want}",
        i + 1,
        got.type_name()
    ))
}

/// A Go `string` parameter: a string, or nil as `""`. Anything else does not fit.
pub(crate) fn string_at(args: &[Value], i: usize) -> Result<Rc<str>, Swallow> {
    match args.get(i) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Nil) | None => Ok(Rc::from("")),
        Some(other) => Err(mismatch(i, "string", other)),
    }
}

/// A Go `int` parameter: only a value of Go type `int` (a template integer literal, `len`, …)
/// fits, or nil as 0; an `int64` from data does not.
pub(crate) fn int_at(args: &[Value], i: usize) -> Result<i64, Swallow> {
    match args.get(i) {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Nil) | None => Ok(0),
        Some(other) => Err(mismatch(i, "int", other)),
    }
}

/// A Go `int64` parameter.
pub(crate) fn int64_at(args: &[Value], i: usize) -> Result<i64, Swallow> {
    match args.get(i) {
        Some(Value::Int64(n)) => Ok(*n),
        Some(Value::Nil) | None => Ok(0),
        Some(other) => Err(mismatch(i, "int64", other)),
    }
}

/// A Go `float64` parameter.
pub(crate) fn float_at(args: &[Value], i: usize) -> Result<f64, Swallow> {
    match args.get(i) {
        Some(Value::Float(f)) => Ok(*f),
        Some(Value::Nil) | None => Ok(0.0),
        Some(other) => Err(mismatch(i, "float64", other)),
    }
}

/// A Go `bool` parameter.
pub(crate) fn bool_at(args: &[Value], i: usize) -> Result<bool, Swallow> {
    match args.get(i) {
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::Nil) | None => Ok(false),
        Some(other) => Err(mismatch(i, "bool", other)),
    }
}

/// An entry for a sprigin-wrapped function (`func(...interface{}) interface{}`).
pub(crate) const fn wrapped(
    name: &'static str,
    call: fn(&mut CallCtx<'_>, &[Value]) -> Result<Value, FuncError>,
) -> Function {
    Function {
        name,
        signature: Signature::Variadic,
        call,
        nondeterministic: false,
    }
}
