//! The `capsule-render template` subcommand contract (product.md §1): exact bytes on stdout and
//! exit 0 on success; exit 1 with Go's message as the first stderr line on a template error;
//! exit 2 on a usage error. Expected Go messages come from the gotmpl-oracle.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_capsule-render"))
}

fn tmp(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("capsule-render-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    let p = dir.join(name);
    std::fs::write(&p, content).expect("temp file is writable");
    p
}

const DATA: &str = r#"{"a": 9223372036854775808, "b": 1.0, "c": [1, "x"], "m": {}}"#;

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = bin()
        .arg("template")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin accepts the template");
    let out = child.wait_with_output().expect("the binary finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn renders_exact_bytes() {
    let data = tmp("data.json", DATA);
    let tpl = tmp("ok.tpl", "x {{ .a }} {{ .b }} {{ .c }}");
    let (code, out, err) = run(
        &[
            "--data",
            data.to_str().unwrap_or_default(),
            tpl.to_str().unwrap_or_default(),
        ],
        "",
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "x 9.223372036854776e+18 1 [1 x]", "")
    );
}

#[test]
fn reads_the_template_from_stdin_without_data() {
    let (code, out, _) = run(&["-"], "{{ . }}|{{ .x }}\n");
    assert_eq!((code, out.as_str()), (0, "map[]|<no value>\n"));
}

#[test]
fn parse_error_first_line_is_go_message() {
    let (code, out, err) = run(&["-"], "{{ if }}");
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err.lines().next(),
        Some("template: tpl:1: missing value for if")
    );
}

#[test]
fn exec_error_with_missing_key_error() {
    let data = tmp("data2.json", DATA);
    let (code, out, err) = run(
        &[
            "--missing-key",
            "error",
            "--data",
            data.to_str().unwrap_or_default(),
            "-",
        ],
        "{{ .m.nope }}",
    );
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err.lines().next(),
        Some(r#"template: tpl:1:5: executing "tpl" at <.m.nope>: map has no entry for key "nope""#)
    );
    // The human part shows the line and a caret under the column.
    assert!(err.contains("  1| {{ .m.nope }}"), "{err}");
    assert!(err.contains("   |      ^\n"), "{err}");
}

#[test]
fn exec_error_on_a_later_line() {
    let data = tmp("data3.json", DATA);
    let (code, _, err) = run(
        &["--data", data.to_str().unwrap_or_default(), "-"],
        "line1\n{{ .a | printf \"%d\" | len 1 }}",
    );
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().next(),
        Some(
            r#"template: tpl:2:22: executing "tpl" at <len>: wrong number of args for len: want 1 got 2"#
        )
    );
}

#[test]
fn refused_function_is_a_parse_error_with_our_reason() {
    let (code, _, err) = run(&["-"], "{{ expandenv \"$HOME\" }}");
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().next(),
        Some(r#"template: tpl:1: function "expandenv" not defined"#)
    );
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[], "").0, 2);
    assert_eq!(run(&["--missing-key", "maybe", "-"], "").0, 2);
    assert_eq!(run(&["--bogus", "-"], "").0, 2);
}

#[test]
fn unbounded_recursion_fails_like_go() {
    let (code, _, err) = run(
        &["-"],
        r#"{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}"#,
    );
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().next(),
        Some(
            r#"template: tpl:1:25: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)"#
        )
    );
}
