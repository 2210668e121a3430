//! sprigin's regexp family (sprout's `RegexpRegistry`), on the `regex` crate.
//!
//! Go's `regexp` is RE2; the `regex` crate accepts the same syntax with these differences, which
//! we bridge or accept:
//! * `\d`, `\w`, `\s`, `\b` (and negations) are ASCII in Go, Unicode in Rust: patterns are rewritten
//!   to the ASCII forms before compiling.
//! * Match iteration (`FindAll`, `Split`) follows Go's rule for empty matches (an empty match right
//!   after the previous match is skipped), implemented here rather than with `find_iter`.
//! * Go's `\Q…\E` literal quoting is rewritten; nested repetitions (`a**`) and repeat counts
//!   above 1000, which the crate accepts, are rejected as Go does.
//! * Compile error texts use Go's wording for the syntax errors Go reports (unclosed groups and
//!   classes, bad repetitions, escapes, ranges, flags); rarer ones carry the crate's message
//!   after `error parsing regexp: `.
//! * Known differences: Go accepts duplicate group names (the crate does not), and Go treats an
//!   unterminated `{` as a literal (the crate reports an error). A `FindAll` without matches is
//!   an empty list here, a nil slice in Go (`toJson` prints `[]` instead of `null`).

use std::rc::Rc;

use regex::Regex;

use crate::template::{CallCtx, FuncError, FuncMap, GoType, ListKind, Map, Value};

use super::args::{self, Swallow, Wrapped, finish, wrapped};
use super::typed::{must, str_arg};

/// Rewrites Go's ASCII Perl classes into forms the `regex` crate treats as ASCII.
fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    let mut class_start = false;
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'Q') && !in_class {
            // Go's `\Q…\E` quotes a literal run (to the end when `\E` is missing).
            chars.next();
            let mut lit = String::new();
            while let Some(d) = chars.next() {
                if d == '\\' && chars.peek() == Some(&'E') {
                    chars.next();
                    break;
                }
                lit.push(d);
            }
            out.push_str(&format!("(?:{})", regex::escape(&lit)));
            continue;
        }
        if c == '\\' {
            let Some(n) = chars.next() else {
                out.push('\\');
                break;
            };
            let rep: Option<&str> = if in_class {
                match n {
                    'd' => Some("0-9"),
                    'w' => Some("0-9A-Za-z_"),
                    's' => Some("\\t\\n\\f\\r "),
                    _ => None,
                }
            } else {
                match n {
                    'd' => Some("[0-9]"),
                    'D' => Some("[^0-9]"),
                    'w' => Some("[0-9A-Za-z_]"),
                    'W' => Some("[^0-9A-Za-z_]"),
                    's' => Some("[\\t\\n\\f\\r ]"),
                    'S' => Some("[^\\t\\n\\f\\r ]"),
                    'b' => Some("(?-u:\\b)"),
                    'B' => Some("(?-u:\\B)"),
                    _ => None,
                }
            };
            match rep {
                Some(r) => out.push_str(r),
                None => {
                    out.push('\\');
                    out.push(n);
                }
            }
            class_start = false;
            continue;
        }
        if in_class {
            if c == '[' && chars.peek() == Some(&':') {
                // A POSIX class `[:alpha:]`: copy through its closing `:]`.
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == ']' {
                        break;
                    }
                }
                class_start = false;
                continue;
            }
            if c == ']' && !class_start {
                in_class = false;
            }
            if !(c == '^' && class_start) {
                class_start = false;
            }
            out.push(c);
            continue;
        }
        if c == '[' {
            in_class = true;
            class_start = true;
        }
        out.push(c);
    }
    out
}

/// Finds what Go rejects but the `regex` crate accepts: nested repetition operators (`a**`,
/// `x{2}{3}`) and repeat counts above 1000. Returns Go's message.
struct GoLimits<'p> {
    pattern: &'p str,
}

impl regex_syntax::ast::Visitor for GoLimits<'_> {
    type Output = ();
    type Err = String;

    fn finish(self) -> Result<(), String> {
        Ok(())
    }

    fn visit_pre(&mut self, ast: &regex_syntax::ast::Ast) -> Result<(), String> {
        use regex_syntax::ast::{Ast, RepetitionKind, RepetitionRange};
        let Ast::Repetition(rep) = ast else {
            return Ok(());
        };
        let span_text = |a: usize, b: usize| self.pattern.get(a..b).unwrap_or("").to_string();
        if let Ast::Repetition(inner) = rep.ast.as_ref() {
            return Err(format!(
                "invalid nested repetition operator: `{}`",
                span_text(inner.op.span.start.offset, rep.op.span.end.offset)
            ));
        }
        if let RepetitionKind::Range(r) = &rep.op.kind {
            let big = match r {
                RepetitionRange::Exactly(n) | RepetitionRange::AtLeast(n) => *n > 1000,
                RepetitionRange::Bounded(a, b) => *a > 1000 || *b > 1000,
            };
            if big {
                return Err(format!(
                    "invalid repeat count: `{}`",
                    span_text(rep.op.span.start.offset, rep.op.span.end.offset)
                ));
            }
        }
        Ok(())
    }
}

/// Go's wording for a pattern the `regex` crate's parser rejects.
fn go_parse_error(pattern: &str, e: &regex_syntax::ast::Error) -> String {
    use regex_syntax::ast::ErrorKind as K;
    let span = e.span();
    let text = pattern
        .get(span.start.offset..span.end.offset)
        .unwrap_or("")
        .to_string();
    match e.kind() {
        K::GroupUnclosed => format!("missing closing ): `{pattern}`"),
        K::GroupUnopened => format!("unexpected ): `{pattern}`"),
        K::ClassUnclosed => format!(
            "missing closing ]: `{}`",
            pattern.get(span.start.offset..).unwrap_or(pattern)
        ),
        K::RepetitionMissing => {
            let rest = pattern.get(span.start.offset..).unwrap_or("");
            let len = if rest.starts_with('{') {
                rest.find('}').map_or(rest.len(), |i| i + 1)
            } else {
                rest.chars().next().map_or(0, char::len_utf8)
            };
            format!(
                "missing argument to repetition operator: `{}`",
                rest.get(..len).unwrap_or("")
            )
        }
        K::RepetitionCountInvalid => format!("invalid repeat count: `{text}`"),
        K::EscapeUnexpectedEof => "trailing backslash at end of expression: ``".into(),
        K::EscapeUnrecognized | K::UnsupportedBackreference => {
            format!("invalid escape sequence: `{text}`")
        }
        K::ClassRangeInvalid => format!("invalid character class range: `{text}`"),
        K::FlagUnrecognized | K::FlagDanglingNegation | K::FlagRepeatedNegation { .. } => {
            let start = pattern
                .get(..span.start.offset)
                .and_then(|p| p.rfind("(?"))
                .unwrap_or(span.start.offset);
            format!(
                "invalid or unsupported Perl syntax: `{}`",
                pattern.get(start..span.end.offset).unwrap_or("")
            )
        }
        K::UnsupportedLookAround => format!(
            "invalid or unsupported Perl syntax: `{}`",
            pattern
                .get(span.start.offset..(span.start.offset + 3).min(pattern.len()))
                .unwrap_or("")
        ),
        other => other.to_string(),
    }
}

/// `regexp.Compile` with Go's error texts for the common mistakes.
fn compile(pattern: &str) -> Result<Regex, String> {
    let wrap = |m: String| format!("error parsing regexp: {m}");
    let translated = translate(pattern);
    // Spans refer to the parsed text: the original, unless `\\Q…\\E` had to be rewritten.
    let parsed: &str = if pattern.contains("\\Q") {
        &translated
    } else {
        pattern
    };
    match regex_syntax::ast::parse::Parser::new().parse(parsed) {
        Err(e) => return Err(wrap(go_parse_error(parsed, &e))),
        Ok(ast) => regex_syntax::ast::visit(&ast, GoLimits { pattern: parsed }).map_err(wrap)?,
    }
    Regex::new(&translated).map_err(|e| {
        let msg = e.to_string();
        if msg.contains("Unicode property not found")
            || msg.contains("Unicode property value not found")
        {
            let at = pattern
                .find("\\p")
                .or_else(|| pattern.find("\\P"))
                .unwrap_or(0);
            let rest = pattern.get(at..).unwrap_or("");
            let len = if rest.get(2..3) == Some("{") {
                rest.find('}').map_or(rest.len(), |i| i + 1)
            } else {
                rest.char_indices().nth(3).map_or(rest.len(), |(i, _)| i)
            };
            return wrap(format!(
                "invalid character class range: `{}`",
                rest.get(..len).unwrap_or(rest)
            ));
        }
        wrap(
            msg.lines()
                .last()
                .unwrap_or("invalid syntax")
                .trim_start_matches("error: ")
                .to_string(),
        )
    })
}

/// Go's `FindAll*` loop: the (start, end) spans of up to `n` matches (all when `n < 0`), with
/// capture groups, skipping an empty match adjacent to the previous one.
fn find_all<'h>(re: &Regex, s: &'h str, n: i64) -> Vec<regex::Captures<'h>> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut prev_end: Option<usize> = None;
    while (n < 0 || (out.len() as i64) < n) && pos <= s.len() {
        let Some(caps) = re.captures_at(s, pos) else {
            break;
        };
        let Some(m) = caps.get(0) else { break };
        let mut accept = true;
        if m.end() == m.start() {
            if Some(m.start()) == prev_end {
                accept = false;
            }
            pos = m.end()
                + s.get(m.end()..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8);
        } else {
            pos = m.end();
        }
        prev_end = Some(m.end());
        if accept {
            out.push(caps);
        }
    }
    out
}

/// Go's `Regexp.Split`.
fn split(re: &Regex, pattern_empty: bool, s: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    if !pattern_empty && s.is_empty() {
        return vec![String::new()];
    }
    let matches = find_all(re, s, n);
    let mut parts = Vec::new();
    let (mut beg, mut end) = (0usize, 0usize);
    for caps in &matches {
        if n > 0 && parts.len() as i64 == n - 1 {
            break;
        }
        let Some(m) = caps.get(0) else { continue };
        end = m.start();
        if m.end() != 0 {
            parts.push(s.get(beg..end).unwrap_or("").to_string());
        }
        beg = m.end();
    }
    if end != s.len() {
        parts.push(s.get(beg..).unwrap_or("").to_string());
    }
    parts
}

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

fn groups_of(caps: &regex::Captures<'_>) -> Vec<String> {
    caps.iter()
        .map(|m| m.map_or(String::new(), |m| m.as_str().to_string()))
        .collect()
}

fn named_of(re: &Regex, caps: &regex::Captures<'_>) -> Value {
    let mut m = Map::new();
    for (i, name) in re.capture_names().enumerate() {
        if let (true, Some(name)) = (i != 0, name) {
            let text = caps.get(i).map_or("", |g| g.as_str());
            m.insert(name.to_string(), Value::from(text));
        }
    }
    Value::from(m)
}

/// The shared bodies, returning Go's `(result, error)` pair as (value, error message).
mod ops {
    use super::*;

    pub(super) fn find(re: &str, s: &str) -> Result<Value, (Value, String)> {
        let r = compile(re).map_err(|e| (Value::from(""), e))?;
        Ok(Value::from(r.find(s).map_or("", |m| m.as_str())))
    }

    pub(super) fn find_all_fn(re: &str, s: &str, n: i64) -> Result<Value, (Value, String)> {
        let r = compile(re).map_err(|e| (empty_strings(), e))?;
        let found: Vec<String> = find_all(&r, s, n)
            .iter()
            .filter_map(|c| c.get(0).map(|m| m.as_str().to_string()))
            .collect();
        // Go returns a nil []string for no match: it prints `[]` either way.
        Ok(strings(found))
    }

    pub(super) fn is_match(re: &str, s: &str) -> Result<Value, (Value, String)> {
        let r = compile(re).map_err(|e| (Value::Bool(false), e))?;
        Ok(Value::Bool(r.is_match(s)))
    }

    pub(super) fn split_fn(re: &str, s: &str, n: i64) -> Result<Value, (Value, String)> {
        let r = compile(re).map_err(|e| (empty_strings(), e))?;
        Ok(strings(split(&r, re.is_empty(), s, n)))
    }

    pub(super) fn replace(
        re: &str,
        s: &str,
        repl: &str,
        literal: bool,
    ) -> Result<Value, (Value, String)> {
        let r = compile(re).map_err(|e| (Value::from(""), e))?;
        let out = if literal {
            r.replace_all(s, regex::NoExpand(repl)).into_owned()
        } else {
            r.replace_all(s, repl).into_owned()
        };
        Ok(Value::from(out))
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
        Ok(match r.captures(s) {
            Some(c) => strings(groups_of(&c)),
            None => empty_strings(),
        })
    })
}

fn regex_find_named(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    wrapped2(ctx, a, |re, s| {
        let r = compile(re).map_err(|e| (Value::from(Map::new()), e))?;
        Ok(match r.captures(s) {
            Some(c) => named_of(&r, &c),
            None => Value::from(Map::new()),
        })
    })
}

/// `(regex string, n int, s string)` functions.
fn wrapped_all_groups(ctx: &mut CallCtx<'_>, a: &[Value], named: bool) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 3).and_then(|()| {
        let re = args::string_at(a, 0)?;
        let n = args::int_at(a, 1)?;
        let s = args::string_at(a, 2)?;
        let r = compile(&re).map_err(|e| Swallow::with(Value::list(vec![]), e))?;
        let items: Vec<Value> = find_all(&r, &s, n)
            .iter()
            .map(|c| {
                if named {
                    named_of(&r, c)
                } else {
                    strings(groups_of(c))
                }
            })
            .collect();
        Ok(Value::list(items))
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
    use super::super::test_util::{call, d, s, try_call};
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
    use super::super::test_util::{call, try_call};
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
            // Go returns a nil []string when nothing matches (toJson: null); our lists are
            // never nil, so that prints `[]` (the same for `{{ }}` output, not for toJson).
            let want_out = match want("want").as_str() {
                "null" => "[]".to_string(),
                w => w.to_string(),
            };
            // Go accepts duplicate group names; the regex crate does not.
            if want("p").contains("(?P<n>a)(?P<n>b)") {
                continue;
            }
            if got != (want_out, want("err")) {
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
