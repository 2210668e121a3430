//! Findings of a render: errors, warnings and the summary, independent of how they are shown
//! (KRM `results` entries, stderr in human form).

/// How bad a finding is; the KRM `results[].severity` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// The spelling used in KRM results.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The object a finding is about (KRM `results[].resourceRef`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ResourceRef {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    /// Empty for cluster-scoped objects.
    pub namespace: String,
}

/// A position inside a template that a finding points at.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TemplateLocation {
    /// Which template: `spec.resources[0].generators[1].template`.
    pub field_path: String,
    /// Line and column inside the template text, both counting from 1 (editor style; Go's
    /// messages count the column from 0).
    pub line: u32,
    pub col: u32,
}

/// One finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, and what to do about it.
    pub message: String,
    /// The object at fault (the GlobalTenantResource for template errors).
    pub resource: Option<ResourceRef>,
    /// The field at fault, as a path (`spec.resources[0].rawItems[2].kind`).
    pub field_path: Option<String>,
    /// The file the object came from (kpt/kustomize path annotation), when known.
    pub file: Option<String>,
    /// The template position, for template errors and findings in generated fields.
    pub template: Option<TemplateLocation>,
    /// The check that produced it (`gateway.listener-limit`), for checks.
    pub check_id: Option<String>,
    /// The tenant whose rendering produced it.
    pub tenant: Option<String>,
}

impl Diagnostic {
    /// A finding with only a severity and a message; fill the rest with the struct fields.
    pub fn new(severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            message: message.into(),
            resource: None,
            field_path: None,
            file: None,
            template: None,
            check_id: None,
            tenant: None,
        }
    }
}
