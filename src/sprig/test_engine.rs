//! Test helpers for the function families that go through the real template engine
//! ([`crate::template::Template`] with [`super::capsule_func_map`]), so unit tests exercise the
//! same code path as a render: Go's argument checks for typed (`must*`) functions, constant
//! conversion, the sprigin wrapper and the error texts.
//!
//! Two styles: [`render`]/[`check`]/[`check_types`]/[`eval`] take the text of a call as it
//! would stand between `{{ }}` (`add 3 .n`), evaluated against the data of the measured sprigin
//! cases; [`call`]/[`try_call`]/[`call_in`] take already-built argument values, which reach the
//! function as fields of the data (`{{ NAME .a0 .a1 }}`), so their exact types are kept.

use std::cell::RefCell;

use crate::template::{
    ExecOptions, FixedEntropy, FuncError, FuncEvent, FuncMap, Function, Map, RenderEnv, Signature,
    Template, TemplateError, TemplateErrorKind, Value,
};

use super::capsule_func_map;

/// 2024-03-05T14:07:09Z, the fixed "now" of the tests that use [`call`].
pub(crate) const NOW_NANOS: i128 = 1_709_647_629_000_000_000;

thread_local! {
    /// The value the last `testCapture` call received.
    static CAPTURED: RefCell<Option<Value>> = const { RefCell::new(None) };
}

/// `testCapture v`: keeps `v` for the test (the engine only returns text).
fn capture(_: &mut crate::template::CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    CAPTURED.with(|c| *c.borrow_mut() = Some(a.first().cloned().unwrap_or(Value::Nil)));
    Ok(Value::from(""))
}

/// Capsule's map plus `testCapture`.
fn funcs() -> FuncMap {
    let mut map = capsule_func_map();
    map.insert(Function {
        name: "testCapture",
        signature: Signature::Variadic,
        call: capture,
        nondeterministic: false,
    });
    map
}

/// The function error inside a template error: the text after `error calling NAME: ` (a
/// crash-stopping call is [`FuncError::Fatal`]); other errors (Go's argument checks) whole.
fn func_error(e: &TemplateError) -> FuncError {
    let msg = &e.go_message;
    let inner = msg
        .find("error calling ")
        .and_then(|k| msg.get(k + "error calling ".len()..))
        .and_then(|rest| rest.find(": ").and_then(|k| rest.get(k + 2..)))
        .unwrap_or(msg)
        .to_string();
    if e.kind == TemplateErrorKind::Limit {
        FuncError::Fatal(inner)
    } else {
        FuncError::Call(inner)
    }
}

/// Renders `source` against `data` in `env`.
fn run(source: &str, data: &Value, env: &mut RenderEnv) -> Result<String, TemplateError> {
    let tpl = Template::parse("tpl", source, &funcs())?;
    tpl.execute(data, &ExecOptions::default(), env)
}

/// Evaluates `expr` (the inside of `{{ }}`) to a value.
fn value_of(expr: &str, data: &Value, env: &mut RenderEnv) -> Result<Value, FuncError> {
    CAPTURED.with(|c| *c.borrow_mut() = None);
    run(&format!("{{{{ testCapture ({expr}) }}}}"), data, env).map_err(|e| func_error(&e))?;
    Ok(CAPTURED
        .with(|c| c.borrow_mut().take())
        .unwrap_or(Value::Nil))
}

/// The `data` object shared by the measured cases (tests/data/sprigin-cases.jsonl).
pub(crate) fn data() -> Value {
    let text = include_str!("../../tests/data/sprigin-cases.jsonl");
    let first = text.lines().next().unwrap_or("{}");
    let case: serde_json::Value = serde_json::from_str(first).unwrap_or_default();
    Value::from_json(case.get("data").unwrap_or(&serde_json::Value::Null))
}

/// One field of [`data`].
pub(crate) fn d(key: &str) -> Value {
    data().map_get(key).unwrap_or_default()
}

/// A map of Go `int` values (as `dict "k" 1 …` builds).
pub(crate) fn map_of(pairs: &[(&str, i64)]) -> Value {
    let m: Map = pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), Value::Int(*v)))
        .collect();
    Value::from(m)
}

/// A string value.
pub(crate) fn s(text: &str) -> Value {
    Value::from(text)
}

/// Calls `name` with `args` in `env`: `{{ NAME .a0 .a1 … }}` with the arguments as data.
pub(crate) fn call_in(env: &mut RenderEnv, name: &str, args: &[Value]) -> Result<Value, FuncError> {
    let m: Map = args
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("a{i}"), v.clone()))
        .collect();
    let mut expr = name.to_string();
    for i in 0..args.len() {
        expr.push_str(&format!(" .a{i}"));
    }
    value_of(&expr, &Value::from(m), env)
}

fn fixed_env() -> RenderEnv {
    RenderEnv::new(Box::new(FixedEntropy::new(7, NOW_NANOS)))
}

/// Calls `name`; returns the result and how many errors were swallowed. Panics on an error.
pub(crate) fn call(name: &str, args: &[Value]) -> (Value, usize) {
    let mut env = fixed_env();
    match call_in(&mut env, name, args) {
        Ok(v) => {
            let swallowed = env
                .events
                .iter()
                .filter(|e| matches!(e, FuncEvent::Swallowed { .. }))
                .count();
            (v, swallowed)
        }
        Err(e) => panic!("{name} failed: {e:?}"),
    }
}

/// Calls `name` and returns its error, if any.
pub(crate) fn try_call(name: &str, args: &[Value]) -> Result<Value, FuncError> {
    call_in(&mut fixed_env(), name, args)
}

/// Evaluates one call expression against [`data`].
pub(crate) fn eval(src: &str) -> Result<Value, FuncError> {
    eval_with_events(src).0
}

/// Evaluates one call expression and returns what the functions recorded (swallowed errors).
pub(crate) fn eval_with_events(src: &str) -> (Result<Value, FuncError>, Vec<FuncEvent>) {
    let mut env = RenderEnv::default();
    let r = value_of(src, &data(), &mut env);
    (r, env.events)
}

/// What `{{ expr }}` prints, `ERR: msg` for a template error, `FATAL` for a crash.
pub(crate) fn render(src: &str) -> String {
    match run(
        &format!("{{{{ {src} }}}}"),
        &data(),
        &mut RenderEnv::default(),
    ) {
        Ok(out) => out,
        Err(e) => match func_error(&e) {
            FuncError::Call(m) => format!("ERR: {m}"),
            FuncError::Fatal(_) => "FATAL".into(),
        },
    }
}

/// `printf "%T"` of the result.
pub(crate) fn type_of(src: &str) -> String {
    run(
        &format!("{{{{ printf \"%T\" ({src}) }}}}"),
        &data(),
        &mut RenderEnv::default(),
    )
    .unwrap_or_else(|_| "ERR".into())
}

/// Checks `(expression, expected print)` pairs and reports every mismatch at once.
pub(crate) fn check(cases: &[(&str, &str)]) {
    check_each(cases, render, |src| format!("{{{{ {src} }}}}"));
}

/// Checks `(expression, expected %T)` pairs.
pub(crate) fn check_types(cases: &[(&str, &str)]) {
    check_each(cases, type_of, |src| format!("%T of {src}"));
}

/// Runs `eval` on every expression and fails with every mismatch, each named by `label`.
fn check_each(cases: &[(&str, &str)], eval: fn(&str) -> String, label: fn(&str) -> String) {
    let bad: Vec<String> = cases
        .iter()
        .filter_map(|(src, want)| {
            let got = eval(src);
            (got != *want).then(|| format!("{}: got {got:?}, want {want:?}", label(src)))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every swallowed failure is recorded once, with the function's name; successes record
    /// nothing.
    #[test]
    fn swallowed_failures_are_recorded() {
        use crate::template::FuncEvent;
        for src in [
            "upper 1",
            "trunc .n .s",
            "add \"abc\" 3",
            "fail \"boom\"",
            "first nil",
            "dig \"a\" .m",
        ] {
            let (_, events) = eval_with_events(src);
            let name = src.split(' ').next().unwrap_or_default();
            assert!(
                matches!(events.as_slice(), [FuncEvent::Swallowed { func, .. }] if func == name),
                "{src}: {events:?}"
            );
        }
        let (_, events) = eval_with_events("fail \"boom\"");
        assert!(
            matches!(events.as_slice(), [FuncEvent::Swallowed { message, .. }] if message == "boom"),
            "{events:?}"
        );
        for src in ["upper \"a\"", "add 1 2", "dig \"a\" \"d\" .m", "first .l"] {
            assert!(eval_with_events(src).1.is_empty(), "{src}");
        }
    }

    #[test]
    fn every_family_name_is_registered() {
        let names = "nospace trim trimAll trimall trimPrefix trimSuffix contains hasPrefix \
            hasSuffix toLower lower lowercase tolower toUpper upper uppercase toupper replace \
            repeat join trunc ellipsis ellipsisBoth abbrev abbrevboth initials plural wrap \
            wrapWith quote squote cat toCamelCase camelcase toKebabCase kebab kebabcase \
            toPascalCase toDotCase toPathCase toConstantCase toSnakeCase snake snakecase \
            toTitleCase title titlecase untitle swapCase swapcase capitalize uncapitalize split \
            splitn splitList substr indent nindent seq shuffle strSlice toStrings list tuple \
            append push prepend concat chunk uniq compact flatten flattenDepth slice has \
            without rest initial first last reverse sortAlpha until untilStep mustAppend \
            mustPrepend mustChunk mustUniq mustCompact mustSlice mustHas mustWithout mustRest \
            mustInitial mustFirst mustLast mustReverse dict get set unset keys values pluck \
            pick omit dig hasKey merge mergeOverwrite mustMerge mustMergeOverwrite deepCopy \
            mustDeepCopy default empty all any coalesce ternary fail hello typeIs typeIsLike \
            typeOf kindIs kindOf hasField deepEqual add add1 add1f addf sub subf mul mulf div \
            divf mod min minf max maxf biggest floor ceil round toBool toInt int atoi toInt64 \
            int64 toUint toUint64 toFloat64 float64 toOctal toString toDecimal pathBase base \
            osBase pathDir dir osDir pathExt ext osExt pathClean clean osClean pathIsAbs isAbs \
            osIsAbs";
        let map = capsule_func_map();
        let missing: Vec<&str> = names
            .split_whitespace()
            .filter(|n| map.get(n).is_none())
            .collect();
        assert!(missing.is_empty(), "not registered: {missing:?}");
        let shuffle = map.get("shuffle").map(|f| f.nondeterministic);
        assert_eq!(shuffle, Some(true));
        assert!(map.get("upper").is_some_and(|f| !f.nondeterministic));
    }
}
