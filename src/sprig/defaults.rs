//! sprigin's std functions (`hello default empty all any coalesce ternary`) and the backward
//! registry's `fail`, with sprout's emptiness rule (text/template's `isTrue`, negated).

use std::any::Any;

use super::args::{self, Swallow, Wrapped, arity, bool_at, string_at};
use crate::template::{FuncMap, GoObject, Kind, Value};

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    let entries: &[(&'static str, crate::template::NativeFn)] = &[
        ("hello", w_hello),
        ("default", w_default),
        ("empty", w_empty),
        ("all", w_all),
        ("any", w_any),
        ("coalesce", w_coalesce),
        ("ternary", w_ternary),
        ("fail", w_fail),
    ];
    for (name, call) in entries {
        map.insert(args::wrapped(name, *call));
    }
}

/// sprout's `helpers.Empty`: nil, false, 0, 0.0, "" and empty lists and maps are empty;
/// nil pointers too; structs never.
pub(crate) fn is_empty(v: &Value) -> bool {
    // Go's helpers.Empty and text/template's isTrue agree on every kind a template sees
    // (structs are never empty, zero durations and nil pointers are).
    !v.truth()
}

/// sprout's `Hello() string`: takes no argument (the wrapper turns any argument into nil).
fn hello(a: &[Value]) -> Wrapped {
    arity(a, 0)?;
    Ok(Value::from("Hello!"))
}
wrap!(w_hello, hello);

/// `default d given…`: `d` when there is no `given` or the first one is empty.
fn default(a: &[Value]) -> Wrapped {
    let Some((d, given)) = a.split_first() else {
        return Err(Swallow::nil("default requires at least one argument"));
    };
    match given.first() {
        Some(g) if !is_empty(g) => Ok(g.clone()),
        _ => Ok(d.clone()),
    }
}
wrap!(w_default, default);

fn empty(a: &[Value]) -> Wrapped {
    arity(a, 1)?;
    Ok(Value::Bool(is_empty(&a[0])))
}
wrap!(w_empty, empty);

fn all(a: &[Value]) -> Wrapped {
    Ok(Value::Bool(a.iter().all(|v| !is_empty(v))))
}
wrap!(w_all, all);

fn any(a: &[Value]) -> Wrapped {
    Ok(Value::Bool(a.iter().any(|v| !is_empty(v))))
}
wrap!(w_any, any);

fn coalesce(a: &[Value]) -> Wrapped {
    Ok(a.iter()
        .find(|v| !is_empty(v))
        .cloned()
        .unwrap_or(Value::Nil))
}
wrap!(w_coalesce, coalesce);

/// `ternary vt vf cond`: `cond` is a Go `bool` parameter (nil → false; an int or string → nil).
fn ternary(a: &[Value]) -> Wrapped {
    arity(a, 3)?;
    let cond = bool_at(a, 2)?;
    Ok(if cond { a[0].clone() } else { a[1].clone() })
}
wrap!(w_ternary, ternary);

/// The typed nil `*uint` that sprout's `fail` returns next to its error: printed `<nil>`, false
/// in `if`.
#[derive(Debug)]
struct NilUintPtr;

impl GoObject for NilUintPtr {
    fn type_name(&self) -> &str {
        "*uint"
    }
    fn kind(&self) -> Kind {
        Kind::Ptr
    }
    fn write_v(&self, out: &mut String, _nested: bool) {
        out.push_str("<nil>");
    }
    fn truth(&self) -> bool {
        false
    }
    fn is_nil(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `fail msg`: always an error, which sprigin swallows: the template goes on and the call
/// yields a typed nil pointer (`<nil>`). A non-string message does not fit and yields nil.
fn fail(a: &[Value]) -> Wrapped {
    arity(a, 1)?;
    let msg = string_at(a, 0)?;
    Err(Swallow::with(
        Value::Object(std::rc::Rc::new(NilUintPtr)),
        msg.to_string(),
    ))
}
wrap!(w_fail, fail);

#[cfg(test)]
mod tests {
    use crate::sprig::test_engine::{check, check_types};

    /// Measured (`truth-*`, `coalesce-misc`).
    #[test]
    fn truthiness() {
        for (v, empty) in [
            ("0", true),
            ("\"\"", true),
            ("false", true),
            (".el", true),
            (".z", true),
            (".zs", false),
            (".nil", true),
            (".fa", true),
            (".n", false),
            ("(dict)", true),
            (".l", false),
            (".zf", true),
            ("\" \"", false),
        ] {
            let shown = crate::sprig::test_engine::render(&format!("coalesce {v}"));
            let want_default = if empty {
                "D".to_string()
            } else {
                shown.clone()
            };
            check(&[
                (&format!("default \"D\" {v}"), &want_default),
                (&format!("empty {v}"), if empty { "true" } else { "false" }),
                (&format!("all {v}"), if empty { "false" } else { "true" }),
                (&format!("any {v}"), if empty { "false" } else { "true" }),
                (
                    &format!("ternary \"Y\" \"N\" (empty {v})"),
                    if empty { "Y" } else { "N" },
                ),
            ]);
        }
        check(&[
            ("default \"D\" .zs", "0"),
            ("default \"D\" .l", "[b a c a]"),
            ("default", "<no value>"),
            ("default \"D\"", "D"),
            ("coalesce", "<no value>"),
            ("coalesce nil nil", "<no value>"),
            ("coalesce 0 \"\" .l", "[b a c a]"),
            ("coalesce nil 0 \"x\"", "x"),
            ("all", "true"),
            ("any", "false"),
            ("all 1 \"a\"", "true"),
            ("any 0 \"\"", "false"),
            ("empty", "<no value>"),
        ]);
    }

    /// sprigin.md: a non-bool condition → nil, nil → the false branch.
    #[test]
    fn ternary_needs_a_bool() {
        check(&[
            ("ternary 1 2 true", "1"),
            ("ternary 1 2 false", "2"),
            ("ternary 1 2 nil", "2"),
            ("ternary 1 2 1", "<no value>"),
            ("ternary 1 2 \"true\"", "<no value>"),
            ("ternary 1 2", "<no value>"),
        ]);
    }

    /// Measured (`fail`): the error is swallowed and a typed nil `*uint` printed `<nil>`.
    #[test]
    fn fail_and_hello() {
        check(&[
            ("fail \"boom\"", "<nil>"),
            ("fail 1", "<no value>"),
            ("fail", "<no value>"),
            ("hello", "Hello!"),
        ]);
        check_types(&[("fail \"x\"", "*uint"), ("fail 1", "<nil>")]);
        let v = crate::sprig::test_engine::eval("fail \"x\"").expect("fail is swallowed");
        assert!(!v.truth(), "with (fail \"x\") takes the else branch");
    }
}
