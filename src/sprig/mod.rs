//! Capsule's function map: go-sprout v1.0.3 `sprigin.FuncMap()` with sprigin's semantics (not
//! Masterminds sprig's: see docs/COMPATIBILITY.md), minus `env` and `expandEnv`, plus Capsule's
//! own functions. Each family lives in its own module and registers itself.

pub(crate) mod args;

use crate::template::FuncMap;

/// The function map Capsule executes generators with, with our offline-safety refusals.
pub fn capsule_func_map() -> FuncMap {
    let mut map = FuncMap::new();
    // Families register here (strings, lists, dicts, …).
    map.refuse(
        "expandenv",
        "expandenv reads the environment of the process running the template; an offline render \
         has no controller environment, so it is refused (Capsule removes env and expandEnv but \
         keeps this alias)",
    );
    map.refuse(
        "getHostByName",
        "getHostByName performs a DNS lookup; offline rendering reaches no network",
    );
    map
}
