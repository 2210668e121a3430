//! capsule-render: renders Capsule `GlobalTenantResource` and `TenantResource` objects offline,
//! exactly as Capsule's replication controller would, as a KRM function, a kustomize plugin, a
//! stream filter or a CLI.

#![forbid(unsafe_code)]

pub mod capsule;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod json_field;
pub mod json_view;
pub mod krm;
pub mod packed;
pub mod sprig;
pub mod template;
pub mod yaml;
