//! sprigin's crypto family.
//!
//! Implemented: `encryptAES`/`decryptAES` (AES-256-CBC with the password zero-padded to 32 bytes,
//! PKCS#7-style padding, a random IV in front, base64: sprig's scheme, with its lack of padding
//! checks), `bcrypt` and `htpasswd` (`$2a$`, cost 10), `derivePassword` (always nil in sprigin:
//! its `uint32` counter parameter cannot receive any template value).
//!
//! Registered but refused with "not supported offline yet: NAME" after sprigin's own argument
//! checks: the certificate and private-key generators (`genPrivateKey`, `genCA`, `genCAWithKey`,
//! `genSelfSignedCert`, `genSelfSignedCertWithKey`, `genSignedCert`, `genSignedCertWithKey`,
//! `buildCustomCert`).
//!
//! Randomness (IVs, salts) comes from `ctx.env.entropy`.

use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};

use crate::template::{CallCtx, FuncError, FuncMap, Value};

use super::args::{self, Swallow, Wrapped, finish, wrapped};
use super::base_n;
use super::typed::nondet;

fn aes_key(password: &str) -> Option<aes::Aes256> {
    let mut key = [0u8; 32];
    let p = password.as_bytes();
    let n = p.len().min(32);
    key[..n].copy_from_slice(&p[..n]);
    aes::Aes256::new_from_slice(&key).ok()
}

/// sprig/sprout `encryptAES` with the IV drawn from `iv`.
pub(crate) fn encrypt_aes(password: &str, plaintext: &str, iv: [u8; 16]) -> String {
    if plaintext.is_empty() {
        return String::new();
    }
    let Some(cipher) = aes_key(password) else {
        return String::new();
    };
    let mut content = plaintext.as_bytes().to_vec();
    let padding = 16 - content.len() % 16;
    content.extend(std::iter::repeat_n(padding as u8, padding));
    let mut out = iv.to_vec();
    let mut prev = iv;
    for chunk in content.chunks(16) {
        let mut block = aes::Block::default();
        for (i, b) in block.iter_mut().enumerate() {
            *b = chunk.get(i).copied().unwrap_or(0) ^ prev[i];
        }
        cipher.encrypt_block(&mut block);
        prev.copy_from_slice(&block);
        out.extend_from_slice(&block);
    }
    base_n::base64_encode(&out)
}

/// The outcome of `decryptAES`: text, a returned error (→ ""), or a Go panic (→ nil).
enum Decrypted {
    Text(String),
    Error(String),
    Panic(String),
}

fn decrypt_aes(password: &str, crypt64: &str) -> Decrypted {
    if crypt64.is_empty() {
        return Decrypted::Text(String::new());
    }
    let crypt = match base_n::base64_decode(crypt64) {
        Ok(c) => c,
        Err(e) => return Decrypted::Error(e),
    };
    let Some(cipher) = aes_key(password) else {
        return Decrypted::Error("crypto/aes: invalid key size".into());
    };
    if crypt.len() < 16 {
        return Decrypted::Panic("runtime error: slice bounds out of range".into());
    }
    let (iv, body) = crypt.split_at(16);
    if body.len() % 16 != 0 {
        return Decrypted::Panic("crypto/cipher: input not full blocks".into());
    }
    let mut prev: Vec<u8> = iv.to_vec();
    let mut plain = Vec::with_capacity(body.len());
    for chunk in body.chunks(16) {
        let mut block = aes::Block::default();
        block.copy_from_slice(chunk);
        cipher.decrypt_block(&mut block);
        for (i, b) in block.iter().enumerate() {
            plain.push(b ^ prev.get(i).copied().unwrap_or(0));
        }
        prev = chunk.to_vec();
    }
    let Some(&last) = plain.last() else {
        return Decrypted::Panic("runtime error: index out of range [-1]".into());
    };
    let Some(end) = plain.len().checked_sub(usize::from(last)) else {
        return Decrypted::Panic("runtime error: slice bounds out of range".into());
    };
    Decrypted::Text(String::from_utf8_lossy(&plain[..end]).into_owned())
}

fn encrypt_aes_fn(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 2).and_then(|()| {
        let password = args::string_at(a, 0)?;
        let plaintext = args::string_at(a, 1)?;
        let mut iv = [0u8; 16];
        if !plaintext.is_empty() {
            ctx.env.entropy.fill_bytes(&mut iv);
        }
        Ok(Value::from(encrypt_aes(&password, &plaintext, iv)))
    });
    finish(ctx, out)
}

fn decrypt_aes_fn(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 2).and_then(|()| {
        let password = args::string_at(a, 0)?;
        let crypt = args::string_at(a, 1)?;
        match decrypt_aes(&password, &crypt) {
            Decrypted::Text(t) => Ok(Value::from(t)),
            Decrypted::Error(e) => Err(Swallow::with(Value::from(""), e)),
            Decrypted::Panic(e) => Err(Swallow::nil(e)),
        }
    });
    finish(ctx, out)
}

/// Go's x/crypto `bcrypt.GenerateFromPassword(input, 10)` with the salt from the entropy source;
/// the error is sprout's (`failed to encrypt string with bcrypt: …`).
fn bcrypt_hash(ctx: &mut CallCtx<'_>, input: &str) -> Result<String, String> {
    if input.len() > 72 {
        return Err(
            "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes".into(),
        );
    }
    let mut salt = [0u8; 16];
    ctx.env.entropy.fill_bytes(&mut salt);
    bcrypt::hash_with_salt(input, 10, salt)
        .map(|parts| parts.format_for_version(bcrypt::Version::TwoA))
        .map_err(|e| format!("failed to encrypt string with bcrypt: {e}"))
}

fn bcrypt_fn(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 1)
        .and_then(|()| args::string_at(a, 0))
        .and_then(|s| {
            bcrypt_hash(ctx, &s)
                .map(Value::from)
                .map_err(|e| Swallow::with(Value::from(""), e))
        });
    finish(ctx, out)
}

/// sprout's `Htpasswd`: `user:bcrypt`; a user name with a colon is an error (→ "").
fn htpasswd(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 2).and_then(|()| {
        let user = args::string_at(a, 0)?;
        let password = args::string_at(a, 1)?;
        if user.contains(':') {
            return Err(Swallow::with(
                Value::from(""),
                format!("invalid username: {user}"),
            ));
        }
        bcrypt_hash(ctx, &password)
            .map(|h| Value::from(format!("{user}:{h}")))
            .map_err(|e| Swallow::with(Value::from(""), e))
    });
    finish(ctx, out)
}

fn derive_password(ctx: &mut CallCtx<'_>, _: &[Value]) -> Result<Value, FuncError> {
    finish(
        ctx,
        Err(Swallow::nil(
            "derivePassword's counter is a uint32 parameter, which no template value can fill",
        )),
    )
}

fn unsupported(ctx: &CallCtx<'_>) -> FuncError {
    FuncError::Call(format!(
        "not supported offline yet: {} (certificate and key generation is not implemented)",
        ctx.name
    ))
}

/// Checks sprigin's argument shape (so the swallowed cases still yield nil), then refuses.
fn refuse_after(ctx: &mut CallCtx<'_>, check: Result<(), Swallow>) -> Result<Value, FuncError> {
    match check {
        Ok(()) => Err(unsupported(ctx)),
        Err(s) => finish(ctx, Err(s)),
    }
}

fn strings_then_int(a: &[Value], strings: usize, ints: usize) -> Result<(), Swallow> {
    args::arity(a, strings + ints)?;
    for i in 0..strings {
        args::string_at(a, i)?;
    }
    for i in strings..strings + ints {
        args::int_at(a, i)?;
    }
    Ok(())
}

fn gen_private_key(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let check = args::arity(a, 1)
        .and_then(|()| args::string_at(a, 0))
        .and_then(|t| match &*t {
            "" | "rsa" | "dsa" | "ecdsa" | "ed25519" => Ok(()),
            other => Err(Swallow::with(
                Value::from(""),
                format!("Unknown type {other}"),
            )),
        });
    refuse_after(ctx, check)
}

fn gen_ca(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    refuse_after(ctx, strings_then_int(a, 1, 1))
}

fn gen_ca_with_key(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let check = args::arity(a, 3).and_then(|()| {
        args::string_at(a, 0)?;
        args::int_at(a, 1)?;
        args::string_at(a, 2)?;
        Ok(())
    });
    refuse_after(ctx, check)
}

fn list_arg(a: &[Value], i: usize) -> Result<(), Swallow> {
    match a.get(i) {
        Some(Value::List(..) | Value::Nil) | None => Ok(()),
        Some(other) => Err(Swallow::nil(format!(
            "argument {} has type {}, the function wants []interface {{}}",
            i + 1,
            other.type_name()
        ))),
    }
}

fn gen_self_signed_cert(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let check = args::arity(a, 4).and_then(|()| {
        args::string_at(a, 0)?;
        list_arg(a, 1)?;
        list_arg(a, 2)?;
        args::int_at(a, 3)?;
        Ok(())
    });
    refuse_after(ctx, check)
}

fn gen_self_signed_cert_with_key(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let check = args::arity(a, 5).and_then(|()| {
        args::string_at(a, 0)?;
        list_arg(a, 1)?;
        list_arg(a, 2)?;
        args::int_at(a, 3)?;
        args::string_at(a, 4)?;
        Ok(())
    });
    refuse_after(ctx, check)
}

fn gen_signed_cert(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let check = args::arity(a, 5).and_then(|()| {
        args::string_at(a, 0)?;
        list_arg(a, 1)?;
        list_arg(a, 2)?;
        args::int_at(a, 3)?;
        Ok(())
    });
    refuse_after(ctx, check)
}

fn gen_signed_cert_with_key(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let check = args::arity(a, 6).and_then(|()| {
        args::string_at(a, 0)?;
        list_arg(a, 1)?;
        list_arg(a, 2)?;
        args::int_at(a, 3)?;
        args::string_at(a, 5)?;
        Ok(())
    });
    refuse_after(ctx, check)
}

fn build_custom_cert(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let check = args::arity(a, 2).and_then(|()| {
        args::string_at(a, 0)?;
        args::string_at(a, 1)?;
        Ok(())
    });
    refuse_after(ctx, check)
}

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    map.insert(nondet(wrapped("bcrypt", bcrypt_fn)));
    map.insert(nondet(wrapped("htpasswd", htpasswd)));
    map.insert(wrapped("derivePassword", derive_password));
    map.insert(nondet(wrapped("genPrivateKey", gen_private_key)));
    map.insert(nondet(wrapped("genCA", gen_ca)));
    map.insert(nondet(wrapped("genCAWithKey", gen_ca_with_key)));
    map.insert(nondet(wrapped("genSelfSignedCert", gen_self_signed_cert)));
    map.insert(nondet(wrapped(
        "genSelfSignedCertWithKey",
        gen_self_signed_cert_with_key,
    )));
    map.insert(nondet(wrapped("genSignedCert", gen_signed_cert)));
    map.insert(nondet(wrapped(
        "genSignedCertWithKey",
        gen_signed_cert_with_key,
    )));
    map.insert(wrapped("buildCustomCert", build_custom_cert));
    map.insert(nondet(wrapped("encryptAES", encrypt_aes_fn)));
    map.insert(wrapped("decryptAES", decrypt_aes_fn));
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{call, d, s, try_call};
    use super::*;

    fn run(name: &str, a: &[Value]) -> String {
        call(name, a).0.to_template_string()
    }

    #[test]
    fn aes_round_trip_and_errors() {
        // Measured (aes-roundtrip): plain|[]
        let enc = call("encryptAES", &[s("secret"), s("plain")]).0;
        assert_eq!(run("decryptAES", &[s("secret"), enc.clone()]), "plain");
        assert_eq!(run("decryptAES", &[s("secret"), s("!!")]), "");
        assert_eq!(enc.to_template_string().len(), 44);
        assert_eq!(run("encryptAES", &[s("k"), s("")]), "");
        assert_eq!(run("decryptAES", &[s("k"), s("")]), "");
        // Too short / not whole blocks: Go panics → nil.
        assert_eq!(run("decryptAES", &[s("k"), s("aGVsbG8=")]), "<no value>");
        assert_eq!(run("encryptAES", &[s("k"), d("n")]), "<no value>");
    }

    #[test]
    fn aes_matches_go() {
        // Ciphertexts made by the Go oracle's encryptAES (random IVs), decrypted here.
        let go1 = "06y+5G7wPwi4GpZiJMvlZkV7x2XEWN73+XiReeGQJIPOc1SUssJ8Pq7os2zIva7V";
        assert_eq!(
            run("decryptAES", &[s("secret"), s(go1)]),
            "hello world, this is longer"
        );
        let go2 = "JRC3RogT0rN7C3wY1eHwjKFwsRmMT6iVvZXtqqY9Zmc=";
        let long = "a-very-long-password-that-exceeds-32-bytes!";
        assert_eq!(run("decryptAES", &[s(long), s(go2)]), "x");
        // Our ciphertext carries the IV first.
        let ct = encrypt_aes("secret", "hello world, this is longer", [7u8; 16]);
        assert!(ct.starts_with("BwcHBwcHBwcHBwcHBwcH"));
        assert_eq!(
            run("decryptAES", &[s("secret"), s(&ct)]),
            "hello world, this is longer"
        );
    }

    #[test]
    fn bcrypt_shape() {
        // Measured (bcrypt-shape): $2a$ prefixes.
        let h = run("bcrypt", &[s("x")]);
        assert!(h.starts_with("$2a$10$") && h.len() == 60, "{h}");
        assert!(bcrypt::verify("x", &h).unwrap_or(false));
        let h = run("htpasswd", &[s("u"), s("p")]);
        assert!(h.starts_with("u:$2a$10$"), "{h}");
        let (v, n) = call("htpasswd", &[s("a:b"), s("p")]);
        assert_eq!((v.to_template_string(), n), (String::new(), 1));
        assert_eq!(run("bcrypt", &[s(&"x".repeat(73))]), "");
        assert_eq!(run("bcrypt", &[Value::Int64(1)]), "<no value>");
    }

    #[test]
    fn derive_and_refusals() {
        assert_eq!(
            run(
                "derivePassword",
                &[Value::Int(1), s("long"), s("p"), s("u"), s("s")]
            ),
            "<no value>"
        );
        // sprigin.md: genCA "x" .n → nil; genPrivateKey "bogus" → "".
        assert_eq!(run("genCA", &[s("x"), d("n")]), "<no value>");
        assert_eq!(run("genPrivateKey", &[s("bogus")]), "");
        for (name, args) in [
            ("genCA", vec![s("x"), Value::Int(30)]),
            ("genPrivateKey", vec![s("rsa")]),
            ("buildCustomCert", vec![s("a"), s("b")]),
        ] {
            match try_call(name, &args) {
                Err(FuncError::Call(m)) => assert!(m.contains("not supported offline yet"), "{m}"),
                other => panic!("{name}: {other:?}"),
            }
        }
    }
}

#[cfg(test)]
mod refusal_shapes {
    use super::super::test_util::{call, d, s, try_call};
    use crate::template::{FuncError, Value};

    /// Each refused generator: a well-formed call is refused with its name; a wrong count or a
    /// wrongly typed argument is swallowed to nil first, as sprigin would.
    #[test]
    fn generators() {
        let l = || Value::list(vec![]);
        let cases: Vec<(&str, Vec<Value>, Vec<Value>)> = vec![
            ("genPrivateKey", vec![s("ecdsa")], vec![Value::Int(1)]),
            ("genCA", vec![s("cn"), Value::Int(3)], vec![s("cn"), d("n")]),
            (
                "genCAWithKey",
                vec![s("cn"), Value::Int(3), s("key")],
                vec![s("cn"), d("n"), s("key")],
            ),
            (
                "genSelfSignedCert",
                vec![s("cn"), l(), l(), Value::Int(3)],
                vec![s("cn"), s("x"), l(), Value::Int(3)],
            ),
            (
                "genSelfSignedCertWithKey",
                vec![s("cn"), l(), l(), Value::Int(3), s("k")],
                vec![s("cn"), l(), l(), d("n"), s("k")],
            ),
            (
                "genSignedCert",
                vec![s("cn"), l(), l(), Value::Int(3), Value::Nil],
                vec![s("cn"), l(), l(), d("n"), Value::Nil],
            ),
            (
                "genSignedCertWithKey",
                vec![s("cn"), l(), l(), Value::Int(3), Value::Nil, s("k")],
                vec![Value::Int(1), l(), l(), Value::Int(3), Value::Nil, s("k")],
            ),
            (
                "buildCustomCert",
                vec![s("c"), s("k")],
                vec![s("c"), Value::Int(1)],
            ),
        ];
        for (name, good, bad_type) in cases {
            match try_call(name, &good) {
                Err(FuncError::Call(m)) => assert!(
                    m.contains(&format!("not supported offline yet: {name}")),
                    "{m}"
                ),
                other => panic!("{name}: {other:?}"),
            }
            assert_eq!(
                call(name, &bad_type).0.to_template_string(),
                "<no value>",
                "{name}"
            );
            assert_eq!(
                call(name, &[]).0.to_template_string(),
                "<no value>",
                "{name} arity"
            );
        }
    }

    #[test]
    fn derive_password_is_always_nil() {
        for args in [
            vec![Value::Int(1), s("long"), s("p"), s("u"), s("s")],
            vec![Value::Int64(1), s("long"), s("p"), s("u"), s("s")],
            vec![],
        ] {
            assert_eq!(
                call("derivePassword", &args).0.to_template_string(),
                "<no value>"
            );
        }
    }
}
