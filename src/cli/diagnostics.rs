//! Human diagnostics on stderr: the one-line form of `krm::human`, then, for a finding inside a
//! template, where it is — the GlobalTenantResource (or TenantResource), the generator index, the
//! line and column — and the template line itself with a caret under the column, read from the
//! input object at the template's field path. Colour only when stderr is a terminal and `NO_COLOR`
//! is unset or empty (https://no-color.org), never otherwise.

use std::io::Write;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::krm;

/// Whether to colour a stream: it is a terminal, `NO_COLOR` is unset or empty, `TERM` is not `dumb`.
pub fn use_color(is_terminal: bool) -> bool {
    is_terminal
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// One segment of a field path: `spec.resources[0].generators[1].template`,
/// `metadata.annotations[cert-manager.io/issuer]`.
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let Some(end) = after.find(']') else { break };
            let inner = &after[..end];
            out.push(match inner.parse::<usize>() {
                Ok(i) => Segment::Index(i),
                Err(_) => Segment::Key(inner),
            });
            rest = &after[end + 1..];
        } else {
            let rest_trimmed = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_trimmed.find(['.', '[']).unwrap_or(rest_trimmed.len());
            if end > 0 {
                out.push(Segment::Key(&rest_trimmed[..end]));
            }
            rest = &rest_trimmed[end..];
        }
    }
    out
}

/// The value at `path` inside `object`.
pub fn at_path<'v>(object: &'v Value, path: &str) -> Option<&'v Value> {
    segments(path)
        .into_iter()
        .try_fold(object, |v, seg| match seg {
            Segment::Key(k) => v.get(k),
            Segment::Index(i) => v.get(i),
        })
}

/// The index N of the first `generators[N]` in a field path.
fn generator_index(path: &str) -> Option<usize> {
    let after = path.split("generators[").nth(1)?;
    after.split(']').next()?.parse().ok()
}

/// The input object a diagnostic names (kind, name and, when set, namespace).
fn source_object<'v>(d: &Diagnostic, objects: &[&'v Value]) -> Option<&'v Value> {
    let r = d.resource.as_ref()?;
    objects.iter().copied().find(|o| {
        o.get("kind").and_then(Value::as_str) == Some(r.kind.as_str())
            && o.pointer("/metadata/name").and_then(Value::as_str) == Some(r.name.as_str())
            && (r.namespace.is_empty()
                || o.pointer("/metadata/namespace").and_then(Value::as_str)
                    == Some(r.namespace.as_str()))
    })
}

/// Writes one diagnostic: the summary line, then the template excerpt when there is one.
pub fn write(d: &Diagnostic, objects: &[&Value], color: bool, out: &mut dyn Write) {
    let line = krm::human(d);
    let (label, rest) = line.split_once(':').unwrap_or((line.as_str(), ""));
    let label = match d.severity {
        Severity::Error => paint(color, RED, label),
        Severity::Warning => paint(color, YELLOW, label),
        Severity::Info => paint(color, BOLD, label),
    };
    let _ = writeln!(out, "capsule-render: {label}:{rest}");
    let Some(t) = &d.template else { return };
    let Some(r) = &d.resource else { return };
    let mut place = format!("{} {}", r.kind, r.name);
    if let Some(g) = generator_index(&t.field_path) {
        place.push_str(&format!(", generator {g}"));
    }
    place.push_str(&format!(", line {}, column {}", t.line, t.col));
    let arrow = paint(color, BLUE, "  -->");
    let _ = writeln!(out, "{arrow} {place} ({})", t.field_path);
    let text = source_object(d, objects)
        .and_then(|o| at_path(o, &t.field_path))
        .and_then(Value::as_str);
    let Some(text) = text else { return };
    let Some(src) = (t.line as usize)
        .checked_sub(1)
        .and_then(|i| text.lines().nth(i))
    else {
        return;
    };
    let number = t.line.to_string();
    let gutter = " ".repeat(number.len());
    let bar = paint(color, BLUE, "|");
    // The caret under column `col` (1-based, in characters); tabs kept so that it lines up.
    let pad: String = src
        .chars()
        .take((t.col as usize).saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let caret = paint(color, RED, "^");
    let _ = writeln!(out, " {gutter} {bar}");
    let _ = writeln!(out, " {} {bar} {src}", paint(color, BLUE, &number));
    let _ = writeln!(out, " {gutter} {bar} {pad}{caret}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{ResourceRef, TemplateLocation};
    use serde_json::json;

    #[test]
    fn paths_with_indexes_and_bracketed_keys() {
        let v = json!({"spec": {"resources": [{"generators": [{}, {"template": "a\nb"}]}]},
                       "metadata": {"annotations": {"cert-manager.io/issuer": "x"}}});
        assert_eq!(
            at_path(&v, "spec.resources[0].generators[1].template"),
            Some(&json!("a\nb"))
        );
        assert_eq!(
            at_path(&v, "metadata.annotations[cert-manager.io/issuer]"),
            Some(&json!("x"))
        );
        assert_eq!(at_path(&v, "spec.resources[3]"), None);
        assert_eq!(
            generator_index("spec.resources[0].generators[12].template"),
            Some(12)
        );
    }

    #[test]
    fn a_template_error_shows_the_line_and_a_caret() {
        let gtr = json!({"kind": "GlobalTenantResource", "metadata": {"name": "g"},
            "spec": {"resources": [{"generators": [{"template": "kind: A\nname: {{ nope }}\n"}]}]}});
        let d = Diagnostic {
            resource: Some(ResourceRef {
                api_version: "capsule.clastix.io/v1beta2".into(),
                kind: "GlobalTenantResource".into(),
                name: "g".into(),
                namespace: String::new(),
            }),
            template: Some(TemplateLocation {
                field_path: "spec.resources[0].generators[0].template".into(),
                line: 2,
                col: 10,
            }),
            ..Diagnostic::new(Severity::Error, "boom")
        };
        let mut out = Vec::new();
        write(&d, &[&gtr], false, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap_or_default(),
            "capsule-render: error: GlobalTenantResource/g spec.resources[0].generators[0].template:2:10: boom\n  --> GlobalTenantResource g, generator 0, line 2, column 10 (spec.resources[0].generators[0].template)\n   |\n 2 | name: {{ nope }}\n   |          ^\n"
        );
    }
}
