//! KRM I/O: ResourceList and plain YAML/JSON streams in and out, results, annotations.
//!
//! What each host sends and expects is in krm-hosts.md: kpt sends the files' own text (comments,
//! anchors and all) and writes our answer back to the files, so unchanged items are copied out
//! verbatim; kustomize sends normalised YAML and never shows `results`, so diagnostics also go to
//! stderr.

pub mod annotations;
mod error;
mod input;
mod output;
mod results;

pub use error::KrmError;
pub use input::{Input, InputKind, looks_like_resource_list, read_input};
pub use output::{
    Out, unchanged, write_failed_resource_list, write_json_stream, write_resource_list,
    write_stream,
};
pub use results::{human, result_value};
