//! Test support: evaluates a template-like call expression (`add 3 .n`, `join "," (list 1 2)`)
//! directly against the function map, with the data object of the measured sprigin cases, so
//! the families can be checked against the measured facts before the template engine exists.
//! Literals follow text/template: integers are Go `int`, numbers with `.`/`e` are float64.

use crate::template::{CallCtx, FuncError, Pos, RenderEnv, Value};

use super::capsule_func_map;

/// The `data` object shared by the measured cases.
pub(crate) fn data() -> Value {
    let text = include_str!("../../tests/data/sprigin-cases.jsonl");
    let first = text.lines().next().unwrap_or("{}");
    let case: serde_json::Value = serde_json::from_str(first).unwrap_or_default();
    Value::from_json(case.get("data").unwrap_or(&serde_json::Value::Null))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Str(String),
    Word(String),
}

fn lex(src: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = src.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' => {
                chars.next();
            }
            '(' => {
                chars.next();
                out.push(Tok::Open);
            }
            ')' => {
                chars.next();
                out.push(Tok::Close);
            }
            '"' => {
                chars.next();
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some('n') => s.push('\n'),
                            Some('t') => s.push('\t'),
                            Some(o) => s.push(o),
                            None => {}
                        },
                        o => s.push(o),
                    }
                }
                out.push(Tok::Str(s));
            }
            _ => {
                let mut w = String::new();
                while let Some(&c) = chars.peek() {
                    if c == ' ' || c == '(' || c == ')' {
                        break;
                    }
                    w.push(c);
                    chars.next();
                }
                out.push(Tok::Word(w));
            }
        }
    }
    out
}

struct Eval<'a> {
    toks: Vec<Tok>,
    pos: usize,
    data: &'a Value,
    env: RenderEnv,
}

impl Eval<'_> {
    fn term(&mut self) -> Result<Value, FuncError> {
        let tok = self.toks.get(self.pos).cloned();
        self.pos += 1;
        match tok {
            Some(Tok::Open) => {
                let v = self.command()?;
                self.pos += 1; // ')'
                Ok(v)
            }
            Some(Tok::Str(s)) => Ok(Value::from(s)),
            Some(Tok::Word(w)) => Ok(self.literal(&w)),
            _ => Ok(Value::Nil),
        }
    }

    fn literal(&self, w: &str) -> Value {
        match w {
            "nil" => Value::Nil,
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ if w.starts_with('.') => {
                let mut v = self.data.clone();
                for part in w[1..].split('.') {
                    v = v.map_get(part).unwrap_or(Value::Nil);
                }
                v
            }
            _ => match w.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::Float(w.parse::<f64>().unwrap_or(f64::NAN)),
            },
        }
    }

    fn command(&mut self) -> Result<Value, FuncError> {
        let Some(Tok::Word(name)) = self.toks.get(self.pos).cloned() else {
            return self.term();
        };
        let funcs = capsule_func_map();
        let Some(f) = funcs.get(&name).copied() else {
            return self.term();
        };
        self.pos += 1;
        let mut args = Vec::new();
        while self.pos < self.toks.len() && self.toks[self.pos] != Tok::Close {
            args.push(self.term()?);
        }
        let mut ctx = CallCtx {
            name: f.name,
            pos: Pos::default(),
            env: &mut self.env,
        };
        (f.call)(&mut ctx, &args)
    }
}

/// Evaluates one call expression.
pub(crate) fn eval(src: &str) -> Result<Value, FuncError> {
    eval_with_events(src).0
}

/// Evaluates one call expression and returns what the functions recorded (swallowed errors).
pub(crate) fn eval_with_events(
    src: &str,
) -> (Result<Value, FuncError>, Vec<crate::template::FuncEvent>) {
    let data = data();
    let mut e = Eval {
        toks: lex(src),
        pos: 0,
        data: &data,
        env: RenderEnv::default(),
    };
    let r = e.command();
    (r, e.env.events)
}

/// What `{{ expr }}` prints, `ERR: msg` for a template error, `FATAL` for a crash.
pub(crate) fn render(src: &str) -> String {
    match eval(src) {
        Ok(v) => v.to_template_string(),
        Err(FuncError::Call(m)) => format!("ERR: {m}"),
        Err(FuncError::Fatal(_)) => "FATAL".into(),
    }
}

/// `printf "%T"` of the result.
pub(crate) fn type_of(src: &str) -> String {
    match eval(src) {
        Ok(v) => v.type_name().to_string(),
        Err(_) => "ERR".into(),
    }
}

/// Checks `(expression, expected print)` pairs and reports every mismatch at once.
pub(crate) fn check(cases: &[(&str, &str)]) {
    let bad: Vec<String> = cases
        .iter()
        .filter_map(|(src, want)| {
            let got = render(src);
            (got != *want).then(|| format!("{{{{ {src} }}}}: got {got:?}, want {want:?}"))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Checks `(expression, expected %T)` pairs.
pub(crate) fn check_types(cases: &[(&str, &str)]) {
    let bad: Vec<String> = cases
        .iter()
        .filter_map(|(src, want)| {
            let got = type_of(src);
            (got != *want).then(|| format!("%T of {src}: got {got:?}, want {want:?}"))
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
