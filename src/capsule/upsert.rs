//! Idempotent output (product.md §3.1, §3.4): input items pass through unchanged and in order,
//! except objects a previous run generated (they carry the provenance annotation). Those are
//! replaced in place by the object with the same identity produced now, keeping the host's
//! path/index/id annotations; pruned when nothing produces them any more; kept but disowned
//! (provenance and `projectcapsule.dev/managed-by` removed) when every owner that still exists has
//! `pruningOnDelete: false`; left untouched when an owner is cordoned. New objects are appended
//! in render order with a kpt path annotation from the configured pattern.

use std::collections::{HashMap, HashSet};

use serde_json::Value as Json;

use super::object::{self, ObjectId};
use super::provenance;
use super::{FinalObject, GeneratedObject, OutputItem};
use crate::json_view::JsonView;
use crate::packed::Packed;

/// kpt's path annotation (the one functions may set on new items).
pub const PATH: &str = "internal.config.kubernetes.io/path";
/// kpt's index annotation.
pub const INDEX: &str = "internal.config.kubernetes.io/index";
const LEGACY_PATH: &str = "config.kubernetes.io/path";
const LEGACY_INDEX: &str = "config.kubernetes.io/index";

/// What the upsert needs to know about a replication that produced earlier objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OwnerState {
    pub pruning_on_delete: bool,
    pub cordoned: bool,
}

fn copy_host_annotations(from: &Json, to: &mut Json) {
    let Some(src) = from
        .get("metadata")
        .and_then(|m| m.get("annotations"))
        .and_then(Json::as_object)
    else {
        return;
    };
    let host: Vec<(String, Json)> = src
        .iter()
        .filter(|(k, _)| object::is_host_annotation(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if host.is_empty() {
        return;
    }
    if let Some(a) = object::meta_map_mut(to, "annotations") {
        for (k, v) in host {
            a.insert(k, v);
        }
    }
}

/// The path a new object goes to: `<namespace>`, `<kind>` (lower case), `<name>`, `<tenant>`
/// replaced, empty path segments dropped.
pub fn path_for(pattern: &str, id: &ObjectId, tenant: &str) -> String {
    let p = pattern
        .replace("<namespace>", &id.namespace)
        .replace("<kind>", &id.kind.to_ascii_lowercase())
        .replace("<name>", &id.name)
        .replace("<tenant>", tenant);
    p.split('/')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// The kpt position (path, index) an object's annotations give it.
pub(crate) fn position<'a>(v: impl JsonView<'a>) -> Option<(String, i64)> {
    let path = object::annotation(v, PATH).or_else(|| object::annotation(v, LEGACY_PATH))?;
    let index = object::annotation(v, INDEX)
        .or_else(|| object::annotation(v, LEGACY_INDEX))
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or(0);
    Some((path.to_string(), index))
}

/// Options of the upsert.
pub struct UpsertOptions<'a> {
    pub path_pattern: &'a str,
    pub path_annotations: bool,
}

/// Builds the output list. `produced` objects are final (merged, labelled, provenance-stamped)
/// and unique by identity.
pub fn upsert(
    items: &[Packed],
    previous: &[usize],
    produced: Vec<FinalObject>,
    replacements: &HashMap<usize, Json>,
    owners: &HashMap<String, OwnerState>,
    opts: &UpsertOptions<'_>,
) -> Vec<OutputItem> {
    let previous: HashSet<usize> = previous.iter().copied().collect();
    // Produced objects by identity, for an earlier run's objects (none on a first render).
    let mut by_id: HashMap<ObjectId, usize> = HashMap::new();
    if !previous.is_empty() {
        for (i, p) in produced.iter().enumerate() {
            by_id.entry(p.id.clone()).or_insert(i);
        }
    }
    let mut slots: Vec<Option<FinalObject>> = produced.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(items.len() + slots.len());
    let mut next_index: HashMap<String, i64> = HashMap::new();
    for (i, packed) in items.iter().enumerate() {
        if !previous.contains(&i) {
            if let Some((path, index)) = position(packed.view()) {
                let e = next_index.entry(path).or_insert(0);
                *e = (*e).max(index + 1);
            }
            match replacements.get(&i) {
                Some(r) => out.push(OutputItem::Generated(r.clone().into())),
                None => out.push(OutputItem::Kept(i)),
            }
            continue;
        }
        // An earlier run's object: unpacked, it is regenerated, disowned or pruned.
        let item = &packed.value();
        if let Some(&p) = by_id.get(&ObjectId::of(item))
            && let Some(f) = slots.get_mut(p).and_then(Option::take)
        {
            let mut obj = f.object.value();
            copy_host_annotations(item, &mut obj);
            if let Some((path, index)) = position(&obj) {
                let e = next_index.entry(path).or_insert(0);
                *e = (*e).max(index + 1);
            }
            out.push(OutputItem::Generated(obj.into()));
            continue;
        }
        let states: Vec<OwnerState> = provenance::read(item)
            .iter()
            .filter_map(|p| owners.get(&p.owner).copied())
            .collect();
        if states.iter().any(|s| s.cordoned) {
            out.push(OutputItem::Kept(i));
        } else if !states.is_empty() && states.iter().all(|s| !s.pruning_on_delete) {
            let mut kept = item.clone();
            object::remove_annotation(&mut kept, provenance::ANNOTATION);
            super::metadata::disown(&mut kept);
            out.push(OutputItem::Generated(kept.into()));
        }
        // Otherwise pruned.
    }
    for f in slots.into_iter().flatten() {
        // The position is added when the object is unpacked (GeneratedObject::value).
        let position = (opts.path_annotations && !f.has_position).then(|| {
            let path = path_for(opts.path_pattern, &f.id, &f.tenant);
            let e = next_index.entry(path.clone()).or_insert(0);
            let index = *e;
            *e += 1;
            (path, index.to_string())
        });
        out.push(OutputItem::Generated(GeneratedObject::at(
            f.object, position,
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn made(name: &str, owner: &str) -> Json {
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": "ns",
            "labels": {"projectcapsule.dev/managed-by": "replications", "projectcapsule.dev/created-by": "replications"},
            "annotations": {provenance::ANNOTATION: format!("{owner}#0/raw-0@t")}}})
    }

    fn opts() -> UpsertOptions<'static> {
        UpsertOptions {
            path_pattern: "generated/<namespace>/<kind>_<name>.yaml",
            path_annotations: true,
        }
    }

    #[test]
    fn path_pattern() {
        let o = json!({"kind": "ClusterRole", "metadata": {"name": "r"}});
        assert_eq!(
            path_for(
                "generated/<namespace>/<kind>_<name>.yaml",
                &ObjectId::of(&o),
                "t"
            ),
            "generated/clusterrole_r.yaml"
        );
    }

    #[test]
    fn replace_in_place_prune_and_append() {
        let mut old_a = made("a", "GlobalTenantResource/g");
        old_a["metadata"]["annotations"][PATH] = json!("tenants/a.yaml");
        old_a["metadata"]["annotations"][INDEX] = json!("2");
        let items = vec![
            json!({"kind": "Tenant"}),
            old_a,
            made("gone", "GlobalTenantResource/g"),
        ];
        let mut new_a = made("a", "GlobalTenantResource/g");
        new_a["data"] = json!({"v": "2"});
        let new_b = made("b", "GlobalTenantResource/g");
        let owners = HashMap::from([(
            "GlobalTenantResource/g".to_string(),
            OwnerState {
                pruning_on_delete: true,
                cordoned: false,
            },
        )]);
        let out = upsert(
            &crate::packed::pack_all(&items),
            &[1, 2],
            vec![FinalObject::of(&new_b), FinalObject::of(&new_a)],
            &HashMap::new(),
            &owners,
            &opts(),
        );
        assert_eq!(out.len(), 3);
        assert_eq!(out[0], OutputItem::Kept(0));
        let OutputItem::Generated(a) = &out[1] else {
            panic!("replaced")
        };
        let a = &a.value();
        assert_eq!(a["data"]["v"], "2");
        assert_eq!(object::annotation(a, PATH), Some("tenants/a.yaml"));
        assert_eq!(object::annotation(a, INDEX), Some("2"));
        let OutputItem::Generated(b) = &out[2] else {
            panic!("appended")
        };
        let b = &b.value();
        assert_eq!(
            object::annotation(b, PATH),
            Some("generated/ns/configmap_b.yaml")
        );
        assert_eq!(object::annotation(b, INDEX), Some("0"));
    }

    #[test]
    fn disown_and_cordon() {
        let items = vec![
            made("x", "GlobalTenantResource/keep"),
            made("y", "GlobalTenantResource/paused"),
        ];
        let owners = HashMap::from([
            (
                "GlobalTenantResource/keep".to_string(),
                OwnerState {
                    pruning_on_delete: false,
                    cordoned: false,
                },
            ),
            (
                "GlobalTenantResource/paused".to_string(),
                OwnerState {
                    pruning_on_delete: true,
                    cordoned: true,
                },
            ),
        ]);
        let items = crate::packed::pack_all(&items);
        let out = upsert(&items, &[0, 1], vec![], &HashMap::new(), &owners, &opts());
        let OutputItem::Generated(x) = &out[0] else {
            panic!("disowned")
        };
        let x = &x.value();
        assert!(!provenance::is_generated(x));
        assert_eq!(object::labels(x).get("projectcapsule.dev/managed-by"), None);
        assert_eq!(
            object::labels(x)
                .get("projectcapsule.dev/created-by")
                .map(String::as_str),
            Some("replications")
        );
        assert_eq!(out[1], OutputItem::Kept(1));
    }

    #[test]
    fn indexes_continue_after_existing_items_in_the_same_file() {
        let user = json!({"kind": "ConfigMap", "metadata": {"name": "u", "annotations": {PATH: "generated/ns/configmap_b.yaml", INDEX: "0"}}});
        let out = upsert(
            &[Packed::of(&user)],
            &[],
            vec![FinalObject::of(&made("b", "GlobalTenantResource/g"))],
            &HashMap::new(),
            &HashMap::new(),
            &opts(),
        );
        let OutputItem::Generated(b) = &out[1] else {
            panic!("appended")
        };
        let b = &b.value();
        assert_eq!(object::annotation(b, INDEX), Some("1"));
    }
}
