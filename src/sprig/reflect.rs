//! sprigin's reflection functions (sprout v1.0.3 `reflect` registry): Go type names as `%T`
//! prints them, reflect kinds, struct fields, `reflect.DeepEqual`.

use super::args::{self, Swallow, Wrapped, arity, string_at};
use super::equality::deep_equal;
use super::walk_guard;
use crate::template::{CallCtx, FuncError, FuncMap, Kind, Value};

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    let entries: &[(&'static str, crate::template::NativeFn)] = &[
        ("typeIs", w_type_is),
        ("typeIsLike", w_type_is_like),
        ("typeOf", w_type_of),
        ("kindIs", w_kind_is),
        ("kindOf", w_kind_of),
        ("hasField", w_has_field),
        ("deepEqual", w_deep_equal),
    ];
    for (name, call) in entries {
        map.insert(args::wrapped(name, *call));
    }
}

fn type_is(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let target = string_at(a, 0)?;
    Ok(Value::Bool(*target == *a[1].type_name()))
}
wrap!(w_type_is, type_is);

fn type_is_like(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let target = string_at(a, 0)?;
    let t = a[1].type_name();
    Ok(Value::Bool(
        *target == *t || t.strip_prefix('*').is_some_and(|rest| rest == &*target),
    ))
}
wrap!(w_type_is_like, type_is_like);

fn type_of(a: &[Value]) -> Wrapped {
    arity(a, 1)?;
    Ok(Value::from(a[0].type_name()))
}
wrap!(w_type_of, type_of);

/// `kindOf`: nil is an error in sprout (→ `""`).
fn kind_of(a: &[Value]) -> Wrapped {
    arity(a, 1)?;
    match a[0].kind() {
        Kind::Invalid => Err(Swallow::with(Value::from(""), "value must not be nil")),
        k => Ok(Value::from(k.name())),
    }
}
wrap!(w_kind_of, kind_of);

fn kind_is(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let target = string_at(a, 0)?;
    match a[1].kind() {
        Kind::Invalid => Err(Swallow::with(Value::Bool(false), "value must not be nil")),
        k => Ok(Value::Bool(*target == *k.name())),
    }
}
wrap!(w_kind_is, kind_is);

/// `hasField name v`: whether a struct (or pointer to one) has that field.
fn has_field(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let name = string_at(a, 0)?;
    match &a[1] {
        Value::Object(o) if !o.is_nil() && matches!(o.kind(), Kind::Struct | Kind::Ptr) => {
            Ok(Value::Bool(o.field(&name).is_some()))
        }
        _ => Err(Swallow::with(
            Value::Bool(false),
            "last argument must be a struct",
        )),
    }
}
wrap!(w_has_field, has_field);

fn w_deep_equal(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let r = match arity(a, 2) {
        Err(e) => Err(e),
        Ok(()) => Ok(Value::Bool(
            deep_equal(&a[0], &a[1]).map_err(|_| walk_guard::too_deep("deepEqual"))?,
        )),
    };
    args::finish(ctx, r)
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_engine::check;

    /// Measured (`kindOf`, `nil-typeOf`, `deepEqual`, `typeOf-funcs`) and oracle.
    #[test]
    fn types_and_kinds() {
        check(&[
            ("kindOf .n", "int64"),
            ("kindOf .f", "float64"),
            ("kindOf .s", "string"),
            ("kindOf .t", "bool"),
            ("kindOf .nil", ""),
            ("kindOf .l", "slice"),
            ("kindOf .m", "map"),
            ("kindOf 1", "int"),
            ("kindOf .missing", ""),
            ("kindIs \"slice\" (list)", "true"),
            ("kindIs \"invalid\" nil", "false"),
            ("kindIs \"int\" .n", "false"),
            ("typeOf .nil", "<nil>"),
            ("typeOf .el", "[]interface {}"),
            ("typeOf .em", "map[string]interface {}"),
            ("typeOf .s", "string"),
            ("typeOf .n", "int64"),
            ("typeOf (until 2)", "[]int"),
            ("typeIs \"int\" 1", "true"),
            ("typeIs \"int\" .n", "false"),
            ("typeIs 1 1", "<no value>"),
            ("typeIsLike \"int\" 1", "true"),
            ("typeIsLike \"uint\" (fail \"x\")", "true"),
            ("typeIsLike \"string\" 1", "false"),
        ]);
    }

    #[test]
    fn deep_equal_and_has_field() {
        check(&[
            ("deepEqual .l .l", "true"),
            ("deepEqual 1 .n", "false"),
            ("deepEqual (list 1) (list 1)", "true"),
            ("deepEqual nil nil", "true"),
            ("deepEqual .m (dict \"a\" 1 \"b\" 2 \"c\" 3)", "false"),
            ("deepEqual (dict \"a\" 1) (dict \"a\" 1)", "true"),
            ("deepEqual 1", "<no value>"),
            ("hasField \"a\" .m", "false"),
            ("hasField \"X\" nil", "false"),
            ("hasField 1 .m", "<no value>"),
        ]);
    }
}
