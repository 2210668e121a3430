//! `capsule-render check [PATH…]` and `capsule-render check --list`.
//!
//! `check` renders like `render` (files and folders, or stdin with `-` or no path) but writes only
//! the findings: one line per warning or error on stdout, nothing else. It exits 1 when a finding
//! (or a render error) has severity error, 0 otherwise. `--list` prints the catalogue of checks
//! (`capsule_render::check::CHECKS`): id, default level, summary and explanation.

use std::io::{Read, Write};

use super::render::load_paths;
use crate::capsule;
use crate::check::CHECKS;
use crate::diagnostic::Severity;
use crate::krm::{self, read_input};
use crate::yaml::Limits;

const USAGE: &str = "usage: capsule-render check [--list] [PATH...|-]";

/// Writes the catalogue of checks: for each, `ID (default LEVEL): summary`, then the explanation
/// indented and wrapped at 100 columns.
pub fn write_list(stdout: &mut dyn Write) -> std::io::Result<()> {
    for (i, c) in CHECKS.iter().enumerate() {
        if i > 0 {
            writeln!(stdout)?;
        }
        writeln!(stdout, "{} (default {}): {}", c.id, c.default, c.summary)?;
        for line in wrap(c.explanation, 96) {
            writeln!(stdout, "    {line}")?;
        }
    }
    Ok(())
}

/// Splits `text` on whitespace into lines of at most `width` characters (longer words alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Runs `check` with its arguments (after `check`); returns the exit code.
pub fn run(
    args: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let mut paths = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--list" => {
                return match write_list(stdout) {
                    Ok(()) => 0,
                    Err(_) => 1,
                };
            }
            "--help" | "-h" => {
                let _ = writeln!(stdout, "{USAGE}");
                return 0;
            }
            a if a.starts_with('-') && a != "-" => {
                let _ = writeln!(stderr, "capsule-render check: unknown option {a}\n{USAGE}");
                return 2;
            }
            _ => paths.push(arg.clone()),
        }
    }
    let text = if paths.is_empty() || paths == ["-"] {
        match super::read_stdin(stdin, stderr) {
            Some(text) => text,
            None => return 1,
        }
    } else {
        match load_paths(&paths, stderr) {
            Some(text) => text,
            None => return 1,
        }
    };
    let input = match read_input(&text, &Limits::DEFAULT) {
        Ok(input) => input,
        Err(e) => {
            let _ = writeln!(stderr, "capsule-render: cannot read the input: {e}");
            return 1;
        }
    };
    let outcome = capsule::render(&input.items, input.function_config.as_ref());
    let mut failed = false;
    for d in &outcome.diagnostics {
        if d.severity == Severity::Info {
            continue;
        }
        failed |= d.severity == Severity::Error;
        if writeln!(stdout, "{}", krm::human(d)).is_err() {
            return 1;
        }
    }
    if failed || !outcome.ok() { 1 } else { 0 }
}
