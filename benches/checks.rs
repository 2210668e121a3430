//! Checks benchmark: renders a ResourceList once (checks off), then times the checks alone
//! over what the render produced, N times, and prints the mean next to the render's own time.
//! This isolates what the checks cost from the noise of a whole-process measurement.
//!
//! Usage: `cargo bench --bench checks -- RESOURCELIST.yaml N`
//! (`scripts/bench-render.sh` writes one to `target/bench-render/input.yaml`).

mod common;

use std::time::Instant;

use capsule_render::capsule::{render, run_checks};
use capsule_render::check::CheckOptions;
use capsule_render::krm::read_input;
use capsule_render::yaml::Limits;

fn main() {
    let (path, text, n) = common::file_and_count("checks", "RESOURCELIST.yaml");
    let input = read_input(&text, &Limits::DEFAULT).unwrap_or_else(|e| {
        eprintln!("checks: {path}: {e}");
        std::process::exit(2);
    });
    let config: serde_json::Value = serde_json::json!({
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "function-input"},
        "data": {"runChecks": "false"}
    });
    let start = Instant::now();
    let outcome = render(&input.items, Some(&config));
    let render_time = start.elapsed();
    let options = CheckOptions::default();
    let mut findings = 0;
    let start = Instant::now();
    for _ in 0..n {
        findings = run_checks(&input.items, &outcome.items, &options).len();
    }
    let checks_time = start.elapsed() / n.max(1);
    println!(
        "{} output objects checked, {findings} findings; render (checks off) {:.1} ms, checks {:.1} ms ({:.1}% of the render)",
        outcome.items.len(),
        render_time.as_secs_f64() * 1e3,
        checks_time.as_secs_f64() * 1e3,
        checks_time.as_secs_f64() * 100.0 / render_time.as_secs_f64()
    );
}
