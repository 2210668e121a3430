//! The filter modes: stdin in, stdout out.
//!
//! * KRM function (kpt `fn eval --exec`, `fn render`, kustomize transformer): stdin is a
//!   `ResourceList`, stdout a `ResourceList` with `results`.
//! * Legacy kustomize exec plugin (krm-hosts.md §1.7): argv[1] is the config file, stdin a YAML
//!   stream (empty for a generator), stdout a stream.
//! * Plain stream (pipes, Helm `--post-renderer`): stream in, stream out.
//!
//! Exit codes (krm-hosts.md §0.6): any error → 1, with a human message on stderr; a ResourceList
//! answer still carries the results and the input items unchanged (never half-rendered output).

use std::io::Write;

use serde_json::Value;

use crate::capsule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::krm::{
    self, InputKind, KrmError, Out, looks_like_resource_list, read_input, write_resource_list,
    write_stream,
};
use crate::yaml::Limits;

/// Prints the errors and warnings (and, when `verbose`, the infos) on stderr in human form.
pub fn print_diagnostics(diagnostics: &[Diagnostic], verbose: bool, stderr: &mut dyn Write) {
    for d in diagnostics {
        if verbose || d.severity != Severity::Info {
            let _ = writeln!(stderr, "capsule-render: {}", krm::human(d));
        }
    }
}

fn input_error_diagnostic(e: &KrmError) -> Diagnostic {
    Diagnostic::new(Severity::Error, format!("cannot read the input: {e}"))
}

/// Runs a filter mode on `text` (stdin). In the `legacy` plugin mode, `legacy_config` (the
/// plugin's config object) takes the place of a ResourceList's `functionConfig`.
pub fn run_filter(
    text: &str,
    legacy: bool,
    legacy_config: Option<Value>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let input = match read_input(text, &Limits::DEFAULT) {
        Ok(input) => input,
        Err(e) => {
            let d = input_error_diagnostic(&e);
            print_diagnostics(std::slice::from_ref(&d), false, stderr);
            if !legacy && looks_like_resource_list(text) {
                let _ = krm::write_failed_resource_list(stdout, &[d]);
            }
            return 1;
        }
    };
    let function_config = legacy_config.or_else(|| input.function_config.clone());
    let outcome = capsule::render(&input.items, function_config.as_ref());
    print_diagnostics(&outcome.diagnostics, false, stderr);
    let ok = outcome.ok();
    let items: Vec<Out<'_>> = if ok {
        outcome.items.iter().map(Out::from).collect()
    } else {
        krm::unchanged(&input)
    };
    let written = match &input.kind {
        InputKind::ResourceList { api_version } => {
            write_resource_list(stdout, api_version, &input, items, &outcome.diagnostics)
        }
        // A stream has no place for results: on error, no output at all.
        InputKind::Stream if !ok => Ok(()),
        InputKind::Stream => write_stream(stdout, &input, items),
    };
    if written.is_err() {
        let _ = writeln!(stderr, "capsule-render: cannot write the output");
        return 1;
    }
    if ok { 0 } else { 1 }
}

/// Reads the legacy plugin's config file (the resource that declared the plugin).
pub fn read_legacy_config(path: &str) -> Result<Option<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let values = crate::yaml::read_stream(&text, crate::yaml::Schema::Core12)
        .map_err(|e| format!("{path}: {e}"))?;
    Ok(values.into_iter().find(|v| !v.is_null()))
}
