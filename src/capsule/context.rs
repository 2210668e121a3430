//! `context.resources[]` and `namespacedItems[]` lookups (`pkg/template/reference.go`) against the
//! input items: fast-templated name/namespace/selector, the effective namespace (the reference's,
//! else the target namespace, else cluster-wide; always cluster-wide for cluster-scoped kinds),
//! GET by name (missing + `optional` ⇒ nothing) or LIST by selector, and a deterministic order
//! (namespace, then name) where Capsule's is arbitrary. Candidates are indexed once by
//! `(apiVersion, kind)` and `(apiVersion, kind, namespace)`.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::packed::Packed;

use super::fast_template::FastContext;
use super::kinds::KindTable;
use super::model::{ResourceReference, selector_requires_templating};
use super::object;
use super::selector::LabelSelector;

/// Label value → candidates carrying it.
type LabelValues = HashMap<String, Vec<usize>>;

/// The input objects a lookup can find, indexed once per render. Keys borrow from the items.
#[derive(Debug, Default)]
pub struct ContextIndex<'a> {
    items: &'a [Packed],
    by_kind: HashMap<(&'a str, &'a str), Vec<usize>>,
    by_kind_ns: HashMap<(&'a str, &'a str, &'a str), Vec<usize>>,
    /// `(apiVersion, kind, label key)` → label value → candidates, built on first use (the
    /// common `matchLabels: {projectcapsule.dev/tenant: "{{tenant.name}}"}` lookup then costs one
    /// hash probe per tenant instead of a scan of every object of the kind).
    by_label: RefCell<HashMap<(String, String, String), LabelValues>>,
}

impl<'a> ContextIndex<'a> {
    /// Indexes `items[i]` for every `i` in `candidates`, each list sorted by namespace then
    /// name (then input position).
    pub fn new(
        items: &'a [Packed],
        candidates: impl IntoIterator<Item = usize>,
    ) -> ContextIndex<'a> {
        let mut idx = ContextIndex {
            items,
            ..ContextIndex::default()
        };
        for i in candidates {
            let Some(v) = items.get(i).map(Packed::view) else {
                continue;
            };
            let av = object::api_version(v);
            let kind = object::kind(v);
            let ns = object::namespace(v);
            idx.by_kind.entry((av, kind)).or_default().push(i);
            idx.by_kind_ns.entry((av, kind, ns)).or_default().push(i);
        }
        let key = |i: &usize| match items.get(*i).map(Packed::view) {
            Some(v) => (object::namespace(v), object::name(v), *i),
            None => ("", "", *i),
        };
        for list in idx.by_kind.values_mut().chain(idx.by_kind_ns.values_mut()) {
            list.sort_by_cached_key(key);
        }
        idx
    }

    /// The candidates of a kind in one namespace (`Some`) or everywhere (`None`).
    pub fn candidates<'s>(
        &'s self,
        api_version: &'s str,
        kind: &'s str,
        namespace: Option<&'s str>,
    ) -> &'s [usize] {
        let found = match namespace {
            Some(ns) => self.by_kind_ns.get(&(api_version, kind, ns)),
            None => self.by_kind.get(&(api_version, kind)),
        };
        found.map(Vec::as_slice).unwrap_or(&[])
    }

    /// The candidates of a kind carrying label `key=value`, in index order.
    pub fn with_label(&self, api_version: &str, kind: &str, key: &str, value: &str) -> Vec<usize> {
        let k = (api_version.to_string(), kind.to_string(), key.to_string());
        let mut cache = self.by_label.borrow_mut();
        let by_value = cache.entry(k).or_insert_with(|| {
            let mut m: HashMap<String, Vec<usize>> = HashMap::new();
            for &i in self.candidates(api_version, kind, None) {
                if let Some(v) = self.label(i, key) {
                    m.entry(v.to_string()).or_default().push(i);
                }
            }
            m
        });
        by_value.get(value).cloned().unwrap_or_default()
    }

    /// A label of a candidate (`metadata.labels[key]`, when a string, as
    /// `unstructured.GetLabels` keeps only string values).
    pub fn label(&self, i: usize, key: &str) -> Option<&'a str> {
        use crate::json_view::JsonView;
        self.items
            .get(i)?
            .view()
            .str_at(&["metadata", "labels", key])
    }
}

/// A reference after fast templating.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedReference {
    pub name: String,
    pub namespace: String,
    pub selector: Option<LabelSelector>,
}

/// Why a lookup failed: Capsule's message and the field (relative to the reference) at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupError {
    pub field: &'static str,
    pub message: String,
}

/// `LoadTemplated`: templates name, namespace and selector when any of them needs it, then
/// validates the templated selector.
pub fn resolve(
    r: &ResourceReference,
    fast: &FastContext,
) -> Result<ResolvedReference, LookupError> {
    let needs = super::fast_template::requires_fast_template(&r.name)
        || super::fast_template::requires_fast_template(&r.namespace)
        || r.selector
            .as_ref()
            .is_some_and(selector_requires_templating);
    if !needs {
        return Ok(ResolvedReference {
            name: r.name.clone(),
            namespace: r.namespace.clone(),
            selector: r.selector.clone(),
        });
    }
    let ft = |s: &str, field: &'static str| {
        fast.apply(s).map_err(|e| LookupError {
            field,
            message: e.message,
        })
    };
    let name = ft(&r.name, "name")?;
    let namespace = ft(&r.namespace, "namespace")?;
    let selector = match &r.selector {
        None => None,
        Some(sel) => {
            let mut out = LabelSelector::default();
            for (k, v) in &sel.match_labels {
                out.match_labels
                    .insert(ft(k, "selector")?, ft(v, "selector")?);
            }
            for e in &sel.match_expressions {
                let mut e2 = e.clone();
                e2.key = ft(&e.key, "selector")?;
                for v in e2.values.iter_mut() {
                    *v = ft(v, "selector")?;
                }
                out.match_expressions.push(e2);
            }
            out.validate().map_err(|e| LookupError {
                field: "selector",
                message: format!("templated label selector is invalid: {}", e.message),
            })?;
            Some(out)
        }
    };
    Ok(ResolvedReference {
        name,
        namespace,
        selector,
    })
}

/// What a lookup needs besides the reference.
pub struct LookupScope<'s> {
    /// The target namespace of the iteration (Namespace scope / TR), or the default for
    /// namespacedItems.
    pub default_namespace: Option<&'s str>,
    /// TR: the namespaces a lookup may name (`NewNamespaceValidator` with cross-namespace
    /// selection off). `None`: anything goes (GTR).
    pub allowed_namespaces: Option<&'s [String]>,
    /// Objects carrying any of these label pairs are excluded.
    pub exclude_labels: &'s [(&'s str, &'s str)],
    /// With the `restrictContextToTenant` option: only objects in these namespaces match.
    pub restrict_to: Option<&'s [String]>,
}

/// Capsule's plural resource name for a "not found" message (a close approximation of the REST
/// mapper's: `configmaps`, `policies`, `ingresses`).
fn plural(kind: &str) -> String {
    let lower = kind.to_ascii_lowercase();
    if let Some(stem) = lower.strip_suffix('y') {
        format!("{stem}ies")
    } else if lower.ends_with('s') || lower.ends_with("ch") || lower.ends_with('x') {
        format!("{lower}es")
    } else {
        format!("{lower}s")
    }
}

/// `LoadResources`: the matching input items, in deterministic order.
pub fn lookup(
    items: &[Packed],
    index: &ContextIndex<'_>,
    kinds: &KindTable,
    r: &ResourceReference,
    fast: &FastContext,
    scope: &LookupScope<'_>,
) -> Result<Vec<usize>, LookupError> {
    let resolved = resolve(r, fast)?;
    let namespaced = !kinds.is_cluster_scoped(&r.api_version, &r.kind);
    let ns = if !namespaced {
        String::new()
    } else if resolved.namespace.is_empty() {
        scope.default_namespace.unwrap_or("").to_string()
    } else {
        resolved.namespace.clone()
    };
    if let Some(allowed) = scope.allowed_namespaces
        && !ns.is_empty()
        && !allowed.contains(&ns)
    {
        let mut sorted = allowed.to_vec();
        sorted.sort();
        return Err(LookupError {
            field: "namespace",
            message: format!(
                "cross-namespace selection is not allowed. Referring a Namespace ({ns}) that is not part of the allowed namespaces [{}]",
                sorted.join(" ")
            ),
        });
    }
    let excluded = |i: usize| {
        scope
            .exclude_labels
            .iter()
            .any(|(k, v)| index.label(i, k).is_some_and(|x| x == *v))
    };
    let restricted = |i: usize| match scope.restrict_to {
        None => false,
        Some(list) => items
            .get(i)
            .is_none_or(|v| !list.iter().any(|n| n == object::namespace(v.view()))),
    };
    if !resolved.name.is_empty() {
        // GET: one object by namespace and name (a namespaced GET without namespace finds
        // nothing; a cluster-scoped one ignores it).
        let found = index
            .candidates(&r.api_version, &r.kind, Some(&ns))
            .iter()
            .copied()
            .find(|&i| {
                items
                    .get(i)
                    .is_some_and(|v| object::name(v.view()) == resolved.name)
            });
        return match found {
            Some(i) if !restricted(i) => Ok(vec![i]),
            _ if r.optional => Ok(Vec::new()),
            _ => Err(LookupError {
                field: "name",
                message: format!(
                    "failed to get {}/{}: {} \"{}\" not found",
                    r.kind,
                    resolved.name,
                    plural(&r.kind),
                    resolved.name
                ),
            }),
        };
    }
    let first_label = resolved
        .selector
        .as_ref()
        .and_then(|s| s.match_labels.iter().next());
    let pool: Vec<usize> = match first_label {
        Some((k, v)) => index
            .with_label(&r.api_version, &r.kind, k, v)
            .into_iter()
            .filter(|&i| {
                ns.is_empty()
                    || items
                        .get(i)
                        .is_some_and(|o| object::namespace(o.view()) == ns)
            })
            .collect(),
        None if ns.is_empty() => index.candidates(&r.api_version, &r.kind, None).to_vec(),
        None => index
            .candidates(&r.api_version, &r.kind, Some(&ns))
            .to_vec(),
    };
    Ok(pool
        .into_iter()
        .filter(|&i| !excluded(i) && !restricted(i))
        .filter(|&i| {
            resolved
                .selector
                .as_ref()
                .is_none_or(|s| s.matches_with(|k| index.label(i, k)))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packed::pack_all;
    use serde_json::{Value as Json, json};

    fn cm(ns: &str, name: &str, app: &str) -> Json {
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": ns, "labels": {"app": app}}})
    }

    fn reference(v: Json) -> ResourceReference {
        let mut r = ResourceReference {
            kind: v["kind"].as_str().unwrap_or("").into(),
            api_version: v["apiVersion"].as_str().unwrap_or("").into(),
            name: v["name"].as_str().unwrap_or("").into(),
            namespace: v["namespace"].as_str().unwrap_or("").into(),
            selector: None,
            optional: v["optional"].as_bool().unwrap_or(true),
            index: String::new(),
        };
        if let Some(s) = v.get("selector") {
            r.selector = Some(LabelSelector::from_json(s).expect("test selector"));
        }
        r
    }

    fn open() -> LookupScope<'static> {
        LookupScope {
            default_namespace: None,
            allowed_namespaces: None,
            exclude_labels: &[],
            restrict_to: None,
        }
    }

    // capsule-semantics.md §8.3.7
    #[test]
    fn reference_lookups() {
        let items = vec![
            cm("team-a", "settings", "api"),
            cm("team-a", "other", "worker"),
            cm("team-b", "settings", "api"),
        ];
        let items = pack_all(&items);
        let idx = ContextIndex::new(&items, 0..items.len());
        let k = KindTable::default();
        let f = FastContext::default();
        let get = reference(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "name": "settings", "namespace": "team-a"}),
        );
        assert_eq!(lookup(&items, &idx, &k, &get, &f, &open()), Ok(vec![0]));
        let missing = reference(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "name": "missing", "namespace": "team-a"}),
        );
        assert_eq!(lookup(&items, &idx, &k, &missing, &f, &open()), Ok(vec![]));
        let required = reference(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "name": "missing", "namespace": "team-a", "optional": false}),
        );
        let e = lookup(&items, &idx, &k, &required, &f, &open()).expect_err("required");
        assert_eq!(
            e.message,
            "failed to get ConfigMap/missing: configmaps \"missing\" not found"
        );
        let list = reference(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "namespace": "team-a", "selector": {"matchLabels": {"app": "api"}}}),
        );
        assert_eq!(lookup(&items, &idx, &k, &list, &f, &open()), Ok(vec![0]));
        let everywhere = reference(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "selector": {"matchLabels": {"app": "api"}}}),
        );
        assert_eq!(
            lookup(&items, &idx, &k, &everywhere, &f, &open()),
            Ok(vec![0, 2])
        );
    }

    #[test]
    fn order_is_namespace_then_name() {
        let items = vec![cm("b", "x", "a"), cm("a", "z", "a"), cm("a", "y", "a")];
        let items = pack_all(&items);
        let idx = ContextIndex::new(&items, 0..items.len());
        let r = reference(json!({"apiVersion": "v1", "kind": "ConfigMap"}));
        let got = lookup(
            &items,
            &idx,
            &KindTable::default(),
            &r,
            &FastContext::default(),
            &open(),
        );
        assert_eq!(got, Ok(vec![2, 1, 0]));
    }

    // §8.3.6
    #[test]
    fn reference_templating() {
        let r = reference(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "name": "{{ tenant.name }}-config",
            "namespace": "{{ namespace }}", "selector": {"matchLabels": {"app": "{{ tenant.name }}"}}}),
        );
        let f = FastContext {
            tenant: Some("team-a".into()),
            namespace: Some("team-a-dev".into()),
        };
        let got = resolve(&r, &f).expect("valid");
        assert_eq!(got.name, "team-a-config");
        assert_eq!(got.namespace, "team-a-dev");
        assert_eq!(
            got.selector.map(|s| s.match_labels),
            Some(
                [("app".to_string(), "team-a".to_string())]
                    .into_iter()
                    .collect()
            )
        );
    }

    // §8.3.5
    #[test]
    fn selector_templating() {
        let f = FastContext {
            tenant: Some("x".into()),
            namespace: None,
        };
        let r = reference(json!({"apiVersion": "v1", "kind": "ConfigMap",
            "selector": {"matchExpressions": [{"key": "{{ missing }}", "operator": "Exists"}]}}));
        let e = resolve(&r, &f).expect_err("empty key");
        assert!(
            e.message
                .starts_with("templated label selector is invalid: "),
            "{}",
            e.message
        );
        let r = reference(json!({"apiVersion": "v1", "kind": "ConfigMap",
            "selector": {"matchLabels": {"{{ a }}k": "v", "{{ b }}k": "v"}}}));
        assert_eq!(
            resolve(&r, &f)
                .expect("valid")
                .selector
                .map(|s| s.match_labels.len()),
            Some(1)
        );
    }

    // §5 step 3 and e2e TR 8.6-4/5/7: empty namespace falls back to the target namespace.
    #[test]
    fn default_namespace_and_validator() {
        let items = vec![
            cm("one", "s1", "p"),
            cm("two", "s2", "p"),
            cm("kube-system", "k", "p"),
        ];
        let items = pack_all(&items);
        let idx = ContextIndex::new(&items, 0..items.len());
        let k = KindTable::default();
        let allowed = vec!["one".to_string(), "two".to_string()];
        let scope = LookupScope {
            default_namespace: Some("two"),
            allowed_namespaces: Some(&allowed),
            exclude_labels: &[],
            restrict_to: None,
        };
        let f = FastContext {
            tenant: Some("t".into()),
            namespace: Some("two".into()),
        };
        let r = reference(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "namespace": "{{.namespace}}"}),
        );
        assert_eq!(lookup(&items, &idx, &k, &r, &f, &scope), Ok(vec![1]));
        let r =
            reference(json!({"apiVersion": "v1", "kind": "ConfigMap", "namespace": "kube-system"}));
        let e = lookup(&items, &idx, &k, &r, &f, &scope).expect_err("cross-namespace");
        assert_eq!(
            e.message,
            "cross-namespace selection is not allowed. Referring a Namespace (kube-system) that is not part of the allowed namespaces [one two]"
        );
    }

    #[test]
    fn cluster_scoped_kinds_ignore_namespace() {
        let items = vec![
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "r"}}),
        ];
        let items = pack_all(&items);
        let idx = ContextIndex::new(&items, 0..1);
        let r =
            reference(json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole"}));
        let scope = LookupScope {
            default_namespace: Some("ns"),
            allowed_namespaces: None,
            exclude_labels: &[],
            restrict_to: None,
        };
        assert_eq!(
            lookup(
                &items,
                &idx,
                &KindTable::default(),
                &r,
                &FastContext::default(),
                &scope
            ),
            Ok(vec![0])
        );
    }

    // The restrictContextToTenant option: only objects in the tenant's namespaces match (the
    // seed's spoofed route in a shared namespace is dropped).
    #[test]
    fn restricted_to_tenant_namespaces() {
        let items = vec![
            cm("acme-web", "shop", "acme"),
            cm("shared", "spoof", "acme"),
        ];
        let items = pack_all(&items);
        let idx = ContextIndex::new(&items, 0..2);
        let r = reference(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "selector": {"matchLabels": {"app": "acme"}}}),
        );
        let own = vec!["acme-web".to_string()];
        let mut scope = open();
        assert_eq!(
            lookup(
                &items,
                &idx,
                &KindTable::default(),
                &r,
                &FastContext::default(),
                &scope
            ),
            Ok(vec![0, 1])
        );
        scope.restrict_to = Some(&own);
        assert_eq!(
            lookup(
                &items,
                &idx,
                &KindTable::default(),
                &r,
                &FastContext::default(),
                &scope
            ),
            Ok(vec![0])
        );
    }

    #[test]
    fn excluded_labels() {
        let mut items = vec![cm("a", "x", "p"), cm("a", "y", "p")];
        items[1]["metadata"]["labels"]["projectcapsule.dev/created-by"] = json!("resources");
        let items = pack_all(&items);
        let idx = ContextIndex::new(&items, 0..2);
        let r = reference(json!({"apiVersion": "v1", "kind": "ConfigMap"}));
        let scope = LookupScope {
            default_namespace: None,
            allowed_namespaces: None,
            exclude_labels: &[("projectcapsule.dev/created-by", "resources")],
            restrict_to: None,
        };
        assert_eq!(
            lookup(
                &items,
                &idx,
                &KindTable::default(),
                &r,
                &FastContext::default(),
                &scope
            ),
            Ok(vec![0])
        );
    }
}
