//! Diagnostics as KRM `results` entries (functions spec v1, as kpt displays and records them,
//! krm-hosts.md §2.3 and §3) and as human-readable lines for stderr (kustomize never shows
//! `results`, krm-hosts.md §1.4).

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;

/// One `results[]` entry: `message`, `severity`, `resourceRef` {apiVersion, kind, name,
/// namespace}, `field.path` (only with a resourceRef, as the spec requires), `file.path`, and
/// `tags` (check id, tenant, template position, and the field when there is no resourceRef).
pub fn result_value(d: &Diagnostic) -> Value {
    let mut entry = Map::new();
    entry.insert("message".into(), Value::String(d.message.clone()));
    entry.insert("severity".into(), Value::String(d.severity.as_str().into()));
    let mut tags = Map::new();
    if let Some(r) = &d.resource {
        let mut rr = Map::new();
        rr.insert("apiVersion".into(), Value::String(r.api_version.clone()));
        rr.insert("kind".into(), Value::String(r.kind.clone()));
        rr.insert("name".into(), Value::String(r.name.clone()));
        if !r.namespace.is_empty() {
            rr.insert("namespace".into(), Value::String(r.namespace.clone()));
        }
        entry.insert("resourceRef".into(), Value::Object(rr));
        if let Some(path) = &d.field_path {
            let mut field = Map::new();
            field.insert("path".into(), Value::String(path.clone()));
            entry.insert("field".into(), Value::Object(field));
        }
    } else if let Some(path) = &d.field_path {
        tags.insert("field".into(), Value::String(path.clone()));
    }
    if let Some(file) = &d.file {
        let mut f = Map::new();
        f.insert("path".into(), Value::String(file.clone()));
        entry.insert("file".into(), Value::Object(f));
    }
    if let Some(check) = &d.check_id {
        tags.insert("check".into(), Value::String(check.clone()));
    }
    if let Some(tenant) = &d.tenant {
        tags.insert("tenant".into(), Value::String(tenant.clone()));
    }
    if let Some(t) = &d.template {
        tags.insert(
            "template".into(),
            Value::String(format!("{}:{}:{}", t.field_path, t.line, t.col)),
        );
    }
    if !tags.is_empty() {
        entry.insert("tags".into(), Value::Object(tags));
    }
    Value::Object(entry)
}

/// One line (or more, for multi-line messages) for stderr:
/// `error: GlobalTenantResource/gateways (file gtr.yaml) spec.resources[0].generators[0].template:3:14 [tenant acme]: message`.
pub fn human(d: &Diagnostic) -> String {
    let mut s = String::new();
    s.push_str(d.severity.as_str());
    s.push(':');
    if let Some(r) = &d.resource {
        s.push(' ');
        s.push_str(&r.kind);
        s.push('/');
        if !r.namespace.is_empty() {
            s.push_str(&r.namespace);
            s.push('/');
        }
        s.push_str(&r.name);
    }
    if let Some(file) = &d.file {
        s.push_str(&format!(" (file {file})"));
    }
    match (&d.template, &d.field_path) {
        (Some(t), _) => s.push_str(&format!(" {}:{}:{}", t.field_path, t.line, t.col)),
        (None, Some(path)) => {
            s.push(' ');
            s.push_str(path);
        }
        (None, None) => {}
    }
    if let Some(tenant) = &d.tenant {
        s.push_str(&format!(" [tenant {tenant}]"));
    }
    if let Some(check) = &d.check_id {
        s.push_str(&format!(" [{check}]"));
    }
    if s.ends_with(':') {
        s.push(' ');
    } else {
        s.push_str(": ");
    }
    s.push_str(&d.message);
    s
}
