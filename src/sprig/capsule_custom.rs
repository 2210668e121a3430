//! Capsule's own template functions (pkg/template/functions). Not wrapped by sprigin.

use std::any::Any;

use crate::template::{FuncMap, GoObject, Kind, Map, Value};

/// The struct `generateAgeKey` returns: `.Identity` and `.Recipient`.
#[derive(Clone, Debug)]
pub(crate) struct AgeKey {
    pub(crate) identity: String,
    pub(crate) recipient: String,
}

impl AgeKey {
    /// The struct's JSON form (`{"Identity":…,"Recipient":…}`).
    pub(crate) fn as_map(&self) -> Value {
        let mut m = Map::new();
        m.insert("Identity".into(), Value::from(self.identity.as_str()));
        m.insert("Recipient".into(), Value::from(self.recipient.as_str()));
        Value::from(m)
    }
}

impl GoObject for AgeKey {
    fn type_name(&self) -> &str {
        "functions.AgeKey"
    }

    fn kind(&self) -> Kind {
        Kind::Struct
    }

    fn write_v(&self, out: &mut String, _nested: bool) {
        out.push('{');
        out.push_str(&self.identity);
        out.push(' ');
        out.push_str(&self.recipient);
        out.push('}');
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "Identity" => Some(Value::from(self.identity.as_str())),
            "Recipient" => Some(Value::from(self.recipient.as_str())),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    let _ = map;
}
