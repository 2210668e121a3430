//! sprigin functions: crypto family. (Placeholder: lands with the function library work.)

use crate::template::FuncMap;

/// Registers the family's functions.
pub(crate) fn register(map: &mut FuncMap) {
    let _ = map;
}
