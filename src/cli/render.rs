//! `capsule-render render [--output yaml|json] PATH...`: reads files and folders (recursively,
//! `*.yaml`, `*.yml`, `*.json`, in sorted order), renders, and writes the resulting stream to
//! stdout; diagnostics go to stderr.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::krm_function::print_diagnostics;
use crate::capsule;
use crate::krm::{self, Out, read_input};
use crate::yaml::Limits;

/// Output format of `render`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Yaml,
    Json,
}

const USAGE: &str = "usage: capsule-render render [--output yaml|json] PATH...";

fn is_manifest(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml" | "json")
    )
}

/// Adds the manifests under `path` (sorted by path at each level) to `files`.
fn collect(path: &Path, files: &mut Vec<PathBuf>, depth: usize) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.is_file() {
        files.push(path.to_path_buf());
        return Ok(());
    }
    if !meta.is_dir() || depth > 64 {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        let Ok(meta) = std::fs::metadata(&entry) else {
            continue;
        };
        if meta.is_dir() {
            collect(&entry, files, depth + 1)?;
        } else if meta.is_file() && is_manifest(&entry) {
            files.push(entry);
        }
    }
    Ok(())
}

/// Runs `render` with its arguments (after `render`); returns the exit code.
pub fn run(args: &[String], color: bool, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let mut format = Format::Yaml;
    let mut paths = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = if arg == "--output" || arg == "-o" {
            iter.next().map(String::as_str)
        } else if let Some(v) = arg.strip_prefix("--output=") {
            Some(v)
        } else if arg == "--help" || arg == "-h" {
            let _ = writeln!(stdout, "{USAGE}");
            return 0;
        } else if arg.starts_with('-') && arg != "-" {
            let _ = writeln!(
                stderr,
                "capsule-render render: unknown option {arg}\n{USAGE}"
            );
            return 2;
        } else {
            paths.push(arg.clone());
            continue;
        };
        format = match value {
            Some("yaml") => Format::Yaml,
            Some("json") => Format::Json,
            other => {
                let _ = writeln!(
                    stderr,
                    "capsule-render render: --output must be yaml or json, not {}",
                    other.unwrap_or("nothing")
                );
                return 2;
            }
        };
    }
    if paths.is_empty() {
        let _ = writeln!(stderr, "capsule-render render: no PATH given\n{USAGE}");
        return 2;
    }
    let Some(text) = load_paths(&paths, stderr) else {
        return 1;
    };
    render_text(&text, format, color, stdout, stderr)
}

/// Reads the manifests under `paths` (files and folders) into one stream, documents in file
/// order. Errors are written to `stderr` (naming the file and its own line) and give `None`.
pub fn load_paths(paths: &[String], stderr: &mut dyn Write) -> Option<String> {
    let mut files = Vec::new();
    for p in paths {
        if let Err(e) = collect(Path::new(p), &mut files, 0) {
            let _ = writeln!(stderr, "capsule-render: {e}");
            return None;
        }
    }
    // One stream of all files, documents in file order.
    let mut text = String::new();
    for file in &files {
        let too_big =
            std::fs::metadata(file).is_ok_and(|m| m.len() > Limits::DEFAULT.max_input_bytes as u64);
        if too_big || text.len() > Limits::DEFAULT.max_input_bytes {
            let _ = writeln!(
                stderr,
                "capsule-render: {}: input larger than the limit of {} bytes",
                file.display(),
                Limits::DEFAULT.max_input_bytes
            );
            return None;
        }
        match std::fs::read_to_string(file) {
            Ok(content) => {
                // Checked alone first, so that an error names the file and its own line.
                if let Err(e) = read_input(&content, &Limits::DEFAULT) {
                    let _ = writeln!(stderr, "capsule-render: {}: {e}", file.display());
                    return None;
                }
                if !text.is_empty() {
                    text.push_str("\n---\n");
                }
                text.push_str(&content);
            }
            Err(e) => {
                let _ = writeln!(stderr, "capsule-render: {}: {e}", file.display());
                return None;
            }
        }
    }
    Some(text)
}

fn render_text(
    text: &str,
    format: Format,
    color: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let input = match read_input(text, &Limits::DEFAULT) {
        Ok(input) => input,
        Err(e) => {
            let _ = writeln!(stderr, "capsule-render: cannot read the input: {e}");
            return 1;
        }
    };
    let outcome = capsule::render(&input.items, input.function_config.as_ref());
    let sources = super::krm_function::template_sources(
        &input.items,
        input.function_config.as_ref(),
        &outcome.diagnostics,
    );
    let objects: Vec<&serde_json::Value> = sources.iter().collect();
    print_diagnostics(&outcome.diagnostics, true, &objects, color, stderr);
    if !outcome.ok() {
        return 1;
    }
    let items = outcome.items.iter().map(Out::from);
    let written = match format {
        Format::Yaml => krm::write_stream(stdout, &input, items),
        Format::Json => krm::write_json_stream(stdout, &input, items),
    };
    if written.is_err() {
        return 1;
    }
    0
}
