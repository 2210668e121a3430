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
use crate::packed::Packed;
use crate::yaml::Limits;

/// Prints the errors and warnings (and, when `verbose`, the infos) on stderr in human form, with
/// the template line of a template finding read from `objects` (the input items and config);
/// in colour when `color` (see `diagnostics::use_color`).
pub fn print_diagnostics(
    diagnostics: &[Diagnostic],
    verbose: bool,
    objects: &[&Value],
    color: bool,
    stderr: &mut dyn Write,
) {
    for d in diagnostics {
        if verbose || d.severity != Severity::Info {
            super::diagnostics::write(d, objects, color, stderr);
        }
    }
}

fn input_error_diagnostic(e: &KrmError) -> Diagnostic {
    Diagnostic::new(Severity::Error, format!("cannot read the input: {e}"))
}

/// Runs a filter mode on `text` (stdin). In the `legacy` plugin mode, `legacy_config` (the
/// plugin's config object) takes the place of a ResourceList's `functionConfig`.
///
/// This is the binary's last act: the parsed input and the rendered objects are not handed
/// back to the allocator (millions of small blocks on a big input would only delay the exit).
/// In-process callers use [`run_filter_with`], which frees them.
pub fn run_filter(
    text: &str,
    legacy: bool,
    legacy_config: Option<Value>,
    color: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let io = FilterIo {
        color,
        stdout,
        stderr,
    };
    filter(
        text,
        legacy,
        legacy_config,
        &capsule::render,
        io,
        Teardown::Leak,
    )
}

/// The renderer a filter calls: `capsule::render`, or a stand-in in tests.
pub type Renderer = dyn Fn(&[Packed], Option<&Value>) -> capsule::Outcome;

/// The objects a diagnostic's template excerpt can come from: the replication objects among
/// the items (unpacked; none when no diagnostic points into a template) and the config.
pub fn template_sources(
    items: &[Packed],
    config: Option<&Value>,
    diagnostics: &[Diagnostic],
) -> Vec<Value> {
    if diagnostics.iter().all(|d| d.template.is_none()) {
        return Vec::new();
    }
    items
        .iter()
        .filter(|p| capsule::model::ReplicationKind::of(p.view()).is_some())
        .map(Packed::value)
        .chain(config.cloned())
        .collect()
}

/// [`run_filter`] with the renderer as a parameter; everything is freed before it returns.
pub fn run_filter_with(
    text: &str,
    legacy: bool,
    legacy_config: Option<Value>,
    render: &Renderer,
    color: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let io = FilterIo {
        color,
        stdout,
        stderr,
    };
    filter(text, legacy, legacy_config, render, io, Teardown::Free)
}

/// Where a filter's diagnostics and answer go.
struct FilterIo<'w> {
    color: bool,
    stdout: &'w mut dyn Write,
    stderr: &'w mut dyn Write,
}

/// What happens to the input and the rendered objects once the answer is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Teardown {
    /// Dropped as usual.
    Free,
    /// Left to the operating system: the process exits next.
    Leak,
}

fn filter(
    text: &str,
    legacy: bool,
    legacy_config: Option<Value>,
    render: &Renderer,
    io: FilterIo<'_>,
    teardown: Teardown,
) -> i32 {
    let FilterIo {
        color,
        stdout,
        stderr,
    } = io;
    let input = match read_input(text, &Limits::DEFAULT) {
        Ok(input) => input,
        Err(e) => {
            let d = input_error_diagnostic(&e);
            print_diagnostics(std::slice::from_ref(&d), false, &[], color, stderr);
            if !legacy && looks_like_resource_list(text) {
                let _ = krm::write_failed_resource_list(stdout, &[d]);
            }
            return 1;
        }
    };
    let function_config = legacy_config.or_else(|| input.function_config.clone());
    let outcome = render(&input.items, function_config.as_ref());
    let sources = template_sources(&input.items, function_config.as_ref(), &outcome.diagnostics);
    let objects: Vec<&Value> = sources.iter().collect();
    print_diagnostics(&outcome.diagnostics, false, &objects, color, stderr);
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
    if teardown == Teardown::Leak {
        std::mem::forget(outcome);
        std::mem::forget(input);
    }
    if written.is_err() {
        let _ = writeln!(stderr, "capsule-render: cannot write the output");
        return 1;
    }
    if ok { 0 } else { 1 }
}

/// Reads the legacy plugin's config file (the resource that declared the plugin).
pub fn read_legacy_config(path: &str) -> Result<Option<Value>, String> {
    let limit = Limits::DEFAULT.max_input_bytes;
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{path}: {e}"))?
        .len();
    if size > limit as u64 {
        return Err(format!("{path}: larger than the limit of {limit} bytes"));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let values = crate::yaml::read_stream(&text, crate::yaml::Schema::Core12)
        .map_err(|e| format!("{path}: {e}"))?;
    Ok(values.into_iter().find(|v| !v.is_null()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capsule::{Outcome, OutputItem};
    use crate::diagnostic::ResourceRef;
    use serde_json::json;

    const RL: &str = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- kind: A # keep me\n  metadata: {name: a}\n- kind: B\nfunctionConfig:\n  kind: GlobalTenantResource\n";

    /// Fails, after having produced a half-rendered list (which must not be written).
    fn failing(items: &[Packed], config: Option<&Value>) -> Outcome {
        assert_eq!(items.len(), 2);
        assert_eq!(config, Some(&json!({"kind": "GlobalTenantResource"})));
        Outcome {
            items: vec![
                OutputItem::Kept(1),
                OutputItem::Generated(json!({"kind": "Half"}).into()),
            ],
            diagnostics: vec![Diagnostic {
                resource: Some(ResourceRef {
                    api_version: "v1".into(),
                    kind: "A".into(),
                    name: "a".into(),
                    namespace: String::new(),
                }),
                ..Diagnostic::new(Severity::Error, "boom")
            }],
        }
    }

    fn generating(items: &[Packed], _: Option<&Value>) -> Outcome {
        Outcome {
            items: (0..items.len())
                .map(OutputItem::Kept)
                .chain([OutputItem::Generated(
                    json!({"kind": "New", "data": {"x": "yes"}}).into(),
                )])
                .collect(),
            diagnostics: vec![Diagnostic::new(Severity::Info, "1 object")],
        }
    }

    fn run(text: &str, render: &Renderer) -> (i32, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_filter_with(text, false, None, render, false, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap_or_default(),
            String::from_utf8(err).unwrap_or_default(),
        )
    }

    #[test]
    fn an_error_keeps_the_input_items_and_exits_1() {
        let (code, out, err) = run(RL, &failing);
        assert_eq!(code, 1);
        assert_eq!(
            out,
            "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- kind: A # keep me\n  metadata: {name: a}\n- kind: B\nresults:\n- message: boom\n  severity: error\n  resourceRef:\n    apiVersion: v1\n    kind: A\n    name: a\n"
        );
        assert_eq!(err, "capsule-render: error: A/a: boom\n");
        // A stream has no place for results: nothing on stdout.
        let (code, out, _) = run("kind: A\n---\nkind: B\n", &failing_stream);
        assert_eq!((code, out.as_str()), (1, ""));
    }

    fn failing_stream(_: &[Packed], _: Option<&Value>) -> Outcome {
        Outcome {
            items: Vec::new(),
            diagnostics: vec![Diagnostic::new(Severity::Error, "boom")],
        }
    }

    #[test]
    fn generated_items_follow_kept_ones() {
        let (code, out, err) = run(RL, &generating);
        assert_eq!(code, 0);
        assert!(
            out.ends_with("- kind: B\n- kind: New\n  data:\n    x: \"yes\"\nresults:\n- message: \"1 object\"\n  severity: info\n"),
            "{out}"
        );
        assert_eq!(err, "");
        let (code, out, _) = run("kind: A # c\n", &generating);
        assert_eq!(code, 0);
        assert_eq!(out, "kind: A # c\n---\nkind: New\ndata:\n  x: \"yes\"\n");
    }
}
