//! The template lexer: a port of the state machine of Go's `text/template/parse/lex.go`, driven
//! one item at a time by the parser. Delimiters are `{{` and `}}` (Capsule never changes them).
//!
//! Mirrored details: trim markers need a space (`{{- x -}}`; `{{-3}}` is the number -3) and eat
//! spaces, tabs, CR and LF; comments must touch the delimiters; `break`/`continue` are keywords;
//! items carry the line they start on, which the parser uses for parse-error lines; after an
//! error the lexer only returns EOF.

use std::borrow::Cow;

use super::token::{TokKind, Token, go_quote, go_rune_u};
use super::unicode_class;

const LEFT_DELIM: &str = "{{";
const RIGHT_DELIM: &str = "}}";
const LEFT_COMMENT: &str = "/*";
const RIGHT_COMMENT: &str = "*/";
/// A trim marker plus the space next to it.
const TRIM_MARKER_LEN: usize = 2;

#[derive(Clone, Copy, Debug)]
enum State {
    Text,
    LeftDelim,
    Comment,
    RightDelim,
    InsideAction,
    Space,
    Identifier,
    Field,
    Variable,
    Char,
    Number,
    Quote,
    RawQuote,
}

/// Go's `lexer`, minus the goroutine: [`Lexer::next_item`] runs states until one emits.
pub struct Lexer<'s> {
    input: &'s str,
    pos: usize,
    start: usize,
    at_eof: bool,
    paren_depth: i32,
    line: u32,
    start_line: u32,
    inside_action: bool,
    item: Option<Token<'s>>,
}

/// Go's `isSpace`.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Go's `isAlphaNumeric`: `_`, `unicode.IsLetter`, `unicode.IsDigit`.
pub fn is_alnum(c: char) -> bool {
    c == '_' || unicode_class::is_letter(c) || unicode_class::is_digit(c)
}

fn has_left_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0] == b'-' && is_space(b[1] as char)
}

fn has_right_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && is_space(b[0] as char) && b[1] == b'-'
}

fn trim_right_len(s: &str) -> usize {
    s.len() - s.trim_end_matches(is_space).len()
}

fn trim_left_len(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_space).len()
}

fn count_nl(s: &str) -> u32 {
    s.bytes().filter(|&b| b == b'\n').count() as u32
}

impl<'s> Lexer<'s> {
    /// A lexer at the start of `input`.
    pub fn new(input: &'s str) -> Lexer<'s> {
        Lexer {
            input,
            pos: 0,
            start: 0,
            at_eof: false,
            paren_depth: 0,
            line: 1,
            start_line: 1,
            inside_action: false,
            item: None,
        }
    }

    fn rest(&self, from: usize) -> &'s str {
        self.input.get(from..).unwrap_or("")
    }

    fn next(&mut self) -> Option<char> {
        let c = match self.rest(self.pos).chars().next() {
            Some(c) => c,
            None => {
                self.at_eof = true;
                return None;
            }
        };
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        let c = self.next();
        self.backup();
        c
    }

    fn backup(&mut self) {
        if !self.at_eof
            && self.pos > 0
            && let Some(c) = self
                .input
                .get(..self.pos)
                .and_then(|s| s.chars().next_back())
        {
            self.pos -= c.len_utf8();
            if c == '\n' {
                self.line -= 1;
            }
        }
    }

    fn this_item(&mut self, kind: TokKind) -> Token<'s> {
        let val = self.input.get(self.start..self.pos).unwrap_or("");
        let t = Token {
            kind,
            pos: self.start,
            val: Cow::Borrowed(val),
            line: self.start_line,
        };
        self.start = self.pos;
        self.start_line = self.line;
        t
    }

    fn emit(&mut self, kind: TokKind) -> Option<State> {
        let t = self.this_item(kind);
        self.item = Some(t);
        None
    }

    fn ignore(&mut self) {
        self.line += count_nl(self.input.get(self.start..self.pos).unwrap_or(""));
        self.start = self.pos;
        self.start_line = self.line;
    }

    fn accept(&mut self, valid: &str) -> bool {
        match self.next() {
            Some(c) if valid.contains(c) => true,
            _ => {
                self.backup();
                false
            }
        }
    }

    fn accept_run(&mut self, valid: &str) {
        while let Some(c) = self.next() {
            if !valid.contains(c) {
                break;
            }
        }
        self.backup();
    }

    fn errorf(&mut self, msg: String) -> Option<State> {
        self.item = Some(Token {
            kind: TokKind::Error,
            pos: self.start,
            val: Cow::Owned(msg),
            line: self.start_line,
        });
        self.start = 0;
        self.pos = 0;
        self.input = "";
        None
    }

    /// The next item (Go's `nextItem`).
    pub fn next_item(&mut self) -> Token<'s> {
        self.item = None;
        let eof = Token {
            kind: TokKind::Eof,
            pos: self.pos,
            val: Cow::Borrowed("EOF"),
            line: self.start_line,
        };
        let mut state = if self.inside_action {
            State::InsideAction
        } else {
            State::Text
        };
        loop {
            let next = match state {
                State::Text => self.lex_text(),
                State::LeftDelim => self.lex_left_delim(),
                State::Comment => self.lex_comment(),
                State::RightDelim => self.lex_right_delim(),
                State::InsideAction => self.lex_inside_action(),
                State::Space => self.lex_space(),
                State::Identifier => self.lex_identifier(),
                State::Field => self.lex_field_or_variable(TokKind::Field),
                State::Variable => self.lex_variable(),
                State::Char => self.lex_quoted('\'', "unterminated character constant"),
                State::Number => self.lex_number(),
                State::Quote => self.lex_quoted('"', "unterminated quoted string"),
                State::RawQuote => self.lex_raw_quote(),
            };
            match next {
                Some(s) => state = s,
                None => return self.item.take().unwrap_or(eof),
            }
        }
    }

    fn lex_text(&mut self) -> Option<State> {
        let rest = self.rest(self.pos);
        if let Some(x) = rest.find(LEFT_DELIM) {
            if x > 0 {
                self.pos += x;
                let delim_end = self.pos + LEFT_DELIM.len();
                let trim = if has_left_trim_marker(self.rest(delim_end)) {
                    trim_right_len(self.input.get(self.start..self.pos).unwrap_or(""))
                } else {
                    0
                };
                self.pos -= trim;
                self.line += count_nl(self.input.get(self.start..self.pos).unwrap_or(""));
                let item = self.this_item(TokKind::Text);
                self.pos += trim;
                self.ignore();
                if !item.val.is_empty() {
                    self.item = Some(item);
                    return None;
                }
            }
            return Some(State::LeftDelim);
        }
        self.pos = self.input.len();
        if self.pos > self.start {
            self.line += count_nl(self.input.get(self.start..self.pos).unwrap_or(""));
            return self.emit(TokKind::Text);
        }
        self.emit(TokKind::Eof)
    }

    fn at_right_delim(&self) -> (bool, bool) {
        let rest = self.rest(self.pos);
        if has_right_trim_marker(rest)
            && self
                .rest(self.pos + TRIM_MARKER_LEN)
                .starts_with(RIGHT_DELIM)
        {
            return (true, true);
        }
        if rest.starts_with(RIGHT_DELIM) {
            return (true, false);
        }
        (false, false)
    }

    fn lex_left_delim(&mut self) -> Option<State> {
        self.pos += LEFT_DELIM.len();
        let trim = has_left_trim_marker(self.rest(self.pos));
        let after = if trim { TRIM_MARKER_LEN } else { 0 };
        if self.rest(self.pos + after).starts_with(LEFT_COMMENT) {
            self.pos += after;
            self.ignore();
            return Some(State::Comment);
        }
        let item = self.this_item(TokKind::LeftDelim);
        self.inside_action = true;
        self.pos += after;
        self.ignore();
        self.paren_depth = 0;
        self.item = Some(item);
        None
    }

    fn lex_comment(&mut self) -> Option<State> {
        self.pos += LEFT_COMMENT.len();
        let Some(x) = self.rest(self.pos).find(RIGHT_COMMENT) else {
            return self.errorf("unclosed comment".into());
        };
        self.pos += x + RIGHT_COMMENT.len();
        let (delim, trim) = self.at_right_delim();
        if !delim {
            return self.errorf("comment ends before closing delimiter".into());
        }
        self.line += count_nl(self.input.get(self.start..self.pos).unwrap_or(""));
        let _comment = self.this_item(TokKind::Comment);
        if trim {
            self.pos += TRIM_MARKER_LEN;
        }
        self.pos += RIGHT_DELIM.len();
        if trim {
            self.pos += trim_left_len(self.rest(self.pos));
        }
        self.ignore();
        Some(State::Text)
    }

    fn lex_right_delim(&mut self) -> Option<State> {
        let (_, trim) = self.at_right_delim();
        if trim {
            self.pos += TRIM_MARKER_LEN;
            self.ignore();
        }
        self.pos += RIGHT_DELIM.len();
        let item = self.this_item(TokKind::RightDelim);
        if trim {
            self.pos += trim_left_len(self.rest(self.pos));
            self.ignore();
        }
        self.inside_action = false;
        self.item = Some(item);
        None
    }

    fn lex_inside_action(&mut self) -> Option<State> {
        let (delim, _) = self.at_right_delim();
        if delim {
            if self.paren_depth == 0 {
                return Some(State::RightDelim);
            }
            return self.errorf("unclosed left paren".into());
        }
        let Some(r) = self.next() else {
            return self.errorf("unclosed action".into());
        };
        match r {
            c if is_space(c) => {
                self.backup();
                Some(State::Space)
            }
            '=' => self.emit(TokKind::Assign),
            ':' => {
                if self.next() != Some('=') {
                    return self.errorf("expected :=".into());
                }
                self.emit(TokKind::Declare)
            }
            '|' => self.emit(TokKind::Pipe),
            '"' => Some(State::Quote),
            '`' => Some(State::RawQuote),
            '$' => Some(State::Variable),
            '\'' => Some(State::Char),
            '.' if !self
                .rest(self.pos)
                .starts_with(|c: char| c.is_ascii_digit()) =>
            {
                if self.pos < self.input.len() {
                    Some(State::Field)
                } else {
                    self.backup();
                    Some(State::Number)
                }
            }
            '.' | '+' | '-' | '0'..='9' => {
                self.backup();
                Some(State::Number)
            }
            c if is_alnum(c) => {
                self.backup();
                Some(State::Identifier)
            }
            '(' => {
                self.paren_depth += 1;
                self.emit(TokKind::LeftParen)
            }
            ')' => {
                self.paren_depth -= 1;
                if self.paren_depth < 0 {
                    return self.errorf("unexpected right paren".into());
                }
                self.emit(TokKind::RightParen)
            }
            c if (c as u32) < 0x80 && (' '..='~').contains(&c) => self.emit(TokKind::Char),
            c => self.errorf(format!(
                "unrecognized character in action: {}",
                go_rune_u(c)
            )),
        }
    }

    fn lex_space(&mut self) -> Option<State> {
        let mut num_spaces = 0;
        while let Some(c) = self.peek() {
            if !is_space(c) {
                break;
            }
            self.next();
            num_spaces += 1;
        }
        let before = self.pos.saturating_sub(1);
        if has_right_trim_marker(self.rest(before))
            && self.rest(before + TRIM_MARKER_LEN).starts_with(RIGHT_DELIM)
        {
            self.backup();
            if num_spaces == 1 {
                return Some(State::RightDelim);
            }
        }
        self.emit(TokKind::Space)
    }

    fn bad_char(&mut self, r: Option<char>) -> Option<State> {
        let shown = match r {
            Some(c) => go_rune_u(c),
            None => "U+FFFFFFFFFFFFFFFF".to_string(),
        };
        self.errorf(format!("bad character {shown}"))
    }

    fn lex_identifier(&mut self) -> Option<State> {
        loop {
            let r = self.next();
            match r {
                Some(c) if is_alnum(c) => {}
                _ => {
                    self.backup();
                    let word = self.input.get(self.start..self.pos).unwrap_or("");
                    if !self.at_terminator() {
                        return self.bad_char(r);
                    }
                    let kind = match TokKind::keyword(word) {
                        Some(k) if k.is_keyword() => k,
                        _ if word.starts_with('.') => TokKind::Field,
                        _ if word == "true" || word == "false" => TokKind::Bool,
                        _ => TokKind::Identifier,
                    };
                    return self.emit(kind);
                }
            }
        }
    }

    fn lex_variable(&mut self) -> Option<State> {
        if self.at_terminator() {
            return self.emit(TokKind::Variable);
        }
        self.lex_field_or_variable(TokKind::Variable)
    }

    fn lex_field_or_variable(&mut self, kind: TokKind) -> Option<State> {
        if self.at_terminator() {
            return self.emit(if kind == TokKind::Variable {
                TokKind::Variable
            } else {
                TokKind::Dot
            });
        }
        let mut r;
        loop {
            r = self.next();
            match r {
                Some(c) if is_alnum(c) => {}
                _ => {
                    self.backup();
                    break;
                }
            }
        }
        if !self.at_terminator() {
            return self.bad_char(r);
        }
        self.emit(kind)
    }

    fn at_terminator(&mut self) -> bool {
        match self.peek() {
            None => true,
            Some(c) if is_space(c) => true,
            Some('.' | ',' | '|' | ':' | ')' | '(') => true,
            Some(_) => self.rest(self.pos).starts_with(RIGHT_DELIM),
        }
    }

    /// Quoted strings and character constants (Go's `lexQuote` and `lexChar`).
    fn lex_quoted(&mut self, quote: char, unterminated: &str) -> Option<State> {
        loop {
            match self.next() {
                Some('\\') => match self.next() {
                    Some(c) if c != '\n' => {}
                    _ => return self.errorf(unterminated.into()),
                },
                None | Some('\n') => return self.errorf(unterminated.into()),
                Some(c) if c == quote => break,
                Some(_) => {}
            }
        }
        self.emit(if quote == '"' {
            TokKind::String
        } else {
            TokKind::CharConstant
        })
    }

    fn lex_raw_quote(&mut self) -> Option<State> {
        loop {
            match self.next() {
                None => return self.errorf("unterminated raw quoted string".into()),
                Some('`') => break,
                Some(_) => {}
            }
        }
        self.emit(TokKind::RawString)
    }

    fn lex_number(&mut self) -> Option<State> {
        if !self.scan_number() {
            let text = self
                .input
                .get(self.start..self.pos)
                .unwrap_or("")
                .to_string();
            return self.errorf(format!("bad number syntax: {}", go_quote(&text)));
        }
        if let Some('+' | '-') = self.peek() {
            let ok = self.scan_number();
            let last_i = self.input.as_bytes().get(self.pos.wrapping_sub(1)) == Some(&b'i');
            if !ok || !last_i {
                let text = self
                    .input
                    .get(self.start..self.pos)
                    .unwrap_or("")
                    .to_string();
                return self.errorf(format!("bad number syntax: {}", go_quote(&text)));
            }
            return self.emit(TokKind::Complex);
        }
        self.emit(TokKind::Number)
    }

    fn scan_number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 11 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 23 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        self.accept("i");
        if let Some(c) = self.peek()
            && is_alnum(c)
        {
            self.next();
            return false;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lexes everything into `kind:value` strings (Go's lex_test shape).
    fn lex_all(src: &str) -> Vec<String> {
        let mut l = Lexer::new(src);
        let mut out = Vec::new();
        loop {
            let t = l.next_item();
            let done = matches!(t.kind, TokKind::Eof | TokKind::Error);
            out.push(format!("{:?}:{}", t.kind, t.val));
            if done {
                return out;
            }
        }
    }

    #[test]
    fn go_lex_cases() {
        // Cases from Go's lex_test.go (kinds renamed, values as Go expects).
        let cases: &[(&str, &[&str])] = &[
            ("", &["Eof:"]),
            (" \t\n", &["Text: \t\n", "Eof:"]),
            ("now is the time", &["Text:now is the time", "Eof:"]),
            (
                "hello-{{/* this is a comment */}}-world",
                &["Text:hello-", "Text:-world", "Eof:"],
            ),
            (
                "{{,@% }}",
                &[
                    "LeftDelim:{{",
                    "Char:,",
                    "Char:@",
                    "Char:%",
                    "Space: ",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            (
                "{{((3))}}",
                &[
                    "LeftDelim:{{",
                    "LeftParen:(",
                    "LeftParen:(",
                    "Number:3",
                    "RightParen:)",
                    "RightParen:)",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            ("{{}}", &["LeftDelim:{{", "RightDelim:}}", "Eof:"]),
            (
                "{{for}}",
                &["LeftDelim:{{", "Identifier:for", "RightDelim:}}", "Eof:"],
            ),
            (
                "{{\"abc \\n\\t\\\" \"}}",
                &[
                    "LeftDelim:{{",
                    "String:\"abc \\n\\t\\\" \"",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            (
                "{{`abc\n\\t\\\" `}}",
                &[
                    "LeftDelim:{{",
                    "RawString:`abc\n\\t\\\" `",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            (
                "{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}",
                &[
                    "LeftDelim:{{",
                    "Number:1",
                    "Space: ",
                    "Number:02",
                    "Space: ",
                    "Number:0x14",
                    "Space: ",
                    "Number:0X14",
                    "Space: ",
                    "Number:-7.2i",
                    "Space: ",
                    "Number:1e3",
                    "Space: ",
                    "Number:1E3",
                    "Space: ",
                    "Number:+1.2e-4",
                    "Space: ",
                    "Number:4.2i",
                    "Space: ",
                    "Complex:1+2i",
                    "Space: ",
                    "Number:1_2",
                    "Space: ",
                    "Number:0x1.e_fp4",
                    "Space: ",
                    "Number:0X1.E_FP4",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            (
                "{{'a' '\\n' '\\'' '\\\\' '\\u00FF' '\\xFF' '本'}}",
                &[
                    "LeftDelim:{{",
                    "CharConstant:'a'",
                    "Space: ",
                    "CharConstant:'\\n'",
                    "Space: ",
                    "CharConstant:'\\''",
                    "Space: ",
                    "CharConstant:'\\\\'",
                    "Space: ",
                    "CharConstant:'\\u00FF'",
                    "Space: ",
                    "CharConstant:'\\xFF'",
                    "Space: ",
                    "CharConstant:'本'",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            (
                "{{true false}}",
                &[
                    "LeftDelim:{{",
                    "Bool:true",
                    "Space: ",
                    "Bool:false",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            ("{{.}}", &["LeftDelim:{{", "Dot:.", "RightDelim:}}", "Eof:"]),
            (
                "{{nil}}",
                &["LeftDelim:{{", "Nil:nil", "RightDelim:}}", "Eof:"],
            ),
            (
                "{{.x . .2 .x.y.z}}",
                &[
                    "LeftDelim:{{",
                    "Field:.x",
                    "Space: ",
                    "Dot:.",
                    "Space: ",
                    "Number:.2",
                    "Space: ",
                    "Field:.x",
                    "Field:.y",
                    "Field:.z",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            (
                "{{range if else end with}}",
                &[
                    "LeftDelim:{{",
                    "Range:range",
                    "Space: ",
                    "If:if",
                    "Space: ",
                    "Else:else",
                    "Space: ",
                    "End:end",
                    "Space: ",
                    "With:with",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            (
                "{{$c := printf $ $hello $23 $ $var.Field .Method}}",
                &[
                    "LeftDelim:{{",
                    "Variable:$c",
                    "Space: ",
                    "Declare::=",
                    "Space: ",
                    "Identifier:printf",
                    "Space: ",
                    "Variable:$",
                    "Space: ",
                    "Variable:$hello",
                    "Space: ",
                    "Variable:$23",
                    "Space: ",
                    "Variable:$",
                    "Space: ",
                    "Variable:$var",
                    "Field:.Field",
                    "Space: ",
                    "Field:.Method",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            (
                "{{$x := 2}}{{$x = 3}}",
                &[
                    "LeftDelim:{{",
                    "Variable:$x",
                    "Space: ",
                    "Declare::=",
                    "Space: ",
                    "Number:2",
                    "RightDelim:}}",
                    "LeftDelim:{{",
                    "Variable:$x",
                    "Space: ",
                    "Assign:=",
                    "Space: ",
                    "Number:3",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            (
                "intro {{echo hi 1.2 |noargs|args 1 \"hi\"}} outro",
                &[
                    "Text:intro ",
                    "LeftDelim:{{",
                    "Identifier:echo",
                    "Space: ",
                    "Identifier:hi",
                    "Space: ",
                    "Number:1.2",
                    "Space: ",
                    "Pipe:|",
                    "Identifier:noargs",
                    "Pipe:|",
                    "Identifier:args",
                    "Space: ",
                    "Number:1",
                    "Space: ",
                    "String:\"hi\"",
                    "RightDelim:}}",
                    "Text: outro",
                    "Eof:",
                ],
            ),
            (
                "{{-3}}",
                &["LeftDelim:{{", "Number:-3", "RightDelim:}}", "Eof:"],
            ),
            (
                "{{-3.5}}",
                &["LeftDelim:{{", "Number:-3.5", "RightDelim:}}", "Eof:"],
            ),
            (
                "hello- {{- 3 -}} -world",
                &[
                    "Text:hello-",
                    "LeftDelim:{{",
                    "Number:3",
                    "RightDelim:}}",
                    "Text:-world",
                    "Eof:",
                ],
            ),
            (
                "hello- {{- /* hello */ -}} -world",
                &["Text:hello-", "Text:-world", "Eof:"],
            ),
            (
                "{{3\x01}}",
                &[
                    "LeftDelim:{{",
                    "Number:3",
                    "Error:unrecognized character in action: U+0001",
                ],
            ),
            ("{{", &["LeftDelim:{{", "Error:unclosed action"]),
            (
                "{{range",
                &["LeftDelim:{{", "Range:range", "Error:unclosed action"],
            ),
            (
                "{{\"\n\"}}",
                &["LeftDelim:{{", "Error:unterminated quoted string"],
            ),
            (
                "{{`xx}}",
                &["LeftDelim:{{", "Error:unterminated raw quoted string"],
            ),
            (
                "{{'\n}}",
                &["LeftDelim:{{", "Error:unterminated character constant"],
            ),
            (
                "{{3k}}",
                &["LeftDelim:{{", "Error:bad number syntax: \"3k\""],
            ),
            (
                "{{(3}}",
                &[
                    "LeftDelim:{{",
                    "LeftParen:(",
                    "Number:3",
                    "Error:unclosed left paren",
                ],
            ),
            (
                "{{3)}}",
                &["LeftDelim:{{", "Number:3", "Error:unexpected right paren"],
            ),
            (
                "hello-{{/*/}}-world",
                &["Text:hello-", "Error:unclosed comment"],
            ),
            (
                "hello-{{/* */ }}-world",
                &["Text:hello-", "Error:comment ends before closing delimiter"],
            ),
            (
                "{{a.b}}",
                &[
                    "LeftDelim:{{",
                    "Identifier:a",
                    "Field:.b",
                    "RightDelim:}}",
                    "Eof:",
                ],
            ),
            (
                "{{.x#}}",
                &["LeftDelim:{{", "Error:bad character U+0023 '#'"],
            ),
        ];
        for (src, want) in cases {
            let got = lex_all(src);
            assert_eq!(&got, want, "lexing {src:?}");
        }
    }

    #[test]
    fn lines_are_tracked() {
        let mut l = Lexer::new("a\nb{{\n.x\n}}\nc");
        let lines: Vec<(TokKind, u32)> = std::iter::from_fn(|| {
            let t = l.next_item();
            (t.kind != TokKind::Eof).then_some((t.kind, t.line))
        })
        .collect();
        assert_eq!(
            lines,
            vec![
                (TokKind::Text, 1),
                (TokKind::LeftDelim, 2),
                (TokKind::Space, 2),
                (TokKind::Field, 3),
                (TokKind::Space, 3),
                (TokKind::RightDelim, 4),
                (TokKind::Text, 4)
            ]
        );
    }
}
