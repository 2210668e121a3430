//! sprigin's random family. Every value comes from `ctx.env.entropy`, so a render with a seeded
//! source is reproducible; the functions are marked non-deterministic for the renderer.

use crate::template::{CallCtx, FuncError, FuncMap, Value};

use super::args::{self, Swallow, Wrapped, finish, wrapped};
use super::base_n;
use super::typed::nondet;

/// A uniform index below `n` (rejection sampling over 64-bit draws).
pub(crate) fn uniform(ctx: &mut CallCtx<'_>, n: u64) -> u64 {
    if n <= 1 {
        return 0;
    }
    let zone = u64::MAX - (u64::MAX % n);
    loop {
        let mut b = [0u8; 8];
        ctx.env.entropy.fill_bytes(&mut b);
        let v = u64::from_le_bytes(b);
        if v < zone {
            return v % n;
        }
    }
}

fn random_string(ctx: &mut CallCtx<'_>, a: &[Value], charset: &[u8]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 1)
        .and_then(|()| args::int_at(a, 0))
        .map(|count| {
            let count = usize::try_from(count).unwrap_or(0).min(1 << 20);
            let s: String = (0..count)
                .map(|_| {
                    let i = uniform(ctx, charset.len() as u64) as usize;
                    char::from(charset.get(i).copied().unwrap_or(b'a'))
                })
                .collect();
            Value::from(s)
        });
    finish(ctx, out)
}

const ALPHA: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const NUM: &[u8] = b"0123456789";

fn ascii() -> Vec<u8> {
    (32u8..=126).collect()
}

fn rand_alpha(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    random_string(ctx, a, ALPHA)
}

fn rand_alpha_num(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    random_string(ctx, a, ALNUM)
}

fn rand_numeric(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    random_string(ctx, a, NUM)
}

fn rand_ascii(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    random_string(ctx, a, &ascii())
}

/// `randBytes n`: n random bytes, base64 encoded.
fn rand_bytes(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 1)
        .and_then(|()| args::int_at(a, 0))
        .map(|n| {
            // sprout returns "" for a count of zero or less.
            let n = usize::try_from(n).unwrap_or(0).min(1 << 20);
            let mut buf = vec![0u8; n];
            ctx.env.entropy.fill_bytes(&mut buf);
            Value::from(base_n::base64_encode(&buf))
        });
    finish(ctx, out)
}

/// `randInt min max`: an `int` in `[min, max)`; an empty range panics in Go (→ nil).
fn rand_int(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 2).and_then(|()| {
        let min = args::int_at(a, 0)?;
        let max = args::int_at(a, 1)?;
        let span = i128::from(max) - i128::from(min);
        if span <= 0 {
            return Err(Swallow::nil("invalid argument to Intn"));
        }
        let r = uniform(ctx, u64::try_from(span).unwrap_or(u64::MAX));
        Ok(Value::Int((i128::from(min) + i128::from(r)) as i64))
    });
    finish(ctx, out)
}

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    map.insert(nondet(wrapped("randAlpha", rand_alpha)));
    map.insert(nondet(wrapped("randAlphaNum", rand_alpha_num)));
    map.insert(nondet(wrapped("randAscii", rand_ascii)));
    map.insert(nondet(wrapped("randNumeric", rand_numeric)));
    map.insert(nondet(wrapped("randBytes", rand_bytes)));
    map.insert(nondet(wrapped("randInt", rand_int)));
}

#[cfg(test)]
mod tests {
    use super::super::test_engine::{call, d};
    use crate::template::Value;

    fn run(name: &str, a: &[Value]) -> String {
        call(name, a).0.to_template_string()
    }

    #[test]
    fn strings_have_the_charset_and_length() {
        let s = run("randAlpha", &[Value::Int(50)]);
        assert!(s.len() == 50 && s.bytes().all(|c| c.is_ascii_alphabetic()));
        let s = run("randAlphaNum", &[Value::Int(40)]);
        assert!(s.len() == 40 && s.bytes().all(|c| c.is_ascii_alphanumeric()));
        let s = run("randNumeric", &[Value::Int(30)]);
        assert!(s.len() == 30 && s.bytes().all(|c| c.is_ascii_digit()));
        let s = run("randAscii", &[Value::Int(30)]);
        assert!(s.len() == 30 && s.bytes().all(|c| (32..=126).contains(&c)));
        assert_eq!(run("randAlpha", &[Value::Int(0)]), "");
        // sprigin.md: an int64 count does not fit the int parameter → nil.
        assert_eq!(run("randAlphaNum", &[d("n")]), "<no value>");
        // Same seed, same output.
        assert_eq!(
            run("randAlpha", &[Value::Int(8)]),
            run("randAlpha", &[Value::Int(8)])
        );
    }

    #[test]
    fn bytes_and_ints() {
        let s = run("randBytes", &[Value::Int(12)]);
        assert_eq!(s.len(), 16);
        assert_eq!(run("randBytes", &[Value::Int(0)]), "");
        let (v, n) = call("randBytes", &[Value::Int(-3)]);
        assert_eq!((v.to_template_string(), n), (String::new(), 0));
        for _ in 0..5 {
            let v = call("randInt", &[Value::Int(3), Value::Int(6)]).0;
            assert!(matches!(v, Value::Int(3..=5)), "{v:?}");
        }
        assert_eq!(
            run("randInt", &[Value::Int(5), Value::Int(5)]),
            "<no value>"
        );
        assert_eq!(run("randInt", &[Value::Int(1)]), "<no value>");
    }
}
