//! The engine's API beyond Go parity: limits (template depth, output size), re-execution of a
//! parsed template, fields of Go objects, typed parameters of Go object types, refused
//! functions, and the position handed to functions.

use std::any::Any;
use std::rc::Rc;

use capsule_render::template::{
    CallCtx, ExecOptions, FuncError, FuncMap, Function, GoObject, GoType, Kind, Map, MissingKey,
    Pos, RenderEnv, Signature, Template, TemplateErrorKind, Value,
};

fn data() -> Value {
    let v: serde_json::Value =
        serde_json::from_str(r#"{"a": {"b": "x"}, "n": 3}"#).expect("literal JSON");
    Value::from_json(&v)
}

fn run(
    src: &str,
    funcs: &FuncMap,
    opts: &ExecOptions,
) -> Result<String, capsule_render::template::TemplateError> {
    Template::parse("tpl", src, funcs)?.execute(&data(), opts, &mut RenderEnv::default())
}

#[test]
fn template_depth_limit_uses_go_message() {
    let opts = ExecOptions {
        max_depth: 5,
        ..ExecOptions::default()
    };
    let e = run(
        r#"{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}"#,
        &FuncMap::new(),
        &opts,
    )
    .err()
    .map(|e| e.go_message);
    assert_eq!(
        e.as_deref(),
        Some(
            r#"template: tpl:1:25: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (5)"#
        )
    );
}

#[test]
fn output_limit_stops_execution() {
    let opts = ExecOptions {
        max_output: 1000,
        ..ExecOptions::default()
    };
    let e = run("{{range 100000}}0123456789{{end}}", &FuncMap::new(), &opts).err();
    assert_eq!(e.as_ref().map(|e| e.kind), Some(TemplateErrorKind::Limit));
    assert!(e.is_some_and(|e| e.hint.is_some()));
}

#[test]
fn a_parsed_template_runs_many_times_with_each_missing_key_mode() {
    let t = Template::parse("tpl", "{{.zz}}|{{.a.zz}}", &FuncMap::new()).expect("parses");
    let mut env = RenderEnv::default();
    let mk = |m| ExecOptions {
        missing_key: m,
        ..ExecOptions::default()
    };
    assert_eq!(
        t.execute(&data(), &mk(MissingKey::Zero), &mut env)
            .ok()
            .as_deref(),
        Some("<no value>|<no value>")
    );
    assert_eq!(
        t.execute(&data(), &mk(MissingKey::Invalid), &mut env)
            .ok()
            .as_deref(),
        Some("<no value>|<no value>")
    );
    let e = t
        .execute(&data(), &mk(MissingKey::Error), &mut env)
        .err()
        .map(|e| e.go_message);
    assert_eq!(
        e.as_deref(),
        Some(r#"template: tpl:1:2: executing "tpl" at <.zz>: map has no entry for key "zz""#)
    );
}

/// A struct-like Go value with one field and a nested object.
#[derive(Debug)]
struct Version {
    minor: i64,
}

impl GoObject for Version {
    fn type_name(&self) -> &str {
        "*semver.Version"
    }
    fn kind(&self) -> Kind {
        Kind::Ptr
    }
    fn write_v(&self, out: &mut String, _nested: bool) {
        out.push_str(&format!("1.{}.0", self.minor));
    }
    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "Minor" => Some(Value::Int64(self.minor)),
            "Self" => Some(Value::Object(Rc::new(Version {
                minor: self.minor + 1,
            }))),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn semver(_: &mut CallCtx<'_>, _: &[Value]) -> Result<Value, FuncError> {
    Ok(Value::Object(Rc::new(Version { minor: 2 })))
}

fn minor_of(_: &mut CallCtx<'_>, a: &[Value]) -> Result<Value, FuncError> {
    Ok(a[0]
        .downcast::<Version>()
        .map(|v| Value::Int64(v.minor))
        .unwrap_or_default())
}

fn where_am_i(ctx: &mut CallCtx<'_>, _: &[Value]) -> Result<Value, FuncError> {
    let Pos { line, col } = ctx.pos;
    Ok(Value::from(format!("{}@{line}:{col}", ctx.name)))
}

fn funcs() -> FuncMap {
    let mut m = FuncMap::new();
    m.insert(Function {
        name: "semver",
        signature: Signature::Typed {
            params: &[],
            variadic: None,
            returns_error: true,
        },
        call: semver,
        nondeterministic: false,
    });
    m.insert(Function {
        name: "minorOf",
        signature: Signature::Typed {
            params: &[GoType::Named("*semver.Version")],
            variadic: None,
            returns_error: false,
        },
        call: minor_of,
        nondeterministic: false,
    });
    m.insert(Function {
        name: "here",
        signature: Signature::Variadic,
        call: where_am_i,
        nondeterministic: false,
    });
    m.refuse("env", "reads the process environment");
    m
}

#[test]
fn go_object_fields_and_typed_parameters() {
    let f = funcs();
    let o = ExecOptions::default();
    assert_eq!(
        run(
            "{{ semver }} {{ semver.Minor }} {{ (semver).Self.Minor }}",
            &f,
            &o
        )
        .ok()
        .as_deref(),
        Some("1.2.0 2 3")
    );
    assert_eq!(
        run("{{ minorOf semver }} {{ semver | minorOf }}", &f, &o)
            .ok()
            .as_deref(),
        Some("2 2")
    );
    let e = run("{{ semver.Major }}", &f, &o)
        .err()
        .map(|e| e.go_message);
    assert_eq!(
        e.as_deref(),
        Some(
            r#"template: tpl:1:3: executing "tpl" at <semver>: can't evaluate field Major in type *semver.Version"#
        )
    );
    let e = run("{{ minorOf .n }}", &f, &o).err().map(|e| e.go_message);
    assert_eq!(
        e.as_deref(),
        Some(
            r#"template: tpl:1:11: executing "tpl" at <.n>: wrong type for value; expected *semver.Version; got int64"#
        )
    );
    let e = run("{{ (semver).Minor 1 }}", &f, &o)
        .err()
        .map(|e| e.go_message);
    assert_eq!(
        e.as_deref(),
        Some(
            r#"template: tpl:1:4: executing "tpl" at <semver>: wrong number of args for Minor: want 0 got 1"#
        )
    );
    // A nil pointer type accepts nil.
    assert_eq!(
        run("{{ minorOf nil }}", &f, &o).ok().as_deref(),
        Some("<no value>")
    );
}

#[test]
fn functions_see_their_position_and_name() {
    let out = run(
        "a\n  {{ here 1 }} {{ print (here) }}",
        &funcs(),
        &ExecOptions::default(),
    );
    assert_eq!(out.ok().as_deref(), Some("a\n  here@2:5 here@2:25"));
}

#[test]
fn refused_functions_fail_at_parse_time_with_the_reason() {
    let e = Template::parse("tpl", "x\n{{ env \"HOME\" }}", &funcs()).err();
    let e = e.expect("env is refused");
    assert_eq!(e.kind, TemplateErrorKind::Parse);
    assert_eq!(
        e.go_message,
        r#"template: tpl:2: function "env" not defined"#
    );
    assert!(e.hint.is_some_and(|h| h.contains("environment")));
}

#[test]
fn a_funcmap_entry_shadows_a_builtin() {
    fn my_len(_: &mut CallCtx<'_>, _: &[Value]) -> Result<Value, FuncError> {
        Ok(Value::from("mine"))
    }
    let mut f = FuncMap::new();
    f.insert(Function {
        name: "len",
        signature: Signature::Variadic,
        call: my_len,
        nondeterministic: false,
    });
    assert_eq!(
        run("{{ len nil 1 2 }}", &f, &ExecOptions::default())
            .ok()
            .as_deref(),
        Some("mine")
    );
    let _ = Map::new();
}

#[test]
fn runaway_loops_stop_with_a_limit_error() {
    let e = run(
        "{{range 100000000000}}{{end}}",
        &FuncMap::new(),
        &ExecOptions::default(),
    )
    .err();
    let e = e.expect("the loop is stopped");
    assert_eq!(e.kind, TemplateErrorKind::Limit);
    assert!(
        e.go_message.starts_with(
            r#"template: tpl:1:8: executing "tpl" at <{{range 100000000000}}{{end}}>: "#
        )
    );
}

#[test]
fn builtin_slice_does_not_unwrap_interface_indexes() {
    // Go's `slice` (unlike `index`) refuses an index read from a map: its reflect.Value is an
    // interface. Expected text from the Go corpus (builtins-only oracle).
    let src = "{{ slice .l .n }}|{{ $n := .n }}{{ slice .l $n }}";
    let v: serde_json::Value =
        serde_json::from_str(r#"{"n": 1, "l": [1, 2, 3]}"#).expect("literal JSON");
    let t = Template::parse("tpl", src, &FuncMap::new()).expect("parses");
    let e = t
        .execute(
            &Value::from_json(&v),
            &ExecOptions::default(),
            &mut RenderEnv::default(),
        )
        .err()
        .map(|e| e.go_message);
    assert_eq!(
        e.as_deref(),
        Some(
            r#"template: tpl:1:3: executing "tpl" at <slice .l .n>: error calling slice: cannot index slice/array with type interface {}"#
        )
    );
    let t =
        Template::parse("tpl", "{{ $n := .n }}{{ slice .l $n }}", &FuncMap::new()).expect("parses");
    let out = t.execute(
        &Value::from_json(&v),
        &ExecOptions::default(),
        &mut RenderEnv::default(),
    );
    assert_eq!(out.ok().as_deref(), Some("[2 3]"));
}
