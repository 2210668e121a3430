//! Parses arbitrary text as a template with Capsule's function map: must never panic, hang or
//! overflow the stack, whatever the input.
#![no_main]

use capsule_render::sprig::capsule_func_map;
use capsule_render::template::Template;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let funcs = capsule_func_map();
        let _ = Template::parse("tpl", source, &funcs);
    }
});
