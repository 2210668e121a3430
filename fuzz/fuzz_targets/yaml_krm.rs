//! Feeds arbitrary bytes to the YAML and KRM readers: the Kubernetes stream decoder Capsule's
//! generator output goes through (`decode_k8s_stream`, YAML 1.1), the YAML 1.2 stream reader,
//! and the KRM input reader (`read_input`: ResourceList or plain stream), then writes what was
//! read back out (ResourceList, stream, JSON). Must never panic, hang or use unbounded memory.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|input: &[u8]| harness::yaml_krm(input));
