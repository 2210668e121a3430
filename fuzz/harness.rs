//! What each fuzz target does with one input, shared by the targets (fuzz/fuzz_targets/*.rs)
//! and by tests/fuzz_regressions.rs, which replays the inputs kept under tests/regressions/
//! through exactly this code. Every function must return, without a panic, on any bytes.

// Each fuzz target calls one of these functions; the others are unused in its build.
#![allow(dead_code)]

use capsule_render::capsule::{self, OutputItem};
use capsule_render::check::CheckOptions;
use capsule_render::krm::{self, InputKind};
use capsule_render::sprig::capsule_func_map;
use capsule_render::template::{ExecOptions, FuncMap, MissingKey, RenderEnv, Template, Value};
use capsule_render::yaml::{self, Limits, Schema};

/// What template_exec renders against: Capsule-shaped data with every kind of value.
const DATA: &str = r#"{"tenant":{"metadata":{"name":"solar","labels":{"a":"b"}},
 "spec":{"data":null,"owners":[{"kind":"User","name":"alice"}]}},
 "https":[{"metadata":{"name":"r","namespace":"solar-prod"},"spec":{"hostnames":["a.b","c.d"]}}],
 "n":3,"f":1.5,"s":"str","l":[1,"two",null,true,2.5],"m":{"k":"v","z":0}}"#;

/// Small limits so that alias bombs are cut early (the defaults allow a million nodes).
const LIMITS: Limits = Limits {
    max_input_bytes: 1 << 20,
    max_depth: 200,
    max_alias_expansion: 100_000,
};

thread_local! {
    /// Built once per thread, not per input: the fuzzer then spends its time on the input.
    static FUNCS: FuncMap = capsule_func_map();
    /// The data set as JSON; each execution converts it afresh, since a template may change
    /// the maps it is given (`set`).
    // The constant above is valid JSON: parsing it cannot fail.
    static JSON: serde_json::Value = serde_json::from_str(DATA).expect("DATA is valid JSON");
}

/// template_parse: arbitrary text parsed as a template with Capsule's function map.
pub fn template_parse(data: &[u8]) {
    if let Ok(source) = std::str::from_utf8(data) {
        FUNCS.with(|funcs| {
            let _ = Template::parse("tpl", source, funcs);
        });
    }
}

/// template_exec: the first byte picks the missingkey mode, the rest is a template, parsed and
/// executed against [`DATA`] with small limits.
pub fn template_exec(input: &[u8]) {
    let Some((&mode, rest)) = input.split_first() else {
        return;
    };
    let Ok(source) = std::str::from_utf8(rest) else {
        return;
    };
    FUNCS.with(|funcs| {
        let Ok(template) = Template::parse("tpl", source, funcs) else {
            return;
        };
        let data = JSON.with(Value::from_json);
        let missing_key = match mode % 3 {
            0 => MissingKey::Zero,
            1 => MissingKey::Invalid,
            _ => MissingKey::Error,
        };
        let options = ExecOptions {
            missing_key,
            max_depth: 1_000,
            max_output: 1 << 20,
        };
        let _ = template.execute(&data, &options, &mut RenderEnv::default());
    });
}

/// yaml_krm: the first byte picks the reader — the Kubernetes stream decoder generator output
/// goes through (then emitted back), the YAML 1.2 stream reader, or the KRM input reader (then
/// written back as a ResourceList, a stream or JSON).
pub fn yaml_krm(input: &[u8]) {
    let Some((&mode, rest)) = input.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match mode % 4 {
        0 => {
            if let Ok(values) = yaml::decode_k8s_stream_with_limits(text, &LIMITS) {
                for v in &values {
                    let _ = yaml::emit(v);
                }
            }
        }
        1 => {
            let _ = yaml::read_stream(text, Schema::Core12);
        }
        _ => {
            let _ = krm::looks_like_resource_list(text);
            let Ok(parsed) = krm::read_input(text, &LIMITS) else {
                return;
            };
            let mut out = Vec::new();
            let items = krm::unchanged(&parsed);
            let _ = match (&parsed.kind, mode % 4) {
                (InputKind::ResourceList { api_version }, _) => {
                    krm::write_resource_list(&mut out, api_version, &parsed, items, &[])
                }
                (InputKind::Stream, 2) => krm::write_stream(&mut out, &parsed, items),
                (InputKind::Stream, _) => krm::write_json_stream(&mut out, &parsed, items),
            };
            // The checks read every object whatever its shape (listeners, references, …).
            let kept: Vec<OutputItem> = (0..parsed.items.len()).map(OutputItem::Kept).collect();
            let _ = capsule::run_checks(&parsed.items, &kept, &CheckOptions::default());
        }
    }
}
