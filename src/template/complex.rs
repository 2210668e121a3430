//! Go's `complex128`, the type of complex constants (`1i`, `1+2i`) in a template. No data or
//! function produces one; it exists so such constants print and compare as in Go.

use std::any::Any;

use super::value::{GoObject, Kind, write_float_g};

/// A `complex128` value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Complex128 {
    pub re: f64,
    pub im: f64,
}

impl GoObject for Complex128 {
    fn type_name(&self) -> &str {
        "complex128"
    }
    fn kind(&self) -> Kind {
        Kind::Complex128
    }
    /// `fmt`'s `%v`: `(1+2i)`, `(0-1.5i)`.
    fn write_v(&self, out: &mut String, _nested: bool) {
        out.push('(');
        write_float_g(out, self.re);
        if !self.im.is_sign_negative() {
            out.push('+');
        }
        write_float_g(out, self.im);
        out.push_str("i)");
    }
    fn truth(&self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
