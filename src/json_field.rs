//! Field access on objects held as `serde_json` values, tuned for Kubernetes objects: a handful
//! of keys per level, where comparing keys in order (the length first, so most keys are
//! rejected without reading their bytes) beats hashing the key with SipHash as
//! `serde_json::Map::get` does. [`crate::json_view::JsonView`] reads trees through it.

use serde_json::Value;

/// Maps up to this many keys are scanned; bigger ones use their hash index.
const SCAN: usize = 16;

/// The entry `key` of a map (`serde_json::Map::get` without hashing the key for small maps).
pub fn get<'v>(m: &'v serde_json::Map<String, Value>, key: &str) -> Option<&'v Value> {
    if m.len() <= SCAN {
        m.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        m.get(key)
    }
}

/// Rebuilds every object and list below `v` with exactly the room it needs. A value decoded
/// entry by entry (serde_json's parser) keeps room for up to twice its entries; values that are
/// held until the output is written are worth the one extra copy.
pub fn compact(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let old = std::mem::take(m);
            let mut new = serde_json::Map::with_capacity(old.len());
            for (k, mut v) in old {
                compact(&mut v);
                new.insert(k, v);
            }
            *m = new;
        }
        Value::Array(items) => {
            items.iter_mut().for_each(compact);
            items.shrink_to_fit();
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_finds_keys_in_small_and_big_maps() {
        use crate::json_view::JsonView;
        let at = |v: &Value, path: &[&str]| v.at(path).cloned().unwrap_or(Value::Null);
        let mut big = serde_json::Map::new();
        for i in 0..40 {
            big.insert(format!("k{i}"), serde_json::json!(i));
        }
        let o = serde_json::json!({
            "metadata": {"name": "n", "labels": {"a": "b"}},
            "big": big,
            "list": [1],
        });
        assert_eq!(at(&o, &["metadata", "labels", "a"]), "b");
        assert_eq!(at(&o, &["big", "k39"]), 39);
        assert_eq!(at(&o, &["big", "k0"]), 0);
        assert_eq!(big_get(&o, "k17"), Some(&serde_json::json!(17)));
        assert!(at(&o, &["big", "k40"]).is_null());
        assert!(at(&o, &["metadata", "nope", "a"]).is_null());
        assert!(
            at(&o, &["list", "0"]).is_null(),
            "lists are not indexed by key"
        );
        assert!(at(&serde_json::json!("text"), &["a"]).is_null());
        assert_eq!(at(&o, &[]), o);
    }

    fn big_get<'v>(o: &'v Value, key: &str) -> Option<&'v Value> {
        get(o.get("big")?.as_object()?, key)
    }

    #[test]
    fn compact_keeps_content_and_order() {
        let text = r#"{"b": [1, {"y": 2, "x": [3]}], "a": {"k": null}, "c": "s"}"#;
        let mut v: Value = serde_json::from_str(text).unwrap();
        let before = v.to_string();
        compact(&mut v);
        assert_eq!(v.to_string(), before);
        assert_eq!(
            before,
            r#"{"b":[1,{"y":2,"x":[3]}],"a":{"k":null},"c":"s"}"#
        );
    }
}
