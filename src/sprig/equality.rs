//! Go's two equalities as sprout uses them: `==` on `interface{}` values (map keys in `uniq` and
//! `without`; panics on lists and maps, "hash of unhashable type") and `reflect.DeepEqual`
//! (`has`, `deepEqual`). Both compare the Go type too: `int` 3 and `int64` 3 differ.

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

/// `reflect.DeepEqual(a, b)`: same Go type and recursively equal contents (NaN is never equal).
pub(crate) fn deep_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x, kx), Value::List(y, ky)) => {
            // A nil `[]string` equals only another nil one.
            let nil_x = *kx == ListKind::NilString;
            let nil_y = *ky == ListKind::NilString;
            if nil_x || nil_y {
                return nil_x == nil_y;
            }
            kx == ky && x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| deep_equal(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            // `map[string]string` and `map[string]interface{}` are different types.
            if x.kind() != y.kind() {
                return false;
            }
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| deep_equal(v, w)))
        }
        _ => scalar_eq(a, b),
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
        assert!(deep_equal(
            &Value::list(vec![Value::Int(1)]),
            &Value::list(vec![Value::Int(1)])
        ));
        assert!(!deep_equal(&Value::Int(1), &Value::Int64(1)));
        assert!(deep_equal(&Value::Nil, &Value::Nil));
    }
}
