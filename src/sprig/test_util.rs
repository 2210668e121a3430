//! Helpers for the function tests: call a registered function directly, with a fixed entropy
//! source, and the data document the measured cases (shared/data/sprigin-cases.jsonl) use.

use crate::template::{CallCtx, FixedEntropy, FuncError, Map, Pos, RenderEnv, Value};

/// 2024-03-05T14:07:09Z, the fixed "now" of the tests.
pub(crate) const NOW_NANOS: i128 = 1_709_647_629_000_000_000;

/// Calls `name` from Capsule's map; returns the result and how many errors were swallowed.
pub(crate) fn call(name: &str, args: &[Value]) -> (Value, usize) {
    let mut env = RenderEnv::new(Box::new(FixedEntropy::new(7, NOW_NANOS)));
    let r = call_in(&mut env, name, args);
    match r {
        Ok(v) => (v, env.events.len()),
        Err(e) => panic!("{name} failed: {e:?}"),
    }
}

/// Calls `name` and returns its error, if any.
pub(crate) fn try_call(name: &str, args: &[Value]) -> Result<Value, FuncError> {
    let mut env = RenderEnv::new(Box::new(FixedEntropy::new(7, NOW_NANOS)));
    call_in(&mut env, name, args)
}

/// Calls `name` in a given environment.
pub(crate) fn call_in(env: &mut RenderEnv, name: &str, args: &[Value]) -> Result<Value, FuncError> {
    let map = super::capsule_func_map();
    let f = map
        .get(name)
        .unwrap_or_else(|| panic!("{name} is not registered"));
    let mut ctx = CallCtx {
        name,
        pos: Pos::default(),
        env,
    };
    (f.call)(&mut ctx, args)
}

/// The data of the measured cases, decoded as Capsule sees it.
pub(crate) fn data() -> Value {
    let text = r#"{"s": "hello", "S": "Hello World", "u": "h\u00e9llo w\u00f6rld", "n": 3, "neg": -7, "f": 1.5, "f2": 2.5, "ff": 2.0, "fneg": -2.5, "big": 1e+21, "i64max": 9223372036854775807, "t": true, "fa": false, "z": 0, "zf": 0.0, "zs": "0", "e": "", "nil": null, "ns": "42", "fs": "3.7", "abc": "abc", "hex": "0x1F", "oct": "010", "sp": " 42 ", "l": ["b", "a", "c", "a"], "nl": [3, 1, 2], "mixed": [1, "a", null, true, 2.5], "el": [], "ll": [[1, 2], [3, [4, 5]]], "m": {"b": 2, "a": 1, "c": 3}, "em": {}, "nested": {"x": {"y": {"z": "deep"}}, "nn": null, "lst": [1, 2]}, "ver": "1.4.2", "host": "api.solar.example.com", "ts": "2024-03-05T14:07:09Z", "epoch": 1700000000, "epochf": 1700000000.5, "json": "{\"b\":[true,null,1.5],\"a\":1}", "badjson": "{a:", "yaml": "b: 1\na:\n  - x\n  - y\n", "yamllist": "- 1\n- 2\n", "b64": "aGVsbG8=", "dur": 90, "ml": "line1\nline2\n", "html": "<a href=\"x\">&</a>"}"#;
    let j: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    Value::from_json(&j)
}

/// One field of [`data`].
pub(crate) fn d(key: &str) -> Value {
    data().map_get(key).unwrap_or_default()
}

/// A map of Go `int` values (as `dict "k" 1 …` builds).
pub(crate) fn map_of(pairs: &[(&str, i64)]) -> Value {
    let m: Map = pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), Value::Int(*v)))
        .collect();
    Value::from(m)
}

/// A string value.
pub(crate) fn s(text: &str) -> Value {
    Value::from(text)
}
