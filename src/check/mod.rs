//! Checks Capsule never makes (product.md §5): cross-references across the rendered gateway
//! stack, Gateway API validity, name limits, cert-manager and Envoy Gateway rules, tenant
//! isolation. They run over the input objects plus the generated ones and report
//! [`Diagnostic`]s; they never change an object.
//!
//! Each check has an id, an explanation (`capsule-render check --list`) and a level
//! (off / warning / error) that the options can change; `strict` turns warnings into errors.

mod cert_manager;
mod digest;
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

use crate::json_view::JsonView;
use digest::Digest;
use index::ObjectIndex;

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
    tenant: &'a str,
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
    /// The tenant it was rendered for.
    pub fn tenant(&self) -> &'a str {
        self.tenant
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

/// One object the checks look at: an input item or a generated object.
#[derive(Clone, Copy, Debug)]
pub struct Subject<'a> {
    pub object: &'a serde_json::Value,
    /// `None` for input items.
    pub generated_by: Option<&'a GeneratedBy>,
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
        subject: &Digest<'_>,
        field_path: impl Into<String>,
        message: impl Into<String>,
    ) {
        let Some(severity) = self.options.severity(id) else {
            return;
        };
        let mut d = Diagnostic::new(severity, message);
        d.check_id = Some(id.to_string());
        d.resource = Some(subject.resource_ref());
        d.field_path = Some(field_path.into());
        d.file = subject.file.map(str::to_string);
        if let Some(g) = subject
            .generated_by
            .as_deref()
            .and_then(Origin::generated_by)
        {
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
    let digests = subjects
        .iter()
        .map(|s| {
            let origin = s.generated_by.map(|g| Origin {
                tenant: &g.tenant,
                source: Source::Given(g),
            });
            Digest::of(s.object, origin)
        })
        .collect();
    run_digests(digests, options)
}

/// The objects a render would apply, read one at a time into digests (so the caller may hand
/// out objects it unpacks or decodes one by one), then checked together.
#[derive(Default)]
pub struct Rendered<'a> {
    digests: Vec<Digest<'a>>,
}

impl<'a> Rendered<'a> {
    /// Room for `n` objects.
    pub fn with_capacity(n: usize) -> Rendered<'a> {
        Rendered {
            digests: Vec::with_capacity(n),
        }
    }

    /// Adds the next object in output order. Objects annotated
    /// `config.kubernetes.io/local-config: "true"` are left out; a generated object's origin is
    /// its provenance annotation. `assigned_path` is the `internal.config.kubernetes.io/path`
    /// the output gives an object that has no kpt position yet.
    pub fn add<N: JsonView<'a>>(
        &mut self,
        object: N,
        generated: bool,
        assigned_path: Option<&'a str>,
    ) {
        let (mut d, bookkeeping) = Digest::read(object);
        if bookkeeping.local_config {
            return;
        }
        if generated {
            d.generated_by = bookkeeping
                .provenance
                .and_then(crate::capsule::provenance::origin_of)
                .map(|(owner, origin, tenant)| {
                    Box::new(Origin {
                        tenant,
                        source: Source::Provenance { owner, origin },
                    })
                });
        }
        if let Some(path) = assigned_path
            && !bookkeeping.has_path
        {
            d.file = Some(path);
        }
        self.digests.push(d);
    }

    /// Runs every enabled check over the objects added.
    pub fn check(self, options: &CheckOptions) -> Vec<Diagnostic> {
        run_digests(self.digests, options)
    }
}

fn run_digests(digests: Vec<Digest<'_>>, options: &CheckOptions) -> Vec<Diagnostic> {
    let index = ObjectIndex::new(&digests);
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
