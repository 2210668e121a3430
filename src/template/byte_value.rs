//! Go's `uint8` (`byte`): what `index` of a string yields (`{{ index "abc" 0 }}` is the byte
//! 97, `%T` prints `uint8`). No core [`Value`] variant has that width, so it is a
//! [`GoObject`] of integer kind: it prints as a number (it has no `String` method), compares as
//! an unsigned integer with Go's other integer kinds, and ranges over `0..n` as `uint8` values.

use std::any::Any;
use std::fmt::Write;
use std::rc::Rc;

use super::value::{GoObject, Kind, Value};

/// A Go `uint8` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoByte(pub u8);

impl GoByte {
    /// The byte as a template value.
    pub fn value(b: u8) -> Value {
        Value::Object(Rc::new(GoByte(b)))
    }
}

impl GoObject for GoByte {
    fn type_name(&self) -> &str {
        "uint8"
    }

    fn kind(&self) -> Kind {
        Kind::Uint8
    }

    fn write_v(&self, out: &mut String, _nested: bool) {
        let _ = write!(out, "{}", self.0);
    }

    fn int_value(&self) -> Option<i64> {
        Some(i64::from(self.0))
    }

    fn with_int(&self, n: i64) -> Option<Value> {
        // Go converts with truncation, as uint8(n) does.
        Some(GoByte::value(n as u8))
    }

    fn stringer(&self) -> bool {
        false
    }

    fn truth(&self) -> bool {
        self.0 != 0
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
