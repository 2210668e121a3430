//! Hints: what to do about an error, added to Go's message when we can say more than Go
//! (product.md: errors that point at the template line and tell the user the fix).

use super::error::{TemplateError, TemplateErrorKind};
use super::function::FuncMap;

/// Levenshtein distance, for "did you mean" suggestions (short names only).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// The registered names closest to `name` (case-insensitive match first).
fn suggest(name: &str, funcs: &FuncMap) -> Vec<&'static str> {
    const BUILTINS: &[&str] = &[
        "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq", "ne",
        "lt", "le", "gt", "ge", "html", "js", "urlquery", "call",
    ];
    let lower = name.to_lowercase();
    let mut scored: Vec<(usize, &'static str)> = funcs
        .names()
        .into_iter()
        .chain(BUILTINS.iter().copied())
        .map(|n| {
            let d = if n.to_lowercase() == lower {
                0
            } else {
                distance(&lower, &n.to_lowercase())
            };
            (d, n)
        })
        .filter(|&(d, _)| d <= (name.chars().count() / 3).max(1))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

/// The text between the first pair of double quotes in `s`.
fn quoted(s: &str) -> Option<&str> {
    let start = s.find('"')? + 1;
    let len = s.get(start..)?.find('"')?;
    s.get(start..start + len)
}

/// Adds a hint to `err` when it has none and we recognise the message.
pub fn add_hint(err: &mut TemplateError, funcs: Option<&FuncMap>) {
    if err.hint.is_some() {
        return;
    }
    let msg = err.go_message.as_str();
    // The part after the position/context prefix.
    let tail = match err.kind {
        TemplateErrorKind::Parse => msg.splitn(3, ": ").nth(2).unwrap_or(msg),
        _ => msg.rsplit_once(">: ").map(|(_, t)| t).unwrap_or(msg),
    };
    let hint = if tail.starts_with("function ") && tail.ends_with(" not defined") {
        let name = quoted(tail).unwrap_or("");
        let names = funcs.map(|f| suggest(name, f)).unwrap_or_default();
        if names.is_empty() {
            Some(format!(
                "`{name}` is neither a Go template builtin nor a function of Capsule's map \
                 (sprigin and Capsule's own)"
            ))
        } else {
            Some(format!(
                "did you mean {}?",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ))
        }
    } else if tail == "unexpected EOF" {
        Some(
            "an {{if}}, {{range}}, {{with}}, {{define}} or {{block}} is missing its {{end}}".into(),
        )
    } else if tail == "unexpected {{end}}" || tail == "unexpected {{else}}" {
        Some(
            "this action has no open {{if}}, {{range}} or {{with}} to close; remove it or add \
              the opening action"
                .into(),
        )
    } else if tail.starts_with("unclosed action") {
        Some(
            "an action opened with {{ is not closed with }} (a quote or parenthesis inside it \
              may be unbalanced)"
                .into(),
        )
    } else if tail.starts_with("missing value for ") {
        Some("the action needs a value to test or iterate over, e.g. {{ if .enabled }}".into())
    } else if tail.contains("outside {{range}}") {
        Some("break and continue only work inside a {{range}} body".into())
    } else if tail.starts_with("undefined variable") {
        Some(
            "declare the variable with `$name := …` before this point, in this block or an \
              enclosing one (a variable declared inside if/with/range ends at its {{end}}; \
              `define`d templates only see `$`)"
                .into(),
        )
    } else if tail.starts_with("nil pointer evaluating interface {}.") {
        Some(
            "the value before this field is missing or null; with missingKey `zero` \
              (Capsule's default) reading a field through a missing key fails: guard it with \
              `{{ with … }}`, or use `dig \"a\" \"b\" \"default\" .` or `index`"
                .into(),
        )
    } else if tail.starts_with("map has no entry for key") || tail.starts_with("nil data; no entry")
    {
        Some(
            "the generator runs with missingKey `error`: check the key with `hasKey`, read it \
              with `dig`/`index`, or use missingKey `zero`"
                .into(),
        )
    } else if tail.starts_with("can't evaluate field") {
        Some(
            "`.name` reads a key of a map (or a field of an object); this value is not one. \
              Inside range/with the dot is the current element, use `$.` for the data root"
                .into(),
        )
    } else if tail.contains("incompatible types for comparison") {
        Some(
            "Go compares numbers only within one kind: integers from objects are int64, \
              numbers with a fraction float64 and literals `1` int, `1.0` float64; convert one \
              side (`int64`, `float64`, `toString`) so both match"
                .into(),
        )
    } else if tail.contains("invalid type for comparison") || tail.contains("non-comparable type") {
        Some(
            "eq/ne compare basic values (strings, numbers, booleans); lt/le/gt/ge also not \
              booleans; lists and maps cannot be compared: compare an element or `len`"
                .into(),
        )
    } else if tail.starts_with("range can't iterate over") {
        Some("range walks a list, a map or an integer; this value is none of them".into())
    } else if tail.starts_with("wrong type for value")
        || tail.starts_with("invalid value; expected")
    {
        Some(
            "the function takes a typed argument; a missing key or nil gives no value of that \
              type: provide a default (`default \"x\" .a`) or convert it"
                .into(),
        )
    } else if tail.starts_with("template ") && tail.ends_with(" not defined") {
        Some("define it with {{ define \"name\" }}…{{ end }} in the same template text".into())
    } else {
        None
    };
    err.hint = hint;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Template;

    #[test]
    fn suggests_close_function_names() {
        let funcs = FuncMap::new();
        let e = Template::parse("tpl", "{{ lenn . }}", &funcs).err();
        let hint = e.and_then(|e| e.hint).unwrap_or_default();
        assert_eq!(hint, "did you mean `len`?");
        let e = Template::parse("tpl", "{{ zzzzzz . }}", &funcs).err();
        assert!(
            e.and_then(|e| e.hint)
                .is_some_and(|h| h.contains("neither"))
        );
    }

    #[test]
    fn missing_end_names_the_open_action() {
        let e = Template::parse(
            "tpl",
            "a\n{{ if .a }}\n{{ range .b }}x{{end}}",
            &FuncMap::new(),
        )
        .err();
        let e = e.expect("missing end");
        assert_eq!(e.go_message, "template: tpl:3: unexpected EOF");
        assert_eq!(
            e.hint.as_deref(),
            Some("the {{if}} opened on line 2 is missing its {{end}}")
        );
    }

    #[test]
    fn exec_errors_get_hints() {
        let t = Template::parse("tpl", "{{ .a.b }}", &FuncMap::new()).ok();
        let e = t.and_then(|t| {
            t.execute(
                &crate::template::Value::from(crate::template::Map::new()),
                &crate::template::ExecOptions::default(),
                &mut crate::template::RenderEnv::default(),
            )
            .err()
        });
        assert!(
            e.and_then(|e| e.hint)
                .is_some_and(|h| h.contains("missingKey"))
        );
    }
}
