//! Go's `fmt` as the template builtins `print`, `printf` and `println` use it.
//!
//! This mirrors `fmt.Sprintf`/`Sprint`/`Sprintln` (Go 1.26, checked against Go's own output) for
//! the values a template can hold ([`Value`]): every verb (`%v %+v %#v %T %% %t %d %b %o %O %x
//! %X %c %q %U %e %E %f %F %g %G %s %p`), the flags `+ - # 0 space`, width and precision (also
//! from `*`), `%[n]` argument indexes, and Go's in-band error forms (`%!d(string=hi)`,
//! `%!s(MISSING)`, `%!(EXTRA int=1)`, `%!(BADWIDTH)`, `%!(BADPREC)`, `%!d(BADINDEX)`,
//! `%!(NOVERB)`). Collections apply the verb to each element, as Go does.
//!
//! The structure follows Go's `fmt/print.go` (argument walk) and `fmt/format.go` (padding,
//! numbers), with `strconv`'s float formatting rebuilt on Rust's correctly rounded decimal
//! conversion (both round half to even on the exact binary value).

use std::fmt::Write as _;

use super::value::{Kind, ListKind, Value};

/// What Go prints for a nil operand (`%v`, `%T`, inside collections).
const NIL_ANGLE: &str = "<nil>";
/// The stand-in address `%p` prints for a map or slice: Go prints the real, run-dependent
/// address, which no reimplementation can reproduce.
const FAKE_POINTER: u64 = 0xc000010000;
/// Go's `fmt` refuses widths and precisions above this (`tooLarge`).
const MAX_NUM: usize = 1_000_000;

/// `fmt.Sprintf(format, args...)`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut p = Printer::default();
    p.do_printf(format, args);
    p.buf
}

/// `fmt.Sprint(args...)`: operands separated by a space when neither side is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut p = Printer::default();
    let mut prev_string = false;
    for (i, a) in args.iter().enumerate() {
        let is_string = !is_nil_interface(a) && a.kind() == Kind::String;
        if i > 0 && !is_string && !prev_string {
            p.buf.push(' ');
        }
        p.f = Flags::default();
        p.print_arg(a, 'v');
        prev_string = is_string;
    }
    p.buf
}

/// `fmt.Sprintln(args...)`: operands always separated by a space, newline at the end.
pub fn sprintln(args: &[Value]) -> String {
    let mut p = Printer::default();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            p.buf.push(' ');
        }
        p.f = Flags::default();
        p.print_arg(a, 'v');
    }
    p.buf.push('\n');
    p.buf
}

/// Go's `strconv.IsPrint` / `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols
/// and the ASCII space. Used by `%q`, `%#U` and the `js` escaper.
pub(crate) fn is_print(c: char) -> bool {
    super::unicode_class::is_print(c)
}

/// True only for the nil interface (not for typed nil pointers): what Go's `arg == nil` tests.
fn is_nil_interface(v: &Value) -> bool {
    matches!(v, Value::Nil)
}

/// The state of one verb: Go's `fmtFlags` plus width and precision.
#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    plus: bool,
    minus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    /// `%+v`.
    plus_v: bool,
    /// `%#v`.
    sharp_v: bool,
    wid: usize,
    wid_present: bool,
    prec: usize,
    prec_present: bool,
}

/// Go's `pp`: the output buffer and the current verb's flags.
#[derive(Default)]
struct Printer {
    buf: String,
    f: Flags,
    good_arg_num: bool,
    reordered: bool,
    /// Go's `pp.erroring`: inside a bad-verb report, where `String` methods are not called.
    erroring: bool,
    /// The maps and lists being printed, outermost first (a cycle guard, see
    /// [`super::print_guard`]).
    path: Vec<usize>,
}

/// Go's `parsenum`: a decimal number at `s[start..end]`; `(num, isnum, newi)`. An absurdly long
/// number gives `(0, false, end)`.
fn parse_num(s: &[u8], start: usize, end: usize) -> (usize, bool, usize) {
    if start >= end {
        return (0, false, end);
    }
    let mut num = 0usize;
    let mut isnum = false;
    let mut i = start;
    while i < end {
        let Some(&c) = s.get(i) else { break };
        if !c.is_ascii_digit() {
            break;
        }
        if num > MAX_NUM {
            return (0, false, end);
        }
        num = num * 10 + usize::from(c - b'0');
        isnum = true;
        i += 1;
    }
    (num, isnum, i)
}

/// Go's `parseArgNumber` on `s` starting at its `[`: `(index, consumed, ok)`.
fn parse_arg_number(s: &[u8]) -> (i64, usize, bool) {
    if s.len() < 3 {
        return (0, 1, false);
    }
    for i in 1..s.len() {
        if s.get(i) == Some(&b']') {
            let (width, ok, newi) = parse_num(s, 1, i);
            if !ok || newi != i {
                return (0, i + 1, false);
            }
            // Argument numbers are one-based.
            return (width as i64 - 1, i + 1, true);
        }
    }
    (0, 1, false)
}

/// Go's `intFromArg`: the operand of a `*` as an int, `(num, isInt, newArgNum)`.
fn int_from_arg(args: &[Value], arg_num: usize) -> (i64, bool, usize) {
    let Some(a) = args.get(arg_num) else {
        return (0, false, arg_num);
    };
    let (mut num, mut is_int) = match a {
        Value::Int(i) | Value::Int64(i) => (*i, true),
        Value::Uint(u) | Value::Uint64(u) => match i64::try_from(*u) {
            Ok(i) => (i, true),
            Err(_) => (0, false),
        },
        _ => (0, false),
    };
    if num.unsigned_abs() > MAX_NUM as u64 {
        num = 0;
        is_int = false;
    }
    (num, is_int, arg_num + 1)
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

impl Printer {
    // ----- format.go: padding -----

    /// Go's `writePadding`: `n` spaces, or zeros when `0` is set and `-` is not.
    fn write_padding(&mut self, n: usize) {
        let pad = if self.f.zero && !self.f.minus {
            '0'
        } else {
            ' '
        };
        self.buf.extend(std::iter::repeat_n(pad, n));
    }

    /// Go's `pad`/`padString`: honours width and `-`; width counts runes.
    fn pad(&mut self, s: &str) {
        if !self.f.wid_present || self.f.wid == 0 {
            self.buf.push_str(s);
            return;
        }
        let width = self.f.wid.saturating_sub(char_count(s));
        if !self.f.minus {
            self.write_padding(width);
            self.buf.push_str(s);
        } else {
            self.buf.push_str(s);
            self.write_padding(width);
        }
    }

    /// Pads with zero padding switched off (Go saves and restores `f.zero` around such calls).
    fn pad_no_zero(&mut self, s: &str) {
        let old = self.f.zero;
        self.f.zero = false;
        self.pad(s);
        self.f.zero = old;
    }

    // ----- format.go: integers -----

    /// Go's `fmt.fmtInteger`.
    fn fmt_integer(&mut self, u: u64, base: u32, signed: bool, verb: char, upper: bool) {
        let negative = signed && (u as i64) < 0;
        let u = if negative { u.wrapping_neg() } else { u };
        let mut prec = 0usize;
        if self.f.prec_present {
            prec = self.f.prec;
            // Precision 0 and value 0 print nothing but the padding.
            if prec == 0 && u == 0 {
                let old = self.f.zero;
                self.f.zero = false;
                let w = self.f.wid;
                self.write_padding(w);
                self.f.zero = old;
                return;
            }
        } else if self.f.zero && !self.f.minus && self.f.wid_present {
            prec = self.f.wid;
            if negative || self.f.plus || self.f.space {
                prec = prec.saturating_sub(1);
            }
        }
        let digits = match (base, upper) {
            (10, _) => format!("{u}"),
            (16, false) => format!("{u:x}"),
            (16, true) => format!("{u:X}"),
            (8, _) => format!("{u:o}"),
            _ => format!("{u:b}"),
        };
        let mut body = String::with_capacity(prec.max(digits.len()) + 4);
        body.extend(std::iter::repeat_n('0', prec.saturating_sub(digits.len())));
        body.push_str(&digits);
        let mut prefix = String::new();
        if self.f.sharp {
            match base {
                2 => prefix.push_str("0b"),
                8 if !body.starts_with('0') => prefix.push('0'),
                16 => prefix.push_str(if upper { "0X" } else { "0x" }),
                _ => {}
            }
        }
        if verb == 'O' {
            prefix.insert_str(0, "0o");
        }
        if negative {
            prefix.insert(0, '-');
        } else if self.f.plus {
            prefix.insert(0, '+');
        } else if self.f.space {
            prefix.insert(0, ' ');
        }
        prefix.push_str(&body);
        self.pad_no_zero(&prefix);
    }

    /// Go's `fmt0x64`: hexadecimal with or without a leading `0x` (`%#v` of unsigned values).
    fn fmt_0x64(&mut self, v: u64, leading_0x: bool) {
        let sharp = self.f.sharp;
        self.f.sharp = leading_0x;
        self.fmt_integer(v, 16, false, 'v', false);
        self.f.sharp = sharp;
    }

    /// Go's `fmtC`: the character with that code point (U+FFFD when invalid).
    fn fmt_c(&mut self, c: u64) {
        let r = u32::try_from(c)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{FFFD}');
        let mut tmp = [0u8; 4];
        let s: &str = r.encode_utf8(&mut tmp);
        let s = s.to_string();
        self.pad(&s);
    }

    /// Go's `fmtQc`: a single-quoted character literal (`%+q`: ASCII only).
    fn fmt_qc(&mut self, c: u64) {
        let r = u32::try_from(c)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{FFFD}');
        let mut s = String::from('\'');
        append_escaped_rune(&mut s, r, '\'', self.f.plus);
        s.push('\'');
        self.pad(&s);
    }

    /// Go's `fmtUnicode`: `U+0041`, with `#` also `U+0041 'A'`.
    fn fmt_unicode(&mut self, u: u64) {
        let mut prec = 4;
        if self.f.prec_present && self.f.prec > 4 {
            prec = self.f.prec;
        }
        let hex = format!("{u:X}");
        let mut s = String::from("U+");
        s.extend(std::iter::repeat_n('0', prec.saturating_sub(hex.len())));
        s.push_str(&hex);
        if self.f.sharp
            && let Some(c) = u32::try_from(u).ok().and_then(char::from_u32)
            && is_print(c)
        {
            s.push_str(" '");
            s.push(c);
            s.push('\'');
        }
        self.pad_no_zero(&s);
    }

    // ----- format.go: floats -----

    /// Go's `fmt.fmtFloat`: `strconv.AppendFloat` plus sign, `#` and padding rules.
    fn fmt_float(&mut self, v: f64, verb: char, prec: i64) {
        let prec = if self.f.prec_present {
            self.f.prec as i64
        } else {
            prec
        };
        let formatted = format_float(v, verb, prec);
        // `num` always starts with a sign.
        let mut num = if formatted.starts_with('-') || formatted.starts_with('+') {
            formatted
        } else {
            format!("+{formatted}")
        };
        if self.f.space && num.starts_with('+') && !self.f.plus {
            num.replace_range(0..1, " ");
        }
        let second = num.as_bytes().get(1).copied();
        if second == Some(b'I') || second == Some(b'N') {
            // Infinities and NaN are never zero padded; NaN loses its sign unless asked.
            if second == Some(b'N') && !self.f.space && !self.f.plus {
                num.remove(0);
            }
            self.pad_no_zero(&num);
            return;
        }
        if self.f.sharp && verb != 'b' {
            let mut digits: i64 = 0;
            if matches!(verb, 'v' | 'g' | 'G' | 'x') {
                digits = if prec == -1 { 6 } else { prec };
            }
            let mut tail = String::new();
            let mut has_decimal_point = false;
            let mut saw_nonzero = false;
            let bytes: Vec<u8> = num.bytes().collect();
            let mut cut = bytes.len();
            let mut i = 1;
            while i < bytes.len() {
                let c = bytes[i];
                match c {
                    b'.' => has_decimal_point = true,
                    b'p' | b'P' => {
                        cut = i;
                        break;
                    }
                    b'e' | b'E' if verb != 'x' && verb != 'X' => {
                        cut = i;
                        break;
                    }
                    _ => {
                        if c != b'0' {
                            saw_nonzero = true;
                        }
                        if saw_nonzero {
                            digits -= 1;
                        }
                    }
                }
                i += 1;
            }
            tail.push_str(&num[cut..]);
            num.truncate(cut);
            if !has_decimal_point {
                if num.len() == 2 && num.as_bytes().get(1) == Some(&b'0') {
                    digits -= 1;
                }
                num.push('.');
            }
            while digits > 0 {
                num.push('0');
                digits -= 1;
            }
            num.push_str(&tail);
        }
        if self.f.plus || !num.starts_with('+') {
            let len = char_count(&num);
            if self.f.zero && !self.f.minus && self.f.wid_present && self.f.wid > len {
                // The sign goes before the zeros.
                self.buf.push_str(&num[..1]);
                let w = self.f.wid - len;
                self.write_padding(w);
                self.buf.push_str(&num[1..]);
                return;
            }
            self.pad(&num);
            return;
        }
        self.pad(&num[1..]);
    }

    // ----- format.go: strings -----

    /// Go's `truncateString`: at most `prec` runes.
    fn truncate<'s>(&self, s: &'s str) -> &'s str {
        if self.f.prec_present
            && let Some((i, _)) = s.char_indices().nth(self.f.prec)
        {
            return &s[..i];
        }
        s
    }

    /// Go's `fmtS`.
    fn fmt_s(&mut self, s: &str) {
        let s = self.truncate(s).to_string();
        self.pad(&s);
    }

    /// Go's `fmtSbx`: hexadecimal of the bytes, `% x` spaced, `#` with `0x`.
    fn fmt_sbx(&mut self, b: &[u8], upper: bool) {
        let mut length = b.len();
        if self.f.prec_present && self.f.prec < length {
            length = self.f.prec;
        }
        let mut width = 2 * length;
        if width > 0 {
            if self.f.space {
                if self.f.sharp {
                    width *= 2;
                }
                width += length - 1;
            } else if self.f.sharp {
                width += 2;
            }
        } else {
            if self.f.wid_present {
                let w = self.f.wid;
                self.write_padding(w);
            }
            return;
        }
        if self.f.wid_present && self.f.wid > width && !self.f.minus {
            let w = self.f.wid - width;
            self.write_padding(w);
        }
        let x = if upper { "0X" } else { "0x" };
        if self.f.sharp {
            self.buf.push_str(x);
        }
        for (i, c) in b.iter().take(length).enumerate() {
            if self.f.space && i > 0 {
                self.buf.push(' ');
                if self.f.sharp {
                    self.buf.push_str(x);
                }
            }
            let _ = if upper {
                write!(self.buf, "{c:02X}")
            } else {
                write!(self.buf, "{c:02x}")
            };
        }
        if self.f.wid_present && self.f.wid > width && self.f.minus {
            let w = self.f.wid - width;
            self.write_padding(w);
        }
    }

    /// Go's `fmtQ`: a double-quoted Go string (`%+q` ASCII only, `%#q` backquoted when possible).
    fn fmt_q(&mut self, s: &str) {
        let s = self.truncate(s);
        if self.f.sharp && can_backquote(s) {
            let q = format!("`{s}`");
            self.pad(&q);
            return;
        }
        let q = quote(s, self.f.plus);
        self.pad(&q);
    }

    // ----- print.go -----

    /// Go's `badVerb`: `%!verb(type=value)` or `%!verb(<nil>)`.
    fn bad_verb(&mut self, verb: char, arg: Option<&Value>) {
        self.buf.push_str("%!");
        self.buf.push(verb);
        self.buf.push('(');
        match arg {
            Some(v) if !is_nil_interface(v) => {
                self.buf.push_str(v.type_name());
                self.buf.push('=');
                let was = std::mem::replace(&mut self.erroring, true);
                self.print_arg(v, 'v');
                self.erroring = was;
            }
            _ => self.buf.push_str(NIL_ANGLE),
        }
        self.buf.push(')');
    }

    fn fmt_bool(&mut self, b: bool, verb: char, v: &Value) {
        match verb {
            't' | 'v' => self.pad(if b { "true" } else { "false" }),
            _ => self.bad_verb(verb, Some(v)),
        }
    }

    /// Go's `pp.fmtInteger`.
    fn fmt_int(&mut self, u: u64, signed: bool, verb: char, v: &Value) {
        match verb {
            'v' => {
                if self.f.sharp_v && !signed {
                    self.fmt_0x64(u, true);
                } else {
                    self.fmt_integer(u, 10, signed, verb, false);
                }
            }
            'd' => self.fmt_integer(u, 10, signed, verb, false),
            'b' => self.fmt_integer(u, 2, signed, verb, false),
            'o' | 'O' => self.fmt_integer(u, 8, signed, verb, false),
            'x' => self.fmt_integer(u, 16, signed, verb, false),
            'X' => self.fmt_integer(u, 16, signed, verb, true),
            'c' => self.fmt_c(u),
            'q' => self.fmt_qc(u),
            'U' => self.fmt_unicode(u),
            _ => self.bad_verb(verb, Some(v)),
        }
    }

    /// Go's `pp.fmtFloat`.
    fn fmt_float_verb(&mut self, f: f64, verb: char, v: &Value) {
        match verb {
            'v' => self.fmt_float(f, 'g', -1),
            'b' | 'g' | 'G' | 'x' | 'X' => self.fmt_float(f, verb, -1),
            'f' | 'e' | 'E' => self.fmt_float(f, verb, 6),
            'F' => self.fmt_float(f, 'f', 6),
            _ => self.bad_verb(verb, Some(v)),
        }
    }

    /// Go's `pp.fmtString`.
    fn fmt_string(&mut self, s: &str, verb: char, v: &Value) {
        match verb {
            'v' => {
                if self.f.sharp_v {
                    self.fmt_q(s);
                } else {
                    self.fmt_s(s);
                }
            }
            's' => self.fmt_s(s),
            'x' => self.fmt_sbx(s.as_bytes(), false),
            'X' => self.fmt_sbx(s.as_bytes(), true),
            'q' => self.fmt_q(s),
            _ => self.bad_verb(verb, Some(v)),
        }
    }

    /// Go's `fmtPointer` for maps and slices (the address is a stand-in, see [`FAKE_POINTER`]).
    fn fmt_pointer(&mut self, v: &Value, verb: char) {
        if !matches!(v, Value::List(..) | Value::Map(_)) {
            self.bad_verb(verb, Some(v));
            return;
        }
        let u = FAKE_POINTER;
        match verb {
            'v' => {
                if self.f.sharp_v {
                    self.buf.push('(');
                    self.buf.push_str(v.type_name());
                    self.buf.push_str(")(");
                    self.fmt_0x64(u, true);
                    self.buf.push(')');
                } else {
                    let sharp = self.f.sharp;
                    self.fmt_0x64(u, !sharp);
                }
            }
            'p' => {
                let sharp = self.f.sharp;
                self.fmt_0x64(u, !sharp);
            }
            'b' | 'o' | 'd' | 'x' | 'X' => self.fmt_int(u, false, verb, v),
            _ => self.bad_verb(verb, Some(v)),
        }
    }

    /// Go's `printArg`: one top-level operand.
    fn print_arg(&mut self, arg: &Value, verb: char) {
        if is_nil_interface(arg) {
            match verb {
                'T' | 'v' => self.pad(NIL_ANGLE),
                _ => self.bad_verb(verb, None),
            }
            return;
        }
        match verb {
            'T' => {
                let t = arg.type_name().to_string();
                self.fmt_s(&t);
            }
            'p' => self.fmt_pointer(arg, 'p'),
            _ => self.print_value(arg, verb, 0),
        }
    }

    /// Go's `printValue`: a value at `depth` (0 for the operand itself, more inside collections).
    fn print_value(&mut self, v: &Value, verb: char, depth: usize) {
        use super::print_guard::{CYCLE_MARK, MAX_PRINT_DEPTH, container_id};
        if verb == 'w' && !is_nil_interface(v) {
            // Sprintf has no error to wrap: Go's handleMethods reports the whole operand.
            self.bad_verb(verb, Some(v));
            return;
        }
        let Some(id) = container_id(v) else {
            self.print_value_in(v, verb, depth);
            return;
        };
        if self.path.len() >= MAX_PRINT_DEPTH || self.path.contains(&id) {
            self.buf.push_str(CYCLE_MARK);
            return;
        }
        self.path.push(id);
        self.print_value_in(v, verb, depth);
        self.path.pop();
    }

    fn print_value_in(&mut self, v: &Value, verb: char, depth: usize) {
        match v {
            Value::Nil => {
                // A nil element of an `[]interface{}` or `map[string]interface{}`.
                if self.f.sharp_v {
                    self.buf.push_str("interface {}(nil)");
                } else {
                    self.buf.push_str(NIL_ANGLE);
                }
            }
            Value::Bool(b) => self.fmt_bool(*b, verb, v),
            Value::Int(i) | Value::Int64(i) => self.fmt_int(*i as u64, true, verb, v),
            Value::Uint(u) | Value::Uint64(u) => self.fmt_int(*u, false, verb, v),
            Value::Float(f) => self.fmt_float_verb(*f, verb, v),
            Value::String(s) => self.fmt_string(s, verb, v),
            Value::List(items, kind) => {
                if *kind == ListKind::Byte {
                    self.print_bytes(items, verb, depth);
                    return;
                }
                // Go's printValue: `%#v` of a nil slice is `[]string(nil)`.
                if *kind == ListKind::NilString && self.f.sharp_v {
                    self.buf.push_str(v.type_name());
                    self.buf.push_str("(nil)");
                    return;
                }
                self.print_list(v.type_name(), items, verb, depth, |_, item| item.clone());
            }
            Value::Map(m) => {
                if self.f.sharp_v {
                    self.buf.push_str(v.type_name());
                    self.buf.push('{');
                } else {
                    self.buf.push_str("map[");
                }
                for (i, (k, val)) in m.borrow().iter().enumerate() {
                    if i > 0 {
                        if self.f.sharp_v {
                            self.buf.push_str(", ");
                        } else {
                            self.buf.push(' ');
                        }
                    }
                    let key = Value::from(k.as_str());
                    self.print_value(&key, verb, depth + 1);
                    self.buf.push(':');
                    self.print_value(val, verb, depth + 1);
                }
                self.buf.push(if self.f.sharp_v { '}' } else { ']' });
            }
            Value::Object(o) => {
                // Go's handleMethods: a Stringer answers the string verbs; other verbs see the
                // value's kind, which we cannot take apart, so they report a bad verb.
                if o.is_nil() && verb == 'v' && depth == 0 {
                    self.pad(NIL_ANGLE);
                    return;
                }
                if self.f.sharp_v && !self.erroring {
                    // Go's handleMethods: `%#v` uses a GoStringer's `GoString` (time.Time).
                    if let Some(Value::String(text)) = o.field("GoString") {
                        self.fmt_s(&text);
                        return;
                    }
                }
                if let Some(i) = o.int_value() {
                    // A named integer type (`time.Duration`, `time.Month`, `uint8`): Go's
                    // handleMethods calls `String` for the string verbs (not under `%#v`, nor
                    // inside a bad-verb report); every other verb sees the integer.
                    let use_string = o.stringer()
                        && !self.erroring
                        && !self.f.sharp_v
                        && matches!(verb, 'v' | 's' | 'x' | 'X' | 'q');
                    if !use_string {
                        let signed = matches!(
                            o.kind(),
                            Kind::Int | Kind::Int8 | Kind::Int16 | Kind::Int32 | Kind::Int64
                        );
                        self.fmt_int(i as u64, signed, verb, v);
                        return;
                    }
                }
                if !self.f.sharp_v && matches!(verb, 'v' | 's' | 'x' | 'X' | 'q') {
                    let mut text = String::new();
                    o.write_v(&mut text, depth > 0);
                    self.fmt_string(&text, verb, v);
                } else {
                    let mut text = String::new();
                    o.write_v(&mut text, depth > 0);
                    if verb == 'v' {
                        self.pad(&text);
                    } else {
                        self.buf.push_str("%!");
                        self.buf.push(verb);
                        self.buf.push('(');
                        self.buf.push_str(o.type_name());
                        self.buf.push('=');
                        self.buf.push_str(&text);
                        self.buf.push(')');
                    }
                }
            }
        }
    }

    /// A slice in `[a b]` form, or `type{a, b}` under `%#v`.
    fn print_list(
        &mut self,
        type_name: &str,
        items: &[Value],
        verb: char,
        depth: usize,
        elem: impl Fn(usize, &Value) -> Value,
    ) {
        if self.f.sharp_v {
            self.buf.push_str(type_name);
            self.buf.push('{');
        } else {
            self.buf.push('[');
        }
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                if self.f.sharp_v {
                    self.buf.push_str(", ");
                } else {
                    self.buf.push(' ');
                }
            }
            let e = elem(i, item);
            self.print_value(&e, verb, depth + 1);
        }
        self.buf.push(if self.f.sharp_v { '}' } else { ']' });
    }

    /// A `[]byte`: Go's `fmtBytes` for `%s %q %x %X`, otherwise a list of `uint8`.
    fn print_bytes(&mut self, items: &[Value], verb: char, depth: usize) {
        let bytes: Vec<u8> = items.iter().map(byte_of).collect();
        match verb {
            's' => {
                let s = String::from_utf8_lossy(&bytes).into_owned();
                self.fmt_s(&s);
            }
            'q' => {
                let s = String::from_utf8_lossy(&bytes).into_owned();
                self.fmt_q(&s);
            }
            'x' => self.fmt_sbx(&bytes, false),
            'X' => self.fmt_sbx(&bytes, true),
            _ => {
                let name = if depth == 0 { "[]byte" } else { "[]uint8" };
                self.print_list(name, items, verb, depth, |_, item| {
                    Value::Uint(u64::from(byte_of(item)))
                });
            }
        }
    }

    /// Go's `doPrintf`.
    fn do_printf(&mut self, format: &str, a: &[Value]) {
        let fb = format.as_bytes();
        let end = fb.len();
        let mut arg_num: usize = 0;
        let mut after_index: bool;
        self.reordered = false;
        let mut i = 0usize;
        while i < end {
            self.good_arg_num = true;
            let lasti = i;
            while i < end && fb.get(i) != Some(&b'%') {
                i += 1;
            }
            if i > lasti {
                self.buf.push_str(&format[lasti..i]);
            }
            if i >= end {
                break;
            }
            // Skip the '%'.
            i += 1;
            self.f = Flags::default();
            while i < end {
                match fb.get(i) {
                    Some(b'#') => self.f.sharp = true,
                    Some(b'0') => self.f.zero = true,
                    Some(b'+') => self.f.plus = true,
                    Some(b'-') => self.f.minus = true,
                    Some(b' ') => self.f.space = true,
                    _ => break,
                }
                i += 1;
            }

            // Argument index.
            (arg_num, i, after_index) = self.arg_number(arg_num, fb, i, a.len());

            // Width.
            if fb.get(i) == Some(&b'*') {
                i += 1;
                let (w, ok, n) = int_from_arg(a, arg_num);
                arg_num = n;
                self.f.wid_present = ok;
                if !ok {
                    self.buf.push_str("%!(BADWIDTH)");
                }
                if w < 0 {
                    self.f.minus = true;
                    self.f.zero = false;
                }
                self.f.wid = w.unsigned_abs() as usize;
                after_index = false;
            } else {
                let (w, ok, n) = parse_num(fb, i, end);
                self.f.wid = w;
                self.f.wid_present = ok;
                i = n;
                if after_index && ok {
                    // "%[3]2d"
                    self.good_arg_num = false;
                }
            }

            // Precision.
            if i + 1 < end && fb.get(i) == Some(&b'.') {
                i += 1;
                if after_index {
                    // "%[3].2d"
                    self.good_arg_num = false;
                }
                (arg_num, i, after_index) = self.arg_number(arg_num, fb, i, a.len());
                if fb.get(i) == Some(&b'*') {
                    i += 1;
                    let (p, mut ok, n) = int_from_arg(a, arg_num);
                    arg_num = n;
                    let mut p = p;
                    if p < 0 {
                        p = 0;
                        ok = false;
                    }
                    self.f.prec = p as usize;
                    self.f.prec_present = ok;
                    if !ok {
                        self.buf.push_str("%!(BADPREC)");
                    }
                    after_index = false;
                } else {
                    let (p, ok, n) = parse_num(fb, i, end);
                    i = n;
                    self.f.prec = if ok { p } else { 0 };
                    self.f.prec_present = true;
                }
            }

            if !after_index {
                (arg_num, i, _) = self.arg_number(arg_num, fb, i, a.len());
            }

            if i >= end {
                self.buf.push_str("%!(NOVERB)");
                break;
            }

            let verb = format[i..].chars().next().unwrap_or('%');
            i += verb.len_utf8();

            if verb == '%' {
                // Does not consume an operand; width and precision are ignored.
                self.buf.push('%');
                continue;
            }
            if !self.good_arg_num {
                self.buf.push_str("%!");
                self.buf.push(verb);
                self.buf.push_str("(BADINDEX)");
                continue;
            }
            let Some(arg) = a.get(arg_num) else {
                self.buf.push_str("%!");
                self.buf.push(verb);
                self.buf.push_str("(MISSING)");
                continue;
            };
            if verb == 'v' || verb == 'w' {
                self.f.sharp_v = self.f.sharp;
                self.f.sharp = false;
                self.f.plus_v = self.f.plus;
                self.f.plus = false;
            }
            self.print_arg(arg, verb);
            arg_num += 1;
        }

        if !self.reordered && arg_num < a.len() {
            self.f = Flags::default();
            self.buf.push_str("%!(EXTRA ");
            for (k, arg) in a.iter().skip(arg_num).enumerate() {
                if k > 0 {
                    self.buf.push_str(", ");
                }
                if is_nil_interface(arg) {
                    self.buf.push_str(NIL_ANGLE);
                } else {
                    self.buf.push_str(arg.type_name());
                    self.buf.push('=');
                    self.print_arg(arg, 'v');
                }
            }
            self.buf.push(')');
        }
    }

    /// Go's `argNumber`: an optional `[n]` at `fb[i..]`; `(argNum, i, found)`.
    fn arg_number(
        &mut self,
        arg_num: usize,
        fb: &[u8],
        i: usize,
        num_args: usize,
    ) -> (usize, usize, bool) {
        if fb.get(i) != Some(&b'[') {
            return (arg_num, i, false);
        }
        self.reordered = true;
        let (index, wid, ok) = parse_arg_number(fb.get(i..).unwrap_or_default());
        if ok && 0 <= index && (index as usize) < num_args {
            return (index as usize, i + wid, true);
        }
        self.good_arg_num = false;
        (arg_num, i + wid, ok)
    }
}

/// The byte an element of a `[]byte` holds.
fn byte_of(v: &Value) -> u8 {
    match v {
        Value::Int(i) | Value::Int64(i) => *i as u8,
        Value::Uint(u) | Value::Uint64(u) => *u as u8,
        _ => 0,
    }
}

// ----- strconv -----

/// Go's `strconv.CanBackquote`.
fn can_backquote(s: &str) -> bool {
    s.chars().all(|c| {
        if c.len_utf8() > 1 {
            return c != '\u{FEFF}';
        }
        !((c < ' ' && c != '\t') || c == '`' || c == '\u{7F}')
    })
}

/// Go's `strconv.Quote` (`ascii_only`: `QuoteToASCII`).
pub(crate) fn quote(s: &str, ascii_only: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        append_escaped_rune(&mut out, c, '"', ascii_only);
    }
    out.push('"');
    out
}

/// Go's `appendEscapedRune`.
fn append_escaped_rune(out: &mut String, r: char, quote: char, ascii_only: bool) {
    if r == quote || r == '\\' {
        out.push('\\');
        out.push(r);
        return;
    }
    if ascii_only {
        if r.is_ascii() && is_print(r) {
            out.push(r);
            return;
        }
    } else if is_print(r) {
        out.push(r);
        return;
    }
    match r {
        '\u{07}' => out.push_str("\\a"),
        '\u{08}' => out.push_str("\\b"),
        '\u{0C}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{0B}' => out.push_str("\\v"),
        _ => {
            let u = u32::from(r);
            if u < 0x20 || u == 0x7f {
                let _ = write!(out, "\\x{u:02x}");
            } else if u < 0x10000 {
                let _ = write!(out, "\\u{u:04x}");
            } else {
                let _ = write!(out, "\\U{u:08x}");
            }
        }
    }
}

/// Decimal digits of a float: value = 0.d₁d₂… × 10^dp, with no trailing zeros (Go's
/// `decimalSlice` after trimming). Zero has no digits and `dp == 0`.
struct Digits {
    d: Vec<u8>,
    dp: i64,
}

impl Digits {
    /// Parses Rust's `{:e}` output of a non-negative finite number (`1.25e-3`, `0e0`).
    fn from_sci(s: &str) -> Digits {
        let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
        let exp: i64 = exp.parse().unwrap_or(0);
        let mut d: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
        while d.last() == Some(&b'0') {
            d.pop();
        }
        if d.is_empty() {
            return Digits { d, dp: 0 };
        }
        Digits { d, dp: exp + 1 }
    }

    fn nd(&self) -> i64 {
        self.d.len() as i64
    }

    fn digit(&self, i: i64) -> u8 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.d.get(i).copied())
            .unwrap_or(b'0')
    }
}

/// Go's `strconv.FormatFloat(v, fmt, prec, 64)` for `fmt` in `b e E f g G x X`.
fn format_float(v: f64, fmt: char, prec: i64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    let neg = v.is_sign_negative();
    let a = v.abs();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    match fmt {
        'b' => {
            let (mant, exp) = decompose(a);
            let _ = write!(out, "{mant}p");
            let e = exp - 52;
            if e >= 0 {
                out.push('+');
            }
            let _ = write!(out, "{e}");
            return out;
        }
        'x' | 'X' => {
            fmt_x(&mut out, a, prec, fmt);
            return out;
        }
        _ => {}
    }
    let shortest = prec < 0;
    if fmt == 'f' && !shortest {
        let _ = write!(out, "{:.*}", prec as usize, a);
        return out;
    }
    let (digs, mut prec) = if shortest {
        let digs = Digits::from_sci(&format!("{a:e}"));
        let p = match fmt {
            'e' | 'E' => digs.nd() - 1,
            'f' => (digs.nd() - digs.dp).max(0),
            _ => digs.nd(),
        };
        (digs, p)
    } else {
        match fmt {
            'e' | 'E' => (Digits::from_sci(&format!("{:.*e}", prec as usize, a)), prec),
            _ => {
                let p = prec.max(1);
                (Digits::from_sci(&format!("{:.*e}", (p - 1) as usize, a)), p)
            }
        }
    };
    match fmt {
        'e' | 'E' => fmt_e(&mut out, &digs, prec, fmt),
        'f' => fmt_f(&mut out, &digs, prec),
        _ => {
            let mut eprec = prec;
            if eprec > digs.nd() && digs.nd() >= digs.dp {
                eprec = digs.nd();
            }
            if shortest {
                eprec = 6;
            }
            let exp = digs.dp - 1;
            if exp < -4 || exp >= eprec {
                if prec > digs.nd() {
                    prec = digs.nd();
                }
                let e = if fmt == 'G' { 'E' } else { 'e' };
                fmt_e(&mut out, &digs, prec - 1, e);
            } else {
                if prec > digs.dp {
                    prec = digs.nd();
                }
                fmt_f(&mut out, &digs, (prec - digs.dp).max(0));
            }
        }
    }
    out
}

/// Mantissa and unbiased binary exponent of a finite non-negative float, as Go's
/// `genericFtoa` computes them (value = mant × 2^(exp−52)).
fn decompose(a: f64) -> (u64, i64) {
    let bits = a.to_bits();
    let mut exp = ((bits >> 52) & 0x7ff) as i64;
    let mut mant = bits & ((1u64 << 52) - 1);
    if exp == 0 {
        exp += 1;
    } else {
        mant |= 1u64 << 52;
    }
    (mant, exp - 1023)
}

/// Go's `fmtE`: `d.ddde±dd`.
fn fmt_e(out: &mut String, d: &Digits, prec: i64, fmt: char) {
    out.push(if d.nd() == 0 {
        '0'
    } else {
        char::from(d.digit(0))
    });
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            out.push(char::from(d.digit(i)));
        }
    }
    out.push(fmt);
    let exp = if d.nd() == 0 { 0 } else { d.dp - 1 };
    out.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push('0');
    }
    let _ = write!(out, "{e}");
}

/// Go's `fmtF`: `ddd.ddd`.
fn fmt_f(out: &mut String, d: &Digits, prec: i64) {
    if d.dp > 0 {
        for i in 0..d.dp {
            out.push(char::from(d.digit(i)));
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            out.push(char::from(d.digit(d.dp + i - 1)));
        }
    }
}

/// Go's `fmtX`: hexadecimal mantissa and binary exponent, `0x1.8p+01`.
fn fmt_x(out: &mut String, a: f64, prec: i64, fmt: char) {
    let (mut mant, mut exp) = decompose(a);
    if mant == 0 {
        exp = 0;
    }
    // Put the leading 1 (if any) at bit 60.
    mant <<= 60 - 52;
    while mant != 0 && mant & (1u64 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1u64 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1u64 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1u64 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let upper = fmt == 'X';
    out.push('0');
    out.push(fmt);
    out.push(if (mant >> 60) & 1 == 1 { '1' } else { '0' });
    mant <<= 4;
    let hex = |n: u64| -> char {
        let c = char::from_digit((n & 15) as u32, 16).unwrap_or('0');
        if upper { c.to_ascii_uppercase() } else { c }
    };
    if prec < 0 && mant != 0 {
        out.push('.');
        while mant != 0 {
            out.push(hex(mant >> 60));
            mant <<= 4;
        }
    } else if prec > 0 {
        out.push('.');
        for _ in 0..prec {
            out.push(hex(mant >> 60));
            mant <<= 4;
        }
    }
    out.push(if upper { 'P' } else { 'p' });
    out.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push('0');
    }
    let _ = write!(out, "{e}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(format, operands as JSON, Go's output)`, measured with Go 1.27's `printf` in a template
    /// whose operands come from JSON data (integers are `int64`, other numbers `float64`).
    #[rustfmt::skip]
    const ORACLE: &[(&str, &str, &str)] = &[
            ("%v", "[0]", "0"),
            ("%+.3b", "[0]", "+000"),
            ("%8.3c", "[0]", "       \u{0}"),
            ("%#8f", "[0]", "%!f(int64=       0)"),
            ("%5p", "[0]", "%!p(int64=    0)"),
            ("%-0t", "[1]", "%!t(int64=1)"),
            ("%#x", "[1]", "0x1"),
            ("%#-12U", "[1]", "U+0001      "),
            ("%#.0g", "[1]", "%!g(int64=1)"),
            ("%.10w", "[1]", "%!w(int64=0000000001)"),
            ("%+08b", "[-1]", "-0000001"),
            ("%+ c", "[-1]", "�"),
            ("%+0f", "[-1]", "%!f(int64=-1)"),
            ("%-p", "[-1]", "%!p(int64=-1)"),
            ("%#012T", "[42]", "0000000int64"),
            ("%08.3O", "[42]", "   0o052"),
            ("%.2U", "[42]", "U+002A"),
            ("%05g", "[42]", "%!g(int64=00042)"),
            ("%#0w", "[42]", "%!w(int64=42)"),
            ("% b", "[255]", " 11111111"),
            ("%+c", "[255]", "ÿ"),
            ("% 012.4E", "[255]", "%!E(int64=        0255)"),
            ("%-8.3s", "[255]", "%!s(int64=255     )"),
            ("%.0T", "[-255]", ""),
            ("%-5O", "[-255]", "-0o377"),
            ("%# U", "[-255]", "U+FFFFFFFFFFFFFF01"),
            ("%0g", "[-255]", "%!g(int64=-255)"),
            ("%w", "[-255]", "%!w(int64=-255)"),
            ("%+.3d", "[65]", "+065"),
            ("%8.3X", "[65]", "     041"),
            ("%#8E", "[65]", "%!E(int64=      65)"),
            ("%5s", "[65]", "%!s(int64=   65)"),
            ("%-0T", "[128512]", "int64"),
            ("%#O", "[128512]", "0o0373000"),
            ("%#-12q", "[128512]", "'😀'         "),
            ("%#.0F", "[128512]", "%!F(int64=128512)"),
            ("%.10z", "[128512]", "%!z(int64=0000128512)"),
            ("%+08d", "[55296]", "+0055296"),
            ("%+ X", "[55296]", "+D800"),
            ("%+0E", "[55296]", "%!E(int64=+55296)"),
            ("%-s", "[55296]", "%!s(int64=55296)"),
            ("%#012v", "[1114112]", "000001114112"),
            ("%08.3o", "[1114112]", " 4200000"),
            ("%.2q", "[1114112]", "'�'"),
            ("%05F", "[1114112]", "%!F(int64=1114112)"),
            ("%#0z", "[1114112]", "%!z(int64=1114112)"),
            ("% d", "[9223372036854775807]", " 9223372036854775807"),
            ("%+X", "[9223372036854775807]", "+7FFFFFFFFFFFFFFF"),
            ("% 012.4e", "[9223372036854775807]", "%!e(int64= 9223372036854775807)"),
            ("%-8.3G", "[9223372036854775807]", "%!G(int64=9223372036854775807)"),
            ("%.0v", "[-9223372036854775808]", "-9223372036854775808"),
            ("%-5o", "[-9223372036854775808]", "-1000000000000000000000"),
            ("%# q", "[-9223372036854775808]", "'�'"),
            ("%0F", "[-9223372036854775808]", "%!F(int64=-9223372036854775808)"),
            ("%z", "[-9223372036854775808]", "%!z(int64=-9223372036854775808)"),
            ("%+.3t", "[0.0]", "%!t(float64=+0)"),
            ("%8.3x", "[0.0]", "0x0.000p+00"),
            ("%#8e", "[0.0]", "0.000000e+00"),
            ("%5G", "[0.0]", "    0"),
            ("%-0v", "[-0.0]", "-0"),
            ("%#o", "[-0.0]", "%!o(float64=-0.00000)"),
            ("%#-12c", "[-0.0]", "%!c(float64=-0.00000    )"),
            ("%#.0f", "[-0.0]", "-0."),
            ("%.10p", "[-0.0]", "%!p(float64=-0)"),
            ("%+08t", "[1.0]", "%!t(float64=+0000001)"),
            ("%+ x", "[1.0]", "+0x1p+00"),
            ("%+0e", "[1.0]", "+1.000000e+00"),
            ("%-G", "[1.0]", "1"),
            ("%#012w", "[1.0]", "%!w(float64=000000000001)"),
            ("%08.3b", "[0.5]", "4503599627370496p-53"),
            ("%.2c", "[0.5]", "%!c(float64=0.5)"),
            ("%05f", "[0.5]", "0.500000"),
            ("%#0p", "[0.5]", "%!p(float64=0.500000)"),
            ("% t", "[3.14159]", "%!t(float64= 3.14159)"),
            ("%+x", "[3.14159]", "+0x1.921f9f01b866ep+01"),
            ("% 012.4U", "[3.14159]", "%!U(float64= 0000003.142)"),
            ("%-8.3g", "[3.14159]", "3.14    "),
            ("%.0w", "[3.14159]", "%!w(float64=3)"),
            ("%-5b", "[-2.5]", "-5629499534213120p-51"),
            ("%# c", "[-2.5]", "%!c(float64=-2.50000)"),
            ("%0f", "[-2.5]", "-2.500000"),
            ("%p", "[-2.5]", "%!p(float64=-2.5)"),
            ("%+.3T", "[1e+20]", "flo"),
            ("%8.3O", "[1e+20]", "%!O(float64=   1e+20)"),
            ("%#8U", "[1e+20]", "%!U(float64=1.00000e+20)"),
            ("%5g", "[1e+20]", "1e+20"),
            ("%-0w", "[1e+20]", "%!w(float64=1e+20)"),
            ("%#b", "[1e+21]", "7629394531250000p+17"),
            ("%#-12X", "[1e+21]", "0X1.B1AE4D6E2EF5P+69"),
            ("%#.0E", "[1e+21]", "1.E+21"),
            ("%.10s", "[1e+21]", "%!s(float64=1e+21)"),
            ("%+08T", "[1e-05]", "0float64"),
            ("%+ O", "[1e-05]", "%!O(float64=+1e-05)"),
            ("%+0U", "[1e-05]", "%!U(float64=+1e-05)"),
            ("%-g", "[1e-05]", "1e-05"),
            ("%#012z", "[1e-05]", "%!z(float64=01.00000e-05)"),
            ("%08.3d", "[1234567.0]", "%!d(float64=1.23e+06)"),
            ("%.2X", "[1234567.0]", "0X1.2DP+20"),
            ("%05E", "[1234567.0]", "1.234567E+06"),
            ("%#0s", "[1234567.0]", "%!s(float64=1.234567e+06)"),
            ("% T", "[123456.0]", "float64"),
            ("%+O", "[123456.0]", "%!O(float64=+123456)"),
            ("% 012.4q", "[123456.0]", "%!q(float64= 001.235e+05)"),
            ("%-8.3F", "[123456.0]", "123456.000"),
            ("%.0z", "[123456.0]", "%!z(float64=1e+05)"),
            ("%-5d", "[1e+100]", "%!d(float64=1e+100)"),
            ("%# X", "[1e+100]", " 0X1.249AD2594C37DP+332"),
            ("%0E", "[1e+100]", "1.000000E+100"),
            ("%s", "[1e+100]", "%!s(float64=1e+100)"),
            ("%+.3v", "[5e-324]", "4.94e-324"),
            ("%8.3o", "[5e-324]", "%!o(float64=4.94e-324)"),
            ("%#8q", "[5e-324]", "%!q(float64=5.00000e-324)"),
            ("%5F", "[5e-324]", "0.000000"),
            ("%-0z", "[5e-324]", "%!z(float64=5e-324)"),
            ("%#d", "[1.7976931348623157e+308]", "%!d(float64=1.7976931348623157e+308)"),
            ("%#-12x", "[1.7976931348623157e+308]", "0x1.fffffffffffffp+1023"),
            ("%#.0e", "[1.7976931348623157e+308]", "2.e+308"),
            ("%.10G", "[1.7976931348623157e+308]", "1.797693135E+308"),
            ("%+08v", "[0.1]", "000000.1"),
            ("%+ o", "[0.1]", "%!o(float64=+0.1)"),
            ("%+0q", "[0.1]", "%!q(float64=+0.1)"),
            ("%-F", "[0.1]", "0.100000"),
            ("%#012p", "[0.1]", "%!p(float64=00000.100000)"),
            ("%08.3t", "[2.5]", "%!t(float64=000002.5)"),
            ("%.2x", "[2.5]", "0x1.40p+01"),
            ("%05e", "[2.5]", "2.500000e+00"),
            ("%#0G", "[2.5]", "2.50000"),
            ("% v", "[0.125]", " 0.125"),
            ("%+o", "[0.125]", "%!o(float64=+0.125)"),
            ("% 012.4c", "[0.125]", "%!c(float64= 0000000.125)"),
            ("%-8.3f", "[0.125]", "0.125   "),
            ("%.0p", "[0.125]", "%!p(float64=0.1)"),
            ("%-5t", "[100.0]", "%!t(float64=100  )"),
            ("%# x", "[100.0]", " 0x1.9000p+06"),
            ("%0e", "[100.0]", "1.000000e+02"),
            ("%G", "[100.0]", "100"),
            ("%+.3w", "[100.0]", "%!w(float64=100)"),
            ("%8.3b", "[1000000.0]", "8589934592000000p-33"),
            ("%#8c", "[1000000.0]", "%!c(float64=1.00000e+06)"),
            ("%5f", "[1000000.0]", "1000000.000000"),
            ("%-0p", "[1000000.0]", "%!p(float64=1e+06)"),
            ("%#t", "[123456789.125]", "%!t(float64=1.23456789125e+08)"),
            ("%#-12O", "[123456789.125]", "%!O(float64=1.23456789125e+08)"),
            ("%#.0U", "[123456789.125]", "%!U(float64=1.e+08)"),
            ("%.10g", "[123456789.125]", "123456789.1"),
            ("%+08w", "[123456789.125]", "%!w(float64=1.23456789125e+08)"),
            ("%+ b", "[-0.001]", "-4611686018427388p-62"),
            ("%+0c", "[-0.001]", "%!c(float64=-0.001)"),
            ("%-f", "[-0.001]", "-0.001000"),
            ("%#012s", "[-0.001]", "%!s(float64=-00.00100000)"),
            ("%08.3T", "[\"\"]", "00000str"),
            ("%.2O", "[\"\"]", "%!O(string=)"),
            ("%05U", "[\"\"]", "%!U(string=00000)"),
            ("%#0g", "[\"\"]", "%!g(string=)"),
            ("% w", "[\"\"]", "%!w(string=)"),
            ("%+b", "[\"hi\"]", "%!b(string=hi)"),
            ("% 012.4X", "[\"hi\"]", "000000068 69"),
            ("%-8.3E", "[\"hi\"]", "%!E(string=hi      )"),
            ("%.0s", "[\"hi\"]", ""),
            ("%-5T", "[\"héllo\"]", "string"),
            ("%# O", "[\"héllo\"]", "%!O(string=héllo)"),
            ("%0U", "[\"héllo\"]", "%!U(string=héllo)"),
            ("%g", "[\"héllo\"]", "%!g(string=héllo)"),
            ("%+.3z", "[\"héllo\"]", "%!z(string=hél)"),
            ("%8.3d", "[\"a\\\"b\\\\c\"]", "%!d(string=     a\"b)"),
            ("%#8X", "[\"a\\\"b\\\\c\"]", "0X6122625C63"),
            ("%5E", "[\"a\\\"b\\\\c\"]", "%!E(string=a\"b\\c)"),
            ("%-0s", "[\"a\\\"b\\\\c\"]", "a\"b\\c"),
            ("%#T", "[\"tab\\there\\n\"]", "string"),
            ("%#-12o", "[\"tab\\there\\n\"]", "%!o(string=tab\there\n   )"),
            ("%#.0q", "[\"tab\\there\\n\"]", "``"),
            ("%.10F", "[\"tab\\there\\n\"]", "%!F(string=tab\there\n)"),
            ("%+08z", "[\"tab\\there\\n\"]", "%!z(string=tab\there\n)"),
            ("%+ d", "[\"\u{2028}\u{a0}\u{200b}\"]", "%!d(string=\u{2028}\u{a0}\u{200b})"),
            ("%+0X", "[\"\u{2028}\u{a0}\u{200b}\"]", "E280A8C2A0E2808B"),
            ("%-E", "[\"\u{2028}\u{a0}\u{200b}\"]", "%!E(string=\u{2028}\u{a0}\u{200b})"),
            ("%#012G", "[\"\u{2028}\u{a0}\u{200b}\"]", "%!G(string=000000000\u{2028}\u{a0}\u{200b})"),
            ("%08.3v", "[\"😀\"]", "0000000😀"),
            ("%.2o", "[\"😀\"]", "%!o(string=😀)"),
            ("%05q", "[\"😀\"]", "00\"😀\""),
            ("%#0F", "[\"😀\"]", "%!F(string=😀)"),
            ("% z", "[\"😀\"]", "%!z(string=😀)"),
            ("%+d", "[\"`x`\"]", "%!d(string=`x`)"),
            ("% 012.4x", "[\"`x`\"]", "000060 78 60"),
            ("%-8.3e", "[\"`x`\"]", "%!e(string=`x`     )"),
            ("%.0G", "[\"`x`\"]", "%!G(string=)"),
            ("%-5v", "[\"é\"]", "é   "),
            ("%# o", "[\"é\"]", "%!o(string=é)"),
            ("%0q", "[\"é\"]", "\"é\""),
            ("%F", "[\"é\"]", "%!F(string=é)"),
            ("%+.3p", "[\"é\"]", "%!p(string=é)"),
            ("%8.3t", "[\"\\u0007\u{7f}\"]", "%!t(string=      \u{7}\u{7f})"),
            ("%#8x", "[\"\\u0007\u{7f}\"]", "  0x077f"),
            ("%5e", "[\"\\u0007\u{7f}\"]", "%!e(string=   \u{7}\u{7f})"),
            ("%-0G", "[\"\\u0007\u{7f}\"]", "%!G(string=\u{7}\u{7f})"),
            ("%#v", "[\"\u{feff}\"]", "\"\\ufeff\""),
            ("%#-12b", "[\"\u{feff}\"]", "%!b(string=\u{feff}           )"),
            ("%#.0c", "[\"\u{feff}\"]", "%!c(string=)"),
            ("%.10f", "[\"\u{feff}\"]", "%!f(string=\u{feff})"),
            ("%+08p", "[\"\u{feff}\"]", "%!p(string=0000000\u{feff})"),
            ("%+ t", "[true]", "true"),
            ("%+0x", "[true]", "%!x(bool=true)"),
            ("%-e", "[true]", "%!e(bool=true)"),
            ("%#012g", "[true]", "%!g(bool=00000000true)"),
            ("%08.3w", "[true]", "%!w(bool=0000true)"),
            ("%.2b", "[false]", "%!b(bool=false)"),
            ("%05c", "[false]", "%!c(bool=false)"),
            ("%#0f", "[false]", "%!f(bool=false)"),
            ("% p", "[false]", "%!p(bool=false)"),
            ("%+t", "[null]", "%!t(<nil>)"),
            ("% 012.4O", "[null]", "%!O(<nil>)"),
            ("%-8.3U", "[null]", "%!U(<nil>)"),
            ("%.0g", "[null]", "%!g(<nil>)"),
            ("%-5w", "[null]", "%!w(<nil>)"),
            ("%# b", "[[1, \"a\", null, 2.5]]", "[ 0b1 %!b(string=a) <nil>  5629499534213120p-51]"),
            ("%0c", "[[1, \"a\", null, 2.5]]", "[\u{1} %!c(string=a) <nil> %!c(float64=2.5)]"),
            ("%f", "[[1, \"a\", null, 2.5]]", "[%!f(int64=1) %!f(string=a) <nil> 2.500000]"),
            ("%+.3s", "[[1, \"a\", null, 2.5]]", "[%!s(int64=+001) a <nil> %!s(float64=+2.5)]"),
            ("%8.3T", "[[]]", "     []i"),
            ("%#8O", "[[]]", "[]"),
            ("%5U", "[[]]", "[]"),
            ("%-0g", "[[]]", "[]"),
            ("%#w", "[[]]", "%!w([]interface {}=[]interface {}{})"),
            ("%#-12d", "[[\"x\", \"y\"]]", "[%!d(string=x           ) %!d(string=y           )]"),
            ("%#.0X", "[[\"x\", \"y\"]]", "[ ]"),
            ("%.10E", "[[\"x\", \"y\"]]", "[%!E(string=x) %!E(string=y)]"),
            ("%+08s", "[[\"x\", \"y\"]]", "[0000000x 0000000y]"),
            ("%+ T", "[{\"a\": 1, \"b\": \"x\", \"c\": null}]", "map[string]interface {}"),
            ("%+0O", "[{\"a\": 1, \"b\": \"x\", \"c\": null}]", "map[%!O(string=a):+0o1 %!O(string=b):%!O(string=x) %!O(string=c):<nil>]"),
            ("%-U", "[{\"a\": 1, \"b\": \"x\", \"c\": null}]", "map[%!U(string=a):U+0001 %!U(string=b):%!U(string=x) %!U(string=c):<nil>]"),
            ("%#012F", "[{\"a\": 1, \"b\": \"x\", \"c\": null}]", "map[%!F(string=00000000000a):%!F(int64=000000000001) %!F(string=00000000000b):%!F(string=00000000000x) %!F(string=00000000000c):<nil>]"),
            ("%08.3z", "[{\"a\": 1, \"b\": \"x\", \"c\": null}]", "map[%!z(string=0000000a):%!z(int64=     001) %!z(string=0000000b):%!z(string=0000000x) %!z(string=0000000c):<nil>]"),
            ("%.2d", "[{}]", "map[]"),
            ("%05X", "[{}]", "map[]"),
            ("%#0E", "[{}]", "map[]"),
            ("% s", "[{}]", "map[]"),
            ("%+T", "[[[1, 2], {\"k\": [3]}]]", "[]interface {}"),
            ("% 012.4o", "[[[1, 2], {\"k\": [3]}]]", "[[        0001         0002] map[%!o(string=00000000000k):[        0003]]]"),
            ("%-8.3q", "[[[1, 2], {\"k\": [3]}]]", "[['\\x01'   '\\x02'  ] map[\"k\"     :['\\x03'  ]]]"),
            ("%.0F", "[[[1, 2], {\"k\": [3]}]]", "[[%!F(int64=1) %!F(int64=2)] map[%!F(string=):[%!F(int64=3)]]]"),
            ("%-5z", "[[[1, 2], {\"k\": [3]}]]", "[[%!z(int64=1    ) %!z(int64=2    )] map[%!z(string=k    ):[%!z(int64=3    )]]]"),
            ("%#v", "[0]", "0"),
            ("%v", "[1]", "1"),
            ("%#v", "[1]", "1"),
            ("%v", "[-1]", "-1"),
            ("%#v", "[-1]", "-1"),
            ("%v", "[42]", "42"),
            ("%#v", "[42]", "42"),
            ("%v", "[255]", "255"),
            ("%#v", "[255]", "255"),
            ("%v", "[-255]", "-255"),
            ("%#v", "[-255]", "-255"),
            ("%v", "[65]", "65"),
            ("%#v", "[65]", "65"),
            ("%v", "[128512]", "128512"),
            ("%#v", "[128512]", "128512"),
            ("%v", "[55296]", "55296"),
            ("%#v", "[55296]", "55296"),
            ("%v", "[1114112]", "1114112"),
            ("%#v", "[1114112]", "1114112"),
            ("%v", "[9223372036854775807]", "9223372036854775807"),
            ("%#v", "[9223372036854775807]", "9223372036854775807"),
            ("%v", "[-9223372036854775808]", "-9223372036854775808"),
            ("%#v", "[-9223372036854775808]", "-9223372036854775808"),
            ("%v", "[0.0]", "0"),
            ("%#v", "[0.0]", "0"),
            ("%v", "[-0.0]", "-0"),
            ("%#v", "[-0.0]", "-0"),
            ("%v", "[1.0]", "1"),
            ("%#v", "[1.0]", "1"),
            ("%v", "[0.5]", "0.5"),
            ("%#v", "[0.5]", "0.5"),
            ("%v", "[3.14159]", "3.14159"),
            ("%#v", "[3.14159]", "3.14159"),
            ("%v", "[-2.5]", "-2.5"),
            ("%#v", "[-2.5]", "-2.5"),
            ("%v", "[1e+20]", "1e+20"),
            ("%#v", "[1e+20]", "1e+20"),
            ("%v", "[1e+21]", "1e+21"),
            ("%#v", "[1e+21]", "1e+21"),
            ("%v", "[1e-05]", "1e-05"),
            ("%#v", "[1e-05]", "1e-05"),
            ("%v", "[1234567.0]", "1.234567e+06"),
            ("%#v", "[1234567.0]", "1.234567e+06"),
            ("%v", "[123456.0]", "123456"),
            ("%#v", "[123456.0]", "123456"),
            ("%v", "[1e+100]", "1e+100"),
            ("%#v", "[1e+100]", "1e+100"),
            ("%v", "[5e-324]", "5e-324"),
            ("%#v", "[5e-324]", "5e-324"),
            ("%v", "[1.7976931348623157e+308]", "1.7976931348623157e+308"),
            ("%#v", "[1.7976931348623157e+308]", "1.7976931348623157e+308"),
            ("%v", "[0.1]", "0.1"),
            ("%#v", "[0.1]", "0.1"),
            ("%v", "[2.5]", "2.5"),
            ("%#v", "[2.5]", "2.5"),
            ("%v", "[0.125]", "0.125"),
            ("%#v", "[0.125]", "0.125"),
            ("%v", "[100.0]", "100"),
            ("%#v", "[100.0]", "100"),
            ("%v", "[1000000.0]", "1e+06"),
            ("%#v", "[1000000.0]", "1e+06"),
            ("%v", "[123456789.125]", "1.23456789125e+08"),
            ("%#v", "[123456789.125]", "1.23456789125e+08"),
            ("%v", "[-0.001]", "-0.001"),
            ("%#v", "[-0.001]", "-0.001"),
            ("%v", "[\"\"]", ""),
            ("%#v", "[\"\"]", "\"\""),
            ("%v", "[\"hi\"]", "hi"),
            ("%#v", "[\"hi\"]", "\"hi\""),
            ("%v", "[\"héllo\"]", "héllo"),
            ("%#v", "[\"héllo\"]", "\"héllo\""),
            ("%v", "[\"a\\\"b\\\\c\"]", "a\"b\\c"),
            ("%#v", "[\"a\\\"b\\\\c\"]", "\"a\\\"b\\\\c\""),
            ("%v", "[\"tab\\there\\n\"]", "tab\there\n"),
            ("%#v", "[\"tab\\there\\n\"]", "\"tab\\there\\n\""),
            ("%v", "[\"\u{2028}\u{a0}\u{200b}\"]", "\u{2028}\u{a0}\u{200b}"),
            ("%#v", "[\"\u{2028}\u{a0}\u{200b}\"]", "\"\\u2028\\u00a0\\u200b\""),
            ("%v", "[\"😀\"]", "😀"),
            ("%#v", "[\"😀\"]", "\"😀\""),
            ("%v", "[\"`x`\"]", "`x`"),
            ("%#v", "[\"`x`\"]", "\"`x`\""),
            ("%v", "[\"é\"]", "é"),
            ("%#v", "[\"é\"]", "\"é\""),
            ("%v", "[\"\\u0007\u{7f}\"]", "\u{7}\u{7f}"),
            ("%#v", "[\"\\u0007\u{7f}\"]", "\"\\a\\x7f\""),
            ("%v", "[\"\u{feff}\"]", "\u{feff}"),
            ("%v", "[true]", "true"),
            ("%#v", "[true]", "true"),
            ("%v", "[false]", "false"),
            ("%#v", "[false]", "false"),
            ("%v", "[null]", "<nil>"),
            ("%#v", "[null]", "<nil>"),
            ("%v", "[[1, \"a\", null, 2.5]]", "[1 a <nil> 2.5]"),
            ("%#v", "[[1, \"a\", null, 2.5]]", "[]interface {}{1, \"a\", interface {}(nil), 2.5}"),
            ("%v", "[[]]", "[]"),
            ("%#v", "[[]]", "[]interface {}{}"),
            ("%v", "[[\"x\", \"y\"]]", "[x y]"),
            ("%#v", "[[\"x\", \"y\"]]", "[]interface {}{\"x\", \"y\"}"),
            ("%v", "[{\"a\": 1, \"b\": \"x\", \"c\": null}]", "map[a:1 b:x c:<nil>]"),
            ("%#v", "[{\"a\": 1, \"b\": \"x\", \"c\": null}]", "map[string]interface {}{\"a\":1, \"b\":\"x\", \"c\":interface {}(nil)}"),
            ("%v", "[{}]", "map[]"),
            ("%#v", "[{}]", "map[string]interface {}{}"),
            ("%v", "[[[1, 2], {\"k\": [3]}]]", "[[1 2] map[k:[3]]]"),
            ("%#v", "[[[1, 2], {\"k\": [3]}]]", "[]interface {}{[]interface {}{1, 2}, map[string]interface {}{\"k\":[]interface {}{3}}}"),
            ("%d %d", "[1]", "1 %!d(MISSING)"),
            ("%d", "[1, 2]", "1%!(EXTRA int64=2)"),
            ("%d", "[1, \"a\", null, 2.5, [1], {\"a\": 1}]", "1%!(EXTRA string=a, <nil>, float64=2.5, []interface {}=[1], map[string]interface {}=map[a:1])"),
            ("%", "[]", "%!(NOVERB)"),
            ("abc%", "[1]", "abc%!(NOVERB)%!(EXTRA int64=1)"),
            ("%-", "[1]", "%!(NOVERB)%!(EXTRA int64=1)"),
            ("%5", "[1]", "%!(NOVERB)%!(EXTRA int64=1)"),
            ("%.", "[1]", "%!.(int64=1)"),
            ("%.2", "[1]", "%!(NOVERB)%!(EXTRA int64=1)"),
            ("%[2]d %[1]d", "[1, 2]", "2 1"),
            ("%[3]d", "[1, 2]", "%!d(BADINDEX)"),
            ("%[0]d", "[1]", "%!d(BADINDEX)"),
            ("%[x]d", "[1]", "%!d(BADINDEX)"),
            ("%[1]d %d %d", "[1, 2]", "1 2 %!d(MISSING)"),
            ("%[2]*[1]d", "[12, 5]", "   12"),
            ("%*d", "[5, 3]", "    3"),
            ("%-*d|", "[5, 3]", "3    |"),
            ("%*d", "[-5, 3]", "3    "),
            ("%*d", "[\"x\", 3]", "%!(BADWIDTH)3"),
            ("%*d", "[1.5, 3]", "%!(BADWIDTH)3"),
            ("%.*d", "[3, 7]", "007"),
            ("%.*d", "[-1, 7]", "%!(BADPREC)7"),
            ("%.*f", "[2, 3.14159]", "3.14"),
            ("%*.*f|", "[8, 2, 3.14159]", "    3.14|"),
            ("%*d", "[10000000, 1]", "%!(BADWIDTH)1"),
            ("%*d", "[]", "%!(BADWIDTH)%!d(MISSING)"),
            ("%.*d", "[]", "%!(BADPREC)%!d(MISSING)"),
            ("%[1]2d", "[1]", "%!d(BADINDEX)"),
            ("%[1].2d", "[1]", "%!d(BADINDEX)"),
            ("%[2]d", "[1]", "%!d(BADINDEX)"),
            ("%[1]*d", "[3]", "%!d(MISSING)"),
            ("%[1]", "[1]", "%!(NOVERB)"),
            ("%[", "[1]", "%!(NOVERB)"),
            ("%[1", "[1]", "%!(NOVERB)"),
            ("%[]d", "[1]", "%!d(BADINDEX)"),
            ("%[-1]d", "[1]", "%!d(BADINDEX)"),
            ("%d%[1]d%d", "[1, 2]", "112"),
            ("%%", "[]", "%"),
            ("%5%", "[]", "%"),
            ("%-5%|%d", "[1]", "%|1"),
            ("%!", "[1]", "%!!(int64=1)"),
            ("%é", "[1]", "%!é(int64=1)"),
            ("%😀", "[1]", "%!😀(int64=1)"),
            ("x%dy%sz", "[1, \"s\"]", "x1ysz"),
            ("%v %v", "[null, null]", "<nil> <nil>"),
            ("%s", "[null]", "%!s(<nil>)"),
            ("%d", "[null]", "%!d(<nil>)"),
            ("%T", "[null]", "<nil>"),
            ("%10.3s|", "[\"héllo wörld\"]", "       hél|"),
            ("%-10.3q|", "[\"héllo\"]", "\"hél\"     |"),
            ("%.1x", "[\"hello\"]", "68"),
            ("% X", "[\"hello\"]", "68 65 6C 6C 6F"),
            ("% #x", "[\"\"]", ""),
            ("%8x|", "[\"\"]", "        |"),
            ("%08q", "[\"a\"]", "00000\"a\""),
            ("%v", "[[null]]", "[<nil>]"),
            ("%#v", "[[null]]", "[]interface {}{interface {}(nil)}"),
            ("%+v", "[{\"a\": [1]}]", "map[a:[1]]"),
            ("%#v", "[{\"a\": [1, {\"b\": null}], \"c\": \"x\"}]", "map[string]interface {}{\"a\":[]interface {}{1, map[string]interface {}{\"b\":interface {}(nil)}}, \"c\":\"x\"}"),
            ("%#v", "[[]]", "[]interface {}{}"),
            ("%#v", "[{}]", "map[string]interface {}{}"),
            ("%x", "[[255, \"hi\"]]", "[ff 6869]"),
            ("%X", "[{\"k\": \"v\"}]", "map[6B:76]"),
            ("%q", "[[\"a\", \"b\"]]", "[\"a\" \"b\"]"),
            ("%q", "[{\"a\": \"b\"}]", "map[\"a\":\"b\"]"),
            ("%5d", "[[1, 2]]", "[    1     2]"),
            ("%05.1f", "[[1.25, -2.5]]", "[001.2 -02.5]"),
            ("%-4v|", "[[1, \"a\"]]", "[1    a   ]|"),
            ("%s", "[[1, \"a\", null]]", "[%!s(int64=1) a <nil>]"),
            ("%t", "[[true, 1]]", "[true %!t(int64=1)]"),
            ("%e", "[[1, 2.5]]", "[%!e(int64=1) 2.500000e+00]"),
            ("%c", "[[65, 66]]", "[A B]"),
            ("%U", "[[65]]", "[U+0041]"),
            ("%08.3f", "[-3.14159]", "-003.142"),
            ("%+.3e", "[12345.678]", "+1.235e+04"),
            ("%x", "[1.5]", "0x1.8p+00"),
            ("%X", "[-1.5]", "-0X1.8P+00"),
            ("%.3x", "[3.14159]", "0x1.922p+01"),
            ("%#x", "[1.0]", "0x1.0000p+00"),
            ("%#X", "[1.0]", "0X1.P+00"),
            ("%b", "[1.0]", "4503599627370496p-52"),
            ("%b", "[0.1]", "7205759403792794p-56"),
            ("%#g", "[1.0]", "1.00000"),
            ("%#.3g", "[0.0]", "0.00"),
            ("%#e", "[1.0]", "1.000000e+00"),
            ("%#.0e", "[1.0]", "1.e+00"),
            ("%#.0f", "[1.0]", "1."),
            ("%#v", "[1.0]", "1"),
            ("%g", "[1e+300]", "1e+300"),
            ("%.20f", "[0.1]", "0.10000000000000000555"),
            ("%.30e", "[0.1]", "1.000000000000000055511151231258e-01"),
            ("%.17g", "[0.1]", "0.10000000000000001"),
            ("%f", "[1e+300]", "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000"),
            ("%.0f", "[0.5]", "0"),
            ("%.0f", "[1.5]", "2"),
            ("%.1f", "[0.25]", "0.2"),
            ("%.1f", "[0.35]", "0.3"),
            ("%g", "[0.0001]", "0.0001"),
            ("%g", "[1e-05]", "1e-05"),
            ("%g", "[123456.0]", "123456"),
            ("%g", "[1234567.0]", "1.234567e+06"),
            ("%.3g", "[100.0]", "100"),
            ("%.3g", "[1000.0]", "1e+03"),
            ("%.3g", "[0.0001234]", "0.000123"),
            ("%.0g", "[2.5]", "2"),
            ("%G", "[1e-10]", "1E-10"),
            ("%.2G", "[1234.0]", "1.2E+03"),
            ("%6.2f|%-8.3e|%+g", "[1.0, 2.0, 3.0]", "  1.00|2.000e+00|+3"),
            ("%v|%d", "[9223372036854775807, 9223372036854775808]", "9223372036854775807|%!d(float64=9.223372036854776e+18)"),
            ("%d", "[1e+30]", "%!d(float64=1e+30)"),
    ];

    #[test]
    fn sprintf_matches_go() {
        let mut bad = Vec::new();
        for (format, args, want) in ORACLE {
            let args: serde_json::Value =
                serde_json::from_str(args).expect("the table holds valid JSON");
            let args: Vec<Value> = args
                .as_array()
                .map(|a| a.iter().map(Value::from_json).collect())
                .unwrap_or_default();
            let got = sprintf(format, &args);
            if got != *want {
                bad.push(format!("{format:?} {args:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(
            bad.is_empty(),
            "{} mismatches:\n{}",
            bad.len(),
            bad.join("\n")
        );
    }

    #[test]
    fn value_write_v_agrees_with_percent_v() {
        // `Value::write_v` (what `{{ . }}` prints) must be Go's `%v` too.
        let mut checked = 0;
        for (format, args, want) in ORACLE.iter().filter(|(f, _, _)| *f == "%v") {
            let args: serde_json::Value =
                serde_json::from_str(args).expect("the table holds valid JSON");
            let Some([arg]) = args.as_array().map(Vec::as_slice) else {
                continue;
            };
            let mut out = String::new();
            Value::from_json(arg).write_v(&mut out, false);
            assert_eq!(out, *want, "{format} {arg}");
            checked += 1;
        }
        assert!(checked > 0);
        for f in [
            1e20, 1e21, 123456.0, 1234567.0, 1e-4, 1e-5, 0.1, 5e-324, -0.0,
        ] {
            let mut out = String::new();
            Value::Float(f).write_v(&mut out, false);
            assert_eq!(out, sprintf("%v", &[Value::Float(f)]), "{f:e}");
        }
    }

    #[test]
    fn template_constants_print_as_go_int() {
        // `{{ printf "%T %T %d" 1 1.5 1 }}` → `int float64 1`.
        let args = [Value::Int(1), Value::Float(1.5), Value::Int(1)];
        assert_eq!(sprintf("%T %T %d", &args), "int float64 1");
        // `{{ printf "%d %s" 1 }}` → `1 %!s(MISSING)`; `{{ printf "%d" 1 2 }}`.
        assert_eq!(sprintf("%d %s", &[Value::Int(1)]), "1 %!s(MISSING)");
        assert_eq!(
            sprintf("%d", &[Value::Int(1), Value::Int(2)]),
            "1%!(EXTRA int=2)"
        );
        assert_eq!(sprintf("%#v", &[Value::Uint64(1)]), "0x1");
    }

    #[test]
    fn sprint_spacing_matches_go() {
        // `{{ print 1 2 "a" 3 nil nil .l }}` with l = [1, "a b"] → `1 2a3 <nil> <nil> [1 a b]`.
        let l = Value::list(vec![Value::Int64(1), Value::from("a b")]);
        let args = [
            Value::Int(1),
            Value::Int(2),
            Value::from("a"),
            Value::Int(3),
            Value::Nil,
            Value::Nil,
            l,
        ];
        assert_eq!(sprint(&args), "1 2a3 <nil> <nil> [1 a b]");
        // `{{ println 1 "a" nil }}` → "1 a <nil>\n".
        assert_eq!(
            sprintln(&[Value::Int(1), Value::from("a"), Value::Nil]),
            "1 a <nil>\n"
        );
        assert_eq!(sprint(&[]), "");
        assert_eq!(sprintln(&[]), "\n");
    }

    #[test]
    fn is_print_matches_go_tables() {
        assert!(is_print(' ') && is_print('a') && is_print('é') && is_print('😀'));
        assert!(!is_print('\u{7f}') && !is_print('\u{a0}') && !is_print('\u{2028}'));
        assert!(!is_print('\u{200b}') && !is_print('\u{feff}') && !is_print('\u{e000}'));
    }
}
