//! The guard in front of sprig functions that walk a whole value recursively (`toJson`,
//! `toYaml`, `toToml`, `deepCopy`, …).
//!
//! Go maps are references, so `set` can put a map inside itself; yaml.v3, BurntSushi's TOML
//! encoder and copystructure then recurse until Go aborts with
//! `fatal error: stack overflow` (docs/sprigin.md, "Panics and crashes": such crashes become a
//! render error). A template can also build a value nested 100000 levels deep in a loop: Go's
//! growable stack walks it, our recursive walkers would overflow a thread's stack. Before
//! walking, these functions ask [`guard`]; a value that holds itself or nests deeper than the
//! engine's print limit ([`MAX_PRINT_DEPTH`]) stops the render with [`FuncError::Fatal`].
//!
//! `reflect.DeepEqual` (`deepEqual`, `has`) copes with cycles itself; `sprig::equality` mirrors
//! that and checks the depth as it walks, reporting [`too_deep`].
//!
//! `encoding/json` is the other exception for cycles: it detects them itself and returns an error
//! (`json: unsupported value: encountered a cycle via map[string]interface {}`), which the
//! `toJson` wrappers swallow like any other encoding error ([`json_cycle`]).

use crate::template::print_guard::{MAX_PRINT_DEPTH, Unprintable, check_printable};
use crate::template::{FuncError, Value};

/// Checks every argument of `name` before a recursive walk: `Err(Fatal)` when one holds itself
/// or nests more than [`MAX_PRINT_DEPTH`] maps/lists deep (or is too large to walk).
pub(crate) fn guard(name: &str, args: &[Value]) -> Result<(), FuncError> {
    args.iter().try_for_each(|v| {
        check_printable(v).map_err(|why| FuncError::Fatal(fatal_message(name, why)))
    })
}

/// The render error for `name` when its walk of an argument went deeper than
/// [`MAX_PRINT_DEPTH`] (the walkers that handle cycles themselves, like `deepEqual`, check the
/// depth as they go instead of asking [`guard`]).
pub(crate) fn too_deep(name: &str) -> FuncError {
    FuncError::Fatal(fatal_message(name, Unprintable::TooDeep))
}

/// The render error for `name` on an argument that cannot be walked.
fn fatal_message(name: &str, why: Unprintable) -> String {
    match why {
        Unprintable::Cycle => format!(
            "{name}: the value contains itself (a map that holds itself); Go recurses over it \
             until it aborts with \"fatal error: stack overflow\" (this would crash Capsule's \
             controller)"
        ),
        Unprintable::TooDeep => format!(
            "{name}: the value is nested too deeply (more than {MAX_PRINT_DEPTH} maps or lists) \
             to be walked"
        ),
        Unprintable::TooLarge => format!("{name}: {}", why.message()),
    }
}

/// `encoding/json`'s own cycle check, for the JSON encoders: `Ok(Some(message))` when `v` holds
/// itself (the error Go's `json.Marshal` returns), `Ok(None)` when it can be encoded, and the
/// [`guard`] error when it is too deep or too large for our encoder.
pub(crate) fn json_cycle(name: &str, v: &Value) -> Result<Option<String>, FuncError> {
    match check_printable(v) {
        Ok(()) => Ok(None),
        // Only maps can close a cycle (lists are values), so Go names the map type.
        Err(Unprintable::Cycle) => Ok(Some(
            "json: unsupported value: encountered a cycle via map[string]interface {}".into(),
        )),
        Err(why) => Err(FuncError::Fatal(fatal_message(name, why))),
    }
}
