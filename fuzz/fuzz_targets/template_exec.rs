//! Parses and executes arbitrary templates against a fixed Capsule-shaped data set, under every
//! missingkey mode, with small limits: no panic, no hang, no unbounded memory.
#![no_main]

use capsule_render::sprig::capsule_func_map;
use capsule_render::template::{ExecOptions, MissingKey, RenderEnv, Template, Value};
use libfuzzer_sys::fuzz_target;

const DATA: &str = r#"{"tenant":{"metadata":{"name":"solar","labels":{"a":"b"}},
 "spec":{"data":null,"owners":[{"kind":"User","name":"alice"}]}},
 "https":[{"metadata":{"name":"r","namespace":"solar-prod"},"spec":{"hostnames":["a.b","c.d"]}}],
 "n":3,"f":1.5,"s":"str","l":[1,"two",null,true,2.5],"m":{"k":"v","z":0}}"#;

fuzz_target!(|input: &[u8]| {
    let Some((&mode, rest)) = input.split_first() else {
        return;
    };
    let Ok(source) = std::str::from_utf8(rest) else {
        return;
    };
    let funcs = capsule_func_map();
    let Ok(template) = Template::parse("tpl", source, &funcs) else {
        return;
    };
    // The fixed data set is valid JSON: parsing it cannot fail.
    let json: serde_json::Value = serde_json::from_str(DATA).expect("DATA is valid JSON");
    let data = Value::from_json(&json);
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
