//! Go's literal syntax as the parser needs it: `strconv.Unquote`/`UnquoteChar` for string and
//! character constants, `strconv.ParseInt`/`ParseUint`/`ParseFloat` with base 0 for numbers,
//! and `parse.newNumber`'s rules for which interpretations (int, uint, float, complex) a
//! numeric constant has.

use super::ast::Number;

/// Go's `strconv.ErrSyntax` text.
pub const INVALID_SYNTAX: &str = "invalid syntax";

/// Decodes one (possibly escaped) character at the start of `s`, as `strconv.UnquoteChar`
/// with the given quote; returns the character (or a single byte for `\x`/octal escapes in
/// strings, as a `u32` below 256 flagged by `is_byte`) and the rest.
fn unquote_char(s: &str, quote: char) -> Result<(u32, bool, &str), &'static str> {
    let mut chars = s.chars();
    let c = chars.next().ok_or(INVALID_SYNTAX)?;
    if c == quote && (quote == '\'' || quote == '"') {
        return Err(INVALID_SYNTAX);
    }
    if c != '\\' {
        return Ok((c as u32, false, chars.as_str()));
    }
    let e = chars.next().ok_or(INVALID_SYNTAX)?;
    let rest = chars.as_str();
    let simple = match e {
        'a' => Some(7),
        'b' => Some(8),
        'f' => Some(12),
        'n' => Some(10),
        'r' => Some(13),
        't' => Some(9),
        'v' => Some(11),
        '\\' => Some(92),
        '\'' | '"' => {
            if e != quote {
                return Err(INVALID_SYNTAX);
            }
            Some(e as u32)
        }
        _ => None,
    };
    if let Some(v) = simple {
        return Ok((v, false, rest));
    }
    match e {
        'x' | 'u' | 'U' => {
            let n = match e {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let digits = rest.get(..n).ok_or(INVALID_SYNTAX)?;
            let v = u32::from_str_radix(digits, 16).map_err(|_| INVALID_SYNTAX)?;
            if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(INVALID_SYNTAX);
            }
            let rest = rest.get(n..).ok_or(INVALID_SYNTAX)?;
            if e == 'x' {
                // A byte in a string, a rune in a character constant.
                return Ok((v, quote != '\'', rest));
            }
            if char::from_u32(v).is_none() {
                return Err(INVALID_SYNTAX);
            }
            Ok((v, false, rest))
        }
        '0'..='7' => {
            let digits = s.get(1..4).ok_or(INVALID_SYNTAX)?;
            if !digits.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
                return Err(INVALID_SYNTAX);
            }
            let v = u32::from_str_radix(digits, 8).map_err(|_| INVALID_SYNTAX)?;
            if v > 255 {
                return Err(INVALID_SYNTAX);
            }
            Ok((v, quote != '\'', s.get(4..).ok_or(INVALID_SYNTAX)?))
        }
        _ => Err(INVALID_SYNTAX),
    }
}

/// Go's `strconv.Unquote` for `"…"` and `` `…` `` literals. Byte escapes that do not form
/// valid UTF-8 (`"\xff"`) cannot live in a Rust string and decode lossily to U+FFFD.
pub fn unquote(lit: &str) -> Result<String, &'static str> {
    if let Some(inner) = lit.strip_prefix('`').and_then(|s| s.strip_suffix('`')) {
        if lit.len() < 2 || inner.contains('`') {
            return Err(INVALID_SYNTAX);
        }
        return Ok(inner.replace('\r', ""));
    }
    let inner = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|_| lit.len() >= 2)
        .ok_or(INVALID_SYNTAX)?;
    if !inner.contains('\\') && !inner.contains('"') && !inner.contains('\n') {
        return Ok(inner.to_string());
    }
    let mut bytes: Vec<u8> = Vec::with_capacity(inner.len());
    let mut s = inner;
    while !s.is_empty() {
        if s.starts_with('\n') {
            return Err(INVALID_SYNTAX);
        }
        let (v, is_byte, rest) = unquote_char(s, '"')?;
        if is_byte {
            bytes.push(v as u8);
        } else {
            let c = char::from_u32(v).ok_or(INVALID_SYNTAX)?;
            let mut buf = [0u8; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        s = rest;
    }
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Go's `underscoreOK`: underscores only between digits (or after a base prefix).
fn underscore_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let mut saw = b'^';
    let mut i = 0;
    let b = match b.first() {
        Some(b'-' | b'+') => &b[1..],
        _ => b,
    };
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1].eq_ignore_ascii_case(&b'x');
    }
    while i < b.len() {
        let c = b[i];
        let lc = c.to_ascii_lowercase();
        if c.is_ascii_digit() || hex && (b'a'..=b'f').contains(&lc) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

/// `strconv.ParseUint(s, 0, 64)`: `None` on any error.
pub fn parse_uint(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    let (base, digits) = if b[0] == b'0' {
        if b.len() >= 3 && matches!(b[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
            let base = match b[1].to_ascii_lowercase() {
                b'b' => 2,
                b'o' => 8,
                _ => 16,
            };
            (base, &s[2..])
        } else {
            (8, &s[1..])
        }
    } else {
        (10, s)
    };
    let mut any = false;
    let mut underscores = false;
    let mut n: u64 = 0;
    for c in digits.bytes() {
        if c == b'_' {
            underscores = true;
            continue;
        }
        let d = (c as char).to_digit(base)?;
        any = true;
        n = n.checked_mul(base as u64)?.checked_add(d as u64)?;
    }
    // "0" alone is base 8 with no further digits: valid zero.
    if !(any || base == 8 && digits.is_empty()) {
        return None;
    }
    if underscores && !underscore_ok(s) {
        return None;
    }
    Some(n)
}

/// `strconv.ParseInt(s, 0, 64)`.
pub fn parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let u = parse_uint(body)?;
    if neg {
        if u > (i64::MAX as u64) + 1 {
            return None;
        }
        Some((u as i64).wrapping_neg())
    } else {
        i64::try_from(u).ok()
    }
}

/// `strconv.ParseFloat(s, 64)` for the spellings the lexer lets through (decimal and
/// hexadecimal floats, underscores per Go's rules); `None` on syntax or range errors.
pub fn parse_float(s: &str) -> Option<f64> {
    if s.contains('_') && !underscore_ok(s) {
        return None;
    }
    let clean: String = s.chars().filter(|&c| c != '_').collect();
    let (neg, body) = match clean.as_bytes().first() {
        Some(b'-') => (true, &clean[1..]),
        Some(b'+') => (false, &clean[1..]),
        _ => (false, clean.as_str()),
    };
    let v = if body.len() > 1 && (body.starts_with("0x") || body.starts_with("0X")) {
        parse_hex_float(&body[2..])?
    } else {
        if body.is_empty()
            || !body
                .bytes()
                .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
            || !body.bytes().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        let v: f64 = body.parse().ok()?;
        if v.is_infinite() {
            return None;
        }
        v
    };
    Some(if neg { -v } else { v })
}

/// The part of a hexadecimal float after `0x`: mantissa digits with an optional point, and a
/// mandatory `p` exponent.
fn parse_hex_float(s: &str) -> Option<f64> {
    let (mant, exp) = s.split_once(['p', 'P'])?;
    let exp: i32 = exp.parse().ok()?;
    let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let mut v = 0f64;
    for c in int_part.chars() {
        v = v * 16.0 + c.to_digit(16)? as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in frac_part.chars() {
        v += c.to_digit(16)? as f64 * scale;
        scale /= 16.0;
    }
    let r = v * 2f64.powi(exp);
    if r.is_infinite() { None } else { Some(r) }
}

/// Builds a number node the way Go's `newNumber` does. `kind` tells character constants
/// (`'a'`) and complex items (`1+2i`) apart from plain numbers. Errors are Go's messages.
pub fn new_number(
    pos: usize,
    text: &str,
    is_char: bool,
    is_complex_item: bool,
) -> Result<Number, String> {
    let mut n = Number {
        pos,
        text: text.to_string(),
        ..Number::default()
    };
    if is_char {
        let body = text.get(1..).unwrap_or("");
        let (v, _, tail) = unquote_char(body, '\'').map_err(str::to_string)?;
        if tail != "'" {
            return Err(format!("malformed character constant: {text}"));
        }
        n.int64 = v as i64;
        n.is_int = true;
        n.uint64 = v as u64;
        n.is_uint = true;
        n.float64 = v as f64;
        n.is_float = true;
        return Ok(n);
    }
    if is_complex_item {
        let (re, im) = parse_complex(text)?;
        n.is_complex = true;
        n.complex = (re, im);
        simplify_complex(&mut n);
        return Ok(n);
    }
    if let Some(body) = text.strip_suffix('i')
        && let Some(f) = parse_float(body)
    {
        n.is_complex = true;
        n.complex = (0.0, f);
        simplify_complex(&mut n);
        return Ok(n);
    }
    let u = parse_uint(text);
    if let Some(u) = u {
        n.is_uint = true;
        n.uint64 = u;
    }
    if let Some(i) = parse_int(text) {
        n.is_int = true;
        n.int64 = i;
        if i == 0 {
            n.is_uint = true;
            n.uint64 = u.unwrap_or(0);
        }
    }
    if n.is_int {
        n.is_float = true;
        n.float64 = n.int64 as f64;
    } else if n.is_uint {
        n.is_float = true;
        n.float64 = n.uint64 as f64;
    } else if let Some(f) = parse_float(text) {
        if !text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Err(format!(
                "integer overflow: {}",
                super::token::go_quote(text)
            ));
        }
        n.is_float = true;
        n.float64 = f;
        if f.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
            n.is_int = true;
            n.int64 = f as i64;
        }
        if f.fract() == 0.0 && (0.0..1.844_674_407_370_955_2e19).contains(&f) {
            n.is_uint = true;
            n.uint64 = f as u64;
        }
    }
    if !n.is_int && !n.is_uint && !n.is_float {
        return Err(format!(
            "illegal number syntax: {}",
            super::token::go_quote(text)
        ));
    }
    Ok(n)
}

fn simplify_complex(n: &mut Number) {
    let (re, im) = n.complex;
    n.is_float = im == 0.0;
    if n.is_float {
        n.float64 = re;
        n.is_int = re.fract() == 0.0
            && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&re);
        if n.is_int {
            n.int64 = re as i64;
        }
        n.is_uint = re.fract() == 0.0 && (0.0..1.844_674_407_370_955_2e19).contains(&re);
        if n.is_uint {
            n.uint64 = re as u64;
        }
    }
}

/// The end of a float token starting at `i` (fmt's `floatToken`: sign, digits, point,
/// exponent; hexadecimal after `0x`).
fn float_token(b: &[u8], mut i: usize) -> usize {
    let accept = |i: &mut usize, set: &[u8]| -> bool {
        match b.get(*i) {
            Some(c) if set.contains(c) => {
                *i += 1;
                true
            }
            _ => false,
        }
    };
    accept(&mut i, b"+-");
    let mut digits: &[u8] = b"0123456789_";
    let mut exp: &[u8] = b"eEpP";
    let save = i;
    if accept(&mut i, b"0") {
        if accept(&mut i, b"xX") {
            digits = b"0123456789aAbBcCdDeEfF_";
            exp = b"pP";
        } else {
            i = save;
        }
    }
    while accept(&mut i, digits) {}
    if accept(&mut i, b".") {
        while accept(&mut i, digits) {}
    }
    if accept(&mut i, exp) {
        accept(&mut i, b"+-");
        while accept(&mut i, b"0123456789_") {}
    }
    i
}

/// `fmt.Sscan` of a complex item such as `1+2i`, with fmt's error texts.
fn parse_complex(text: &str) -> Result<(f64, f64), String> {
    const COMPLEX_ERROR: &str = "syntax error scanning complex number";
    let b = text.as_bytes();
    let real_end = float_token(b, 0);
    if !matches!(b.get(real_end), Some(b'+' | b'-')) {
        return Err(COMPLEX_ERROR.into());
    }
    let imag_end = float_token(b, real_end + 1);
    if b.get(imag_end) != Some(&b'i') {
        return Err(COMPLEX_ERROR.into());
    }
    let convert = |s: &str| {
        parse_float(s).ok_or_else(|| {
            format!(
                "strconv.ParseFloat: parsing {}: invalid syntax",
                super::token::go_quote(s)
            )
        })
    };
    let re = convert(&text[..real_end])?;
    let im = convert(&text[real_end..imag_end])?;
    Ok((re, im))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_number_rules() {
        // (text, is_int, is_uint, is_float, int, uint, float) from Go's parse_test numberTests.
        let cases: &[(&str, bool, bool, bool, i64, u64, f64)] = &[
            ("0", true, true, true, 0, 0, 0.0),
            ("-0", true, true, true, 0, 0, 0.0),
            ("73", true, true, true, 73, 73, 73.0),
            ("7_3", true, true, true, 73, 73, 73.0),
            ("0b10_010_01", true, true, true, 73, 73, 73.0),
            ("0B10_010_01", true, true, true, 73, 73, 73.0),
            ("073", true, true, true, 59, 59, 59.0),
            ("0o73", true, true, true, 59, 59, 59.0),
            ("0x73", true, true, true, 115, 115, 115.0),
            ("-73", true, false, true, -73, 0, -73.0),
            ("+73", true, false, true, 73, 0, 73.0),
            ("100", true, true, true, 100, 100, 100.0),
            ("1e9", true, true, true, 1_000_000_000, 1_000_000_000, 1e9),
            ("-1e9", true, false, true, -1_000_000_000, 0, -1e9),
            ("-1.2", false, false, true, 0, 0, -1.2),
            (
                "1e19",
                false,
                true,
                true,
                0,
                10_000_000_000_000_000_000,
                1e19,
            ),
            (
                "1e1_9",
                false,
                true,
                true,
                0,
                10_000_000_000_000_000_000,
                1e19,
            ),
            ("-1e19", false, false, true, 0, 0, -1e19),
            ("0x_1p4", true, true, true, 16, 16, 16.0),
            ("0X_1P4", true, true, true, 16, 16, 16.0),
            ("0x_1p-4", false, false, true, 0, 0, 1.0 / 16.0),
            ("4i", false, false, false, 0, 0, 0.0),
            ("'a'", true, true, true, 97, 97, 97.0),
            ("'\\n'", true, true, true, 10, 10, 10.0),
            ("'\\\\'", true, true, true, 92, 92, 92.0),
            ("'\\''", true, true, true, 39, 39, 39.0),
            ("'\\xFF'", true, true, true, 255, 255, 255.0),
            ("'パ'", true, true, true, 0x30d1, 0x30d1, 0x30d1 as f64),
            ("'\\u30d1'", true, true, true, 0x30d1, 0x30d1, 0x30d1 as f64),
            (
                "'\\U000030d1'",
                true,
                true,
                true,
                0x30d1,
                0x30d1,
                0x30d1 as f64,
            ),
            (
                "0x7FFFFFFFFFFFFFFF",
                true,
                true,
                true,
                i64::MAX,
                i64::MAX as u64,
                i64::MAX as f64,
            ),
            (
                "0x8000000000000000",
                false,
                true,
                true,
                0,
                1 << 63,
                (1u64 << 63) as f64,
            ),
            (
                "0xFFFFFFFFFFFFFFFF",
                false,
                true,
                true,
                0,
                u64::MAX,
                u64::MAX as f64,
            ),
            (
                "-0x8000000000000000",
                true,
                false,
                true,
                i64::MIN,
                0,
                i64::MIN as f64,
            ),
        ];
        for &(text, is_int, is_uint, is_float, i, u, f) in cases {
            let n = new_number(0, text, text.starts_with('\''), false).expect(text);
            assert_eq!(
                (n.is_int, n.is_uint, n.is_float),
                (is_int, is_uint, is_float),
                "{text}"
            );
            if is_int {
                assert_eq!(n.int64, i, "{text}");
            }
            if is_uint {
                assert_eq!(n.uint64, u, "{text}");
            }
            if is_float {
                assert_eq!(n.float64, f, "{text}");
            }
        }
        for bad in ["0x", "1__2", "_12", "12_", "0xg", "08", "0x1.5"] {
            assert!(new_number(0, bad, false, false).is_err(), "{bad}");
        }
        assert_eq!(
            new_number(0, "99999999999999999999", false, false).unwrap_err(),
            "integer overflow: \"99999999999999999999\""
        );
        let c = new_number(0, "1+2i", false, true).expect("complex");
        assert!(c.is_complex && !c.is_float);
        assert_eq!(c.complex, (1.0, 2.0));
    }

    #[test]
    fn go_unquote() {
        assert_eq!(
            unquote(r#""a\tb\x41\101\u00e9\U0001F600""#).unwrap(),
            "a\tbAAé😀"
        );
        assert_eq!(unquote("`a\\n\r`").unwrap(), "a\\n");
        assert!(unquote(r#""\'""#).is_err());
        assert!(unquote(r#""\q""#).is_err());
        assert!(unquote(r#""\400""#).is_err());
        assert!(unquote(r#""\ud800""#).is_err());
    }
}
