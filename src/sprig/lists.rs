//! sprigin's list functions (sprout v1.0.3 `slices` registry, sprig aliases `push`/`tuple`,
//! and the `must*` variants).
//!
//! A `must*` name is the same Go function without sprigin's error-swallowing wrapper.
//!
//! `append`, `prepend`, `slice` and `without` accept both sprig's order (list first) and
//! sprout's (list last): sprout rotates the arguments while the first one is a list or nil.
//! When every argument is a list or nil that rotation never ends and Go dies with
//! `fatal error: stack overflow`; we stop the render with [`FuncError::Fatal`] instead.

use std::rc::Rc;

use super::args::{self, Swallow, Wrapped, arity, int_at};
use super::cast;
use super::defaults::is_empty;
use super::equality::{TooDeep, deep_equal, go_eq, unhashable_message};
use super::strings::str_slice;
use super::walk_guard;
use crate::template::{CallCtx, FuncError, FuncMap, Function, GoType, ListKind, Signature, Value};

/// A wrapped body that may also abort the render (sprout's infinite recursion).
type Outcome = Result<Wrapped, FuncError>;

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    let entries: &[(&'static str, crate::template::NativeFn)] = &[
        ("list", w_list),
        ("tuple", w_list),
        ("append", w_append),
        ("push", w_append),
        ("prepend", w_prepend),
        ("concat", w_concat),
        ("chunk", w_chunk),
        ("uniq", w_uniq),
        ("compact", w_compact),
        ("flatten", w_flatten),
        ("flattenDepth", w_flatten_depth),
        ("slice", w_slice),
        ("has", w_has),
        ("without", w_without),
        ("rest", w_rest),
        ("initial", w_initial),
        ("first", w_first),
        ("last", w_last),
        ("reverse", w_reverse),
        ("sortAlpha", w_sort_alpha),
    ];
    for (name, call) in entries {
        map.insert(args::wrapped(name, *call));
    }
    let any2: &'static [GoType] = &[GoType::Any, GoType::Any];
    let any1: &'static [GoType] = &[GoType::Any];
    let none: &'static [GoType] = &[];
    let int_any: &'static [GoType] = &[GoType::Int, GoType::Any];
    let typed: &[(
        &'static str,
        &'static [GoType],
        Option<GoType>,
        crate::template::NativeFn,
    )] = &[
        ("mustAppend", none, Some(GoType::Any), m_append),
        ("mustPrepend", none, Some(GoType::Any), m_prepend),
        ("mustChunk", int_any, None, m_chunk),
        ("mustUniq", any1, None, m_uniq),
        ("mustCompact", any1, None, m_compact),
        ("mustSlice", none, Some(GoType::Any), m_slice),
        ("mustHas", any2, None, m_has),
        ("mustWithout", none, Some(GoType::Any), m_without),
        ("mustRest", any1, None, m_rest),
        ("mustInitial", any1, None, m_initial),
        ("mustFirst", any1, None, m_first),
        ("mustLast", any1, None, m_last),
        ("mustReverse", any1, None, m_reverse),
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

fn any_list(items: Vec<Value>) -> Value {
    Value::List(Rc::new(items), ListKind::Any)
}

fn empty_list() -> Value {
    any_list(Vec::new())
}

fn is_list_or_nil(v: &Value) -> bool {
    matches!(v, Value::List(..) | Value::Nil)
}

/// sprout's `deprecated.ErrArgsCount`.
pub(crate) fn args_count(expected: usize, got: usize) -> String {
    format!("expected {expected} arguments, got {got}")
}

/// The message for sprout's unbounded recursion.
pub(crate) fn stack_overflow(name: &str, what: &str) -> FuncError {
    FuncError::Fatal(format!(
        "{name}: every argument is {what}; sprout v1.0.3 keeps rotating such arguments to find \
         the new argument order and recurses until Go aborts with \"fatal error: stack \
         overflow\" (this would crash Capsule's controller)"
    ))
}

/// sprout's argument rotation: while the first argument is a list or nil, move it to the end.
fn rotate(name: &str, a: &[Value]) -> Result<Vec<Value>, FuncError> {
    match a.iter().position(|v| !is_list_or_nil(v)) {
        Some(k) => {
            let mut v = a[k..].to_vec();
            v.extend_from_slice(&a[..k]);
            Ok(v)
        }
        None => Err(stack_overflow(name, "a list or nil")),
    }
}

/// The errors of the `must*` bodies, in sprout's words.
fn kind_name(v: &Value) -> &'static str {
    v.kind().name()
}

fn must_append(list: &Value, v: &Value) -> Result<Value, String> {
    match list {
        Value::Nil => Err("cannot append to nil".into()),
        Value::List(items, _) => {
            let mut out = Vec::with_capacity(items.len() + 1);
            out.extend(items.iter().cloned());
            out.push(v.clone());
            Ok(any_list(out))
        }
        other => Err(format!("cannot append on type {}", kind_name(other))),
    }
}

fn must_prepend(list: &Value, v: &Value) -> Result<Value, String> {
    match list {
        Value::Nil => Err("cannot prepend to nil".into()),
        Value::List(items, _) => {
            let mut out = Vec::with_capacity(items.len() + 1);
            out.push(v.clone());
            out.extend(items.iter().cloned());
            Ok(any_list(out))
        }
        other => Err(format!("cannot prepend on type {}", kind_name(other))),
    }
}

fn list(a: &[Value]) -> Outcome {
    Ok(Ok(any_list(a.to_vec())))
}
wrap!(w_list, list);

/// A Go function's result: the value, or its error text (panics recovered by sprout's
/// `safecall` start with "cannot safecall"), or a crash we refuse to reproduce.
type Core = Result<Result<Value, String>, FuncError>;

/// sprout's `append`/`prepend` (`args ...any`, exactly two): rotated while the first argument is
/// a list or nil, then `(value, list)`.
fn append_core(a: &[Value], name: &str, f: fn(&Value, &Value) -> Result<Value, String>) -> Core {
    if a.len() != 2 {
        return Ok(Err(args_count(2, a.len())));
    }
    let r = rotate(name, a)?;
    Ok(f(&r[1], &r[0]))
}

fn append(a: &[Value]) -> Outcome {
    Ok(list_or_nil(append_core(a, "append", must_append)?))
}
wrap!(w_append, append);

fn prepend(a: &[Value]) -> Outcome {
    Ok(list_or_nil(append_core(a, "prepend", must_prepend)?))
}
wrap!(w_prepend, prepend);

fn concat(a: &[Value]) -> Outcome {
    let mut out = Vec::new();
    for v in a {
        if let Value::List(items, _) = v {
            out.extend(items.iter().cloned());
        }
    }
    Ok(Ok(any_list(out)))
}
wrap!(w_concat, concat);

/// sprout's `Chunk(size, list)`, with Go's integer arithmetic (a zero size divides by zero, a
/// negative one asks `make` for a negative length: both panic).
fn must_chunk(size: i64, list: &Value) -> Result<Value, String> {
    let panic = |what: &str| {
        format!("cannot safecall function: recovered from a panic: runtime error: {what}")
    };
    let items = match list {
        Value::Nil => return Err("cannot chunk nil".into()),
        Value::List(items, _) => items,
        other => return Err(format!("cannot chunk type {}", kind_name(other))),
    };
    if size == 0 {
        return Err(panic("integer divide by zero"));
    }
    let len = items.len() as i64;
    let count = (len + size - 1) / size;
    if count < 0 {
        return Err(panic("makeslice: len out of range"));
    }
    let mut chunks = Vec::with_capacity(count.min(len + 1) as usize);
    for i in 0..count {
        let start = i * size;
        let end = (start + size).min(len);
        if end < start {
            return Err(panic("makeslice: len out of range"));
        }
        let Some(part) = items.get(start as usize..end as usize) else {
            return Err(panic("index out of range"));
        };
        chunks.push(any_list(part.to_vec()));
    }
    Ok(any_list(chunks))
}

fn chunk(a: &[Value]) -> Outcome {
    Ok((|| {
        arity(a, 2)?;
        let size = int_at(a, 0)?;
        list_or_nil(must_chunk(size, &a[1]))
    })())
}
wrap!(w_chunk, chunk);

fn must_uniq(list: &Value) -> Result<Value, String> {
    let items = match list {
        Value::Nil => return Err("cannot uniq nil".into()),
        Value::List(items, _) => items,
        other => return Err(format!("cannot find uniq on type {}", kind_name(other))),
    };
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    for item in items.iter() {
        if matches!(item, Value::List(..) | Value::Map(_)) {
            return Err(format!(
                "cannot safecall function: recovered from a panic: {}",
                unhashable_message(item)
            ));
        }
        let mut seen = false;
        for o in &out {
            if go_eq(o, item).unwrap_or(false) {
                seen = true;
                break;
            }
        }
        if !seen {
            out.push(item.clone());
        }
    }
    Ok(any_list(out))
}

/// For the wrapped forms: a panic (message starting with "cannot safecall") yields nil, an
/// ordinary error the empty list.
fn list_or_nil(r: Result<Value, String>) -> Wrapped {
    r.map_err(|e| {
        if e.starts_with("cannot safecall") {
            Swallow::nil(e)
        } else {
            Swallow::with(empty_list(), e)
        }
    })
}

fn uniq(a: &[Value]) -> Outcome {
    Ok(arity(a, 1).and_then(|()| list_or_nil(must_uniq(&a[0]))))
}
wrap!(w_uniq, uniq);

fn must_compact(list: &Value) -> Result<Value, String> {
    match list {
        Value::Nil => Err("cannot compact nil".into()),
        Value::List(items, _) => Ok(any_list(
            items.iter().filter(|v| !is_empty(v)).cloned().collect(),
        )),
        other => Err(format!("cannot compact on type {}", kind_name(other))),
    }
}

fn compact(a: &[Value]) -> Outcome {
    Ok(arity(a, 1).and_then(|()| list_or_nil(must_compact(&a[0]))))
}
wrap!(w_compact, compact);

/// Depth-first, with an explicit stack: a list nested 100000 levels deep (built in a template
/// loop) flattens in Go and must not overflow our stack.
fn flatten_into(items: &[Value], depth: i64, out: &mut Vec<Value>) {
    let mut stack: Vec<(std::slice::Iter<'_, Value>, i64)> = vec![(items.iter(), depth)];
    while let Some((iter, d)) = stack.last_mut() {
        let d = *d;
        match iter.next() {
            None => {
                stack.pop();
            }
            Some(Value::List(inner, _)) if d != 0 => stack.push((inner.iter(), d - 1)),
            Some(other) => out.push(other.clone()),
        }
    }
}

fn flatten_value(depth: i64, list: &Value) -> Value {
    let mut out = Vec::new();
    if let Value::List(items, _) = list {
        flatten_into(items, depth, &mut out);
    }
    any_list(out)
}

fn flatten(a: &[Value]) -> Outcome {
    Ok(arity(a, 1).map(|()| flatten_value(-1, &a[0])))
}
wrap!(w_flatten, flatten);

fn flatten_depth(a: &[Value]) -> Outcome {
    Ok((|| {
        arity(a, 2)?;
        let depth = int_at(a, 0)?;
        Ok(flatten_value(depth, &a[1]))
    })())
}
wrap!(w_flatten_depth, flatten_depth);

/// sprout's `MustSlice(list, indices...)`: indices through `cast.ToInt`; an empty list gives
/// nil; the result keeps the list's Go type.
fn must_slice(list: &Value, indices: &[Value]) -> Result<Value, String> {
    let (items, kind) = match list {
        Value::Nil => return Err("cannot slice nil".into()),
        Value::List(items, kind) => (items, *kind),
        other => {
            return Err(format!(
                "last argument must be a slice but got {}",
                other.type_name()
            ));
        }
    };
    let len = items.len() as i64;
    if len == 0 {
        return Ok(Value::Nil);
    }
    let mut start = 0;
    let mut end = len;
    if let Some(s) = indices.first() {
        start = cast::to_int64(s).unwrap_or(0);
        if start < 0 || start > len {
            return Err("start index out of bounds".into());
        }
    }
    if let Some(e) = indices.get(1) {
        end = cast::to_int64(e).unwrap_or(0);
        if end < start || end > len {
            return Err("end index out of bounds".into());
        }
    }
    Ok(Value::List(
        Rc::new(items[start as usize..end as usize].to_vec()),
        kind,
    ))
}

/// sprout's `slice` (`args ...any`, list last): a single argument is returned as it is; with
/// more, rotated while the first argument is a list or nil.
fn slice_core(a: &[Value]) -> Core {
    match a {
        [] => Ok(Err(args_count(2, 0))),
        [only] => Ok(Ok(only.clone())),
        _ => {
            let r = rotate("slice", a)?;
            match r.split_last() {
                Some((list, indices)) => Ok(must_slice(list, indices)),
                None => Ok(Err(args_count(2, 0))),
            }
        }
    }
}

fn slice(a: &[Value]) -> Outcome {
    Ok(match slice_core(a)? {
        Ok(v) => Ok(v),
        // No arguments: sprout returns an empty []any next to the error.
        Err(e) if a.is_empty() => Err(Swallow::with(empty_list(), e)),
        Err(e) => Err(Swallow::nil(e)),
    })
}
wrap!(w_slice, slice);

/// sprout's `Has`: `reflect.DeepEqual` against each element. The outer error is a walk too deep
/// for us (a render error); the inner one sprout's own (swallowed by `has`).
fn must_has(element: &Value, list: &Value) -> Result<Result<bool, String>, TooDeep> {
    Ok(match list {
        Value::Nil => Ok(false),
        Value::List(items, _) => {
            for i in items.iter() {
                if deep_equal(element, i)? {
                    return Ok(Ok(true));
                }
            }
            Ok(false)
        }
        other => Err(format!("cannot find has on type {}", kind_name(other))),
    })
}

fn has(a: &[Value]) -> Outcome {
    if let Err(e) = arity(a, 2) {
        return Ok(Err(e));
    }
    let found = must_has(&a[0], &a[1]).map_err(|TooDeep| walk_guard::too_deep("has"))?;
    Ok(found
        .map(Value::Bool)
        .map_err(|e| Swallow::with(Value::Bool(false), e)))
}
wrap!(w_has, has);

fn must_without(list: &Value, omit: &[Value]) -> Result<Value, String> {
    let items = match list {
        Value::Nil => return Err("cannot without nil".into()),
        Value::List(items, _) => items,
        other => {
            return Err(format!(
                "last argument must be a slice but got {}",
                other.type_name()
            ));
        }
    };
    let panic = |v: &Value| {
        format!(
            "cannot safecall function: recovered from a panic: {}",
            unhashable_message(v)
        )
    };
    if let Some(bad) = omit
        .iter()
        .find(|v| matches!(v, Value::List(..) | Value::Map(_)))
    {
        return Err(panic(bad));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items.iter() {
        if matches!(item, Value::List(..) | Value::Map(_)) {
            return Err(panic(item));
        }
        if !omit.iter().any(|o| go_eq(o, item).unwrap_or(false)) {
            out.push(item.clone());
        }
    }
    Ok(any_list(out))
}

/// sprout's `without` (`args ...any`, list last), rotated while the first argument is a list
/// or nil.
fn without_core(a: &[Value]) -> Core {
    if a.len() < 2 {
        return Ok(Err(args_count(2, a.len())));
    }
    let r = rotate("without", a)?;
    match r.split_last() {
        Some((list, omit)) => Ok(must_without(list, omit)),
        None => Ok(Err(args_count(2, a.len()))),
    }
}

fn without(a: &[Value]) -> Outcome {
    Ok(list_or_nil(without_core(a)?))
}
wrap!(w_without, without);

fn must_rest(list: &Value, name: &str, keep: fn(&[Value]) -> &[Value]) -> Result<Value, String> {
    match list {
        Value::Nil => Err(format!("cannot {name} nil")),
        Value::List(items, _) if items.is_empty() => Ok(empty_list()),
        Value::List(items, _) => Ok(any_list(keep(items).to_vec())),
        other => Err(format!("cannot find {name} on type {}", kind_name(other))),
    }
}

fn rest_items(v: &[Value]) -> &[Value] {
    v.get(1..).unwrap_or_default()
}

fn initial_items(v: &[Value]) -> &[Value] {
    v.get(..v.len().saturating_sub(1)).unwrap_or_default()
}

fn rest(a: &[Value]) -> Outcome {
    Ok(arity(a, 1).and_then(|()| list_or_nil(must_rest(&a[0], "rest", rest_items))))
}
wrap!(w_rest, rest);

fn initial(a: &[Value]) -> Outcome {
    Ok(arity(a, 1).and_then(|()| list_or_nil(must_rest(&a[0], "initial", initial_items))))
}
wrap!(w_initial, initial);

fn must_end(list: &Value, name: &str, first: bool) -> Result<Value, String> {
    match list {
        Value::Nil => Err(format!("cannot {name} nil")),
        Value::List(items, _) => Ok(if first { items.first() } else { items.last() }
            .cloned()
            .unwrap_or(Value::Nil)),
        other => Err(format!("cannot find {name} on type {}", kind_name(other))),
    }
}

fn first(a: &[Value]) -> Outcome {
    Ok(arity(a, 1).and_then(|()| must_end(&a[0], "first", true).map_err(Swallow::nil)))
}
wrap!(w_first, first);

fn last(a: &[Value]) -> Outcome {
    Ok(arity(a, 1).and_then(|()| must_end(&a[0], "last", false).map_err(Swallow::nil)))
}
wrap!(w_last, last);

fn must_reverse(list: &Value) -> Result<Value, String> {
    match list {
        Value::Nil => Err("cannot reverse nil".into()),
        Value::List(items, _) => Ok(any_list(items.iter().rev().cloned().collect())),
        other => Err(format!("cannot find reverse on type {}", kind_name(other))),
    }
}

fn reverse(a: &[Value]) -> Outcome {
    Ok(arity(a, 1).and_then(|()| list_or_nil(must_reverse(&a[0]))))
}
wrap!(w_reverse, reverse);

/// `sortAlpha`: a list's items as strings (nil dropped), sorted; any other value becomes a
/// one-item `[]string` of its `%v` text.
fn sort_alpha(a: &[Value]) -> Outcome {
    Ok((|| {
        arity(a, 1)?;
        let mut items = match &a[0] {
            Value::List(..) => str_slice(&a[0]),
            other => vec![Rc::from(cast::sprint(other))],
        };
        items.sort_unstable_by(|x, y| x.as_bytes().cmp(y.as_bytes()));
        Ok(Value::List(
            Rc::new(items.into_iter().map(Value::String).collect()),
            ListKind::String,
        ))
    })())
}
wrap!(w_sort_alpha, sort_alpha);

// ---- must* variants: typed Go signatures, errors fail the template ----

fn call_err(e: String) -> FuncError {
    FuncError::Call(e)
}

/// Argument `i` of a typed call (the engine has checked the count; a missing one reads as nil
/// rather than panicking).
fn arg(a: &[Value], i: usize) -> Value {
    a.get(i).cloned().unwrap_or_default()
}

fn m_append(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    append_core(a, "append", must_append)?.map_err(call_err)
}

fn m_prepend(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    append_core(a, "prepend", must_prepend)?.map_err(call_err)
}

fn m_chunk(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let size = match arg(a, 0) {
        Value::Int(n) => n,
        _ => 0,
    };
    must_chunk(size, &arg(a, 1)).map_err(call_err)
}

fn m_uniq(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_uniq(&arg(a, 0)).map_err(call_err)
}

fn m_compact(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_compact(&arg(a, 0)).map_err(call_err)
}

fn m_slice(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    slice_core(a)?.map_err(call_err)
}

fn m_has(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_has(&arg(a, 0), &arg(a, 1))
        .map_err(|TooDeep| walk_guard::too_deep("mustHas"))?
        .map(Value::Bool)
        .map_err(call_err)
}

fn m_without(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    without_core(a)?.map_err(call_err)
}

fn m_rest(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_rest(&arg(a, 0), "rest", rest_items).map_err(call_err)
}

fn m_initial(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_rest(&arg(a, 0), "initial", initial_items).map_err(call_err)
}

fn m_first(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_end(&arg(a, 0), "first", true).map_err(call_err)
}

fn m_last(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_end(&arg(a, 0), "last", false).map_err(call_err)
}

fn m_reverse(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_reverse(&arg(a, 0)).map_err(call_err)
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_engine::{check, check_types, render};

    /// Measured (`nil-*`, `list-on-map`, `list-first-types`).
    #[test]
    fn first_last_rest_initial_reverse_on_any_value() {
        check(&[
            ("first (list 1 2)", "1"),
            ("last (list 1 2)", "2"),
            ("first .nil", "<no value>"),
            ("last .el", "<no value>"),
            ("last .em", "<no value>"),
            ("last .s", "<no value>"),
            ("first .m", "<no value>"),
            ("last .n", "<no value>"),
            ("rest (list 1 2 3)", "[2 3]"),
            ("initial (list 1 2 3)", "[1 2]"),
            ("initial .nil", "[]"),
            ("initial .el", "[]"),
            ("initial .em", "[]"),
            ("initial .s", "[]"),
            ("rest .n", "[]"),
            ("reverse (list 1 2 3)", "[3 2 1]"),
            ("reverse .m", "[]"),
            ("reverse .nil", "[]"),
        ]);
        check_types(&[
            ("first .nl", "int64"),
            ("rest .nl", "[]interface {}"),
            ("append .l 1", "[]interface {}"),
        ]);
    }

    /// Measured (`nil-uniq`, `list-uniq`, `uniq-types`, `nil-flatten`) and oracle.
    #[test]
    fn uniq_compact_flatten() {
        check(&[
            ("uniq .l", "[b a c]"),
            ("uniq .nl", "[3 1 2]"),
            ("uniq (list 1 1 \"1\" 2.0 2 nil nil)", "[1 1 2 2 <nil>]"),
            ("uniq .mixed", "[1 a <nil> true 2.5]"),
            ("uniq (list .n 3 3)", "[3 3]"),
            ("uniq (list (list 1) (list 1))", "<no value>"),
            ("uniq .nil", "[]"),
            ("uniq .s", "[]"),
            ("uniq .m", "[]"),
            ("compact (list 0 1 \"\" nil 2 false (list))", "[1 2]"),
            ("compact .nil", "[]"),
            ("compact .s", "[]"),
            ("flatten .ll", "[1 2 3 4 5]"),
            ("flatten .nil", "[]"),
            ("flatten .s", "[]"),
            ("flattenDepth 1 .ll", "[1 2 3 [4 5]]"),
            ("flattenDepth .n .ll", "<no value>"),
        ]);
    }

    /// Measured (`nil-sortAlpha`, `list-sortAlpha`, `sortAlpha-numbers`).
    #[test]
    fn sort_alpha() {
        check(&[
            ("sortAlpha .nil", "[<nil>]"),
            ("sortAlpha .el", "[]"),
            ("sortAlpha .em", "[map[]]"),
            ("sortAlpha .s", "[hello]"),
            ("sortAlpha .n", "[3]"),
            ("sortAlpha .m", "[map[a:1 b:2 c:3]]"),
            ("sortAlpha .l", "[a a b c]"),
            ("sortAlpha .nl", "[1 2 3]"),
            ("sortAlpha .mixed", "[1 2.5 a true]"),
            ("sortAlpha (list 10 9 \"B\" \"a\")", "[10 9 B a]"),
            ("sortAlpha (list 10 2 1)", "[1 10 2]"),
            ("sortAlpha (list 1.5 \"a\" true nil)", "[1.5 a true]"),
            ("sortAlpha (list \"b\" \"A\" \"a\")", "[A a b]"),
        ]);
        check_types(&[("sortAlpha .l", "[]string")]);
    }

    /// Measured (`nil-append`, `nil-concat`, `append-typed`, `list-mustAppend-nil`).
    #[test]
    fn append_prepend_concat_in_both_orders() {
        check(&[
            ("append nil 1", "[]"),
            ("append .l \"z\"", "[b a c a z]"),
            ("append .el 1", "[1]"),
            ("push .nl 4", "[3 1 2 4]"),
            ("append .s \"x\"", "[]"),
            ("append .l", "[]"),
            ("append .l 1 2", "[]"),
            ("append \"z\" .l", "[b a c a z]"),
            ("prepend .l \"z\"", "[z b a c a]"),
            ("prepend \"z\" .l", "[z b a c a]"),
            ("prepend nil 1", "[]"),
            ("append nil nil", "FATAL"),
            ("append (list 1) (list 2)", "FATAL"),
            ("prepend .l (list 1)", "FATAL"),
            ("concat nil .l", "[b a c a]"),
            ("concat .l .nl", "[b a c a 3 1 2]"),
            ("concat .l \"x\"", "[b a c a]"),
            ("concat", "[]"),
            ("concat .el .el", "[]"),
            ("concat (list 1) (list (list 2))", "[1 [2]]"),
            ("mustAppend nil 1", "ERR: cannot append to nil"),
            ("mustAppend .l 1", "[b a c a 1]"),
            ("mustPrepend 1 .s", "ERR: cannot prepend on type string"),
            ("mustAppend 1 .l", "[b a c a 1]"),
            ("mustAppend .l", "ERR: expected 2 arguments, got 1"),
            ("mustAppend nil nil", "FATAL"),
            (
                "append .users (dict \"name\" \"dd\")",
                "[map[name:al role:admin] map[name:bo role:dev] map[name:cy] map[name:dd]]",
            ),
        ]);
    }

    /// Measured (`nil-slice`, `crash-slice-nil-nil`, `list-mustSlice`).
    #[test]
    fn slice() {
        check(&[
            ("slice .l 1", "[a c a]"),
            ("slice .l 1 3", "[a c]"),
            ("slice .l", "[b a c a]"),
            ("slice nil", "<no value>"),
            ("slice .l 3 1", "<no value>"),
            ("slice .l 0 9", "<no value>"),
            ("slice .s 1 3", "<no value>"),
            ("slice 1 3 .l", "[a c]"),
            ("slice nil nil", "FATAL"),
            ("slice .el 0", "<no value>"),
            ("mustSlice .l 3 1", "ERR: end index out of bounds"),
            ("mustSlice .l 1", "[a c a]"),
            ("mustSlice nil", "<no value>"),
            ("mustSlice 1 nil", "ERR: cannot slice nil"),
            ("slice", "[]"),
            ("mustSlice", "ERR: expected 2 arguments, got 0"),
            (
                "mustSlice 1 .s",
                "ERR: last argument must be a slice but got string",
            ),
            ("mustSlice 1 3 .l", "[a c]"),
            ("mustSlice nil nil", "FATAL"),
            ("slice .s", "hello"),
            ("mustSlice .s", "hello"),
        ]);
        check_types(&[("slice (splitList \".\" .host) 1", "[]string")]);
    }

    /// Measured (`nil-has`, `without-types`, `crash-without-list-list`, `list-mustHas`).
    #[test]
    fn has_and_without() {
        check(&[
            ("has 1 nil", "false"),
            ("has \"a\" .l", "true"),
            ("has 1 .nl", "false"),
            ("has 1 .s", "false"),
            ("has nil .mixed", "true"),
            ("has .n .nl", "true"),
            ("has 1 .m", "false"),
            ("has 2 (list 1 2)", "true"),
            ("mustHas 1 .s", "ERR: cannot find has on type string"),
            ("mustHas 3 .nl", "false"),
            ("without .nl 3", "[3 1 2]"),
            ("without .nl .n", "[1 2]"),
            ("without 1 (list 1 2 3)", "[2 3]"),
            ("without .l \"a\" \"b\"", "[c]"),
            ("without .l .l", "FATAL"),
            ("without (list 1 nil 2) nil", "FATAL"),
            ("without .l", "[]"),
            ("without .ll 1", "<no value>"),
            ("mustWithout .l \"a\"", "[b c]"),
            ("mustWithout 1 nil", "ERR: cannot without nil"),
            (
                "mustWithout 1 .s",
                "ERR: last argument must be a slice but got string",
            ),
            ("mustWithout .l .l", "FATAL"),
        ]);
    }

    #[test]
    fn chunk_and_must_variants() {
        check(&[
            ("chunk 2 (list 1 2 3 4 5)", "[[1 2] [3 4] [5]]"),
            ("chunk 0 .l", "<no value>"),
            ("chunk 2 nil", "[]"),
            ("chunk -1 .l", "<no value>"),
            ("chunk -5 (list 1 2)", "[]"),
            (
                "mustChunk 0 .l",
                "ERR: cannot safecall function: recovered from a panic: runtime error: integer divide by zero",
            ),
            ("chunk .n .l", "<no value>"),
            ("mustChunk 2 .s", "ERR: cannot chunk type string"),
            ("mustFirst nil", "ERR: cannot first nil"),
            ("mustFirst .el", "<no value>"),
            ("mustLast .nl", "2"),
            ("mustRest nil", "ERR: cannot rest nil"),
            ("mustInitial .s", "ERR: cannot find initial on type string"),
            ("mustReverse .nl", "[2 1 3]"),
            (
                "mustUniq (list (list 1))",
                "ERR: cannot safecall function: recovered from a panic: runtime error: hash of unhashable type []interface {}",
            ),
            ("mustCompact (list 0 1)", "[1]"),
            ("list", "[]"),
            ("tuple 1 \"a\" nil", "[1 a <nil>]"),
        ]);
        assert_eq!(render("list 1 2"), "[1 2]");
    }
}
