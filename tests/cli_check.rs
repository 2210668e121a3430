//! `capsule-render check` and `check --list`, run as the real binary.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_capsule-render");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary built by cargo runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (check id, object, tenant) of one line of `check` output:
/// `SEVERITY: KIND/[NS/]NAME ... [tenant T] [ID]: message`.
fn finding(line: &str) -> (String, String, String, String) {
    let (severity, rest) = line.split_once(": ").expect("severity prefix");
    let object = rest.split(' ').next().unwrap_or_default().to_string();
    let head = rest.split("]: ").next().unwrap_or_default();
    let id = head.rsplit('[').next().unwrap_or_default().to_string();
    let tenant = head
        .split("[tenant ")
        .nth(1)
        .and_then(|t| t.split(']').next())
        .unwrap_or_default()
        .to_string();
    (severity.to_string(), id, object, tenant)
}

/// The rows of the findings table in examples/seed-as-written/README.md.
fn readme_findings() -> Vec<(String, String, String)> {
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/seed-as-written/README.md"),
    )
    .expect("README present");
    let table = readme
        .split("<!-- findings:begin -->")
        .nth(1)
        .and_then(|t| t.split("<!-- findings:end -->").next())
        .expect("findings markers");
    table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<String> = l
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_string())
                .filter(|c| !c.is_empty())
                .collect();
            assert_eq!(cells.len(), 3, "row {l}");
            (cells[0].clone(), cells[1].clone(), cells[2].clone())
        })
        .collect()
}

#[test]
fn seed_as_written_reports_exactly_what_its_readme_lists() {
    let (code, out, err) = run(&["check", "examples/seed-as-written"]);
    assert_eq!(code, 0, "warnings only: {err}");
    assert_eq!(err, "", "check writes findings on stdout only");
    let mut got: Vec<(String, String, String)> = out
        .lines()
        .map(|l| {
            let (severity, id, object, tenant) = finding(l);
            assert_eq!(severity, "warning", "{l}");
            (id, object, tenant)
        })
        .collect();
    let mut want = readme_findings();
    assert_eq!(want.len(), 12);
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn envoy_gateway_has_no_findings() {
    let (code, out, err) = run(&["check", "examples/envoy-gateway"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
}

#[test]
fn check_reads_stdin_and_exits_1_on_an_error_finding() {
    // A Gateway with two listeners of the same name: Gateway API rejects it (an error by default).
    let input = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: default\nspec:\n  gatewayClassName: eg\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP\n  - name: http\n    port: 8080\n    protocol: HTTP\n";
    let mut child = Command::new(BIN)
        .arg("check")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.starts_with("error: Gateway/default/gw"), "{stdout}");
}

#[test]
fn list_shows_every_check_of_the_catalogue() {
    let (code, out, _) = run(&["check", "--list"]);
    assert_eq!(code, 0);
    let headers: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
        .collect();
    assert_eq!(headers.len(), capsule_render::check::CHECKS.len());
    for (line, check) in headers.iter().zip(capsule_render::check::CHECKS) {
        assert_eq!(
            *line,
            format!(
                "{} (default {}): {}",
                check.id, check.default, check.summary
            )
        );
    }
    // The explanations are there, word for word.
    let words: Vec<&str> = out.split_whitespace().collect();
    for check in capsule_render::check::CHECKS {
        let first: Vec<&str> = check.explanation.split_whitespace().take(6).collect();
        assert!(
            words.windows(first.len()).any(|w| w == first.as_slice()),
            "{}",
            check.id
        );
    }
}
