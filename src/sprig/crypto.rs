//! sprigin's crypto family.
//!
//! Implemented: `encryptAES`/`decryptAES` (AES-256-CBC with the password zero-padded to 32 bytes,
//! PKCS#7-style padding, a random IV in front, base64: sprig's scheme, with its lack of padding
//! checks), `bcrypt` and `htpasswd` (`$2a$`, cost 10), `derivePassword` (always nil in sprigin:
//! its `uint32` counter parameter cannot receive any template value).
//!
//! The certificate and key generators mirror sprout's `registry/crypto` (helpers.go):
//! `genPrivateKey` ("" / "rsa" → RSA 4096 PKCS#1 `RSA PRIVATE KEY`, "dsa" → L2048N256
//! `DSA PRIVATE KEY`, "ecdsa" → P-256 SEC1 `EC PRIVATE KEY`, "ed25519" → PKCS#8 `PRIVATE KEY`,
//! anything else → ""); `genCA`, `genSelfSignedCert`, `genSignedCert` (fresh RSA 2048 keys) and
//! their `WithKey` forms (a PEM key in any format sprout parses: PKCS#1, SEC1 P-256/P-384,
//! PKCS#8 RSA/EC/Ed25519; DSA parses but cannot sign, as in Go); `buildCustomCert` (base64 PEM
//! certificate and key, checked, returned decoded). They return a `crypto.Certificate` struct
//! (`.Cert`, `.Key`); every failure inside the function yields its zero value `{ }`, while wrong
//! arity or argument types yield nil. Certificates are laid out as Go's `x509.CreateCertificate`
//! writes sprout's template: v3, a 128-bit random serial, CN-only subject (PrintableString or
//! UTF8String as Go picks), NotBefore = the entropy clock, NotAfter = + days × 24h (wrapping like
//! Go's `time.Duration`), KeyUsage (critical), ExtKeyUsage serverAuth+clientAuth, BasicConstraints
//! (critical), for a CA a SubjectKeyId (Go 1.25+ truncated SHA-256), for a signed certificate an
//! AuthorityKeyId from the CA, SANs (DNS then IP; critical when the subject is empty). See
//! `x509_go` for the encodings.
//!
//! Randomness (IVs, salts, keys, serials) comes from `ctx.env.entropy`, time from its clock.

use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};

use std::any::Any;
use std::rc::Rc;

use crate::template::{CallCtx, FuncError, FuncMap, GoObject, Kind, ListKind, Map, Value};

use super::args::{self, Swallow, Wrapped, finish, wrapped};
use super::entropy_rng::EntropyRng;
use super::typed::nondet;
use super::x509_go::{self, CertSpec, GoKey};
use super::{base_n, der_go};

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

/// sprout's `crypto.Certificate{Cert, Key string}`: what the certificate functions return.
/// `{{ $c }}` prints `{CERT KEY}`; `.Cert` and `.Key` are the PEM texts; the zero value (every
/// failure) prints `{ }`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Certificate {
    pub(crate) cert: String,
    pub(crate) key: String,
}

impl Certificate {
    /// The struct's JSON form (`{"Cert":…,"Key":…}`).
    pub(crate) fn as_map(&self) -> Value {
        let mut m = Map::new();
        m.insert("Cert".into(), Value::from(self.cert.as_str()));
        m.insert("Key".into(), Value::from(self.key.as_str()));
        Value::from(m)
    }

    fn value(self) -> Value {
        Value::Object(Rc::new(self))
    }
}

impl GoObject for Certificate {
    fn type_name(&self) -> &str {
        "crypto.Certificate"
    }

    fn kind(&self) -> Kind {
        Kind::Struct
    }

    fn write_v(&self, out: &mut String, _nested: bool) {
        out.push('{');
        out.push_str(&self.cert);
        out.push(' ');
        out.push_str(&self.key);
        out.push('}');
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "Cert" => Some(Value::from(self.cert.as_str())),
            "Key" => Some(Value::from(self.key.as_str())),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A failure inside a certificate function: sprout returns the zero `Certificate` with it.
fn zero_cert(message: impl Into<String>) -> Swallow {
    Swallow::with(Certificate::default().value(), message)
}

/// A Go `[]interface{}` parameter: nil, or a list whose Go type is `[]interface{}` (a `[]string`
/// from `splitList` is not assignable to it).
fn list_arg(a: &[Value], i: usize) -> Result<Option<&[Value]>, Swallow> {
    match a.get(i) {
        Some(Value::List(items, ListKind::Any)) => Ok(Some(items)),
        Some(Value::Nil) | None => Ok(None),
        Some(other) => Err(Swallow::nil(format!(
            "argument {} has type {}, the function wants []interface {{}}",
            i + 1,
            other.type_name()
        ))),
    }
}

/// A `crypto.Certificate` parameter: a certificate value, or nil as the zero certificate.
fn cert_arg(a: &[Value], i: usize) -> Result<Certificate, Swallow> {
    match a.get(i) {
        Some(Value::Nil) | None => Ok(Certificate::default()),
        Some(v) => v.downcast::<Certificate>().cloned().ok_or_else(|| {
            Swallow::nil(format!(
                "argument {} has type {}, the function wants crypto.Certificate",
                i + 1,
                v.type_name()
            ))
        }),
    }
}

/// The arguments of sprout's `getBaseCertTemplate` made into a certificate spec: IPs through
/// `net.ParseIP`, DNS names as strings, a 128-bit random serial, NotBefore = now and NotAfter =
/// now + `daysValid` × 24h (Go's `time.Duration` arithmetic, which wraps on overflow).
fn base_spec<'a>(
    ctx: &mut CallCtx<'_>,
    cn: &'a str,
    ips: Option<&[Value]>,
    dns: Option<&[Value]>,
    days: i64,
) -> Result<CertSpec<'a>, String> {
    let mut ip_bytes = Vec::new();
    for ip in ips.unwrap_or(&[]) {
        let Some(text) = ip.as_str() else {
            let mut v = String::new();
            ip.write_v(&mut v, false);
            return Err(format!("error parsing ip: {v} is not a string"));
        };
        ip_bytes.push(x509_go::parse_ip(text).ok_or_else(|| format!("error parsing ip: {text}"))?);
    }
    let mut names = Vec::new();
    for d in dns.unwrap_or(&[]) {
        let Some(text) = d.as_str() else {
            let mut v = String::new();
            d.write_v(&mut v, false);
            return Err(format!(
                "error processing alternate dns name: {v} is not a string"
            ));
        };
        names.push(text.to_string());
    }
    let mut serial = [0u8; 16];
    ctx.env.entropy.fill_bytes(&mut serial);
    let now = ctx.env.entropy.now_unix_nanos();
    let valid = 86_400_000_000_000i64.wrapping_mul(days);
    let secs = |nanos: i128| i64::try_from(nanos.div_euclid(1_000_000_000)).unwrap_or(i64::MAX);
    Ok(CertSpec {
        cn,
        ips: ip_bytes,
        dns: names,
        not_before: secs(now),
        not_after: secs(now + i128::from(valid)),
        serial,
        is_ca: false,
    })
}

/// How the subject key of a new certificate is obtained.
enum KeySource {
    /// A fresh RSA 2048 key (`rsa.GenerateKey(rand.Reader, 2048)`).
    Generate,
    /// A PEM key argument (`parsePrivateKeyPEM`, errors wrapped as `parsing private key: …`).
    Pem(Rc<str>),
}

impl KeySource {
    fn key(&self, ctx: &mut CallCtx<'_>) -> Result<GoKey, String> {
        match self {
            KeySource::Generate => GoKey::rsa(&mut EntropyRng(&mut *ctx.env.entropy), 2048),
            KeySource::Pem(p) => {
                x509_go::parse_private_key_pem(p).map_err(|e| format!("parsing private key: {e}"))
            }
        }
    }
}

/// Signs `spec` (self-signed when `ca` is `None`) and returns the certificate struct.
fn make_cert(
    ctx: &mut CallCtx<'_>,
    spec: &CertSpec<'_>,
    key: &GoKey,
    issuer: Option<&x509_go::Issuer>,
) -> Result<Value, String> {
    let mut rng = EntropyRng(&mut *ctx.env.entropy);
    let der = x509_go::create_certificate(&mut rng, spec, key, issuer)
        .map_err(|e| format!("error creating certificate: {e}"))?;
    let (cert, key) = x509_go::cert_and_key(&der, key)?;
    Ok(Certificate { cert, key }.value())
}

/// `genCA` / `genCAWithKey`: a self-signed CA (KeyUsage adds CertSign, IsCA, a SubjectKeyId).
fn ca(ctx: &mut CallCtx<'_>, cn: &str, days: i64, source: &KeySource) -> Wrapped {
    let key = source.key(ctx).map_err(zero_cert)?;
    let mut spec = base_spec(ctx, cn, None, None, days).map_err(zero_cert)?;
    spec.is_ca = true;
    make_cert(ctx, &spec, &key, None).map_err(zero_cert)
}

/// `genSelfSignedCert` / `genSelfSignedCertWithKey`.
fn self_signed(ctx: &mut CallCtx<'_>, a: &[Value], source: &KeySource) -> Wrapped {
    let cn = args::string_at(a, 0)?;
    let ips = list_arg(a, 1)?;
    let dns = list_arg(a, 2)?;
    let days = args::int_at(a, 3)?;
    let key = source.key(ctx).map_err(zero_cert)?;
    let spec = base_spec(ctx, &cn, ips, dns, days).map_err(zero_cert)?;
    make_cert(ctx, &spec, &key, None).map_err(zero_cert)
}

/// `genSignedCert` / `genSignedCertWithKey`: the CA's PEM certificate and key sign a leaf.
fn signed(ctx: &mut CallCtx<'_>, a: &[Value], ca: Certificate, source: &KeySource) -> Wrapped {
    let cn = args::string_at(a, 0)?;
    let ips = list_arg(a, 1)?;
    let dns = list_arg(a, 2)?;
    let days = args::int_at(a, 3)?;
    let key = source.key(ctx).map_err(zero_cert)?;
    let block =
        der_go::pem_decode(&ca.cert).ok_or_else(|| zero_cert("unable to decode certificate"))?;
    let signer_key = x509_go::parse_private_key_pem(&ca.key)
        .map_err(|e| zero_cert(format!("error parsing private key: {e}")));
    let issuer = x509_go::parse_issuer(&block.der, GoKey::Dsa).map_err(zero_cert)?;
    let issuer = x509_go::Issuer {
        key: signer_key?,
        ..issuer
    };
    let spec = base_spec(ctx, &cn, ips, dns, days).map_err(zero_cert)?;
    make_cert(ctx, &spec, &key, Some(&issuer)).map_err(zero_cert)
}

/// `genPrivateKey type`: "" and "rsa" give a 4096-bit RSA key (PKCS#1), "dsa" an L2048N256 DSA
/// key, "ecdsa" a P-256 key (SEC1), "ed25519" a PKCS#8 key; any other type → "".
fn gen_private_key(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 1)
        .and_then(|()| args::string_at(a, 0))
        .and_then(|t| {
            let mut rng = EntropyRng(&mut *ctx.env.entropy);
            let key = match &*t {
                "" | "rsa" => GoKey::rsa(&mut rng, 4096),
                "dsa" => return Ok(Value::from(GoKey::dsa_pem(&mut rng))),
                "ecdsa" => Ok(GoKey::p256(&mut rng)),
                "ed25519" => Ok(GoKey::ed25519(&mut rng)),
                other => Err(format!("Unknown type {other}")),
            };
            key.map_err(|e| format!("failed to generate private key: {e}"))
                .and_then(|k| k.to_pem())
                .map(Value::from)
                .map_err(|e| Swallow::with(Value::from(""), e))
        });
    finish(ctx, out)
}

fn gen_ca(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out = args::arity(a, 2).and_then(|()| {
        let cn = args::string_at(a, 0)?;
        let days = args::int_at(a, 1)?;
        ca(ctx, &cn, days, &KeySource::Generate)
    });
    finish(ctx, out)
}

fn gen_ca_with_key(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out = args::arity(a, 3).and_then(|()| {
        let cn = args::string_at(a, 0)?;
        let days = args::int_at(a, 1)?;
        let key = args::string_at(a, 2)?;
        ca(ctx, &cn, days, &KeySource::Pem(key))
    });
    finish(ctx, out)
}

fn gen_self_signed_cert(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out = args::arity(a, 4).and_then(|()| self_signed(ctx, a, &KeySource::Generate));
    finish(ctx, out)
}

fn gen_self_signed_cert_with_key(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out = args::arity(a, 5).and_then(|()| {
        let source = KeySource::Pem(args::string_at(a, 4)?);
        // Type-check every argument before doing any work, as the reflective call would.
        list_arg(a, 1)?;
        list_arg(a, 2)?;
        args::int_at(a, 3)?;
        self_signed(ctx, a, &source)
    });
    finish(ctx, out)
}

fn gen_signed_cert(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out = args::arity(a, 5).and_then(|()| {
        let ca = cert_arg(a, 4)?;
        args::string_at(a, 0)?;
        list_arg(a, 1)?;
        list_arg(a, 2)?;
        args::int_at(a, 3)?;
        signed(ctx, a, ca, &KeySource::Generate)
    });
    finish(ctx, out)
}

fn gen_signed_cert_with_key(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out = args::arity(a, 6).and_then(|()| {
        let ca = cert_arg(a, 4)?;
        let source = KeySource::Pem(args::string_at(a, 5)?);
        args::string_at(a, 0)?;
        list_arg(a, 1)?;
        list_arg(a, 2)?;
        args::int_at(a, 3)?;
        signed(ctx, a, ca, &source)
    });
    finish(ctx, out)
}

/// `buildCustomCert b64cert b64key`: both base64 (standard alphabet), the certificate a PEM
/// X.509 certificate, the key a PEM private key sprout can parse; returns them decoded.
fn build_custom_cert(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out = args::arity(a, 2).and_then(|()| {
        let b64cert = args::string_at(a, 0)?;
        let b64key = args::string_at(a, 1)?;
        let cert = base_n::base64_decode(&b64cert)
            .map_err(|_| zero_cert("unable to decode base64 certificate"))?;
        let key = base_n::base64_decode(&b64key)
            .map_err(|_| zero_cert("unable to decode base64 private key"))?;
        let cert = String::from_utf8_lossy(&cert).into_owned();
        let key = String::from_utf8_lossy(&key).into_owned();
        let block =
            der_go::pem_decode(&cert).ok_or_else(|| zero_cert("unable to decode certificate"))?;
        x509_go::parse_issuer(&block.der, GoKey::Dsa).map_err(zero_cert)?;
        x509_go::parse_private_key_pem(&key)
            .map_err(|e| zero_cert(format!("error parsing private key: {e}")))?;
        Ok(Certificate { cert, key }.value())
    });
    finish(ctx, out)
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
    use super::super::test_engine::{call, d, s};
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
    fn derive_and_swallowed_generators() {
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
        // Failures inside sprout's function return the zero Certificate.
        assert_eq!(run("buildCustomCert", &[s("a"), s("b")]), "{ }");
        assert_eq!(run("genCAWithKey", &[s("x"), Value::Int(3), s("k")]), "{ }");
    }
}

#[cfg(test)]
mod refusal_shapes {
    use super::super::test_engine::{call, d, s};
    use crate::template::Value;

    /// Each generator: a wrong count or a wrongly typed argument is swallowed to nil, as
    /// sprigin's reflective call would (the well-formed calls are in tests/sprig_crypto.rs).
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
        for (name, _good, bad_type) in cases {
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
