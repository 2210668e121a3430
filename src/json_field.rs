//! Field access on objects held as `serde_json` values, tuned for Kubernetes objects: a handful
//! of keys per level, where comparing keys in order (the length first, so most keys are
//! rejected without reading their bytes) beats hashing the key with SipHash as
//! `serde_json::Map::get` does. Reads like `v["a"]["b"]`: a missing step gives null.

use serde_json::Value;

/// JSON null, what a missing field reads as.
static NULL: Value = Value::Null;

/// Maps up to this many keys are scanned; bigger ones use their hash index.
const SCAN: usize = 16;

/// The field `key` of an object, or null (also when `v` is not an object).
pub fn field<'v>(v: &'v Value, key: &str) -> &'v Value {
    match v {
        Value::Object(m) if m.len() <= SCAN => m
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map_or(&NULL, |(_, v)| v),
        Value::Object(m) => m.get(key).unwrap_or(&NULL),
        _ => &NULL,
    }
}

/// The value at `path` (object keys) below `v`, or null when any step is missing.
pub fn at<'v>(v: &'v Value, path: &[&str]) -> &'v Value {
    path.iter().fold(v, |v, key| field(v, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_follows_keys_in_small_and_big_maps() {
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
        assert!(at(&o, &["big", "k40"]).is_null());
        assert!(at(&o, &["metadata", "nope", "a"]).is_null());
        assert!(
            at(&o, &["list", "0"]).is_null(),
            "lists are not indexed by key"
        );
        assert!(at(&serde_json::json!("text"), &["a"]).is_null());
        assert_eq!(at(&o, &[]), &o);
    }
}
