//! Checks Capsule never makes (product.md §5): cross-references across the rendered gateway
//! stack, Gateway API validity, name limits, cert-manager and Envoy Gateway rules, tenant
//! isolation. They run over the input objects plus the generated ones and report
//! [`Diagnostic`]s; they never change an object.
//!
//! Each check has an id, an explanation (`capsule-render check --list`) and a level
//! (off / warning / error) that the options can change; `strict` turns warnings into errors.

mod cert_manager;
mod envoy_proxy;
mod gateway;
mod index;
mod isolation;
mod names;
mod references;
mod registry;

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, ResourceRef, Severity};

pub use registry::{CHECKS, CheckInfo, Level};

use index::{ObjectIndex, at};

/// Where a generated object came from, so a finding can name the template that produced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedBy {
    /// The GlobalTenantResource or TenantResource.
    pub resource: ResourceRef,
    /// The tenant it was rendered for.
    pub tenant: String,
    /// The item that produced it: `spec.resources[0].generators[1]` or `…rawItems[0]`.
    pub field_path: String,
}

/// Where a generated object came from, as the checks see it: the tenant at once; the
/// replication and template field are formatted only when a finding names them.
#[derive(Clone, Copy, Debug)]
pub struct Origin<'a> {
    /// The tenant it was rendered for.
    pub tenant: &'a str,
    source: Source<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Source<'a> {
    /// An entry of the provenance annotation: owner (`GlobalTenantResource/<name>`, …) and
    /// Capsule's origin (`0/generator-1-0`, …).
    Provenance { owner: &'a str, origin: &'a str },
    /// Given whole.
    Given(&'a GeneratedBy),
}

impl<'a> Origin<'a> {
    /// From a provenance entry (`crate::capsule::provenance::origin_of` reads them).
    pub fn from_provenance(owner: &'a str, origin: &'a str, tenant: &'a str) -> Origin<'a> {
        Origin {
            tenant,
            source: Source::Provenance { owner, origin },
        }
    }

    /// The replication, tenant and field, formatted.
    pub fn generated_by(&self) -> Option<GeneratedBy> {
        match self.source {
            Source::Provenance { owner, origin } => {
                crate::capsule::provenance::describe(owner, origin, self.tenant)
            }
            Source::Given(g) => Some(g.clone()),
        }
    }
}

impl<'a> From<&'a GeneratedBy> for Origin<'a> {
    fn from(g: &'a GeneratedBy) -> Origin<'a> {
        Origin {
            tenant: &g.tenant,
            source: Source::Given(g),
        }
    }
}

/// One object the checks look at: an input item or a generated object.
#[derive(Clone, Copy, Debug)]
pub struct Subject<'a> {
    pub object: &'a serde_json::Value,
    /// `None` for input items.
    pub generated_by: Option<Origin<'a>>,
}

/// Options of the checks (the `checks` part of the render configuration).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckOptions {
    /// Per-check level overrides, by check id.
    pub levels: BTreeMap<String, Level>,
    /// Every warning becomes an error.
    pub strict: bool,
    /// Issuers that live outside the rendered inputs, as `namespace/name`.
    pub external_issuers: Vec<String>,
    /// ClusterIssuers that live outside the rendered inputs.
    pub external_cluster_issuers: Vec<String>,
    /// Namespaces that exist in the cluster without being among the inputs.
    pub external_namespaces: Vec<String>,
}

impl CheckOptions {
    /// The severity a finding of `id` is reported with, or `None` when the check is off.
    pub fn severity(&self, id: &str) -> Option<Severity> {
        let level = self
            .levels
            .get(id)
            .copied()
            .or_else(|| registry::find(id).map(|c| c.default))
            .unwrap_or(Level::Warning);
        match level {
            Level::Off => None,
            Level::Error => Some(Severity::Error),
            Level::Warning if self.strict => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
        }
    }

    /// Validates level overrides: every id must name a check.
    pub fn validate(&self) -> Result<(), String> {
        for id in self.levels.keys() {
            if registry::find(id).is_none() {
                return Err(format!(
                    "unknown check id {id:?} in the check levels; `capsule-render check --list` \
                     lists the ids"
                ));
            }
        }
        Ok(())
    }
}

/// Collects findings, applying the configured level of each check.
pub(crate) struct Findings<'o> {
    options: &'o CheckOptions,
    out: Vec<Diagnostic>,
}

impl Findings<'_> {
    /// Reports a finding of check `id` about `subject`, at `field_path`.
    pub(crate) fn report(
        &mut self,
        id: &'static str,
        subject: Subject<'_>,
        field_path: impl Into<String>,
        message: impl Into<String>,
    ) {
        let Some(severity) = self.options.severity(id) else {
            return;
        };
        let mut d = Diagnostic::new(severity, message);
        d.check_id = Some(id.to_string());
        d.resource = Some(resource_ref(subject.object));
        d.field_path = Some(field_path.into());
        d.file = annotation(subject.object, "config.kubernetes.io/path")
            .or_else(|| annotation(subject.object, "internal.config.kubernetes.io/path"))
            .map(str::to_string);
        if let Some(g) = subject.generated_by.and_then(|o| o.generated_by()) {
            d.tenant = Some(g.tenant.clone());
            d.message = format!(
                "{} (generated by {} {} {}, tenant {})",
                d.message, g.resource.kind, g.resource.name, g.field_path, g.tenant
            );
        }
        self.out.push(d);
    }
}

/// Runs every enabled check over the objects. Findings come out in a deterministic order: by
/// check, then in object order.
pub fn run(subjects: &[Subject<'_>], options: &CheckOptions) -> Vec<Diagnostic> {
    run_indexed(ObjectIndex::new(subjects), options)
}

/// The checks over what a render would apply, `(object, generated)` in output order: objects
/// annotated `config.kubernetes.io/local-config: "true"` are left out, and a generated object's
/// origin is its provenance annotation. One pass over each object's metadata serves both and the
/// index (the objects of a big package are far more than the caches hold, so every pass over
/// them costs memory traffic).
pub fn run_rendered<'a>(
    objects: impl Iterator<Item = (&'a serde_json::Value, bool)>,
    options: &CheckOptions,
) -> Vec<Diagnostic> {
    use crate::capsule::{object::LOCAL_CONFIG, provenance};
    let room = objects.size_hint().1.unwrap_or(0);
    let mut subjects = Vec::with_capacity(room);
    let mut metas = Vec::with_capacity(room);
    for (object, generated) in objects {
        let meta = index::Meta::of(object);
        if meta.annotation(LOCAL_CONFIG) == Some("true") {
            continue;
        }
        let generated_by = if generated {
            meta.annotation(provenance::ANNOTATION)
                .and_then(provenance::origin_of)
        } else {
            None
        };
        subjects.push(Subject {
            object,
            generated_by,
        });
        metas.push(meta);
    }
    run_indexed(ObjectIndex::with_metas(&subjects, metas), options)
}

fn run_indexed(index: ObjectIndex<'_>, options: &CheckOptions) -> Vec<Diagnostic> {
    let mut findings = Findings {
        options,
        out: Vec::new(),
    };
    references::check(&index, options, &mut findings);
    gateway::check(&index, &mut findings);
    names::check(&index, &mut findings);
    cert_manager::check(&index, &mut findings);
    envoy_proxy::check(&index, &mut findings);
    isolation::check(&index, &mut findings);
    findings.out
}

/// `apiVersion`/`kind`/`metadata.name`/`metadata.namespace` of an object as a [`ResourceRef`].
pub(crate) fn resource_ref(o: &serde_json::Value) -> ResourceRef {
    let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    ResourceRef {
        api_version: s(at(o, &["apiVersion"])),
        kind: s(at(o, &["kind"])),
        name: s(at(o, &["metadata", "name"])),
        namespace: s(at(o, &["metadata", "namespace"])),
    }
}

pub(crate) use crate::capsule::object::annotation;

/// `kind namespace/name` (or `kind name` when cluster-scoped), for messages.
pub(crate) fn describe(o: &serde_json::Value) -> String {
    let r = resource_ref(o);
    if r.namespace.is_empty() {
        format!("{} {}", r.kind, r.name)
    } else {
        format!("{} {}/{}", r.kind, r.namespace, r.name)
    }
}
