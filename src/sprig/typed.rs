//! Registry entries for functions that keep a typed Go signature: sprigin's `must*` functions
//! (`(T, error)`, the error fails the template) and Capsule's own functions (not wrapped).

use crate::template::{FuncError, Function, GoType, NativeFn, Signature, Value};

/// A `must*` function `func(params…) (T, error)`.
pub(crate) const fn must(
    name: &'static str,
    params: &'static [GoType],
    call: NativeFn,
) -> Function {
    Function {
        name,
        signature: Signature::Typed {
            params,
            variadic: None,
            returns_error: true,
        },
        call,
        nondeterministic: false,
    }
}

#[allow(dead_code)] // used as Capsule's functions land
/// A typed function without an error result (`func(params…) T`).
pub(crate) const fn plain(
    name: &'static str,
    params: &'static [GoType],
    variadic: Option<GoType>,
    call: NativeFn,
) -> Function {
    Function {
        name,
        signature: Signature::Typed {
            params,
            variadic,
            returns_error: false,
        },
        call,
        nondeterministic: false,
    }
}

/// Marks an entry as non-deterministic (clock, randomness).
pub(crate) const fn nondet(mut f: Function) -> Function {
    f.nondeterministic = true;
    f
}

/// The string at `i` of an engine-checked `string` parameter (nil as `""`, defensively).
pub(crate) fn str_arg(args: &[Value], i: usize) -> Result<&str, FuncError> {
    match args.get(i) {
        Some(Value::String(s)) => Ok(s),
        Some(Value::Nil) | None => Ok(""),
        Some(other) => Err(FuncError::Call(format!(
            "wrong type for value; expected string; got {}",
            other.type_name()
        ))),
    }
}
