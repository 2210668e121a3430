//! Go's `strconv.Quote`, as error messages quote characters and strings.

use std::fmt::Write;

/// Whether Go's `strconv.IsPrint` would call the character printable (approximation: not a
/// control character and not a space separator other than U+0020).
fn printable(c: char) -> bool {
    !(c.is_control() || (c.is_whitespace() && c != ' ') || c == '\u{FEFF}' || c == '\u{AD}')
}

/// `strconv.Quote(s)`: a double-quoted Go string literal with Go's escapes.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if printable(c) => out.push(c),
            c if (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_like_strconv() {
        assert_eq!(quote("a\"b\\"), r#""a\"b\\""#);
        assert_eq!(quote("\n\u{1}é"), r#""\n\x01é""#);
        assert_eq!(quote("\u{a0}"), r#""\u00a0""#);
    }
}
