//! Which tenant a namespace belongs to: the label `capsule.clastix.io/tenant` (what Capsule's
//! target selection uses), falling back to an ownerReference of kind `Tenant` (what the tenant
//! controller sets and what TenantResources resolve their tenant through).

use crate::json_view::JsonView;

/// The tenant label Capsule's webhook puts on tenant namespaces.
pub const TENANT_LABEL: &str = "capsule.clastix.io/tenant";

/// The tenant named by a namespace's label.
pub fn tenant_label<'a>(ns: impl JsonView<'a>) -> Option<String> {
    super::object::labels(ns)
        .get(TENANT_LABEL)
        .filter(|s| !s.is_empty())
        .cloned()
}

/// The tenant named by a namespace's `Tenant` ownerReference (group `capsule.clastix.io`).
pub fn tenant_owner<'a>(ns: impl JsonView<'a>) -> Option<String> {
    let refs = ns.list_at(&["metadata", "ownerReferences"])?;
    refs.into_iter().find_map(|r| {
        let kind = r.str_at(&["kind"])?;
        let api = r.str_at(&["apiVersion"]).unwrap_or("");
        let name = r.str_at(&["name"])?;
        (kind == "Tenant"
            && super::object::group_of(api) == "capsule.clastix.io"
            && !name.is_empty())
        .then(|| name.to_string())
    })
}

/// Label first, then ownerReference.
pub fn tenant_of_namespace<'a>(ns: impl JsonView<'a>) -> Option<String> {
    tenant_label(ns).or_else(|| tenant_owner(ns))
}

/// The owner first, then the label: how a TenantResource finds its tenant.
pub fn owner_of_namespace<'a>(ns: impl JsonView<'a>) -> Option<String> {
    tenant_owner(ns).or_else(|| tenant_label(ns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn label_then_owner_reference() {
        let by_label = json!({"metadata": {"name": "a", "labels": {TENANT_LABEL: "solar"}}});
        assert_eq!(tenant_of_namespace(&by_label).as_deref(), Some("solar"));
        let by_owner = json!({"metadata": {"name": "a", "ownerReferences": [
            {"apiVersion": "v1", "kind": "ConfigMap", "name": "x"},
            {"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant", "name": "wind", "uid": "1"}]}});
        assert_eq!(tenant_of_namespace(&by_owner).as_deref(), Some("wind"));
        let both = json!({"metadata": {"labels": {TENANT_LABEL: "solar"}, "ownerReferences": [
            {"apiVersion": "capsule.clastix.io/v1beta2", "kind": "Tenant", "name": "wind"}]}});
        assert_eq!(tenant_of_namespace(&both).as_deref(), Some("solar"));
        assert_eq!(owner_of_namespace(&both).as_deref(), Some("wind"));
        let none = json!({"metadata": {"name": "kube-system"}});
        assert_eq!(tenant_of_namespace(&none), None);
        let other_group = json!({"metadata": {"ownerReferences": [{"apiVersion": "x.io/v1", "kind": "Tenant", "name": "t"}]}});
        assert_eq!(tenant_of_namespace(&other_group), None);
    }
}
