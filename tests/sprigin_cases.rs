//! Runs the measured sprigin facts (tests/data/sprigin-cases.jsonl: template, data, missingkey
//! and what Capsule's Go 1.26 text/template + go-sprout v1.0.3 sprigin printed) through our
//! engine and function map, and reports every case whose outcome differs.
//!
//! Outcome rules: a case with `ok: true` must render exactly `output`; a case with `ok: false`
//! must fail, with Go's exact message unless Go itself crashed (`PROCESS CRASH: …`, where any
//! render error is the right answer). A few cases depend on the day they were measured or on
//! deliberate differences; they are listed in `KNOWN` with the reason and reported, not failed.

use capsule_render::sprig::capsule_func_map;
use capsule_render::template::{Entropy, ExecOptions, MissingKey, RenderEnv, Template, Value};

/// Cases whose expected output cannot be reproduced here, and why.
const KNOWN: &[(&str, &str)] = &[
    (
        "getHostByName-present",
        "getHostByName is refused offline (a DNS lookup); Capsule has it",
    ),
    (
        "str-split",
        "split returns map[string]string in Go; we carry it as map[string]interface {} (%T differs)",
    ),
];

/// The day the facts were measured (2026-11-26, noon UTC): `date` of a non-time value prints
/// "now", and the measured output holds that day.
const MEASURED_AT_UNIX_SECONDS: i128 = 1_795_694_400;

/// A fixed clock at the measurement day, deterministic bytes (the cases only check shapes of
/// random output).
struct ClockEntropy {
    state: u64,
}

impl Entropy for ClockEntropy {
    fn fill_bytes(&mut self, buf: &mut [u8]) {
        for b in buf {
            self.state = self
                .state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            *b = (self.state >> 33) as u8;
        }
    }

    fn now_unix_nanos(&self) -> i128 {
        MEASURED_AT_UNIX_SECONDS * 1_000_000_000
    }
}

struct Case {
    name: String,
    template: String,
    data: serde_json::Value,
    missingkey: String,
    ok: bool,
    output: String,
    error: String,
}

fn load() -> Vec<Case> {
    let text = include_str!("data/sprigin-cases.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            let v: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("line {}: invalid JSON: {e}", i + 1));
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            Case {
                name: s("name"),
                template: s("template"),
                data: v.get("data").cloned().unwrap_or(serde_json::Value::Null),
                missingkey: s("missingkey"),
                ok: v.get("ok").and_then(|x| x.as_bool()).unwrap_or(false),
                output: s("output"),
                error: s("error"),
            }
        })
        .collect()
}

/// Our outcome: the output, or the error text.
fn run(case: &Case) -> Result<String, String> {
    let funcs = capsule_func_map();
    let tpl = Template::parse("tpl", &case.template, &funcs).map_err(|e| e.to_string())?;
    let options = ExecOptions {
        missing_key: MissingKey::parse(&case.missingkey).unwrap_or_default(),
        ..ExecOptions::default()
    };
    let mut env = RenderEnv::new(Box::new(ClockEntropy { state: 7 }));
    tpl.execute(&Value::from_json(&case.data), &options, &mut env)
        .map_err(|e| e.to_string())
}

/// `None` when the outcome matches the measured one, else a description of the difference.
fn compare(case: &Case, got: &Result<String, String>) -> Option<String> {
    match (case.ok, got) {
        (true, Ok(out)) if *out == case.output => None,
        (true, Ok(out)) => Some(format!("output {out:?}, want {:?}", case.output)),
        (true, Err(e)) => Some(format!("error {e:?}, want output {:?}", case.output)),
        (false, Ok(out)) => Some(format!("output {out:?}, want error {:?}", case.error)),
        (false, Err(_)) if case.error.starts_with("PROCESS CRASH") => None,
        (false, Err(e)) if *e == case.error => None,
        (false, Err(e)) => Some(format!("error {e:?}, want error {:?}", case.error)),
    }
}

#[test]
fn sprigin_measured_cases() {
    let cases = load();
    assert!(
        cases.len() >= 235,
        "the fact file lost cases: {}",
        cases.len()
    );
    let mut failures = Vec::new();
    let mut known = Vec::new();
    for case in &cases {
        let got = run(case);
        let diff = compare(case, &got);
        if diff.is_none() && KNOWN.iter().any(|(n, _)| *n == case.name) {
            failures.push(format!(
                "{}: listed in KNOWN but now matches; remove it from the list",
                case.name
            ));
        }
        if let Some(diff) = diff {
            let line = format!("{}: {}\n    template: {}", case.name, diff, case.template);
            match KNOWN.iter().find(|(n, _)| *n == case.name) {
                Some((_, why)) => known.push(format!("{line}\n    known: {why}")),
                None => failures.push(line),
            }
        }
    }
    for k in &known {
        eprintln!("KNOWN DIVERGENCE {k}");
    }
    for f in &failures {
        eprintln!("MISMATCH {f}");
    }
    eprintln!(
        "sprigin cases: {} total, {} match, {} known divergences, {} mismatches",
        cases.len(),
        cases.len() - failures.len() - known.len(),
        known.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} sprigin cases differ from Capsule (see MISMATCH lines above)",
        failures.len(),
        cases.len()
    );
}
