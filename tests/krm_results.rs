//! Diagnostics as KRM results (functions spec v1 fields as kpt displays and records them,
//! krm-hosts.md §2.3 and §3) and in human form on stderr.

use capsule_render::diagnostic::{Diagnostic, ResourceRef, Severity, TemplateLocation};
use capsule_render::krm::{Out, human, read_input, write_resource_list};
use capsule_render::yaml::{Limits, Schema, read_stream};
use serde_json::json;

fn template_error() -> Diagnostic {
    Diagnostic {
        resource: Some(ResourceRef {
            api_version: "capsule.clastix.io/v1beta2".into(),
            kind: "GlobalTenantResource".into(),
            name: "gateways".into(),
            namespace: String::new(),
        }),
        field_path: Some("spec.resources[0].generators[1].template".into()),
        file: Some("gtr.yaml".into()),
        template: Some(TemplateLocation {
            field_path: "spec.resources[0].generators[1].template".into(),
            line: 3,
            col: 14,
        }),
        check_id: None,
        tenant: Some("acme".into()),
        ..Diagnostic::new(Severity::Error, "function \"nope\" not defined")
    }
}

#[test]
fn results_follow_the_functions_spec() {
    let text = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- kind: A\n";
    let input = read_input(text, &Limits::DEFAULT).unwrap();
    let warning = Diagnostic {
        resource: Some(ResourceRef {
            api_version: "gateway.networking.k8s.io/v1".into(),
            kind: "Gateway".into(),
            name: "gw".into(),
            namespace: "tenant-acme".into(),
        }),
        field_path: Some("spec.listeners[0].hostname".into()),
        check_id: Some("gateway.listener-limit".into()),
        ..Diagnostic::new(Severity::Warning, "too many listeners")
    };
    let info = Diagnostic {
        field_path: Some("spec".into()),
        ..Diagnostic::new(Severity::Info, "rendered 3 objects")
    };
    let mut out = Vec::new();
    write_resource_list(
        &mut out,
        "config.kubernetes.io/v1",
        &input,
        [Out::Kept(0)],
        &[template_error(), warning, info],
    )
    .unwrap();
    let out = String::from_utf8(out).unwrap();
    let rl = read_stream(&out, Schema::Core12).unwrap().remove(0);
    assert_eq!(
        rl["results"],
        json!([
            {
                "message": "function \"nope\" not defined",
                "severity": "error",
                "resourceRef": {"apiVersion": "capsule.clastix.io/v1beta2", "kind": "GlobalTenantResource", "name": "gateways"},
                "field": {"path": "spec.resources[0].generators[1].template"},
                "file": {"path": "gtr.yaml"},
                "tags": {"tenant": "acme", "template": "spec.resources[0].generators[1].template:3:14"}
            },
            {
                "message": "too many listeners",
                "severity": "warning",
                "resourceRef": {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "name": "gw", "namespace": "tenant-acme"},
                "field": {"path": "spec.listeners[0].hostname"},
                "tags": {"check": "gateway.listener-limit"}
            },
            // The spec requires a resourceRef whenever `field` is set: without one, the path is a tag.
            {"message": "rendered 3 objects", "severity": "info", "tags": {"field": "spec"}}
        ])
    );
    assert_eq!(rl["items"], json!([{"kind": "A"}]));
}

#[test]
fn human_form_names_object_field_template_position_and_tenant() {
    let line = human(&template_error());
    assert_eq!(
        line,
        "error: GlobalTenantResource/gateways (file gtr.yaml) spec.resources[0].generators[1].template:3:14 [tenant acme]: function \"nope\" not defined"
    );
    assert_eq!(
        human(&Diagnostic::new(Severity::Warning, "plain")),
        "warning: plain"
    );
}
