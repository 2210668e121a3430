//! A JSON value held as one byte buffer instead of a `serde_json::Value` tree: the input items
//! and the generated objects of a render, from the moment they are read or produced until they
//! are written.
//!
//! A tree costs about five times its YAML text (every map entry is a 104-byte slot plus its
//! key's and value's own allocations); a packed value costs less than its text. Values are read
//! in place through [`PackedView`] (a [`crate::json_view::JsonView`]) and unpacked one at a time
//! where a step needs the tree. Packing is exact: [`Packed::value`] gives back an equal tree
//! with the same key order and the same number kinds (u64, i64, f64).
//!
//! Layout: a tag byte per node. Lists and maps carry their length, non-negative integers their
//! value, negative ones its complement, all as LEB128; floats are 8 little-endian bytes. A
//! string (a map key or a value) is `len << 1` then its bytes, or, for one of the [`COMMON`]
//! strings (`apiVersion`, `metadata`, kpt's annotation keys, `gateway.networking.k8s.io/v1`,
//! …), `index << 1 | 1` alone: the keys and values every object repeats take a byte or two.

use std::sync::OnceLock;

use serde_json::{Map, Number, Value as Json};

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const UINT: u8 = 3;
const INT: u8 = 4;
const FLOAT: u8 = 5;
const STRING: u8 = 6;
const ARRAY: u8 = 7;
const OBJECT: u8 = 8;

/// Keys and values that recur across Kubernetes objects, kpt's and kustomize's annotations,
/// Capsule's labels and the Gateway API stack, packed as their index (the first 64 in one byte).
/// Append only: the order is the encoding.
const COMMON: &[&str] = &[
    // Every object.
    "apiVersion",
    "kind",
    "metadata",
    "name",
    "namespace",
    "labels",
    "annotations",
    "spec",
    "status",
    "data",
    // kpt and kustomize.
    "config.kubernetes.io/index",
    "config.kubernetes.io/path",
    "internal.config.kubernetes.io/index",
    "internal.config.kubernetes.io/path",
    "internal.config.kubernetes.io/seqindent",
    "internal.config.kubernetes.io/annotations-migration-resource-id",
    "config.k8s.io/id",
    "config.kubernetes.io/local-config",
    "wide",
    "compact",
    // Capsule and capsule-render.
    "projectcapsule.dev/tenant",
    "projectcapsule.dev/managed-by",
    "projectcapsule.dev/created-by",
    "capsule.clastix.io/tenant",
    "capsule-render/provenance",
    "replications",
    "resources",
    "kubernetes.io/metadata.name",
    "ownerReferences",
    "capsule.clastix.io/v1beta2",
    "Tenant",
    // Gateway API.
    "gateway.networking.k8s.io/v1",
    "gateway.networking.k8s.io",
    "HTTPRoute",
    "Gateway",
    "hostnames",
    "hostname",
    "rules",
    "backendRefs",
    "parentRefs",
    "sectionName",
    "port",
    "listeners",
    "protocol",
    "HTTPS",
    "HTTP",
    "tls",
    "mode",
    "Terminate",
    "certificateRefs",
    "group",
    "Secret",
    "allowedRoutes",
    "namespaces",
    "from",
    "Selector",
    "Same",
    "All",
    "selector",
    "matchLabels",
    "v1",
    "Namespace",
    "type",
    "value",
    // Index 64 on: two bytes.
    "key",
    "operator",
    "values",
    "matchExpressions",
    "uid",
    "controller",
    "blockOwnerDeletion",
    "owners",
    "clusterRoles",
    "User",
    "Group",
    "ServiceAccount",
    "gatewayClassName",
    "infrastructure",
    "parametersRef",
    "gateway.envoyproxy.io",
    "gateway.envoyproxy.io/v1alpha1",
    "EnvoyProxy",
    "provider",
    "Kubernetes",
    "kubernetes",
    "envoyService",
    "loadBalancerIP",
    "LoadBalancer",
    "cert-manager.io/v1",
    "Issuer",
    "ClusterIssuer",
    "Certificate",
    "cert-manager.io/issuer",
    "cert-manager.io/cluster-issuer",
    "acme",
    "solvers",
    "http01",
    "dns01",
    "gatewayHTTPRoute",
    "email",
    "server",
    "privateKeySecretRef",
    "issuerRef",
    "secretName",
    "dnsNames",
    "GlobalTenantResource",
    "TenantResource",
    "tenantSelector",
    "namespaceSelector",
    "scope",
    "generators",
    "template",
    "rawItems",
    "context",
    "namespacedItems",
    "networking.k8s.io/v1",
    "Ingress",
    "host",
    "http",
    "paths",
    "path",
    "pathType",
    "Prefix",
    "backend",
    "service",
    "number",
    "ConfigMap",
    "Service",
    "apps/v1",
    "Deployment",
    "replicas",
    "containers",
    "image",
    "env",
    "ports",
    "containerPort",
    "targetPort",
    "creationTimestamp",
    "resourceVersion",
    "generation",
    "finalizers",
    "deletionTimestamp",
    "phase",
    "Active",
    "Terminating",
    "true",
    "false",
];

/// The index of `s` in [`COMMON`].
fn common_index(s: &str) -> Option<usize> {
    static INDEX: OnceLock<foldhash::HashMap<&'static str, usize>> = OnceLock::new();
    // Every common string is 1 to 64 bytes long: others are not hashed at all.
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    INDEX
        .get_or_init(|| COMMON.iter().enumerate().map(|(i, s)| (*s, i)).collect())
        .get(s)
        .copied()
}

/// A JSON value packed into one allocation. The default, an empty buffer, reads as null.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Packed(Box<[u8]>);

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Packed({})", self.value())
    }
}

/// Packs every value of a list (input items built in code: tests, benchmarks, other callers
/// of `capsule::render`).
pub fn pack_all<'v>(values: impl IntoIterator<Item = &'v Json>) -> Vec<Packed> {
    values.into_iter().map(Packed::of).collect()
}

impl Packed {
    /// Packs `value`.
    pub fn of(value: &Json) -> Packed {
        let mut out = Vec::with_capacity(256);
        pack(value, &mut out);
        Packed(out.into_boxed_slice())
    }

    /// The value, unpacked.
    pub fn value(&self) -> Json {
        let mut r = Reader {
            bytes: &self.0,
            at: 0,
        };
        // A buffer only ever comes from `pack`, so it always reads back whole; a short read
        // gives null rather than a panic.
        r.value().unwrap_or(Json::Null)
    }

    /// The buffer's size in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True for an empty buffer (never made by [`Packed::of`]).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Packed {
    /// The object with its `metadata` changed by `edit`. `edit` is handed an object holding only
    /// `metadata` (absent when the object has none); every other entry is copied over packed,
    /// in place. A `metadata` that `edit` adds goes last, as `Map::insert` would put it.
    pub fn edit_metadata(&self, edit: impl FnOnce(&mut Json)) -> Packed {
        let Some(entries) = self.top_entries() else {
            let mut v = self.value();
            edit(&mut v);
            return Packed::of(&v);
        };
        let meta_at = entries.iter().position(|e| e.key == "metadata");
        let mut partial = Map::new();
        if let Some(e) = meta_at.and_then(|i| entries.get(i)) {
            partial.insert("metadata".into(), self.value_at(e.value.0));
        }
        let mut partial = Json::Object(partial);
        edit(&mut partial);
        let new_meta = partial.get("metadata");
        let count =
            entries.len() - usize::from(meta_at.is_some()) + usize::from(new_meta.is_some());
        let mut out = Vec::with_capacity(self.0.len() + 256);
        out.push(OBJECT);
        push_len(&mut out, count);
        for e in &entries {
            if e.key == "metadata" {
                if let Some(m) = new_meta {
                    push_str(&mut out, "metadata");
                    pack(m, &mut out);
                }
            } else {
                out.extend_from_slice(self.0.get(e.start..e.value.1).unwrap_or_default());
            }
        }
        if meta_at.is_none()
            && let Some(m) = new_meta
        {
            push_str(&mut out, "metadata");
            pack(m, &mut out);
        }
        Packed(out.into_boxed_slice())
    }

    /// The top-level entries of an object: key, where the entry starts and its value's span.
    fn top_entries(&self) -> Option<Vec<Entry<'_>>> {
        let mut r = Reader {
            bytes: &self.0,
            at: 0,
        };
        if r.byte()? != OBJECT {
            return None;
        }
        let n = r.len()?;
        let mut out = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            let start = r.at;
            let key = r.str()?;
            let value_start = r.at;
            r.skip()?;
            out.push(Entry {
                key,
                start,
                value: (value_start, r.at),
            });
        }
        Some(out)
    }

    fn value_at(&self, at: usize) -> Json {
        let mut r = Reader { bytes: &self.0, at };
        r.value().unwrap_or(Json::Null)
    }
}

impl Packed {
    /// The root node, to read fields without unpacking (see [`crate::json_view`]).
    pub fn view(&self) -> PackedView<'_> {
        PackedView {
            bytes: &self.0,
            at: 0,
        }
    }
}

/// A node of a [`Packed`] value: where its tag byte is.
#[derive(Clone, Copy, Debug)]
pub struct PackedView<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> PackedView<'b> {
    /// The node, unpacked into a tree.
    pub fn value(self) -> Json {
        self.reader().value().unwrap_or(Json::Null)
    }

    fn reader(self) -> Reader<'b> {
        Reader {
            bytes: self.bytes,
            at: self.at,
        }
    }

    fn tag(self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }
}

impl<'b> crate::json_view::JsonView<'b> for PackedView<'b> {
    fn as_str(self) -> Option<&'b str> {
        let mut r = self.reader();
        (r.byte()? == STRING).then_some(())?;
        r.str()
    }

    fn is_null(self) -> bool {
        self.tag() == Some(NULL)
    }

    fn as_u64(self) -> Option<u64> {
        // Packing stores every non-negative integer as UINT (`Number::as_u64` first).
        let mut r = self.reader();
        (r.byte()? == UINT).then_some(())?;
        r.varint()
    }

    fn field(self, key: &str) -> Option<Self> {
        // Keys are compared as bytes: only a match would need to be UTF-8.
        let mut r = self.reader();
        (r.byte()? == OBJECT).then_some(())?;
        for _ in 0..r.len()? {
            let k = r.text()?;
            if k.bytes() == key.as_bytes() {
                return Some(PackedView {
                    bytes: self.bytes,
                    at: r.at,
                });
            }
            r.skip()?;
        }
        None
    }

    fn each_entry_while(self, mut f: impl FnMut(&'b str, Self) -> bool) {
        let mut r = self.reader();
        if r.byte() != Some(OBJECT) {
            return;
        }
        let Some(n) = r.len() else {
            return;
        };
        for _ in 0..n {
            let Some(key) = r.str() else {
                return;
            };
            let value = PackedView {
                bytes: self.bytes,
                at: r.at,
            };
            if !f(key, value) || r.skip().is_none() {
                return;
            }
        }
    }

    fn each_item(self, mut f: impl FnMut(Self)) -> bool {
        let mut r = self.reader();
        if r.byte() != Some(ARRAY) {
            return false;
        }
        let Some(n) = r.len() else {
            return true;
        };
        for _ in 0..n {
            f(PackedView {
                bytes: self.bytes,
                at: r.at,
            });
            if r.skip().is_none() {
                break;
            }
        }
        true
    }

    fn is_nonempty_object(self) -> bool {
        let mut r = self.reader();
        r.byte() == Some(OBJECT) && r.len().is_some_and(|n| n > 0)
    }

    fn json_text(self) -> String {
        self.reader().value().unwrap_or(Json::Null).to_string()
    }

    fn any(self) -> crate::json_view::AnyView<'b> {
        crate::json_view::AnyView::Packed(self)
    }
}

/// One top-level entry of a packed object.
struct Entry<'b> {
    key: &'b str,
    /// Where the entry (its key) starts.
    start: usize,
    /// Where its value starts and ends.
    value: (usize, usize),
}

fn push_len(out: &mut Vec<u8>, n: usize) {
    push_varint(out, n as u64);
}

/// LEB128: seven bits per byte, low bits first, the top bit set on every byte but the last.
fn push_varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn push_str(out: &mut Vec<u8>, s: &str) {
    match common_index(s) {
        Some(i) => push_len(out, (i << 1) | 1),
        None => {
            push_len(out, s.len() << 1);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

fn pack(value: &Json, out: &mut Vec<u8>) {
    match value {
        Json::Null => out.push(NULL),
        Json::Bool(false) => out.push(FALSE),
        Json::Bool(true) => out.push(TRUE),
        Json::Number(n) => {
            if let Some(u) = n.as_u64() {
                out.push(UINT);
                push_varint(out, u);
            } else if let Some(i) = n.as_i64() {
                // Negative (a non-negative one is a u64 above): its complement is not.
                out.push(INT);
                push_varint(out, !i as u64);
            } else {
                out.push(FLOAT);
                out.extend_from_slice(&n.as_f64().unwrap_or(0.0).to_le_bytes());
            }
        }
        Json::String(s) => {
            out.push(STRING);
            push_str(out, s);
        }
        Json::Array(items) => {
            out.push(ARRAY);
            push_len(out, items.len());
            for item in items {
                pack(item, out);
            }
        }
        Json::Object(map) => {
            out.push(OBJECT);
            push_len(out, map.len());
            for (k, v) in map {
                push_str(out, k);
                pack(v, out);
            }
        }
    }
}

/// A packed string as read: one of the [`COMMON`] strings, or bytes.
enum Text<'b> {
    Common(&'static str),
    Bytes(&'b [u8]),
}

impl Text<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Text::Common(s) => s.as_bytes(),
            Text::Bytes(b) => b,
        }
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn eight(&mut self) -> Option<[u8; 8]> {
        let end = self.at.checked_add(8)?;
        let b: [u8; 8] = self.bytes.get(self.at..end)?.try_into().ok()?;
        self.at = end;
        Some(b)
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        let mut shift = 0u32;
        loop {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
            shift += 7;
        }
    }

    fn str(&mut self) -> Option<&'b str> {
        match self.text()? {
            Text::Common(s) => Some(s),
            Text::Bytes(b) => std::str::from_utf8(b).ok(),
        }
    }

    /// A string's bytes, not yet checked to be UTF-8 (skipping or comparing needs no check).
    fn text(&mut self) -> Option<Text<'b>> {
        let n = self.len()?;
        if n & 1 == 1 {
            return COMMON.get(n >> 1).map(|s| Text::Common(s));
        }
        let end = self.at.checked_add(n >> 1)?;
        let b = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(Text::Bytes(b))
    }

    /// Moves past one value.
    fn skip(&mut self) -> Option<()> {
        match self.byte()? {
            NULL | FALSE | TRUE => {}
            UINT | INT => {
                self.varint()?;
            }
            FLOAT => {
                self.eight()?;
            }
            STRING => {
                self.text()?;
            }
            ARRAY => {
                for _ in 0..self.len()? {
                    self.skip()?;
                }
            }
            OBJECT => {
                for _ in 0..self.len()? {
                    self.text()?;
                    self.skip()?;
                }
            }
            _ => return None,
        }
        Some(())
    }

    fn value(&mut self) -> Option<Json> {
        Some(match self.byte()? {
            NULL => Json::Null,
            FALSE => Json::Bool(false),
            TRUE => Json::Bool(true),
            UINT => Json::Number(self.varint()?.into()),
            INT => Json::Number((!(self.varint()? as i64)).into()),
            FLOAT => {
                Number::from_f64(f64::from_le_bytes(self.eight()?)).map_or(Json::Null, Json::Number)
            }
            STRING => Json::String(self.str()?.to_string()),
            ARRAY => {
                let n = self.len()?;
                // Each entry takes at least one byte: a bad count cannot reserve past the buffer.
                let mut items = Vec::with_capacity(n.min(self.bytes.len() - self.at));
                for _ in 0..n {
                    items.push(self.value()?);
                }
                Json::Array(items)
            }
            OBJECT => {
                let n = self.len()?;
                let mut map = Map::with_capacity(n.min(self.bytes.len() - self.at));
                for _ in 0..n {
                    let k = self.str()?.to_string();
                    let v = self.value()?;
                    map.insert(k, v);
                }
                Json::Object(map)
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trip_is_exact() {
        let v = json!({
            "z": null, "a": [true, false, 0, 1, u64::MAX, -1, i64::MIN, 1.5, -0.0, 1e300],
            "s": "ünïcode \n\"q\"", "empty": {}, "list": [], "long": "x".repeat(300),
            "nested": {"b": {"c": [[], [{}], {"k": "v"}]}},
        });
        let p = Packed::of(&v);
        let back = p.value();
        assert_eq!(back, v);
        // Same key order, same number kinds.
        assert_eq!(
            serde_json::to_string(&back).ok(),
            serde_json::to_string(&v).ok()
        );
        assert!(back["a"][4].is_u64() && back["a"][5].is_i64() && back["a"][7].is_f64());
    }

    #[test]
    fn common_strings_pack_to_their_index_and_back() {
        // The table: unique, each 1 to 64 bytes (what `common_index` looks up).
        let mut seen = std::collections::HashSet::new();
        for s in COMMON {
            assert!(seen.insert(*s), "{s:?} twice");
            assert!((1..=64).contains(&s.len()), "{s:?}");
            assert_eq!(COMMON.get(common_index(s).unwrap_or(usize::MAX)), Some(s));
        }
        let v = json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
            "metadata": {"name": "apiVersionX", "annotations": {"config.kubernetes.io/index": "0",
            "internal.config.kubernetes.io/seqindent": "wide", "": "", "true": true}},
            "spec": {"hostnames": ["kind", "Kind", "v1 ", "x".repeat(64), "false"]}});
        let p = Packed::of(&v);
        assert_eq!(
            serde_json::to_string(&p.value()).ok(),
            serde_json::to_string(&v).ok()
        );
        // A common key or value takes one byte, tag and lengths aside.
        let plain = Packed::of(&json!({"apiVersionX": "gateway.networking.k8s.io/v1X"}));
        let common = Packed::of(&json!({"apiVersion": "gateway.networking.k8s.io/v1"}));
        assert_eq!(common.len(), 5);
        assert_eq!(plain.len(), 2 + 1 + 11 + 1 + 1 + 29);
    }

    #[test]
    fn numbers_take_the_room_they_need() {
        for (n, size) in [
            (json!(0), 2),
            (json!(127), 2),
            (json!(443), 3),
            (json!(-1), 2),
            (json!(u64::MAX), 11),
            (json!(i64::MIN), 10),
            (json!(0.5), 9),
        ] {
            let p = Packed::of(&n);
            assert_eq!((p.len(), p.value()), (size, n.clone()), "{n}");
        }
    }

    #[test]
    fn metadata_is_edited_in_place() {
        let v = json!({"apiVersion": "v1", "metadata": {"name": "a"}, "data": {"k": [1, "x"]}});
        let edited = Packed::of(&v).edit_metadata(|o| {
            o["metadata"]["labels"] = json!({"l": "v"});
        });
        assert_eq!(
            serde_json::to_string(&edited.value()).ok(),
            serde_json::to_string(
                &json!({"apiVersion": "v1", "metadata": {"name": "a", "labels": {"l": "v"}}, "data": {"k": [1, "x"]}})
            )
            .ok()
        );
        // No metadata: the edit adds it last, as Map::insert does.
        let edited = Packed::of(&json!({"kind": "X", "spec": {}})).edit_metadata(|o| {
            o["metadata"] = json!({"name": "n"});
        });
        assert_eq!(
            serde_json::to_string(&edited.value()).ok(),
            Some(r#"{"kind":"X","spec":{},"metadata":{"name":"n"}}"#.to_string())
        );
        // Not an object: the edit sees the whole value.
        let edited = Packed::of(&json!([1])).edit_metadata(|v| *v = json!("changed"));
        assert_eq!(edited.value(), json!("changed"));
    }

    #[test]
    fn views_read_like_the_tree() {
        use crate::json_view::JsonView;
        let v = json!({"kind": "K", "spec": {"a": [{"x": 1, "y": "s"}, null], "b": -3, "c": 1.5},
                       "e": {}, "n": null, "t": true});
        let p = Packed::of(&v);
        let (pv, tv) = (p.view(), &v);
        assert_eq!(pv.str_at(&["kind"]), tv.str_at(&["kind"]));
        assert_eq!(pv.str_at(&["spec", "b"]), None);
        assert_eq!(pv.at(&["missing"]).is_none(), tv.at(&["missing"]).is_none());
        for path in [
            &["spec", "b"][..],
            &["spec", "c"],
            &["spec"],
            &["n"],
            &["t"],
            &["e"],
        ] {
            let (a, b) = (pv.at(path), tv.at(path));
            assert_eq!(a.map(JsonView::as_u64), b.map(JsonView::as_u64), "{path:?}");
            assert_eq!(
                a.map(JsonView::is_null),
                b.map(JsonView::is_null),
                "{path:?}"
            );
            assert_eq!(
                a.map(JsonView::json_text),
                b.map(JsonView::json_text),
                "{path:?}"
            );
            assert_eq!(
                a.map(JsonView::is_nonempty_object),
                b.map(JsonView::is_nonempty_object),
                "{path:?}"
            );
        }
        let texts = |n: Option<Vec<_>>| -> Option<Vec<String>> {
            n.map(|l| l.into_iter().map(JsonView::json_text).collect())
        };
        assert_eq!(
            texts(pv.list_at(&["spec", "a"])),
            texts_tree(tv.list_at(&["spec", "a"]))
        );
        assert_eq!(pv.list_at(&["spec"]).map(|l| l.len()), None);
        let mut keys = Vec::new();
        pv.each_entry(|k, _| keys.push(k));
        assert_eq!(keys, ["kind", "spec", "e", "n", "t"]);
        // Stopping early, in every form: the entries up to the one the reader stops at.
        let until_e = |v: crate::json_view::AnyView<'_>| {
            let mut keys = Vec::new();
            v.each_entry_while(|k, _| {
                keys.push(k.to_string());
                k != "e"
            });
            keys
        };
        assert_eq!(until_e(pv.any()), ["kind", "spec", "e"]);
        assert_eq!(until_e(tv.any()), ["kind", "spec", "e"]);
        assert_eq!(pv.str_at(&["spec", "a"]), None);
        assert!(Packed::of(&json!("s")).view().field("kind").is_none());
    }

    fn texts_tree(n: Option<Vec<&Json>>) -> Option<Vec<String>> {
        n.map(|l| l.into_iter().map(|v| v.to_string()).collect())
    }

    #[test]
    fn truncated_buffers_give_null() {
        let p = Packed::of(&json!({"a": ["b", 1]}));
        for cut in 0..p.len() {
            let short = Packed(p.0[..cut].to_vec().into_boxed_slice());
            assert_eq!(short.value(), Json::Null, "cut at {cut}");
        }
    }
}
