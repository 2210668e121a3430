//! Feeds arbitrary bytes to the YAML and KRM readers: the Kubernetes stream decoder Capsule's
//! generator output goes through (`decode_k8s_stream`, YAML 1.1), the YAML 1.2 stream reader,
//! and the KRM input reader (`read_input`: ResourceList or plain stream), then writes what was
//! read back out (ResourceList, stream, JSON). Must never panic, hang or use unbounded memory.
#![no_main]

use capsule_render::krm::{self, InputKind};
use capsule_render::yaml::{self, Limits, Schema};
use libfuzzer_sys::fuzz_target;

/// Small limits so that alias bombs are cut early (the defaults allow a million nodes).
const LIMITS: Limits = Limits {
    max_input_bytes: 1 << 20,
    max_depth: 200,
    max_alias_expansion: 100_000,
};

fuzz_target!(|input: &[u8]| {
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
        }
    }
});
