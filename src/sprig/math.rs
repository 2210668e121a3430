//! sprigin's numeric functions (sprout v1.0.3 `numeric` registry and the sprig aliases `addf`,
//! `add1f`, `subf`, `biggest`), plus `until`/`untilStep`.
//!
//! sprout computes in float64 and converts the result back to the Go type of the *first*
//! argument (`reflect.Value.Convert`): a string, bool or nil first argument makes that
//! conversion panic (→ nil), an argument `cast.ToFloat64E` cannot read makes the result
//! float64 0. `mul` and `div` always give int64, `mod` uses `math.Mod`.

use std::rc::Rc;

use super::args::{self, Swallow, Wrapped, arity, arity_at_least, int_at};
use super::cast::{self, float_to_i64, float_to_u64};
use super::strings::until_step;
use crate::template::{FuncMap, ListKind, Value};

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    let entries: &[(&'static str, crate::template::NativeFn)] = &[
        ("add", w_add),
        ("addf", w_add),
        ("add1", w_add1),
        ("add1f", w_add1),
        ("sub", w_sub),
        ("subf", w_sub),
        ("mul", w_mul),
        ("mulf", w_mulf),
        ("div", w_div),
        ("divf", w_divf),
        ("mod", w_mod),
        ("min", w_min),
        ("max", w_max),
        ("biggest", w_max),
        ("minf", w_minf),
        ("maxf", w_maxf),
        ("floor", w_floor),
        ("ceil", w_ceil),
        ("round", w_round),
        ("until", w_until),
        ("untilStep", w_until_step),
    ];
    for (name, call) in entries {
        map.insert(args::wrapped(name, *call));
    }
}

/// `reflect.ValueOf(f).Convert(reflect.TypeOf(first))`.
fn convert_back(f: f64, first: &Value) -> Wrapped {
    match first {
        Value::Int(_) => Ok(Value::Int(float_to_i64(f))),
        Value::Int64(_) => Ok(Value::Int64(float_to_i64(f))),
        Value::Uint(_) => Ok(Value::Uint(float_to_u64(f))),
        Value::Uint64(_) => Ok(Value::Uint64(float_to_u64(f))),
        Value::Float(_) => Ok(Value::Float(f)),
        // A Go integer-kind object (a uint8 byte, time.Month, …) converts to its own type.
        Value::Object(o) if o.int_value().is_some() && o.with_int(0).is_some() => o
            .with_int(float_to_i64(f))
            .ok_or_else(|| Swallow::nil("reflect.Value.Convert: not an integer type")),
        Value::Nil => Err(Swallow::nil(
            "recovered from a panic: reflect: call of reflect.Value.Convert on zero Value",
        )),
        other => Err(Swallow::nil(format!(
            "recovered from a panic: reflect.Value.Convert: value of type float64 cannot be \
             converted to type {}",
            other.type_name()
        ))),
    }
}

/// sprout's `operateNumeric`.
fn operate(values: &[Value], op: fn(f64, f64) -> f64, initial: Value) -> Wrapped {
    let Some(first) = values.first() else {
        return Ok(initial);
    };
    let conv = |v: &Value| cast::to_float64(v).map_err(|e| Swallow::with(Value::Float(0.0), e));
    let mut acc = conv(first)?;
    for v in &values[1..] {
        acc = op(acc, conv(v)?);
    }
    convert_back(acc, first)
}

fn add(a: &[Value]) -> Wrapped {
    operate(a, |x, y| x + y, Value::Float(0.0))
}
wrap!(w_add, add);

fn sub(a: &[Value]) -> Wrapped {
    operate(a, |x, y| x - y, Value::Float(0.0))
}
wrap!(w_sub, sub);

fn mulf(a: &[Value]) -> Wrapped {
    operate(a, |x, y| x * y, Value::Float(1.0))
}
wrap!(w_mulf, mulf);

/// `cast.ToInt64` of an operation result (an error there gives 0).
fn result_to_int64(v: Value) -> Value {
    Value::Int64(cast::to_int64(&v).unwrap_or(0))
}

fn mul(a: &[Value]) -> Wrapped {
    match operate(a, |x, y| x * y, Value::Int(1)) {
        Ok(v) => Ok(result_to_int64(v)),
        Err(s) if matches!(s.result, Value::Nil) => Err(s),
        Err(s) => Err(Swallow::with(Value::Int64(0), s.message)),
    }
}
wrap!(w_mul, mul);

fn divf(a: &[Value]) -> Wrapped {
    if let Some(first) = a.first()
        && !matches!(first, Value::Float(_))
    {
        let mut v = a.to_vec();
        v[0] = Value::Float(cast::to_float64(first).unwrap_or(0.0));
        return operate(&v, |x, y| x / y, Value::Float(0.0));
    }
    operate(a, |x, y| x / y, Value::Float(0.0))
}
wrap!(w_divf, divf);

fn div(a: &[Value]) -> Wrapped {
    match divf(a) {
        Ok(v) => Ok(result_to_int64(v)),
        Err(s) if matches!(s.result, Value::Nil) => Err(s),
        Err(s) => Err(Swallow::with(Value::Int64(0), s.message)),
    }
}
wrap!(w_div, div);

fn modulo(a: &[Value]) -> Wrapped {
    arity(a, 2)?;
    let x = cast::to_float64(&a[0]).map_err(|e| Swallow::with(Value::Int(0), e))?;
    let y = cast::to_float64(&a[1]).map_err(|e| Swallow::with(Value::Int(0), e))?;
    convert_back(x % y, &a[0])
}
wrap!(w_mod, modulo);

/// `add1`: 1 converted to the argument's type (a string gets "\x01"), then `add`.
fn add1(a: &[Value]) -> Wrapped {
    arity(a, 1)?;
    let one = match &a[0] {
        Value::Int(_) => Value::Int(1),
        Value::Int64(_) => Value::Int64(1),
        Value::Uint(_) => Value::Uint(1),
        Value::Uint64(_) => Value::Uint64(1),
        Value::Float(_) => Value::Float(1.0),
        Value::Object(o) if o.int_value().is_some() => Value::Int(1),
        Value::String(_) => Value::from("\u{1}"),
        Value::Nil => {
            return Err(Swallow::nil(
                "recovered from a panic: reflect: Convert of 1 to a nil type",
            ));
        }
        other => {
            return Err(Swallow::nil(format!(
                "recovered from a panic: reflect.Value.Convert: value of type int cannot be \
                 converted to type {}",
                other.type_name()
            )));
        }
    };
    add(&[a[0].clone(), one])
}
wrap!(w_add1, add1);

fn fold_int(a: &[Value], pick: fn(i64, i64) -> i64) -> Wrapped {
    arity_at_least(a, 1)?;
    let conv = |v: &Value| cast::to_int64(v).map_err(|e| Swallow::with(Value::Int64(0), e));
    let mut acc = conv(&a[0])?;
    for v in &a[1..] {
        acc = pick(acc, conv(v)?);
    }
    Ok(Value::Int64(acc))
}

fn min(a: &[Value]) -> Wrapped {
    fold_int(a, |x, y| if y < x { y } else { x })
}
wrap!(w_min, min);

fn max(a: &[Value]) -> Wrapped {
    fold_int(a, |x, y| if y > x { y } else { x })
}
wrap!(w_max, max);

/// Go's `math.Max`/`math.Min` (NaN wins; ±0 ordered).
fn go_max(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == 0.0 && y == 0.0 {
        if x.is_sign_negative() { y } else { x }
    } else if x > y {
        x
    } else {
        y
    }
}

fn go_min(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == 0.0 && y == 0.0 {
        if x.is_sign_negative() { x } else { y }
    } else if x < y {
        x
    } else {
        y
    }
}

fn fold_float(a: &[Value], pick: fn(f64, f64) -> f64) -> Wrapped {
    arity_at_least(a, 1)?;
    let conv = |v: &Value| cast::to_float64(v).map_err(|e| Swallow::with(Value::Float(0.0), e));
    let mut acc = conv(&a[0])?;
    for v in &a[1..] {
        acc = pick(acc, conv(v)?);
    }
    Ok(Value::Float(acc))
}

fn minf(a: &[Value]) -> Wrapped {
    fold_float(a, go_min)
}
wrap!(w_minf, minf);

fn maxf(a: &[Value]) -> Wrapped {
    fold_float(a, go_max)
}
wrap!(w_maxf, maxf);

fn unary_float(a: &[Value], f: fn(f64) -> f64) -> Wrapped {
    arity(a, 1)?;
    let x = cast::to_float64(&a[0]).map_err(|e| Swallow::with(Value::Float(0.0), e))?;
    Ok(Value::Float(f(x)))
}

fn floor(a: &[Value]) -> Wrapped {
    unary_float(a, f64::floor)
}
wrap!(w_floor, floor);

fn ceil(a: &[Value]) -> Wrapped {
    unary_float(a, f64::ceil)
}
wrap!(w_ceil, ceil);

/// Go's `math.Frexp`: `f = frac × 2^exp` with `frac` in [0.5, 1).
fn frexp(f: f64) -> (f64, i64) {
    if f == 0.0 || f.is_nan() || f.is_infinite() {
        return (f, 0);
    }
    let (mut f, mut exp) = (f, 0i64);
    if f.abs() < f64::MIN_POSITIVE {
        f *= (1u64 << 52) as f64;
        exp = -52;
    }
    let bits = f.to_bits();
    exp += ((bits >> 52) & 0x7ff) as i64 - 1022;
    let frac = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (frac, exp)
}

/// Go's `math.Ldexp`: `frac × 2^exp`, rounding once into the subnormal range.
fn ldexp(frac: f64, exp: i64) -> f64 {
    if frac == 0.0 || frac.is_nan() || frac.is_infinite() {
        return frac;
    }
    let (frac, e) = frexp(frac);
    let mut exp = exp.saturating_add(e);
    let bits = frac.to_bits();
    exp += ((bits >> 52) & 0x7ff) as i64 - 1023;
    if exp < -1075 {
        return 0f64.copysign(frac);
    }
    if exp > 1023 {
        return f64::INFINITY.copysign(frac);
    }
    let mut m = 1.0;
    if exp < -1022 {
        exp += 53;
        m = 1.0 / (1u64 << 53) as f64;
    }
    let bits = (bits & !(0x7ff << 52)) | (((exp + 1023) as u64) << 52);
    m * f64::from_bits(bits)
}

/// Go's `math.Pow(10, n)` for an integer `n` (repeated squaring on the Frexp mantissa, as Go
/// does, so `10^-23` and `10^300` round the same way).
fn pow10(n: i64) -> f64 {
    if n == 0 {
        return 1.0;
    }
    let (mut x1, mut xe) = frexp(10.0);
    let (mut a1, mut ae) = (1.0f64, 0i64);
    let mut i = n.unsigned_abs();
    while i != 0 {
        if !(-(1 << 12)..=(1 << 12)).contains(&xe) {
            ae += xe;
            break;
        }
        if i & 1 == 1 {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if x1 < 0.5 {
            x1 += x1;
            xe -= 1;
        }
        i >>= 1;
    }
    if n < 0 {
        a1 = 1.0 / a1;
        ae = -ae;
    }
    ldexp(a1, ae)
}

/// sprout's `round value pow [threshold]`: the signed fractional part of `value·10^pow` is
/// compared with the threshold (0.5), so negative halves round down.
fn round(a: &[Value]) -> Wrapped {
    arity_at_least(a, 2)?;
    let poww = int_at(a, 1)?;
    let mut round_on = 0.5;
    for i in 2..a.len() {
        let f = args::float_at(a, i)?;
        if i == 2 {
            round_on = f;
        }
    }
    let pow = pow10(poww);
    let x = cast::to_float64(&a[0]).map_err(|e| Swallow::with(Value::Float(0.0), e))?;
    let digit = x * pow;
    let frac = digit.fract();
    Ok(Value::Float(if frac >= round_on {
        digit.ceil() / pow
    } else {
        digit.floor() / pow
    }))
}
wrap!(w_round, round);

fn int_list(v: Vec<i64>) -> Value {
    Value::List(
        Rc::new(v.into_iter().map(Value::Int).collect()),
        ListKind::Int,
    )
}

fn until(a: &[Value]) -> Wrapped {
    arity(a, 1)?;
    let n = int_at(a, 0)?;
    let step = if n < 0 { -1 } else { 1 };
    Ok(int_list(until_step(0, n, step)?))
}
wrap!(w_until, until);

fn until_step_fn(a: &[Value]) -> Wrapped {
    arity(a, 3)?;
    let (start, stop, step) = (int_at(a, 0)?, int_at(a, 1)?, int_at(a, 2)?);
    Ok(int_list(until_step(start, stop, step)?))
}
wrap!(w_until_step, until_step_fn);

#[cfg(test)]
mod tests {
    use crate::sprig::test_engine::{check, check_types};

    /// Measured with Capsule's function map (tests/data/sprigin-cases.jsonl, `num-*`).
    #[test]
    fn add_sub_follow_the_first_argument() {
        check(&[
            ("add 3 3", "6"),
            ("add 1.5 3", "4.5"),
            ("add 3 .n", "6"),
            ("add .n .f", "4"),
            ("add 3 \"2\"", "5"),
            ("add \"abc\" 3", "0"),
            ("add nil 3", "<no value>"),
            ("add true 3", "<no value>"),
            ("add .ns 1", "<no value>"),
            ("add 1 .ns", "43"),
            ("sub 3 1.5", "1"),
            ("sub .n 3", "0"),
            ("sub .f .n", "-1.5"),
            ("sub \"2\" 3", "<no value>"),
            ("sub .fs 3", "<no value>"),
            ("sub 3 \"abc\"", "0"),
            ("sub 3 nil", "3"),
            ("sub 1 2", "-1"),
            ("sub .n .f", "1"),
            ("sub 0 .big", "-9223372036854775808"),
            ("addf .n 1.5", "4"),
            ("subf .n 1.5", "1"),
            ("addf \"abc\" 3", "0"),
            ("add 1.0 1", "2"),
            ("add .ff 1", "3"),
        ]);
        check_types(&[
            ("add 3 3", "int"),
            ("add 1.5 3", "float64"),
            ("add .n .f", "int64"),
            ("add \"abc\" 3", "float64"),
            ("add nil 3", "<nil>"),
            ("sub 3 nil", "int"),
            ("addf .n 1.5", "int64"),
            ("subf \"abc\" 3", "float64"),
        ]);
    }

    #[test]
    fn mul_div_mod() {
        check(&[
            ("mul 3 3", "9"),
            ("mul 1.5 3", "4"),
            ("mul 3 .n", "9"),
            ("mul .n .f", "4"),
            ("mul 3 \"2\"", "6"),
            ("mul \"abc\" 3", "0"),
            ("mul nil 3", "<no value>"),
            ("mul true 3", "<no value>"),
            ("mul .ns 2", "<no value>"),
            ("mul 2 .f", "3"),
            ("mul .f 2", "3"),
            ("mulf .n 1.5", "4"),
            ("mulf \"abc\" 3", "0"),
            ("mulf 0.1 3", "0.30000000000000004"),
            ("div 3 1.5", "2"),
            ("div .n 3", "1"),
            ("div .f .n", "0"),
            ("div \"2\" 3", "0"),
            ("div .fs 3", "1"),
            ("div 3 \"abc\"", "0"),
            ("div 3 nil", "-9223372036854775808"),
            ("div 7 2", "3"),
            ("div -7 2", "-3"),
            ("div 7 2.0", "3"),
            ("div 7.5 2", "3"),
            ("div .ns 2", "21"),
            ("div 5 .f", "3"),
            ("div 0 0", "-9223372036854775808"),
            ("divf 7 2", "3.5"),
            ("divf .n 1.5", "2"),
            ("divf \"abc\" 3", "0"),
            ("divf 1 3", "0.3333333333333333"),
            ("divf 1 0", "+Inf"),
            ("mod 3 3", "0"),
            ("mod 1.5 3", "1.5"),
            ("mod 3 .n", "0"),
            ("mod .n .f", "0"),
            ("mod 3 \"2\"", "1"),
            ("mod \"abc\" 3", "0"),
            ("mod nil 3", "<no value>"),
            ("mod true 3", "<no value>"),
            ("mod -7 3", "-1"),
            ("mod 7.5 2", "1.5"),
            ("mod .n 2", "1"),
            ("mod \"7\" 3", "<no value>"),
            ("mod 7 \"3\"", "1"),
            ("mod 5 0", "-9223372036854775808"),
        ]);
        check_types(&[
            ("mul 3 3", "int64"),
            ("mul \"abc\" 3", "int64"),
            ("div 3 1.5", "int64"),
            ("divf .n 1.5", "float64"),
            ("mod 3 3", "int"),
            ("mod 1.5 3", "float64"),
            ("mod .n .f", "int64"),
            ("mod \"abc\" 3", "int"),
        ]);
    }

    #[test]
    fn min_max_and_float_variants() {
        check(&[
            ("max 3 1.5", "3"),
            ("max .n 3", "3"),
            ("max .f .n", "3"),
            ("max \"2\" 3", "3"),
            ("max .fs 3", "3"),
            ("max 3 \"abc\"", "0"),
            ("max 3 nil", "3"),
            ("min 3 3", "3"),
            ("min 1.5 3", "1"),
            ("min .n .f", "1"),
            ("min 3 \"2\"", "2"),
            ("min \"abc\" 3", "0"),
            ("min nil 3", "0"),
            ("min true 3", "1"),
            ("max 1 5 3", "5"),
            ("min 4 2 9", "2"),
            ("max 1.9 1.2", "1"),
            ("min \"3\" 7", "3"),
            ("max 1", "1"),
            ("biggest 2 8", "8"),
            ("max 1.9 2", "2"),
            ("max", "<no value>"),
            ("maxf .n 1.5", "3"),
            ("maxf \"abc\" 3", "0"),
            ("minf .n 1.5", "1.5"),
            ("minf \"abc\" 3", "0"),
        ]);
        check_types(&[
            ("max 3 1.5", "int64"),
            ("min \"abc\" 3", "int64"),
            ("maxf .n 1.5", "float64"),
        ]);
    }

    #[test]
    fn add1_keeps_the_type() {
        check(&[
            ("add1 .n", "4"),
            ("add1 1.5", "2.5"),
            ("add1 \"5\"", "0"),
            ("add1 nil", "<no value>"),
            ("add1 .f", "2.5"),
            ("add1f 1", "2"),
            ("add1 true", "<no value>"),
        ]);
        check_types(&[("add1 .n", "int64"), ("add1 \"5\"", "float64")]);
    }

    #[test]
    fn floor_ceil_round() {
        check(&[
            ("round 3.14159 2", "3.14"),
            ("round 3.14159 0", "3"),
            ("floor 3.14159", "3"),
            ("ceil 3.14159", "4"),
            ("round .f2 2", "2.5"),
            ("round .f2 0", "3"),
            ("floor .f2", "2"),
            ("ceil .f2", "3"),
            ("round \"2.567\" 2", "2.57"),
            ("round \"2.567\" 0", "3"),
            ("floor \"2.567\"", "2"),
            ("ceil \"2.567\"", "3"),
            ("round nil 2", "0"),
            ("floor nil", "0"),
            ("round true 2", "1"),
            ("ceil true", "1"),
            ("round 1.5 .z", "<no value>"),
            ("round 2.5 0", "3"),
            ("round -1.5 0", "-2"),
            ("round -2.5 0", "-3"),
            ("round 1234.5678 -2", "1200"),
            ("floor \"abc\"", "0"),
            ("round 1.25 1 0.6", "1.2"),
            ("round 1.25 1 1", "<no value>"),
        ]);
        check_types(&[("floor 3", "float64"), ("round 2 0", "float64")]);
    }

    /// Goldens from Go's `math.Pow(10, n)` (computed with the oracle's toolchain).
    #[test]
    fn pow10_matches_go() {
        for (n, want) in [
            (-2, 0.01),
            (-1, 0.1),
            (0, 1.0),
            (2, 100.0),
            (22, 1e22),
            (23, 1e23),
            (-22, 1e-22),
            (-23, 1.0000000000000001e-23),
            (300, 1.0000000000000006e300),
            (-400, 0.0),
        ] {
            assert_eq!(super::pow10(n), want, "10^{n}");
        }
    }

    #[test]
    fn until_and_until_step() {
        check(&[
            ("until 3", "[0 1 2]"),
            ("untilStep 0 10 3", "[0 3 6 9]"),
            ("untilStep 5 0 -2", "[5 3 1]"),
            ("until .n", "<no value>"),
            ("until -2", "[0 -1]"),
            ("untilStep 0 10 0", "[]"),
            ("until 0", "[]"),
        ]);
        check_types(&[("until 2", "[]int"), ("untilStep 0 2 1", "[]int")]);
    }
}
