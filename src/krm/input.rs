//! Reading what a host sends: a `ResourceList` (YAML or JSON, `config.kubernetes.io/v1`,
//! `v1beta1`, …) or a plain multi-document stream of objects.
//!
//! Item values are read with YAML 1.2 rules, as kyaml (kpt, kustomize) reads them; each item also
//! remembers where its text is, so that unchanged items go out exactly as they came in.

use serde_json::Value;

use super::KrmError;
use super::raw::RawSpan;
use crate::yaml::{Document, Limits, NodeId, NodeKind, Schema, parse_stream, to_value};

/// What the input was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// A `kind: ResourceList`, with its `apiVersion` (echoed on output).
    ResourceList { api_version: String },
    /// A plain stream of objects (kustomize legacy plugin, shell pipes, Helm post-renderer).
    Stream,
}

/// A parsed input: the objects, in order, and the function config.
#[derive(Clone, Debug, PartialEq)]
pub struct Input<'a> {
    /// The input text (items' raw spans point into it).
    pub text: &'a str,
    pub kind: InputKind,
    /// The objects, in order, read with YAML 1.2 rules (what `capsule::render` takes).
    pub items: Vec<Value>,
    /// For each object, where its text is in the input when it can be copied out verbatim.
    pub raw: Vec<Option<RawSpan>>,
    /// `functionConfig` of a ResourceList; `None` when absent or null.
    pub function_config: Option<Value>,
}

/// True when `text` looks like a ResourceList even if it doesn't parse: used to answer with a
/// ResourceList carrying the error.
pub fn looks_like_resource_list(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        (l.starts_with("kind:") || l.contains("\"kind\"")) && l.contains("ResourceList")
    })
}

/// The string value of a plain or quoted scalar entry `key` of a mapping node.
fn scalar_entry<'d>(doc: &'d Document<'_>, id: NodeId, key: &str) -> Option<&'d str> {
    let value = entry(doc, id, key)?;
    match &doc.nodes.get(value)?.kind {
        NodeKind::Scalar(text, _) => Some(text),
        _ => None,
    }
}

fn entry(doc: &Document<'_>, id: NodeId, key: &str) -> Option<NodeId> {
    let NodeKind::Mapping { entries, .. } = &doc.nodes.get(id)?.kind else {
        return None;
    };
    entries
        .iter()
        .find_map(|(k, v)| match &doc.nodes.get(*k)?.kind {
            NodeKind::Scalar(text, _) if text == key => Some(*v),
            _ => None,
        })
}

/// Follows an alias to its target.
fn deref(doc: &Document<'_>, id: NodeId) -> NodeId {
    match doc.nodes.get(id).map(|n| &n.kind) {
        Some(NodeKind::Alias(target)) => *target,
        _ => id,
    }
}

/// Reads a ResourceList or a stream, detected from the content: a single document whose `kind`
/// is `ResourceList` is a ResourceList, anything else a stream.
pub fn read_input<'a>(text: &'a str, limits: &Limits) -> Result<Input<'a>, KrmError> {
    let docs = parse_stream(text, limits)?;
    let non_empty: Vec<&Document<'_>> = docs.iter().filter(|d| d.root.is_some()).collect();
    if let [doc] = non_empty.as_slice()
        && let Some(root) = doc.root
        && scalar_entry(doc, root, "kind") == Some("ResourceList")
    {
        return read_resource_list(text, doc, root, limits);
    }
    read_stream_docs(text, &docs, limits)
}

fn item_error(doc: &Document<'_>, id: NodeId, what: &str) -> KrmError {
    let pos = doc.nodes.get(id).map(|n| n.start).unwrap_or(doc.start);
    KrmError::at(
        format!("{what} is not an object (a mapping with apiVersion and kind)"),
        pos.line as usize,
        pos.col as usize,
    )
}

fn read_resource_list<'a>(
    text: &'a str,
    doc: &Document<'_>,
    root: NodeId,
    limits: &Limits,
) -> Result<Input<'a>, KrmError> {
    let api_version = scalar_entry(doc, root, "apiVersion").unwrap_or("");
    if !api_version.starts_with("config.kubernetes.io/") {
        let pos = doc.nodes.get(root).map(|n| n.start).unwrap_or(doc.start);
        return Err(KrmError::at(
            format!(
                "unsupported ResourceList apiVersion {api_version:?} (expected config.kubernetes.io/v1 or v1beta1)"
            ),
            pos.line as usize,
            pos.col as usize,
        ));
    }
    let mut items = Vec::new();
    let mut raws = Vec::new();
    if let Some(list) = entry(doc, root, "items").map(|id| deref(doc, id)) {
        match doc.nodes.get(list).map(|n| &n.kind) {
            Some(NodeKind::Sequence { items: ids, .. }) => {
                items.reserve(ids.len());
                raws.reserve(ids.len());
                for (i, &id) in ids.iter().enumerate() {
                    let target = deref(doc, id);
                    let value = to_value(doc, target, Schema::Core12, limits)?;
                    if !value.is_object() {
                        return Err(item_error(doc, id, &format!("items[{i}]")));
                    }
                    let raw = if target == id {
                        RawSpan::find(text, doc, id).map(|r| r.with_dash_comment(text))
                    } else {
                        None
                    };
                    items.push(value);
                    raws.push(raw);
                }
            }
            Some(NodeKind::Scalar(t, crate::yaml::Style::Plain))
                if matches!(t.as_ref(), "" | "~" | "null") => {}
            _ => return Err(item_error(doc, list, "items")),
        }
    }
    let function_config = match entry(doc, root, "functionConfig") {
        Some(id) => match to_value(doc, id, Schema::Core12, limits)? {
            Value::Null => None,
            v @ Value::Object(_) => Some(v),
            _ => return Err(item_error(doc, id, "functionConfig")),
        },
        None => None,
    };
    Ok(Input {
        text,
        kind: InputKind::ResourceList {
            api_version: api_version.to_string(),
        },
        items,
        raw: raws,
        function_config,
    })
}

fn read_stream_docs<'a>(
    text: &'a str,
    docs: &[Document<'_>],
    limits: &Limits,
) -> Result<Input<'a>, KrmError> {
    let mut items = Vec::new();
    let mut raws = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        let Some(root) = doc.root else { continue };
        let value = to_value(doc, root, Schema::Core12, limits)?;
        match value {
            Value::Null => continue,
            Value::Object(_) => {}
            _ => return Err(item_error(doc, root, &format!("document {}", i + 1))),
        }
        raws.push(RawSpan::find(text, doc, root).map(|r| r.with_leading_comments(text)));
        items.push(value);
    }
    Ok(Input {
        text,
        kind: InputKind::Stream,
        items,
        raw: raws,
        function_config: None,
    })
}
