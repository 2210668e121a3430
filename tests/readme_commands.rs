//! Every shell command shown in README.md, run as a new user would: each ```sh block is one
//! `sh -e` script, run in a scratch copy of `examples/` with the built binary on PATH as
//! `capsule-render` and a scratch HOME. A block whose first line is `# needs: TOOL` is skipped,
//! with the reason printed, when TOOL is not installed (`cargo-install` is always skipped: it
//! would install into the real ~/.cargo). The Quick start must be exactly the two commands; the
//! first runs (`cargo run --release --` is this test's binary), the second is this suite.
//! The YAML configuration examples are fed to the binary as a ResourceList's functionConfig.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_capsule-render");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fenced blocks of README.md with the given info string, in order.
fn blocks(lang: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match &mut current {
            None if line == format!("```{lang}") => current = Some(String::new()),
            Some(block) if line == "```" => {
                out.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy");
        }
    }
}

/// A scratch directory with `examples/`, `bin/capsule-render` and `home/`.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("capsule-render-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&root().join("examples"), &dir.join("examples"));
    std::fs::create_dir_all(dir.join("bin")).expect("bin");
    std::fs::create_dir_all(dir.join("home")).expect("home");
    std::fs::copy(BIN, dir.join("bin/capsule-render")).expect("copy the binary");
    dir
}

/// Whether TOOL can run here; for docker, whether an engine answers (the client alone is not
/// enough to build).
fn installed(tool: &str) -> bool {
    let probe = if tool == "docker" {
        "docker info >/dev/null 2>&1".to_string()
    } else {
        format!("command -v '{tool}' >/dev/null")
    };
    Command::new("sh")
        .args(["-c", &probe])
        .status()
        .is_ok_and(|s| s.success())
}

fn sh(dir: &Path, script: &str) -> std::process::Output {
    Command::new("sh")
        .args(["-ec", script])
        .current_dir(dir)
        .env(
            "PATH",
            format!(
                "{}:{}",
                dir.join("bin").display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("HOME", dir.join("home"))
        .env_remove("KUSTOMIZE_PLUGIN_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .expect("sh runs")
}

#[test]
fn every_readme_command_works() {
    let sh_blocks = blocks("sh");
    assert_eq!(
        sh_blocks.first().map(String::as_str),
        Some("cargo run --release -- render examples/envoy-gateway\ncargo test --release\n"),
        "the Quick start is exactly the two commands"
    );
    let dir = scratch();
    let mut ran = 0;
    for (i, block) in sh_blocks.iter().enumerate() {
        let script = if i == 0 {
            println!("skipped: `cargo test --release` (it is this test suite)");
            "capsule-render render examples/envoy-gateway > quick-start.yaml\n".to_string()
        } else {
            block.clone()
        };
        if let Some(tool) = script
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# needs: "))
        {
            if tool == "cargo-install" {
                println!("skipped block {i}: cargo install would write to the real ~/.cargo");
                continue;
            }
            if !installed(tool) {
                println!(
                    "skipped block {i}: {tool} is not installed (or, for docker, no engine runs)"
                );
                continue;
            }
        }
        let out = sh(&dir, &script);
        assert!(
            out.status.success(),
            "README block {i} failed:\n{script}\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 4, "only {ran} blocks ran");
    // What the commands wrote.
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let quick_start = read("quick-start.yaml");
    let gateways = quick_start
        .lines()
        .filter(|l| *l == "kind: Gateway")
        .count();
    assert_eq!(gateways, 3, "{quick_start}");
    assert!(read("rendered.json").contains("\"kind\": \"EnvoyProxy\""));
    assert!(read("checks.txt").contains("ref.issuer-gateway (default warning)"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn readme_configuration_examples_are_accepted() {
    let configs: Vec<String> = blocks("yaml")
        .into_iter()
        .filter(|b| b.contains("kind: RenderConfig") || b.contains("kind: ConfigMap"))
        .collect();
    assert_eq!(configs.len(), 2, "a RenderConfig and a ConfigMap example");
    for config in configs {
        let indented: String = config.lines().map(|l| format!("  {l}\n")).collect();
        let list = format!(
            "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n{indented}"
        );
        let mut child = Command::new(BIN)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().expect("piped");
            stdin.write_all(list.as_bytes()).expect("write");
        }
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{config}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
