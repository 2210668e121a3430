//! sprigin's encoding family: base64/base32 (sprout's `EncodingRegistry`) and JSON
//! (`encoding/json`). The YAML functions live in `yaml_v3.rs`.
//!
//! Decoded bytes that are not valid UTF-8 become U+FFFD here (Go keeps the raw bytes in the
//! string); every other result is byte-identical.

use crate::template::{CallCtx, FuncError, FuncMap, GoType, Value};

use super::args::{self, Swallow, Wrapped, finish, wrapped};
use super::base_n;
use super::json_go::{self, EncodeOptions};
use super::typed::{must, str_arg};
use super::walk_guard;

fn one_string(args: &[Value]) -> Result<std::rc::Rc<str>, Swallow> {
    args::arity(args, 1)?;
    args::string_at(args, 0)
}

fn b64enc(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = one_string(a).map(|s| Value::from(base_n::base64_encode(s.as_bytes())));
    finish(ctx, out)
}

fn b64dec(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = one_string(a).and_then(|s| match base_n::base64_decode(&s) {
        Ok(b) => Ok(Value::from(String::from_utf8_lossy(&b).into_owned())),
        // sprout's Base64Decode returns "" on error (no error result).
        Err(e) => Err(Swallow::with(Value::from(""), e)),
    });
    finish(ctx, out)
}

fn b32enc(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = one_string(a).map(|s| Value::from(base_n::base32_encode(s.as_bytes())));
    finish(ctx, out)
}

fn b32dec(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = one_string(a).and_then(|s| match base_n::base32_decode(&s) {
        Ok(b) => Ok(Value::from(String::from_utf8_lossy(&b).into_owned())),
        Err(e) => Err(Swallow::with(Value::from(""), e)),
    });
    finish(ctx, out)
}

const COMPACT: EncodeOptions<'static> = EncodeOptions {
    escape_html: true,
    indent: None,
};
const PRETTY: EncodeOptions<'static> = EncodeOptions {
    escape_html: true,
    indent: Some("  "),
};
const RAW: EncodeOptions<'static> = EncodeOptions {
    escape_html: false,
    indent: None,
};

fn to_json_wrapped(
    ctx: &mut CallCtx<'_>,
    a: &[Value],
    opts: EncodeOptions<'_>,
) -> Result<Value, FuncError> {
    let cycle = match a.first() {
        Some(v) => walk_guard::json_cycle(ctx.name, v)?,
        None => None,
    };
    let out: Wrapped = args::arity(a, 1).and_then(|()| {
        if let Some(e) = cycle {
            return Err(Swallow::with(Value::from(""), e));
        }
        let v = a.first().cloned().unwrap_or_default();
        json_go::encode(&v, opts)
            .map(Value::from)
            .map_err(|e| Swallow::with(Value::from(""), e))
    });
    finish(ctx, out)
}

fn to_json(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    to_json_wrapped(ctx, a, COMPACT)
}

fn to_pretty_json(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    to_json_wrapped(ctx, a, PRETTY)
}

fn to_raw_json(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    to_json_wrapped(ctx, a, RAW)
}

fn must_json(name: &str, a: &[Value], opts: EncodeOptions<'_>) -> Result<Value, FuncError> {
    let v = a.first().cloned().unwrap_or_default();
    if let Some(e) = walk_guard::json_cycle(name, &v)? {
        return Err(FuncError::Call(format!("json encode error: {e}")));
    }
    // sprout wraps encoding errors: `json encode error: json: unsupported value: NaN`.
    json_go::encode(&v, opts)
        .map(Value::from)
        .map_err(|e| FuncError::Call(format!("json encode error: {e}")))
}

fn must_to_json(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_json(ctx.name, a, COMPACT)
}

fn must_to_pretty_json(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_json(ctx.name, a, PRETTY)
}

fn must_to_raw_json(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    must_json(ctx.name, a, RAW)
}

fn from_json(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = one_string(a).and_then(|s| {
        // sprout's FromJson discards the error and returns the (nil) output.
        json_go::decode(&s).map_err(|e| Swallow::nil(format!("json decode error: {e}")))
    });
    finish(ctx, out)
}

fn must_from_json(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let s = str_arg(a, 0)?;
    json_go::decode(s).map_err(|e| FuncError::Call(format!("json decode error: {e}")))
}

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    for name in ["base64Encode", "b64enc"] {
        map.insert(wrapped(name, b64enc));
    }
    for name in ["base64Decode", "b64dec"] {
        map.insert(wrapped(name, b64dec));
    }
    for name in ["base32Encode", "b32enc"] {
        map.insert(wrapped(name, b32enc));
    }
    for name in ["base32Decode", "b32dec"] {
        map.insert(wrapped(name, b32dec));
    }
    for name in ["toJson", "toJSON"] {
        map.insert(wrapped(name, to_json));
    }
    for name in ["toPrettyJson", "toPrettyJSON"] {
        map.insert(wrapped(name, to_pretty_json));
    }
    for name in ["toRawJson", "toRawJSON"] {
        map.insert(wrapped(name, to_raw_json));
    }
    for name in ["fromJson", "fromJSON"] {
        map.insert(wrapped(name, from_json));
    }
    map.insert(must("mustToJson", &[GoType::Any], must_to_json));
    map.insert(must(
        "mustToPrettyJson",
        &[GoType::Any],
        must_to_pretty_json,
    ));
    map.insert(must("mustToRawJson", &[GoType::Any], must_to_raw_json));
    map.insert(must("mustFromJson", &[GoType::String], must_from_json));
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::super::test_engine::{call, data, map_of};
    use super::*;

    #[test]
    fn base64_functions() {
        // Measured (sprigin-cases "b64"): aGVsbG8=|hello|[]|NBSWY3DP|hello|[]||aGVsbG8=|
        assert_eq!(
            call("b64enc", &[Value::from("hello")])
                .0
                .to_template_string(),
            "aGVsbG8="
        );
        assert_eq!(
            call("base64Encode", &[Value::from("hello")])
                .0
                .to_template_string(),
            "aGVsbG8="
        );
        assert_eq!(
            call("b64dec", &[Value::from("aGVsbG8=")])
                .0
                .to_template_string(),
            "hello"
        );
        let (v, swallowed) = call("b64dec", &[Value::from("!!")]);
        assert_eq!(v.to_template_string(), "");
        assert_eq!(swallowed, 1);
        assert_eq!(
            call("b64dec", &[Value::from("aGVsbG8")])
                .0
                .to_template_string(),
            ""
        );
        assert_eq!(
            call("b64enc", &[Value::from("")]).0.to_template_string(),
            ""
        );
        // Non-string (int64 data) → nil; nil → "".
        assert_eq!(
            call("b64enc", &[Value::Int64(3)]).0.to_template_string(),
            "<no value>"
        );
        assert_eq!(call("b64enc", &[Value::Nil]).0.to_template_string(), "");
        assert_eq!(call("b64enc", &[]).0.to_template_string(), "<no value>");
    }

    #[test]
    fn base32_functions() {
        assert_eq!(
            call("b32enc", &[Value::from("hello")])
                .0
                .to_template_string(),
            "NBSWY3DP"
        );
        assert_eq!(
            call("base32Encode", &[Value::from("hello")])
                .0
                .to_template_string(),
            "NBSWY3DP"
        );
        assert_eq!(
            call("b32dec", &[Value::from("NBSWY3DP")])
                .0
                .to_template_string(),
            "hello"
        );
        assert_eq!(
            call("base32Decode", &[Value::from("NBSWY3DP")])
                .0
                .to_template_string(),
            "hello"
        );
        assert_eq!(
            call("b32dec", &[Value::from("!!")]).0.to_template_string(),
            ""
        );
    }

    #[test]
    fn to_json_all() {
        // Measured (toJson-all).
        let d = data();
        let get = |k: &str| d.map_get(k).unwrap_or_default();
        let cases = [
            ("m", r#"{"a":1,"b":2,"c":3}"#),
            ("l", r#"["b","a","c","a"]"#),
            ("s", r#""hello""#),
            ("n", "3"),
            ("f", "1.5"),
            ("ff", "2"),
            ("nil", "null"),
            ("missing", "null"),
            ("html", r#""\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e""#),
            ("big", "1e+21"),
            ("em", "{}"),
            ("el", "[]"),
            ("u", "\"héllo wörld\""),
        ];
        for (k, want) in cases {
            for name in ["toJson", "toJSON", "mustToJson"] {
                assert_eq!(
                    call(name, &[get(k)]).0.to_template_string(),
                    want,
                    "{name} .{k}"
                );
            }
        }
        // toJson-keyorder.
        let m = map_of(&[("b", 1), ("a", 2), ("B", 3), ("10", 4), ("9", 5)]);
        assert_eq!(
            call("toJson", &[m]).0.to_template_string(),
            r#"{"10":4,"9":5,"B":3,"a":2,"b":1}"#
        );
        assert_eq!(call("toJson", &[]).0.to_template_string(), "<no value>");
        assert_eq!(
            call("toJson", &[Value::Float(f64::NAN)])
                .0
                .to_template_string(),
            ""
        );
    }

    #[test]
    fn raw_and_pretty_json() {
        let d = data();
        let html = d.map_get("html").unwrap_or_default();
        assert_eq!(
            call("toRawJson", &[html]).0.to_template_string(),
            r#""<a href=\"x\">&</a>""#
        );
        let m = map_of(&[("h", 1)]);
        assert_eq!(
            call("toRawJSON", &[m.clone()]).0.to_template_string(),
            r#"{"h":1}"#
        );
        assert_eq!(
            call("mustToRawJson", &[m.clone()]).0.to_template_string(),
            r#"{"h":1}"#
        );
        let nested = Value::list(vec![m, Value::list(vec![]), Value::from("<")]);
        assert_eq!(
            call("toPrettyJson", &[nested.clone()])
                .0
                .to_template_string(),
            "[\n  {\n    \"h\": 1\n  },\n  [],\n  \"\\u003c\"\n]"
        );
        assert_eq!(
            call("mustToPrettyJson", &[nested]).0.to_template_string(),
            "[\n  {\n    \"h\": 1\n  },\n  [],\n  \"\\u003c\"\n]"
        );
        assert_eq!(
            call("toPrettyJSON", &[Value::Nil]).0.to_template_string(),
            "null"
        );
    }

    #[test]
    fn from_json_family() {
        // Measured (fromJson): map[a:1 b:[true <nil> 1.5]]|1|float64|[1 2]|3|[<no value>]|[<no value>]
        let j = r#"{"b":[true,null,1.5],"a":1}"#;
        let v = call("fromJson", &[Value::from(j)]).0;
        assert_eq!(v.to_template_string(), "map[a:1 b:[true <nil> 1.5]]");
        assert_eq!(
            v.map_get("a").map(|x| x.type_name().to_string()).as_deref(),
            Some("float64")
        );
        assert_eq!(
            call("fromJSON", &[Value::from("[1,2]")])
                .0
                .to_template_string(),
            "[1 2]"
        );
        assert_eq!(
            call("fromJson", &[Value::from("3")]).0.to_template_string(),
            "3"
        );
        assert_eq!(
            call("fromJson", &[Value::from("{a:")])
                .0
                .to_template_string(),
            "<no value>"
        );
        assert_eq!(
            call("fromJson", &[Value::from("")]).0.to_template_string(),
            "<no value>"
        );
        let err = call_err("mustFromJson", &[Value::from("{a:")]);
        assert_eq!(
            err,
            "json decode error: invalid character 'a' looking for beginning of object key string"
        );
        assert_eq!(
            call("mustFromJson", &[Value::from("[1]")])
                .0
                .to_template_string(),
            "[1]"
        );
    }

    fn call_err(name: &str, a: &[Value]) -> String {
        match super::super::test_engine::try_call(name, a) {
            Err(FuncError::Call(m)) | Err(FuncError::Fatal(m)) => m,
            Ok(v) => panic!("expected an error, got {v:?}"),
        }
    }
}

#[cfg(test)]
mod go_golden {
    use super::super::test_engine::{call, try_call};
    use crate::template::{FuncError, Value};

    /// toJson / toPrettyJson / toRawJson / mustFromJson results recorded from the Go oracle
    /// (encoding/json of Go 1.27, the same code sprigin calls).
    #[test]
    fn json_matches_go() {
        let data = include_str!("testdata/go_json.jsonl");
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let c: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
            let f = |k: &str| c.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let r = match f("f").as_str() {
                "from" => try_call("mustFromJson", &[Value::from(f("text"))])
                    .map(|v| v.to_template_string()),
                "fromto" => try_call("mustFromJson", &[Value::from(f("text"))])
                    .map(|v| call("toJson", &[v]).0.to_template_string()),
                name => {
                    let v = Value::from_json(c.get("value").unwrap_or(&serde_json::Value::Null));
                    Ok(call(name, &[v]).0.to_template_string())
                }
            };
            match r {
                Ok(got) => assert_eq!(
                    (got.as_str(), ""),
                    (f("want").as_str(), f("err").as_str()),
                    "{line}"
                ),
                Err(FuncError::Call(m) | FuncError::Fatal(m)) => {
                    assert_eq!(m, format!("json decode error: {}", f("err")), "{line}")
                }
            }
        }
    }
}

#[cfg(test)]
mod aliases {
    use super::super::test_engine::{call, s};
    use crate::template::Value;

    /// Every alias gives its canonical name's results (three inputs each, one an error case).
    #[test]
    fn aliases_agree() {
        let groups: [(&str, &str, [Value; 3], [&str; 3]); 6] = [
            (
                "base64Decode",
                "b64dec",
                [s("aGVsbG8="), s("!!"), s("")],
                ["hello", "", ""],
            ),
            (
                "base64Encode",
                "b64enc",
                [s("hello"), s(""), Value::Int64(1)],
                ["aGVsbG8=", "", "<no value>"],
            ),
            (
                "base32Encode",
                "b32enc",
                [s("hello"), s(""), Value::Float(1.0)],
                ["NBSWY3DP", "", "<no value>"],
            ),
            (
                "base32Decode",
                "b32dec",
                [s("NBSWY3DP"), s("!!"), Value::Nil],
                ["hello", "", ""],
            ),
            (
                "fromJson",
                "fromJSON",
                [s("[1]"), s("{"), s("null")],
                ["[1]", "<no value>", "<no value>"],
            ),
            (
                "toJson",
                "toJSON",
                [s("<"), Value::Nil, Value::Float(f64::INFINITY)],
                ["\"\\u003c\"", "null", ""],
            ),
        ];
        for (a, b, inputs, wants) in groups {
            for (v, want) in inputs.iter().zip(wants) {
                for name in [a, b] {
                    let got = call(name, std::slice::from_ref(v)).0.to_template_string();
                    assert_eq!(got, want, "{name} {v:?}");
                }
            }
        }
        for (a, b) in [("toPrettyJson", "toPrettyJSON"), ("toRawJson", "toRawJSON")] {
            for v in [s("<&>"), Value::list(vec![Value::Int(1)]), Value::Nil] {
                let x = call(a, std::slice::from_ref(&v)).0.to_template_string();
                let y = call(b, std::slice::from_ref(&v)).0.to_template_string();
                assert_eq!(x, y);
            }
        }
        assert_eq!(
            call("toPrettyJson", &[Value::list(vec![Value::Int(1)])])
                .0
                .to_template_string(),
            "[\n  1\n]"
        );
        assert_eq!(
            call("toRawJson", &[s("<&>")]).0.to_template_string(),
            "\"<&>\""
        );
        assert_eq!(
            call("toRawJson", &[Value::Float(f64::NAN)])
                .0
                .to_template_string(),
            ""
        );
    }
}
