//! The escaping builtins `html`, `js` and `urlquery`: text/template's `HTMLEscapeString`,
//! `JSEscapeString` (Go 1.26 rules) and `net/url.QueryEscape`, applied to text/template's
//! `evalArgs` rendering of the arguments ([`eval_args`]).

use std::fmt::Write as _;

use super::printf::{is_print, sprint};
use super::value::Value;

/// text/template's `evalArgs`: what `html`, `js` and `urlquery` escape. A single string operand is
/// used as is; otherwise every nil operand becomes the string `<no value>` and the operands are
/// joined by `fmt.Sprint` (so `html 1 2` escapes `1 2`, `html "a" 1` escapes `a1`).
pub fn eval_args(args: &[Value]) -> String {
    if let [Value::String(s)] = args {
        return s.to_string();
    }
    let printable: Vec<Value> = args
        .iter()
        .map(|a| match a {
            Value::Nil => Value::from("<no value>"),
            other => other.clone(),
        })
        .collect();
    sprint(&printable)
}

/// `template.HTMLEscapeString`: `<` `>` `&` `'` `"` become `&lt;` `&gt;` `&amp;` `&#39;` `&#34;`,
/// and NUL becomes U+FFFD.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0' => out.push('\u{FFFD}'),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

/// `template.JSEscapeString`: backslash, quotes become `\\` `\'` `\"`; `<` `>` `&` `=` become
/// `\u003C` `\u003E` `\u0026` `\u003D`; ASCII control characters `\u00XX`; non-printable
/// non-ASCII runes `\uXXXX` (upper-case hex, more digits above U+FFFF). DEL and printable
/// runes are kept.
pub fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if c < ' ' => {
                let _ = write!(out, "\\u00{:02X}", u32::from(c));
            }
            c if c.is_ascii() || is_print(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
        }
    }
    out
}

/// `url.QueryEscape`: every byte except ASCII letters, digits and `-_.~` as `%XX` (upper-case),
/// a space as `+`.
pub fn urlquery_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expectations measured with Go 1.27's text/template (`{{ html . }}` etc.).

    #[test]
    fn html_matches_go() {
        assert_eq!(
            html_escape("<a href='x'>&=\" \u{0}é/?+~"),
            "&lt;a href=&#39;x&#39;&gt;&amp;=&#34; \u{FFFD}é/?+~"
        );
        assert_eq!(html_escape("plain"), "plain");
    }

    #[test]
    fn js_matches_go() {
        assert_eq!(
            js_escape("<a href='x'>&=\"\\\u{2028}\u{a0}é\u{1}\u{7f}"),
            "\\u003Ca href\\u003D\\'x\\'\\u003E\\u0026\\u003D\\\"\\\\\\u2028\\u00A0é\\u0001\u{7f}"
        );
    }

    #[test]
    fn urlquery_matches_go() {
        assert_eq!(
            urlquery_escape("<a href='x'>&=\" \u{0}é/?+~"),
            "%3Ca+href%3D%27x%27%3E%26%3D%22+%00%C3%A9%2F%3F%2B~"
        );
    }

    #[test]
    fn eval_args_joins_like_go() {
        assert_eq!(eval_args(&[Value::from("a<")]), "a<");
        assert_eq!(eval_args(&[Value::Int(1), Value::Int(2)]), "1 2");
        assert_eq!(eval_args(&[Value::from("a"), Value::Int(1)]), "a1");
        assert_eq!(eval_args(&[Value::Nil]), "<no value>");
    }
}
