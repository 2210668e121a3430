//! Go's builtin template functions that work on values (`funcs.go`): `len`, `index`, `slice`,
//! `not`, `call`, and the argument formatting of `html`, `js` and `urlquery`. The comparisons
//! live in [`super::compare`]; `and`/`or` short-circuit inside the executor. Errors are the
//! text Go's function returns (the executor adds `error calling NAME: `).

use std::rc::Rc;

use super::exec::Ev;
use super::printf;
use super::value::{Kind, ListKind, Value};

/// The message of the panic Go's reflect raises when a builtin gets no value at all.
const ZERO_VALUE_TYPE: &str = "reflect: call of reflect.Value.Type on zero Value";

/// Go's `truth`: `isTrue` of the concrete value (invalid and nil are false).
pub fn truth(v: &Ev) -> bool {
    match v {
        Ev::Invalid => false,
        Ev::Val(v) | Ev::Iface(v) => v.truth(),
    }
}

/// Go's `indirect` for a builtin argument: the concrete value, or `Err(true)` for a nil
/// pointer/interface and `Err(false)` for no value at all.
fn indirect(v: &Ev) -> Result<&Value, bool> {
    match v {
        Ev::Invalid => Err(false),
        Ev::Val(v) | Ev::Iface(v) if v.is_nil() => Err(true),
        Ev::Val(v) | Ev::Iface(v) => Ok(v),
    }
}

/// `len x`.
pub fn len(item: &Ev) -> Result<Ev, String> {
    let v = match indirect(item) {
        Ok(v) => v,
        Err(true) => return Err("len of nil pointer".into()),
        Err(false) => return Err(ZERO_VALUE_TYPE.into()),
    };
    let n = match v {
        Value::String(s) => s.len(),
        Value::List(l, _) => l.len(),
        Value::Map(m) => m.borrow().len(),
        other => return Err(format!("len of type {}", other.type_name())),
    };
    Ok(Ev::Val(Value::Int(n as i64)))
}

/// Whether a reflect kind is one of Go's integer kinds (signed or unsigned).
pub(crate) fn is_int_kind(k: Kind) -> bool {
    matches!(
        k,
        Kind::Int
            | Kind::Int8
            | Kind::Int16
            | Kind::Int32
            | Kind::Int64
            | Kind::Uint
            | Kind::Uint8
            | Kind::Uint16
            | Kind::Uint32
            | Kind::Uint64
            | Kind::Uintptr
    )
}

/// Go's `indexArg`: an integer index in `0..=cap`.
fn index_arg(index: &Ev, cap: usize) -> Result<usize, String> {
    let x: i128 = match index {
        Ev::Invalid | Ev::Iface(Value::Nil) => {
            return Err("cannot index slice/array with nil".into());
        }
        Ev::Val(v) | Ev::Iface(v) => match v {
            Value::Int(i) | Value::Int64(i) => *i as i128,
            Value::Uint(u) | Value::Uint64(u) => *u as i64 as i128,
            Value::Object(o) if o.int_value().is_some() && is_int_kind(o.kind()) => {
                i128::from(o.int_value().unwrap_or_default())
            }
            other => {
                return Err(format!(
                    "cannot index slice/array with type {}",
                    other.type_name()
                ));
            }
        },
    };
    if x < 0 || x > cap as i128 {
        return Err(format!("index out of range: {x}"));
    }
    Ok(x as usize)
}

/// `index item keys...`: walks lists (integer index), strings (a byte, as `uint8`) and maps (a
/// missing key gives the map's zero value, whatever `missingkey` says).
pub fn index(item: &Ev, indexes: &[Ev]) -> Result<Ev, String> {
    let mut cur = match item {
        Ev::Invalid | Ev::Iface(Value::Nil) => return Err("index of untyped nil".into()),
        other => other.clone(),
    };
    for ix in indexes {
        let v = match indirect(&cur) {
            Ok(v) => v.clone(),
            Err(_) => return Err("index of nil pointer".into()),
        };
        cur = match &v {
            Value::List(l, kind) => {
                let x = index_arg(ix, l.len())?;
                let Some(e) = l.get(x) else {
                    return Err("reflect: slice index out of range".into());
                };
                if *kind == ListKind::Any {
                    Ev::iface(e.clone())
                } else {
                    Ev::Val(e.clone())
                }
            }
            Value::String(s) => {
                let x = index_arg(ix, s.len())?;
                let Some(b) = s.as_bytes().get(x) else {
                    return Err("reflect: string index out of range".into());
                };
                Ev::Val(super::byte_value::GoByte::value(*b))
            }
            Value::Map(m) => {
                let key = match ix {
                    Ev::Invalid | Ev::Iface(Value::Nil) => {
                        return Err("value is nil; should be of type string".into());
                    }
                    Ev::Val(Value::String(s)) | Ev::Iface(Value::String(s)) => s.clone(),
                    Ev::Val(k) | Ev::Iface(k) => {
                        return Err(format!(
                            "value has type {}; should be string",
                            k.type_name()
                        ));
                    }
                };
                let found = m.borrow().get(&*key).cloned();
                match found {
                    // A `map[string]string` element is a string, not an interface value.
                    Some(x) if !m.is_any() => Ev::Val(x),
                    None if !m.is_any() => Ev::Val(m.kind().zero_elem()),
                    found => Ev::iface(found.unwrap_or(Value::Nil)),
                }
            }
            other => return Err(format!("can't index item of type {}", other.type_name())),
        };
    }
    Ok(cur)
}

/// `slice item indexes...` (Go's builtin, when no FuncMap entry shadows it).
pub fn slice(item: &Ev, indexes: &[Ev]) -> Result<Ev, String> {
    let v = match item {
        Ev::Invalid | Ev::Iface(Value::Nil) => return Err("slice of untyped nil".into()),
        other => match indirect(other) {
            Ok(v) => v.clone(),
            Err(_) => return Err("slice of nil pointer".into()),
        },
    };
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match &v {
        Value::String(s) => {
            if indexes.len() == 3 {
                return Err("cannot 3-index slice a string".into());
            }
            s.len()
        }
        Value::List(l, _) => l.len(),
        other => return Err(format!("can't slice item of type {}", other.type_name())),
    };
    let mut idx = [0usize, len, len];
    for (i, ix) in indexes.iter().enumerate() {
        // Unlike `index`, Go's `slice` does not unwrap interfaces around its indexes, so a
        // number read from a map or an []interface{} is refused.
        if let Ev::Iface(_) = ix {
            return Err("cannot index slice/array with type interface {}".into());
        }
        idx[i] = index_arg(ix, len)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    Ok(Ev::Val(match &v {
        Value::String(s) => {
            let bytes = s.as_bytes().get(idx[0]..idx[1]).unwrap_or_default();
            Value::from(String::from_utf8_lossy(bytes).into_owned())
        }
        Value::List(l, kind) => {
            let items = l.get(idx[0]..idx[1]).unwrap_or_default().to_vec();
            Value::List(Rc::new(items), *kind)
        }
        _ => Value::Nil,
    }))
}

/// `call fn args...`: no template value is ever a Go function, so this always fails the way
/// Go's `call` does for nil and non-function values.
pub fn call(name: &str, func: &Ev) -> Result<Ev, String> {
    match func {
        Ev::Invalid | Ev::Iface(Value::Nil) => Err("call of nil".into()),
        Ev::Val(v) | Ev::Iface(v) => Err(format!("non-function {name} of type {}", v.type_name())),
    }
}

/// Go's `evalArgs` for `html`, `js` and `urlquery`: a lone string as is, otherwise `fmt.Sprint`
/// of the arguments with nil ones shown as `<no value>`.
pub fn eval_args(args: &[Value]) -> String {
    if let [Value::String(s)] = args {
        return s.to_string();
    }
    let printable: Vec<Value> = args
        .iter()
        .map(|a| match a {
            Value::Nil => Value::from("<no value>"),
            other => other.clone(),
        })
        .collect();
    printf::sprint(&printable)
}
