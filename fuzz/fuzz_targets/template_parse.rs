//! Parses arbitrary text as a template with Capsule's function map: must never panic, hang or
//! overflow the stack, whatever the input.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::template_parse(data));
