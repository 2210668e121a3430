//! Same-identity objects from several items (capsule-semantics.md §3.5): Capsule applies each
//! with its own server-side-apply field manager, so the API server merges them; a field set to
//! two different values is a conflict (the second apply fails) unless `settings.force`, where
//! the last applier wins. Offline: maps are merged key by key, lists are atomic (equal or
//! conflicting: unstructured objects carry no list-map schema), scalars must agree.

use serde_json::Value as Json;

/// Two contributors disagree on a field.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// `.data.shared`, SSA's field path spelling.
    pub path: String,
    pub ours: Json,
    pub theirs: Json,
}

/// Merges `other` into `base`. With `force`, `other` wins conflicts and they are returned for
/// reporting; without, the first conflict stops the merge (base untouched at that field).
pub fn merge_into(
    base: &mut Json,
    other: &Json,
    force: bool,
) -> Result<Vec<Conflict>, Box<Conflict>> {
    let mut forced = Vec::new();
    merge_at(base, other, force, &mut String::new(), &mut forced)?;
    Ok(forced)
}

fn merge_at(
    base: &mut Json,
    other: &Json,
    force: bool,
    path: &mut String,
    forced: &mut Vec<Conflict>,
) -> Result<(), Box<Conflict>> {
    match (base, other) {
        (Json::Object(b), Json::Object(o)) => {
            for (k, ov) in o {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                match b.get_mut(k) {
                    Some(bv) => merge_at(bv, ov, force, path, forced)?,
                    None => {
                        b.insert(k.clone(), ov.clone());
                    }
                }
                path.truncate(len);
            }
            Ok(())
        }
        (b, o) => {
            if *b == *o {
                return Ok(());
            }
            let c = Conflict {
                path: if path.is_empty() {
                    ".".into()
                } else {
                    path.clone()
                },
                ours: b.clone(),
                theirs: o.clone(),
            };
            if force {
                *b = o.clone();
                forced.push(c);
                Ok(())
            } else {
                Err(Box::new(c))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // e2e 8.5-6, 8.6-10, 8.6-12: raw + generator on one object merge.
    #[test]
    fn disjoint_fields_merge() {
        let mut a = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "labels": {"x": "1"}}, "data": {"static": "raw"}});
        let b = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"generated-ns": "true"}});
        assert_eq!(merge_into(&mut a, &b, false), Ok(vec![]));
        assert_eq!(a["data"], json!({"static": "raw", "generated-ns": "true"}));
    }

    // e2e 8.6-11: conflicting value without force fails, with force the last wins.
    #[test]
    fn conflicts() {
        let mut a = json!({"data": {"shared": "one"}});
        let b = json!({"data": {"shared": "two"}});
        let e = merge_into(&mut a.clone(), &b, false).expect_err("conflict");
        assert_eq!(e.path, ".data.shared");
        let forced = merge_into(&mut a, &b, true).expect("force");
        assert_eq!(a["data"]["shared"], "two");
        assert_eq!(forced.len(), 1);
    }

    #[test]
    fn lists_are_atomic() {
        let mut a = json!({"l": [1, 2]});
        assert!(merge_into(&mut a, &json!({"l": [1, 2]}), false).is_ok());
        assert!(merge_into(&mut a, &json!({"l": [1]}), false).is_err());
        assert!(merge_into(&mut a, &json!({"l": {"x": 1}}), false).is_err());
    }
}
