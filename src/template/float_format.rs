//! Go's shortest float formatting (`strconv.FormatFloat(f, 'g' | 'f', -1, 64)`), shared by the
//! engine's `%v` printing and the encoders of the function library (JSON, YAML).

use std::fmt::Write;

/// The sign, the shortest round-trip decimal digits and the decimal exponent of the first digit.
///
/// When two shortest candidates are equally close to the value (an exact tie), Go's `strconv`
/// picks the even last digit; Rust's shortest formatting may not, so the digits are re-rounded
/// to the same length with ties-to-even, which round-trips whenever the shortest does.
pub fn shortest(f: f64) -> (bool, String, i32) {
    let first = format!("{f:e}");
    let n = first
        .split('e')
        .next()
        .map_or(1, |m| m.chars().filter(char::is_ascii_digit).count());
    let even = format!("{:.*e}", n.saturating_sub(1), f);
    let sci = if even.parse::<f64>() == Ok(f) {
        even
    } else {
        first
    };
    let (mantissa, exp) = match sci.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (sci.as_str(), 0),
    };
    let neg = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    (neg, digits, exp)
}

/// `strconv.FormatFloat(f, 'g', -1, 64)` (what `%v` and yaml.v3 print): exponent form below
/// 1e-4 and from 1e6 on (`1e+06`, `1e-05`), `+Inf`, `-Inf`, `NaN`.
pub fn format_g(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.into();
    }
    let (_, _, exp) = shortest(f);
    if (-4..6).contains(&exp) {
        return format_f(f);
    }
    format_e(f)
}

/// `strconv.FormatFloat(f, 'e', -1, 64)` of a finite, non-zero `f`: the shortest digits as
/// `d.ddde±XX`, with at least two exponent digits (`1e+06`, `1.5e-07`).
pub fn format_e(f: f64) -> String {
    let (neg, digits, exp) = shortest(f);
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    s.push_str(&digits[..1]);
    if digits.len() > 1 {
        s.push('.');
        s.push_str(&digits[1..]);
    }
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        s.push('0');
    }
    let _ = write!(s, "{e}");
    s
}

/// `strconv.FormatFloat(f, 'f', -1, 64)`.
pub fn format_f(f: f64) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.into();
    }
    let (neg, digits, exp) = shortest(f);
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if exp < 0 {
        s.push_str("0.");
        for _ in 0..(-exp - 1) {
            s.push('0');
        }
        s.push_str(&digits);
    } else {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            s.push_str(&digits);
            for _ in digits.len()..int_len {
                s.push('0');
            }
        } else {
            s.push_str(&digits[..int_len]);
            s.push('.');
            s.push_str(&digits[int_len..]);
        }
    }
    s
}
