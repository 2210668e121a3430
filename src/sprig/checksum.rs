//! sprigin's checksum family: hex digests of a string (`sha1sum`, `sha256sum`, `sha512Sum`,
//! `md5sum`) and `adler32sum`, which prints the checksum as a decimal number.

use std::fmt::Write;

use sha1::Digest;

use crate::template::{CallCtx, FuncError, FuncMap, Value};

use super::args::{self, Wrapped, finish, wrapped};

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// zlib's Adler-32 (Go's `hash/adler32.Checksum`).
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

fn digest(ctx: &mut CallCtx<'_>, a: &[Value], f: fn(&[u8]) -> String) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 1)
        .and_then(|()| args::string_at(a, 0))
        .map(|s| Value::from(f(s.as_bytes())));
    finish(ctx, out)
}

fn sha1sum(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    digest(ctx, a, |b| hex(&sha1::Sha1::digest(b)))
}

fn sha256sum(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    digest(ctx, a, |b| hex(&sha2::Sha256::digest(b)))
}

fn sha512sum(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    digest(ctx, a, |b| hex(&sha2::Sha512::digest(b)))
}

fn md5sum(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    digest(ctx, a, |b| hex(&md5::Md5::digest(b)))
}

fn adler32sum(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    digest(ctx, a, |b| adler32(b).to_string())
}

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    for name in ["sha1sum", "sha1Sum"] {
        map.insert(wrapped(name, sha1sum));
    }
    for name in ["sha256sum", "sha256Sum"] {
        map.insert(wrapped(name, sha256sum));
    }
    map.insert(wrapped("sha512Sum", sha512sum));
    for name in ["md5sum", "md5Sum"] {
        map.insert(wrapped(name, md5sum));
    }
    for name in ["adler32sum", "adler32Sum"] {
        map.insert(wrapped(name, adler32sum));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_engine::{call, s};
    use crate::template::Value;

    fn run(name: &str, v: Value) -> String {
        call(name, &[v]).0.to_template_string()
    }

    #[test]
    fn sha_family() {
        // Expected values from the Go oracle (sprig's sha1sum/sha256sum/adler32sum agree).
        for n in ["sha1sum", "sha1Sum"] {
            assert_eq!(
                run(n, s("hello")),
                "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"
            );
            assert_eq!(
                run(n, Value::Nil),
                "da39a3ee5e6b4b0d3255bfef95601890afd80709"
            );
        }
        for n in ["sha256sum", "sha256Sum"] {
            assert_eq!(
                run(n, s("hello")),
                "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
            );
            // sprigin.md: sha256sum nil = hash of "".
            assert_eq!(
                run(n, Value::Nil),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
            );
        }
        assert_eq!(
            run("sha512Sum", s("hello")),
            "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043"
        );
        assert_eq!(run("sha256sum", Value::Int64(3)), "<no value>");
    }

    #[test]
    fn md5_and_adler() {
        for n in ["md5sum", "md5Sum"] {
            assert_eq!(run(n, s("hello")), "5d41402abc4b2a76b9719d911017c592");
            assert_eq!(run(n, s("")), "d41d8cd98f00b204e9800998ecf8427e");
        }
        for n in ["adler32sum", "adler32Sum"] {
            assert_eq!(run(n, s("hello")), "103547413");
            assert_eq!(run(n, s("")), "1");
        }
        assert_eq!(call("adler32sum", &[]).0.to_template_string(), "<no value>");
    }
}
