//! Lexical items of a template, as Go's `text/template/parse` lexer emits them (`item`,
//! `itemType`).

use std::borrow::Cow;
use std::fmt;

/// The kind of a lexical item (Go's `itemType`). The keyword kinds come after `itemKeyword`
/// in Go's enumeration; [`TokKind::is_keyword`] mirrors that test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// A lexical error; the value is the message.
    Error,
    Bool,
    /// A printable ASCII character that is nothing else (`,`, `+`, …).
    Char,
    CharConstant,
    Comment,
    Complex,
    /// `=`.
    Assign,
    /// `:=`.
    Declare,
    Eof,
    /// `.name`.
    Field,
    Identifier,
    LeftDelim,
    LeftParen,
    Number,
    Pipe,
    RawString,
    RightDelim,
    RightParen,
    Space,
    String,
    Text,
    /// `$`, `$x`.
    Variable,
    // Keywords.
    Block,
    Break,
    Continue,
    Dot,
    Define,
    Else,
    End,
    If,
    Nil,
    Range,
    Template,
    With,
}

impl TokKind {
    /// True for the keyword kinds (Go: `typ > itemKeyword`).
    pub fn is_keyword(self) -> bool {
        matches!(
            self,
            TokKind::Block
                | TokKind::Break
                | TokKind::Continue
                | TokKind::Dot
                | TokKind::Define
                | TokKind::Else
                | TokKind::End
                | TokKind::If
                | TokKind::Nil
                | TokKind::Range
                | TokKind::Template
                | TokKind::With
        )
    }

    /// The keyword a word spells, if any (Go's `key` table).
    pub fn keyword(word: &str) -> Option<TokKind> {
        Some(match word {
            "." => TokKind::Dot,
            "block" => TokKind::Block,
            "break" => TokKind::Break,
            "continue" => TokKind::Continue,
            "define" => TokKind::Define,
            "else" => TokKind::Else,
            "end" => TokKind::End,
            "if" => TokKind::If,
            "range" => TokKind::Range,
            "nil" => TokKind::Nil,
            "template" => TokKind::Template,
            "with" => TokKind::With,
            _ => return None,
        })
    }
}

/// One lexical item: kind, byte offset of its start, text, and the line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Token<'s> {
    pub kind: TokKind,
    /// Byte offset of the item in the whole source.
    pub pos: usize,
    /// The item's text (for [`TokKind::Error`], the message).
    pub val: Cow<'s, str>,
    /// 1-based line the item starts on.
    pub line: u32,
}

impl fmt::Display for Token<'_> {
    /// Go's `item.String()`: `EOF`, the error text, `<keyword>`, or the quoted value (`%.10q...`
    /// beyond ten characters).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TokKind::Eof => f.write_str("EOF"),
            TokKind::Error => f.write_str(&self.val),
            k if k.is_keyword() => write!(f, "<{}>", self.val),
            _ => {
                if self.val.chars().count() > 10 {
                    let short: String = self.val.chars().take(10).collect();
                    write!(f, "{}...", go_quote(&short))
                } else {
                    f.write_str(&go_quote(&self.val))
                }
            }
        }
    }
}

/// Go's `strconv.Quote` (`%q` of a string): double quotes, Go escapes for control characters,
/// printable Unicode kept as is.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if is_go_print(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Go's `strconv.IsPrint`.
pub fn is_go_print(c: char) -> bool {
    super::unicode_class::is_print(c)
}

/// Go's `%#U` of a rune: `U+0001`, or `U+00E9 'é'` when printable.
pub fn go_rune_u(c: char) -> String {
    if is_go_print(c) {
        format!("U+{:04X} '{c}'", c as u32)
    } else {
        format!("U+{:04X}", c as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::go_quote;

    /// `strconv.Quote` facts (checked with Go): escapes, `\x` for ASCII controls, `\u` for
    /// non-printable runes such as the no-break space, printable Unicode kept.
    #[test]
    fn quotes_like_strconv() {
        assert_eq!(go_quote("a\"b\\"), r#""a\"b\\""#);
        assert_eq!(go_quote("\n\u{1}é"), r#""\n\x01é""#);
        assert_eq!(go_quote("\u{a0}"), r#""\u00a0""#);
    }
}
