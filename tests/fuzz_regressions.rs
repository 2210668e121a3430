//! Replays every input kept under tests/regressions/<target>/ through the code of the fuzz
//! target of that name (fuzz/harness.rs, which fuzz/fuzz_targets/<target>.rs calls): each must
//! finish, without a panic, within a time limit. A file is an input the fuzzer once found crashing, hanging or exhausting
//! memory, minimised; see docs/FUZZING.md.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

#[path = "../fuzz/harness.rs"]
mod harness;

/// Longest a single input may take (the fuzzer ran with `-timeout=10`; a debug build is slower).
const TIME_LIMIT: Duration = Duration::from_secs(60);

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
    let n = replay("template_parse", harness::template_parse);
    eprintln!("template_parse: {n} regression inputs");
}

#[test]
fn template_exec_regressions() {
    let n = replay("template_exec", harness::template_exec);
    eprintln!("template_exec: {n} regression inputs");
}

#[test]
fn yaml_krm_regressions() {
    let n = replay("yaml_krm", harness::yaml_krm);
    eprintln!("yaml_krm: {n} regression inputs");
}
