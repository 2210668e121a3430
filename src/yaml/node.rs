//! The YAML document model: what a value needs (structure, scalar text) plus what faithful
//! pass-through and good errors need (key order, scalar style, tags, flow/block, source positions).
//!
//! Built from granit-parser events. Nodes live in one arena per document, in document order, so
//! the nodes of a subtree are a contiguous range of ids; aliases are kept as references (never
//! copied here), and expanded, with a budget, only when a value is built (`resolve.rs`).

use std::borrow::Cow;
use std::collections::HashMap;

use granit_parser::{ErrorKind, Event, Options, Parser, ScalarStyle, ScanError, StructureStyle};

use super::{Limits, YamlError};

/// Index of a node in its document's arena.
pub type NodeId = usize;

/// A 1-based line and column, plus the byte offset, of a place in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
    /// Byte offset from the start of the text.
    pub offset: usize,
}

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `text`
    Plain,
    /// `'text'`
    SingleQuoted,
    /// `"text"`
    DoubleQuoted,
    /// `|` block
    Literal,
    /// `>` block
    Folded,
}

impl Style {
    fn from_granit(style: ScalarStyle) -> Style {
        match style {
            ScalarStyle::Plain => Style::Plain,
            ScalarStyle::SingleQuoted => Style::SingleQuoted,
            ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
            ScalarStyle::Literal => Style::Literal,
            ScalarStyle::Folded => Style::Folded,
        }
    }
}

/// An explicit tag on a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeTag {
    /// As written (after `%TAG` handle lookup is undone): `!!str`, `!foo`, `!e!bar`.
    pub original: String,
    /// The suffix when the tag is in the `tag:yaml.org,2002:` namespace (`str`, `int`, `map`…).
    pub core: Option<String>,
    /// True when the tag's handle is `!` or `!!` (it means the same without the document's
    /// directives).
    pub standard_handle: bool,
}

/// What a node is.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind<'a> {
    /// A scalar: its text after escape processing, and how it was written.
    Scalar(Cow<'a, str>, Style),
    /// A sequence; `flow` for `[...]`.
    Sequence { flow: bool, items: Vec<NodeId> },
    /// A mapping in source key order; `flow` for `{...}`.
    Mapping {
        flow: bool,
        entries: Vec<(NodeId, NodeId)>,
    },
    /// `*name`: refers to an earlier anchored node of the same document.
    Alias(NodeId),
    /// A subtree already turned into a value by a [`Sink`] (and its nodes dropped).
    Extracted(Box<Extracted>),
}

/// A subtree turned into a value while parsing, so that its nodes need not be kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Extracted {
    /// Its value (under the rule set the sink chose), packed: a long list's entries wait in
    /// about their text's size until the document ends.
    pub value: crate::packed::Packed,
    /// Where its text is, when it can be copied out verbatim.
    pub raw: Option<super::RawSpan>,
}

/// Receives what the parser builds.
pub trait Sink<'a> {
    /// Called for each finished entry of a sequence that is the value of a root mapping's key
    /// (a ResourceList's `items`), when the entry has no anchor. Returning `Some` lets the parser
    /// replace the entry's nodes with the extracted value, which keeps memory flat on long lists.
    fn entry(
        &mut self,
        doc: &Document<'a>,
        id: NodeId,
    ) -> Result<Option<Box<Extracted>>, YamlError> {
        let _ = (doc, id);
        Ok(None)
    }

    /// Called with each finished document, in order.
    fn document(&mut self, doc: Document<'a>) -> Result<(), YamlError>;
}

/// A sink that keeps every document.
struct Collect<'a>(Vec<Document<'a>>);

impl<'a> Sink<'a> for Collect<'a> {
    fn document(&mut self, doc: Document<'a>) -> Result<(), YamlError> {
        self.0.push(doc);
        Ok(())
    }
}

/// One node and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    /// What it is.
    pub kind: NodeKind<'a>,
    /// Its explicit tag, if any.
    pub tag: Option<Box<NodeTag>>,
    /// Whether the node carries an `&anchor`.
    pub anchored: bool,
    /// Where the node's content starts (for a block mapping: its first key).
    pub start: Pos,
    /// Byte offset where it ends. For block collections this is where the next token starts,
    /// so trailing comments and blank lines are inside the range.
    pub end: usize,
    /// Id of the last node of this node's subtree (itself for scalars and aliases).
    pub last: NodeId,
}

/// One document of a stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Document<'a> {
    /// The arena, in document order (a subtree is a contiguous range of ids).
    pub nodes: Vec<Node<'a>>,
    /// The root node; `None` for an empty (or comment-only) document.
    pub root: Option<NodeId>,
    /// Where the document starts in the source.
    pub start: Pos,
    /// True when the document carries `%TAG` directives (tags then depend on them).
    pub has_directives: bool,
}

impl<'a> Document<'a> {
    /// The node with this id (`None` for an id from another document).
    pub fn node(&self, id: NodeId) -> Option<&Node<'a>> {
        self.nodes.get(id)
    }
}

pub(crate) fn scan_error(err: &ScanError) -> YamlError {
    let mark = err.marker();
    YamlError {
        message: err.info(),
        line: mark.line().max(1),
        col: mark.col() + 1,
    }
}

fn pos_of(mark: &granit_parser::Marker) -> Pos {
    Pos {
        line: u32::try_from(mark.line()).unwrap_or(u32::MAX),
        col: u32::try_from(mark.col() + 1).unwrap_or(u32::MAX),
        offset: mark.byte_offset().unwrap_or_else(|| mark.index()),
    }
}

enum Open {
    Seq(NodeId, Vec<NodeId>),
    Map(NodeId, Vec<(NodeId, NodeId)>, Option<NodeId>),
}

impl Open {
    fn id(&self) -> NodeId {
        match self {
            Open::Seq(id, _) | Open::Map(id, _, _) => *id,
        }
    }
}

struct Builder<'a> {
    nodes: Vec<Node<'a>>,
    stack: Vec<Open>,
    anchors: HashMap<usize, NodeId>,
    root: Option<NodeId>,
}

impl<'a> Builder<'a> {
    fn new() -> Self {
        Builder {
            nodes: Vec::new(),
            stack: Vec::new(),
            anchors: HashMap::new(),
            root: None,
        }
    }

    fn push(&mut self, node: Node<'a>, anchor: usize) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(node);
        if anchor != 0 {
            self.anchors.insert(anchor, id);
        }
        id
    }

    /// Attaches a finished node to its parent, first offering a root-level list entry to the sink.
    fn attach(
        &mut self,
        mut id: NodeId,
        sink: &mut dyn Sink<'a>,
        doc_start: Pos,
        has_directives: bool,
    ) -> Result<(), YamlError> {
        let list_entry = self.stack.len() == 2
            && matches!(self.stack.first(), Some(Open::Map(..)))
            && matches!(self.stack.get(1), Some(Open::Seq(..)));
        if list_entry {
            id = self.extract(id, sink, doc_start, has_directives)?;
        }
        match self.stack.last_mut() {
            None => self.root = Some(id),
            Some(Open::Seq(_, items)) => items.push(id),
            Some(Open::Map(_, entries, pending)) => match pending.take() {
                None => *pending = Some(id),
                Some(key) => entries.push((key, id)),
            },
        }
        Ok(())
    }

    fn extract(
        &mut self,
        id: NodeId,
        sink: &mut dyn Sink<'a>,
        doc_start: Pos,
        has_directives: bool,
    ) -> Result<NodeId, YamlError> {
        let Some(node) = self.nodes.get(id) else {
            return Ok(id);
        };
        let (start, end, last) = (node.start, node.end, node.last);
        if last + 1 != self.nodes.len() || self.nodes[id..].iter().any(|n| n.anchored) {
            return Ok(id);
        }
        let view = Document {
            nodes: std::mem::take(&mut self.nodes),
            root: None,
            start: doc_start,
            has_directives,
        };
        let extracted = sink.entry(&view, id);
        self.nodes = view.nodes;
        if let Some(extracted) = extracted? {
            self.nodes.truncate(id);
            self.nodes.push(Node {
                kind: NodeKind::Extracted(extracted),
                tag: None,
                anchored: false,
                start,
                end,
                last: id,
            });
        }
        Ok(id)
    }
}

fn node_tag(tag: Option<Cow<'_, granit_parser::Tag>>) -> Option<Box<NodeTag>> {
    let tag = tag?;
    let core = (tag.handle() == "tag:yaml.org,2002:").then(|| tag.suffix().to_string());
    let original_handle = tag.original_handle();
    Some(Box::new(NodeTag {
        original: tag.original(),
        core,
        standard_handle: original_handle == "!" || original_handle == "!!",
    }))
}

/// Parses a whole YAML stream (JSON is YAML) into documents, within `limits`.
///
/// Mirrors a YAML 1.2 parser (the syntax accepted by go-yaml v2/v3 in practice); scalar
/// resolution is separate (`resolve.rs`). Errors carry the 1-based line and column.
pub fn parse_stream<'a>(text: &'a str, limits: &Limits) -> Result<Vec<Document<'a>>, YamlError> {
    let mut docs = Collect(Vec::new());
    parse_into(text, limits, &mut docs)?;
    Ok(docs.0)
}

/// Parses a YAML stream, handing each document (and each root-level list entry) to `sink`.
pub fn parse_into<'a>(
    text: &'a str,
    limits: &Limits,
    sink: &mut dyn Sink<'a>,
) -> Result<(), YamlError> {
    parse_events(text, limits, sink, false)
}

/// Parses only the first document of `text`, and only up to the end of its root node: what
/// go-yaml's `Unmarshal` reads (whatever follows the root, even invalid YAML, is never looked
/// at: `[1]\nb: 2` is `[1]`). `None` when there is no document.
pub fn parse_first_document<'a>(
    text: &'a str,
    limits: &Limits,
) -> Result<Option<Document<'a>>, YamlError> {
    let mut docs = Collect(Vec::new());
    parse_events(text, limits, &mut docs, true)?;
    Ok(docs.0.into_iter().next())
}

fn parse_events<'a>(
    text: &'a str,
    limits: &Limits,
    sink: &mut dyn Sink<'a>,
    stop_after_root: bool,
) -> Result<(), YamlError> {
    if text.len() > limits.max_input_bytes {
        return Err(YamlError {
            message: format!(
                "input is {} bytes, more than the limit of {} bytes",
                text.len(),
                limits.max_input_bytes
            ),
            line: 1,
            col: 1,
        });
    }
    let mut options = Options::default();
    options.emit_comments = false;
    options.block_nesting_limit = limits.max_depth;
    options.flow_nesting_limit = limits.max_depth;
    let parser = Parser::new_from_str_with_options(text, options);

    let mut builder = Builder::new();
    let mut doc_start = Pos::default();
    // A `%TAG` directive makes tags depend on the document header (checked once, conservatively).
    let has_directives = text.lines().any(|l| l.starts_with("%TAG"));
    for event in parser {
        if stop_after_root && builder.root.is_some() && builder.stack.is_empty() {
            // go-yaml still reads the token after the root (to end the document): a scanner
            // error there counts; a parser complaint about what follows does not.
            if let Err(e) = &event
                && !matches!(e.kind(), ErrorKind::ExpectedDocumentStart)
            {
                return Err(scan_error(e));
            }
            let done = std::mem::replace(&mut builder, Builder::new());
            return sink.document(Document {
                nodes: done.nodes,
                root: done.root,
                start: doc_start,
                has_directives,
            });
        }
        let (event, span) = event.map_err(|e| scan_error(&e))?;
        let start = pos_of(&span.start);
        let end = span.end.byte_offset().unwrap_or_else(|| span.end.index());
        match event {
            Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(_, _) => {
                builder = Builder::new();
                doc_start = start;
            }
            Event::DocumentEnd => {
                let done = std::mem::replace(&mut builder, Builder::new());
                sink.document(Document {
                    nodes: done.nodes,
                    root: done.root,
                    start: doc_start,
                    has_directives,
                })?;
            }
            Event::Alias(anchor) => {
                let Some(&target) = builder.anchors.get(&anchor) else {
                    return Err(YamlError {
                        message: "alias refers to an unknown anchor".into(),
                        line: start.line as usize,
                        col: start.col as usize,
                    });
                };
                if builder.stack.iter().any(|open| open.id() == target) {
                    return Err(YamlError {
                        message: "alias refers to a node that contains it (recursive alias)".into(),
                        line: start.line as usize,
                        col: start.col as usize,
                    });
                }
                let id = builder.nodes.len();
                builder.nodes.push(Node {
                    kind: NodeKind::Alias(target),
                    tag: None,
                    anchored: false,
                    start,
                    end,
                    last: id,
                });
                builder.attach(id, sink, doc_start, has_directives)?;
            }
            Event::Scalar(value, style, anchor, tag) => {
                let id = builder.nodes.len();
                let node = Node {
                    kind: NodeKind::Scalar(value, Style::from_granit(style)),
                    tag: node_tag(tag),
                    anchored: anchor != 0,
                    start,
                    end,
                    last: id,
                };
                let id = builder.push(node, anchor);
                builder.attach(id, sink, doc_start, has_directives)?;
            }
            Event::SequenceStart(style, anchor, tag) => {
                open_collection(&mut builder, false, style, anchor, tag, start, end, limits)?;
            }
            Event::MappingStart(style, anchor, tag) => {
                open_collection(&mut builder, true, style, anchor, tag, start, end, limits)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = builder.stack.pop() else {
                    continue;
                };
                let last = builder.nodes.len().saturating_sub(1);
                let (id, kind) = match open {
                    Open::Seq(id, items) => (id, items_kind(&builder, id, items)),
                    Open::Map(id, entries, _) => (id, entries_kind(&builder, id, entries)),
                };
                if let Some(node) = builder.nodes.get_mut(id) {
                    node.kind = kind;
                    node.end = if node_is_flow(&node.kind) {
                        end
                    } else {
                        start.offset
                    };
                    node.last = last;
                }
                builder.attach(id, sink, doc_start, has_directives)?;
            }
            #[allow(unreachable_patterns)]
            _ => {}
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn open_collection<'a>(
    builder: &mut Builder<'a>,
    is_map: bool,
    style: StructureStyle,
    anchor: usize,
    tag: Option<Cow<'a, granit_parser::Tag>>,
    start: Pos,
    end: usize,
    limits: &Limits,
) -> Result<(), YamlError> {
    if builder.stack.len() >= limits.max_depth {
        return Err(YamlError {
            message: format!("nesting deeper than {} levels", limits.max_depth),
            line: start.line as usize,
            col: start.col as usize,
        });
    }
    let flow = style == StructureStyle::Flow;
    let id = builder.nodes.len();
    let kind = if is_map {
        NodeKind::Mapping {
            flow,
            entries: Vec::new(),
        }
    } else {
        NodeKind::Sequence {
            flow,
            items: Vec::new(),
        }
    };
    let node = Node {
        kind,
        tag: node_tag(tag),
        anchored: anchor != 0,
        start,
        end,
        last: id,
    };
    builder.push(node, anchor);
    builder.stack.push(if is_map {
        Open::Map(id, Vec::new(), None)
    } else {
        Open::Seq(id, Vec::new())
    });
    Ok(())
}

fn items_kind<'a>(builder: &Builder<'a>, id: NodeId, items: Vec<NodeId>) -> NodeKind<'a> {
    NodeKind::Sequence {
        flow: builder.nodes.get(id).is_some_and(|n| node_is_flow(&n.kind)),
        items,
    }
}

fn entries_kind<'a>(
    builder: &Builder<'a>,
    id: NodeId,
    entries: Vec<(NodeId, NodeId)>,
) -> NodeKind<'a> {
    NodeKind::Mapping {
        flow: builder.nodes.get(id).is_some_and(|n| node_is_flow(&n.kind)),
        entries,
    }
}

fn node_is_flow(kind: &NodeKind<'_>) -> bool {
    matches!(
        kind,
        NodeKind::Sequence { flow: true, .. } | NodeKind::Mapping { flow: true, .. }
    )
}
