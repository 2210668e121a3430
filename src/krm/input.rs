//! Reading what a host sends: a `ResourceList` (YAML or JSON, `config.kubernetes.io/v1`,
//! `v1beta1`, …) or a plain multi-document stream of objects.
//!
//! Item values are read with YAML 1.2 rules, as kyaml (kpt, kustomize) reads them; each item also
//! remembers where its text is, so that unchanged items go out exactly as they came in. Items are
//! turned into values while the parser goes (a [`Sink`]), so the node model of a 10,000-item
//! ResourceList is never held whole.

use serde_json::Value;

use super::KrmError;
use crate::packed::Packed;
use crate::yaml::{
    Document, Extracted, Limits, NodeId, NodeKind, RawSpan, Schema, Sink, Style, YamlError,
    parse_into, to_value,
};

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
    /// ResourceList or stream (decides the shape of the answer).
    pub kind: InputKind,
    /// The objects, in order, read with YAML 1.2 rules and packed (what `capsule::render`
    /// takes): a 10,000-item list is held in about the size of its text.
    pub items: Vec<Packed>,
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

/// The text of a scalar entry `key` of a mapping node.
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

fn item_error(doc: &Document<'_>, id: NodeId, what: &str) -> KrmError {
    let pos = doc.nodes.get(id).map_or(doc.start, |n| n.start);
    KrmError::at(
        format!("{what} is not an object (a mapping with apiVersion and kind)"),
        pos.line as usize,
        pos.col as usize,
    )
}

struct Reader<'a> {
    text: &'a str,
    limits: Limits,
    resource_list: Option<String>,
    items: Vec<Packed>,
    raw: Vec<Option<RawSpan>>,
    function_config: Option<Value>,
    documents: usize,
    /// A problem found while reading that is not a syntax error.
    error: Option<KrmError>,
}

impl<'a> Reader<'a> {
    fn fail(&mut self, e: KrmError) -> YamlError {
        let (line, col) = e.position.unwrap_or((1, 1));
        let out = YamlError {
            message: e.message.clone(),
            line,
            col,
        };
        self.error = Some(e);
        out
    }

    fn resource_list(&mut self, doc: Document<'a>, root: NodeId) -> Result<(), KrmError> {
        let api_version = scalar_entry(&doc, root, "apiVersion").unwrap_or("");
        if !api_version.starts_with("config.kubernetes.io/") {
            let pos = doc.nodes.get(root).map_or(doc.start, |n| n.start);
            return Err(KrmError::at(
                format!(
                    "unsupported ResourceList apiVersion {api_version:?} (expected config.kubernetes.io/v1 or v1beta1)"
                ),
                pos.line as usize,
                pos.col as usize,
            ));
        }
        self.resource_list = Some(api_version.to_string());
        let function_config = match entry(&doc, root, "functionConfig") {
            Some(id) => match to_value(&doc, id, Schema::Core12, &self.limits)? {
                Value::Null => None,
                v @ Value::Object(_) => Some(v),
                _ => return Err(item_error(&doc, id, "functionConfig")),
            },
            None => None,
        };
        self.function_config = function_config;
        let Some(list) = entry(&doc, root, "items").map(|id| deref(&doc, id)) else {
            return Ok(());
        };
        let mut nodes = doc.nodes;
        let ids = match nodes.get(list).map(|n| &n.kind) {
            Some(NodeKind::Sequence { items, .. }) => items.clone(),
            Some(NodeKind::Scalar(t, Style::Plain)) if matches!(t.as_ref(), "" | "~" | "null") => {
                return Ok(());
            }
            _ => {
                let doc = Document { nodes, ..doc };
                return Err(item_error(&doc, list, "items"));
            }
        };
        self.items.reserve(ids.len());
        self.raw.reserve(ids.len());
        // Entries already extracted while parsing are moved out; the others (anchored, or
        // aliases) are converted here.
        let mut pending = Vec::new();
        for (i, &id) in ids.iter().enumerate() {
            match nodes.get_mut(id).map(|n| &mut n.kind) {
                Some(NodeKind::Extracted(extracted)) => {
                    let Extracted { value, raw } = std::mem::replace(
                        extracted.as_mut(),
                        Extracted {
                            value: Packed::default(),
                            raw: None,
                        },
                    );
                    self.items.push(value);
                    self.raw.push(raw);
                }
                _ => {
                    pending.push((i, id));
                    self.items.push(Packed::default());
                    self.raw.push(None);
                }
            }
        }
        let doc = Document { nodes, ..doc };
        for (i, id) in pending {
            let target = deref(&doc, id);
            let value = to_value(&doc, target, Schema::Core12, &self.limits)?;
            if !value.is_object() {
                return Err(item_error(&doc, id, &format!("items[{i}]")));
            }
            let raw = if target == id {
                RawSpan::find(self.text, &doc, id).map(|r| r.with_dash_comment(self.text))
            } else {
                None
            };
            if let (Some(slot), Some(raw_slot)) = (self.items.get_mut(i), self.raw.get_mut(i)) {
                *slot = Packed::of(&value);
                *raw_slot = raw;
            }
        }
        Ok(())
    }

    fn stream_document(&mut self, doc: &Document<'a>, root: NodeId) -> Result<(), KrmError> {
        let value = to_value(doc, root, Schema::Core12, &self.limits)?;
        match value {
            Value::Null => return Ok(()),
            Value::Object(_) => {}
            _ => {
                return Err(item_error(
                    doc,
                    root,
                    &format!("document {}", self.documents),
                ));
            }
        }
        self.raw
            .push(RawSpan::find(self.text, doc, root).map(|r| r.with_leading_comments(self.text)));
        self.items.push(Packed::of(&value));
        Ok(())
    }
}

impl<'a> Sink<'a> for Reader<'a> {
    fn entry(
        &mut self,
        doc: &Document<'a>,
        id: NodeId,
    ) -> Result<Option<Box<Extracted>>, YamlError> {
        let value = to_value(doc, id, Schema::Core12, &self.limits)?;
        if !value.is_object() {
            // Left in place: reported with its index once we know this is a ResourceList.
            return Ok(None);
        }
        let raw = RawSpan::find(self.text, doc, id).map(|r| r.with_dash_comment(self.text));
        Ok(Some(Box::new(Extracted {
            value: Packed::of(&value),
            raw,
        })))
    }

    fn document(&mut self, doc: Document<'a>) -> Result<(), YamlError> {
        self.documents += 1;
        let Some(root) = doc.root else {
            return Ok(());
        };
        let result = if self.resource_list.is_some() {
            Err(item_error(&doc, root, "a document after a ResourceList"))
        } else if scalar_entry(&doc, root, "kind") == Some("ResourceList") {
            if self.items.is_empty() {
                self.resource_list(doc, root)
            } else {
                Err(item_error(
                    &doc,
                    root,
                    "a ResourceList after other documents",
                ))
            }
        } else {
            self.stream_document(&doc, root)
        };
        result.map_err(|e| self.fail(e))
    }
}

/// Reads a ResourceList or a stream, detected from the content: a document whose `kind` is
/// `ResourceList` is a ResourceList (and must be the only one), anything else a stream.
pub fn read_input<'a>(text: &'a str, limits: &Limits) -> Result<Input<'a>, KrmError> {
    let mut reader = Reader {
        text,
        limits: *limits,
        resource_list: None,
        items: Vec::new(),
        raw: Vec::new(),
        function_config: None,
        documents: 0,
        error: None,
    };
    if let Err(e) = parse_into(text, limits, &mut reader) {
        return Err(reader.error.take().unwrap_or_else(|| e.into()));
    }
    let kind = match reader.resource_list {
        Some(api_version) => InputKind::ResourceList { api_version },
        None => InputKind::Stream,
    };
    Ok(Input {
        text,
        kind,
        items: reader.items,
        raw: reader.raw,
        function_config: reader.function_config,
    })
}
