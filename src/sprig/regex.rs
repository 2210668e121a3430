//! sprigin's regexp family (sprout's `RegexpRegistry`): Go's `regexp` as reproduced by
//! [`super::go_regexp`] (Go's syntax, error texts and matching rules on the `regex` crate).
//! A `FindAll` without matches is an empty list here, a nil slice in Go (`toJson` prints `[]`
//! instead of `null`; `{{ }}` prints `[]` for both).

use std::rc::Rc;

use crate::template::value::MapKind;
use crate::template::{CallCtx, FuncError, FuncMap, GoType, ListKind, Map, MapRef, Value};

use super::args::{self, Swallow, Wrapped, finish, wrapped};
use super::go_regexp::{GoRegexp, compile, find_all, replace_all, split};
use super::typed::{must, str_arg};

/// Go's `regexp.QuoteMeta`.
fn quote_meta(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn strings(items: Vec<String>) -> Value {
    Value::string_list(items)
}

fn empty_strings() -> Value {
    Value::List(Rc::new(Vec::new()), ListKind::String)
}

/// Go's nil `[]string` (what `regexp` returns for no match): prints `[]`, JSON `null`.
fn nil_strings() -> Value {
    Value::List(Rc::new(Vec::new()), ListKind::NilString)
}

/// A `[]string` result of Go's `regexp` that is nil when empty (`FindAllString`, `Split` with
/// n = 0).
fn strings_or_nil(items: Vec<String>) -> Value {
    if items.is_empty() {
        nil_strings()
    } else {
        strings(items)
    }
}

fn groups_of(caps: &regex::Captures<'_>) -> Vec<String> {
    caps.iter()
        .map(|m| m.map_or(String::new(), |m| m.as_str().to_string()))
        .collect()
}

/// sprout's map of `SubexpNames()` to the groups' text: a later group of the same name wins.
/// sprout's named-group map: Go type `map[string]string`.
fn named_of(re: &GoRegexp, caps: &regex::Captures<'_>) -> Value {
    let mut m = Map::new();
    for (i, name) in re.names.iter().enumerate() {
        if let (true, Some(name)) = (i != 0, name) {
            let text = caps.get(i).map_or("", |g| g.as_str());
            m.insert(name.clone(), Value::from(text));
        }
    }
    Value::Map(MapRef::with_kind(m, MapKind::String))
}

/// sprout's empty `map[string]string{}` (no match, or a bad pattern).
fn empty_named() -> Value {
    Value::Map(MapRef::with_kind(Map::new(), MapKind::String))
}

/// The shared bodies, returning Go's `(result, error)` pair as (value, error message).
mod ops {
    use super::*;

    pub(super) fn find(re: &str, s: &str) -> Result<Value, (Value, String)> {
        let r = compile(re).map_err(|e| (Value::from(""), e))?;
        Ok(Value::from(r.re.find(s).map_or("", |m| m.as_str())))
    }

    pub(super) fn find_all_fn(re: &str, s: &str, n: i64) -> Result<Value, (Value, String)> {
        let r = compile(re).map_err(|e| (empty_strings(), e))?;
        let found: Vec<String> = find_all(&r.re, s, n)
            .iter()
            .filter_map(|c| c.get(0).map(|m| m.as_str().to_string()))
            .collect();
        // Go returns a nil []string for no match (n = 0 included): `[]`, but JSON `null`.
        Ok(strings_or_nil(found))
    }

    pub(super) fn is_match(re: &str, s: &str) -> Result<Value, (Value, String)> {
        let r = compile(re).map_err(|e| (Value::Bool(false), e))?;
        Ok(Value::Bool(r.re.is_match(s)))
    }

    pub(super) fn split_fn(re: &str, s: &str, n: i64) -> Result<Value, (Value, String)> {
        let r = compile(re).map_err(|e| (empty_strings(), e))?;
        // Go's `Split` returns nil for n = 0 only (other empty results cannot happen).
        if n == 0 {
            return Ok(nil_strings());
        }
        Ok(strings(split(&r.re, re.is_empty(), s, n)))
    }

    pub(super) fn replace(
        re: &str,
        s: &str,
        repl: &str,
        literal: bool,
    ) -> Result<Value, (Value, String)> {
        let r = compile(re).map_err(|e| (Value::from(""), e))?;
        Ok(Value::from(replace_all(&r, s, repl, literal)))
    }
}

type Op2 = fn(&str, &str) -> Result<Value, (Value, String)>;

fn wrapped2(ctx: &mut CallCtx<'_>, a: &[Value], op: Op2) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 2).and_then(|()| {
        let re = args::string_at(a, 0)?;
        let s = args::string_at(a, 1)?;
        op(&re, &s).map_err(|(v, e)| Swallow::with(v, e))
    });
    finish(ctx, out)
}

fn must2(a: &[Value], op: Op2) -> Result<Value, FuncError> {
    op(str_arg(a, 0)?, str_arg(a, 1)?).map_err(|(_, e)| FuncError::Call(e))
}

fn regex_find(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    wrapped2(ctx, a, ops::find)
}

fn must_regex_find(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must2(a, ops::find)
}

fn regex_match(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    wrapped2(ctx, a, ops::is_match)
}

fn must_regex_match(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must2(a, ops::is_match)
}

type OpN = fn(&str, &str, i64) -> Result<Value, (Value, String)>;

/// `(regex, s string, n int)` functions.
fn wrapped_n(ctx: &mut CallCtx<'_>, a: &[Value], op: OpN) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 3).and_then(|()| {
        let re = args::string_at(a, 0)?;
        let s = args::string_at(a, 1)?;
        let n = args::int_at(a, 2)?;
        op(&re, &s, n).map_err(|(v, e)| Swallow::with(v, e))
    });
    finish(ctx, out)
}

fn int_arg(a: &[Value], i: usize) -> i64 {
    match a.get(i) {
        Some(Value::Int(n) | Value::Int64(n)) => *n,
        _ => 0,
    }
}

fn must_n(a: &[Value], op: OpN) -> Result<Value, FuncError> {
    op(str_arg(a, 0)?, str_arg(a, 1)?, int_arg(a, 2)).map_err(|(_, e)| FuncError::Call(e))
}

fn regex_find_all(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    wrapped_n(ctx, a, ops::find_all_fn)
}

fn must_regex_find_all(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_n(a, ops::find_all_fn)
}

fn regex_split(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    wrapped_n(ctx, a, ops::split_fn)
}

fn must_regex_split(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_n(a, ops::split_fn)
}

fn replace_wrapped(ctx: &mut CallCtx<'_>, a: &[Value], literal: bool) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 3).and_then(|()| {
        let re = args::string_at(a, 0)?;
        let s = args::string_at(a, 1)?;
        let repl = args::string_at(a, 2)?;
        ops::replace(&re, &s, &repl, literal).map_err(|(v, e)| Swallow::with(v, e))
    });
    finish(ctx, out)
}

fn regex_replace_all(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    replace_wrapped(ctx, a, false)
}

fn regex_replace_all_literal(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    replace_wrapped(ctx, a, true)
}

fn must_replace(a: &[Value], literal: bool) -> Result<Value, FuncError> {
    ops::replace(str_arg(a, 0)?, str_arg(a, 1)?, str_arg(a, 2)?, literal)
        .map_err(|(_, e)| FuncError::Call(e))
}

fn must_regex_replace_all(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_replace(a, false)
}

fn must_regex_replace_all_literal(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_replace(a, true)
}

fn regex_quote_meta(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 1)
        .and_then(|()| args::string_at(a, 0))
        .map(|s| Value::from(quote_meta(&s)));
    finish(ctx, out)
}

fn regex_find_groups(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    wrapped2(ctx, a, |re, s| {
        let r = compile(re).map_err(|e| (empty_strings(), e))?;
        Ok(match r.re.captures(s) {
            Some(c) => strings(groups_of(&c)),
            None => empty_strings(),
        })
    })
}

fn regex_find_named(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    wrapped2(ctx, a, |re, s| {
        let r = compile(re).map_err(|e| (empty_named(), e))?;
        Ok(match r.re.captures(s) {
            Some(c) => named_of(&r, &c),
            None => empty_named(),
        })
    })
}

/// `(regex string, n int, s string)` functions.
fn wrapped_all_groups(ctx: &mut CallCtx<'_>, a: &[Value], named: bool) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 3).and_then(|()| {
        let re = args::string_at(a, 0)?;
        let n = args::int_at(a, 1)?;
        let s = args::string_at(a, 2)?;
        // `[][]string` / `[]map[string]string` (never nil: sprout returns an empty literal).
        let kind = if named {
            ListKind::StringMaps
        } else {
            ListKind::StringLists
        };
        let r =
            compile(&re).map_err(|e| Swallow::with(Value::List(Rc::new(Vec::new()), kind), e))?;
        let items: Vec<Value> = find_all(&r.re, &s, n)
            .iter()
            .map(|c| {
                if named {
                    named_of(&r, c)
                } else {
                    strings(groups_of(c))
                }
            })
            .collect();
        Ok(Value::List(Rc::new(items), kind))
    });
    finish(ctx, out)
}

fn regex_find_all_groups(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    wrapped_all_groups(ctx, a, false)
}

fn regex_find_all_named(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    wrapped_all_groups(ctx, a, true)
}

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    use GoType::{Int, String as S};
    map.insert(wrapped("regexFind", regex_find));
    map.insert(wrapped("regexFindAll", regex_find_all));
    map.insert(wrapped("regexMatch", regex_match));
    map.insert(wrapped("regexSplit", regex_split));
    map.insert(wrapped("regexReplaceAll", regex_replace_all));
    map.insert(wrapped("regexReplaceAllLiteral", regex_replace_all_literal));
    map.insert(wrapped("regexQuoteMeta", regex_quote_meta));
    map.insert(wrapped("regexFindGroups", regex_find_groups));
    map.insert(wrapped("regexFindAllGroups", regex_find_all_groups));
    map.insert(wrapped("regexFindNamed", regex_find_named));
    map.insert(wrapped("regexFindAllNamed", regex_find_all_named));
    map.insert(must("mustRegexFind", &[S, S], must_regex_find));
    map.insert(must("mustRegexFindAll", &[S, S, Int], must_regex_find_all));
    map.insert(must("mustRegexMatch", &[S, S], must_regex_match));
    map.insert(must("mustRegexSplit", &[S, S, Int], must_regex_split));
    map.insert(must(
        "mustRegexReplaceAll",
        &[S, S, S],
        must_regex_replace_all,
    ));
    map.insert(must(
        "mustRegexReplaceAllLiteral",
        &[S, S, S],
        must_regex_replace_all_literal,
    ));
}

#[cfg(test)]
mod tests {
    use super::super::test_engine::{call, d, s, try_call};
    use super::*;

    fn run(name: &str, a: &[Value]) -> String {
        call(name, a).0.to_template_string()
    }

    #[test]
    fn basic_measured() {
        // Measured (regex-basic).
        assert_eq!(run("regexMatch", &[s("^h.*o$"), d("s")]), "true");
        assert_eq!(run("regexFind", &[s("l+"), d("s")]), "ll");
        assert_eq!(
            run("regexFindAll", &[s("[a-z]"), d("s"), Value::Int(2)]),
            "[h e]"
        );
        assert_eq!(
            run("regexFindAll", &[s("l"), d("s"), Value::Int(-1)]),
            "[l l]"
        );
        assert_eq!(
            run("regexSplit", &[s("\\."), d("host"), Value::Int(-1)]),
            "[api solar example com]"
        );
        assert_eq!(
            run("regexSplit", &[s("\\."), d("host"), Value::Int(2)]),
            "[api solar.example.com]"
        );
        assert_eq!(
            run("regexReplaceAll", &[s("(l+)"), d("s"), s("<$1>")]),
            "he<ll>o"
        );
        assert_eq!(
            run("regexReplaceAllLiteral", &[s("(l+)"), d("s"), s("<$1>")]),
            "he<$1>o"
        );
        assert_eq!(run("regexQuoteMeta", &[s("a.b*c")]), "a\\.b\\*c");
        // Measured (regexReplaceAll-named).
        assert_eq!(
            run("regexReplaceAll", &[s("(?P<x>l)"), d("s"), s("${x}X")]),
            "helXlXo"
        );
        assert_eq!(
            run("regexReplaceAll", &[s("l"), d("s"), s("$0$0")]),
            "hellllo"
        );
    }

    #[test]
    fn swallowed_errors_and_types() {
        // Measured (regex-nonstr): [<no value>]|[<no value>]|[]
        assert_eq!(run("regexMatch", &[s("3"), d("n")]), "<no value>");
        assert_eq!(run("regexFindAll", &[s("l"), d("s"), d("n")]), "<no value>");
        assert_eq!(run("regexReplaceAll", &[s("a"), Value::Nil, s("b")]), "");
        // sprigin.md: regexFind "(" → "", regexFindAll "(" → [].
        let (v, n) = call("regexFind", &[s("("), s("x")]);
        assert_eq!((v.to_template_string(), n), (String::new(), 1));
        assert_eq!(run("regexFindAll", &[s("("), s("x"), Value::Int(-1)]), "[]");
        assert_eq!(run("regexMatch", &[s("("), s("x")]), "false");
        assert_eq!(run("regexSplit", &[s("("), s("x"), Value::Int(-1)]), "[]");
        assert_eq!(run("regexReplaceAllLiteral", &[s("("), s("x"), s("y")]), "");
        assert_eq!(run("regexQuoteMeta", &[Value::Int64(1)]), "<no value>");
        assert_eq!(
            call("regexFindAll", &[s("a"), s("a"), Value::Int(-1)])
                .0
                .type_name(),
            "[]string"
        );
    }

    #[test]
    fn must_variants() {
        // Measured (mustRegexFind-ok): ll|[l l]|heLLo|[he  o]
        assert_eq!(run("mustRegexFind", &[s("l+"), d("s")]), "ll");
        assert_eq!(
            run("mustRegexFindAll", &[s("l"), d("s"), Value::Int(-1)]),
            "[l l]"
        );
        assert_eq!(
            run("mustRegexReplaceAll", &[s("l"), d("s"), s("L")]),
            "heLLo"
        );
        assert_eq!(
            run("mustRegexSplit", &[s("l"), d("s"), Value::Int(-1)]),
            "[he  o]"
        );
        assert_eq!(run("mustRegexMatch", &[s("^h"), d("s")]), "true");
        assert_eq!(
            run("mustRegexReplaceAllLiteral", &[s("l"), d("s"), s("$0")]),
            "he$0$0o"
        );
        assert_eq!(
            try_call("mustRegexFind", &[s("("), s("x")]).err(),
            Some(FuncError::Call(
                "error parsing regexp: missing closing ): `(`".into()
            ))
        );
        assert!(try_call("mustRegexMatch", &[s("a)"), s("x")]).is_err());
    }

    #[test]
    fn go_semantics() {
        // Go's \d is ASCII only; an empty match after a match is skipped.
        assert_eq!(
            run("regexFindAll", &[s("\\d"), s("1٣2"), Value::Int(-1)]),
            "[1 2]"
        );
        assert_eq!(
            run("regexFindAll", &[s("a*"), s("baaac"), Value::Int(-1)]),
            "[ aaa ]"
        );
        assert_eq!(
            run("regexSplit", &[s(""), s("abc"), Value::Int(-1)]),
            "[a b c]"
        );
        assert_eq!(
            run("regexSplit", &[s("x*"), s("axbc"), Value::Int(-1)]),
            "[a b c]"
        );
        assert_eq!(run("regexSplit", &[s("a"), s(""), Value::Int(-1)]), "[]");
        assert_eq!(
            run("regexFindAll", &[s("a"), s("aaa"), Value::Int(0)]),
            "[]"
        );
        assert_eq!(
            run("regexQuoteMeta", &[s(".+*?^$()[]{}|\\-#")]),
            "\\.\\+\\*\\?\\^\\$\\(\\)\\[\\]\\{\\}\\|\\\\-#"
        );
    }

    #[test]
    fn groups() {
        assert_eq!(
            run("regexFindGroups", &[s("(a+)(b+)"), s("aaabbb")]),
            "[aaabbb aaa bbb]"
        );
        assert_eq!(run("regexFindGroups", &[s("(x)"), s("aaabbb")]), "[]");
        assert_eq!(run("regexFindGroups", &[s("("), s("aaabbb")]), "[]");
        assert_eq!(
            run(
                "regexFindAllGroups",
                &[s("(a+)(b+)"), Value::Int(-1), s("aaabbb aab")]
            ),
            "[[aaabbb aaa bbb] [aab aa b]]"
        );
        assert_eq!(
            run(
                "regexFindNamed",
                &[s("(?P<first>a+)(?P<second>b+)"), s("aaabbb")]
            ),
            "map[first:aaa second:bbb]"
        );
        assert_eq!(run("regexFindNamed", &[s("(?P<f>z)"), s("a")]), "map[]");
        assert_eq!(
            run(
                "regexFindAllNamed",
                &[
                    s("(?P<first>a+)(?P<second>b+)"),
                    Value::Int(-1),
                    s("aaabbb aab")
                ]
            ),
            "[map[first:aaa second:bbb] map[first:aa second:b]]"
        );
        assert_eq!(
            run("regexFindAllNamed", &[s("a"), d("n"), s("a")]),
            "<no value>"
        );
    }
}

#[cfg(test)]
mod go_golden {
    use super::super::test_engine::{call, try_call};
    use crate::template::{FuncError, Value};

    /// mustRegexFindAll / mustRegexSplit / mustRegexReplaceAll / compile errors recorded from the
    /// Go oracle (Go's regexp, the same calls sprout makes).
    #[test]
    fn regex_matches_go() {
        let data = include_str!("testdata/go_regex.jsonl");
        let mut bad = Vec::new();
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let c: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
            let f = |k: &str| Value::from(c.get(k).and_then(|v| v.as_str()).unwrap_or(""));
            let want = |k: &str| c.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let r = match want("f").as_str() {
                "findall" => try_call("mustRegexFindAll", &[f("p"), f("s"), Value::Int(-1)]),
                "split" => try_call("mustRegexSplit", &[f("p"), f("s"), Value::Int(-1)]),
                "split2" => try_call("mustRegexSplit", &[f("p"), f("s"), Value::Int(2)]),
                "replace" => try_call("mustRegexReplaceAll", &[f("p"), f("s"), f("r")]),
                _ => try_call("mustRegexMatch", &[f("p"), Value::from("a")]),
            };
            let got = match r {
                Ok(v) if want("f") == "err" => (v.to_template_string(), String::new()),
                Ok(v) => (call("toJson", &[v]).0.to_template_string(), String::new()),
                Err(FuncError::Call(m) | FuncError::Fatal(m)) => (String::new(), m),
            };
            // Go returns a nil []string when nothing matches: toJson writes `null`.
            if got != (want("want"), want("err")) {
                bad.push(format!("{line}\n   got {got:?}"));
            }
        }
        assert!(
            bad.is_empty(),
            "{} mismatches:\n{}",
            bad.len(),
            bad.join("\n")
        );
    }
}
