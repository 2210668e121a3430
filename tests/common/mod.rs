//! The runner the sprig golden tests share (tests/sprigin_cases.rs, tests/sprig_golden.rs): a
//! case is a template, its data and missingkey mode, and the outcome Go gave — an exact output
//! (`ok: true`) or an exact error (`ok: false`; `PROCESS CRASH: …` where Go itself died, and
//! any render error is then right).

// Each test binary uses part of this module (sprigin_cases reads neither `source` nor `edge`).
#![allow(dead_code)]

use capsule_render::sprig::capsule_func_map;
use capsule_render::template::{Entropy, ExecOptions, MissingKey, RenderEnv, Template, Value};

/// The day the sprigin facts were measured (2026-11-26, noon UTC): `date` of a non-time value
/// prints "now", and the measured output holds that day.
pub const MEASURED_AT_UNIX_SECONDS: i128 = 1_795_694_400;

/// A fixed clock at the measurement day, deterministic bytes (the cases only check shapes of
/// random output).
pub struct ClockEntropy {
    pub state: u64,
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

/// One case of a JSONL case file.
pub struct Case {
    pub name: String,
    pub template: String,
    pub data: serde_json::Value,
    pub missingkey: String,
    pub ok: bool,
    pub output: String,
    pub error: String,
    /// Where the expected outcome comes from (sprig_golden.jsonl only).
    pub source: String,
    /// An error or edge case (sprig_golden.jsonl only).
    pub edge: bool,
}

/// The cases of a JSONL file's text; `file` names it in parse errors.
pub fn parse_lines(text: &str, file: &str) -> Vec<Case> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            let v: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{file} line {}: invalid JSON: {e}", i + 1));
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            let flag = |k: &str| v.get(k).and_then(|x| x.as_bool()).unwrap_or(false);
            Case {
                name: s("name"),
                template: s("template"),
                data: v.get("data").cloned().unwrap_or(serde_json::Value::Null),
                missingkey: s("missingkey"),
                ok: flag("ok"),
                output: s("output"),
                error: s("error"),
                source: s("source"),
                edge: flag("edge"),
            }
        })
        .collect()
}

/// Our outcome: the output, or the error text.
pub fn run(case: &Case) -> Result<String, String> {
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

/// `None` when the outcome matches the expected one, else a description of the difference.
pub fn compare(case: &Case, got: &Result<String, String>) -> Option<String> {
    match (case.ok, got) {
        (true, Ok(out)) if *out == case.output => None,
        (true, Ok(out)) => Some(format!("output {out:?}, want {:?}", case.output)),
        (true, Err(e)) => Some(format!("error {e:?}, want output {:?}", case.output)),
        (false, Ok(out)) => Some(format!("output {out:?}, want error {:?}", case.error)),
        // Go itself aborts (`fatal error: stack overflow`): any render error is right.
        (false, Err(_)) if case.error.starts_with("PROCESS CRASH") => None,
        (false, Err(e)) if *e == case.error => None,
        (false, Err(e)) => Some(format!("error {e:?}, want error {:?}", case.error)),
    }
}
