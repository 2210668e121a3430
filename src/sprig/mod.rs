//! Capsule's function map: go-sprout v1.0.3 `sprigin.FuncMap()` with sprigin's semantics (not
//! Masterminds sprig's: see docs/COMPATIBILITY.md), minus `env` and `expandEnv`, plus Capsule's
//! own functions. Each family lives in its own module and registers itself.

/// Defines `$outer`, the registered form of a function body `$inner(&[Value])` that returns a
/// [`args::Wrapped`] or, when it can also abort the render, a `Result<Wrapped, FuncError>`
/// (see [`args::Body`]): what the body reports is turned into the call's result by
/// [`args::finish`] (sprigin's swallowed errors and warnings).
macro_rules! wrap {
    ($outer:ident, $inner:ident) => {
        fn $outer(
            ctx: &mut $crate::template::CallCtx<'_>,
            a: &[$crate::template::Value],
        ) -> Result<$crate::template::Value, $crate::template::FuncError> {
            let r = $crate::sprig::args::Body::outcome($inner(a))?;
            $crate::sprig::args::finish(ctx, r)
        }
    };
}

pub(crate) mod args;
mod base_n;
mod capsule_custom;
mod cast;
mod checksum;
mod conversion;
mod crypto;
mod defaults;
mod der_go;
mod dicts;
mod encoding;
mod entropy_rng;
mod equality;
mod go_objects;
mod go_regexp;
mod go_time;
mod json_go;
mod lists;
mod math;
mod network;
mod paths;
mod random;
mod reflect;
mod regex;
mod semver;
mod strings;
#[cfg(test)]
mod test_engine;
mod time;
mod toml_go;
mod typed;
mod url;
mod uuid;
mod walk_guard;
mod x509_go;
mod yaml_dec;
mod yaml_enc;
mod yaml_v3;

use crate::template::FuncMap;

/// The function map Capsule executes generators with, with our offline-safety refusals:
/// `expandenv` is refused at parse time; `getHostByName` exists but a call that would reach
/// DNS is a render error (see `network`).
pub fn capsule_func_map() -> FuncMap {
    let mut map = FuncMap::new();
    strings::register(&mut map);
    lists::register(&mut map);
    dicts::register(&mut map);
    defaults::register(&mut map);
    reflect::register(&mut map);
    math::register(&mut map);
    conversion::register(&mut map);
    paths::register(&mut map);
    encoding::register(&mut map);
    yaml_v3::register(&mut map);
    checksum::register(&mut map);
    regex::register(&mut map);
    semver::register(&mut map);
    time::register(&mut map);
    crypto::register(&mut map);
    random::register(&mut map);
    uuid::register(&mut map);
    url::register(&mut map);
    network::register(&mut map);
    capsule_custom::register(&mut map);
    map.refuse(
        "expandenv",
        "expandenv reads the environment of the process running the template; an offline render \
         has no controller environment, so it is refused (Capsule removes env and expandEnv but \
         keeps this alias)",
    );
    map
}
