//! The command line: subcommands and the detection of the mode we were started in
//! (product.md §1).
//!
//! | argv | mode |
//! |---|---|
//! | (none) | filter: stdin is a `ResourceList` (KRM function) or a plain stream |
//! | `FILE` (an existing file) | legacy kustomize exec plugin: FILE is the config, stdin a stream |
//! | `render PATH…` | human CLI over files and folders |
//! | `check [--list] PATH…` | render, then write only the findings (`check.rs`) |
//! | `template …` | one Go template, see `template.rs` |
//! | `--help`, `--version` | |

pub mod check;
pub mod diagnostics;
pub mod krm_function;
pub mod render;
pub mod template;

use std::io::{Read, Write};

/// `--help` text.
pub const HELP: &str = "\
capsule-render: renders Capsule GlobalTenantResources and TenantResources offline, exactly as
Capsule's replication controller would, and writes the input back with the generated objects.

USAGE:
  capsule-render                         KRM function: ResourceList on stdin -> ResourceList on stdout
                                         (a plain YAML/JSON stream in gives a stream out)
  capsule-render CONFIG_FILE             legacy kustomize exec plugin: stream on stdin -> stream out
  capsule-render render [--output yaml|json] PATH...
                                         render files and folders (*.yaml, *.yml, *.json, recursive)
  capsule-render check [PATH...|-]       render, then print only the findings of the checks;
                                         exit 1 when one is an error
  capsule-render check --list            every check: id, default level, summary, explanation
  capsule-render template [--data FILE] [--missing-key MODE] TEMPLATE_FILE|-
                                         render one Go template with the generator function map
  capsule-render --help | --version

EXAMPLES:
  kpt fn eval ./tenants --exec capsule-render
  kpt fn render ./tenants --allow-exec          # Kptfile: pipeline.mutators[].exec: capsule-render
  capsule-render render ./tenants ./capsule > rendered.yaml
  capsule-render render --output json examples/envoy-gateway
  capsule-render check examples/seed-as-written
  kubectl kustomize --enable-alpha-plugins ./overlay   # legacy plugin layout, see README
  cat stack.yaml | capsule-render > rendered.yaml
  helm template x ./chart --post-renderer capsule-render

Errors exit 1 with a message on stderr; a ResourceList answer also carries them as results.
";

/// Runs the binary with `args` (without the program name); returns the exit code.
/// `stderr_color`: colour the diagnostics (`diagnostics::use_color` of stderr).
pub fn run(
    args: &[String],
    stdin: &mut dyn Read,
    stdin_is_terminal: bool,
    stderr_color: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    match args.first().map(String::as_str) {
        Some("template") => template::run(&args[1..], stdin, stdout, stderr),
        Some("render") => render::run(&args[1..], stderr_color, stdout, stderr),
        Some("check") => check::run(&args[1..], stdin, stdout, stderr),
        Some("--help" | "-h" | "help") => {
            let _ = stdout.write_all(HELP.as_bytes());
            0
        }
        Some("--version" | "-V" | "version") => {
            let _ = writeln!(stdout, "capsule-render {}", env!("CARGO_PKG_VERSION"));
            0
        }
        None if stdin_is_terminal => {
            let _ = stderr.write_all(HELP.as_bytes());
            2
        }
        None => match read_stdin(stdin, stderr) {
            Some(text) => {
                krm_function::run_filter(&text, false, None, stderr_color, stdout, stderr)
            }
            None => 1,
        },
        Some(path) if std::path::Path::new(path).is_file() && stdin_is_terminal => {
            let _ = writeln!(
                stderr,
                "capsule-render: {path} is a file but stdin is a terminal; to render files, run: capsule-render render {path}"
            );
            2
        }
        Some(path) if std::path::Path::new(path).is_file() => {
            let config = match krm_function::read_legacy_config(path) {
                Ok(config) => config,
                Err(e) => {
                    let _ = writeln!(stderr, "capsule-render: cannot read the plugin config {e}");
                    return 1;
                }
            };
            match read_stdin(stdin, stderr) {
                Some(text) => {
                    krm_function::run_filter(&text, true, config, stderr_color, stdout, stderr)
                }
                None => 1,
            }
        }
        Some(other) => {
            let _ = writeln!(
                stderr,
                "capsule-render: unknown command or missing file {other:?}; see capsule-render --help"
            );
            2
        }
    }
}

/// Reads all of stdin (hosts send everything, then wait for the answer), up to the input limit.
pub(crate) fn read_stdin(stdin: &mut dyn Read, stderr: &mut dyn Write) -> Option<String> {
    let limit = crate::yaml::Limits::DEFAULT.max_input_bytes;
    let mut bytes = Vec::new();
    if let Err(e) = stdin.take(limit as u64 + 1).read_to_end(&mut bytes) {
        let _ = writeln!(stderr, "capsule-render: cannot read stdin: {e}");
        return None;
    }
    if bytes.len() > limit {
        let _ = writeln!(
            stderr,
            "capsule-render: stdin is larger than the limit of {limit} bytes"
        );
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let _ = writeln!(stderr, "capsule-render: stdin is not UTF-8: {e}");
            None
        }
    }
}
