//! sprigin's dict functions (sprout v1.0.3 `maps` registry, sprigin's `dig`, the `must*`
//! merge and copy variants).
//!
//! `get`, `set`, `unset`, `hasKey` take sprig's order (dict first) or sprout's (dict last);
//! `pick` and `omit` rotate their arguments while the first is a map, which recurses forever
//! (Go `fatal error: stack overflow`) when every argument is a map.
//!
//! Go maps are references: `set`, `unset`, `merge` and `mergeOverwrite` (and the `must*`
//! variants) change the map they are given in place and return that same map, so every holder
//! of it (a variable, a data field) sees the change for the rest of the execution.

use std::rc::Rc;

use super::args::{self, Swallow, Wrapped, arity, arity_at_least, string_at};
use super::cast;
use super::walk_guard;
use crate::template::{
    CallCtx, FuncError, FuncMap, Function, GoType, ListKind, Map, MapRef, Signature, Value,
};

type Outcome = Result<Wrapped, FuncError>;

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    let entries: &[(&'static str, crate::template::NativeFn)] = &[
        ("dict", w_dict),
        ("get", w_get),
        ("set", w_set),
        ("unset", w_unset),
        ("hasKey", w_has_key),
        ("keys", w_keys),
        ("values", w_values),
        ("pluck", w_pluck),
        ("pick", w_pick),
        ("omit", w_omit),
        ("dig", w_dig),
        ("merge", w_merge),
        ("mergeOverwrite", w_merge_overwrite),
        ("deepCopy", w_deep_copy),
    ];
    for (name, call) in entries {
        map.insert(args::wrapped(name, *call));
    }
    let maps: &'static [GoType] = &[GoType::MapAny];
    let any1: &'static [GoType] = &[GoType::Any];
    let typed: &[(
        &'static str,
        &'static [GoType],
        Option<GoType>,
        crate::template::NativeFn,
    )] = &[
        ("mustMerge", maps, Some(GoType::MapAny), m_merge),
        (
            "mustMergeOverwrite",
            maps,
            Some(GoType::MapAny),
            m_merge_overwrite,
        ),
        ("mustDeepCopy", any1, None, m_deep_copy),
    ];
    for (name, params, variadic, call) in typed {
        map.insert(Function {
            name,
            signature: Signature::Typed {
                params,
                variadic: *variadic,
                returns_error: true,
            },
            call: *call,
            nondeterministic: false,
        });
    }
}

fn nil_map() -> Value {
    Value::from(Map::new())
}

/// A Go type-assertion panic, recovered by sprigin's wrapper (→ nil).
fn assertion_panic(v: &Value, want: &str) -> Swallow {
    Swallow::nil(format!(
        "recovered from a panic: interface conversion: interface {{}} is {}, not {want}",
        v.type_name()
    ))
}

/// `dict k v …`: keys as `%v` text, a missing last value is `""`.
fn dict(a: &[Value]) -> Outcome {
    let mut m = Map::new();
    for pair in a.chunks(2) {
        let key = match &pair[0] {
            Value::String(s) => s.to_string(),
            other => cast::sprint(other),
        };
        let value = pair.get(1).cloned().unwrap_or_else(|| Value::from(""));
        m.insert(key, value);
    }
    Ok(Ok(Value::from(m)))
}
wrap!(w_dict, dict);

/// Resolves sprout's two orders for `(dict, key)` functions: `Ok((dict, key))`, or the
/// wrapper's outcome when the arguments fit neither.
///
/// In sprout's order a non-map dict panics in `get`/`hasKey` (a single-value type assertion,
/// → nil) but is an ordinary error in `unset` (`checked`: → the zero map).
fn dict_and_key(a: &[Value], default: Value, checked: bool) -> Result<(&MapRef, &str), Swallow> {
    if a.len() != 2 {
        return Err(Swallow::with(
            default,
            format!("expected 2 arguments, got {}", a.len()),
        ));
    }
    match (&a[0], &a[1]) {
        (Value::Map(m), Value::String(k)) if m.is_any() => Ok((m, k)),
        (Value::Map(m), other) if m.is_any() => Err(assertion_panic(other, "string")),
        (Value::String(k), Value::Map(m)) if m.is_any() => Ok((m, k)),
        (Value::String(_), _) if checked => Err(Swallow::with(
            default,
            "last argument must be a map[string]any",
        )),
        (Value::String(_), other) => Err(assertion_panic(other, "map[string]interface {}")),
        (other, _) => Err(Swallow::with(
            default,
            format!("expected map or string, got {}", other.type_name()),
        )),
    }
}

fn get(a: &[Value]) -> Outcome {
    Ok(dict_and_key(a, Value::from(""), false).map(|(m, k)| {
        m.borrow()
            .get(k)
            .cloned()
            .unwrap_or_else(|| Value::from(""))
    }))
}
wrap!(w_get, get);

fn has_key(a: &[Value]) -> Outcome {
    Ok(dict_and_key(a, Value::Bool(false), false)
        .map(|(m, k)| Value::Bool(m.borrow().contains_key(k))))
}
wrap!(w_has_key, has_key);

fn unset(a: &[Value]) -> Outcome {
    Ok(dict_and_key(a, nil_map(), true).map(|(m, k)| {
        // Go's `delete(dict, key)`: in place. No other borrow of `m` is alive here.
        m.borrow_mut().remove(k);
        Value::Map(m.clone())
    }))
}
wrap!(w_unset, unset);

fn set(a: &[Value]) -> Outcome {
    Ok((|| {
        if a.len() != 3 {
            return Err(Swallow::with(
                nil_map(),
                format!("expected 3 arguments, got {}", a.len()),
            ));
        }
        let (m, k, v) = match (&a[0], &a[1], &a[2]) {
            (Value::Map(m), Value::String(k), v) if m.is_any() => (m, k, v),
            (Value::Map(m), other, _) if m.is_any() => {
                return Err(assertion_panic(other, "string"));
            }
            (Value::String(k), v, Value::Map(m)) if m.is_any() => (m, k, v),
            (Value::String(_), _, _) => {
                return Err(Swallow::with(
                    nil_map(),
                    "last argument must be a map[string]any",
                ));
            }
            (other, _, _) => {
                return Err(Swallow::with(
                    nil_map(),
                    format!("expected map or string, got {}", other.type_name()),
                ));
            }
        };
        // Go's `dict[key] = value`: in place. No other borrow of `m` is alive here (cloning
        // `v` copies a reference even when it is `m` itself).
        m.borrow_mut().insert(k.to_string(), v.clone());
        Ok(Value::Map(m.clone()))
    })())
}
wrap!(w_set, set);

/// A `map[string]interface{}` parameter of a wrapped function: nil is an empty map; any other
/// type, a `map[string]string` included, is not assignable (→ nil).
fn map_at(a: &[Value], i: usize) -> Result<Option<&MapRef>, Swallow> {
    match a.get(i) {
        Some(Value::Map(m)) if m.is_any() => Ok(Some(m)),
        Some(Value::Nil) | None => Ok(None),
        Some(other) => Err(Swallow::nil(format!(
            "argument {} has type {}, the function wants map[string]interface {{}}",
            i + 1,
            other.type_name()
        ))),
    }
}

/// `keys`: every key of every map (Go's order is random; ours is sorted per map).
fn keys(a: &[Value]) -> Outcome {
    Ok((|| {
        let mut out = Vec::new();
        for i in 0..a.len() {
            if let Some(m) = map_at(a, i)? {
                out.extend(m.borrow().keys().map(|k| Value::from(k.as_str())));
            }
        }
        Ok(Value::List(Rc::new(out), ListKind::String))
    })())
}
wrap!(w_keys, keys);

fn values(a: &[Value]) -> Outcome {
    Ok((|| {
        let mut out = Vec::new();
        for i in 0..a.len() {
            if let Some(m) = map_at(a, i)? {
                out.extend(m.borrow().values().cloned());
            }
        }
        Ok(Value::list(out))
    })())
}
wrap!(w_values, values);

fn pluck(a: &[Value]) -> Outcome {
    Ok((|| {
        arity_at_least(a, 1)?;
        let key = string_at(a, 0)?;
        let mut out = Vec::new();
        for i in 1..a.len() {
            if let Some(v) = map_at(a, i)?.and_then(|m| m.borrow().get(&*key).cloned()) {
                out.push(v);
            }
        }
        Ok(Value::list(out))
    })())
}
wrap!(w_pluck, pluck);

/// The keys and the dict of a `pick`/`omit` call, or the wrapper's outcome.
type KeysAndDict = Result<(Vec<Rc<str>>, MapRef), Swallow>;

/// sprout's `pick`/`omit` argument handling: rotate while the first argument is a map, then
/// `keys…, dict`.
fn keys_and_dict(name: &str, a: &[Value]) -> Result<KeysAndDict, FuncError> {
    if a.len() < 2 {
        return Ok(Err(Swallow::with(
            nil_map(),
            super::lists::args_count(2, a.len()),
        )));
    }
    let Some(k) = a.iter().position(|v| v.as_map_any().is_none()) else {
        return Err(super::lists::stack_overflow(name, "a map"));
    };
    let rotated: Vec<&Value> = a[k..].iter().chain(a[..k].iter()).collect();
    let (last, keys) = match rotated.split_last() {
        Some(x) => x,
        None => return Ok(Err(Swallow::with(nil_map(), "no arguments"))),
    };
    if !matches!(keys.first(), Some(Value::String(_))) {
        return Ok(Err(Swallow::with(
            nil_map(),
            format!(
                "expected map or string, got {}",
                keys.first().map_or("<nil>", |v| v.type_name())
            ),
        )));
    }
    let Some(dict) = last.as_map_any() else {
        return Ok(Err(Swallow::with(
            nil_map(),
            "last argument must be a map[string]any",
        )));
    };
    let mut names = Vec::with_capacity(keys.len());
    for key in keys {
        match key {
            Value::String(s) => names.push(s.clone()),
            _ => return Ok(Err(Swallow::with(nil_map(), "all keys must be strings"))),
        }
    }
    Ok(Ok((names, dict.clone())))
}

fn pick(a: &[Value]) -> Outcome {
    Ok(keys_and_dict("pick", a)?.map(|(names, dict)| {
        let mut out = Map::new();
        let dict = dict.borrow();
        for n in names {
            if let Some(v) = dict.get(&*n) {
                out.insert(n.to_string(), v.clone());
            }
        }
        Value::from(out)
    }))
}
wrap!(w_pick, pick);

fn omit(a: &[Value]) -> Outcome {
    Ok(keys_and_dict("omit", a)?.map(|(names, dict)| {
        let out: Map = dict
            .borrow()
            .iter()
            .filter(|(k, _)| !names.iter().any(|n| **n == ***k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Value::from(out)
    }))
}
wrap!(w_omit, omit);

/// sprigin's `dig k1 … kn default dict`: keys are split on dots; the default replaces a
/// missing key, a nil value and a non-map on the way.
fn dig(a: &[Value]) -> Outcome {
    Ok((|| {
        if a.len() < 3 {
            return Err(Swallow::nil(
                "dig requires at least three arguments: a sequence of keys, a default value, and a dictionary",
            ));
        }
        let n = a.len();
        let Some(dict) = a[n - 1].as_map_any() else {
            return Err(Swallow::nil("last argument must be a map[string]any"));
        };
        let default = &a[n - 2];
        let key_args = &a[..n - 2];
        if let Some((i, bad)) = key_args
            .iter()
            .enumerate()
            .find(|(_, k)| !matches!(k, Value::String(_)))
        {
            return Err(Swallow::nil(format!(
                "cannot parse keys: all keys must be strings, got {} at position {i}",
                bad.type_name()
            )));
        }
        let mut parts = key_args
            .iter()
            .filter_map(Value::as_str)
            .flat_map(|k| k.split('.'))
            .peekable();
        let mut current: MapRef = dict.clone();
        while let Some(part) = parts.next() {
            let found = current.borrow().get(part).cloned();
            let Some(value) = found else {
                return Ok(default.clone());
            };
            if parts.peek().is_none() {
                return Ok(if matches!(value, Value::Nil) {
                    default.clone()
                } else {
                    value
                });
            }
            // sprout's `value.(map[string]any)`: a `map[string]string` is not one either.
            match value {
                Value::Map(m) if m.is_any() => current = m,
                _ => return Ok(default.clone()),
            }
        }
        Ok(default.clone())
    })())
}
wrap!(w_dig, dig);

/// How deep [`merge_into`] follows nested maps. mergo has no limit but a map that (through
/// `set`) contains itself would recurse forever; no real template nests maps this deep.
const MAX_MERGE_DEPTH: usize = 512;

/// mergo 1.0 `Merge(&dst, src, WithoutDereference[, WithOverride])` on
/// `map[string]interface{}`, in place: nested maps present on both sides merge recursively
/// into the destination's own nested map; without override a key is filled only when missing
/// or nil in `dst` (0 and "" stay), and nil source values are skipped; with override every
/// source value wins. A source value stored into `dst` is the same reference (a nested map
/// copied over stays shared with the source, as in Go).
///
/// `src` is a copy of the source entries, so `dst` may be the source map itself.
pub(crate) fn merge_into(dst: &MapRef, src: Map, overwrite: bool, depth: usize) {
    for (k, sv) in src {
        if matches!(sv, Value::Nil) {
            if overwrite {
                dst.borrow_mut().insert(k, Value::Nil);
            }
            continue;
        }
        let dst_entry = dst.borrow().get(&k).cloned();
        if let (Value::Map(sm), Some(Value::Map(dm))) = (&sv, &dst_entry) {
            if !sm.ptr_eq(dm) && depth < MAX_MERGE_DEPTH {
                merge_into(dm, sm.to_map(), overwrite, depth + 1);
            }
            continue;
        }
        let dst_empty = matches!(dst_entry, None | Some(Value::Nil));
        if overwrite || dst_empty {
            dst.borrow_mut().insert(k, sv);
        }
    }
}

fn merge_values(a: &[Value], overwrite: bool) -> Wrapped {
    arity_at_least(a, 1)?;
    // Go's sprout checks every argument's type before merging anything (they are typed
    // parameters of the function).
    for i in 1..a.len() {
        map_at(a, i)?;
    }
    let dst = match map_at(a, 0)? {
        Some(m) => m.clone(),
        None => MapRef::new(Map::new()),
    };
    for i in 1..a.len() {
        if let Some(src) = map_at(a, i)? {
            merge_into(&dst, src.to_map(), overwrite, 0);
        }
    }
    Ok(Value::Map(dst))
}

fn merge(a: &[Value]) -> Outcome {
    Ok(merge_values(a, false))
}
wrap!(w_merge, merge);

fn merge_overwrite(a: &[Value]) -> Outcome {
    Ok(merge_values(a, true))
}
wrap!(w_merge_overwrite, merge_overwrite);

fn deep_copy(a: &[Value]) -> Outcome {
    walk_guard::guard("deepCopy", a)?;
    Ok((|| {
        arity(a, 1)?;
        if matches!(a[0], Value::Nil) {
            return Err(Swallow::nil("value cannot be nil"));
        }
        Ok(a[0].deep_copy())
    })())
}
wrap!(w_deep_copy, deep_copy);

fn m_merge_with(a: &[Value], overwrite: bool) -> Result<Value, FuncError> {
    merge_values(a, overwrite).map_err(|s| FuncError::Call(s.message))
}

fn m_merge(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    m_merge_with(a, false)
}

fn m_merge_overwrite(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    m_merge_with(a, true)
}

fn m_deep_copy(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    walk_guard::guard("mustDeepCopy", a)?;
    match a.first() {
        None | Some(Value::Nil) => Err(FuncError::Call("value cannot be nil".into())),
        Some(v) => Ok(v.deep_copy()),
    }
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_engine::{check, check_types};

    /// Measured (`nil-dictfns`, `dict-hasKey`, `dict-set`, `get-types`) and oracle.
    #[test]
    fn get_set_unset_has_key_both_orders() {
        check(&[
            ("get .m \"a\"", "1"),
            ("get .m \"zz\"", ""),
            ("get nil \"a\"", ""),
            ("get \"a\" .m", "1"),
            ("get .m 1", "<no value>"),
            ("get \"a\" .s", "<no value>"),
            ("hasKey .m \"a\"", "true"),
            ("hasKey .m \"z\"", "false"),
            ("hasKey .nested \"nn\"", "true"),
            ("hasKey .l \"a\"", "false"),
            ("hasKey .m 1", "<no value>"),
            ("hasKey nil \"a\"", "false"),
            ("hasKey \"b\" .m", "true"),
            ("set (dict \"a\" 1) \"b\" 2", "map[a:1 b:2]"),
            ("set (dict \"a\" 1 \"b\" 2) \"a\" nil", "map[a:<nil> b:2]"),
            ("set .s \"a\" 1", "map[]"),
            ("set (dict \"a\" 1) 1 2", "<no value>"),
            ("set nil \"a\" 1", "map[]"),
            ("set \"k\" 1 (dict)", "map[k:1]"),
            ("unset nil \"a\"", "map[]"),
            ("unset .m \"a\"", "map[b:2 c:3]"),
            ("unset \"b\" .m", "map[a:1 c:3]"),
            ("unset \"b\" .s", "map[]"),
            ("hasKey \"b\" .s", "<no value>"),
            ("get \"b\" nil", "<no value>"),
        ]);
        check_types(&[("get .m \"a\"", "int64"), ("get .m \"zz\"", "string")]);
    }

    /// Measured (`dict-pick-omit`, `pick-types`, `nil-dictfns`).
    #[test]
    fn pick_and_omit() {
        check(&[
            ("pick .m \"a\" \"c\" \"zz\"", "map[a:1 c:3]"),
            ("omit .m \"a\"", "map[b:2 c:3]"),
            ("pick .m", "map[]"),
            ("omit .m \"a\" \"b\" \"c\"", "map[]"),
            ("pick .s \"a\"", "map[]"),
            ("pick .m 1", "map[]"),
            ("pick nil \"a\"", "map[]"),
            ("omit nil \"a\"", "map[]"),
            ("pick \"a\" .m", "map[a:1]"),
            ("pick .m .m", "FATAL"),
            ("omit .m .m", "FATAL"),
        ]);
        check_types(&[("pick .m \"a\"", "map[string]interface {}")]);
    }

    /// Measured (`dig-nonmap`, `dig-on-nil`, `dig-default-types`) and oracle.
    #[test]
    fn dig() {
        check(&[
            ("dig \"x\" \"y\" \"z\" \"q\" \"d\" .nested", "d"),
            ("dig \"lst\" \"a\" \"d\" .nested", "d"),
            ("dig \"x\" \"y\" \"z\" \"d\" .nested", "deep"),
            ("dig \"x.y.z\" \"d\" .nested", "deep"),
            ("dig \"nn\" \"d\" .nested", "d"),
            ("dig \"a\" \"d\" nil", "<no value>"),
            ("dig \"a\" \"d\" .missing", "<no value>"),
            ("dig \"a\" \"d\" .s", "<no value>"),
            ("dig \"a\" \"d\" .l", "<no value>"),
            ("dig \"a\" .m", "<no value>"),
            ("dig 1 \"d\" .m", "<no value>"),
            ("dig \"a\" \"b\" \"d\" (dict \"a\" (dict \"b\" 1))", "1"),
            ("dig \"a\" \"x\" \"d\" (dict \"a\" (dict \"b\" 1))", "d"),
            ("dig \"a\" \"d\" (dict \"a\" false)", "false"),
            ("dig \"a\" \"d\" (dict \"a\" \"\")", ""),
        ]);
        check_types(&[
            ("dig \"a\" 5 .m", "int64"),
            ("dig \"zz\" 5 .m", "int"),
            ("dig \"zz\" nil .m", "<nil>"),
        ]);
    }

    /// Measured (`dict-values`, `nil-values`, `pluck-types`) and oracle.
    #[test]
    fn dict_keys_values_pluck() {
        check(&[
            ("dict \"a\" 1 \"b\"", "map[a:1 b:]"),
            ("dict 1 2", "map[1:2]"),
            ("dict", "map[]"),
            ("keys (dict \"a\" 1)", "[a]"),
            ("keys nil", "[]"),
            ("keys .l", "<no value>"),
            ("keys .m", "[a b c]"),
            ("values .em", "[]"),
            ("values nil", "[]"),
            ("values .el", "<no value>"),
            ("values .s", "<no value>"),
            ("sortAlpha (values .m)", "[1 2 3]"),
            (
                "pluck \"a\" (dict \"a\" 1) (dict \"b\" 2) (dict \"a\" 3)",
                "[1 3]",
            ),
            ("pluck \"name\" .users", "<no value>"),
            ("pluck \"name\" (first .users) (last .users)", "[al cy]"),
        ]);
        check_types(&[("keys .m", "[]string"), ("values .m", "[]interface {}")]);
    }

    /// Measured (`merge-bad`, `nil-dictfns`, `dict-mustDeepCopy-nil`), sprigin.md's mergo rule,
    /// and the oracle where sprig agrees.
    #[test]
    fn merge_and_deep_copy() {
        check(&[
            ("merge .s .m", "<no value>"),
            ("merge .m .s", "<no value>"),
            ("merge .m", "map[a:1 b:2 c:3]"),
            ("merge nil .m", "map[a:1 b:2 c:3]"),
            ("mergeOverwrite nil .m", "map[a:1 b:2 c:3]"),
            (
                "merge (dict \"a\" 1) (dict \"a\" 2 \"b\" 3)",
                "map[a:1 b:3]",
            ),
            (
                "mergeOverwrite (dict \"a\" 1) (dict \"a\" 2 \"b\" 3)",
                "map[a:2 b:3]",
            ),
            (
                "merge (dict \"b\" 0 \"c\" \"\") (dict \"b\" 2 \"c\" \"x\")",
                "map[b:0 c:]",
            ),
            ("merge (dict \"b\" nil) (dict \"b\" 2)", "map[b:2]"),
            (
                "mergeOverwrite .d1 .d2",
                "map[a:map[x:1 y:20 z:30] k:d2 l:[2 3] n:<nil>]",
            ),
            ("merge .d1 .d2", "map[a:map[x:1 y:2 z:30] k:d1 l:[1]]"),
            ("mustMerge .m (dict \"z\" 1)", "map[a:1 b:2 c:3 z:1]"),
            ("deepCopy (dict \"a\" (list 1))", "map[a:[1]]"),
            ("deepCopy nil", "<no value>"),
            ("mustDeepCopy nil", "ERR: value cannot be nil"),
            ("mustDeepCopy .l", "[b a c a]"),
        ]);
    }
}
