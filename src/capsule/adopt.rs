//! Objects that already exist (capsule-semantics.md §6.2, §6.3): an input item with the identity
//! of a produced object that this tool did not generate is the object Capsule would find in the
//! cluster. Without `settings.adopt` (and when it was not created by a replication) Capsule's
//! apply fails with `object <apiVersion>/<Kind> <ns>/<name> exists and cannot be adopted`; with
//! it, Capsule applies its fields onto the object (conflicting values fail unless `force`) and
//! labels it `projectcapsule.dev/managed-by` only — never `created-by`. The merged object takes
//! the input item's place and stays an ordinary input item (no provenance): Capsule never
//! deletes adopted objects, and re-running merges the same fields again.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::FinalObject;
use super::metadata::{CREATED_BY, LEGACY_RESOURCES, REPLICATIONS};
use super::model::Replication;
use super::object;
use super::provenance;
use crate::diagnostic::{Diagnostic, Severity};
use crate::packed::Packed;

/// The produced objects that are new, and the input items replaced by adopted objects.
pub struct Adoption {
    pub new_objects: Vec<FinalObject>,
    pub replacements: HashMap<usize, Json>,
}

/// Splits `finals` (merged, labelled, provenance-stamped) into new objects and adoptions of the
/// `candidates` (input indexes of ordinary objects).
pub fn adopt(
    items: &[Packed],
    candidates: &[usize],
    finals: Vec<FinalObject>,
    reps: &[Replication],
    diagnostics: &mut Vec<Diagnostic>,
) -> Adoption {
    // Each final's first candidate of the same identity. The table holds the finals'
    // identities, borrowed: a big package has far more candidates than generated objects.
    let matches: Vec<Option<usize>> = {
        let mut wanted: HashMap<(&str, &str, &str, &str), usize> =
            HashMap::with_capacity(finals.len());
        for (at, f) in finals.iter().enumerate() {
            let id = &f.id;
            let key = (
                id.api_version.as_str(),
                id.kind.as_str(),
                id.namespace.as_str(),
                id.name.as_str(),
            );
            wanted.entry(key).or_insert(at);
        }
        let mut matches = vec![None; finals.len()];
        for &i in candidates {
            if let Some(v) = items.get(i).map(Packed::view) {
                let key = (
                    object::api_version(v),
                    object::kind(v),
                    object::namespace(v),
                    object::name(v),
                );
                if let Some(m) = wanted.get(&key).and_then(|&at| matches.get_mut(at))
                    && m.is_none()
                {
                    *m = Some(i);
                }
            }
        }
        matches
    };
    let by_owner: HashMap<String, &Replication> = reps.iter().map(|r| (r.owner_key(), r)).collect();
    let mut out = Adoption {
        new_objects: Vec::new(),
        replacements: HashMap::new(),
    };
    for (f, found) in finals.into_iter().zip(matches) {
        let Some(i) = found else {
            out.new_objects.push(f);
            continue;
        };
        let id = f.id;
        let obj = f.object.value();
        let current = match out.replacements.get(&i) {
            Some(r) => r.clone(),
            None => match items.get(i) {
                Some(p) => p.value(),
                None => continue,
            },
        };
        let labels = object::labels(&current);
        // Created by Capsule's legacy replication: its fields belong to Capsule's field manager
        // (e2e TR 8.6-17: the data is updated). Created by a replication that is not among the
        // inputs: another field manager, so differing values conflict (e2e GTR 8.5-16).
        let legacy = labels.contains_key(LEGACY_RESOURCES);
        let created = labels.get(CREATED_BY).is_some_and(|v| v == REPLICATIONS) || legacy;
        let contributors = provenance::read(&obj);
        let owners: Vec<(&provenance::Provenance, Option<&&Replication>)> = contributors
            .iter()
            .map(|p| (p, by_owner.get(&p.owner)))
            .collect();
        let refusing = owners.iter().find(|(_, r)| r.is_some_and(|r| !r.adopt));
        if !created && let Some((p, r)) = refusing {
            let mut d = Diagnostic::new(
                Severity::Error,
                format!(
                    "apply failed for item {}: object {} exists and cannot be adopted (it is in the input and was not created by a replication; set settings.adopt: true to take it over)",
                    p.origin,
                    id.display()
                ),
            );
            d.resource = r.map(|r| r.resource_ref());
            d.file = r.and_then(|r| r.file.clone());
            d.tenant = Some(p.tenant.clone());
            d.field_path = p.field_path();
            diagnostics.push(d);
            continue;
        }
        let force = legacy || owners.iter().all(|(_, r)| r.is_some_and(|r| r.force));
        let mut ours = obj;
        object::remove_annotation(&mut ours, provenance::ANNOTATION);
        if !created {
            object::remove_label(&mut ours, CREATED_BY);
        }
        let mut merged = current;
        match super::merge::merge_into(&mut merged, &ours, force) {
            Ok(_) => {
                if created {
                    // Capsule's patch: created-by set, the legacy label removed.
                    object::remove_label(&mut merged, LEGACY_RESOURCES);
                }
                out.replacements.insert(i, merged);
            }
            Err(c) => {
                let (p, r) = owners
                    .first()
                    .map(|(p, r)| (Some(*p), *r))
                    .unwrap_or((None, None));
                let mut d = Diagnostic::new(
                    Severity::Error,
                    format!(
                        "apply failed for item {}: {} field {}: {} conflicts with {} in the existing object: Capsule's server-side apply fails with a conflict; make the values agree or set settings.force",
                        p.map(|p| p.origin.as_str()).unwrap_or(""),
                        id.display(),
                        c.path,
                        c.theirs,
                        c.ours
                    ),
                );
                d.resource = r.map(|r| r.resource_ref());
                d.file = r.and_then(|r| r.file.clone());
                d.tenant = p.map(|p| p.tenant.clone());
                d.field_path = p.and_then(provenance::Provenance::field_path);
                diagnostics.push(d);
            }
        }
    }
    out
}
