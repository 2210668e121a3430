//! sprigin's certificate and private-key generators (`genCA`, `genSelfSignedCert`,
//! `genSignedCert`, their `WithKey` forms, `buildCustomCert`, `genPrivateKey`), checked against
//! what Go's sprig produced (tests/data/crypto/go-*.pem/key, made with the gotmpl oracle): the DER
//! skeleton of each certificate (every tag, OID, string type and deterministic extension value,
//! ignoring keys, serials, times and signatures), the parsed X.509 fields, signatures that verify,
//! and Go-generated keys re-encoded byte for byte.
//!
//! RSA key generation is slow without optimisation: run with `cargo test --release`.

use capsule_render::sprig::capsule_func_map;
use capsule_render::template::{ExecOptions, FixedEntropy, RenderEnv, Template, Value};
use der::{Decode, Encode};
use x509_cert::Certificate;

/// 2026-11-26T12:00:00.75Z: the fixed clock of these renders (the fraction is dropped).
const NOW_SECONDS: i64 = 1_795_694_400;
const NOW_NANOS: i128 = NOW_SECONDS as i128 * 1_000_000_000 + 750_000_000;

const GO_CA_AND_LEAF: &str = include_str!("data/crypto/go-ca-and-leaf.pem");
const GO_SELF_SIGNED: &str = include_str!("data/crypto/go-self-signed.pem");
const GO_ECDSA_KEY: &str = include_str!("data/crypto/go-ecdsa.key");
const GO_ED25519_KEY: &str = include_str!("data/crypto/go-ed25519.key");
const OPENSSL_EC_PKCS8_KEY: &str = include_str!("data/crypto/openssl-ec-pkcs8.key");

fn render_with(src: &str, data: Value, seed: u64) -> (String, RenderEnv) {
    let funcs = capsule_func_map();
    let tpl = Template::parse("tpl", src, &funcs).expect("test templates parse");
    let mut env = RenderEnv::new(Box::new(FixedEntropy::new(seed, NOW_NANOS)));
    let out = tpl
        .execute(&data, &ExecOptions::default(), &mut env)
        .expect("test templates execute");
    (out, env)
}

fn render(src: &str, data: Value) -> String {
    render_with(src, data, 42).0
}

fn data(pairs: &[(&str, &str)]) -> Value {
    let mut m = serde_json::Map::new();
    for (k, v) in pairs {
        m.insert((*k).to_string(), serde_json::Value::from(*v));
    }
    Value::from_json(&serde_json::Value::Object(m))
}

/// Every PEM block of `text`: (type, DER).
fn pem_blocks(text: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start..];
        let kind_end = after[11..].find("-----").expect("header closes") + 11;
        let kind = after[11..kind_end].to_string();
        let footer = format!("-----END {kind}-----\n");
        let end = after.find(&footer).expect("footer present") + footer.len();
        let (label, der) = der::pem::decode_vec(&after.as_bytes()[..end]).expect("valid PEM");
        assert_eq!(label, kind);
        out.push((kind, der));
        rest = &after[end..];
    }
    out
}

fn b64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

const OID_SKI: &[u8] = &[0x55, 0x1d, 0x0e];
const OID_AKI: &[u8] = &[0x55, 0x1d, 0x23];

/// The DER tree of a certificate with what must match Go: tags and depths everywhere, OID,
/// BOOLEAN and string contents, extension values except the (random) key identifiers; not
/// INTEGERs, BIT STRINGs or times.
fn skeleton(der: &[u8]) -> Vec<String> {
    fn walk(mut b: &[u8], depth: usize, last_oid: &mut Vec<u8>, out: &mut Vec<String>) {
        while !b.is_empty() {
            let tag = b[0];
            let (len, hl) = match b[1] {
                n if n < 0x80 => (usize::from(n), 2),
                0x81 => (usize::from(b[2]), 3),
                0x82 => (usize::from(b[2]) << 8 | usize::from(b[3]), 4),
                other => panic!("unexpected length byte {other:#x}"),
            };
            let content = &b[hl..hl + len];
            let shown = match tag {
                0x06 => {
                    last_oid.clear();
                    last_oid.extend_from_slice(content);
                    format!("{content:02x?}")
                }
                0x01 | 0x13 | 0x0c | 0x16 | 0x82 | 0x87 => format!("{content:02x?}"),
                0x04 if last_oid.as_slice() == OID_SKI || last_oid.as_slice() == OID_AKI => {
                    format!("len {len}")
                }
                0x04 => format!("{content:02x?}"),
                _ => String::new(),
            };
            out.push(format!("{depth}:{tag:#04x} {shown}"));
            if tag & 0x20 != 0 {
                walk(content, depth + 1, last_oid, out);
            }
            b = &b[hl + len..];
        }
    }
    let mut out = Vec::new();
    walk(der, 0, &mut Vec::new(), &mut out);
    out
}

/// The SubjectKeyIdentifier Capsule's Go 1.26 writes for a CA: the first 160 bits of SHA-256 of
/// the subject public key (Go 1.25+; the oracle's older go.mod still selects SHA-1).
fn expected_ski(cert: &Certificate) -> Vec<u8> {
    use sha2::Digest;
    let pk = cert
        .tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .raw_bytes();
    sha2::Sha256::digest(pk)[..20].to_vec()
}

fn extension(cert: &Certificate, oid: &[u8]) -> Option<(bool, Vec<u8>)> {
    cert.tbs_certificate().extensions()?.iter().find_map(|e| {
        let id = e.extn_id.to_der().ok()?;
        (id[2..] == *oid).then(|| (e.critical, e.extn_value.as_bytes().to_vec()))
    })
}

/// Checks an RSA PKCS#1 v1.5 / SHA-256 signature of `cert` with the issuer's public key.
fn verify_rsa(cert: &Certificate, issuer: &Certificate) {
    use rsa::pkcs1::DecodeRsaPublicKey;
    use rsa::signature::Verifier;
    let spki = issuer.tbs_certificate().subject_public_key_info();
    let key = rsa::PublicKey::from_pkcs1_der(spki.subject_public_key.raw_bytes())
        .expect("issuer has an RSA key");
    let vk = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key);
    let sig = rsa::pkcs1v15::Signature::try_from(cert.signature().raw_bytes()).expect("signature");
    let tbs = cert.tbs_certificate().to_der().expect("re-encodes");
    vk.verify(&tbs, &sig).expect("signature verifies");
}

fn cert_and_key(out: &str) -> (Certificate, Vec<(String, Vec<u8>)>) {
    let blocks = pem_blocks(out);
    assert_eq!(blocks[0].0, "CERTIFICATE", "{out}");
    let cert = Certificate::from_der(&blocks[0].1).expect("our certificate parses");
    (cert, blocks)
}

#[test]
fn gen_ca_matches_go_structure_and_fields() {
    let out = render(
        r#"{{ $c := genCA "golden-ca" 3650 }}{{ $c.Cert }}{{ $c.Key }}"#,
        Value::Nil,
    );
    let (cert, blocks) = cert_and_key(&out);
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[1].0, "RSA PRIVATE KEY");
    let go = pem_blocks(GO_CA_AND_LEAF);
    assert_eq!(skeleton(&blocks[0].1), skeleton(&go[0].1));

    let tbs = cert.tbs_certificate();
    assert_eq!(tbs.subject().to_string(), "CN=golden-ca");
    assert_eq!(tbs.issuer(), tbs.subject());
    let v = tbs.validity();
    assert_eq!(
        v.not_before.to_unix_duration().as_secs() as i64,
        NOW_SECONDS
    );
    assert_eq!(
        v.not_after.to_unix_duration().as_secs() as i64,
        NOW_SECONDS + 3650 * 86_400
    );
    // A 128-bit random serial, a 2048-bit RSA key.
    assert!(tbs.serial_number().as_bytes().len() <= 17);
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::traits::PublicKeyParts;
    let key = rsa::PrivateKey::from_pkcs1_der(&blocks[1].1).expect("PKCS#1 key");
    assert_eq!(key.n().bit_width(), 2048);
    assert_eq!(
        extension(&cert, OID_SKI).map(|(_, v)| v[2..].to_vec()),
        Some(expected_ski(&cert))
    );
    verify_rsa(&cert, &cert);
}

#[test]
fn self_signed_with_sans_matches_go() {
    let out = render(
        r#"{{ $c := genSelfSignedCert "self" (list "192.168.1.1" "::ffff:1.2.3.4" "fe80::1") (list "a.example" "b") 365 }}{{ $c.Cert }}"#,
        Value::Nil,
    );
    let (cert, blocks) = cert_and_key(&out);
    let go = pem_blocks(GO_SELF_SIGNED);
    assert_eq!(skeleton(&blocks[0].1), skeleton(&go[0].1));
    assert!(extension(&cert, OID_SKI).is_none());
    verify_rsa(&cert, &cert);
}

#[test]
fn signed_by_a_go_ca_matches_go_leaf() {
    let go = pem_blocks(GO_CA_AND_LEAF);
    let ca_cert = GO_CA_AND_LEAF
        .split("-----END CERTIFICATE-----\n")
        .next()
        .unwrap()
        .to_string()
        + "-----END CERTIFICATE-----\n";
    let rest = &GO_CA_AND_LEAF[ca_cert.len()..];
    let ca_key = &rest[..rest.find("-----BEGIN CERTIFICATE-----").unwrap()];
    let d = data(&[
        ("c", &b64(ca_cert.as_bytes())),
        ("k", &b64(ca_key.as_bytes())),
    ]);
    let out = render(
        r#"{{ $ca := buildCustomCert .c .k }}{{ $l := genSignedCert "leaf.example" (list "10.0.0.1" "::1") (list "leaf.example" "alt.example") 90 $ca }}{{ $l.Cert }}{{ $l.Key }}"#,
        d.clone(),
    );
    let (leaf, blocks) = cert_and_key(&out);
    assert_eq!(blocks[1].0, "RSA PRIVATE KEY");
    assert_eq!(skeleton(&blocks[0].1), skeleton(&go[2].1));
    let ca = Certificate::from_der(&go[0].1).unwrap();
    assert_eq!(
        leaf.tbs_certificate().issuer(),
        ca.tbs_certificate().subject()
    );
    // The AuthorityKeyIdentifier is the CA's SubjectKeyIdentifier.
    let ca_ski = extension(&ca, OID_SKI).unwrap().1;
    let aki = extension(&leaf, OID_AKI).unwrap().1;
    assert_eq!(aki[4..], ca_ski[2..]);
    verify_rsa(&leaf, &ca);

    // buildCustomCert returns the decoded texts.
    let out = render(
        r#"{{ $ca := buildCustomCert .c .k }}{{ $ca.Cert }}{{ $ca.Key }}"#,
        d,
    );
    assert_eq!(out, format!("{ca_cert}{ca_key}"));
}

#[test]
fn with_key_forms_reencode_go_keys() {
    let (ours, _) = render_with(r#"{{ genPrivateKey "ecdsa" }}"#, Value::Nil, 1);
    assert!(
        ours.starts_with("-----BEGIN EC PRIVATE KEY-----\n"),
        "{ours}"
    );
    let go_rsa = GO_CA_AND_LEAF
        .split_once("-----END CERTIFICATE-----\n")
        .map(|(_, rest)| {
            rest.split_once("-----BEGIN CERTIFICATE-----")
                .map_or(rest, |p| p.0)
        })
        .unwrap();
    assert!(go_rsa.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    for (key, header) in [
        (go_rsa, "RSA PRIVATE KEY"),
        (GO_ECDSA_KEY, "EC PRIVATE KEY"),
        (GO_ED25519_KEY, "PRIVATE KEY"),
        // A PKCS#8 EC key comes back as SEC1, as Go's pemBlockForKey writes it.
        (OPENSSL_EC_PKCS8_KEY, "EC PRIVATE KEY"),
        (ours.as_str(), "EC PRIVATE KEY"),
    ] {
        let d = data(&[("k", key)]);
        let out = render(
            r#"{{ $c := genSelfSignedCertWithKey "k" nil (list "x") 1 .k }}{{ $c.Cert }}{{ $c.Key }}|{{ $ca := genCAWithKey "ca" 2 .k }}{{ $ca.Key }}"#,
            d,
        );
        let (cert_part, ca_key) = out.split_once('|').unwrap();
        let (_, blocks) = cert_and_key(cert_part);
        assert_eq!(blocks[1].0, header);
        let key_pem = cert_part
            .split_once("-----END CERTIFICATE-----\n")
            .unwrap()
            .1;
        assert_eq!(
            ca_key, key_pem,
            "genCAWithKey and the certificate carry the same key"
        );
        if key != OPENSSL_EC_PKCS8_KEY {
            // Go's canonical encodings come back byte for byte.
            assert_eq!(ca_key, key);
        }
    }
}

#[test]
fn failures_follow_sprigin() {
    let cases: &[(&str, &str)] = &[
        // Errors inside sprout's function: the zero Certificate.
        (
            r#"{{ genSelfSignedCertWithKey "x" (list "1.2.3") nil 1 "k" }}"#,
            "{ }",
        ),
        (
            r#"{{ genSelfSignedCertWithKey "x" nil nil 1 "not a key" }}"#,
            "{ }",
        ),
        (
            r#"{{ genCAWithKey "x" 1 "-----BEGIN DSA PRIVATE KEY-----\nMAA=\n-----END DSA PRIVATE KEY-----\n" }}"#,
            "{ }",
        ),
        (r#"{{ genSignedCert "x" nil nil 1 nil }}"#, "{ }"),
        (r#"{{ buildCustomCert "!!" "" }}"#, "{ }"),
        (r#"{{ genPrivateKey "bogus" }}"#, ""),
        // Arguments the reflective call cannot pass: nil.
        (r#"{{ genCA "x" .n }}"#, "<no value>"),
        (
            r#"{{ genSelfSignedCert "x" (splitList "," "a") nil 1 }}"#,
            "<no value>",
        ),
        (
            r#"{{ genSignedCert "x" nil nil 1 (dict "Cert" "") }}"#,
            "<no value>",
        ),
        (r#"{{ genCA "x" }}"#, "<no value>"),
    ];
    let d = Value::from_json(&serde_json::json!({"n": 3}));
    for (src, want) in cases {
        assert_eq!(&render(src, d.clone()), want, "{src}");
    }
    // A non-string IP or DNS name, an IA5-invalid DNS name: the zero Certificate, no panic.
    for src in [
        r#"{{ genSelfSignedCertWithKey "x" (list 1) nil 1 .k }}"#,
        r#"{{ genSelfSignedCertWithKey "x" nil (list nil) 1 .k }}"#,
        r#"{{ genSelfSignedCertWithKey "x" nil (list "é.example") 1 .k }}"#,
    ] {
        assert_eq!(render(src, data(&[("k", GO_ECDSA_KEY)])), "{ }", "{src}");
    }
}

#[test]
fn printing_determinism_and_flags() {
    let src = r#"{{ $c := genSelfSignedCertWithKey "p" nil nil 1 .k }}{{ printf "%T" $c }}|{{ $c }}|{{ $c | toJson }}"#;
    let d = data(&[("k", GO_ED25519_KEY)]);
    let (a, env) = render_with(src, d.clone(), 5);
    let (b, _) = render_with(src, d.clone(), 5);
    let (c, _) = render_with(src, d, 6);
    assert_eq!(a, b, "a seeded render is reproducible");
    assert_ne!(a, c, "the serial comes from the entropy source");
    let parts: Vec<&str> = a.split('|').collect();
    assert_eq!(parts[0], "crypto.Certificate");
    assert!(parts[1].starts_with("{-----BEGIN CERTIFICATE-----\n"));
    assert!(parts[1].contains("-----END CERTIFICATE-----\n -----BEGIN PRIVATE KEY-----\n"));
    assert!(parts[1].ends_with("-----END PRIVATE KEY-----\n}"));
    assert!(
        parts[2].starts_with(r#"{"Cert":"-----BEGIN CERTIFICATE-----\n"#),
        "{}",
        parts[2]
    );
    let _ = env;
    let funcs = capsule_func_map();
    for name in [
        "genPrivateKey",
        "genCA",
        "genCAWithKey",
        "genSelfSignedCert",
        "genSelfSignedCertWithKey",
        "genSignedCert",
        "genSignedCertWithKey",
    ] {
        assert!(
            funcs.get(name).is_some_and(|f| f.nondeterministic),
            "{name}"
        );
    }
    assert!(
        funcs
            .get("buildCustomCert")
            .is_some_and(|f| !f.nondeterministic)
    );
}

#[test]
fn extreme_validity_does_not_panic() {
    // Go multiplies 24h by the day count in int64 nanoseconds, wrapping; any outcome must be a
    // certificate whose dates the encoder could represent, or the zero value.
    for days in [
        "-1",
        "0",
        "106752",
        "9223372036854775807",
        "-9223372036854775808",
    ] {
        let src = format!(
            r#"{{{{ $c := genSelfSignedCertWithKey "x" nil nil {days} .k }}}}{{{{ $c.Cert }}}}"#
        );
        let out = render(&src, data(&[("k", GO_ECDSA_KEY)]));
        // Our own walker: the DER parser in x509-cert stops at 1970, Go's dates do not.
        if out != "{ }" && !out.is_empty() {
            let blocks = pem_blocks(&out);
            assert_eq!(blocks[0].0, "CERTIFICATE");
            assert!(skeleton(&blocks[0].1).len() > 20);
        }
    }
}
