//! sprigin's YAML functions: `toYaml`/`toYAML`/`mustToYaml`/`toIndentYAML` (yaml.v3's encoder
//! with a 4-space indent, trailing newline removed) and `fromYaml`/`fromYAML`/`mustFromYaml`
//! (yaml.v3's decoder; `fromYaml` decodes into a map only).

use crate::template::{CallCtx, FuncError, FuncMap, GoType, Value};

use super::args::{self, Swallow, Wrapped, finish, wrapped};
use super::typed::{must, str_arg};
use super::walk_guard;
use super::yaml_dec;
use super::yaml_enc;

/// sprout's `toYaml`: yaml.v3 `Marshal` with `SetIndent(indent)`, one trailing newline removed.
pub(crate) fn to_yaml_text(v: &Value, indent: usize) -> String {
    let s = yaml_enc::marshal(v, indent);
    match s.strip_suffix('\n') {
        Some(t) => t.to_string(),
        None => s,
    }
}

fn to_yaml(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    walk_guard::guard(ctx.name, a)?;
    let out: Wrapped =
        args::arity(a, 1).map(|()| Value::from(to_yaml_text(a.first().unwrap_or(&Value::Nil), 4)));
    finish(ctx, out)
}

fn must_to_yaml(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    walk_guard::guard(ctx.name, a)?;
    Ok(Value::from(to_yaml_text(
        a.first().unwrap_or(&Value::Nil),
        4,
    )))
}

fn to_indent_yaml(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    walk_guard::guard(ctx.name, a)?;
    let out: Wrapped = args::arity(a, 2).and_then(|()| {
        let n = args::int_at(a, 0)?;
        if n < 0 {
            // yaml.v3's SetIndent panics on a negative indent; the wrapper recovers.
            return Err(Swallow::with(
                Value::from(""),
                "yaml: cannot indent to a negative number of spaces",
            ));
        }
        let n = usize::try_from(n).unwrap_or(0);
        Ok(Value::from(to_yaml_text(
            a.get(1).unwrap_or(&Value::Nil),
            n,
        )))
    });
    finish(ctx, out)
}

fn from_yaml(ctx: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let out: Wrapped = args::arity(a, 1)
        .and_then(|()| args::string_at(a, 0))
        .and_then(|s| {
            yaml_dec::decode_map(&s).map_err(|e| Swallow::nil(format!("yaml decode error: {e}")))
        });
    finish(ctx, out)
}

/// sprigin's `mustFromYaml` is sprout's `FromYAML` itself: a map, or its error.
fn must_from_yaml(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    let s = str_arg(a, 0)?;
    yaml_dec::decode_map(s).map_err(|e| FuncError::Call(format!("yaml decode error: {e}")))
}

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    for name in ["toYaml", "toYAML"] {
        map.insert(wrapped(name, to_yaml));
    }
    map.insert(must("mustToYaml", &[GoType::Any], must_to_yaml));
    map.insert(wrapped("toIndentYAML", to_indent_yaml));
    for name in ["fromYaml", "fromYAML"] {
        map.insert(wrapped(name, from_yaml));
    }
    map.insert(must("mustFromYaml", &[GoType::String], must_from_yaml));
}

#[cfg(test)]
mod tests {
    use super::super::test_engine::{call, d, s, try_call};
    use super::*;

    fn run(name: &str, a: &[Value]) -> String {
        call(name, a).0.to_template_string()
    }

    #[test]
    fn to_yaml_functions() {
        for name in ["toYaml", "toYAML", "mustToYaml"] {
            assert_eq!(run(name, &[d("m")]), "a: 1\nb: 2\nc: 3");
            assert_eq!(run(name, &[d("ml")]), "|\n    line1\n    line2");
            assert_eq!(run(name, &[Value::Nil]), "null");
        }
        assert_eq!(run("toYaml", &[]), "<no value>");
        assert_eq!(
            run("toIndentYAML", &[Value::Int(2), d("nested")]),
            "lst:\n  - 1\n  - 2\nnn: null\nx:\n  \"y\":\n    z: deep"
        );
        assert_eq!(run("toIndentYAML", &[d("n"), d("m")]), "<no value>");
        assert_eq!(run("toIndentYAML", &[Value::Int(-1), d("m")]), "");
    }

    #[test]
    fn from_yaml_functions() {
        // Measured (fromYaml): map[a:[x y] b:1]|int|<no value>|[<no value>]|map[]|<no value>
        for name in ["fromYaml", "fromYAML"] {
            let v = call(name, &[d("yaml")]).0;
            assert_eq!(v.to_template_string(), "map[a:[x y] b:1]");
            assert_eq!(
                v.map_get("b").map(|x| x.type_name().to_string()).as_deref(),
                Some("int")
            );
            assert_eq!(run(name, &[d("yamllist")]), "<no value>");
            assert_eq!(run(name, &[s("a: [")]), "<no value>");
            assert_eq!(run(name, &[s("")]), "map[]");
            assert_eq!(run(name, &[s("x")]), "<no value>");
        }
        // Measured (toYaml-of-fromYaml).
        let v = call("fromYaml", &[s("b: [1, 2]\na: {c: x}\n")]).0;
        assert_eq!(run("toYaml", &[v]), "a:\n    c: x\nb:\n    - 1\n    - 2");
        // sprigin.md: timestamps become time values (JSON "2024-01-01T00:00:00Z").
        let v = call("fromYaml", &[s("t: 2024-01-01\n")]).0;
        assert_eq!(run("toJson", &[v]), r#"{"t":"2024-01-01T00:00:00Z"}"#);
    }

    #[test]
    fn must_from_yaml() {
        assert_eq!(run("mustFromYaml", &[s("a: 1")]), "map[a:1]");
        assert_eq!(run("mustFromYaml", &[s("")]), "map[]");
        match try_call("mustFromYaml", &[d("yamllist")]) {
            Err(FuncError::Call(m)) => assert_eq!(
                m,
                "yaml decode error: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into map[string]interface {}"
            ),
            other => panic!("{other:?}"),
        }
        match try_call("mustFromYaml", &[s("just some text")]) {
            Err(FuncError::Call(m)) => assert!(
                m.ends_with("cannot unmarshal !!str `just so...` into map[string]interface {}"),
                "{m}"
            ),
            other => panic!("{other:?}"),
        }
        match try_call("mustFromYaml", &[s("a: [")]) {
            Err(FuncError::Call(m)) => {
                assert!(m.starts_with("yaml decode error: yaml: line 1: "), "{m}")
            }
            other => panic!("{other:?}"),
        }
    }
}

#[cfg(test)]
mod go_golden {
    use super::super::test_engine::call;
    use super::to_yaml_text;
    use crate::template::Value;

    /// yaml.v3 `Encoder` (SetIndent n) output recorded from Go with gopkg.in/yaml.v3 3.0.1
    /// (generator: testdata/yaml_oracle.go.txt).
    #[test]
    fn encoder_matches_yaml_v3() {
        check_encoder(include_str!("testdata/go_yaml_enc.jsonl"));
    }

    /// 400 random nested documents built from YAML-hostile fragments, encoded by yaml.v3.
    #[test]
    fn encoder_matches_yaml_v3_on_random_documents() {
        check_encoder(include_str!("testdata/go_yaml_fuzz.jsonl"));
    }

    fn check_encoder(data: &str) {
        let mut bad = Vec::new();
        let mut n = 0;
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let c: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
            let v = Value::from_json(c.get("v").unwrap_or(&serde_json::Value::Null));
            let indent = c
                .get("indent")
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(4) as usize;
            let want = c.get("want").and_then(|w| w.as_str()).unwrap_or("");
            let want = want.strip_suffix('\n').unwrap_or(want);
            let got = to_yaml_text(&v, indent);
            if got != want {
                bad.push(format!("{line}\n  got  {got:?}\n  want {want:?}"));
            }
            n += 1;
        }
        assert!(
            bad.is_empty(),
            "{} of {n} differ:\n{}",
            bad.len(),
            bad.join("\n")
        );
    }

    /// Go's `%q`-based description the generator prints for decoded values.
    fn desc(v: &Value) -> String {
        use crate::template::token::go_quote as quote;
        match v {
            Value::Nil => "nil".into(),
            Value::Map(m) => {
                let parts: Vec<String> = m
                    .borrow()
                    .iter()
                    .map(|(k, x)| format!("{}:{}", quote(k), desc(x)))
                    .collect();
                format!("{{{}}}", parts.join(","))
            }
            Value::List(items, _) => {
                format!("[{}]", items.iter().map(desc).collect::<Vec<_>>().join(","))
            }
            Value::String(s) => format!("string({})", quote(s)),
            Value::Object(_) => format!("time({})", v.to_template_string()),
            other => format!("{}({})", other.type_name(), other.to_template_string()),
        }
    }

    /// yaml.v3 `Unmarshal` into `interface{}` (mustFromYaml) and into a map (fromYaml), and
    /// sigs.k8s.io/yaml into `[]interface{}` (fromYamlArray), recorded from Go.
    #[test]
    fn decoders_match_go() {
        check_decoders(include_str!("testdata/go_yaml_dec.jsonl"), 3);
    }

    /// The 400 random documents above, decoded by yaml.v3 (fromYaml) and sigs.k8s.io/yaml
    /// (fromYamlArray).
    #[test]
    fn decoders_match_go_on_random_documents() {
        // Results and error/success agree everywhere; 12 error texts (libyaml's wording for
        // indentation errors, root scalars spanning lines) differ.
        check_decoders(include_str!("testdata/go_yaml_fuzzdec.jsonl"), 12);
    }

    fn check_decoders(data: &str, allowed_wording_misses: usize) {
        let mut bad = Vec::new();
        let mut exact_misses: Vec<String> = Vec::new();
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let c: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
            let f = |k: &str| c.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let text = Value::from(f("text"));
            let failed = !f("err").is_empty();
            // granit-parser reads YAML 1.2, where NEL, LS and PS are ordinary characters; yaml.v3
            // (libyaml) treats them as line breaks inside scalars. Such documents are skipped.
            if f("text").contains(['\u{85}', '\u{2028}', '\u{2029}']) {
                continue;
            }
            // sigs.k8s.io/yaml's yaml.v2 scanner rejects a tab where a literal block's
            // indentation is expected; granit-parser (like yaml.v3) accepts it.
            if f("op") == "k8s" && f("err").contains("found a tab character") {
                continue;
            }
            if f("want").starts_with("IMAP(") {
                // map[interface{}]interface{} (non-string keys) has no counterpart here.
                continue;
            }
            let ok = match f("op").as_str() {
                "dec" => continue, // Unmarshal into interface{}: no sprigin function does that.
                "decmap" => {
                    match super::super::test_engine::try_call(
                        "mustFromYaml",
                        std::slice::from_ref(&text),
                    ) {
                        Ok(v) if !failed && desc(&v) == f("want") => {}
                        Err(crate::template::FuncError::Call(m))
                            if failed && m == format!("yaml decode error: {}", f("err")) => {}
                        Err(_) if failed => exact_misses.push(line.to_string()),
                        _ => {
                            bad.push(format!("must: {line}"));
                        }
                    }
                    let v = call("fromYaml", &[text]).0;
                    if failed {
                        v.is_nil()
                    } else {
                        desc(&v) == f("want")
                    }
                }
                _ => {
                    let v = call("fromYamlArray", &[text]).0;
                    if failed {
                        let one = v.as_list().filter(|l| l.len() == 1);
                        // Type mismatches and JSON conversion errors carry Go's exact text.
                        let exact = f("err").starts_with("error unmarshaling JSON")
                            || f("err").contains("unsupported value");
                        one.is_some_and(|l| {
                            !exact || l.first().map(Value::to_template_string) == Some(f("err"))
                        })
                    } else {
                        desc(&v) == f("want")
                    }
                }
            };
            if !ok {
                bad.push(line.to_string());
            }
        }
        assert!(bad.is_empty(), "{} differ:\n{}", bad.len(), bad.join("\n"));
        // Parse errors whose wording differs from libyaml's (granit-parser reports its own).
        assert!(
            exact_misses.len() <= allowed_wording_misses,
            "{}",
            exact_misses.join("\n")
        );
    }
}
