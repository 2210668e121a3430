//! Which kinds are cluster-scoped. Capsule asks the API server's REST mapper; offline we carry a
//! table of the well-known cluster-scoped kinds (core, RBAC, storage, admission, Gateway API,
//! cert-manager, Capsule, common add-ons) that the `clusterScopedKinds` option extends.
//! Everything else is taken as namespaced.

use std::collections::HashSet;

/// `(group, kind)` pairs of cluster-scoped kinds known without configuration.
const BUILTIN: &[(&str, &str)] = &[
    ("", "Namespace"),
    ("", "Node"),
    ("", "PersistentVolume"),
    ("", "ComponentStatus"),
    ("rbac.authorization.k8s.io", "ClusterRole"),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
    ("storage.k8s.io", "StorageClass"),
    ("storage.k8s.io", "CSIDriver"),
    ("storage.k8s.io", "CSINode"),
    ("storage.k8s.io", "VolumeAttachment"),
    ("storage.k8s.io", "VolumeAttributesClass"),
    ("scheduling.k8s.io", "PriorityClass"),
    ("node.k8s.io", "RuntimeClass"),
    ("networking.k8s.io", "IngressClass"),
    ("networking.k8s.io", "IPAddress"),
    ("networking.k8s.io", "ServiceCIDR"),
    ("apiextensions.k8s.io", "CustomResourceDefinition"),
    ("apiregistration.k8s.io", "APIService"),
    (
        "admissionregistration.k8s.io",
        "MutatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io",
        "ValidatingWebhookConfiguration",
    ),
    ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"),
    (
        "admissionregistration.k8s.io",
        "ValidatingAdmissionPolicyBinding",
    ),
    ("admissionregistration.k8s.io", "MutatingAdmissionPolicy"),
    (
        "admissionregistration.k8s.io",
        "MutatingAdmissionPolicyBinding",
    ),
    ("certificates.k8s.io", "CertificateSigningRequest"),
    ("certificates.k8s.io", "ClusterTrustBundle"),
    ("flowcontrol.apiserver.k8s.io", "FlowSchema"),
    ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
    ("policy", "PodSecurityPolicy"),
    ("resource.k8s.io", "DeviceClass"),
    ("gateway.networking.k8s.io", "GatewayClass"),
    ("cert-manager.io", "ClusterIssuer"),
    ("capsule.clastix.io", "Tenant"),
    ("capsule.clastix.io", "GlobalTenantResource"),
    ("capsule.clastix.io", "CapsuleConfiguration"),
    ("capsule.clastix.io", "GlobalProxySettings"),
    ("capsule.clastix.io", "TenantOwner"),
    ("capsule.clastix.io", "GlobalResourceQuota"),
    ("kyverno.io", "ClusterPolicy"),
    ("metallb.io", "IPAddressPool"),
];

/// The set of cluster-scoped kinds, by `(group, kind)`.
#[derive(Clone, Debug)]
pub struct KindTable {
    cluster: HashSet<(String, String)>,
}

impl Default for KindTable {
    fn default() -> Self {
        KindTable::new(&[])
    }
}

impl KindTable {
    /// The built-in table plus `extra` entries written `Kind` (core group) or `Kind.group`
    /// (`ClusterIssuer.cert-manager.io`), like kubectl's resource.group spelling.
    pub fn new(extra: &[String]) -> KindTable {
        let mut cluster: HashSet<(String, String)> = BUILTIN
            .iter()
            .map(|(g, k)| (g.to_string(), k.to_string()))
            .collect();
        for e in extra {
            let (k, g) = e.split_once('.').unwrap_or((e.as_str(), ""));
            cluster.insert((g.to_string(), k.to_string()));
        }
        KindTable { cluster }
    }

    /// True when objects of `apiVersion`/`kind` have no namespace.
    pub fn is_cluster_scoped(&self, api_version: &str, kind: &str) -> bool {
        let group = super::object::group_of(api_version);
        self.cluster
            .contains(&(group.to_string(), kind.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_and_extras() {
        let t = KindTable::new(&["Widget.example.com".into(), "Thing".into()]);
        assert!(t.is_cluster_scoped("rbac.authorization.k8s.io/v1", "ClusterRole"));
        assert!(t.is_cluster_scoped("v1", "Namespace"));
        assert!(!t.is_cluster_scoped("v1", "ConfigMap"));
        assert!(!t.is_cluster_scoped("example.com/v1", "ClusterRole"));
        assert!(t.is_cluster_scoped("example.com/v1alpha1", "Widget"));
        assert!(t.is_cluster_scoped("v1", "Thing"));
    }
}
