//! `metav1.LabelSelector`: `matchLabels` and `matchExpressions` (`In`, `NotIn`, `Exists`,
//! `DoesNotExist`), validated and matched as apimachinery's `LabelSelectorAsSelector` does, with
//! its error texts.

use std::collections::BTreeMap;

use serde_json::Value as Json;

/// One `matchExpressions` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
}

/// A label selector as written (before validation).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSelector {
    pub match_labels: BTreeMap<String, String>,
    pub match_expressions: Vec<Requirement>,
}

/// A selector that failed to parse from JSON, with the offending field below the selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectorError {
    /// Relative to the selector (`matchExpressions[0].operator`).
    pub field: String,
    pub message: String,
}

impl LabelSelector {
    /// Reads a selector from JSON. Shape errors (a non-map `matchLabels`, a non-string value)
    /// are reported with the field; operator and value errors are found by [`Self::validate`].
    pub fn from_json(v: &Json) -> Result<LabelSelector, SelectorError> {
        let obj = v.as_object().ok_or_else(|| SelectorError {
            field: String::new(),
            message: "a label selector must be an object".into(),
        })?;
        let mut sel = LabelSelector::default();
        for (k, _) in obj {
            if k != "matchLabels" && k != "matchExpressions" {
                return Err(SelectorError {
                    field: k.clone(),
                    message: format!("unknown field \"{k}\" in a label selector"),
                });
            }
        }
        match obj.get("matchLabels") {
            None | Some(Json::Null) => {}
            Some(Json::Object(m)) => {
                for (k, val) in m {
                    let s = val.as_str().ok_or_else(|| SelectorError {
                        field: format!("matchLabels.{k}"),
                        message: "label values must be strings".into(),
                    })?;
                    sel.match_labels.insert(k.clone(), s.to_string());
                }
            }
            Some(_) => {
                return Err(SelectorError {
                    field: "matchLabels".into(),
                    message: "matchLabels must be a map of strings".into(),
                });
            }
        }
        match obj.get("matchExpressions") {
            None | Some(Json::Null) => {}
            Some(Json::Array(list)) => {
                for (i, e) in list.iter().enumerate() {
                    let field = format!("matchExpressions[{i}]");
                    let key = e.get("key").and_then(Json::as_str).unwrap_or("");
                    let operator = e.get("operator").and_then(Json::as_str).unwrap_or("");
                    let mut values = Vec::new();
                    match e.get("values") {
                        None | Some(Json::Null) => {}
                        Some(Json::Array(vs)) => {
                            for (j, v) in vs.iter().enumerate() {
                                values.push(
                                    v.as_str()
                                        .ok_or_else(|| SelectorError {
                                            field: format!("{field}.values[{j}]"),
                                            message: "selector values must be strings".into(),
                                        })?
                                        .to_string(),
                                );
                            }
                        }
                        Some(_) => {
                            return Err(SelectorError {
                                field: format!("{field}.values"),
                                message: "values must be a list of strings".into(),
                            });
                        }
                    }
                    if !e.is_object() {
                        return Err(SelectorError {
                            field,
                            message: "a match expression must be an object".into(),
                        });
                    }
                    sel.match_expressions.push(Requirement {
                        key: key.to_string(),
                        operator: operator.to_string(),
                        values,
                    });
                }
            }
            Some(_) => {
                return Err(SelectorError {
                    field: "matchExpressions".into(),
                    message: "matchExpressions must be a list".into(),
                });
            }
        }
        Ok(sel)
    }

    /// True when the selector has no requirement (it selects everything).
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    /// `LabelSelectorAsSelector`'s checks, in its order: matchLabels (as `key=value`
    /// requirements), then each expression's operator, key and values. Returns the field
    /// (relative to the selector) and apimachinery's message.
    pub fn validate(&self) -> Result<(), SelectorError> {
        for (k, v) in &self.match_labels {
            let mut errs = key_errors(k);
            errs.extend(value_errors("values[0]", v));
            if !errs.is_empty() {
                return Err(SelectorError {
                    field: format!("matchLabels.{k}"),
                    message: aggregate(errs),
                });
            }
        }
        for (i, e) in self.match_expressions.iter().enumerate() {
            let field = format!("matchExpressions[{i}]");
            let mut errs = key_errors(&e.key);
            match e.operator.as_str() {
                "In" | "NotIn" => {
                    if e.values.is_empty() {
                        errs.push(
                            "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"
                                .to_string(),
                        );
                    }
                }
                "Exists" | "DoesNotExist" => {
                    if !e.values.is_empty() {
                        errs.push(format!(
                            "values: Invalid value: {}: values set must be empty for exists and does not exist",
                            go_string_slice(&e.values)
                        ));
                    }
                }
                other => {
                    return Err(SelectorError {
                        field: format!("{field}.operator"),
                        message: format!("\"{other}\" is not a valid label selector operator"),
                    });
                }
            }
            for (j, v) in e.values.iter().enumerate() {
                errs.extend(value_errors(&format!("values[{j}]"), v));
            }
            if !errs.is_empty() {
                return Err(SelectorError {
                    field,
                    message: aggregate(errs),
                });
            }
        }
        Ok(())
    }

    /// Whether `labels` satisfy every requirement (AND), Kubernetes semantics: `NotIn` and
    /// `DoesNotExist` match objects without the key. Call [`Self::validate`] first.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.matches_with(|k| labels.get(k).map(String::as_str))
    }

    /// [`Self::matches`] over labels read by `label` (key → value), without building a map.
    pub fn matches_with<'l>(&self, label: impl Fn(&str) -> Option<&'l str>) -> bool {
        for (k, v) in &self.match_labels {
            if label(k) != Some(v.as_str()) {
                return false;
            }
        }
        for e in &self.match_expressions {
            let have = label(&e.key);
            let ok = match e.operator.as_str() {
                "In" => have.is_some_and(|v| e.values.iter().any(|x| x == v)),
                "NotIn" => have.is_none_or(|v| !e.values.iter().any(|x| x == v)),
                "Exists" => have.is_some(),
                "DoesNotExist" => have.is_none(),
                _ => false,
            };
            if !ok {
                return false;
            }
        }
        true
    }

    /// Every label key the selector mentions (namespacedItems copies drop them).
    pub fn keys(&self) -> Vec<String> {
        let mut out: Vec<String> = self.match_labels.keys().cloned().collect();
        for e in &self.match_expressions {
            if !out.contains(&e.key) {
                out.push(e.key.clone());
            }
        }
        out
    }
}

fn aggregate(errs: Vec<String>) -> String {
    if errs.len() == 1 {
        errs.into_iter().next().unwrap_or_default()
    } else {
        format!("[{}]", errs.join(", "))
    }
}

fn go_string_slice(v: &[String]) -> String {
    let quoted: Vec<String> = v.iter().map(|s| format!("{s:?}")).collect();
    format!("[]string{{{}}}", quoted.join(", "))
}

const QUALIFIED_NAME_FMT: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const DNS1123_SUBDOMAIN_FMT: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE_FMT: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

fn is_name_part(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_alphanumeric() && l.is_ascii_alphanumeric() => b
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.')),
        _ => false,
    }
}

/// RFC 1123 subdomain (`validation.IsDNS1123Subdomain`).
pub fn is_dns1123_subdomain(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|part| {
            let b = part.as_bytes();
            match (b.first(), b.last()) {
                (Some(f), Some(l)) => {
                    (f.is_ascii_lowercase() || f.is_ascii_digit())
                        && (l.is_ascii_lowercase() || l.is_ascii_digit())
                        && b.iter()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
                }
                _ => false,
            }
        })
}

/// `validation.IsQualifiedName`, as `key: Invalid value: "k": msgs` field errors.
fn key_errors(key: &str) -> Vec<String> {
    let mut msgs = Vec::new();
    let parts: Vec<&str> = key.split('/').collect();
    let name = match parts.as_slice() {
        [n] => *n,
        [prefix, n] => {
            if prefix.is_empty() {
                msgs.push("prefix part must be non-empty".to_string());
            } else if !is_dns1123_subdomain(prefix) {
                msgs.push(format!("prefix part {DNS1123_SUBDOMAIN_FMT}"));
            }
            n
        }
        _ => {
            msgs.push("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')".to_string());
            return vec![format!("key: Invalid value: {key:?}: {}", msgs.join("; "))];
        }
    };
    if name.is_empty() {
        msgs.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        msgs.push("name part must be no more than 63 characters".to_string());
    }
    if !name.is_empty() && !is_name_part(name) {
        msgs.push(QUALIFIED_NAME_FMT.to_string());
    }
    if msgs.is_empty() {
        Vec::new()
    } else {
        vec![format!("key: Invalid value: {key:?}: {}", msgs.join("; "))]
    }
}

/// `validation.IsValidLabelValue` as a field error at `field`.
fn value_errors(field: &str, v: &str) -> Vec<String> {
    let mut msgs = Vec::new();
    if v.len() > 63 {
        msgs.push("must be no more than 63 characters".to_string());
    }
    if !v.is_empty() && !is_name_part(v) {
        msgs.push(LABEL_VALUE_FMT.to_string());
    }
    if msgs.is_empty() {
        Vec::new()
    } else {
        vec![format!(
            "{field}: Invalid value: {v:?}: {}",
            msgs.join("; ")
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn sel(v: Json) -> LabelSelector {
        let s = LabelSelector::from_json(&v).expect("test selectors are well-formed");
        s.validate().expect("test selectors are valid");
        s
    }

    #[test]
    fn empty_selects_everything() {
        assert!(sel(json!({})).matches(&labels(&[])));
        assert!(sel(json!({"matchLabels": null})).matches(&labels(&[("a", "b")])));
    }

    #[test]
    fn every_operator() {
        let l = labels(&[("energy", "solar"), ("group", "alpha")]);
        let cases = [
            (json!({"matchLabels": {"energy": "solar"}}), true),
            (json!({"matchLabels": {"energy": "lunar"}}), false),
            (
                json!({"matchExpressions": [{"key": "energy", "operator": "In", "values": ["solar", "lunar"]}]}),
                true,
            ),
            (
                json!({"matchExpressions": [{"key": "energy", "operator": "In", "values": ["lunar"]}]}),
                false,
            ),
            (
                json!({"matchExpressions": [{"key": "missing", "operator": "In", "values": ["x"]}]}),
                false,
            ),
            (
                json!({"matchExpressions": [{"key": "energy", "operator": "NotIn", "values": ["lunar"]}]}),
                true,
            ),
            (
                json!({"matchExpressions": [{"key": "energy", "operator": "NotIn", "values": ["solar"]}]}),
                false,
            ),
            (
                json!({"matchExpressions": [{"key": "missing", "operator": "NotIn", "values": ["x"]}]}),
                true,
            ),
            (
                json!({"matchExpressions": [{"key": "group", "operator": "Exists"}]}),
                true,
            ),
            (
                json!({"matchExpressions": [{"key": "missing", "operator": "Exists"}]}),
                false,
            ),
            (
                json!({"matchExpressions": [{"key": "missing", "operator": "DoesNotExist"}]}),
                true,
            ),
            (
                json!({"matchExpressions": [{"key": "group", "operator": "DoesNotExist"}]}),
                false,
            ),
            (
                json!({"matchLabels": {"energy": "solar"}, "matchExpressions": [{"key": "group", "operator": "In", "values": ["beta"]}]}),
                false,
            ),
        ];
        for (s, want) in cases {
            assert_eq!(sel(s.clone()).matches(&l), want, "{s}");
        }
    }

    #[test]
    fn bad_operator_message() {
        let s = LabelSelector::from_json(
            &json!({"matchExpressions": [{"key": "a", "operator": "Equals", "values": ["x"]}]}),
        )
        .expect("well-formed");
        let e = s
            .validate()
            .expect_err("Equals is not a LabelSelector operator");
        assert_eq!(e.field, "matchExpressions[0].operator");
        assert_eq!(
            e.message,
            "\"Equals\" is not a valid label selector operator"
        );
    }

    #[test]
    fn value_set_rules() {
        let s = LabelSelector::from_json(
            &json!({"matchExpressions": [{"key": "a", "operator": "In", "values": []}]}),
        )
        .expect("well-formed");
        let e = s.validate().expect_err("In needs values");
        assert!(
            e.message
                .contains("for 'in', 'notin' operators, values set can't be empty")
        );
        let s = LabelSelector::from_json(
            &json!({"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]}),
        )
        .expect("well-formed");
        let e = s.validate().expect_err("Exists takes no values");
        assert!(
            e.message
                .contains("values set must be empty for exists and does not exist")
        );
    }

    #[test]
    fn empty_key_is_invalid() {
        let s = LabelSelector::from_json(
            &json!({"matchExpressions": [{"key": "", "operator": "Exists"}]}),
        )
        .expect("well-formed");
        let e = s.validate().expect_err("empty key");
        assert_eq!(e.field, "matchExpressions[0]");
        assert!(
            e.message.contains("name part must be non-empty"),
            "{}",
            e.message
        );
    }

    #[test]
    fn bad_label_value_and_key() {
        let s = sel_raw(json!({"matchLabels": {"a": "-bad"}}));
        assert!(s.validate().is_err());
        let s = sel_raw(json!({"matchLabels": {"Example.com/a": "x"}}));
        let e = s.validate().expect_err("uppercase prefix");
        assert!(
            e.message
                .starts_with("key: Invalid value: \"Example.com/a\": prefix part")
        );
        let s = sel_raw(json!({"matchLabels": {"projectcapsule.dev/tenant": "acme", "a_b.c": ""}}));
        assert!(s.validate().is_ok());
    }

    fn sel_raw(v: Json) -> LabelSelector {
        LabelSelector::from_json(&v).expect("well-formed")
    }

    #[test]
    fn keys_listed_once() {
        let s = sel(
            json!({"matchLabels": {"a": "1"}, "matchExpressions": [{"key": "a", "operator": "Exists"}, {"key": "b", "operator": "DoesNotExist"}]}),
        );
        assert_eq!(s.keys(), vec!["a".to_string(), "b".to_string()]);
    }
}
