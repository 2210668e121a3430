//! A byte-exact port of what go.yaml.in/yaml/v3's `Marshal` writes for the values templates
//! handle: block style, keys in yaml.v3's "natural" order, its scalar style choice (plain, single
//! or double quotes, literal blocks), its indentation rule (nested blocks align to multiples of
//! the indent; a block inside a sequence item sits two columns right of the dash), no line
//! folding (yaml.v3 uses an unlimited width), and a trailing newline.

use crate::template::{Map, Value};

use super::go_time::{GoDuration, GoTime, duration_string};

/// Where a node is emitted, with the indentation of its parent block.
#[derive(Clone, Copy, Debug)]
enum Ctx {
    Root,
    MapValue(usize),
    SeqItem(usize),
    /// The value of a `? key` entry: a block collection starts on the `:` line.
    ComplexValue(usize),
}

struct Emitter {
    out: String,
    best: usize,
}

/// Encodes `v` as yaml.v3's `Encoder` with `SetIndent(indent)` (0 means yaml.v3's default of 4;
/// the emitter resets other values outside 2..=9 to 2). The result ends with a newline, as Go's
/// does.
pub(crate) fn marshal(v: &Value, indent: usize) -> String {
    let best = match indent {
        0 => 4,
        2..=9 => indent,
        _ => 2,
    };
    let mut e = Emitter {
        out: String::new(),
        best,
    };
    e.node(v, Ctx::Root);
    e.line_end();
    e.out
}

/// A scalar's text as the emitter will write it.
enum Scalar {
    Plain(String),
    Single(String),
    Double(String),
    Literal(String),
}

impl Emitter {
    fn block_indent(&self, ctx: Ctx) -> usize {
        match ctx {
            Ctx::Root => 0,
            Ctx::SeqItem(s) => s + 2,
            Ctx::MapValue(m) | Ctx::ComplexValue(m) => self.best * ((m + self.best) / self.best),
        }
    }

    fn scalar_indent(&self, ctx: Ctx) -> usize {
        match ctx {
            Ctx::Root => self.best,
            Ctx::SeqItem(s) => s + 2,
            Ctx::MapValue(m) | Ctx::ComplexValue(m) => self.best * ((m + self.best) / self.best),
        }
    }

    /// Ends the current line unless a scalar already ended with a line break.
    fn line_end(&mut self) {
        if !self.out.ends_with(is_break) {
            self.out.push('\n');
        }
    }

    fn pad(&mut self, n: usize) {
        for _ in 0..n {
            self.out.push(' ');
        }
    }

    /// Starts a block collection's entry at `indent`: on the current line for the first entry
    /// inside a sequence item (after `- `) or at the root, else on a new line.
    fn start_entry(&mut self, ctx: Ctx, first: bool, indent: usize) {
        match (ctx, first) {
            (Ctx::SeqItem(_), true) => self.out.push(' '),
            (Ctx::Root, true) => {}
            (Ctx::ComplexValue(_), true) => {
                // Continues the `:` line, unless that already reaches the indentation.
                let column = self.column();
                if column >= indent {
                    self.out.push('\n');
                    self.pad(indent);
                } else {
                    self.pad(indent - column);
                }
            }
            _ => {
                self.line_end();
                self.pad(indent);
            }
        }
    }

    fn node(&mut self, v: &Value, ctx: Ctx) {
        match v {
            Value::Map(m) if !m.borrow().is_empty() => self.mapping(&m.borrow(), ctx),
            // yaml.v3 has no special case for []byte: it is a sequence of integers.
            Value::List(items, _) if !items.is_empty() => self.sequence(items, ctx),
            Value::Map(_) => self.inline(ctx, "{}"),
            Value::List(..) => self.inline(ctx, "[]"),
            Value::Object(o) if !o.is_nil() => {
                if let Some(t) = v.downcast::<GoTime>() {
                    let text = t.rfc3339_nano();
                    self.inline(ctx, &text);
                } else if let Some(d) = v.downcast::<GoDuration>() {
                    self.string(&duration_string(d.0), ctx);
                } else if let Some(sv) = v.downcast::<super::semver::SemverVersion>() {
                    self.string(&sv.to_string(), ctx);
                } else if let Some(k) = v.downcast::<super::capsule_custom::AgeKey>() {
                    // A struct: yaml.v3 lowercases exported field names.
                    let mut m = Map::new();
                    m.insert("identity".into(), Value::from(k.identity.as_str()));
                    m.insert("recipient".into(), Value::from(k.recipient.as_str()));
                    self.mapping(&m, ctx);
                } else if let Some(n) = o.int_value() {
                    // yaml.v3 encodes by reflect kind: a uint8, time.Month or time.Weekday
                    // (no TextMarshaler) is a plain integer.
                    self.inline(ctx, &n.to_string());
                } else {
                    let mut text = String::new();
                    o.write_v(&mut text, false);
                    self.string(&text, ctx);
                }
            }
            Value::Nil | Value::Object(_) => self.inline(ctx, "null"),
            Value::Bool(b) => self.inline(ctx, if *b { "true" } else { "false" }),
            Value::Int(i) | Value::Int64(i) => self.inline(ctx, &i.to_string()),
            Value::Uint(u) | Value::Uint64(u) => self.inline(ctx, &u.to_string()),
            Value::Float(f) => {
                let s = super::json_go::format_g(*f);
                let s = match s.as_str() {
                    "+Inf" => ".inf".to_string(),
                    "-Inf" => "-.inf".to_string(),
                    "NaN" => ".nan".to_string(),
                    _ => s,
                };
                self.inline(ctx, &s);
            }
            Value::String(s) => self.string(s, ctx),
        }
    }

    /// A scalar written right after `key:` or `-` (with one space), or alone at the root.
    fn inline(&mut self, ctx: Ctx, text: &str) {
        if !matches!(ctx, Ctx::Root) {
            self.out.push(' ');
        }
        self.out.push_str(text);
    }

    fn string(&mut self, s: &str, ctx: Ctx) {
        let indent = self.scalar_indent(ctx);
        match choose_style(s, false) {
            Scalar::Literal(text) => {
                self.inline(ctx, &block_hints(&text, self.best));
                self.literal_body(&text, indent);
            }
            Scalar::Single(text) => {
                if !matches!(ctx, Ctx::Root) {
                    self.out.push(' ');
                }
                self.single_quoted(&text, indent);
            }
            other => {
                let text = scalar_text(other);
                self.inline(ctx, &text);
            }
        }
    }

    /// The column the next character lands in (characters since the last line break).
    fn column(&self) -> usize {
        let start = self
            .out
            .char_indices()
            .rev()
            .find(|(_, c)| is_break(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.out[start..].chars().count()
    }

    /// yaml's write_indent inside a scalar: a new line unless we are at the start of one
    /// (`indention`, i.e. after a line break) left of the indentation.
    fn write_indent(&mut self, indent: usize, indention: bool) {
        let column = self.column();
        if !indention || (column >= indent && column > 0) {
            self.out.push('\n');
            self.pad(indent);
        } else {
            self.pad(indent - column);
        }
    }

    /// yaml.v3's write_literal_scalar body: every break (`\n`, CR, NEL, LS, PS) ends a line;
    /// text after a break starts an indented line (the first break ends the header line).
    fn literal_body(&mut self, text: &str, indent: usize) {
        let mut breaks = true;
        let mut indention = false;
        for c in text.chars() {
            if is_break(c) {
                self.out.push(c);
                breaks = true;
                indention = true;
            } else {
                if breaks {
                    self.write_indent(indent, indention);
                    breaks = false;
                }
                self.out.push(c);
            }
        }
    }

    /// yaml.v3's write_single_quoted_scalar (unlimited width: no folding of spaces).
    fn single_quoted(&mut self, text: &str, indent: usize) {
        self.out.push('\'');
        let mut breaks = false;
        for c in text.chars() {
            if c == ' ' {
                self.out.push(' ');
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.out.push('\n');
                }
                self.out.push(c);
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent, true);
                }
                self.out.push(c);
                if c == '\'' {
                    self.out.push('\'');
                }
                breaks = false;
            }
        }
        self.out.push('\'');
    }

    fn mapping(&mut self, m: &Map, ctx: Ctx) {
        let indent = self.block_indent(ctx);
        let mut keys: Vec<&String> = m.keys().collect();
        keys.sort_by(|a, b| natural_cmp(a, b));
        for (i, k) in keys.iter().enumerate() {
            self.start_entry(ctx, i == 0, indent);
            let value = m.get(*k).unwrap_or(&Value::Nil);
            if k.chars().any(is_break) || k.len() > 128 {
                // Not a simple key: yaml.v3 writes `? key` and `: value` on their own lines.
                self.out.push('?');
                self.string(k, Ctx::MapValue(indent));
                self.line_end();
                self.pad(indent);
                self.out.push(':');
                self.node(value, Ctx::ComplexValue(indent));
                continue;
            }
            match choose_style(k, true) {
                Scalar::Single(text) => {
                    let key_indent = self.scalar_indent(Ctx::MapValue(indent));
                    self.single_quoted(&text, key_indent);
                }
                other => {
                    let key_text = scalar_text(other);
                    self.out.push_str(&key_text);
                }
            }
            self.out.push(':');
            self.node(value, Ctx::MapValue(indent));
        }
    }

    fn sequence(&mut self, items: &[Value], ctx: Ctx) {
        let indent = self.block_indent(ctx);
        for (i, item) in items.iter().enumerate() {
            self.start_entry(ctx, i == 0, indent);
            self.out.push('-');
            self.node(item, Ctx::SeqItem(indent));
        }
    }
}

fn scalar_text(s: Scalar) -> String {
    match s {
        Scalar::Plain(t) => t,
        Scalar::Single(t) => format!("'{}'", t.replace('\'', "''")),
        Scalar::Double(t) => double_quoted(&t),
        // Keys never get literal style (see `choose_style`).
        Scalar::Literal(t) => double_quoted(&t),
    }
}

/// The `|`, indentation and chomping indicators yaml.v3 writes for a literal block.
fn block_hints(text: &str, best: usize) -> String {
    let mut h = String::from("|");
    if text.starts_with(|c: char| c == ' ' || is_break(c)) {
        h.push_str(&best.to_string());
    }
    let mut rev = text.chars().rev();
    match (rev.next(), rev.next()) {
        (Some(last), _) if !is_break(last) => h.push('-'),
        (Some(_), None) => h.push('+'),
        (Some(_), Some(prev)) if is_break(prev) => h.push('+'),
        (None, _) => h.push('-'),
        _ => {}
    }
    h
}

/// yaml's `is_printable` (which, unlike Unicode, excludes characters outside the BMP).
fn yaml_printable(c: char) -> bool {
    let u = c as u32;
    u == 0x0A
        || (0x20..=0x7E).contains(&u)
        || (0xA0..=0xD7FF).contains(&u)
        || ((0xE000..=0xFFFD).contains(&u) && u != 0xFEFF)
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Writes yaml.v3's double-quoted form.
fn double_quoted(s: &str) -> String {
    use std::fmt::Write;
    let mut out = String::from("\"");
    for c in s.chars() {
        if !yaml_printable(c) || c == '\u{FEFF}' || is_break(c) || c == '"' || c == '\\' {
            out.push('\\');
            match c {
                '\0' => out.push('0'),
                '\u{7}' => out.push('a'),
                '\u{8}' => out.push('b'),
                '\t' => out.push('t'),
                '\n' => out.push('n'),
                '\u{b}' => out.push('v'),
                '\u{c}' => out.push('f'),
                '\r' => out.push('r'),
                '\u{1b}' => out.push('e'),
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                '\u{85}' => out.push('N'),
                '\u{a0}' => out.push('_'),
                '\u{2028}' => out.push('L'),
                '\u{2029}' => out.push('P'),
                c if (c as u32) <= 0xFF => {
                    let _ = write!(out, "x{:02X}", c as u32);
                }
                c if (c as u32) <= 0xFFFF => {
                    let _ = write!(out, "u{:04X}", c as u32);
                }
                c => {
                    let _ = write!(out, "U{:08X}", c as u32);
                }
            }
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// What yaml.v3's emitter learns from analysing a scalar.
struct Analysis {
    block_plain: bool,
    single: bool,
    block: bool,
}

fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis {
            block_plain: true,
            single: true,
            block: false,
        };
    }
    let chars: Vec<char> = s.chars().collect();
    let mut block_ind = s.starts_with("---") || s.starts_with("...");
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break, mut special, mut line_breaks, mut tabs) =
        (false, false, false, false, false);
    let (mut prev_space, mut prev_break) = (false, false);
    let mut preceded_ws = true;
    let blank =
        |c: Option<&char>| matches!(c, None | Some(' ' | '\t')) || c.is_some_and(|c| is_break(*c));
    for (i, &c) in chars.iter().enumerate() {
        let followed_ws = blank(chars.get(i + 1));
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_ind = true,
                '?' | ':' | '-' if followed_ws => block_ind = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_ws => block_ind = true,
                '#' if preceded_ws => block_ind = true,
                _ => {}
            }
        }
        if c == '\t' {
            tabs = true;
        }
        // A tab rules out plain and single-quoted styles but not a literal block.
        if (!yaml_printable(c) && c != '\t') || c == '\u{FEFF}' {
            special = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == chars.len() {
                trailing_space = true;
            }
            if prev_break {
                break_space = true;
            }
            prev_space = true;
            prev_break = false;
        } else if is_break(c) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == chars.len() {
                trailing_break = true;
            }
            if prev_space {
                space_break = true;
            }
            prev_space = false;
            prev_break = true;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_ws = blank(Some(&c));
    }
    let mut a = Analysis {
        block_plain: true,
        single: true,
        block: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain = false;
    }
    if trailing_space {
        a.block = false;
    }
    if break_space {
        a.block_plain = false;
        a.single = false;
    }
    if space_break || tabs || special {
        a.block_plain = false;
        a.single = false;
    }
    if space_break || special {
        a.block = false;
    }
    if line_breaks {
        a.block_plain = false;
    }
    if block_ind {
        a.block_plain = false;
    }
    a
}

/// yaml.v3's `isOldBool`: YAML 1.1 booleans, quoted so that 1.1 readers keep them strings.
fn is_old_bool(s: &str) -> bool {
    matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "on"
            | "On"
            | "ON"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// yaml.v3's `isBase60Float`: `[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?`.
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    if !b.get(i).is_some_and(u8::is_ascii_digit) || !s.contains(':') {
        return false;
    }
    while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) && i - start < 2 {
            i += 1;
        }
        let g = &s[start..i];
        let ok = match g.len() {
            1 => true,
            2 => g.as_bytes()[0] <= b'5',
            _ => false,
        };
        if !ok {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

fn choose_style(s: &str, key: bool) -> Scalar {
    let can_plain =
        super::yaml_dec::resolves_to_string(s) && !is_base60_float(s) && !is_old_bool(s);
    let a = analyze(s);
    let wants_literal = s.contains('\n');
    if wants_literal {
        if a.block && !key {
            return Scalar::Literal(s.to_string());
        }
        return Scalar::Double(s.to_string());
    }
    if can_plain {
        if a.block_plain && !(s.is_empty() && key) {
            return Scalar::Plain(s.to_string());
        }
        if a.single {
            return Scalar::Single(s.to_string());
        }
        return Scalar::Double(s.to_string());
    }
    Scalar::Double(s.to_string())
}

/// yaml.v3's map key order (`keyList.Less`): letters compare by code point, runs of digits
/// compare as numbers, and a letter sorts after a digit unless the common prefix ends in digits.
pub(crate) fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let less = |x: bool| if x { Ordering::Less } else { Ordering::Greater };
    let mut digits = false;
    let n = ar.len().min(br.len());
    for i in 0..n {
        if ar[i] == br[i] {
            digits = ar[i].is_ascii_digit() || ar[i].is_numeric();
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            return if digits { less(al) } else { less(bl) };
        }
        let is_digit = |c: char| c.is_ascii_digit();
        let (mut an, mut bn) = (0i64, 0i64);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && is_digit(ar[j - 1]) {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && is_digit(ar[ai]) {
            an = an
                .wrapping_mul(10)
                .wrapping_add(i64::from(ar[ai] as u8 - b'0'));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && is_digit(br[bi]) {
            bn = bn
                .wrapping_mul(10)
                .wrapping_add(i64::from(br[bi] as u8 - b'0'));
            bi += 1;
        }
        if an != bn {
            return an.cmp(&bn);
        }
        if ai != bi {
            return ai.cmp(&bi);
        }
        return ar[i].cmp(&br[i]);
    }
    ar.len().cmp(&br.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::test_engine::d;

    fn y(v: &Value) -> String {
        let s = marshal(v, 4);
        s.strip_suffix('\n').unwrap_or(&s).to_string()
    }

    fn map(pairs: Vec<(&str, Value)>) -> Value {
        Value::from(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<Map>(),
        )
    }

    #[test]
    fn measured_maps_and_scalars() {
        // Measured (toYaml-map, toYaml-scalars).
        assert_eq!(y(&d("m")), "a: 1\nb: 2\nc: 3");
        assert_eq!(
            y(&d("nested")),
            "lst:\n    - 1\n    - 2\nnn: null\nx:\n    \"y\":\n        z: deep"
        );
        let cases = [
            ("s", "hello"),
            ("n", "3"),
            ("f", "1.5"),
            ("ff", "2"),
            ("nil", "null"),
            ("t", "true"),
            ("ml", "|\n    line1\n    line2"),
            ("zs", "\"0\""),
            ("e", "\"\""),
            ("big", "1e+21"),
            ("em", "{}"),
            ("el", "[]"),
        ];
        for (k, want) in cases {
            assert_eq!(y(&d(k)), want, ".{k}");
        }
    }

    #[test]
    fn measured_nesting() {
        // Measured (toYaml-deep).
        let v = map(vec![(
            "a",
            Value::list(vec![map(vec![
                ("b", Value::list(vec![Value::Int(1), Value::Int(2)])),
                ("c", map(vec![("d", Value::Nil)])),
            ])]),
        )]);
        assert_eq!(
            y(&v),
            "a:\n    - b:\n        - 1\n        - 2\n      c:\n        d: null"
        );
        // Measured (toYaml-nested-empty).
        let v = map(vec![
            ("a", Value::list(vec![])),
            ("b", map(vec![])),
            ("c", Value::Nil),
            (
                "d",
                Value::list(vec![
                    Value::list(vec![Value::Int(1), Value::Int(2)]),
                    Value::list(vec![]),
                ]),
            ),
        ]);
        assert_eq!(
            y(&v),
            "a: []\nb: {}\nc: null\nd:\n    - - 1\n      - 2\n    - []"
        );
        // Measured (toYaml-multiline-list).
        let v = Value::list(vec![Value::from("a\nb"), Value::from("c")]);
        assert_eq!(y(&v), "- |-\n  a\n  b\n- c");
        // Measured (toYaml-ml-in-map).
        let v = map(vec![
            ("script", Value::from("a\nb\n")),
            ("s2", Value::from("a\nb")),
            ("s3", Value::from("trail \n")),
        ]);
        assert_eq!(
            y(&v),
            "s2: |-\n    a\n    b\ns3: \"trail \\n\"\nscript: |\n    a\n    b"
        );
    }

    #[test]
    fn quoting_rules() {
        // sprigin.md's list of measured quoting.
        let cases = [
            ("yes", "\"yes\""),
            ("on", "\"on\""),
            ("null", "\"null\""),
            ("1.0", "\"1.0\""),
            ("2024-01-01", "\"2024-01-01\""),
            ("0", "\"0\""),
            (": b", "': b'"),
            ("#x", "'#x'"),
            ("*x", "'*x'"),
            (" lead", "' lead'"),
            ("a: b", "'a: b'"),
            ("a #b", "'a #b'"),
            ("a#b", "a#b"),
            ("it's", "it's"),
            ("'q", "'''q'"),
            ("tab\there", "\"tab\\there\""),
            ("0x1F", "\"0x1F\""),
            ("1e3", "\"1e3\""),
            ("1:30", "\"1:30\""),
            ("-", "'-'"),
            ("- a", "'- a'"),
            ("-a", "-a"),
            ("~", "\"~\""),
            ("True", "\"True\""),
            ("héllo", "héllo"),
            ("😀", "\"\\U0001F600\""),
        ];
        for (s, want) in cases {
            assert_eq!(y(&Value::from(s)), want, "{s:?}");
        }
    }

    #[test]
    fn key_order() {
        let mut keys = vec!["a", "B", "10", "9", "b", "a10", "a9", "a09"];
        keys.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(keys, vec!["9", "10", "B", "a", "a9", "a09", "a10", "b"]);
    }

    #[test]
    fn indent_option_and_floats() {
        let v = map(vec![(
            "a",
            map(vec![("b", Value::list(vec![Value::Float(1e-7)]))]),
        )]);
        assert_eq!(marshal(&v, 2), "a:\n  b:\n    - 1e-07\n");
        assert_eq!(marshal(&v, 1), "a:\n  b:\n    - 1e-07\n");
        assert_eq!(y(&Value::Float(-0.0)), "-0");
        assert_eq!(y(&Value::Float(100000.0)), "100000");
        assert_eq!(y(&Value::Float(f64::INFINITY)), ".inf");
    }
}

#[cfg(test)]
mod go_floats {
    use crate::template::Value;

    /// The same 3000 random floats as the JSON test, as a YAML sequence from yaml.v3.
    #[test]
    fn floats_match_yaml_v3() {
        let c: serde_json::Value =
            serde_json::from_str(include_str!("testdata/go_yaml_floats.json")).unwrap_or_default();
        let v = Value::from_json(c.get("v").unwrap_or(&serde_json::Value::Null));
        let want = c.get("want").and_then(|w| w.as_str()).unwrap_or("");
        let got = super::marshal(&v, 4);
        let diffs: Vec<String> = got
            .lines()
            .zip(want.lines())
            .filter(|(a, b)| a != b)
            .take(10)
            .map(|(a, b)| format!("got {a} want {b}"))
            .collect();
        assert!(diffs.is_empty() && got.len() == want.len(), "{diffs:?}");
    }
}
