//! The escaping builtins `html`, `js` and `urlquery` (text/template's `HTMLEscapeString`,
//! `JSEscapeString`, `url.QueryEscape` over `fmt.Sprint` of the arguments).
//!
//! (Placeholder: the exact escapers land with the printf work.)

/// `template.HTMLEscapeString`.
pub fn html_escape(s: &str) -> String {
    s.to_string()
}

/// `template.JSEscapeString`.
pub fn js_escape(s: &str) -> String {
    s.to_string()
}

/// `url.QueryEscape`.
pub fn urlquery_escape(s: &str) -> String {
    s.to_string()
}
