//! Go's two equalities as sprout uses them: `==` on `interface{}` values (map keys in `uniq` and
//! `without`; panics on lists and maps, "hash of unhashable type") and `reflect.DeepEqual`
//! (`has`, `deepEqual`). Both compare the Go type too: `int` 3 and `int64` 3 differ.

use std::collections::HashSet;
use std::rc::Rc;

use crate::template::print_guard::MAX_PRINT_DEPTH;
use crate::template::{ListKind, Value};

/// The panic text Go gives when an unhashable value is used as a map key.
pub(crate) fn unhashable_message(v: &Value) -> String {
    format!("runtime error: hash of unhashable type {}", v.type_name())
}

/// Go's `a == b` for two `interface{}` values: `Err` carries the runtime panic when either
/// dynamic type is a slice or map (not comparable).
pub(crate) fn go_eq(a: &Value, b: &Value) -> Result<bool, String> {
    for v in [a, b] {
        if matches!(v, Value::List(..) | Value::Map(_)) {
            return Err(unhashable_message(v));
        }
    }
    Ok(scalar_eq(a, b))
}

fn scalar_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Nil, Value::Nil) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) | (Value::Int64(x), Value::Int64(y)) => x == y,
        (Value::Uint(x), Value::Uint(y)) | (Value::Uint64(x), Value::Uint64(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Object(x), Value::Object(y)) => {
            x.type_name() == y.type_name() && {
                let (mut sx, mut sy) = (String::new(), String::new());
                x.write_v(&mut sx, true);
                y.write_v(&mut sy, true);
                sx == sy
            }
        }
        _ => false,
    }
}

/// The values nest deeper than the engine walks ([`MAX_PRINT_DEPTH`] maps and lists).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TooDeep;

/// `reflect.DeepEqual(a, b)`: same Go type and recursively equal contents (NaN is never equal).
/// As in Go, a map equals itself without a look inside, and a pair of maps met again while
/// being compared counts as equal, so values that contain themselves compare in finite time.
/// Go's growable stack walks any depth; ours stops at [`MAX_PRINT_DEPTH`] with [`TooDeep`].
pub(crate) fn deep_equal(a: &Value, b: &Value) -> Result<bool, TooDeep> {
    deep_equal_in(a, b, &mut HashSet::new(), 0)
}

fn deep_equal_in(
    a: &Value,
    b: &Value,
    visited: &mut HashSet<(usize, usize)>,
    depth: usize,
) -> Result<bool, TooDeep> {
    if depth > MAX_PRINT_DEPTH {
        return Err(TooDeep);
    }
    match (a, b) {
        (Value::List(x, kx), Value::List(y, ky)) => {
            // A nil `[]string` equals only another nil one.
            let nil_x = *kx == ListKind::NilString;
            let nil_y = *ky == ListKind::NilString;
            if nil_x || nil_y {
                return Ok(nil_x == nil_y);
            }
            if kx != ky || x.len() != y.len() {
                return Ok(false);
            }
            // Go: the same backing array and length.
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !deep_equal_in(p, q, visited, depth + 1)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        (Value::Map(x), Value::Map(y)) => {
            // `map[string]string` and `map[string]interface{}` are different types.
            if x.kind() != y.kind() {
                return Ok(false);
            }
            if x.ptr_eq(y) || !visited.insert((x.addr(), y.addr())) {
                return Ok(true);
            }
            // Shared borrows only: a nested value may be one of these maps again.
            let (x, y) = (x.borrow(), y.borrow());
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, v) in x.iter() {
                let Some(w) = y.get(k) else {
                    return Ok(false);
                };
                if !deep_equal_in(v, w, visited, depth + 1)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        _ => Ok(scalar_eq(a, b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_matter() {
        assert_eq!(go_eq(&Value::Int(3), &Value::Int64(3)), Ok(false));
        assert_eq!(go_eq(&Value::Int64(3), &Value::Int64(3)), Ok(true));
        assert!(go_eq(&Value::list(vec![]), &Value::Int(1)).is_err());
        assert_eq!(
            deep_equal(
                &Value::list(vec![Value::Int(1)]),
                &Value::list(vec![Value::Int(1)])
            ),
            Ok(true)
        );
        assert_eq!(deep_equal(&Value::Int(1), &Value::Int64(1)), Ok(false));
        assert_eq!(deep_equal(&Value::Nil, &Value::Nil), Ok(true));
    }
}
