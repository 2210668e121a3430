//! The render of all replications: for each GlobalTenantResource/TenantResource (input order,
//! then the functionConfig one) → each `resources[i]` → each iteration (tenant by name, namespace
//! by name) → namespacedItems, rawItems, generators (document order). Errors for any tenant fail
//! the whole replication, as in Capsule; everything is still tried so every error is reported.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value as Json;

use super::context::{LookupScope, lookup};
use super::fast_template::FastContext;
use super::generator::{CompiledGenerator, GeneratorError};
use super::inputs::Inputs;
use super::kinds::KindTable;
use super::metadata::{self, AdditionalMetadata};
use super::model::{Replication, ReplicationKind, Scope};
use super::namespaced_items::{ReplicaScope, replicate};
use super::object::{self, ObjectId};
use super::options::RenderOptions;
use super::provenance::Provenance;
use super::raw_items::render_raw_item;
use super::safety;
use super::scope::{self, Iteration};
use super::template_data;
use crate::diagnostic::{Diagnostic, Severity, TemplateLocation};
use crate::json_view::JsonView;
use crate::packed::Packed;
use crate::template::{FixedEntropy, FuncMap, RenderEnv, Value};

/// One object produced by one item of one iteration, before merging.
#[derive(Clone, Debug)]
pub struct Produced {
    /// Its identity, read once.
    pub id: ObjectId,
    /// The object, packed until the final touches need it (see [`super::packed`]).
    pub object: Packed,
    pub provenance: Provenance,
    /// `settings.force` of the producing replication.
    pub force: bool,
    /// Index of the producing replication in the render's list.
    pub replication: usize,
    /// The field that produced it (`spec.resources[0].rawItems[1]`).
    pub field_path: String,
}

/// What makes two findings the same: severity, field, template position, text.
type SinkKey = (Severity, Option<String>, Option<(u32, u32)>, String);

/// Collects diagnostics, reporting an identical finding (same severity, field, position and
/// text) once however many tenants hit it.
#[derive(Debug, Default)]
pub struct Sink {
    pub diagnostics: Vec<Diagnostic>,
    seen: HashMap<SinkKey, usize>,
    counts: Vec<usize>,
}

impl Sink {
    /// Adds a finding (or counts a repeat).
    pub fn push(&mut self, d: Diagnostic) {
        let key = (
            d.severity,
            d.field_path.clone(),
            d.template.as_ref().map(|t| (t.line, t.col)),
            d.message.clone(),
        );
        if let Some(&i) = self.seen.get(&key) {
            if let Some(c) = self.counts.get_mut(i) {
                *c += 1;
            }
            return;
        }
        self.seen.insert(key, self.diagnostics.len());
        self.diagnostics.push(d);
        self.counts.push(1);
    }

    /// True when an error was reported.
    pub fn has_error(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics, repeats noted in the message.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.diagnostics
            .into_iter()
            .zip(self.counts)
            .map(|(mut d, n)| {
                if n > 1 {
                    d.message
                        .push_str(&format!(" (reported once for {} occurrences)", n));
                }
                d
            })
            .collect()
    }
}

/// Per-render state shared by all replications: the inputs, options, kind table and
/// function map.
pub struct Renderer<'a> {
    pub inputs: &'a Inputs<'a>,
    pub opts: &'a RenderOptions,
    pub kinds: KindTable,
    funcs: Option<FuncMap>,
}

/// FNV-1a, for per-execution seeds.
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// What one iteration needs to build objects.
struct IterCtx<'x> {
    rep_index: usize,
    rep: &'x Replication,
    res_index: usize,
    fast: FastContext,
    md: AdditionalMetadata,
    target: Option<String>,
    tenant: String,
}

impl<'a> Renderer<'a> {
    /// A renderer over sorted inputs.
    pub fn new(inputs: &'a Inputs<'a>, opts: &'a RenderOptions) -> Renderer<'a> {
        Renderer {
            inputs,
            opts,
            kinds: KindTable::new(&opts.cluster_scoped_kinds),
            funcs: None,
        }
    }

    fn diag(
        &self,
        severity: Severity,
        message: String,
        rep: &Replication,
        field_path: Option<String>,
        tenant: Option<&str>,
    ) -> Diagnostic {
        let mut d = Diagnostic::new(severity, message);
        d.resource = Some(rep.resource_ref());
        d.field_path = field_path;
        d.file = rep.file.clone();
        d.tenant = tenant.map(str::to_string);
        d
    }

    /// The Tenant as template data: converted afresh for every iteration, as Capsule converts
    /// the typed object to a new map each time (a template may change it with `set`/`merge`).
    fn tenant_value(&self, it: &Iteration<'_>) -> Value {
        match it.tenant {
            Some(t) => template_data::tenant_value(&t.json.value()),
            None => template_data::none_tenant_value(),
        }
    }

    /// The iteration's Namespace as template data, converted afresh (see [`Self::tenant_value`]).
    fn namespace_value(&self, it: &Iteration<'_>) -> Option<Value> {
        it.namespace
            .map(|ns| template_data::namespace_value(&ns.json.value()))
    }

    /// A context object as template data, converted afresh for every iteration: Capsule lists
    /// the objects from the cluster for each one, so a template changing one (`set`) never
    /// affects another iteration.
    fn context_value(&self, i: usize) -> Value {
        self.inputs
            .items
            .get(i)
            .map(|p| template_data::context_object_value(&p.value()))
            .unwrap_or_default()
    }

    /// The namespaces a TenantResource of `tenant` may read: `status.namespaces`, else the
    /// namespaces the inputs assign to it.
    fn allowed_namespaces(&self, it: &Iteration<'_>) -> Vec<String> {
        let Some(t) = it.tenant else {
            return Vec::new();
        };
        if let Some(list) = t.json.list_at(&["status", "namespaces"]) {
            return list
                .into_iter()
                .filter_map(JsonView::as_str)
                .map(str::to_string)
                .collect();
        }
        self.inputs.namespaces_of(&t.name).to_vec()
    }

    /// Renders one replication. Produced objects are appended to `out`; findings to `sink`.
    pub fn render_replication(
        &mut self,
        rep_index: usize,
        rep: &Replication,
        sink: &mut Sink,
        out: &mut Vec<Produced>,
    ) {
        if rep.cordoned {
            sink.push(self.diag(
                Severity::Info,
                format!(
                    "{} is cordoned: Capsule applies and prunes nothing for it",
                    rep.owner_key()
                ),
                rep,
                Some("spec.cordoned".into()),
                None,
            ));
            return;
        }
        for (res_index, res) in rep.resources.iter().enumerate() {
            let its = match scope::iterations(rep, res, self.inputs) {
                Ok(its) if its.is_empty() => {
                    // Capsule silently renders nothing; say why.
                    sink.push(self.diag(
                        Severity::Info,
                        format!(
                            "{} resources[{res_index}] renders nothing: no {} among the inputs matches its selectors",
                            rep.owner_key(),
                            if rep.scope == Scope::Tenant { "tenant" } else { "tenant namespace" }
                        ),
                        rep,
                        Some(format!("spec.resources[{res_index}]")),
                        None,
                    ));
                    continue;
                }
                Ok(its) => its,
                Err(e) => {
                    sink.push(self.diag(Severity::Error, e.message, rep, Some(e.field_path), None));
                    continue;
                }
            };
            let mut gens: Vec<CompiledGenerator> = res
                .generators
                .iter()
                .map(|g| CompiledGenerator::new(&g.template, g.missing_key))
                .collect();
            for it in &its {
                self.render_iteration(rep_index, rep, res_index, it, &mut gens, sink, out);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn render_iteration(
        &mut self,
        rep_index: usize,
        rep: &Replication,
        res_index: usize,
        it: &Iteration<'_>,
        gens: &mut [CompiledGenerator],
        sink: &mut Sink,
        out: &mut Vec<Produced>,
    ) {
        let Some(res) = rep.resources.get(res_index) else {
            return;
        };
        let base = format!("spec.resources[{res_index}]");
        let tenant = it.tenant_name().to_string();
        if let Some(ns) = it.namespace
            && ns.terminating
        {
            sink.push(self.diag(
                Severity::Warning,
                safety::terminating_namespace_message(&ns.name),
                rep,
                Some(base.clone()),
                Some(&tenant),
            ));
            return;
        }
        let fast = FastContext {
            tenant: Some(tenant.clone()),
            namespace: it.namespace.map(|n| n.name.clone()),
        };
        let md = match metadata::template(&res.labels, &res.annotations, &fast) {
            Ok(md) => md,
            Err(e) => {
                sink.push(self.diag(
                    Severity::Error,
                    e.message,
                    rep,
                    Some(format!("{base}.additionalMetadata")),
                    Some(&tenant),
                ));
                return;
            }
        };
        let tr = rep.kind == ReplicationKind::Namespaced;
        let allowed = if tr {
            Some(self.allowed_namespaces(it))
        } else {
            None
        };
        let restrict = if self.opts.restrict_context_to_tenant {
            it.tenant
                .map(|t| self.inputs.namespaces_of(&t.name).to_vec())
        } else {
            None
        };
        // Context (loaded whenever present: a failure aborts this iteration, as in Capsule).
        let mut context: Vec<(String, Vec<Value>)> = Vec::new();
        let mut context_failed = false;
        for (j, c) in res.context.iter().enumerate() {
            let scope = LookupScope {
                default_namespace: it.namespace.map(|n| n.name.as_str()),
                allowed_namespaces: allowed.as_deref(),
                exclude_labels: &[],
                restrict_to: restrict.as_deref(),
            };
            match lookup(
                self.inputs.items,
                &self.inputs.index,
                &self.kinds,
                c,
                &fast,
                &scope,
            ) {
                Ok(found) => {
                    let key = if c.index.is_empty() {
                        j.to_string()
                    } else {
                        c.index.clone()
                    };
                    let objects: Vec<Value> =
                        found.into_iter().map(|i| self.context_value(i)).collect();
                    context.push((key, objects));
                }
                Err(e) => {
                    context_failed = true;
                    sink.push(self.diag(
                        Severity::Error,
                        e.message,
                        rep,
                        Some(format!("{base}.context.resources[{j}].{}", e.field)),
                        Some(&tenant),
                    ));
                }
            }
        }
        if context_failed {
            return;
        }
        let cx = IterCtx {
            rep_index,
            rep,
            res_index,
            fast,
            md,
            target: it.namespace.map(|n| n.name.clone()),
            tenant: tenant.clone(),
        };
        // namespacedItems (Namespace scope and TenantResources only).
        if let Some(target) = it.namespace
            && !res.namespaced_items.is_empty()
        {
            let scope = ReplicaScope {
                kind: rep.kind,
                own_namespace: &rep.namespace,
                allowed: allowed.as_deref(),
                target: &target.name,
            };
            match replicate(
                self.inputs,
                &self.kinds,
                &res.namespaced_items,
                &cx.fast,
                &scope,
            ) {
                Ok(copies) => {
                    let field = format!("{base}.namespacedItems");
                    let mut seen = HashSet::new();
                    for c in copies {
                        // Replicas: the first with a key wins (combine = false).
                        if seen.insert(ObjectId::of(&c)) {
                            self.finish(&cx, c, "replica".into(), &field, sink, out);
                        }
                    }
                }
                Err(e) => sink.push(self.diag(
                    Severity::Error,
                    e.message,
                    rep,
                    Some(format!("{base}.namespacedItems[{}].{}", e.item, e.field)),
                    Some(&tenant),
                )),
            }
        }
        // rawItems.
        for (k, raw) in res.raw_items.iter().enumerate() {
            let field = format!("{base}.rawItems[{k}]");
            match render_raw_item(raw, &cx.fast) {
                Ok(obj) => self.finish(&cx, obj, format!("{res_index}/raw-{k}"), &field, sink, out),
                Err(m) => sink.push(self.diag(Severity::Error, m, rep, Some(field), Some(&tenant))),
            }
        }
        // generators.
        if gens.is_empty() {
            return;
        }
        // Capsule converts the Tenant and Namespace to fresh maps for every iteration, and a
        // template may change them in place (`set`, `merge`): each iteration gets its own.
        let tenant_value = self.tenant_value(it);
        let ns_value = self.namespace_value(it);
        let data = template_data::build(context, &tenant_value, ns_value.as_ref());
        if self.funcs.is_none() {
            self.funcs = Some(safety::offline_func_map(self.opts.allow_nondeterministic));
        }
        for (g, gen_) in gens.iter_mut().enumerate() {
            let field = format!("{base}.generators[{g}].template");
            let seed = fnv1a(&format!(
                "{}/{}/{res_index}/{g}/{tenant}/{}",
                self.opts.seed,
                rep.owner_key(),
                cx.target.as_deref().unwrap_or("")
            ));
            let mut env = RenderEnv::new(Box::new(FixedEntropy::new(
                seed,
                self.opts.clock_unix_nanos,
            )));
            let Some(funcs) = self.funcs.as_ref() else {
                return;
            };
            let result = gen_.run(funcs, &data, &mut env);
            match result {
                Ok(output) => {
                    let mut findings =
                        safety::event_findings(&output.events, self.opts.allow_nondeterministic);
                    findings.extend(safety::no_value_findings(&output.rendered));
                    let mut fatal = false;
                    for f in findings {
                        let severity = match f.check_id {
                            Some(id) => match self.opts.checks.severity(id) {
                                Some(s) => s,
                                None => continue,
                            },
                            None => f.severity,
                        };
                        fatal |= severity == Severity::Error;
                        let mut d =
                            self.diag(severity, f.message, rep, Some(field.clone()), Some(&tenant));
                        d.template = f.pos.map(|(line, col)| TemplateLocation {
                            field_path: field.clone(),
                            line,
                            // Go counts columns from 0; editors (and our locations) from 1.
                            col: col + 1,
                        });
                        d.check_id = f.check_id.map(str::to_string);
                        sink.push(d);
                    }
                    if fatal {
                        continue;
                    }
                    for (d, obj) in output.objects.into_iter().enumerate() {
                        self.finish(
                            &cx,
                            obj,
                            format!("{res_index}/generator-{g}-{d}"),
                            &field,
                            sink,
                            out,
                        );
                    }
                }
                Err(e) => {
                    let mut d = self.diag(
                        Severity::Error,
                        e.capsule_message(),
                        rep,
                        Some(field.clone()),
                        Some(&tenant),
                    );
                    if let GeneratorError::Template(te) = &e {
                        d.template = te.pos.map(|p| TemplateLocation {
                            field_path: field.clone(),
                            line: p.line,
                            col: p.col + 1,
                        });
                        if let Some(h) = &te.hint {
                            d.message.push_str(&format!("\nhint: {h}"));
                        }
                    }
                    sink.push(d);
                }
            }
        }
    }

    /// `AddToAccumulation`: namespace forced, scope rules, additionalMetadata, sanitising.
    fn finish(
        &self,
        cx: &IterCtx<'_>,
        mut obj: Json,
        origin: String,
        field: &str,
        sink: &mut Sink,
        out: &mut Vec<Produced>,
    ) {
        let rep = cx.rep;
        let av = object::api_version(&obj).to_string();
        let kind = object::kind(&obj).to_string();
        let missing: Vec<&str> = [
            ("apiVersion", av.is_empty()),
            ("kind", kind.is_empty()),
            ("metadata.name", object::name(&obj).is_empty()),
        ]
        .into_iter()
        .filter_map(|(f, m)| m.then_some(f))
        .collect();
        if !missing.is_empty() {
            // Capsule keeps such documents and the apply fails.
            sink.push(self.diag(
                Severity::Error,
                format!(
                    "apply failed for item {origin}: the object has no {}: the API server rejects it",
                    missing.join(", no ")
                ),
                rep,
                Some(field.to_string()),
                Some(&cx.tenant),
            ));
            return;
        }
        let cluster = self.kinds.is_cluster_scoped(&av, &kind);
        if rep.kind == ReplicationKind::Namespaced && cluster {
            sink.push(self.diag(
                Severity::Error,
                format!("cluster-scoped kind {av}/{kind} is not allowed"),
                rep,
                Some(field.to_string()),
                Some(&cx.tenant),
            ));
            return;
        }
        if let Some(t) = &cx.target {
            object::set_namespace(&mut obj, t);
        }
        metadata::apply(&mut obj, &cx.md);
        metadata::sanitize(&mut obj);
        if cluster {
            // The API server drops a namespace on a cluster-scoped object.
            if let Some(m) = obj.get_mut("metadata").and_then(Json::as_object_mut) {
                m.remove("namespace");
            }
        } else if object::namespace(&obj).is_empty() && rep.scope != Scope::Namespace {
            sink.push(self.diag(
                Severity::Error,
                format!(
                    "apply failed for item {origin}: {av}/{kind} {} has no metadata.namespace: in {} scope Capsule takes the namespace from the manifest, and applying a namespaced object without one fails (\"applying of N resources failed\")",
                    object::name(&obj),
                    if rep.scope == Scope::None { "None" } else { "Tenant" }
                ),
                rep,
                Some(field.to_string()),
                Some(&cx.tenant),
            ));
            return;
        }
        out.push(Produced {
            id: ObjectId::of(&obj),
            object: Packed::of(&obj),
            provenance: Provenance {
                owner: rep.owner_key(),
                origin,
                tenant: cx.tenant.clone(),
            },
            force: rep.force,
            replication: cx.rep_index,
            field_path: field.to_string(),
        });
        let _ = (cx.res_index, &cx.fast);
    }
}

/// Merged objects in first-produced order, with their contributors.
pub struct Merged {
    /// Its identity.
    pub id: ObjectId,
    /// The merged object, packed.
    pub object: Packed,
    pub provenance: Vec<Provenance>,
    /// The field of the first contributor.
    pub field_path: String,
}

/// Merges same-identity objects (§3.5), reporting conflicts on the later contributor.
pub fn merge_all(produced: Vec<Produced>, reps: &[Replication], sink: &mut Sink) -> Vec<Merged> {
    // Same identities found by sorting positions (no table of copied identities): each
    // object's first contributor, by position in `produced`.
    let position = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut order: Vec<u32> = (0..produced.len()).map(position).collect();
    let id_at = |i: u32| produced.get(i as usize).map(|p| &p.id);
    order.sort_unstable_by(|&a, &b| id_at(a).cmp(&id_at(b)).then(a.cmp(&b)));
    let mut first_of: Vec<u32> = (0..produced.len()).map(position).collect();
    for pair in order.windows(2) {
        if let [a, b] = *pair
            && id_at(a) == id_at(b)
            && let Some(&first) = first_of.get(a as usize)
            && let Some(slot) = first_of.get_mut(b as usize)
        {
            *slot = first;
        }
    }
    drop(order);
    // Where each first contributor went in `out` (set as it is pushed).
    let mut slot_of = first_of.clone();
    let mut out: Vec<Merged> = Vec::with_capacity(produced.len());
    for (at, p) in produced.into_iter().enumerate() {
        let first_at = first_of.get(at).map_or(at, |&f| f as usize);
        if first_at == at {
            if let Some(slot) = slot_of.get_mut(at) {
                *slot = position(out.len());
            }
            out.push(Merged {
                id: p.id,
                object: p.object,
                provenance: vec![p.provenance],
                field_path: p.field_path,
            });
            continue;
        }
        let Some(m) = slot_of
            .get(first_at)
            .and_then(|&slot| out.get_mut(slot as usize))
        else {
            continue;
        };
        let first = m
            .provenance
            .first()
            .map(Provenance::encode)
            .unwrap_or_default();
        let rep = reps.get(p.replication);
        let mk = |sev: Severity, msg: String| {
            let mut d = Diagnostic::new(sev, msg);
            if let Some(r) = rep {
                d.resource = Some(r.resource_ref());
                d.file = r.file.clone();
            }
            d.field_path = Some(p.field_path.clone());
            d.tenant = Some(p.provenance.tenant.clone());
            d
        };
        // Same identity: the rare case where both are unpacked.
        let mut merged = m.object.value();
        let theirs = p.object.value();
        let result = super::merge::merge_into(&mut merged, &theirs, p.force);
        m.object = Packed::of(&merged);
        match result {
            Ok(forced) => {
                for c in forced {
                    sink.push(mk(
                        Severity::Warning,
                        format!(
                            "{} field {}: {} overrides {} from {first} because settings.force is true; in the cluster the last applier wins and Capsule's apply order is random",
                            p.id.display(),
                            c.path,
                            c.theirs,
                            c.ours
                        ),
                    ));
                }
            }
            Err(c) => {
                sink.push(mk(
                    Severity::Error,
                    format!(
                        "apply failed for item {}: {} field {}: {} conflicts with {} from {first}: Capsule's server-side apply fails with a conflict (\"applying of N resources failed\"); make the values agree or set settings.force",
                        p.provenance.origin,
                        p.id.display(),
                        c.path,
                        c.theirs,
                        c.ours
                    ),
                ));
            }
        }
        if !m.provenance.contains(&p.provenance) {
            m.provenance.push(p.provenance);
        }
    }
    out
}

/// Counts for the summary: objects per kind.
pub fn kind_counts<'i>(ids: impl IntoIterator<Item = &'i ObjectId>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for id in ids {
        *m.entry(id.kind.clone()).or_insert(0) += 1;
    }
    m
}
