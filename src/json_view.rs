//! Read-only access to a JSON tree, whatever holds it: a `serde_json::Value`, or a generated
//! object packed into one buffer ([`crate::packed`]). The checks copy what they need out of an
//! object through this trait, so one reader serves both forms.
//!
//! Reads follow `unstructured.Unstructured`'s lenient typing: a field of the wrong type reads
//! as absent.

use serde_json::Value;

use crate::packed::PackedView;

/// One node of a JSON tree, borrowed for `'a`.
pub trait JsonView<'a>: Copy {
    /// The string, when this node is one.
    fn as_str(self) -> Option<&'a str>;
    /// True for JSON null.
    fn is_null(self) -> bool;
    /// The number as a `u64`, when it is a non-negative integer.
    fn as_u64(self) -> Option<u64>;
    /// The entry `key`, when this node is an object that has it.
    fn field(self, key: &str) -> Option<Self>;
    /// Calls `f` with each entry of an object, in order, until it returns false (nothing for
    /// any other node).
    fn each_entry_while(self, f: impl FnMut(&'a str, Self) -> bool);
    /// Calls `f` with each element of a list, in order; false when this node is not a list.
    fn each_item(self, f: impl FnMut(Self)) -> bool;
    /// True for an object with at least one entry.
    fn is_nonempty_object(self) -> bool;
    /// The node as compact JSON text (serde_json's `Display`), for messages.
    fn json_text(self) -> String;
    /// The node as an [`AnyView`], to be kept and read again later.
    fn any(self) -> AnyView<'a>;

    /// Calls `f` with each entry of an object, in order (nothing for any other node).
    fn each_entry(self, mut f: impl FnMut(&'a str, Self)) {
        self.each_entry_while(|k, v| {
            f(k, v);
            true
        });
    }

    /// The entries `keys` of an object, read in one pass that stops once all are found (a
    /// packed object is then not stepped through to its end).
    fn fields<const N: usize>(self, keys: [&str; N]) -> [Option<Self>; N] {
        let mut out = [None; N];
        let mut missing = N;
        self.each_entry_while(|k, v| {
            if let Some(slot) = keys
                .iter()
                .position(|&key| key == k)
                .and_then(|i| out.get_mut(i))
                && slot.is_none()
            {
                *slot = Some(v);
                missing -= 1;
            }
            missing > 0
        });
        out
    }

    /// The string at `path` (object keys) below this node.
    fn str_at(self, path: &[&str]) -> Option<&'a str> {
        self.at(path)?.as_str()
    }

    /// The node at `path` (object keys) below this node.
    fn at(self, path: &[&str]) -> Option<Self> {
        let mut n = self;
        for key in path {
            n = n.field(key)?;
        }
        Some(n)
    }

    /// The elements of the list at `path`, when it is a list.
    fn list_at(self, path: &[&str]) -> Option<Vec<Self>> {
        let node = self.at(path)?;
        let mut out = Vec::new();
        node.each_item(|n| out.push(n)).then_some(out)
    }
}

impl<'a> JsonView<'a> for &'a Value {
    fn as_str(self) -> Option<&'a str> {
        Value::as_str(self)
    }

    fn is_null(self) -> bool {
        Value::is_null(self)
    }

    fn as_u64(self) -> Option<u64> {
        Value::as_u64(self)
    }

    fn field(self, key: &str) -> Option<Self> {
        match self {
            Value::Object(m) => crate::json_field::get(m, key),
            _ => None,
        }
    }

    fn each_entry_while(self, mut f: impl FnMut(&'a str, Self) -> bool) {
        if let Value::Object(m) = self {
            for (k, v) in m {
                if !f(k, v) {
                    break;
                }
            }
        }
    }

    fn each_item(self, f: impl FnMut(Self)) -> bool {
        match self {
            Value::Array(items) => {
                items.iter().for_each(f);
                true
            }
            _ => false,
        }
    }

    fn is_nonempty_object(self) -> bool {
        self.as_object().is_some_and(|m| !m.is_empty())
    }

    fn json_text(self) -> String {
        self.to_string()
    }

    fn any(self) -> AnyView<'a> {
        AnyView::Tree(self)
    }
}

/// A node of either form, for readers that keep a node to read it again later (a digest keeps
/// a Gateway's listener list, read when a rule walks it).
#[derive(Clone, Copy, Debug)]
pub enum AnyView<'a> {
    Tree(&'a Value),
    Packed(PackedView<'a>),
}

impl<'a> JsonView<'a> for AnyView<'a> {
    fn as_str(self) -> Option<&'a str> {
        match self {
            AnyView::Tree(v) => v.as_str(),
            AnyView::Packed(v) => v.as_str(),
        }
    }

    fn is_null(self) -> bool {
        match self {
            AnyView::Tree(v) => v.is_null(),
            AnyView::Packed(v) => v.is_null(),
        }
    }

    fn as_u64(self) -> Option<u64> {
        match self {
            AnyView::Tree(v) => v.as_u64(),
            AnyView::Packed(v) => v.as_u64(),
        }
    }

    fn field(self, key: &str) -> Option<Self> {
        match self {
            AnyView::Tree(v) => JsonView::field(v, key).map(AnyView::Tree),
            AnyView::Packed(v) => v.field(key).map(AnyView::Packed),
        }
    }

    fn each_entry_while(self, mut f: impl FnMut(&'a str, Self) -> bool) {
        match self {
            AnyView::Tree(v) => v.each_entry_while(|k, v| f(k, AnyView::Tree(v))),
            AnyView::Packed(v) => v.each_entry_while(|k, v| f(k, AnyView::Packed(v))),
        }
    }

    fn each_item(self, mut f: impl FnMut(Self)) -> bool {
        match self {
            AnyView::Tree(v) => v.each_item(|v| f(AnyView::Tree(v))),
            AnyView::Packed(v) => v.each_item(|v| f(AnyView::Packed(v))),
        }
    }

    fn is_nonempty_object(self) -> bool {
        match self {
            AnyView::Tree(v) => v.is_nonempty_object(),
            AnyView::Packed(v) => v.is_nonempty_object(),
        }
    }

    fn json_text(self) -> String {
        match self {
            AnyView::Tree(v) => v.json_text(),
            AnyView::Packed(v) => v.json_text(),
        }
    }

    fn any(self) -> AnyView<'a> {
        self
    }
}
