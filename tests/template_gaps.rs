//! Differential cases for the corners of Go's text/template the main corpus does not reach:
//! `index` of a string yielding a `uint8`, comparisons of `time.Duration` (an `int64` kind) and
//! of `time.Month`/`time.Weekday`, the methods with and without arguments Go calls on
//! `time.Time` and `time.Duration` values, and printing values that contain themselves.
//!
//! `tests/data/template_gaps_cases.jsonl` holds the cases; `tests/data/template_gaps_go.jsonl`
//! holds Go's answers, line by line, produced by Go's own engine with:
//!
//! ```text
//! /root/.cache/gotmpl-oracle/gotmpl-oracle -batch \
//!     < tests/data/template_gaps_cases.jsonl > tests/data/template_gaps_go.jsonl
//! ```
//!
//! (the oracle of `/work/shared/tools/gotmpl-oracle`, Go text/template + sprig, `compat:
//! sprigin`). The cases run here against Capsule's function map. A case with a `known_diff`
//! field is a measured difference that lies outside the engine (it says why); it is reported,
//! not failed. Cases where a value contains itself cannot go through the oracle (Go dies with a
//! fatal stack overflow); `never_crash_on_values_that_contain_themselves` checks our error.

use std::fmt::Write as _;
use std::path::Path;

use capsule_render::template::{ExecOptions, MissingKey, RenderEnv, Template, Value};

type Outcome = Result<String, (String, String)>;

struct Case {
    id: String,
    template: String,
    data: Value,
    missing_key: MissingKey,
    known_diff: Option<String>,
    expect: Outcome,
}

fn read_lines(name: &str) -> Vec<serde_json::Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1)))
        .collect()
}

fn text(v: &serde_json::Value, key: &str) -> Option<String> {
    v.get(key).and_then(|s| s.as_str()).map(str::to_string)
}

fn load() -> Vec<Case> {
    let inputs = read_lines("template_gaps_cases.jsonl");
    let answers = read_lines("template_gaps_go.jsonl");
    assert_eq!(
        inputs.len(),
        answers.len(),
        "cases and Go answers are out of step: regenerate template_gaps_go.jsonl"
    );
    inputs
        .iter()
        .zip(&answers)
        .map(|(input, answer)| {
            let id = text(input, "id").unwrap_or_default();
            assert_eq!(
                text(answer, "id").as_deref(),
                Some(id.as_str()),
                "answer out of step"
            );
            let expect = match text(answer, "error") {
                Some(err) => Err((text(answer, "phase").unwrap_or_default(), err)),
                None => Ok(text(answer, "output").unwrap_or_default()),
            };
            Case {
                template: text(input, "template").unwrap_or_default(),
                data: input
                    .get("data")
                    .map(Value::from_json)
                    .unwrap_or_else(|| Value::from(capsule_render::template::Map::new())),
                missing_key: text(input, "missingkey")
                    .and_then(|m| MissingKey::parse(&m))
                    .unwrap_or_default(),
                known_diff: text(input, "known_diff"),
                id,
                expect,
            }
        })
        .collect()
}

fn run(template: &str, data: &Value, missing_key: MissingKey) -> Outcome {
    let funcs = capsule_render::sprig::capsule_func_map();
    let tpl = Template::parse("tpl", template, &funcs)
        .map_err(|e| ("parse".to_string(), e.go_message))?;
    let options = ExecOptions {
        missing_key,
        ..ExecOptions::default()
    };
    let mut env = RenderEnv::default();
    tpl.execute(data, &options, &mut env)
        .map_err(|e| ("exec".to_string(), e.go_message))
}

fn show(o: &Outcome) -> String {
    match o {
        Ok(out) => format!("ok: {out}"),
        Err((phase, msg)) => format!("{phase} error: {msg}"),
    }
}

#[test]
fn engine_agrees_with_go_on_the_gaps() {
    let cases = load();
    assert!(cases.len() >= 140, "cases lost: {}", cases.len());
    let mut failures = String::new();
    let mut agree = 0;
    for case in &cases {
        let got = run(&case.template, &case.data, case.missing_key);
        if got == case.expect {
            agree += 1;
            continue;
        }
        let line = format!(
            "{}\n    template: {}\n    go:   {}\n    ours: {}\n",
            case.id,
            case.template,
            show(&case.expect),
            show(&got)
        );
        match &case.known_diff {
            Some(why) => println!("known difference: {line}    why: {why}"),
            None => {
                let _ = write!(failures, "{line}");
            }
        }
    }
    println!(
        "template gaps: {} cases, {agree} agree with Go",
        cases.len()
    );
    assert!(failures.is_empty(), "differences from Go:\n{failures}");
}

/// Go's fmt recurses without end on a map that holds itself and the process dies; we stop the
/// execution with an error naming the action instead, everywhere a value gets printed.
#[test]
fn never_crash_on_values_that_contain_themselves() {
    let setup = r#"{{ $m := dict "k" 1 }}{{ $_ := set $m "self" $m }}"#;
    let at = |col: usize, node: &str, msg: &str| {
        format!("template: tpl:1:{col}: executing \"tpl\" at <{node}>: {msg}")
    };
    let contains = "value contains itself (a map or list that holds itself cannot be printed; \
                    Go's fmt overflows its stack on it)";
    let data = Value::from(capsule_render::template::Map::new());
    let cases: Vec<(String, Outcome)> = vec![
        (
            format!("{setup}{{{{ $m }}}}"),
            Err(("exec".into(), at(53, "{{$m}}", contains))),
        ),
        (
            format!("{setup}a{{{{ list 1 $m }}}}"),
            Err(("exec".into(), at(54, "{{list 1 $m}}", contains))),
        ),
        (
            format!("{setup}{{{{ printf \"%v\" $m }}}}"),
            Err((
                "exec".into(),
                at(
                    53,
                    "printf \"%v\" $m",
                    &format!("error calling printf: {contains}"),
                ),
            )),
        ),
        (
            format!("{setup}{{{{ print $m }}}}"),
            Err((
                "exec".into(),
                at(53, "print $m", &format!("error calling print: {contains}")),
            )),
        ),
        (
            format!("{setup}{{{{ html $m }}}}"),
            Err((
                "exec".into(),
                at(53, "html $m", &format!("error calling html: {contains}")),
            )),
        ),
        (
            // A cycle through a list: map → list → map.
            r#"{{ $m := dict }}{{ $_ := set $m "l" (list 1 $m) }}{{ $m }}"#.to_string(),
            Err(("exec".into(), at(53, "{{$m}}", contains))),
        ),
        // What does not print the cycle keeps working.
        (
            format!("{setup}{{{{ len $m }}}} {{{{ $m.k }}}} {{{{ keys $m | sortAlpha }}}}"),
            Ok("2 1 [k self]".into()),
        ),
        (
            format!("{setup}{{{{ range $k, $v := $m }}}}{{{{ $k }}}};{{{{ end }}}}"),
            Ok("k;self;".into()),
        ),
        (
            format!("{setup}{{{{ $m.self.self.self.k }}}}"),
            Ok("1".into()),
        ),
    ];
    for (template, want) in cases {
        let got = run(&template, &data, MissingKey::Zero);
        assert_eq!(got, want, "{template}");
    }
    // Walks outside printing do not overflow either (their results are sprig's business;
    // only the absence of a crash is checked here). Still overflowing, outside the engine:
    // toJson/toRawJson/toPrettyJson/mustToJson/toJSON, toYaml/mustToYaml/toIndentYAML, toToml,
    // deepEqual and has.
    for f in [
        "deepCopy $m",
        "mustDeepCopy $m",
        "toString $m",
        "eq $m $m",
        "cat $m",
        "toStrings (list $m)",
        "join \",\" (list $m)",
        "merge (dict) $m",
        "mergeOverwrite (dict) $m",
        "uniq (list $m $m)",
        "without (list $m) $m",
        "pluck \"k\" $m",
        "dig \"self\" \"k\" 0 $m",
        "values $m",
        "quote $m",
        "kindOf $m",
        "empty $m",
        "compact (list $m)",
        "flatten (list $m)",
        "omit $m \"k\"",
        "nindent 2 $m",
    ] {
        let template = format!("{setup}{{{{ $x := {f} }}}}ok");
        let _ = run(&template, &data, MissingKey::Zero);
    }
}

/// A value nested deeper than the printers recurse (a template can build one in a loop) is an
/// error, not a stack overflow; shallower ones print.
#[test]
fn deep_values_are_refused_not_overflowed() {
    let build = |n: usize| {
        format!(
            r#"{{{{ $m := dict }}}}{{{{ range {n} }}}}{{{{ $m = dict "a" $m }}}}{{{{ end }}}}{{{{ $m }}}}"#
        )
    };
    let data = Value::from(capsule_render::template::Map::new());
    let ok = run(&build(50), &data, MissingKey::Zero).expect("50 levels print");
    assert_eq!(
        ok,
        format!("{}map[]{}", "map[a:".repeat(50), "]".repeat(50))
    );
    let deep = run(&build(200_000), &data, MissingKey::Zero);
    let Err((phase, msg)) = deep else {
        panic!("200000 levels printed")
    };
    assert_eq!(phase, "exec");
    assert!(msg.ends_with("value nests more than 1000 maps or lists deep and cannot be printed"));
    // Lists nested in lists, and values that are never printed, are freed without recursion.
    let lists = r#"{{ $l := list }}{{ range 200000 }}{{ $l = list $l 1 }}{{ end }}{{ len $l }}"#;
    assert_eq!(run(lists, &data, MissingKey::Zero), Ok("2".to_string()));
    let maps = r#"{{ $m := dict }}{{ range 200000 }}{{ $m = dict "a" $m }}{{ end }}{{ len $m }}"#;
    assert_eq!(run(maps, &data, MissingKey::Zero), Ok("1".to_string()));
}
