//! `decode_k8s_stream`: Kubernetes' YAML-or-JSON stream decoding as Capsule applies it to
//! generator output (capsule-semantics.md §3.4), and the reader's limits on hostile input
//! (product.md §4).

use capsule_render::yaml::{
    Limits, Schema, decode_k8s_stream, decode_k8s_stream_with_limits, read_stream,
};
use serde_json::{Value, json};

#[test]
fn documents_split_on_separator_lines() {
    let got = decode_k8s_stream("a: 1\n---\nb: yes\n--- # comment\nc: x\n").unwrap();
    assert_eq!(
        got,
        vec![json!({"a": 1}), json!({"b": true}), json!({"c": "x"})]
    );
}

#[test]
fn empty_and_comment_only_documents() {
    assert_eq!(decode_k8s_stream("").unwrap(), Vec::<Value>::new());
    assert_eq!(decode_k8s_stream("# nothing\n").unwrap(), vec![Value::Null]);
    // YAMLReader skips a separator with nothing buffered before it.
    assert_eq!(
        decode_k8s_stream("---\n---\na: 1\n").unwrap(),
        vec![json!({"a": 1})]
    );
    assert_eq!(decode_k8s_stream("null\n").unwrap(), vec![Value::Null]);
}

#[test]
fn separator_followed_by_content_is_an_error() {
    let err = decode_k8s_stream("a: 1\n--- b: 2\n").unwrap_err();
    assert!(
        err.message
            .contains("invalid Yaml document separator: b: 2"),
        "{err}"
    );
    assert_eq!(err.line, 2);
}

#[test]
fn yaml_11_scalars_as_capsule_reads_them() {
    let got = decode_k8s_stream("x: y\nmode: 0755\nd: 2024-01-01\nnum: 1e3\no: off\n").unwrap();
    assert_eq!(
        got,
        vec![json!({"x": true, "mode": 493, "d": "2024-01-01", "num": 1000, "o": false})]
    );
    let err = decode_k8s_stream("a: .inf\n").unwrap_err();
    assert!(err.message.contains("unsupported value"), "{err}");
}

#[test]
fn json_stream_and_mixed_json_then_yaml() {
    let got = decode_k8s_stream("  {\"a\": 1}\n{\"b\": [true]}\n").unwrap();
    assert_eq!(got, vec![json!({"a": 1}), json!({"b": [true]})]);
    let got = decode_k8s_stream("{\"a\": 1}\n---\nb: on\n").unwrap();
    assert_eq!(got, vec![json!({"a": 1}), json!({"b": true})]);
    let err = decode_k8s_stream("{\"a\": 1,\n \"b\": }\n").unwrap_err();
    assert_eq!(err.line, 2);
}

#[test]
fn syntax_errors_carry_the_line_of_the_whole_stream() {
    let err = decode_k8s_stream("a: 1\n---\nb: 2\nc: [1,\n").unwrap_err();
    assert!(err.line >= 4, "{err}");
    let err = decode_k8s_stream("a: 1\n---\nb: \"x\n").unwrap_err();
    assert!(err.line >= 3, "{err}");
    assert!(decode_k8s_stream("a:\n\t- b\n").is_err());
}

#[test]
fn alias_bomb_is_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        let list = [prev.as_str(); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{list}]\n"));
    }
    let err = decode_k8s_stream(&text).unwrap_err();
    assert!(err.message.contains("alias"), "{err}");
    assert!(read_stream(&text, Schema::Core12).is_err());
}

#[test]
fn deep_nesting_is_refused() {
    for text in [
        "[".repeat(10_000),
        "{a: ".repeat(10_000),
        "- ".repeat(10_000) + "x",
    ] {
        let err = decode_k8s_stream(&text).unwrap_err();
        assert!(err.line >= 1, "{err}");
    }
    let mut block = String::new();
    for i in 0..300 {
        block.push_str(&" ".repeat(i));
        block.push_str("a:\n");
    }
    assert!(decode_k8s_stream(&block).is_err());
}

#[test]
fn recursive_alias_is_an_error() {
    assert!(read_stream("a: &x [*x]\n", Schema::Yaml11).is_err());
    assert!(read_stream("a: *nothing\n", Schema::Yaml11).is_err());
}

#[test]
fn input_size_limit() {
    let limits = Limits {
        max_input_bytes: 10,
        ..Limits::DEFAULT
    };
    let err = decode_k8s_stream_with_limits("a: 1234567890\n", &limits).unwrap_err();
    assert!(err.message.contains("limit"), "{err}");
}

#[test]
fn no_panic_on_garbage() {
    let fragments = [
        "a",
        ":",
        " ",
        "\n",
        "-",
        "[",
        "]",
        "{",
        "}",
        "&x",
        "*x",
        "!",
        "|",
        ">",
        "'",
        "\"",
        "#",
        "\t",
        "---",
        "...",
        "?",
        ",",
        "%YAML 1.1",
        "<<",
        "é",
    ];
    let mut state: u64 = 42;
    for _ in 0..5000 {
        let mut text = String::new();
        for _ in 0..12 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(fragments[(state >> 33) as usize % fragments.len()]);
        }
        let _ = decode_k8s_stream(&text);
        let _ = read_stream(&text, Schema::Core12);
    }
}

#[test]
fn no_panic_on_tagged_garbage() {
    let chars = [
        "2", "0", "-", ":", "T", "t", " ", ".", "Z", "+", "é", "=", "/", "a", "A", "\u{fffd}",
    ];
    let mut state: u64 = 99;
    for _ in 0..5000 {
        let mut s = String::new();
        for _ in 0..8 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push_str(chars[(state >> 33) as usize % chars.len()]);
        }
        for tag in [
            "!!timestamp",
            "!!binary",
            "!!int",
            "!!float",
            "!!bool",
            "!!null",
            "!!map",
        ] {
            let _ = decode_k8s_stream(&format!("a: {tag} \"{s}\"\n"));
        }
    }
}
