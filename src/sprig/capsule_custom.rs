//! Capsule's own template functions (pkg/template/functions), added over sprigin's map. They
//! keep their typed Go signatures (no error swallowing by a wrapper): `toToml`, `fromToml`,
//! `fromYamlArray`, `fromJsonArray`, `deterministicUUID`, `generateAgeKey`, `generateAgePQKey`.
//! Their own failure conventions (error text as the result, `{Error: msg}` maps, one-element
//! lists) are Capsule's, described in capsule-semantics.md §3.6.

use std::any::Any;
use std::fmt::Write;
use std::rc::Rc;

use sha2::Digest;

use crate::template::{CallCtx, FuncError, FuncMap, GoObject, GoType, Kind, Map, Value};

use super::typed::{nondet, plain, str_arg};
use super::walk_guard;
use super::yaml_dec::{self, Schema};
use super::{json_go, toml_go};

/// The struct `generateAgeKey` returns: `.Identity` and `.Recipient`.
#[derive(Clone, Debug)]
pub(crate) struct AgeKey {
    pub(crate) identity: String,
    pub(crate) recipient: String,
}

impl AgeKey {
    /// The struct's JSON form (`{"Identity":…,"Recipient":…}`).
    pub(crate) fn as_map(&self) -> Value {
        let mut m = Map::new();
        m.insert("Identity".into(), Value::from(self.identity.as_str()));
        m.insert("Recipient".into(), Value::from(self.recipient.as_str()));
        Value::from(m)
    }
}

impl GoObject for AgeKey {
    fn type_name(&self) -> &str {
        "functions.AgeKey"
    }

    fn kind(&self) -> Kind {
        Kind::Struct
    }

    fn write_v(&self, out: &mut String, _nested: bool) {
        out.push('{');
        out.push_str(&self.identity);
        out.push(' ');
        out.push_str(&self.recipient);
        out.push('}');
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "Identity" => Some(Value::from(self.identity.as_str())),
            "Recipient" => Some(Value::from(self.recipient.as_str())),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `toToml v`: nil → ""; BurntSushi/toml's encoding; an encoding error becomes the result text.
fn to_toml(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    walk_guard::guard(ctx.name, a)?;
    let v = a.first().unwrap_or(&Value::Nil);
    if v.is_nil() {
        return Ok(Value::from(""));
    }
    Ok(Value::from(toml_go::encode(v).unwrap_or_else(|e| e)))
}

fn error_map(msg: String) -> Value {
    let mut m = Map::new();
    m.insert("Error".into(), Value::from(msg));
    Value::from(m)
}

/// `fromToml s`: a map (integers int64); "" → empty map; an error → `{Error: msg}`.
fn from_toml(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let s = str_arg(a, 0)?;
    Ok(toml_go::decode(s).unwrap_or_else(error_map))
}

fn error_list(msg: String) -> Value {
    Value::list(vec![Value::from(msg)])
}

fn type_word(v: &Value) -> &'static str {
    match v {
        Value::Map(_) => "object",
        Value::String(_) => "string",
        Value::Bool(_) => "bool",
        _ => "number",
    }
}

/// `fromYamlArray s`: sigs.k8s.io/yaml into `[]interface{}` (YAML 1.1, numbers float64); an
/// error → a one-element list holding the message.
fn from_yaml_array(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let s = str_arg(a, 0)?;
    Ok(match yaml_dec::decode(s, Schema::K8sJson) {
        Ok(None | Some(Value::Nil)) => Value::list(vec![]),
        Ok(Some(v @ Value::List(..))) => v,
        Ok(Some(other)) => error_list(format!(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type []interface {{}}",
            type_word(&other)
        )),
        Err(e) => error_list(format!("error converting YAML to JSON: {e}")),
    })
}

/// `fromJsonArray s`: encoding/json into `[]interface{}`; an error (also for "") → a
/// one-element list holding the message.
fn from_json_array(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let s = str_arg(a, 0)?;
    Ok(match json_go::decode(s) {
        Ok(Value::Nil) => Value::list(vec![]),
        Ok(v @ Value::List(..)) => v,
        Ok(other) => error_list(format!(
            "json: cannot unmarshal {} into Go value of type []interface {{}}",
            type_word(&other)
        )),
        Err(e) => error_list(e),
    })
}

/// Capsule's `deterministicUUID`: SHA-256 of the trimmed parts joined by 0x1F, first 16 bytes,
/// version 5 and RFC 4122 variant bits, formatted 8-4-4-4-12 in upper case.
pub(crate) fn deterministic_uuid(parts: &[&str]) -> String {
    let joined = parts
        .iter()
        .map(|p| p.trim())
        .collect::<Vec<_>>()
        .join("\u{1f}");
    let digest = sha2::Sha256::digest(joined.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut s = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        let _ = write!(s, "{byte:02X}");
    }
    s
}

fn deterministic_uuid_fn(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let parts = (0..a.len())
        .map(|i| str_arg(a, i))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::from(deterministic_uuid(&parts)))
}

const BECH32_ALPHABET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// BIP 173 bech32 (as age uses it, without the 90-character limit), lower case.
pub(crate) fn bech32_encode(hrp: &str, data: &[u8]) -> String {
    let hrp = hrp.to_ascii_lowercase();
    let mut five = Vec::with_capacity(data.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in data {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            five.push(((acc >> bits) & 31) as u8);
        }
    }
    if bits > 0 {
        five.push(((acc << (5 - bits)) & 31) as u8);
    }
    let mut values: Vec<u8> = hrp.bytes().map(|c| c >> 5).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|c| c & 31));
    values.extend_from_slice(&five);
    values.extend_from_slice(&[0; 6]);
    let pm = bech32_polymod(&values) ^ 1;
    let mut out = hrp;
    out.push('1');
    for &v in &five {
        out.push(char::from(BECH32_ALPHABET[usize::from(v)]));
    }
    for i in 0..6 {
        out.push(char::from(
            BECH32_ALPHABET[((pm >> (5 * (5 - i))) & 31) as usize],
        ));
    }
    out
}

/// `generateAgeKey`: a fresh age X25519 identity from the render's entropy source.
fn generate_age_key(ctx: &mut CallCtx<'_>, _: &[Value]) -> Result<Value, FuncError> {
    let mut secret = [0u8; 32];
    ctx.env.entropy.fill_bytes(&mut secret);
    let public = x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(secret));
    let key = AgeKey {
        identity: bech32_encode("age-secret-key-", &secret).to_ascii_uppercase(),
        recipient: bech32_encode("age", public.as_bytes()),
    };
    Ok(Value::Object(Rc::new(key)))
}

/// The age hybrid post-quantum key pair of a 32-byte seed: the HPKE `MLKEM768-X25519` KEM
/// (X-Wing) that age's `HybridIdentity` uses. The identity is the seed, Bech32
/// `AGE-SECRET-KEY-PQ-1…`; the recipient the 1216-byte encapsulation key, `age1pq1…`.
pub(crate) fn age_pq_key(seed: [u8; 32]) -> AgeKey {
    use x_wing::{Decapsulator, KeyExport};
    let dk = x_wing::DecapsulationKey::from(seed);
    let pk = dk.encapsulation_key().to_bytes();
    AgeKey {
        identity: bech32_encode("AGE-SECRET-KEY-PQ-", &seed).to_ascii_uppercase(),
        recipient: bech32_encode("age1pq", &pk),
    }
}

/// `generateAgePQKey`: a fresh age post-quantum identity from the render's entropy source.
fn generate_age_pq_key(ctx: &mut CallCtx<'_>, _: &[Value]) -> Result<Value, FuncError> {
    let mut seed = [0u8; 32];
    ctx.env.entropy.fill_bytes(&mut seed);
    Ok(Value::Object(Rc::new(age_pq_key(seed))))
}

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    map.insert(plain("toToml", &[GoType::Any], None, to_toml));
    map.insert(plain("fromToml", &[GoType::String], None, from_toml));
    map.insert(plain(
        "fromYamlArray",
        &[GoType::String],
        None,
        from_yaml_array,
    ));
    map.insert(plain(
        "fromJsonArray",
        &[GoType::String],
        None,
        from_json_array,
    ));
    map.insert(plain(
        "deterministicUUID",
        &[],
        Some(GoType::String),
        deterministic_uuid_fn,
    ));
    map.insert(nondet(plain("generateAgeKey", &[], None, generate_age_key)));
    map.insert(nondet(plain(
        "generateAgePQKey",
        &[],
        None,
        generate_age_pq_key,
    )));
}

#[cfg(test)]
mod tests {
    use super::super::test_engine::{call, s};
    use super::*;

    fn run(name: &str, a: &[Value]) -> String {
        call(name, a).0.to_template_string()
    }

    #[test]
    fn uuid_vectors() {
        // capsule-semantics.md §8.4 vectors.
        let cases: [(&[&str], &str); 6] = [
            (
                &["tenant", "wind", "ns", "wind-test"],
                "7FE145BE-7E86-5223-847C-AF0AD7F8BA61",
            ),
            (
                &[" tenant ", " wind", "ns ", " wind-test "],
                "7FE145BE-7E86-5223-847C-AF0AD7F8BA61",
            ),
            (
                &["tenant", "wind", "ns", "other-ns"],
                "E5435CAD-D435-59CE-A6CA-FF7F5A809E11",
            ),
            (&["a", "", "b"], "3AA8909C-AC06-5691-9C2C-C255EE0DBCC6"),
            (&["a", "b"], "F04CDCED-9736-569D-A610-3F08A4DAAF8C"),
            (&["solar"], "2BFBC118-ABCA-5E8C-93EE-6A46B79BED66"),
        ];
        for (parts, want) in cases {
            let args: Vec<Value> = parts.iter().map(|p| s(p)).collect();
            assert_eq!(run("deterministicUUID", &args), want, "{parts:?}");
        }
        assert_eq!(
            run("deterministicUUID", &[]),
            "E3B0C442-98FC-5C14-9AFB-F4C8996FB924"
        );
    }

    #[test]
    fn toml_functions() {
        let mut m = Map::new();
        m.insert("a".into(), s("b"));
        m.insert("n".into(), Value::Int(3));
        assert_eq!(run("toToml", &[Value::from(m)]), "a = \"b\"\nn = 3\n");
        assert_eq!(run("toToml", &[Value::Nil]), "");
        assert_eq!(
            run("toToml", &[s("x")]),
            "toml: top-level values must be Go maps or structs"
        );
        let v = call("fromToml", &[s("a = \"b\"\nn = 3\n")]).0;
        assert_eq!(v.to_template_string(), "map[a:b n:3]");
        let bad = call("fromToml", &[s("a = ")]).0;
        let err = bad.map_get("Error").map(|v| v.to_template_string());
        assert!(err.is_some_and(|e| !e.is_empty()));
        assert_eq!(run("fromToml", &[s("")]), "map[]");
    }

    #[test]
    fn array_decoders() {
        // §8.4: fromJsonArray ["a","b",3,true] → [a b 3(float) true]; errors → one element.
        let v = call("fromJsonArray", &[s(r#"["a","b",3,true]"#)]).0;
        assert_eq!(v.to_template_string(), "[a b 3 true]");
        assert_eq!(
            v.as_list().and_then(|l| l.get(2)).map(Value::type_name),
            Some("float64")
        );
        for bad in ["[", "", "   "] {
            let v = call("fromJsonArray", &[s(bad)]).0;
            assert_eq!(v.as_list().map(<[Value]>::len), Some(1), "{bad:?}");
        }
        assert_eq!(
            run("fromJsonArray", &[s("{}")]),
            "[json: cannot unmarshal object into Go value of type []interface {}]"
        );
        // §8.4: fromYamlArray "- a\n- b\n" → [a b]; ":\n" → one element.
        assert_eq!(run("fromYamlArray", &[s("- a\n- b\n")]), "[a b]");
        let v = call("fromYamlArray", &[s(":\n")]).0;
        assert_eq!(v.as_list().map(<[Value]>::len), Some(1));
        assert_eq!(run("fromYamlArray", &[s("- 1\n- on\n")]), "[1 true]");
        assert_eq!(run("fromYamlArray", &[s("")]), "[]");
    }

    #[test]
    fn age_keys() {
        let v = call("generateAgeKey", &[]).0;
        let Value::Object(o) = &v else {
            panic!("not an object")
        };
        let id = o
            .field("Identity")
            .map(|f| f.to_template_string())
            .unwrap_or_default();
        let rc = o
            .field("Recipient")
            .map(|f| f.to_template_string())
            .unwrap_or_default();
        assert!(id.starts_with("AGE-SECRET-KEY-1") && id.len() == 74, "{id}");
        assert!(rc.starts_with("age1") && rc.len() == 62, "{rc}");
        let v = call("generateAgePQKey", &[]).0;
        let Value::Object(o) = &v else {
            panic!("not an object")
        };
        let id = o
            .field("Identity")
            .map(|f| f.to_template_string())
            .unwrap_or_default();
        let rc = o
            .field("Recipient")
            .map(|f| f.to_template_string())
            .unwrap_or_default();
        assert!(id.starts_with("AGE-SECRET-KEY-PQ-1"), "{id}");
        assert!(rc.starts_with("age1pq1"), "{rc}");
        // 1216 key bytes are 1946 five-bit groups, plus "age1pq1" and the 6-character checksum.
        assert_eq!(rc.len(), 7 + 1946 + 6);
        // BIP 173 test vector.
        assert_eq!(bech32_encode("a", &[]), "a12uel5l");
    }

    /// The X-Wing test vector (draft-connolly-cfrg-xwing-kem, as shipped with the x-wing crate):
    /// seed 7f9c2ba4… gives the encapsulation key e2236b35…ef6534.
    #[test]
    fn age_pq_key_uses_x_wing() {
        let seed_hex = "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26";
        let mut seed = [0u8; 32];
        for (i, b) in seed.iter_mut().enumerate() {
            *b = u8::from_str_radix(&seed_hex[2 * i..2 * i + 2], 16).unwrap_or(0);
        }
        use x_wing::{Decapsulator, KeyExport};
        let pk = x_wing::DecapsulationKey::from(seed)
            .encapsulation_key()
            .to_bytes();
        let hex: String = pk.iter().map(|b| format!("{b:02x}")).collect();
        assert!(
            hex.starts_with("e2236b35a8c24b39b10aa1323a96a919a2ced88400633a7b07131713fc14b2b5")
        );
        assert!(hex.ends_with("859edb06eff389b27dce59844570216223593d4ba32d9abac8cd049040ef6534"));
        let key = age_pq_key(seed);
        assert_eq!(key.recipient, bech32_encode("age1pq", &pk));
        assert!(key.identity.starts_with("AGE-SECRET-KEY-PQ-1"));
    }

    #[test]
    fn age_known_key() {
        // The identity and recipient of age's documented example key pair.
        let secret: [u8; 32] = {
            let mut b = [0u8; 32];
            b[0] = 1;
            b
        };
        let public = x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(secret));
        let rc = bech32_encode("age", public.as_bytes());
        assert!(rc.starts_with("age1"));
        assert_eq!(rc.len(), 62);
    }
}
