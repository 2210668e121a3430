//! Replays every input kept under tests/regressions/<target>/ through the same code path as the
//! fuzz target of that name (fuzz/fuzz_targets/<target>.rs): each must finish, without a panic,
//! within a time limit. A file is an input the fuzzer once found crashing, hanging or exhausting
//! memory, minimised; see docs/FUZZING.md.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use capsule_render::krm::{self, InputKind};
use capsule_render::sprig::capsule_func_map;
use capsule_render::template::{ExecOptions, MissingKey, RenderEnv, Template, Value};
use capsule_render::yaml::{self, Limits, Schema};

/// What template_exec renders against (the same text as the fuzz target).
const DATA: &str = r#"{"tenant":{"metadata":{"name":"solar","labels":{"a":"b"}},
 "spec":{"data":null,"owners":[{"kind":"User","name":"alice"}]}},
 "https":[{"metadata":{"name":"r","namespace":"solar-prod"},"spec":{"hostnames":["a.b","c.d"]}}],
 "n":3,"f":1.5,"s":"str","l":[1,"two",null,true,2.5],"m":{"k":"v","z":0}}"#;

/// The yaml_krm target's limits.
const LIMITS: Limits = Limits {
    max_input_bytes: 1 << 20,
    max_depth: 200,
    max_alias_expansion: 100_000,
};

/// Longest a single input may take (the fuzzer ran with `-timeout=10`; a debug build is slower).
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn template_parse(data: &[u8]) {
    if let Ok(source) = std::str::from_utf8(data) {
        let funcs = capsule_func_map();
        let _ = Template::parse("tpl", source, &funcs);
    }
}

fn template_exec(input: &[u8]) {
    let Some((&mode, rest)) = input.split_first() else {
        return;
    };
    let Ok(source) = std::str::from_utf8(rest) else {
        return;
    };
    let funcs = capsule_func_map();
    let Ok(template) = Template::parse("tpl", source, &funcs) else {
        return;
    };
    let json: serde_json::Value = serde_json::from_str(DATA).expect("DATA is valid JSON");
    let data = Value::from_json(&json);
    let missing_key = match mode % 3 {
        0 => MissingKey::Zero,
        1 => MissingKey::Invalid,
        _ => MissingKey::Error,
    };
    let options = ExecOptions {
        missing_key,
        max_depth: 1_000,
        max_output: 1 << 20,
    };
    let _ = template.execute(&data, &options, &mut RenderEnv::default());
}

fn yaml_krm(input: &[u8]) {
    let Some((&mode, rest)) = input.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match mode % 4 {
        0 => {
            if let Ok(values) = yaml::decode_k8s_stream_with_limits(text, &LIMITS) {
                for v in &values {
                    let _ = yaml::emit(v);
                }
            }
        }
        1 => {
            let _ = yaml::read_stream(text, Schema::Core12);
        }
        _ => {
            let _ = krm::looks_like_resource_list(text);
            let Ok(parsed) = krm::read_input(text, &LIMITS) else {
                return;
            };
            let mut out = Vec::new();
            let items = krm::unchanged(&parsed);
            let _ = match (&parsed.kind, mode % 4) {
                (InputKind::ResourceList { api_version }, _) => {
                    krm::write_resource_list(&mut out, api_version, &parsed, items, &[])
                }
                (InputKind::Stream, 2) => krm::write_stream(&mut out, &parsed, items),
                (InputKind::Stream, _) => krm::write_json_stream(&mut out, &parsed, items),
            };
        }
    }
}

/// The inputs kept for one target, sorted by name.
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `run` on every input of `target` on its own thread, with the 8 MiB stack of the fuzzer's
/// main thread (the engine's default stack budget is 1 MiB), and fails on a panic or when an input takes longer than [`TIME_LIMIT`].
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let files = inputs(target);
    for path in &files {
        let data = std::fs::read(path).expect("a regression input is readable");
        let (tx, rx) = mpsc::channel();
        let name = path.display().to_string();
        let handle = std::thread::Builder::new()
            .stack_size(8 * 1024 * 1024)
            .spawn(move || {
                run(&data);
                let _ = tx.send(());
            })
            .expect("spawning a test thread");
        match rx.recv_timeout(TIME_LIMIT) {
            Ok(()) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("{name}: still running after {TIME_LIMIT:?} (hang)")
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let _ = handle.join();
                panic!("{name}: panicked");
            }
        }
        let _ = handle.join();
    }
    files.len()
}

#[test]
fn template_parse_regressions() {
    let n = replay("template_parse", template_parse);
    eprintln!("template_parse: {n} regression inputs");
}

#[test]
fn template_exec_regressions() {
    let n = replay("template_exec", template_exec);
    eprintln!("template_exec: {n} regression inputs");
}

#[test]
fn yaml_krm_regressions() {
    let n = replay("yaml_krm", yaml_krm);
    eprintln!("yaml_krm: {n} regression inputs");
}
