//! What one `resources[]` entry iterates over (capsule-semantics.md §2.2): each selected Tenant
//! (`Tenant` scope), each selected Tenant × each of its namespaces matched by
//! `namespaceSelector` (`Namespace` scope), exactly once with a synthetic `None` tenant (`None`
//! scope), or each matched namespace of the owning tenant (TenantResource). Tenants come in name
//! order, namespaces in name order, as Capsule's direct API reads return them.

use super::inputs::Inputs;
use super::model::{NamespaceView, Replication, ReplicationKind, ResourceSpec, Scope, TenantView};

/// One rendering iteration.
#[derive(Clone, Copy, Debug)]
pub struct Iteration<'a> {
    /// `None` in `None` scope (the synthetic tenant named `None`).
    pub tenant: Option<&'a TenantView<'a>>,
    /// The target namespace (Namespace scope and TenantResources).
    pub namespace: Option<&'a NamespaceView<'a>>,
}

impl Iteration<'_> {
    /// The tenant name as Capsule records it (`None` for the synthetic tenant).
    pub fn tenant_name(&self) -> &str {
        self.tenant.map(|t| t.name.as_str()).unwrap_or("None")
    }
}

/// A replication that cannot be iterated (its tenant cannot be resolved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeError {
    pub field_path: String,
    pub message: String,
}

/// The tenants a GlobalTenantResource selects, by name.
pub fn selected_tenants<'a>(rep: &Replication, inputs: &'a Inputs<'a>) -> Vec<&'a TenantView<'a>> {
    inputs
        .tenants
        .values()
        .filter(|t| rep.tenant_selector.matches_with(|k| t.label(k)))
        .collect()
}

/// The tenant that owns a TenantResource's namespace.
pub fn owning_tenant<'a>(
    rep: &Replication,
    inputs: &'a Inputs<'a>,
) -> Result<&'a TenantView<'a>, ScopeError> {
    let Some(ns) = inputs.namespaces.get(&rep.namespace) else {
        return Err(ScopeError {
            field_path: "metadata.namespace".into(),
            message: format!(
                "the TenantResource's namespace {} is not among the input Namespaces, so its tenant is unknown",
                rep.namespace
            ),
        });
    };
    let Some(owner) = super::membership::owner_of_namespace(ns.json) else {
        return Err(ScopeError {
            field_path: "metadata.namespace".into(),
            message: format!(
                "namespace {} belongs to no tenant (no Tenant ownerReference, no capsule.clastix.io/tenant label)",
                rep.namespace
            ),
        });
    };
    inputs.tenants.get(&owner).ok_or_else(|| ScopeError {
        field_path: "metadata.namespace".into(),
        message: format!(
            "tenant {owner}, owner of namespace {}, is not among the inputs",
            rep.namespace
        ),
    })
}

fn tenant_targets<'a>(
    tenant: &'a TenantView<'a>,
    res: &ResourceSpec,
    inputs: &'a Inputs<'a>,
    out: &mut Vec<Iteration<'a>>,
) {
    for name in inputs.namespaces_of(&tenant.name) {
        let Some(ns) = inputs.namespaces.get(name) else {
            continue;
        };
        if res
            .namespace_selector
            .as_ref()
            .is_none_or(|s| s.matches_with(|k| ns.label(k)))
        {
            out.push(Iteration {
                tenant: Some(tenant),
                namespace: Some(ns),
            });
        }
    }
}

/// Every iteration of `res`, in output order.
pub fn iterations<'a>(
    rep: &Replication,
    res: &ResourceSpec,
    inputs: &'a Inputs<'a>,
) -> Result<Vec<Iteration<'a>>, ScopeError> {
    let mut out = Vec::new();
    match (rep.kind, rep.scope) {
        (ReplicationKind::Namespaced, _) => {
            let tenant = owning_tenant(rep, inputs)?;
            tenant_targets(tenant, res, inputs, &mut out);
        }
        (ReplicationKind::Global, Scope::None) => out.push(Iteration {
            tenant: None,
            namespace: None,
        }),
        (ReplicationKind::Global, Scope::Tenant) => {
            for t in selected_tenants(rep, inputs) {
                out.push(Iteration {
                    tenant: Some(t),
                    namespace: None,
                });
            }
        }
        (ReplicationKind::Global, Scope::Namespace) => {
            for t in selected_tenants(rep, inputs) {
                tenant_targets(t, res, inputs, &mut out);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capsule::model::ReplicationKind;
    use serde_json::{Value as Json, json};

    fn fixture() -> Vec<Json> {
        vec![
            json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant", "metadata": {"name": "b", "labels": {"energy": "lunar"}}}),
            json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant", "metadata": {"name": "a", "labels": {"energy": "solar"}}}),
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a-two", "labels": {"capsule.clastix.io/tenant": "a", "replicate": "true"}}}),
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a-one", "labels": {"capsule.clastix.io/tenant": "a"}}}),
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "b-one", "ownerReferences": [{"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant", "name": "b"}]}}),
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kube-system"}}),
        ]
    }

    fn rep(spec: Json) -> Replication {
        let v = json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "GlobalTenantResource", "metadata": {"name": "g"}, "spec": spec});
        Replication::from_json(&v, ReplicationKind::Global).expect("valid")
    }

    fn names(its: &[Iteration<'_>]) -> Vec<String> {
        its.iter()
            .map(|i| {
                format!(
                    "{}/{}",
                    i.tenant_name(),
                    i.namespace.map(|n| n.name.as_str()).unwrap_or("-")
                )
            })
            .collect()
    }

    #[test]
    fn scopes() {
        let items = crate::packed::pack_all(&fixture());
        let inputs = Inputs::new(&items);
        let r = rep(json!({"resources": [{}]}));
        assert_eq!(
            names(&iterations(&r, &r.resources[0], &inputs).expect("ok")),
            vec!["a/a-one", "a/a-two", "b/b-one"]
        );
        let r = rep(
            json!({"scope": "Tenant", "resources": [{"namespaceSelector": {"matchLabels": {"x": "y"}}}]}),
        );
        assert_eq!(
            names(&iterations(&r, &r.resources[0], &inputs).expect("ok")),
            vec!["a/-", "b/-"]
        );
        let r = rep(
            json!({"scope": "None", "tenantSelector": {"matchLabels": {"nobody": "x"}}, "resources": [{}]}),
        );
        assert_eq!(
            names(&iterations(&r, &r.resources[0], &inputs).expect("ok")),
            vec!["None/-"]
        );
        let r = rep(
            json!({"tenantSelector": {"matchLabels": {"energy": "solar"}},
            "resources": [{"namespaceSelector": {"matchLabels": {"replicate": "true"}}}]}),
        );
        assert_eq!(
            names(&iterations(&r, &r.resources[0], &inputs).expect("ok")),
            vec!["a/a-two"]
        );
    }

    #[test]
    fn tenant_resource_uses_owner_of_its_namespace() {
        let items = crate::packed::pack_all(&fixture());
        let inputs = Inputs::new(&items);
        let tr = json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "TenantResource",
            "metadata": {"name": "t", "namespace": "b-one"}, "spec": {"resources": [{}]}});
        let r = Replication::from_json(&tr, ReplicationKind::Namespaced).expect("valid");
        assert_eq!(
            names(&iterations(&r, &r.resources[0], &inputs).expect("ok")),
            vec!["b/b-one"]
        );
        let tr = json!({"apiVersion": "capsule.clastix.io/v1beta2", "kind": "TenantResource",
            "metadata": {"name": "t", "namespace": "kube-system"}, "spec": {"resources": [{}]}});
        let r = Replication::from_json(&tr, ReplicationKind::Namespaced).expect("valid");
        let e = iterations(&r, &r.resources[0], &inputs).expect_err("no tenant");
        assert!(e.message.contains("belongs to no tenant"));
    }
}
