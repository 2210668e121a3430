//! spf13/cast 1.10 conversions as sprout uses them (`cast.ToInt64E`, `ToFloat64E`, `ToBoolE`,
//! `ToStringE`, …), plus the Go conversions they rest on: `strconv.ParseInt(s, 0, 64)` with
//! cast's `trimDecimal`, `strconv.ParseFloat`, and amd64's float→int64 conversion (out of range
//! or NaN gives the minimum int64).

use crate::template::Value;

/// Go's `int64(f)` on amd64: truncation toward zero; NaN and out-of-range values give
/// `math.MinInt64` (the CVTTSD2SI "integer indefinite" value).
/// 2^63 as a float64.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

pub(crate) fn float_to_i64(f: f64) -> i64 {
    if f.is_nan() || !(-TWO_POW_63..TWO_POW_63).contains(&f) {
        i64::MIN
    } else {
        f.trunc() as i64
    }
}

/// Go's `uint64(f)` on amd64 for the values sprout can produce: negative values wrap through
/// int64, huge ones follow the compiler's subtract-2^63 sequence.
pub(crate) fn float_to_u64(f: f64) -> u64 {
    if f < TWO_POW_63 {
        float_to_i64(f) as u64
    } else {
        let v = float_to_i64(f - TWO_POW_63) as u64;
        v | (1u64 << 63)
    }
}

/// cast's `trimDecimal`: `"3.7"` → `"3"`, `".5"` → `"0"`, `"-.5"` → `"-0"`, anything not
/// matching `^[-+]?\d*(\.\d*)?$` unchanged.
fn trim_decimal(s: &str) -> &str {
    let Some(dot) = s.find('.') else { return s };
    let (int_part, frac) = s.split_at(dot);
    let digits = int_part.strip_prefix(['-', '+']).unwrap_or(int_part);
    let frac_ok = frac[1..].bytes().all(|b| b.is_ascii_digit());
    if !frac_ok || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return s;
    }
    match int_part {
        "" => "0",
        "-" => "-0",
        "+" => "+0",
        other => other,
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)`: optional sign, base prefix `0x`/`0o`/`0b`/`0` (octal),
/// underscores per Go's `underscoreOK`. `None` on any error (overflow too). The template
/// lexer's parser (number literals follow the same strconv rules).
pub(crate) fn parse_go_int(s: &str) -> Option<i64> {
    crate::template::literal::parse_int(s)
}

/// Go's `strconv.ParseUint(s, 0, 64)` (no sign accepted).
pub(crate) fn parse_go_uint(s: &str) -> Option<u64> {
    crate::template::literal::parse_uint(s)
}

/// Go's `strconv.ParseFloat(s, 64)`: `inf`/`infinity`/`nan` in any case with an optional sign
/// (which template literals never spell), else the template lexer's parser: decimal or hex
/// (`0x1p-2`) mantissa, underscores where Go allows them, out-of-range values an error.
pub(crate) fn parse_go_float(s: &str) -> Option<f64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..).unwrap_or("")),
        Some(b'+') => (false, s.get(1..).unwrap_or("")),
        _ => (false, s),
    };
    let special = match body.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    match special {
        Some(v) => Some(if neg { -v } else { v }),
        None => crate::template::literal::parse_float(s),
    }
}

/// The Go integer-kind objects spf13/cast 1.10 reads as numbers: `time.Month` and
/// `time.Weekday` (cases of its `toNumber` switch), a `uint8` (a byte from `index` on a string,
/// a builtin type), and since cast 1.9 any other named type of a basic kind through
/// `resolveAlias` (reflect: a named type → its underlying basic value), which covers
/// `time.Duration` (`int64 $d` = nanoseconds, `add $d 1` = `$d` + 1ns). The Masterminds sprig
/// oracle runs cast 1.5, which has no `resolveAlias` and reads a Duration as 0 there.
fn cast_int_kind(v: &Value) -> Option<i64> {
    match v {
        Value::Object(o) => o.int_value(),
        _ => None,
    }
}

/// `cast.ToInt64E` (also `ToIntE`: Go `int` is 64 bits here).
pub(crate) fn to_int64(v: &Value) -> Result<i64, String> {
    if let Some(n) = cast_int_kind(v) {
        return Ok(n);
    }
    match v {
        Value::Nil => Ok(0),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Int(i) | Value::Int64(i) => Ok(*i),
        Value::Uint(u) | Value::Uint64(u) => Ok(*u as i64),
        Value::Float(f) => Ok(float_to_i64(*f)),
        Value::String(s) if s.is_empty() => Ok(0),
        Value::String(s) => parse_go_int(trim_decimal(s))
            .ok_or_else(|| format!("unable to cast {s:?} of type string to int64")),
        other => Err(format!(
            "unable to cast {} of type {} to int64",
            sprint(other),
            other.type_name()
        )),
    }
}

/// `cast.ToUint64E`: negative numbers are an error.
pub(crate) fn to_uint64(v: &Value) -> Result<u64, String> {
    let negative = || "unable to cast negative value".to_string();
    if let Some(n) = cast_int_kind(v) {
        return u64::try_from(n).map_err(|_| negative());
    }
    match v {
        Value::Nil => Ok(0),
        Value::Bool(b) => Ok(u64::from(*b)),
        Value::Int(i) | Value::Int64(i) => u64::try_from(*i).map_err(|_| negative()),
        Value::Uint(u) | Value::Uint64(u) => Ok(*u),
        Value::Float(f) if *f < 0.0 => Err(negative()),
        Value::Float(f) => Ok(float_to_u64(*f)),
        Value::String(s) if s.is_empty() => Ok(0),
        Value::String(s) => parse_go_uint(trim_decimal(s).trim_start_matches('+'))
            .ok_or_else(|| format!("unable to cast {s:?} of type string to uint64")),
        other => Err(format!(
            "unable to cast {} of type {} to uint64",
            sprint(other),
            other.type_name()
        )),
    }
}

/// `cast.ToFloat64E`.
pub(crate) fn to_float64(v: &Value) -> Result<f64, String> {
    if let Some(n) = cast_int_kind(v) {
        return Ok(n as f64);
    }
    match v {
        Value::Nil => Ok(0.0),
        Value::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
        Value::Int(i) | Value::Int64(i) => Ok(*i as f64),
        Value::Uint(u) | Value::Uint64(u) => Ok(*u as f64),
        Value::Float(f) => Ok(*f),
        Value::String(s) if s.is_empty() => Ok(0.0),
        Value::String(s) => parse_go_float(s)
            .ok_or_else(|| format!("unable to cast {s:?} of type string to float64")),
        other => Err(format!(
            "unable to cast {} of type {} to float64",
            sprint(other),
            other.type_name()
        )),
    }
}

/// `cast.ToBoolE`: numbers are true when non-zero, strings go through `strconv.ParseBool`.
pub(crate) fn to_bool(v: &Value) -> Result<bool, String> {
    match v {
        Value::Nil => Ok(false),
        Value::Bool(b) => Ok(*b),
        Value::Int(i) | Value::Int64(i) => Ok(*i != 0),
        Value::Uint(u) | Value::Uint64(u) => Ok(*u != 0),
        Value::Float(f) => Ok(*f != 0.0),
        Value::String(s) => match &**s {
            "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
            "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
            _ => Err(format!("unable to cast {s:?} of type string to bool")),
        },
        other => Err(format!(
            "unable to cast {} of type {} to bool",
            sprint(other),
            other.type_name()
        )),
    }
}

/// `cast.ToStringE`: scalars (floats in `'f'` format, nil → `""`) and `fmt.Stringer`s; lists
/// and maps are an error.
pub(crate) fn to_string(v: &Value) -> Result<String, String> {
    match v {
        Value::Nil => Ok(String::new()),
        Value::String(s) => Ok(s.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Int(i) | Value::Int64(i) => Ok(i.to_string()),
        Value::Uint(u) | Value::Uint64(u) => Ok(u.to_string()),
        Value::Float(f) => Ok(format_float_f(*f)),
        Value::List(items, crate::template::ListKind::Byte) => {
            let bytes: Vec<u8> = items
                .iter()
                .map(|b| match b {
                    Value::Int(i) | Value::Int64(i) => *i as u8,
                    Value::Uint(u) | Value::Uint64(u) => *u as u8,
                    _ => 0,
                })
                .collect();
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
        // time.Time, time.Duration, *semver.Version … are fmt.Stringers; a nil pointer is "".
        Value::Object(o) if o.is_nil() => Ok(String::new()),
        Value::Object(o) => {
            let mut out = String::new();
            o.write_v(&mut out, false);
            Ok(out)
        }
        other => Err(format!(
            "unable to cast {} of type {} to string",
            sprint(other),
            other.type_name()
        )),
    }
}

/// `strconv.FormatFloat(f, 'f', -1, 64)`: shortest round-trip digits, never an exponent.
pub(crate) fn format_float_f(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    // Rust's Display for f64 is the shortest round-trip representation without exponent.
    let s = format!("{f}");
    if s == "-0" { "-0".into() } else { s }
}

/// Go's `fmt.Sprint(v)` / `%v` of one value (nil → `<nil>`).
pub(crate) fn sprint(v: &Value) -> String {
    let mut out = String::new();
    v.write_v(&mut out, false);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Value {
        Value::from(x)
    }

    #[test]
    fn string_to_int_follows_cast_1_10() {
        // sprigin.md: "3.7" → 3, "0x1F" → 31, "010" → 8, "08" → 0, "1_000" → 1000, " 42 " → 0.
        let cases = [
            ("3.7", Ok(3)),
            ("0x1F", Ok(31)),
            ("010", Ok(8)),
            ("1_000", Ok(1000)),
            ("-5", Ok(-5)),
            ("", Ok(0)),
        ];
        for (input, want) in cases {
            assert_eq!(to_int64(&s(input)).map_err(|_| ()), want, "{input}");
        }
        for bad in ["08", " 42 ", "abc", "1e3", "yes"] {
            assert!(to_int64(&s(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn floats_out_of_range_become_min_int64() {
        assert_eq!(to_int64(&Value::Float(1e21)), Ok(i64::MIN));
        assert_eq!(float_to_i64(f64::NAN), i64::MIN);
        assert_eq!(float_to_i64(f64::INFINITY), i64::MIN);
        assert_eq!(float_to_i64(-3.7), -3);
    }

    #[test]
    fn float_strings_and_kinds() {
        assert_eq!(to_float64(&s("08")), Ok(8.0));
        assert_eq!(to_float64(&s("010")), Ok(10.0));
        assert!(to_float64(&s("0x10")).is_err());
        assert_eq!(to_float64(&s("1_000")), Ok(1000.0));
        assert_eq!(to_float64(&Value::Bool(true)), Ok(1.0));
        assert!(to_float64(&Value::list(vec![])).is_err());
    }

    /// Goldens from Go's strconv and amd64 conversions (computed with the oracle's toolchain).
    #[test]
    fn go_strconv_goldens() {
        let ints = [
            ("0x1F", Some(31)),
            ("010", Some(8)),
            ("08", None),
            ("1_000", Some(1000)),
            ("_1", None),
            ("1__0", None),
            ("0_7", Some(7)),
            ("0x_1F", Some(31)),
            ("0b101", Some(5)),
            ("0o17", Some(15)),
            ("-0x10", Some(-16)),
            ("+5", Some(5)),
            ("9223372036854775807", Some(i64::MAX)),
            ("9223372036854775808", None),
            ("-9223372036854775808", Some(i64::MIN)),
            ("-9223372036854775809", None),
            ("00", Some(0)),
            ("0x", None),
            ("1_", None),
            (" 1", None),
            ("1e3", None),
            ("0X1f", Some(31)),
        ];
        for (s, want) in ints {
            assert_eq!(parse_go_int(s), want, "{s:?}");
        }
        let floats = [
            ("08", Some(8.0)),
            ("0x10", None),
            ("0x10p0", Some(16.0)),
            ("1_000", Some(1000.0)),
            ("1e3", Some(1000.0)),
            (".5", Some(0.5)),
            ("5.", Some(5.0)),
            ("inf", Some(f64::INFINITY)),
            ("+Inf", Some(f64::INFINITY)),
            ("infinity", Some(f64::INFINITY)),
            ("1e400", None),
            ("0x1p-2", Some(0.25)),
            (" 1", None),
        ];
        for (s, want) in floats {
            assert_eq!(parse_go_float(s), want, "{s:?}");
        }
        assert!(parse_go_float("nan").is_some_and(f64::is_nan));
        for (f, want) in [(9.2e18, 9_200_000_000_000_000_000), (-9.3e18, i64::MIN)] {
            assert_eq!(float_to_i64(f), want);
        }
        for (f, want) in [
            (-1.0, u64::MAX),
            (1.8e19, 18_000_000_000_000_000_000),
            (1e20, 9_223_372_036_854_775_808),
            (3.5, 3),
        ] {
            assert_eq!(float_to_u64(f), want, "{f}");
        }
    }

    #[test]
    fn bools_and_uints() {
        assert_eq!(to_bool(&s("3.7")).ok(), None);
        assert_eq!(to_bool(&Value::Float(2.5)), Ok(true));
        assert_eq!(to_uint64(&s("3.7")), Ok(3));
        assert!(to_uint64(&Value::Int64(-1)).is_err());
        assert_eq!(format_float_f(1e21), "1000000000000000000000");
    }
}
