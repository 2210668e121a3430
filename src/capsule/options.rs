//! The function's options (`functionConfig`): absent, a `ConfigMap` whose `data` holds them as
//! strings, or a typed `RenderConfig` object whose `spec` is schema-checked (unknown fields are
//! rejected by name). A GlobalTenantResource/TenantResource given as functionConfig is rendered,
//! with default options.

use serde_json::Value as Json;

use super::object;
use crate::check::{CheckOptions, Level};

/// The kind of the typed options object.
pub const RENDER_CONFIG_KIND: &str = "RenderConfig";

/// Every option, with its default.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderOptions {
    /// Turn every warning into an error.
    pub strict: bool,
    /// Allow non-deterministic template functions (`now`, `rand*`, `uuidv4`, `genCA`, …).
    pub allow_nondeterministic: bool,
    /// Seed of the random source when non-deterministic functions are allowed.
    pub seed: u64,
    /// The fixed clock, nanoseconds since the Unix epoch (`clock: 2024-01-01T00:00:00Z`).
    pub clock_unix_nanos: i128,
    /// The kpt path given to new objects; `<namespace>`, `<kind>` (lower case), `<name>`,
    /// `<tenant>` are replaced and empty path segments dropped.
    pub path_pattern: String,
    /// Write path annotations on new objects at all.
    pub path_annotations: bool,
    /// Add Capsule's `projectcapsule.dev/created-by` and `…/managed-by: replications` labels.
    pub capsule_labels: bool,
    /// Add the labels Capsule's metadata webhook puts on namespaced objects in tenant
    /// namespaces (`projectcapsule.dev/tenant`, `capsule.clastix.io/managed-by`).
    pub tenant_labels: bool,
    /// Restrict context lookups to the tenant's own namespaces (stricter than Capsule).
    pub restrict_context_to_tenant: bool,
    /// Extra cluster-scoped kinds, `Kind` or `Kind.group`.
    pub cluster_scoped_kinds: Vec<String>,
    /// Add the ownerReference Capsule puts on objects a GlobalTenantResource created (needs the
    /// GlobalTenantResource's `metadata.uid` in the input).
    pub owner_references: bool,
    /// Run the checks over the rendered stack (`runChecks`).
    pub run_checks: bool,
    /// Levels of the checks and what they may take as existing outside the inputs
    /// (`checkLevels`, `externalIssuers`, `externalClusterIssuers`, `externalNamespaces`); the
    /// `strict` option is copied into it.
    pub checks: CheckOptions,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            strict: false,
            allow_nondeterministic: false,
            seed: 0,
            clock_unix_nanos: 0,
            path_pattern: "generated/<namespace>/<kind>_<name>.yaml".into(),
            path_annotations: true,
            capsule_labels: true,
            tenant_labels: false,
            restrict_context_to_tenant: false,
            cluster_scoped_kinds: Vec::new(),
            owner_references: false,
            run_checks: true,
            checks: CheckOptions::default(),
        }
    }
}

/// A rejected option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    pub field_path: String,
    pub message: String,
}

/// What the functionConfig is.
#[derive(Debug, PartialEq)]
pub enum FunctionConfig<'a> {
    /// Options (possibly all defaults).
    Options(RenderOptions),
    /// A replication object to render in addition to the items.
    Replication(&'a Json),
}

const KNOWN: &[&str] = &[
    "strict",
    "allowNondeterministic",
    "seed",
    "clock",
    "pathPattern",
    "pathAnnotations",
    "capsuleLabels",
    "tenantLabels",
    "restrictContextToTenant",
    "clusterScopedKinds",
    "ownerReferences",
    "runChecks",
    "checkLevels",
    "externalIssuers",
    "externalClusterIssuers",
    "externalNamespaces",
];

/// Reads the functionConfig.
pub fn read_function_config(fc: Option<&Json>) -> Result<FunctionConfig<'_>, Vec<OptionError>> {
    let Some(fc) = fc else {
        return Ok(FunctionConfig::Options(RenderOptions::default()));
    };
    if fc.is_null() {
        return Ok(FunctionConfig::Options(RenderOptions::default()));
    }
    if super::model::ReplicationKind::of(fc).is_some() {
        return Ok(FunctionConfig::Replication(fc));
    }
    match (object::api_version(fc), object::kind(fc)) {
        ("v1", "ConfigMap") => read_fields(fc.get("data"), "data", true),
        (_, RENDER_CONFIG_KIND) => read_fields(fc.get("spec"), "spec", false),
        (api, kind) => Err(vec![OptionError {
            field_path: "kind".into(),
            message: format!(
                "unsupported functionConfig {api}/{kind}: expected a ConfigMap, a {RENDER_CONFIG_KIND}, a GlobalTenantResource or a TenantResource"
            ),
        }]),
    }
    .map(FunctionConfig::Options)
}

fn read_fields(
    v: Option<&Json>,
    prefix: &str,
    strings: bool,
) -> Result<RenderOptions, Vec<OptionError>> {
    let mut o = RenderOptions::default();
    let mut errs = Vec::new();
    let map = match v {
        None | Some(Json::Null) => return Ok(o),
        Some(Json::Object(m)) => m,
        Some(_) => {
            return Err(vec![OptionError {
                field_path: prefix.into(),
                message: format!("{prefix} must be a map"),
            }]);
        }
    };
    for (k, val) in map {
        let path = format!("{prefix}.{k}");
        if !KNOWN.contains(&k.as_str()) {
            errs.push(OptionError {
                field_path: path,
                message: format!("unknown field \"{k}\" (known: {})", KNOWN.join(", ")),
            });
            continue;
        }
        let mut bad = |want: &str| {
            errs.push(OptionError {
                field_path: path.clone(),
                message: format!("{k} must be {want}"),
            })
        };
        let as_bool = |val: &Json| -> Option<bool> {
            match val {
                Json::Bool(b) if !strings => Some(*b),
                Json::String(s) if strings => match s.as_str() {
                    "true" => Some(true),
                    "false" => Some(false),
                    _ => None,
                },
                _ => None,
            }
        };
        let as_str = |val: &Json| val.as_str().map(str::to_string);
        match k.as_str() {
            "strict"
            | "allowNondeterministic"
            | "pathAnnotations"
            | "capsuleLabels"
            | "tenantLabels"
            | "restrictContextToTenant"
            | "runChecks"
            | "ownerReferences" => match as_bool(val) {
                Some(b) => match k.as_str() {
                    "strict" => o.strict = b,
                    "runChecks" => o.run_checks = b,
                    "ownerReferences" => o.owner_references = b,
                    "allowNondeterministic" => o.allow_nondeterministic = b,
                    "pathAnnotations" => o.path_annotations = b,
                    "capsuleLabels" => o.capsule_labels = b,
                    "tenantLabels" => o.tenant_labels = b,
                    _ => o.restrict_context_to_tenant = b,
                },
                None => bad(if strings {
                    "\"true\" or \"false\""
                } else {
                    "a boolean"
                }),
            },
            "seed" => {
                let n = if strings {
                    val.as_str().and_then(|s| s.parse::<u64>().ok())
                } else {
                    val.as_u64()
                };
                match n {
                    Some(n) => o.seed = n,
                    None => bad("a non-negative integer"),
                }
            }
            "clock" => match as_str(val).as_deref().and_then(parse_rfc3339_utc) {
                Some(n) => o.clock_unix_nanos = n,
                None => bad("an RFC 3339 UTC time such as 2024-01-01T00:00:00Z"),
            },
            "pathPattern" => match as_str(val) {
                Some(s) if !s.is_empty() => o.path_pattern = s,
                _ => bad("a non-empty string"),
            },
            "checkLevels" => match read_levels(val, strings) {
                Ok(levels) => o.checks.levels = levels,
                Err(why) => bad(&format!(
                    "a map of known check ids to off, warning or error ({why})"
                )),
            },
            "externalIssuers" | "externalClusterIssuers" | "externalNamespaces" => {
                match read_list(val, strings) {
                    Some(l) => match k.as_str() {
                        "externalIssuers" => o.checks.external_issuers = l,
                        "externalClusterIssuers" => o.checks.external_cluster_issuers = l,
                        _ => o.checks.external_namespaces = l,
                    },
                    None => bad(if strings {
                        "a comma-separated list"
                    } else {
                        "a list of strings"
                    }),
                }
            }
            _ => {
                // clusterScopedKinds (every other name was rejected above)
                let list = if strings {
                    val.as_str().map(|s| {
                        s.split(',')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect::<Vec<_>>()
                    })
                } else {
                    val.as_array().and_then(|a| {
                        a.iter()
                            .map(|x| x.as_str().map(str::to_string))
                            .collect::<Option<Vec<_>>>()
                    })
                };
                match list {
                    Some(l) => o.cluster_scoped_kinds = l,
                    None => bad(if strings {
                        "a comma-separated list of Kind or Kind.group"
                    } else {
                        "a list of strings"
                    }),
                }
            }
        }
    }
    o.checks.strict = o.strict;
    if errs.is_empty() { Ok(o) } else { Err(errs) }
}

/// A list option: a YAML list of strings, or (in a ConfigMap) a comma-separated string.
fn read_list(val: &Json, strings: bool) -> Option<Vec<String>> {
    if strings {
        val.as_str().map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
    } else {
        val.as_array().and_then(|a| {
            a.iter()
                .map(|x| x.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
        })
    }
}

/// `checkLevels`: a map from check id to `off`, `warning` or `error` (in a ConfigMap:
/// `id=level,id=level`). Unknown ids are rejected by name.
fn read_levels(
    val: &Json,
    strings: bool,
) -> Result<std::collections::BTreeMap<String, Level>, String> {
    let pairs: Vec<(String, String)> = if strings {
        let text = val
            .as_str()
            .ok_or("a string of check-id=level pairs separated by commas")?;
        text.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((id, level)) => Ok((id.trim().to_string(), level.trim().to_string())),
                None => Err(format!("{p:?} is not check-id=level")),
            })
            .collect::<Result<_, _>>()?
    } else {
        let map = val
            .as_object()
            .ok_or("a map from check id to off, warning or error")?;
        map.iter()
            .map(|(id, level)| match level.as_str() {
                Some(l) => Ok((id.clone(), l.to_string())),
                None => Err(format!("the level of {id} must be off, warning or error")),
            })
            .collect::<Result<_, _>>()?
    };
    let mut levels = std::collections::BTreeMap::new();
    for (id, level) in pairs {
        let Some(l) = Level::parse(&level) else {
            return Err(format!(
                "the level of {id} is {level:?}; use off, warning or error"
            ));
        };
        if !crate::check::CHECKS.iter().any(|c| c.id == id) {
            return Err(format!(
                "unknown check id {id:?} (`capsule-render check --list` lists them)"
            ));
        }
        levels.insert(id, l);
    }
    Ok(levels)
}

/// `YYYY-MM-DDTHH:MM:SS[.fff]Z` to nanoseconds since the epoch.
pub fn parse_rfc3339_utc(s: &str) -> Option<i128> {
    let b = s.as_bytes();
    if b.len() < 20 || b.last() != Some(&b'Z') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> { s.get(r)?.parse::<i64>().ok() };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || b.get(10) != Some(&b'T') {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut nanos: i128 = 0;
    let frac = s.get(19..s.len() - 1)?;
    if !frac.is_empty() {
        let digits = frac.strip_prefix('.')?;
        if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let padded = format!("{digits:0<9}");
        nanos = padded.parse::<i128>().ok()?;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = if y2 >= 0 { y2 } else { y2 - 399 } / 400;
    let yoe = y2 - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146097 + doe - 719468;
    let secs = days * 86400 + h * 3600 + mi * 60 + sec;
    Some(secs as i128 * 1_000_000_000 + nanos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn opts(fc: Json) -> Result<RenderOptions, Vec<OptionError>> {
        match read_function_config(Some(&fc))? {
            FunctionConfig::Options(o) => Ok(o),
            FunctionConfig::Replication(_) => panic!("not options"),
        }
    }

    #[test]
    fn absent_and_empty_configmap_are_defaults() {
        assert_eq!(
            read_function_config(None),
            Ok(FunctionConfig::Options(RenderOptions::default()))
        );
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "function-input"}, "data": {}});
        assert_eq!(opts(cm), Ok(RenderOptions::default()));
    }

    #[test]
    fn configmap_strings() {
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {
            "strict": "true", "allowNondeterministic": "true", "seed": "42",
            "clock": "2024-01-02T03:04:05Z", "clusterScopedKinds": "Widget.example.com, Thing",
            "pathPattern": "out/<kind>.yaml"}});
        let o = opts(cm).expect("valid");
        assert!(o.strict && o.allow_nondeterministic);
        assert_eq!(o.seed, 42);
        assert_eq!(o.clock_unix_nanos, 1_704_164_645_000_000_000);
        assert_eq!(o.cluster_scoped_kinds, vec!["Widget.example.com", "Thing"]);
        assert_eq!(o.path_pattern, "out/<kind>.yaml");
    }

    #[test]
    fn typed_config_rejects_unknown_fields_by_name() {
        let rc = json!({"apiVersion": "capsule-render.projectcapsule.dev/v1alpha1", "kind": "RenderConfig",
            "spec": {"strict": true, "stirct": true}});
        let e = opts(rc).expect_err("typo");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].field_path, "spec.stirct");
        assert!(e[0].message.starts_with("unknown field \"stirct\""));
        let rc = json!({"kind": "RenderConfig", "spec": {"strict": "yes"}});
        assert_eq!(opts(rc).expect_err("type")[0].field_path, "spec.strict");
    }

    #[test]
    fn replication_as_config() {
        let g = json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "GlobalTenantResource", "metadata": {"name": "g"}});
        assert!(matches!(
            read_function_config(Some(&g)),
            Ok(FunctionConfig::Replication(_))
        ));
        let other = json!({"apiVersion": "v1", "kind": "Secret"});
        assert!(read_function_config(Some(&other)).is_err());
    }

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339_utc("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339_utc("1970-01-01T00:00:01.5Z"),
            Some(1_500_000_000)
        );
        assert_eq!(
            parse_rfc3339_utc("2000-03-01T00:00:00Z"),
            Some(951_868_800_000_000_000)
        );
        assert_eq!(parse_rfc3339_utc("2000-13-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339_utc("garbage"), None);
    }
}
