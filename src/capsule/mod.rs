//! Capsule's replication semantics: which objects a `GlobalTenantResource` or `TenantResource`
//! makes Capsule create, computed from the input items (docs: capsule-semantics.md, product.md
//! §2–§4). One concept per file; [`render()`] ties them together in the documented order.
//!
//! Where an offline render has to decide what Capsule leaves to the cluster (for
//! docs/COMPATIBILITY.md):
//! - Order: Capsule applies in random order; we emit replication input order → `resources[i]` →
//!   tenant by name → namespace by name → namespacedItems, rawItems, generators; context lists
//!   are ordered by namespace then name.
//! - Same-identity objects are merged like server-side apply with atomic lists; a differing
//!   scalar is an error unless `settings.force` (then the later one wins, with a warning).
//! - An input object with a produced object's identity is the existing object: adopted (fields
//!   merged, `managed-by` only) with `settings.adopt`, else "exists and cannot be adopted".
//! - Objects aimed at namespaces missing from the input are kept, with a warning (Capsule skips
//!   them when the namespace does not exist); terminating namespaces are skipped, as in Capsule.
//! - Non-deterministic template functions are refused at parse time unless allowed.
//! - Tenants and Namespaces get the `kubernetes.io/metadata.name` label a cluster gives them (for
//!   selection and template data); the template data adds `spec.data: null`, empty `status`,
//!   `creationTimestamp: null` as a typed-object conversion would. `rbac` falls back to
//!   `spec.owners` (CRD default roles) when the input has no `status.owners`.
//! - Cluster-scoped kinds come from a built-in table plus the `clusterScopedKinds` option.
//! - ownerReferences (they need the GlobalTenantResource's uid) only with `ownerReferences`.

pub mod adopt;
pub mod context;
pub mod fast_template;
pub mod generator;
pub mod inputs;
pub mod kinds;
pub mod membership;
pub mod merge;
pub mod metadata;
pub mod model;
pub mod namespaced_items;
pub mod object;
pub mod options;
pub mod provenance;
pub mod raw_items;
pub mod render;
pub mod safety;
pub mod scope;
pub mod selector;
pub mod template_data;
pub mod upsert;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diagnostic::{Diagnostic, ResourceRef, Severity};
use crate::packed::Packed;

/// An input item as the render reads it: a view into its packed form (see [`crate::packed`]).
pub type Item<'a> = crate::packed::PackedView<'a>;

/// One item of the output, in output order.
#[derive(Clone, Debug, PartialEq)]
pub enum OutputItem {
    /// The input item at this index, unchanged.
    Kept(usize),
    /// An object we generated, or an input item we changed in place: an earlier run's object
    /// regenerated or disowned, an existing object adopted.
    Generated(GeneratedObject),
}

/// A generated object as the output holds it: packed (see [`crate::packed`]), with the kpt position
/// the upsert gave it (added to the annotations when it is unpacked).
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratedObject {
    object: Packed,
    /// `internal.config.kubernetes.io/path` and `index`, when the upsert assigned them.
    position: Option<Box<(String, String)>>,
}

impl GeneratedObject {
    /// The object, as it is written.
    pub fn value(&self) -> serde_json::Value {
        let mut v = self.object.value();
        if let Some((path, index)) = self.position.as_deref()
            && let Some(a) = object::meta_map_mut(&mut v, "annotations")
        {
            a.insert(upsert::PATH.into(), serde_json::Value::String(path.clone()));
            a.insert(
                upsert::INDEX.into(),
                serde_json::Value::String(index.clone()),
            );
        }
        v
    }
}

impl GeneratedObject {
    /// The packed object (without the position the upsert assigned).
    pub fn packed(&self) -> &Packed {
        &self.object
    }

    /// The `internal.config.kubernetes.io/path` the upsert assigned, when it did.
    pub fn assigned_path(&self) -> Option<&str> {
        self.position.as_deref().map(|(path, _)| path.as_str())
    }

    /// A packed object, with the kpt position to add when it is unpacked.
    pub fn at(object: Packed, position: Option<(String, String)>) -> GeneratedObject {
        GeneratedObject {
            object,
            position: position.map(Box::new),
        }
    }
}

impl From<serde_json::Value> for GeneratedObject {
    fn from(v: serde_json::Value) -> GeneratedObject {
        GeneratedObject {
            object: Packed::of(&v),
            position: None,
        }
    }
}

/// A generated object after the final touches, before adoption and the upsert: its identity,
/// the packed object, whether it carries a kpt position already, and its first tenant (for the
/// path pattern).
#[derive(Debug)]
pub struct FinalObject {
    pub id: object::ObjectId,
    pub object: Packed,
    pub has_position: bool,
    pub tenant: String,
}

impl FinalObject {
    /// An object as the final touches left it, packed.
    pub fn of(v: &serde_json::Value) -> FinalObject {
        let (has_position, tenant) = FinalObject::position_and_tenant(v);
        FinalObject {
            id: object::ObjectId::of(v),
            object: Packed::of(v),
            has_position,
            tenant,
        }
    }

    /// Whether `v` (an object, or just its `metadata`) has a kpt position already, and the
    /// first tenant of its provenance (for the path pattern).
    fn position_and_tenant(v: &serde_json::Value) -> (bool, String) {
        let tenant = provenance::read(v)
            .first()
            .map(|p| p.tenant.clone())
            .unwrap_or_default();
        (upsert::position(v).is_some(), tenant)
    }
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
///
/// Output order: the input items in order (earlier-run objects replaced in place or pruned),
/// then new objects in render order — replication input order (the functionConfig one last) →
/// `resources[i]` → tenant by name → namespace by name → namespacedItems, rawItems, generators
/// in document order; same-identity objects are merged at the first one's position.
/// `items` are packed ([`crate::packed`]): a big package's items take about their text's size
/// that way, and each is read in place or unpacked only where a step needs its tree.
pub fn render(items: &[Packed], function_config: Option<&serde_json::Value>) -> Outcome {
    let mut sink = render::Sink::default();
    let (opts, fc_replication) = match options::read_function_config(function_config) {
        Ok(options::FunctionConfig::Options(o)) => (o, None),
        Ok(options::FunctionConfig::Replication(v)) => (options::RenderOptions::default(), Some(v)),
        Err(errs) => {
            let resource = function_config.map(resource_ref_of);
            let diagnostics = errs
                .into_iter()
                .map(|e| {
                    let mut d =
                        Diagnostic::new(Severity::Error, format!("functionConfig: {}", e.message));
                    d.resource = resource.clone();
                    d.field_path = Some(e.field_path);
                    d
                })
                .collect();
            return Outcome {
                items: Vec::new(),
                diagnostics,
            };
        }
    };
    let inputs = inputs::Inputs::new(items);

    // Replications: the items', then the functionConfig's unless it is also an item (kpt
    // passes the config file among the items).
    // (value, kind, whether it is the functionConfig)
    let mut sources: Vec<(Cow<'_, serde_json::Value>, model::ReplicationKind, bool)> = inputs
        .replications
        .iter()
        .filter_map(|&(i, k)| items.get(i).map(|v| (Cow::Owned(v.value()), k, false)))
        .collect();
    if let Some(fc) = fc_replication
        && let Some(k) = model::ReplicationKind::of(fc)
    {
        sources.push((Cow::Borrowed(fc), k, true));
    }
    let mut reps: Vec<model::Replication> = Vec::new();
    let mut seen_owners = HashSet::new();
    for (v, k, is_function_config) in sources {
        let v = &*v;
        match model::Replication::from_json(v, k) {
            Ok(r) => {
                if seen_owners.insert(r.owner_key()) {
                    reps.push(r);
                } else if !is_function_config {
                    let mut d = Diagnostic::new(
                        Severity::Warning,
                        format!(
                            "{} appears twice in the input: only the first is rendered",
                            r.owner_key()
                        ),
                    );
                    d.resource = Some(r.resource_ref());
                    d.file = r.file.clone();
                    sink.push(d);
                }
            }
            Err(errs) => {
                for e in errs {
                    let mut d = Diagnostic::new(Severity::Error, e.message);
                    d.resource = Some(resource_ref_of(v));
                    d.field_path = Some(e.field_path);
                    d.file = object::annotation(v, upsert::PATH)
                        .or_else(|| object::annotation(v, "config.kubernetes.io/path"))
                        .map(str::to_string);
                    sink.push(d);
                }
            }
        }
    }

    // dependsOn: Capsule waits until every dependency exists and is Ready.
    for r in &reps {
        for (i, dep) in r.depends_on.iter().enumerate() {
            let found = reps
                .iter()
                .any(|o| o.kind == r.kind && o.name == *dep && o.namespace == r.namespace);
            if !found {
                let mut d = Diagnostic::new(
                    Severity::Warning,
                    format!(
                        "dependency {dep} not found among the inputs: Capsule does not reconcile {} until it exists and is Ready (rendered anyway)",
                        r.owner_key()
                    ),
                );
                d.resource = Some(r.resource_ref());
                d.file = r.file.clone();
                d.field_path = Some(format!("spec.dependsOn[{i}].name"));
                sink.push(d);
            }
        }
    }

    let mut renderer = render::Renderer::new(&inputs, &opts);
    let mut produced = Vec::new();
    for (ri, rep) in reps.iter().enumerate() {
        renderer.render_replication(ri, rep, &mut sink, &mut produced);
    }
    let merged = render::merge_all(produced, &reps, &mut sink);

    // Final touches: Capsule's labels, webhook labels, namespace checks, provenance.
    let owner_index: HashMap<String, usize> = reps
        .iter()
        .enumerate()
        .map(|(i, r)| (r.owner_key(), i))
        .collect();
    let generated_namespaces: HashSet<String> = merged
        .iter()
        .filter(|m| m.id.kind == "Namespace" && m.id.api_version == "v1")
        .map(|m| m.id.name.clone())
        .collect();
    let mut finals = Vec::with_capacity(merged.len());
    let mut tenants_seen = BTreeSet::new();
    for m in merged {
        let rep = m
            .provenance
            .first()
            .and_then(|p| owner_index.get(&p.owner))
            .and_then(|&i| reps.get(i));
        let ns = m.id.namespace.as_str();
        let warn = |message: String| {
            let mut d = Diagnostic::new(Severity::Warning, message);
            d.resource = rep.map(model::Replication::resource_ref);
            d.file = rep.and_then(|r| r.file.clone());
            d.field_path = Some(m.field_path.clone());
            d.tenant = m.provenance.first().map(|p| p.tenant.clone());
            d
        };
        let mut tenant_label = None;
        if !ns.is_empty() {
            match inputs.namespaces.get(ns) {
                Some(view) if view.terminating => {
                    sink.push(warn(safety::terminating_namespace_message(ns)));
                    continue;
                }
                Some(view) if opts.tenant_labels => tenant_label = view.tenant.as_deref(),
                Some(_) => {}
                None if !generated_namespaces.contains(ns)
                    && !opts.checks.external_namespaces.iter().any(|e| e == ns) =>
                {
                    if let Some(severity) = opts.checks.severity("ref.namespace") {
                        let mut d = warn(safety::missing_namespace_message(ns));
                        d.severity = severity;
                        d.check_id = Some("ref.namespace".into());
                        sink.push(d);
                    }
                }
                None => {}
            }
        }
        let mut owner_refs = Vec::new();
        if opts.owner_references {
            for p in &m.provenance {
                let Some(owner) = owner_index.get(&p.owner).and_then(|&i| reps.get(i)) else {
                    continue;
                };
                if owner.kind != model::ReplicationKind::Global {
                    continue;
                }
                if owner.uid.is_empty() {
                    let mut d = Diagnostic::new(
                        Severity::Warning,
                        format!(
                            "ownerReferences need the uid of {}, and the input has none: no ownerReference added",
                            owner.owner_key()
                        ),
                    );
                    d.resource = Some(owner.resource_ref());
                    d.file = owner.file.clone();
                    sink.push(d);
                } else {
                    owner_refs.push(owner);
                }
            }
        }
        for p in &m.provenance {
            tenants_seen.insert(p.tenant.clone());
        }
        // The touches change only metadata: the rest of the packed object is copied over.
        let (mut has_position, mut tenant) = (false, String::new());
        let object = m.object.edit_metadata(|obj| {
            if let Some(t) = tenant_label {
                metadata::add_tenant_labels(obj, t);
            }
            if opts.capsule_labels {
                metadata::add_capsule_labels(obj);
            }
            for owner in &owner_refs {
                metadata::add_owner_reference(obj, &owner.name, &owner.uid);
            }
            provenance::stamp(obj, &m.provenance);
            (has_position, tenant) = FinalObject::position_and_tenant(obj);
        });
        finals.push(FinalObject {
            id: m.id,
            object,
            has_position,
            tenant,
        });
    }

    // Objects that already exist among the inputs: adopted or refused (§6.3).
    let replication_items: HashSet<usize> = inputs.replications.iter().map(|&(i, _)| i).collect();
    let previous: HashSet<usize> = inputs.previous.iter().copied().collect();
    let candidates: Vec<usize> = (0..items.len())
        .filter(|i| !replication_items.contains(i) && !previous.contains(i))
        .filter(|&i| {
            items
                .get(i)
                .is_some_and(|v| !object::is_local_config(v.view()))
        })
        .collect();
    let mut adoption_diags = Vec::new();
    let adoption = adopt::adopt(items, &candidates, finals, &reps, &mut adoption_diags);
    for d in adoption_diags {
        sink.push(d);
    }
    let finals = adoption.new_objects;
    let adopted = adoption.replacements.len();
    let counts = render::kind_counts(finals.iter().map(|f| &f.id));
    let owners: HashMap<String, upsert::OwnerState> = reps
        .iter()
        .map(|r| {
            (
                r.owner_key(),
                upsert::OwnerState {
                    pruning_on_delete: r.pruning_on_delete,
                    cordoned: r.cordoned,
                },
            )
        })
        .collect();
    let total = finals.len();
    let out_items = upsert::upsert(
        items,
        &inputs.previous,
        finals,
        &adoption.replacements,
        &owners,
        &upsert::UpsertOptions {
            path_pattern: &opts.path_pattern,
            path_annotations: opts.path_annotations,
        },
    );

    // The render's tables are done with: freed before the checks, whose digests and index
    // make the run's peak memory (docs/PERFORMANCE.md).
    let tenants_in_input = inputs.tenants.len();
    drop(renderer);
    drop(inputs);
    drop((owner_index, generated_namespaces, owners));
    drop((
        replication_items,
        previous,
        candidates,
        adoption.replacements,
    ));

    if opts.run_checks {
        for d in run_checks(items, &out_items, &opts.checks) {
            sink.push(d);
        }
    }
    let mut diagnostics = sink.finish();
    if opts.strict {
        for d in diagnostics.iter_mut() {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
                d.message
                    .push_str(" (an error because the option strict is set)");
            }
        }
    }
    let per_kind: Vec<String> = counts.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let ok = errors == 0;
    let counts_text = format!(
        "{total} object(s) from {} replication(s) for {} tenant(s) of {} in the input{}{}",
        reps.len(),
        tenants_seen.iter().filter(|t| t.as_str() != "None").count(),
        tenants_in_input,
        if per_kind.is_empty() { "" } else { "; " },
        per_kind.join(", ")
    ) + &if adopted > 0 {
        format!("; {adopted} existing input object(s) updated in place")
    } else {
        String::new()
    };
    diagnostics.push(Diagnostic::new(
        Severity::Info,
        if ok {
            format!("rendered {counts_text}")
        } else {
            format!(
                "nothing written because of {errors} error(s); would have rendered {counts_text}"
            )
        },
    ));
    Outcome {
        items: if ok { out_items } else { Vec::new() },
        diagnostics,
    }
}

fn resource_ref_of(v: &serde_json::Value) -> ResourceRef {
    object::ObjectId::of(v).resource_ref()
}

/// Runs the checks (product.md §5) over what would be applied: the input items that are not
/// local configuration, and the generated objects, each traced back to its replication and
/// tenant through its provenance annotation. Public for the checks benchmark.
#[inline(never)] // one call per render; kept out of line so profilers can attribute the checks
pub fn run_checks(
    items: &[Packed],
    out: &[OutputItem],
    options: &crate::check::CheckOptions,
) -> Vec<Diagnostic> {
    let mut rendered = crate::check::Rendered::with_capacity(out.len());
    for o in out {
        match o {
            OutputItem::Kept(i) => {
                if let Some(v) = items.get(*i) {
                    rendered.add(v.view(), false, None);
                }
            }
            OutputItem::Generated(g) => rendered.add(g.packed().view(), true, g.assigned_path()),
        }
    }
    rendered.check(options)
}
