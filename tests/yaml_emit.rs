//! The emitter: whatever it writes, YAML 1.1 and YAML 1.2 readers read back the same value.
//!
//! 1. Round trips through our own readers (whose rules are checked against Go in yaml_golden.rs),
//!    for hand-picked and generated tricky strings in keys, values, sequences and at the root.
//! 2. tests/fixtures/krm/emit_golden.jsonl: our output for the hand-picked strings, as Go's readers
//!    (go-yaml v2 via sigs.k8s.io/yaml, and yaml.v3) read it (tests/fixtures/krm/oracle). If the
//!    emitter's output changes, regenerate: `EMIT_CASES=/tmp/emit_cases.jsonl cargo test --test
//!    yaml_emit dump_cases -- --ignored`, then `/tmp/yamloracle < /tmp/emit_cases.jsonl`, and
//!    check every line reads back as the string.

use capsule_render::yaml::{Schema, emit, read_stream};
use serde_json::{Value, json};

const TRICKY: &[&str] = &[
    "",
    " ",
    "  ",
    "a ",
    " a",
    "yes",
    "Yes",
    "YES",
    "yEs",
    "no",
    "No",
    "NO",
    "y",
    "Y",
    "n",
    "N",
    "on",
    "On",
    "ON",
    "off",
    "Off",
    "OFF",
    "true",
    "True",
    "TRUE",
    "false",
    "FALSE",
    "null",
    "Null",
    "NULL",
    "~",
    "0755",
    "0o755",
    "0x1F",
    "0b101",
    "1_000",
    "1e3",
    "1E3",
    "1e+3",
    ".5",
    "5.",
    "+1",
    "-1",
    "08",
    "09.5",
    "1e400",
    ".inf",
    "-.inf",
    ".nan",
    ".NaN",
    "inf",
    "nan",
    "2024-01-01",
    "2024-01-01T10:00:00Z",
    "1:20",
    "190:20:30",
    "=",
    "<<",
    "80",
    "8080",
    "1.2.3",
    "v1",
    "1Gi",
    "a: b",
    "a:b",
    "a #b",
    "a#b",
    "#a",
    "- a",
    "-a",
    "-",
    "--",
    "---",
    "...",
    "? a",
    "?a",
    ":a",
    ":",
    "a:",
    "[a]",
    "{a}",
    "a,b",
    "&a",
    "*a",
    "!a",
    "!!str",
    "|",
    ">",
    "'a'",
    "\"a\"",
    "%a",
    "@a",
    "`a",
    "a\nb",
    "a\n",
    "a\n\n",
    "\na",
    " a\nb",
    "a\n b",
    "a \nb",
    "a\tb",
    "\t",
    "a\r\nb",
    "a\u{85}b",
    "\u{2028}",
    "\u{feff}a",
    "é",
    "日本",
    "a\\b",
    "a\"b",
    "a'b",
    "a\u{7f}",
    "\u{1}",
    "\u{0}",
    "a\n\n\nb\n\n",
    "key: |\n  x",
    "http://x/y?z#w",
    "x y",
    "null x",
    "0",
    "-0",
    "+",
    ".",
    "0.",
    "1,000",
    "$HOME",
    "%{x}",
    "{{ .x }}",
    "a\u{a0}",
    "\u{a0}a",
];

/// Deterministic pseudo-random strings built from YAML-significant fragments.
fn generated(count: usize) -> Vec<String> {
    const PARTS: &[&str] = &[
        "yes", "0", "7", ":", " ", "#", "\n", "-", "'", "\"", "\t", "é", "~", ".", "e", "x",
        "null", "{", "[", "]", "}", "&", "*", "!", "|", ">", "%", "@", ",", "?", "---", "\\", "+",
        "_", "\u{2028}", "a", "b", "on",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let n = (next() % 5 + 1) as usize;
            (0..n)
                .map(|_| PARTS[(next() % PARTS.len() as u64) as usize])
                .collect()
        })
        .collect()
}

fn read_back(text: &str, schema: Schema) -> Value {
    let docs = read_stream(text, schema)
        .unwrap_or_else(|e| panic!("cannot read back {text:?} ({schema:?}): {e}"));
    assert_eq!(docs.len(), 1, "{text:?}");
    docs.into_iter().next().unwrap()
}

fn check(value: &Value) {
    let text = emit(value);
    for schema in [Schema::Yaml11, Schema::Core12] {
        assert_eq!(
            &read_back(&text, schema),
            value,
            "{schema:?} reading {text:?}"
        );
    }
}

fn shapes(s: &str) -> Vec<Value> {
    vec![
        json!({ "k": s }),
        json!({ s: "v" }),
        json!([s]),
        json!({ "a": { "b": [s, { "c": s, s: [s] }] }, "d": [[s, s], []], "e": {} }),
        json!(s),
    ]
}

#[test]
fn tricky_strings_round_trip() {
    for s in TRICKY {
        for v in shapes(s) {
            check(&v);
        }
    }
}

#[test]
fn generated_strings_round_trip() {
    for s in generated(3000) {
        for v in shapes(&s) {
            check(&v);
        }
    }
}

#[test]
fn other_scalars_round_trip() {
    for v in [
        json!({"a": null, "b": true, "c": false, "d": 0, "e": -1, "f": i64::MIN, "g": i64::MAX}),
        json!({"f": 0.5, "g": -1.25, "h": 1e-7, "i": 1.5e300, "j": 2.5e-300, "k": 0.1}),
        json!([[], {}, [[]], [{}], {"a": []}, {"a": {}}]),
        json!([{"a": 1, "b": [1, 2]}, [{"c": 3}]]),
    ] {
        check(&v);
    }
}

#[test]
fn layout_is_kubectl_like() {
    let v = json!({
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "x", "labels": {"a": "yes"}},
        "data": {"port": "80", "script": "echo hi\necho there\n"},
        "list": [{"name": "a", "value": "on"}, "b"],
    });
    // The expected layout is kubectl's (`kubectl create configmap ... -o yaml` style): compact
    // sequences, 2-space indent, literal blocks, quoted YAML 1.1 booleans and numbers.
    let expected = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  labels:
    a: \"yes\"
data:
  port: \"80\"
  script: |
    echo hi
    echo there
list:
- name: a
  value: \"on\"
- b
";
    assert_eq!(emit(&v), expected);
}

#[test]
fn go_readers_read_our_output_back() {
    let path = format!(
        "{}/tests/fixtures/krm/emit_golden.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let golden = std::fs::read_to_string(&path).unwrap();
    let mut n = 0;
    for (line, s) in golden.lines().zip(TRICKY) {
        let g: Value = serde_json::from_str(line).unwrap();
        let expected = json!({ "k": s });
        assert_eq!(
            g["yaml"].as_str().unwrap(),
            emit(&expected),
            "emitter output changed for {s:?}: regenerate (see the module docs)"
        );
        assert_eq!(g["v2"], expected, "go-yaml v2 reads {:?}", g["yaml"]);
        assert_eq!(g["v3"], expected, "yaml.v3 reads {:?}", g["yaml"]);
        n += 1;
    }
    assert_eq!(n, TRICKY.len());
}

#[test]
#[ignore = "writes the oracle input for emit_golden.jsonl"]
fn dump_cases() {
    let path = std::env::var("EMIT_CASES").unwrap_or_else(|_| "/tmp/emit_cases.jsonl".into());
    let mut out = String::new();
    for (i, s) in TRICKY.iter().enumerate() {
        let yaml = emit(&json!({ "k": s }));
        out.push_str(&json!({"id": format!("emit-{i}"), "yaml": yaml}).to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn long_keys_and_values() {
    let long = "k".repeat(1500);
    let multi = format!("{}\n{}", "a".repeat(1200), "b: c");
    for v in [
        json!({ long.clone(): "v" }),
        json!({ "k": long.clone() }),
        json!({ long.clone(): { "x": [long.clone()] } }),
        json!([{ long.clone(): [] }]),
        json!({ multi.clone(): multi.clone() }),
    ] {
        check(&v);
    }
}
