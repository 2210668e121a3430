//! The comparison builtins `eq`, `ne`, `lt`, `le`, `gt`, `ge` (Go's `funcs.go`): values are
//! sorted into basic kinds (bool, int, uint, float, complex, string); ints and uints compare
//! across signedness, other mixed kinds are `incompatible types for comparison`, and `eq` falls
//! back to Go's `==` for non-basic values (nil checks, "non-comparable type" errors for slices
//! and maps).

use super::complex::Complex128;
use super::exec::Ev;
use super::printf;
use super::value::{Kind, Value};

/// Go's `errBadComparisonType`.
const BAD_TYPE: &str = "invalid type for comparison";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BasicKind {
    Invalid,
    Bool,
    Complex,
    Int,
    Float,
    String,
    Uint,
}

fn basic_kind(v: Option<&Value>) -> BasicKind {
    match v {
        Some(Value::Bool(_)) => BasicKind::Bool,
        Some(Value::Int(_) | Value::Int64(_)) => BasicKind::Int,
        Some(Value::Uint(_) | Value::Uint64(_)) => BasicKind::Uint,
        Some(Value::Float(_)) => BasicKind::Float,
        Some(Value::String(_)) => BasicKind::String,
        Some(v @ Value::Object(_)) if v.downcast::<Complex128>().is_some() => BasicKind::Complex,
        // Named integer types (`time.Duration`, `time.Month`, `uint8`): their kind decides.
        Some(Value::Object(o)) if o.int_value().is_some() => match o.kind() {
            Kind::Int | Kind::Int8 | Kind::Int16 | Kind::Int32 | Kind::Int64 => BasicKind::Int,
            Kind::Uint | Kind::Uint8 | Kind::Uint16 | Kind::Uint32 | Kind::Uint64 => {
                BasicKind::Uint
            }
            _ => BasicKind::Invalid,
        },
        _ => BasicKind::Invalid,
    }
}

fn int_of(v: Option<&Value>) -> i64 {
    match v {
        Some(Value::Int(i) | Value::Int64(i)) => *i,
        Some(Value::Object(o)) => o.int_value().unwrap_or(0),
        _ => 0,
    }
}

fn uint_of(v: Option<&Value>) -> u64 {
    match v {
        Some(Value::Uint(u) | Value::Uint64(u)) => *u,
        Some(Value::Object(o)) => o.int_value().unwrap_or(0) as u64,
        _ => 0,
    }
}

fn float_of(v: Option<&Value>) -> f64 {
    match v {
        Some(Value::Float(f)) => *f,
        _ => 0.0,
    }
}

fn complex_of(v: Option<&Value>) -> (f64, f64) {
    v.and_then(|v| v.downcast::<Complex128>())
        .map(|c| (c.re, c.im))
        .unwrap_or((0.0, 0.0))
}

fn str_of(v: Option<&Value>) -> &[u8] {
    match v {
        Some(Value::String(s)) => s.as_bytes(),
        _ => b"",
    }
}

fn bool_of(v: Option<&Value>) -> bool {
    matches!(v, Some(Value::Bool(true)))
}

/// Go's `indirectInterface`: the concrete value, `None` for an invalid or nil interface.
fn concrete(v: &Ev) -> Option<&Value> {
    match v {
        Ev::Invalid => None,
        Ev::Iface(Value::Nil) => None,
        Ev::Val(v) | Ev::Iface(v) => Some(v),
    }
}

fn type_name(v: Option<&Value>) -> &str {
    v.map(Value::type_name).unwrap_or("<nil>")
}

fn reflect_kind(v: Option<&Value>) -> Kind {
    v.map(Value::kind).unwrap_or(Kind::Invalid)
}

fn is_nil(v: Option<&Value>) -> bool {
    v.is_none_or(Value::is_nil)
}

fn fmt_s(v: Option<&Value>) -> String {
    printf::sprintf("%s", &[v.cloned().unwrap_or(Value::Nil)])
}

fn incompatible(a: Option<&Value>, b: Option<&Value>) -> String {
    format!(
        "incompatible types for comparison: {} and {}",
        type_name(a),
        type_name(b)
    )
}

/// `eq arg1 arg2...`: true when `arg1` equals any of the others.
pub fn eq(arg1: &Ev, rest: &[Ev]) -> Result<bool, String> {
    let a1 = concrete(arg1);
    if rest.is_empty() {
        return Err("missing argument for comparison".into());
    }
    let k1 = basic_kind(a1);
    for arg in rest {
        let a = concrete(arg);
        let k2 = basic_kind(a);
        let truth = if k1 != k2 {
            match (k1, k2) {
                (BasicKind::Int, BasicKind::Uint) => {
                    int_of(a1) >= 0 && int_of(a1) as u64 == uint_of(a)
                }
                (BasicKind::Uint, BasicKind::Int) => {
                    int_of(a) >= 0 && uint_of(a1) == int_of(a) as u64
                }
                _ => {
                    if a1.is_some() && a.is_some() {
                        return Err(incompatible(a1, a));
                    }
                    false
                }
            }
        } else {
            match k1 {
                BasicKind::Bool => bool_of(a1) == bool_of(a),
                BasicKind::Complex => complex_of(a1) == complex_of(a),
                BasicKind::Float => float_of(a1) == float_of(a),
                BasicKind::Int => int_of(a1) == int_of(a),
                BasicKind::String => str_of(a1) == str_of(a),
                BasicKind::Uint => uint_of(a1) == uint_of(a),
                BasicKind::Invalid => {
                    let (r1, r2) = (reflect_kind(a1), reflect_kind(a));
                    if r1 != r2 && r1 != Kind::Invalid && r2 != Kind::Invalid {
                        return Err(format!(
                            "non-comparable types {}: {}, {}: {}",
                            fmt_s(a1),
                            type_name(a1),
                            type_name(a),
                            fmt_v(a)
                        ));
                    }
                    if is_nil(a1) || is_nil(a) {
                        is_nil(a) == is_nil(a1)
                    } else if matches!(r2, Kind::Slice | Kind::Map | Kind::Func) {
                        return Err(format!(
                            "non-comparable type {}: {}",
                            fmt_s(a),
                            type_name(a)
                        ));
                    } else {
                        // Comparable Go values of other kinds (structs, pointers): same type and
                        // same printed form.
                        match (a1, a) {
                            (Some(Value::Object(x)), Some(Value::Object(y)))
                                if type_name(a1) == type_name(a) =>
                            {
                                x.go_eq(&**y).unwrap_or_else(|| fmt_v(a1) == fmt_v(a))
                            }
                            _ => type_name(a1) == type_name(a) && fmt_v(a1) == fmt_v(a),
                        }
                    }
                }
            }
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

fn fmt_v(v: Option<&Value>) -> String {
    let mut s = String::new();
    match v {
        Some(v) => v.write_v(&mut s, false),
        None => s.push_str("<nil>"),
    }
    s
}

/// `ne a b`.
pub fn ne(a: &Ev, b: &Ev) -> Result<bool, String> {
    eq(a, std::slice::from_ref(b)).map(|e| !e)
}

/// `lt a b`.
pub fn lt(arg1: &Ev, arg2: &Ev) -> Result<bool, String> {
    let a1 = concrete(arg1);
    let k1 = basic_kind(a1);
    if k1 == BasicKind::Invalid {
        return Err(BAD_TYPE.into());
    }
    let a2 = concrete(arg2);
    let k2 = basic_kind(a2);
    if k2 == BasicKind::Invalid {
        return Err(BAD_TYPE.into());
    }
    if k1 != k2 {
        return match (k1, k2) {
            (BasicKind::Int, BasicKind::Uint) => {
                Ok(int_of(a1) < 0 || (int_of(a1) as u64) < uint_of(a2))
            }
            (BasicKind::Uint, BasicKind::Int) => {
                Ok(int_of(a2) >= 0 && uint_of(a1) < int_of(a2) as u64)
            }
            _ => Err(incompatible(a1, a2)),
        };
    }
    match k1 {
        BasicKind::Bool | BasicKind::Complex | BasicKind::Invalid => Err(BAD_TYPE.into()),
        BasicKind::Float => Ok(float_of(a1) < float_of(a2)),
        BasicKind::Int => Ok(int_of(a1) < int_of(a2)),
        BasicKind::String => Ok(str_of(a1) < str_of(a2)),
        BasicKind::Uint => Ok(uint_of(a1) < uint_of(a2)),
    }
}

/// `le a b`: `lt`, then `eq`.
pub fn le(a: &Ev, b: &Ev) -> Result<bool, String> {
    if lt(a, b)? {
        return Ok(true);
    }
    eq(a, std::slice::from_ref(b))
}

/// `gt a b`: not `le`.
pub fn gt(a: &Ev, b: &Ev) -> Result<bool, String> {
    le(a, b).map(|x| !x)
}

/// `ge a b`: not `lt`.
pub fn ge(a: &Ev, b: &Ev) -> Result<bool, String> {
    lt(a, b).map(|x| !x)
}
