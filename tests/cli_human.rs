//! The human CLI, run as the real binary: `--help`, `--version`, `render --output yaml|json`, and
//! diagnostics on stderr (template excerpt with a caret; colour on a terminal only, `NO_COLOR`).

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_capsule-render");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_lists_every_subcommand_with_examples() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for want in [
        "USAGE:",
        "EXAMPLES:",
        "capsule-render render",
        "capsule-render check",
        "check --list",
        "capsule-render template",
        "--post-renderer",
        "kpt fn eval",
    ] {
        assert!(out.contains(want), "--help lacks {want:?}:\n{out}");
    }
}

#[test]
fn version_is_the_package_version() {
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!("capsule-render {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn render_yaml_and_json_carry_the_same_objects() {
    let (code, yaml, _) = run(&["render", "examples/envoy-gateway"]);
    assert_eq!(code, 0);
    let (code, json, _) = run(&["render", "--output", "json", "examples/envoy-gateway"]);
    assert_eq!(code, 0);
    let docs: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&json)
        .into_iter::<serde_json::Value>()
        .collect::<Result<_, _>>()
        .expect("--output json is a stream of JSON objects");
    let kinds_json: Vec<&str> = docs
        .iter()
        .filter_map(|d| d.get("kind").and_then(|k| k.as_str()))
        .collect();
    let kinds_yaml: Vec<&str> = yaml
        .lines()
        .filter_map(|l| l.strip_prefix("kind: "))
        .collect();
    assert_eq!(kinds_json, kinds_yaml);
    assert_eq!(kinds_json.iter().filter(|k| **k == "Gateway").count(), 3);
    let (code, _, err) = run(&["render", "--output", "toml", "examples/envoy-gateway"]);
    assert_eq!(code, 2);
    assert!(err.contains("--output must be yaml or json"), "{err}");
}

#[test]
fn a_template_error_names_the_resource_generator_line_and_column_with_the_source() {
    let (code, out, err) = run(&["render", "tests/fixtures/hosts/broken-template"]);
    assert_eq!(code, 1);
    assert_eq!(out, "", "nothing rendered on error");
    assert!(
        !err.contains('\x1b'),
        "no colour when stderr is not a terminal:\n{err}"
    );
    assert!(
        err.contains("capsule-render: error: GlobalTenantResource/broken spec.resources[0].generators[0].template:4:27 [tenant acme]:"),
        "{err}"
    );
    assert!(err.contains("function \"nosuchfn\" not defined"), "{err}");
    assert!(
        err.contains(
            "  --> GlobalTenantResource broken, generator 0, line 4, column 27 (spec.resources[0].generators[0].template)\n   |\n 4 |   name: {{ .tenant.name | nosuchfn }}\n   |                           ^\n"
        ),
        "{err}"
    );
}

/// Runs the binary under a pseudo-terminal (`script`), so that stderr is a terminal.
fn on_a_terminal(no_color: Option<&str>) -> Option<String> {
    if !std::path::Path::new("/usr/bin/script").exists() {
        println!("skipped: /usr/bin/script (util-linux) is not installed");
        return None;
    }
    let mut cmd = Command::new("/usr/bin/script");
    cmd.args(["-qec"])
        .arg(format!(
            "'{BIN}' render tests/fixtures/hosts/broken-template"
        ))
        .arg("/dev/null")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm")
        .env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.output().expect("script runs");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    let Some(coloured) = on_a_terminal(None) else {
        return;
    };
    assert!(coloured.contains("\x1b[1;31merror\x1b[0m"), "{coloured:?}");
    let Some(plain) = on_a_terminal(Some("1")) else {
        return;
    };
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(plain.contains("function \"nosuchfn\" not defined"));
}
