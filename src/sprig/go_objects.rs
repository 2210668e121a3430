//! How the Go values our functions return (`time.Time`, `time.Duration`, `*semver.Version`, …)
//! look to `encoding/json` and yaml.v3: their `MarshalJSON` / `MarshalYAML` / struct forms.

use crate::template::Value;

/// The value `encoding/json` encodes in place of a Go object, `None` when it has no JSON form.
pub(crate) fn json_form(v: &Value) -> Option<Value> {
    if let Some(t) = v.downcast::<super::go_time::GoTime>() {
        return Some(Value::from(t.rfc3339_nano()));
    }
    if let Some(d) = v.downcast::<super::go_time::GoDuration>() {
        return Some(Value::Int64(d.0));
    }
    if let Some(sv) = v.downcast::<super::semver::SemverVersion>() {
        return Some(Value::from(sv.to_string()));
    }
    if let Some(k) = v.downcast::<super::capsule_custom::AgeKey>() {
        return Some(k.as_map());
    }
    if let Some(c) = v.downcast::<super::crypto::Certificate>() {
        return Some(c.as_map());
    }
    // Other Go integer kinds (uint8 bytes, time.Month, time.Weekday) marshal as numbers.
    if let Value::Object(o) = v
        && let Some(n) = o.int_value()
    {
        return Some(Value::Int64(n));
    }
    None
}
