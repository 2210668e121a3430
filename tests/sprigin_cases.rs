//! Runs the measured sprigin facts (tests/data/sprigin-cases.jsonl: template, data, missingkey
//! and what Capsule's Go 1.26 text/template + go-sprout v1.0.3 sprigin printed) through our
//! engine and function map, and reports every case whose outcome differs.
//!
//! Outcome rules: a case with `ok: true` must render exactly `output`; a case with `ok: false`
//! must fail, with Go's exact message unless Go itself crashed (`PROCESS CRASH: …`, where any
//! render error is the right answer). A few cases depend on the day they were measured or on
//! deliberate differences; they are listed in `KNOWN` with the reason and reported, not failed.

mod common;

use common::{Case, compare, parse_lines, run};

/// Cases whose expected output cannot be reproduced here, and why.
const KNOWN: &[(&str, &str)] = &[];

fn load() -> Vec<Case> {
    parse_lines(
        include_str!("data/sprigin-cases.jsonl"),
        "sprigin-cases.jsonl",
    )
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
