//! Parses and executes arbitrary templates against a fixed Capsule-shaped data set, under every
//! missingkey mode, with small limits: no panic, no hang, no unbounded memory.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|input: &[u8]| harness::template_exec(input));
