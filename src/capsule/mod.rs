//! Capsule's replication semantics: which objects a `GlobalTenantResource` or `TenantResource`
//! makes Capsule create, computed from the input items.
//!
//! (Interface placeholder: the implementation lands with the rendering work.)

pub mod context;
pub mod fast_template;
pub mod kinds;
pub mod membership;
pub mod model;
pub mod object;
pub mod options;
pub mod selector;
pub mod template_data;

use crate::diagnostic::Diagnostic;

/// One item of the output, in output order.
#[derive(Clone, Debug, PartialEq)]
pub enum OutputItem {
    /// The input item at this index, unchanged.
    Kept(usize),
    /// An object we generated (or regenerated in place of an earlier run's).
    Generated(serde_json::Value),
}

/// The result of rendering a set of input items.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Every output item in order. Empty when `ok` is false: no half-rendered output.
    pub items: Vec<OutputItem>,
    /// Errors, warnings and the summary.
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
    /// True when no diagnostic is an error.
    pub fn ok(&self) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}

/// Renders every GlobalTenantResource and TenantResource among `items` (and in
/// `function_config`) against the Tenants, Namespaces and context objects among `items`.
pub fn render(items: &[serde_json::Value], function_config: Option<&serde_json::Value>) -> Outcome {
    let _ = function_config;
    Outcome {
        items: (0..items.len()).map(OutputItem::Kept).collect(),
        diagnostics: Vec::new(),
    }
}
