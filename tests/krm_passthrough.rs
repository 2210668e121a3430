//! Pass-through fidelity at the library level (product.md §3.1): every item read from a
//! ResourceList or stream and written back unchanged reads back as the same value, and when its
//! text could be copied verbatim, it is.

use capsule_render::krm::{InputKind, Out, read_input, write_resource_list, write_stream};
use capsule_render::yaml::{Limits, emit};
use serde_json::{Value, json};

fn pass(text: &str) -> String {
    let input = read_input(text, &Limits::DEFAULT).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let items = (0..input.items.len()).map(Out::Kept);
    let mut out = Vec::new();
    match &input.kind {
        InputKind::ResourceList { api_version } => {
            write_resource_list(&mut out, api_version, &input, items, &[]).unwrap()
        }
        InputKind::Stream => write_stream(&mut out, &input, items).unwrap(),
    }
    String::from_utf8(out).unwrap()
}

fn items(text: &str) -> Vec<Value> {
    read_input(text, &Limits::DEFAULT)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .items
        .iter()
        .map(|p| p.value())
        .collect()
}

/// Same values after the round trip; returns the output.
fn same_values(text: &str) -> String {
    let out = pass(text);
    assert_eq!(items(&out), items(text), "output:\n{out}");
    out
}

const HEAD: &str = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n";

#[test]
fn odd_but_valid_resource_lists_keep_their_values() {
    let cases = [
        // An alias from one item to another's anchor: the second can't stand alone.
        "items:\n- &base\n  apiVersion: v1\n  kind: A\n  data: {x: 1}\n- <<: *base\n  kind: B\n",
        // Wide sequence indentation.
        "items:\n  - apiVersion: v1\n    kind: A\n    list:\n      - a\n      - b\n  - kind: B\n",
        // Flow items.
        "items: [{kind: A}, {kind: B, data: {a: \"yes\"}}]\n",
        // Tags on items and inside.
        "items:\n- !!map\n  kind: A\n- kind: B\n  v: !!str 12\n  w: !custom x\n",
        // Keep-chomping literal at the end of an item, and blank lines between items.
        "items:\n- kind: A\n  data:\n    s: |+\n      x\n\n\n- kind: B\n\n\n",
        // Comments everywhere.
        "items: # the items\n# before\n- kind: A # a\n  # inside\n  x: 1\n# between\n- # on the dash\n  kind: B\n# end\nfunctionConfig: {kind: C}\n",
        // Quoted multi-line scalars and a plain one.
        "items:\n- kind: A\n  s: \"one\n    two\"\n  p: one\n    two\n",
        // Null and missing items.
        "items:\n",
        "items: ~\n",
        // Anchors within one item only.
        "items:\n- kind: A\n  a: &x {y: 1}\n  b: *x\n",
        // Anchor on the first key.
        "items:\n- &k kind: A\n  other: *k\n",
        // Document markers.
        "---\nitems:\n- kind: A\n...\n",
        // Deep nesting.
        "items:\n- kind: A\n  a:\n    b:\n      c:\n      - d:\n        - - e: [1, {f: g}]\n",
    ];
    for case in cases {
        let text = if case.starts_with("---") {
            format!("---\n{HEAD}{}", &case[4..])
        } else {
            format!("{HEAD}{case}")
        };
        same_values(&text);
    }
}

#[test]
fn tag_directives_fall_back_to_values() {
    let text =
        format!("%TAG !e! tag:example.com,2000:\n---\n{HEAD}items:\n- kind: A\n  x: !e!foo bar\n");
    same_values(&text);
}

#[test]
fn crlf_input() {
    let text = format!("{HEAD}items:\n- kind: A\n  x: 1\n- kind: B\n").replace('\n', "\r\n");
    same_values(&text);
}

#[test]
fn verbatim_copies_where_possible() {
    let text = format!(
        "{HEAD}items:\n- # file comment\n  apiVersion: v1 # trailing\n  kind: ConfigMap\n  data: {{a: 'true', b: yes, c: 0755}}\n  s: >\n    folded\n    text\n"
    );
    assert_eq!(pass(&text), text);
    // Wide input comes out compact, with each item's own text unchanged.
    let wide = format!("{HEAD}items:\n  - kind: A\n    list:\n      - 'x'\n");
    assert_eq!(
        pass(&wide),
        format!("{HEAD}items:\n- kind: A\n  list:\n    - 'x'\n")
    );
}

#[test]
fn streams_keep_document_text() {
    let text = "# c\nkind: A\n---\n# d\nkind: B\nx: [1, 2] # e\n";
    assert_eq!(pass(text), text);
    same_values("kind: A\n---\n---\nkind: B\n...\n---\n{kind: C}\n");
}

fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Deterministic pseudo-random objects.
fn random_value(state: &mut u64, depth: usize) -> Value {
    const WORDS: &[&str] = &[
        "yes",
        "no",
        "on",
        "0755",
        "1e3",
        "2024-01-01",
        "~",
        "null",
        "a b",
        "x: y",
        "#c",
        "- d",
        "multi\nline\n",
        "tab\there",
        "é",
        "",
        " lead",
        "trail ",
        "'q'",
        "\"dq\"",
        "*a",
        "&b",
        "!t",
        "|",
        ">",
        "80",
        "true",
        "-1",
        ".5",
        "plain",
    ];
    match next(state) % if depth > 3 { 4 } else { 7 } {
        0 => json!(WORDS[(next(state) % WORDS.len() as u64) as usize]),
        1 => json!((next(state) % 1000) as i64 - 500),
        2 => json!(next(state).is_multiple_of(2)),
        3 => Value::Null,
        4 | 5 => {
            let n = next(state) % 4;
            let mut map = serde_json::Map::new();
            for i in 0..n {
                let key = format!("{}{i}", WORDS[(next(state) % WORDS.len() as u64) as usize]);
                map.insert(key, random_value(state, depth + 1));
            }
            Value::Object(map)
        }
        _ => {
            let n = next(state) % 4;
            Value::Array((0..n).map(|_| random_value(state, depth + 1)).collect())
        }
    }
}

#[test]
fn generated_items_round_trip_compact_and_wide() {
    let mut state = 0x1234_5678_9ABC_DEF1;
    for round in 0..200 {
        let mut objects = Vec::new();
        for i in 0..3 {
            let mut object = serde_json::Map::new();
            object.insert("apiVersion".into(), json!("v1"));
            object.insert("kind".into(), json!(format!("K{round}x{i}")));
            object.insert("spec".into(), random_value(&mut state, 0));
            objects.push(Value::Object(object));
        }
        let mut compact = format!("{HEAD}items:\n");
        let mut wide = format!("{HEAD}items:\n");
        for object in &objects {
            let body = emit(object);
            for (n, line) in body.lines().enumerate() {
                let (c, w) = match (n, line.is_empty()) {
                    (0, _) => ("- ", "  - "),
                    (_, true) => ("", ""),
                    _ => ("  ", "    "),
                };
                compact.push_str(&format!("{c}{line}\n"));
                wide.push_str(&format!("{w}{line}\n"));
            }
        }
        assert_eq!(items(&compact), objects, "{compact}");
        assert_eq!(pass(&compact), compact);
        assert_eq!(items(&same_values(&wide)), objects);
    }
}

#[test]
fn no_panic_on_garbage_input() {
    let fragments = [
        "items:",
        "\n",
        "- ",
        "  ",
        "kind: ResourceList",
        "apiVersion: config.kubernetes.io/v1",
        "&a ",
        "*a",
        "[",
        "]",
        "{",
        "}",
        "#",
        "'",
        "\"",
        "|",
        ">",
        "---",
        "...",
        ": ",
        "!!map ",
        "functionConfig:",
        "x",
    ];
    let mut state: u64 = 7;
    for _ in 0..5000 {
        let mut text = String::new();
        for _ in 0..14 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(fragments[(state >> 33) as usize % fragments.len()]);
        }
        if read_input(&text, &Limits::DEFAULT).is_ok() {
            let _ = pass(&text);
        }
    }
}
