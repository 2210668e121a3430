//! Sprig functions that walk a whole value must never crash the process: on a map that holds
//! itself (Go's yaml.v3, TOML encoder, copystructure, … recurse until `fatal error: stack
//! overflow`) and on a value nested 100000 levels deep (Go's growable stack copes; a Rust
//! recursive walker would overflow its thread's stack) they stop the render with an error.
//! Every case runs on a thread with a normal 2 MiB stack, so a recursion that escaped the guard
//! would abort this test binary.
//!
//! The exception is `encoding/json`, which detects cycles itself: `toJson` & co. on a cyclic map
//! return Go's error, swallowed by sprigin into "" (measured with the gotmpl-oracle, sprigin
//! compat: `{"output":""}`); `mustToJson` reports it.

use capsule_render::sprig::capsule_func_map;
use capsule_render::template::{ExecOptions, FixedEntropy, RenderEnv, Template, Value};

/// Renders `src` with Capsule's function map on a fresh thread with a 2 MiB stack.
fn render(src: &str) -> Result<String, String> {
    let src = src.to_string();
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let funcs = capsule_func_map();
            let tpl = Template::parse("tpl", &src, &funcs).map_err(|e| e.to_string())?;
            let mut env = RenderEnv::new(Box::new(FixedEntropy::new(7, 0)));
            tpl.execute(&Value::Nil, &ExecOptions::default(), &mut env)
                .map_err(|e| e.to_string())
        })
        .map_err(|e| e.to_string())
        .and_then(|h| {
            h.join()
                .map_err(|_| "the render thread panicked".to_string())
        })
        .and_then(|r| r)
}

/// A map holding itself under key `a`, bound to `$m`.
const CYCLE: &str = r#"{{ $m := dict }}{{ $_ := set $m "a" $m }}"#;

/// A map chain 100000 levels deep, bound to `$m` (maps drop without recursion).
const DEEP: &str = r#"{{ $m := dict }}{{ range until 100000 }}{{ $m = dict "a" $m }}{{ end }}"#;

/// Every guarded call on `$m`.
const CALLS: &[&str] = &[
    "toJson $m",
    "toJSON $m",
    "toRawJson $m",
    "toRawJSON $m",
    "toPrettyJson $m",
    "toPrettyJSON $m",
    "mustToJson $m",
    "mustToRawJson $m",
    "mustToPrettyJson $m",
    "toYaml $m",
    "toYAML $m",
    "mustToYaml $m",
    "toIndentYAML 2 $m",
    "toToml $m",
    "deepEqual $m $m",
    "has $m (list $m)",
    "mustHas $m (list $m)",
    "deepCopy $m",
    "mustDeepCopy $m",
];

/// The swallowing JSON encoders, which return "" on a cycle as Go does.
const JSON_SWALLOWED: &[&str] = &[
    "toJson",
    "toJSON",
    "toRawJson",
    "toRawJSON",
    "toPrettyJson",
    "toPrettyJSON",
];

#[test]
fn cyclic_map_never_crashes() {
    for call in CALLS {
        let got = render(&format!("{CYCLE}{{{{ {call} }}}}"));
        let name = call.split(' ').next().unwrap_or_default();
        if JSON_SWALLOWED.contains(&name) {
            assert_eq!(got, Ok(String::new()), "{call}");
        } else if name.starts_with("mustTo") && name.contains("Json") {
            let e = got.expect_err(call);
            assert!(
                e.contains(
                    "json: unsupported value: encountered a cycle via map[string]interface {}"
                ),
                "{call}: {e}"
            );
        } else if COMPARE_CYCLES.contains(&name) {
            // reflect.DeepEqual copes with cycles: the same map is equal to itself.
            assert_eq!(got, Ok("true".to_string()), "{call}");
        } else {
            let e = got.expect_err(call);
            assert!(e.contains("contains itself"), "{call}: {e}");
        }
    }
}

/// The calls built on `reflect.DeepEqual`, which tracks the pairs of maps it is comparing.
const COMPARE_CYCLES: &[&str] = &["deepEqual", "has", "mustHas"];

/// Two cyclic maps compared as Go compares them (answers measured with the Go oracle: Masterminds
/// sprig's `deepEqual` is the same `reflect.DeepEqual` call).
#[test]
fn deep_equal_compares_cyclic_maps_as_go_does() {
    let maps = r#"{{ $m := dict }}{{ $_ := set $m "a" $m }}{{ $n := dict }}{{ $_ := set $n "a" $n }}{{ $o := dict "a" (dict "a" $m) }}"#;
    for (call, want) in [
        ("deepEqual $m $n", "true"),
        ("deepEqual $m $o", "true"),
        ("has $n (list 1 $m)", "true"),
        ("deepEqual $m (dict \"a\" $n \"b\" 1)", "false"),
    ] {
        let got = render(&format!("{maps}{{{{ {call} }}}}"));
        assert_eq!(got, Ok(want.to_string()), "{call}");
    }
}

#[test]
fn deeply_nested_value_never_crashes() {
    for call in CALLS {
        let got = render(&format!("{DEEP}{{{{ {call} }}}}"));
        let name = call.split(' ').next().unwrap_or_default();
        if COMPARE_CYCLES.contains(&name) {
            // The same map: reflect.DeepEqual answers without looking inside.
            assert_eq!(got, Ok("true".to_string()), "{call}");
        } else {
            let e = got.expect_err(call);
            assert!(e.contains("nested too deeply"), "{call}: {e}");
        }
    }
    // Two chains as deep: the comparison has to walk them, and stops at the engine's limit.
    let two = r#"{{ $m := dict }}{{ $n := dict }}{{ range until 100000 }}{{ $m = dict "a" $m }}{{ $n = dict "a" $n }}{{ end }}"#;
    for call in [
        "deepEqual $m $n",
        "has $m (list $n)",
        "mustHas $m (list $n)",
    ] {
        let e = render(&format!("{two}{{{{ {call} }}}}")).expect_err(call);
        assert!(e.contains("nested too deeply"), "{call}: {e}");
    }
}

#[test]
fn merge_and_flatten_on_such_values_finish() {
    // merge follows nested maps to a bounded depth; these only have to finish.
    for src in [
        format!("{CYCLE}{{{{ len (merge (dict) $m) }}}}"),
        format!("{CYCLE}{{{{ len (mergeOverwrite $m $m) }}}}"),
        format!("{DEEP}{{{{ len (merge (dict \"a\" (dict)) $m) }}}}"),
        format!("{DEEP}{{{{ len (dig \"a\" \"a\" \"a\" \"x\" $m) }}}}"),
    ] {
        assert_eq!(render(&src), Ok("1".into()), "{src}");
    }
    // flatten walks lists iteratively: a 100000-deep list flattens as in Go.
    let deep_list = r#"{{ $l := list 1 }}{{ range until 100000 }}{{ $l = list $l }}{{ end }}"#;
    assert_eq!(
        render(&format!("{deep_list}{{{{ flatten $l }}}}")),
        Ok("[1]".into())
    );
}

#[test]
fn deeply_nested_input_text_is_refused() {
    // The decoders stop at a nesting limit instead of recursing 100000 times.
    let open = "[".repeat(100_000);
    for f in [
        "fromJson",
        "fromJsonArray",
        "fromYaml",
        "fromYamlArray",
        "fromToml",
    ] {
        let src = format!("{{{{ {f} \"{open}\" | len }}}}");
        // Any outcome but a crash is acceptable; the thread must come back.
        let got = render(&src);
        assert_ne!(got, Err("the render thread panicked".to_string()), "{f}");
    }
}
