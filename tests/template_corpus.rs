//! The differential corpus: every case in `tests/corpus/template/*.jsonl` was run through Go's
//! own text/template (see `scripts/gen-template-corpus.py`, which also regenerates the files);
//! our engine must agree with it on success vs failure, on the output bytes, and on the error
//! message (`TemplateError::go_message`) and the phase it failed in.

use std::fmt::Write as _;
use std::path::Path;
use std::rc::Rc;

use capsule_render::template::{
    ExecOptions, FuncMap, ListKind, MissingKey, RenderEnv, Template, Value,
};

/// One corpus case and Go's answer.
struct Case {
    name: String,
    template: String,
    data: Value,
    missing_key: MissingKey,
    tpl_name: String,
    /// `Ok(output)` or `Err((phase, message))`.
    expect: Result<String, (String, String)>,
}

/// Go's result, or ours, in the same shape.
type Outcome = Result<String, (String, String)>;

fn load_case(file: &str, line_no: usize, line: &str) -> Case {
    let v: serde_json::Value = serde_json::from_str(line)
        .unwrap_or_else(|e| panic!("{file}:{line_no}: not a JSON case: {e}"));
    let text = |key: &str| v.get(key).and_then(|s| s.as_str()).map(str::to_string);
    let name = text("name").unwrap_or_else(|| format!("{file}:{line_no}"));
    let template = text("template").unwrap_or_else(|| panic!("{name}: no template"));
    let missing_key = match text("missingkey") {
        None => MissingKey::Zero,
        Some(m) => MissingKey::parse(&m).unwrap_or_else(|| panic!("{name}: bad missingkey {m}")),
    };
    let mut data = match v.get("data") {
        None => Value::from(capsule_render::template::Map::new()),
        Some(d) => Value::from_json(d),
    };
    if let Some(keys) = v.get("slice_of_maps").and_then(|k| k.as_array()) {
        data = with_slice_of_maps(data, keys);
    }
    let expect = v
        .get("expect")
        .unwrap_or_else(|| panic!("{name}: no expect"));
    let field = |key: &str| expect.get(key).and_then(|s| s.as_str()).map(str::to_string);
    let expect = match field("error") {
        Some(err) => Err((field("phase").unwrap_or_default(), err)),
        None => Ok(field("output").unwrap_or_default()),
    };
    Case {
        name,
        template,
        data,
        missing_key,
        tpl_name: text("tpl_name").unwrap_or_else(|| "tpl".to_string()),
        expect,
    }
}

/// Turns the listed top-level lists of objects into `[]map[string]interface{}`, as Capsule's
/// context lists are typed.
fn with_slice_of_maps(data: Value, keys: &[serde_json::Value]) -> Value {
    let Value::Map(map) = data else {
        return data;
    };
    let mut map = map.to_map();
    for key in keys.iter().filter_map(|k| k.as_str()) {
        if let Some(Value::List(items, _)) = map.get(key) {
            let typed = Value::List(Rc::clone(items), ListKind::Map);
            map.insert(key.to_string(), typed);
        }
    }
    Value::from(map)
}

fn run(case: &Case) -> Outcome {
    let funcs = FuncMap::new();
    let tpl = Template::parse(&case.tpl_name, &case.template, &funcs)
        .map_err(|e| ("parse".to_string(), e.go_message))?;
    let options = ExecOptions {
        missing_key: case.missing_key,
        ..ExecOptions::default()
    };
    let mut env = RenderEnv::default();
    tpl.execute(&case.data, &options, &mut env)
        .map_err(|e| ("exec".to_string(), e.go_message))
}

fn load_corpus() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/template");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        for (i, line) in text.lines().enumerate() {
            if !line.trim().is_empty() {
                cases.push(load_case(&file, i + 1, line));
            }
        }
    }
    cases
}

/// Shortens and escapes a cell of the mismatch table.
fn cell(s: &str, max: usize) -> String {
    let escaped: String = s.escape_debug().collect();
    if escaped.chars().count() <= max {
        return escaped;
    }
    let mut short: String = escaped.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

fn show(o: &Outcome) -> String {
    match o {
        Ok(out) => format!("ok: {out}"),
        Err((phase, msg)) => format!("{phase} error: {msg}"),
    }
}

/// Go allows 100000 nested `template` calls and the corpus checks that limit, so the cases run
/// on a thread with a large stack (reserved, only touched as deep as execution goes).
const STACK_BYTES: usize = 1 << 30;

#[test]
fn engine_agrees_with_go() {
    let worker = std::thread::Builder::new()
        .name("template-corpus".into())
        .stack_size(STACK_BYTES)
        .spawn(compare_corpus)
        .expect("spawning the corpus thread");
    if let Err(panic) = worker.join() {
        std::panic::resume_unwind(panic);
    }
}

fn compare_corpus() {
    let cases = load_corpus();
    assert!(
        cases.len() >= 1500,
        "the corpus lost cases: {}",
        cases.len()
    );
    let mut table = String::new();
    let mut agree = 0usize;
    // Per area (the file name): (cases, agreeing).
    let mut areas: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for case in &cases {
        let got = run(case);
        let area = case.name.split('/').next().unwrap_or("");
        let counts = areas.entry(area).or_default();
        counts.0 += 1;
        if got == case.expect {
            agree += 1;
            counts.1 += 1;
            continue;
        }
        let _ = writeln!(
            table,
            "{:<34} | {:<50} | want {:<60} | got {}",
            case.name,
            cell(&case.template, 50),
            cell(&show(&case.expect), 60),
            cell(&show(&got), 60),
        );
    }
    for (area, (n, ok)) in &areas {
        println!("  {area:<28} {ok:>5} / {n:<5} agree");
    }
    println!("corpus: {} cases, {} agree", cases.len(), agree);
    if agree != cases.len() {
        println!("{table}");
        panic!(
            "{} of {} corpus cases differ from Go (table above)",
            cases.len() - agree,
            cases.len()
        );
    }
}
