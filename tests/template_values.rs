//! Go maps are references and Go objects have methods with arguments: templates that change a
//! map with `set`/`unset`/`merge`/`mergeOverwrite` and call `*semver.Version` methods, checked
//! against the outputs of Go's text/template + sprig (gotmpl-oracle), whose `set` and `merge`
//! mutate the same way sprigin's do.

use capsule_render::sprig::capsule_func_map;
use capsule_render::template::{ExecOptions, RenderEnv, Template, Value};

/// (template, data as JSON, Go's output or error text).
const CASES: &[(&str, &str, Result<&str, &str>)] = &[
    (
        "{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $d }}",
        "{}",
        Ok("map[a:1 b:2]"),
    ),
    (
        "{{ $_ := set .m \"k\" \"v\" }}{{ .m }}",
        "{\"m\": {\"a\": 1}}",
        Ok("map[a:1 k:v]"),
    ),
    (
        "{{ $_ := unset .m \"a\" }}{{ .m }}",
        "{\"m\": {\"a\": 1, \"b\": 2}}",
        Ok("map[b:2]"),
    ),
    (
        "{{ $a := dict \"a\" 1 \"n\" (dict \"x\" 1) }}{{ $b := dict \"a\" 2 \"c\" 3 \"n\" (dict \"x\" 2 \"y\" 3) }}{{ $_ := merge $a $b }}{{ $a }} {{ $b }}",
        "{}",
        Ok("map[a:1 c:3 n:map[x:1 y:3]] map[a:2 c:3 n:map[x:2 y:3]]"),
    ),
    (
        "{{ $a := dict \"a\" 1 \"n\" (dict \"x\" 1) }}{{ $b := dict \"a\" 2 \"c\" 3 \"n\" (dict \"x\" 2 \"y\" 3) }}{{ $_ := mergeOverwrite $a $b }}{{ $a }} {{ $b }}",
        "{}",
        Ok("map[a:2 c:3 n:map[x:2 y:3]] map[a:2 c:3 n:map[x:2 y:3]]"),
    ),
    (
        "{{ $a := dict }}{{ $b := dict \"n\" (dict \"x\" 2) }}{{ $_ := merge $a $b }}{{ $_ := set $a.n \"z\" 9 }}{{ $b }}",
        "{}",
        Ok("map[n:map[x:2 z:9]]"),
    ),
    (
        "{{ $d := dict \"a\" 1 \"b\" 2 \"c\" 3 }}{{ range $k, $v := $d }}{{ $k }}={{ $v }}{{ $_ := set $d \"z\" 26 }}{{ $_ := unset $d \"c\" }};{{ end }}{{ $d }}",
        "{}",
        Ok("a=1;b=2;c=3;map[a:1 b:2 z:26]"),
    ),
    (
        "{{ $d := dict \"a\" 1 }}{{ $_ := merge $d $d }}{{ $_ := mergeOverwrite $d $d }}{{ $d }}",
        "{}",
        Ok("map[a:1]"),
    ),
    (
        "{{ $d := dict \"a\" 1 }}{{ $e := deepCopy $d }}{{ $_ := set $e \"b\" 2 }}{{ $d }} {{ $e }}",
        "{}",
        Ok("map[a:1] map[a:1 b:2]"),
    ),
    (
        "{{ $d := dict \"a\" 1 }}{{ $l := list $d }}{{ $_ := set $d \"b\" 2 }}{{ $l }}",
        "{}",
        Ok("[map[a:1 b:2]]"),
    ),
    (
        "{{ $d := dict \"a\" 1 }}{{ $x := merge $d (dict \"b\" 2) }}{{ $_ := set $x \"c\" 3 }}{{ $d }}",
        "{}",
        Ok("map[a:1 b:2 c:3]"),
    ),
    (
        "{{ range $i := until 2 }}{{ $_ := set $.m \"k\" $i }}{{ end }}{{ .m }}",
        "{\"m\": {}}",
        Ok("map[k:1]"),
    ),
    (
        "{{ $d := dict \"a\" 1 }}{{ with $d }}{{ $_ := set . \"b\" 2 }}{{ end }}{{ $d }}",
        "{}",
        Ok("map[a:1 b:2]"),
    ),
    (
        "{{ $d := dict \"a\" (dict \"b\" 1) }}{{ $_ := merge $d (dict \"a\" \"s\") }}{{ $d }}|{{ $_ := mergeOverwrite $d (dict \"a\" \"s\") }}{{ $d }}",
        "{}",
        Ok("map[a:map[b:1]]|map[a:s]"),
    ),
    (
        "{{ $d := dict \"a\" 1 }}{{ $_ := merge $d (dict \"b\" 2) (dict \"c\" (dict)) }}{{ $d }}",
        "{}",
        Ok("map[a:1 b:2 c:map[]]"),
    ),
    (
        "{{ (semver \"1.2.3\").Compare (semver \"1.3.0\") }}",
        "{}",
        Ok("-1"),
    ),
    (
        "{{ (semver \"1.2.3\").Compare }}",
        "{}",
        Err(
            "template: tpl:1:11: executing \"tpl\" at <\"1.2.3\">: wrong number of args for Compare: want 1 got 0",
        ),
    ),
    (
        "{{ (semver \"1.2.3\").Compare \"1.3.0\" }}",
        "{}",
        Err(
            "template: tpl:1:28: executing \"tpl\" at <\"1.3.0\">: can't handle \"1.3.0\" for arg of type *semver.Version",
        ),
    ),
    (
        "{{ (semver \"1.2.3\").LessThan (semver \"1.3.0\") }} {{ (semver \"1.2.3\").GreaterThan (semver \"1.3.0\") }} {{ (semver \"1.2.3\").Equal (semver \"1.2.3+x\") }}",
        "{}",
        Ok("true false true"),
    ),
    (
        "{{ (semver \"1.2.3-rc.1\").IncMajor }} {{ (semver \"1.2.3-rc.1\").IncMinor }} {{ (semver \"1.2.3-rc.1\").IncPatch }} {{ (semver \"1.2.3\").IncPatch }} {{ printf \"%T\" (semver \"1.2.3\").IncPatch }}",
        "{}",
        Ok("2.0.0 1.3.0 1.2.3 1.2.4 semver.Version"),
    ),
    (
        "{{ (semver \"1.2.3\").SetPrerelease \"beta.1\" }} {{ (semver \"1.2.3\").SetMetadata \"m\" }} {{ (semver \"1.2.3\").SetPrerelease \"01\" }}",
        "{}",
        Err(
            "template: tpl:1:104: executing \"tpl\" at <(semver \"1.2.3\").SetPrerelease>: error calling SetPrerelease: Version segment starts with 0",
        ),
    ),
    (
        "{{ (semver \"1.2.3\").LessThanEqual (semver \"1.3.0\") }}",
        "{}",
        Err(
            "template: tpl:1:11: executing \"tpl\" at <\"1.2.3\">: can't evaluate field LessThanEqual in type *semver.Version",
        ),
    ),
    (
        "{{ (semver \"1.2.3\").Compare nil }}",
        "{}",
        Err(
            "template: tpl:1:19: executing \"tpl\" at <(semver \"1.2.3\").Compare>: error calling Compare: runtime error: invalid memory address or nil pointer dereference",
        ),
    ),
    (
        "{{ (semver \"1.2.3\").Compare (semver \"1.3.0\") 1 }}",
        "{}",
        Err(
            "template: tpl:1:11: executing \"tpl\" at <\"1.2.3\">: wrong number of args for Compare: want 1 got 2",
        ),
    ),
    (
        "{{ (semver \"1.2.3\").IncPatch.Major }} {{ ((semver \"1.2.3\").SetPrerelease \"x\").Prerelease }}",
        "{}",
        Ok("1 x"),
    ),
    (
        "{{ (semver \"1.2.3\").Compare .v }}",
        "{\"v\": \"x\"}",
        Err(
            "template: tpl:1:28: executing \"tpl\" at <.v>: wrong type for value; expected *semver.Version; got string",
        ),
    ),
    (
        "{{ (semver \"1.2.3\").Major 1 }}",
        "{}",
        Err(
            "template: tpl:1:11: executing \"tpl\" at <\"1.2.3\">: wrong number of args for Major: want 0 got 1",
        ),
    ),
    (
        "{{ (semver \"1.2.3\").Foo 1 }}",
        "{}",
        Err(
            "template: tpl:1:11: executing \"tpl\" at <\"1.2.3\">: can't evaluate field Foo in type *semver.Version",
        ),
    ),
    (
        "{{ (semver \"1.2.3\").SetPrerelease 1 }}",
        "{}",
        Err("template: tpl:1:34: executing \"tpl\" at <1>: expected string; found 1"),
    ),
    (
        "{{ (semver \"1.2.3\").SetPrerelease \"a..b\" }}",
        "{}",
        Ok("1.2.3-a..b"),
    ),
];

#[test]
fn maps_are_references_and_objects_have_methods() {
    let funcs = capsule_func_map();
    let mut bad = Vec::new();
    for (src, data, want) in CASES {
        let data: serde_json::Value = serde_json::from_str(data).expect("literal JSON is valid");
        let got = Template::parse("tpl", src, &funcs)
            .map_err(|e| e.to_string())
            .and_then(|t| {
                t.execute(
                    &Value::from_json(&data),
                    &ExecOptions::default(),
                    &mut RenderEnv::default(),
                )
                .map_err(|e| e.to_string())
            });
        let same = match (&got, want) {
            (Ok(g), Ok(w)) => g == w,
            (Err(g), Err(w)) => g == w,
            _ => false,
        };
        if !same {
            bad.push(format!("{src}\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
