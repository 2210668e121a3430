//! sprigin's conversion functions (sprout v1.0.3 `conversion` registry with the sprig aliases
//! `int`, `atoi`, `int64`, `float64`, `toDecimal`): spf13/cast 1.10 rules, a failed conversion
//! gives the zero value of the result type. `toDate`, `toLocalDate` and `toDuration` live with
//! the time functions.

use super::args::{self, Wrapped, arity};
use super::cast;
use crate::template::{FuncMap, Value};

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    let entries: &[(&'static str, crate::template::NativeFn)] = &[
        ("toBool", w_to_bool),
        ("toInt", w_to_int),
        ("int", w_to_int),
        ("atoi", w_to_int),
        ("toInt64", w_to_int64),
        ("int64", w_to_int64),
        ("toUint", w_to_uint),
        ("toUint64", w_to_uint64),
        ("toFloat64", w_to_float64),
        ("float64", w_to_float64),
        ("toOctal", w_to_octal),
        ("toDecimal", w_to_octal),
        ("toString", w_to_string),
    ];
    for (name, call) in entries {
        map.insert(args::wrapped(name, *call));
    }
}

fn convert<T>(
    a: &[Value],
    f: fn(&Value) -> Result<T, String>,
    make: fn(T) -> Value,
    zero: Value,
) -> Wrapped {
    arity(a, 1)?;
    f(&a[0]).map(make).map_err(|e| args::Swallow::with(zero, e))
}

fn to_bool(a: &[Value]) -> Wrapped {
    convert(a, cast::to_bool, Value::Bool, Value::Bool(false))
}
wrap!(w_to_bool, to_bool);

fn to_int(a: &[Value]) -> Wrapped {
    convert(a, cast::to_int64, Value::Int, Value::Int(0))
}
wrap!(w_to_int, to_int);

fn to_int64(a: &[Value]) -> Wrapped {
    convert(a, cast::to_int64, Value::Int64, Value::Int64(0))
}
wrap!(w_to_int64, to_int64);

fn to_uint(a: &[Value]) -> Wrapped {
    convert(a, cast::to_uint64, Value::Uint, Value::Uint(0))
}
wrap!(w_to_uint, to_uint);

fn to_uint64(a: &[Value]) -> Wrapped {
    convert(a, cast::to_uint64, Value::Uint64, Value::Uint64(0))
}
wrap!(w_to_uint64, to_uint64);

fn to_float64(a: &[Value]) -> Wrapped {
    convert(a, cast::to_float64, Value::Float, Value::Float(0.0))
}
wrap!(w_to_float64, to_float64);

/// `strconv.ParseInt(s, 8, 64)`: optional sign, octal digits only.
fn parse_octal(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() || !body.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return None;
    }
    let mag = u64::from_str_radix(body, 8).ok()?;
    if neg {
        (mag <= 1u64 << 63).then(|| (mag as i64).wrapping_neg())
    } else {
        i64::try_from(mag).ok()
    }
}

/// `toOctal` / `toDecimal`: the value's `fmt.Sprint` text read as an octal number (`"777"` →
/// 511, `1e6` → `"1e+06"` → 0); failures give int64 0.
fn to_octal(a: &[Value]) -> Wrapped {
    arity(a, 1)?;
    // sprout: strconv.ParseInt(fmt.Sprint(v), 8, 64).
    let text = match &a[0] {
        Value::String(s) => s.to_string(),
        other => cast::sprint(other),
    };
    parse_octal(&text).map(Value::Int64).ok_or_else(|| {
        args::Swallow::with(Value::Int64(0), format!("parsing {text:?}: invalid syntax"))
    })
}
wrap!(w_to_octal, to_octal);

/// `toString`: `fmt.Sprint`-style text (`nil` → `<nil>`, floats `%v`).
fn to_string(a: &[Value]) -> Wrapped {
    arity(a, 1)?;
    Ok(match &a[0] {
        Value::String(s) => Value::String(s.clone()),
        other => Value::from(cast::sprint(other)),
    })
}
wrap!(w_to_string, to_string);

#[cfg(test)]
mod tests {
    use crate::sprig::test_engine::{check, check_types};

    /// Measured (`conv-*`, `conv2-*`, `toString-kinds`, `strnon-toString`).
    #[test]
    fn int_int64_float64_atoi_to_string() {
        for (arg, int, float, text) in [
            ("\"42\"", "42", "42", "42"),
            ("\"08\"", "0", "8", "08"),
            ("\"010\"", "8", "10", "010"),
            ("3.7", "3", "3.7", "3.7"),
            ("true", "1", "1", "true"),
            ("\"abc\"", "0", "0", "abc"),
            (
                ".i64max",
                "9223372036854775807",
                "9.223372036854776e+18",
                "9223372036854775807",
            ),
            ("\"\"", "0", "0", ""),
            ("\"-5\"", "-5", "-5", "-5"),
        ] {
            check(&[
                (&format!("int {arg}"), int),
                (&format!("int64 {arg}"), int),
                (&format!("atoi {arg}"), int),
                (&format!("float64 {arg}"), float),
                (&format!("toString {arg}"), text),
            ]);
        }
        check(&[
            ("int \"0x1F\"", "31"),
            ("int \"1_000\"", "1000"),
            ("int \" 42 \"", "0"),
            ("float64 \"0x10\"", "0"),
            ("int .l", "0"),
            ("int nil", "0"),
            ("int .big", "-9223372036854775808"),
            ("int", "<no value>"),
        ]);
        check_types(&[
            ("int \"3\"", "int"),
            ("int64 \"3\"", "int64"),
            ("toInt \"x\"", "int"),
            ("float64 1", "float64"),
            ("toUint 1", "uint"),
            ("toUint64 1", "uint64"),
            ("toOctal \"7\"", "int64"),
        ]);
    }

    #[test]
    fn to_bool_uint_octal() {
        for (arg, int, b, uint, float, octal) in [
            ("\"3.7\"", "3", "false", "3", "3.7", "0"),
            ("\"yes\"", "0", "false", "0", "0", "0"),
            ("1", "1", "true", "1", "1", "1"),
            ("nil", "0", "false", "0", "0", "0"),
            ("2.5", "2", "true", "2", "2.5", "0"),
        ] {
            check(&[
                (&format!("toInt {arg}"), int),
                (&format!("toBool {arg}"), b),
                (&format!("toUint {arg}"), uint),
                (&format!("toInt64 {arg}"), int),
                (&format!("toFloat64 {arg}"), float),
                (&format!("toOctal {arg}"), octal),
                (&format!("toDecimal {arg}"), octal),
            ]);
        }
        check(&[
            ("toOctal \"777\"", "511"),
            ("toOctal \"8\"", "0"),
            ("toOctal 1000000.0", "0"),
            ("toOctal 7.0", "7"),
            ("toBool \"true\"", "true"),
            ("toBool \"T\"", "true"),
            ("toUint -1", "0"),
            ("toUint64 \"-1\"", "0"),
        ]);
    }

    #[test]
    fn to_string_prints_like_fmt() {
        check(&[
            ("toString .n", "3"),
            ("toString .f", "1.5"),
            ("toString .ff", "2"),
            ("toString .t", "true"),
            ("toString .nil", "<nil>"),
            ("toString .missing", "<nil>"),
            ("toString .l", "[b a c a]"),
            ("toString .m", "map[a:1 b:2 c:3]"),
            ("toString .el", "[]"),
            ("toString .em", "map[]"),
            ("toString .big", "1e+21"),
            ("toString .mixed", "[1 a <nil> true 2.5]"),
        ]);
    }
}
