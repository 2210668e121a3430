//! What Capsule does silently and we report (product.md §3.7, §4): non-deterministic function
//! calls (an error naming the function unless allowed), errors sprigin swallowed and `<no value>`
//! printed into the output (warnings), and objects aimed at namespaces that are not among the
//! inputs (Capsule skips them when the namespace does not exist) or are terminating.

use crate::diagnostic::Severity;
use crate::template::{FuncEvent, FuncMap};

/// Functions whose result depends on the clock or on randomness (product.md §4), refused unless
/// the `allowNondeterministic` option is set, in addition to those the function library marks.
pub const NONDETERMINISTIC: &[&str] = &[
    "now",
    "ago",
    "dateAgo",
    "uuidv4",
    "shuffle",
    "randAlphaNum",
    "randAlpha",
    "randAscii",
    "randNumeric",
    "randBytes",
    "randInt",
    "genCA",
    "genCAWithKey",
    "genPrivateKey",
    "genSelfSignedCert",
    "genSelfSignedCertWithKey",
    "genSignedCert",
    "genSignedCertWithKey",
    "encryptAES",
    "bcrypt",
    "htpasswd",
    "generateAgeKey",
    "generateAgePQKey",
];

const NONDETERMINISTIC_REASON: &str = "its result changes on every run (Capsule recomputes it at every resync), so offline output cannot match the cluster or stay reproducible; set the option allowNondeterministic to render it with a fixed clock and seed";

/// Capsule's function map for offline rendering: with non-deterministic functions refused (a
/// parse error naming the function, at its position) unless `allow_nondeterministic`.
pub fn offline_func_map(allow_nondeterministic: bool) -> FuncMap {
    let mut map = crate::sprig::capsule_func_map();
    if !allow_nondeterministic {
        let marked: Vec<&'static str> = map
            .names()
            .into_iter()
            .filter(|n| map.get(n).is_some_and(|f| f.nondeterministic))
            .collect();
        for name in marked.into_iter().chain(NONDETERMINISTIC.iter().copied()) {
            if map.get(name).is_some() {
                map.refuse(name, NONDETERMINISTIC_REASON);
            }
        }
    }
    map
}

/// One finding about a generator execution, before it is attached to a replication.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
    /// Template position as Go reports it (line from 1, byte column from 0), when the finding
    /// is about a call.
    pub pos: Option<(u32, u32)>,
    /// The check whose level governs the finding (`hygiene.no-value`, …); `None` for findings
    /// that are always reported.
    pub check_id: Option<&'static str>,
}

/// Findings for the events of one execution.
pub fn event_findings(events: &[FuncEvent], allow_nondeterministic: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in events {
        match e {
            FuncEvent::Nondeterministic { func, pos } => {
                if !allow_nondeterministic {
                    out.push(Finding {
                        severity: Severity::Error,
                        message: format!(
                            "the template calls the non-deterministic function {func}: its result changes on every run (Capsule recomputes it at every resync), so offline output cannot match the cluster; set the option allowNondeterministic to render it anyway with a fixed clock and seed"
                        ),
                        pos: Some((pos.line, pos.col)),
                        check_id: None,
                    });
                }
            }
            FuncEvent::Swallowed { func, pos, message } => out.push(Finding {
                severity: Severity::Warning,
                message: format!(
                    "{func} failed and sprigin swallowed the error (Capsule renders the zero value or <no value> here without telling anyone): {message}"
                ),
                pos: Some((pos.line, pos.col)),
                check_id: Some("hygiene.swallowed-error"),
            }),
        }
    }
    out
}

/// A warning for each rendered line containing `<no value>`.
pub fn no_value_findings(rendered: &str) -> Vec<Finding> {
    // One search over the whole output first: it almost never has any.
    if !rendered.contains("<no value>") {
        return Vec::new();
    }
    rendered
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("<no value>"))
        .map(|(i, l)| Finding {
            severity: Severity::Warning,
            message: format!(
                "the output contains <no value> (a missing key printed under missingKey zero/invalid) at rendered line {}: {}",
                i + 1,
                l.trim()
            ),
            pos: None,
            check_id: Some("hygiene.no-value"),
        })
        .collect()
}

/// The warning for an object whose namespace is not among the inputs.
pub fn missing_namespace_message(namespace: &str) -> String {
    format!(
        "namespace {namespace} is not among the input Namespaces: Capsule silently skips objects whose namespace does not exist (it never creates namespaces); add the Namespace, fix the template, or declare it in the option externalNamespaces"
    )
}

/// The warning for an object aimed at a terminating namespace (skipped, like Capsule).
pub fn terminating_namespace_message(namespace: &str) -> String {
    format!(
        "namespace {namespace} is terminating: Capsule skips objects aimed at it, so they are left out"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Pos;

    #[test]
    fn nondeterministic_is_an_error_unless_allowed() {
        let ev = vec![FuncEvent::Nondeterministic {
            func: "now".into(),
            pos: Pos { line: 3, col: 7 },
        }];
        let f = event_findings(&ev, false);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].message.contains("now"));
        assert_eq!(f[0].pos, Some((3, 7)));
        assert!(event_findings(&ev, true).is_empty());
    }

    #[test]
    fn swallowed_and_no_value_are_warnings() {
        let ev = vec![FuncEvent::Swallowed {
            func: "fail".into(),
            pos: Pos { line: 1, col: 3 },
            message: "boom".into(),
        }];
        let f = event_findings(&ev, false);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].message.contains("boom"));
        let f = no_value_findings("a: b\nname: <no value>\n");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("rendered line 2"));
    }
}
