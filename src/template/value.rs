//! The dynamic value the template engine and the function library work on.
//!
//! It mirrors the Go values Capsule's templates see: `map[string]interface{}` decoded from
//! Kubernetes objects (integers `int64`, other numbers `float64`), `[]interface{}`, the
//! `[]map[string]interface{}` context lists, untyped template constants (Go `int`, `float64`,
//! `string`, `bool`) and the few other Go types the function map returns (`[]string`, typed nil
//! pointers, `time.Time`, structs …, carried by [`GoObject`]).
//!
//! The Go type matters: `fmt` prints `int` and `int64` alike, but `eq`, typed function parameters
//! and sprigin's "first argument decides the result type" rules tell them apart.

use std::any::Any;
use std::cell::{Ref, RefCell, RefMut};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// A Go `map[string]interface{}`. A `BTreeMap` keeps keys in byte order, which is the order Go's
/// `fmt` prints them in and the order `range` visits them.
pub type Map = BTreeMap<String, Value>;

/// A Go map value: a reference to one shared, mutable `map[string]interface{}`.
///
/// Go maps are references: `set`, `unset`, `merge` and `mergeOverwrite` change the map they are
/// given, and every variable, data field or list element holding that map sees the change for
/// the rest of the execution. Cloning a `MapRef` (or the [`Value`] holding it) copies the
/// reference, not the entries; [`Value::deep_copy`] copies the entries.
///
/// Borrow rule (the reason `borrow`/`borrow_mut` cannot panic in this crate): a mutable borrow
/// is taken only inside a dict function's body, which neither calls back into the engine nor
/// holds a shared borrow of the same map at the time (it checks [`MapRef::ptr_eq`] or copies the
/// source first); the engine itself only takes short shared borrows and copies the entries
/// before running a `range` body.
///
/// The second field is the map's Go type ([`MapKind`]): almost every map is a
/// `map[string]interface{}`; a few sprigin functions return `map[string]string`.
#[derive(Clone, Default)]
pub struct MapRef(Rc<RefCell<Map>>, MapKind);

/// The Go type of a map value. `fmt` prints both alike; `%T`, `typeOf`, `deepEqual` and every
/// `map[string]interface{}` parameter tell them apart (a `map[string]string` is not assignable
/// to one, so sprigin's wrapper swallows such a call).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MapKind {
    /// `map[string]interface{}`: decoded objects, `dict`, `fromYaml`, … (every value allowed).
    #[default]
    Any,
    /// `map[string]string`: sprigin's `split`, `splitn`, `regexFindNamed` (every value is a
    /// [`Value::String`]).
    String,
}

impl MapKind {
    /// The Go type name, as `%T` prints it.
    pub fn type_name(self) -> &'static str {
        match self {
            MapKind::Any => "map[string]interface {}",
            MapKind::String => "map[string]string",
        }
    }

    /// The zero value of the element type, which `index` (and a field access under
    /// `missingkey=zero`) yields for a missing key: nil for `interface{}`, `""` for `string`.
    pub fn zero_elem(self) -> Value {
        match self {
            MapKind::Any => Value::Nil,
            MapKind::String => Value::String(Rc::from("")),
        }
    }
}

impl MapRef {
    /// A new `map[string]interface{}` reference owning `m`.
    pub fn new(m: Map) -> MapRef {
        MapRef(Rc::new(RefCell::new(m)), MapKind::Any)
    }

    /// A new map reference owning `m`, of Go type `kind` (for [`MapKind::String`] every value
    /// of `m` must be a [`Value::String`]).
    pub fn with_kind(m: Map, kind: MapKind) -> MapRef {
        MapRef(Rc::new(RefCell::new(m)), kind)
    }

    /// The map's Go type.
    pub fn kind(&self) -> MapKind {
        self.1
    }

    /// True for a `map[string]interface{}`: the only map type assignable to such a parameter.
    pub fn is_any(&self) -> bool {
        self.1 == MapKind::Any
    }

    /// Reads the entries.
    pub fn borrow(&self) -> Ref<'_, Map> {
        self.0.borrow()
    }

    /// Changes the entries in place (Go's `m[k] = v`, `delete(m, k)`); see the borrow rule
    /// above.
    pub fn borrow_mut(&self) -> RefMut<'_, Map> {
        self.0.borrow_mut()
    }

    /// True when both refer to the same Go map.
    pub fn ptr_eq(&self, other: &MapRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// The address of the shared storage: the identity of the Go map (for cycle checks).
    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }

    /// A one-level copy of the entries (nested maps stay shared).
    pub fn to_map(&self) -> Map {
        self.0.borrow().clone()
    }
}

/// Dropping the last reference to a map frees the maps and lists inside it without recursion:
/// a template can nest `dict`s a million levels deep in a loop, and Rust's default recursive
/// drop would overflow the stack on it.
impl Drop for MapRef {
    fn drop(&mut self) {
        if Rc::strong_count(&self.0) != 1 {
            return;
        }
        let Ok(mut map) = self.0.try_borrow_mut() else {
            return;
        };
        if !map
            .values()
            .any(|v| matches!(v, Value::Map(_) | Value::List(..)))
        {
            return;
        }
        let pending: Vec<Value> = std::mem::take(&mut *map).into_values().collect();
        drop(map);
        dismantle_all(pending);
    }
}

/// Drops values without recursing into nested maps and lists (see `Drop for MapRef`).
pub fn dismantle(v: Value) {
    dismantle_all(vec![v]);
}

fn dismantle_all(mut pending: Vec<Value>) {
    while let Some(v) = pending.pop() {
        match v {
            Value::Map(m) => {
                if Rc::strong_count(&m.0) == 1
                    && let Ok(mut inner) = m.0.try_borrow_mut()
                {
                    pending.extend(std::mem::take(&mut *inner).into_values());
                }
                // `m` drops here with no entries left.
            }
            Value::List(items, _) => {
                if let Ok(items) = Rc::try_unwrap(items) {
                    pending.extend(items);
                }
            }
            _ => {}
        }
    }
}

impl fmt::Debug for MapRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.try_borrow() {
            Ok(m) => m.fmt(f),
            Err(_) => f.write_str("<map being changed>"),
        }
    }
}

impl From<Map> for MapRef {
    fn from(m: Map) -> MapRef {
        MapRef::new(m)
    }
}

/// The Go element type of a slice value. `fmt` prints every one of them as `[a b]`; `%T`,
/// typed parameters and a few functions tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// `[]interface{}`: lists from decoded objects, `list`, `tuple`, …
    Any,
    /// `[]string`: `splitList`, `keys`, `sortAlpha`, `toStrings`, …
    String,
    /// `[]map[string]interface{}`: Capsule's context lists.
    Map,
    /// `[]int`: `until`, `untilStep`.
    Int,
    /// `[]uint8` (`[]byte`).
    Byte,
    /// A nil `[]string` (Go's `regexp` results with no match: `regexFindAll`, `regexSplit` with
    /// n = 0): empty like `[]string{}` and printed `[]`, but `encoding/json` writes `null`.
    NilString,
    /// `[][]string`: sprigin's `regexFindAllGroups`.
    StringLists,
    /// `[]map[string]string`: sprigin's `regexFindAllNamed`.
    StringMaps,
}

impl ListKind {
    /// The Go type name, as `%T` prints it.
    pub fn type_name(self) -> &'static str {
        match self {
            ListKind::Any => "[]interface {}",
            ListKind::String => "[]string",
            ListKind::Map => "[]map[string]interface {}",
            ListKind::Int => "[]int",
            ListKind::Byte => "[]uint8",
            ListKind::NilString => "[]string",
            ListKind::StringLists => "[][]string",
            ListKind::StringMaps => "[]map[string]string",
        }
    }
}

/// Go's `reflect.Kind`, as far as templates can tell kinds apart (`kindOf`, comparisons, `len`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex128,
    Array,
    Chan,
    Func,
    Interface,
    Map,
    Ptr,
    Slice,
    String,
    Struct,
}

impl Kind {
    /// The name `reflect.Kind.String()` gives (`kindOf`, `kindIs`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Invalid => "invalid",
            Kind::Bool => "bool",
            Kind::Int => "int",
            Kind::Int8 => "int8",
            Kind::Int16 => "int16",
            Kind::Int32 => "int32",
            Kind::Int64 => "int64",
            Kind::Uint => "uint",
            Kind::Uint8 => "uint8",
            Kind::Uint16 => "uint16",
            Kind::Uint32 => "uint32",
            Kind::Uint64 => "uint64",
            Kind::Uintptr => "uintptr",
            Kind::Float32 => "float32",
            Kind::Float64 => "float64",
            Kind::Complex128 => "complex128",
            Kind::Array => "array",
            Kind::Chan => "chan",
            Kind::Func => "func",
            Kind::Interface => "interface",
            Kind::Map => "map",
            Kind::Ptr => "ptr",
            Kind::Slice => "slice",
            Kind::String => "string",
            Kind::Struct => "struct",
        }
    }
}

/// A Go value of a type the core variants do not cover: `time.Time`, `time.Duration`,
/// `*semver.Version`, typed nil pointers, Capsule's `rbac` entries and age key structs, ….
///
/// Implementations print themselves the way Go's `fmt` does and expose their exported fields
/// and niladic methods to `.Field` chains.
pub trait GoObject: fmt::Debug {
    /// The Go type name as `%T` prints it (`time.Time`, `*semver.Version`, `*uint`).
    fn type_name(&self) -> &str;
    /// The reflect kind (`struct`, `ptr`, `int64` for `time.Duration`, …).
    fn kind(&self) -> Kind;
    /// `fmt`'s `%v` text. `nested` is true inside a list, map or struct (where Go prints a nil
    /// pointer as `<nil>` too, so most types ignore it).
    fn write_v(&self, out: &mut String, nested: bool);
    /// A field or niladic method reachable with `.Name`; `None` when the type has no such member.
    fn field(&self, _name: &str) -> Option<Value> {
        None
    }
    /// The parameter types of a method that takes arguments (`(semver "1.2.3").Compare v`,
    /// `$t.Format "2006-01-02"`); `None` when the type has no such method. The engine checks
    /// the call's arity and converts the arguments against them as Go's `evalCall` does, then
    /// calls [`GoObject::call_method`].
    fn method_params(&self, _name: &str) -> Option<&'static [super::function::GoType]> {
        None
    }
    /// Calls a method that [`GoObject::method_params`] lists, with checked arguments. An `Err`
    /// is the error (or recovered panic) the Go method returns: `error calling NAME: …`.
    fn call_method(&self, name: &str, _args: &[Value]) -> Result<Value, String> {
        Err(format!("no method {name}"))
    }
    /// The integer value of a type whose kind is an integer (`time.Duration` is an `int64`),
    /// so `lt`, `eq` and friends compare it as Go's `basicKind` does.
    fn int_value(&self) -> Option<i64> {
        None
    }
    /// A value of the same Go type holding `n`, for a type whose kind is an integer: `range`
    /// over such a value yields values of its own type (`range $d` with `$d` a `time.Duration`
    /// yields durations). `None` for other types.
    fn with_int(&self, _n: i64) -> Option<Value> {
        None
    }
    /// Whether the type has a `String() string` method (Go's `fmt.Stringer`), which `fmt` uses
    /// for `%v %s %q %x %X`. Integer-kind types without one (`uint8`) print as numbers.
    fn stringer(&self) -> bool {
        true
    }
    /// Go's error for an exported method text/template cannot call because of its results
    /// (`t.Zone`: `invalid function signature for Zone: second return value should be error;
    /// is int`, `t.Clock`: `function Clock has 3 return values; should be 1 or 2`). Such
    /// methods take no arguments.
    fn bad_method(&self, _name: &str) -> Option<String> {
        None
    }
    /// Go's `==` against another value of a comparable type, for `eq` (`None`: compare the
    /// type and the printed form, which is right for most types).
    fn go_eq(&self, _other: &dyn GoObject) -> Option<bool> {
        None
    }
    /// Whether `if` takes the value as true (Go `isTrue`): non-nil pointers and every struct are.
    fn truth(&self) -> bool {
        true
    }
    /// True for a nil pointer, nil map or nil slice of a concrete type (prints `<nil>`).
    fn is_nil(&self) -> bool {
        false
    }
    /// For downcasting in functions that take a specific Go type (for example `time.Time`).
    fn as_any(&self) -> &dyn Any;
}

/// A dynamic Go value.
#[derive(Clone, Debug, Default)]
pub enum Value {
    /// A nil `interface{}`: a missing key, a function that returned nil. `{{ . }}` of it prints
    /// `<no value>`; inside a list or map it prints `<nil>`.
    #[default]
    Nil,
    Bool(bool),
    /// Go `int`: untyped integer constants in the template, `len`, most sprig counters.
    Int(i64),
    /// Go `int64`: integers decoded from Kubernetes objects, `toInt64`, `mul`, `div`, ….
    Int64(i64),
    /// Go `uint64` (and `uint`, which `%T` prints differently: see [`Value::Uint`]).
    Uint64(u64),
    /// Go `uint`.
    Uint(u64),
    /// Go `float64`.
    Float(f64),
    String(Rc<str>),
    /// A slice; the [`ListKind`] remembers the Go element type.
    List(Rc<Vec<Value>>, ListKind),
    /// A `map[string]interface{}`: a shared, mutable reference like a Go map.
    Map(MapRef),
    /// Any other Go type.
    Object(Rc<dyn GoObject>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(Rc::from(s))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(Rc::from(s))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::Map(MapRef::new(m))
    }
}

impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Self {
        Value::List(Rc::new(v), ListKind::Any)
    }
}

impl Value {
    /// An `[]interface{}` built from items.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(items), ListKind::Any)
    }

    /// A `[]string` built from strings.
    pub fn string_list<I, S>(items: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: Into<Rc<str>>,
    {
        let items = items.into_iter().map(|s| Value::String(s.into())).collect();
        Value::List(Rc::new(items), ListKind::String)
    }

    /// A `map[string]string` built from string entries (sprigin's `split`, `regexFindNamed`).
    pub fn string_map<I, K, S>(entries: I) -> Value
    where
        I: IntoIterator<Item = (K, S)>,
        K: Into<String>,
        S: Into<Rc<str>>,
    {
        let m = entries
            .into_iter()
            .map(|(k, v)| (k.into(), Value::String(v.into())))
            .collect();
        Value::Map(MapRef::with_kind(m, MapKind::String))
    }

    /// The entries of a `map[string]interface{}` argument: `None` for any other value,
    /// including a `map[string]string` (not assignable to that Go type).
    pub fn as_map_any(&self) -> Option<&MapRef> {
        match self {
            Value::Map(m) if m.is_any() => Some(m),
            _ => None,
        }
    }

    /// The Go type name `%T` prints (`<nil>` for a nil interface).
    pub fn type_name(&self) -> &str {
        match self {
            Value::Nil => "<nil>",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Int64(_) => "int64",
            Value::Uint64(_) => "uint64",
            Value::Uint(_) => "uint",
            Value::Float(_) => "float64",
            Value::String(_) => "string",
            Value::List(_, k) => k.type_name(),
            Value::Map(m) => m.kind().type_name(),
            Value::Object(o) => o.type_name(),
        }
    }

    /// Go's `reflect.Kind` of the value.
    pub fn kind(&self) -> Kind {
        match self {
            Value::Nil => Kind::Invalid,
            Value::Bool(_) => Kind::Bool,
            Value::Int(_) => Kind::Int,
            Value::Int64(_) => Kind::Int64,
            Value::Uint64(_) => Kind::Uint64,
            Value::Uint(_) => Kind::Uint,
            Value::Float(_) => Kind::Float64,
            Value::String(_) => Kind::String,
            Value::List(..) => Kind::Slice,
            Value::Map(_) => Kind::Map,
            Value::Object(o) => o.kind(),
        }
    }

    /// True for the nil interface and for typed nil pointers.
    pub fn is_nil(&self) -> bool {
        match self {
            Value::Nil => true,
            Value::Object(o) => o.is_nil(),
            _ => false,
        }
    }

    /// Go text/template's `isTrue`: false for the zero value of the type (0, "", false, nil,
    /// empty list or map); structs are always true.
    pub fn truth(&self) -> bool {
        match self {
            Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i) | Value::Int64(i) => *i != 0,
            Value::Uint64(u) | Value::Uint(u) => *u != 0,
            Value::Float(f) => *f != 0.0,
            Value::String(s) => !s.is_empty(),
            Value::List(l, _) => !l.is_empty(),
            Value::Map(m) => !m.borrow().is_empty(),
            Value::Object(o) => o.truth(),
        }
    }

    /// The string inside, for a Go `string`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The entries of a `map[string]interface{}`, borrowed for reading.
    pub fn as_map(&self) -> Option<Ref<'_, Map>> {
        match self {
            Value::Map(m) => Some(m.borrow()),
            _ => None,
        }
    }

    /// The value at `key` of a `map[string]interface{}` (`None` for a missing key or a value
    /// that is not a map).
    pub fn map_get(&self, key: &str) -> Option<Value> {
        match self {
            Value::Map(m) => m.borrow().get(key).cloned(),
            _ => None,
        }
    }

    /// A copy sharing nothing mutable with `self`: maps (at any depth, inside lists too) are
    /// copied entry by entry; strings, lists' other items and objects stay shared (they are
    /// immutable). Mirrors sprig's `deepCopy` (copystructure) for the values templates hold.
    ///
    /// A map that contains itself makes Go's copystructure recurse until the process dies; here
    /// the inner reference to a map being copied (or anything past
    /// [`super::print_guard::MAX_PRINT_DEPTH`] levels) stays shared instead.
    pub fn deep_copy(&self) -> Value {
        self.deep_copy_in(&mut Vec::new())
    }

    fn deep_copy_in(&self, path: &mut Vec<usize>) -> Value {
        use super::print_guard::{MAX_PRINT_DEPTH, container_id};
        let copies = match self {
            Value::Map(_) => true,
            Value::List(items, _) => items.iter().any(|v| v.holds_map(&mut Vec::new())),
            _ => false,
        };
        let Some(id) = container_id(self).filter(|_| copies) else {
            return self.clone();
        };
        if path.len() >= MAX_PRINT_DEPTH || path.contains(&id) {
            return self.clone();
        }
        path.push(id);
        let out = match self {
            // `to_map` ends the borrow before the walk: a nested value may be this map.
            Value::Map(m) => Value::Map(MapRef::with_kind(
                m.to_map()
                    .into_iter()
                    .map(|(k, v)| (k, v.deep_copy_in(path)))
                    .collect::<Map>(),
                m.kind(),
            )),
            Value::List(items, kind) => Value::List(
                Rc::new(items.iter().map(|v| v.deep_copy_in(path)).collect()),
                *kind,
            ),
            other => other.clone(),
        };
        path.pop();
        out
    }

    /// Whether a map shows anywhere inside (lists are walked; a map ends the search, so a
    /// cycle, which always goes through a map, cannot make this loop).
    fn holds_map(&self, path: &mut Vec<usize>) -> bool {
        match self {
            Value::Map(_) => true,
            Value::List(items, _) => {
                let id = Rc::as_ptr(items) as *const u8 as usize;
                if path.len() >= super::print_guard::MAX_PRINT_DEPTH || path.contains(&id) {
                    return false;
                }
                path.push(id);
                let found = items.iter().any(|v| v.holds_map(path));
                path.pop();
                found
            }
            _ => false,
        }
    }

    /// The items, for any slice.
    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(l, _) => Some(l),
            _ => None,
        }
    }

    /// Downcast an [`Value::Object`] to a concrete Rust type.
    pub fn downcast<T: 'static>(&self) -> Option<&T> {
        match self {
            Value::Object(o) => o.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }

    /// Go `fmt`'s `%v` rendering as text/template prints an action's result: a nil interface at
    /// the top level prints `<no value>`.
    pub fn to_template_string(&self) -> String {
        let mut out = String::new();
        self.write_template(&mut out);
        out
    }

    /// Appends what `{{ value }}` prints to `out`.
    pub fn write_template(&self, out: &mut String) {
        match self {
            Value::Nil => out.push_str("<no value>"),
            Value::String(s) => out.push_str(s),
            other => other.write_v(out, false),
        }
    }

    /// Appends Go `fmt`'s `%v` of the value (`<nil>` for nil, `map[a:1]`, `[a b]`, …).
    ///
    /// A map or list that contains itself, or nesting deeper than
    /// [`super::print_guard::MAX_PRINT_DEPTH`], prints [`super::print_guard::CYCLE_MARK`] there
    /// instead of recursing without end (Go overflows its stack); the executor refuses such
    /// values with an error before printing them.
    pub fn write_v(&self, out: &mut String, nested: bool) {
        let mut path = Vec::new();
        self.write_v_in(out, nested, &mut path);
    }

    fn write_v_in(&self, out: &mut String, nested: bool, path: &mut Vec<usize>) {
        use super::print_guard::{CYCLE_MARK, MAX_PRINT_DEPTH, container_id};
        let id = container_id(self);
        if let Some(id) = id {
            if path.len() >= MAX_PRINT_DEPTH || path.contains(&id) {
                out.push_str(CYCLE_MARK);
                return;
            }
            path.push(id);
        }
        match self {
            Value::Nil => out.push_str("<nil>"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) | Value::Int64(i) => {
                use std::fmt::Write;
                let _ = write!(out, "{i}");
            }
            Value::Uint64(u) | Value::Uint(u) => {
                use std::fmt::Write;
                let _ = write!(out, "{u}");
            }
            Value::Float(f) => write_float_g(out, *f),
            Value::String(s) => out.push_str(s),
            Value::List(items, _) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    v.write_v_in(out, true, path);
                }
                out.push(']');
            }
            Value::Map(m) => {
                out.push_str("map[");
                for (i, (k, v)) in m.borrow().iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(k);
                    out.push(':');
                    v.write_v_in(out, true, path);
                }
                out.push(']');
            }
            Value::Object(o) => o.write_v(out, nested),
        }
        if id.is_some() {
            path.pop();
        }
    }
}

/// Go's `%v` for a float64: `strconv.FormatFloat(f, 'g', -1, 64)`: the shortest digits that
/// round-trip, in exponent form when the exponent is below -4 or at least 6 (`3`, `0.5`,
/// `100000`, `1e+06`, `1.234567e+06`, `1e-05`, `+Inf`, `NaN`).
pub fn write_float_g(out: &mut String, f: f64) {
    out.push_str(&format_float_g(f));
}

/// See [`write_float_g`]; exact ties round half to even as Go's shortest formatting does.
pub fn format_float_g(f: f64) -> String {
    super::float_format::format_g(f)
}

impl Value {
    /// Converts decoded JSON the way Capsule's data holds it: integers that fit become `int64`,
    /// every other number `float64` (so `9223372036854775808` is `9.223372036854776e+18`).
    pub fn from_json(v: &serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Nil,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Int64(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            serde_json::Value::String(s) => Value::from(s.as_str()),
            serde_json::Value::Array(a) => Value::list(a.iter().map(Value::from_json).collect()),
            serde_json::Value::Object(o) => Value::from(
                o.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect::<Map>(),
            ),
        }
    }

    /// Converts a value back to JSON (`encoding/json` rules: nil → null, non-finite floats and
    /// objects without a JSON form → `None`). A map or list that contains itself is `None` too
    /// (Go: `json: unsupported value: encountered a cycle via map[string]interface {}`).
    pub fn to_json(&self) -> Option<serde_json::Value> {
        self.to_json_in(&mut Vec::new())
    }

    fn to_json_in(&self, path: &mut Vec<usize>) -> Option<serde_json::Value> {
        use super::print_guard::{MAX_PRINT_DEPTH, container_id};
        let id = container_id(self);
        if let Some(id) = id {
            if path.len() >= MAX_PRINT_DEPTH || path.contains(&id) {
                return None;
            }
            path.push(id);
        }
        let out = match self {
            Value::Nil => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Int(i) | Value::Int64(i) => serde_json::Value::from(*i),
            Value::Uint64(u) | Value::Uint(u) => serde_json::Value::from(*u),
            Value::Float(f) => serde_json::Value::Number(serde_json::Number::from_f64(*f)?),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::List(_, ListKind::NilString) => serde_json::Value::Null,
            Value::List(items, _) => serde_json::Value::Array(
                items
                    .iter()
                    .map(|v| v.to_json_in(path))
                    .collect::<Option<Vec<_>>>()?,
            ),
            Value::Map(m) => serde_json::Value::Object(
                m.to_map()
                    .into_iter()
                    .map(|(k, v)| Some((k, v.to_json_in(path)?)))
                    .collect::<Option<serde_json::Map<_, _>>>()?,
            ),
            Value::Object(o) if o.is_nil() => serde_json::Value::Null,
            Value::Object(_) => return None,
        };
        if id.is_some() {
            path.pop();
        }
        Some(out)
    }

    /// Orders two values of the same basic kind the way Go's `lt` does; `None` when Go would
    /// refuse to compare them.
    pub fn basic_cmp(&self, other: &Value) -> Option<Ordering> {
        match (self, other) {
            (Value::String(a), Value::String(b)) => Some(a.as_bytes().cmp(b.as_bytes())),
            (Value::Float(a), Value::Float(b)) => a.partial_cmp(b),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_stays_three_words() {
        // The map's Go type rides in `MapRef`'s padding: `Value` must not grow.
        assert_eq!(std::mem::size_of::<Value>(), 24);
    }

    #[test]
    fn string_maps_keep_their_go_type() {
        let v = Value::string_map([("a", "x")]);
        assert_eq!(v.type_name(), "map[string]string");
        assert!(v.as_map_any().is_none());
        assert_eq!(v.to_template_string(), "map[a:x]");
        assert_eq!(v.deep_copy().type_name(), "map[string]string");
        assert_eq!(
            Value::from(Map::new()).type_name(),
            "map[string]interface {}"
        );
    }

    #[test]
    fn floats_print_like_go() {
        let cases = [
            (3.0, "3"),
            (0.5, "0.5"),
            (1e21, "1e+21"),
            (1e20, "1e+20"),
            (100000.0, "100000"),
            (1234567.0, "1.234567e+06"),
            (1e-4, "0.0001"),
            (1e-5, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (-2.25, "-2.25"),
            (9.223372036854776e18, "9.223372036854776e+18"),
            (0.1 + 0.2, "0.30000000000000004"),
            (123456789.125, "1.23456789125e+08"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            // An exact tie between two shortest candidates: Go keeps the even digit.
            (-718205210425292.2, "-7.182052104252922e+14"),
        ];
        for (f, want) in cases {
            assert_eq!(format_float_g(f), want, "{f:e}");
        }
    }

    #[test]
    fn nil_prints_no_value_at_top_and_nil_inside() {
        assert_eq!(Value::Nil.to_template_string(), "<no value>");
        let l = Value::list(vec![Value::Nil, Value::from("a"), Value::Int64(2)]);
        assert_eq!(l.to_template_string(), "[<nil> a 2]");
        let mut m = Map::new();
        m.insert("b".into(), Value::Float(2.5));
        m.insert("a".into(), Value::list(vec![]));
        assert_eq!(Value::from(m).to_template_string(), "map[a:[] b:2.5]");
    }

    #[test]
    fn json_integers_are_int64_and_large_ones_float64() {
        let v: serde_json::Value = serde_json::from_str(r#"[1, 1.0, 9223372036854775808]"#)
            .expect("literal JSON is valid");
        let v = Value::from_json(&v);
        let items = v.as_list().expect("an array decodes to a list");
        assert!(matches!(items[0], Value::Int64(1)));
        assert!(matches!(items[1], Value::Float(_)));
        assert_eq!(v.to_template_string(), "[1 1 9.223372036854776e+18]");
    }
}
