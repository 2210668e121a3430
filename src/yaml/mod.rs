//! YAML reading and writing: a document model over granit-parser events (styles, tags, positions),
//! scalar resolution under YAML 1.1 (go-yaml v2 + sigs.k8s.io/yaml: how Capsule reads generator
//! output and kubectl reads applied YAML) or YAML 1.2 (go-yaml v3 as kyaml reads input items),
//! Kubernetes' YAML-or-JSON stream decoding, and block-style emission safe for every reader.

mod block_fast;
mod emit;
mod k8s_stream;
mod libyaml_rules;
mod limits;
pub mod node;
mod raw;
pub mod resolve;

use std::fmt;

pub use emit::{emit_into, plain_ok, write_quoted};
pub use k8s_stream::decode_first_document;
pub use k8s_stream::decode_with_limits as decode_k8s_stream_with_limits;
pub use libyaml_rules::check_libyaml_rules;
pub use limits::Limits;
pub use node::{
    Document, Extracted, Node, NodeId, NodeKind, Pos, Sink, Style, parse_first_document,
    parse_into, parse_stream,
};
pub use raw::RawSpan;
pub use resolve::{Schema, document_value, to_value};

/// A YAML or JSON syntax error with its 1-based position in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}:{}: {}", self.line, self.col, self.message)
    }
}

impl std::error::Error for YamlError {}

/// Splits and decodes a stream the way Capsule decodes generator output (Kubernetes'
/// `NewYAMLOrJSONDecoder` + `sigs.k8s.io/yaml`, YAML 1.1 scalars, numbers as in JSON): one value
/// per document, `Null` for empty or comment-only documents.
pub fn decode_k8s_stream(text: &str) -> Result<Vec<serde_json::Value>, YamlError> {
    k8s_stream::decode(text)
}

/// Reads every document of a YAML (or JSON) stream as values under `schema`, within the default
/// limits; empty documents give `Null`.
pub fn read_stream(text: &str, schema: Schema) -> Result<Vec<serde_json::Value>, YamlError> {
    let limits = Limits::DEFAULT;
    let docs = parse_stream(text, &limits)?;
    docs.iter()
        .map(|doc| document_value(doc, schema, &limits))
        .collect()
}

/// Writes a JSON value as one block-style YAML document (no `---`), 2-space indent, compact
/// sequences, strings quoted when a YAML 1.1 or 1.2 reader would take them for something else.
pub fn emit(value: &serde_json::Value) -> String {
    emit::emit(value)
}
