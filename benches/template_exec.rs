//! Engine benchmark: parse a template once, execute it N times, print the mean time per
//! execution in the same JSON shape as `gotmpl-oracle -bench N`, so `scripts/bench-engine.sh`
//! can put ours and Go's side by side.
//!
//! Usage: `cargo bench --bench template_exec -- REQUEST.json N`

mod common;

use std::time::Instant;

use capsule_render::sprig::capsule_func_map;
use capsule_render::template::{ExecOptions, ListKind, MissingKey, RenderEnv, Template, Value};

fn main() {
    let (path, text, n) = common::file_and_count("template_exec", "REQUEST.json");
    let req: serde_json::Value = match serde_json::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("template_exec: {path}: {e}");
            std::process::exit(2);
        }
    };
    let source = req["template"].as_str().unwrap_or_default();
    let mut data = Value::from_json(&req["data"]);
    if let (Some(keys), Value::Map(m)) = (req["slice_of_maps"].as_array(), &mut data) {
        let mut m = m.borrow_mut();
        for k in keys.iter().filter_map(|k| k.as_str()) {
            if let Some(Value::List(items, _)) = m.get(k).cloned() {
                m.insert(k.to_string(), Value::List(items, ListKind::Map));
            }
        }
    }
    let options = ExecOptions {
        missing_key: req["missingkey"]
            .as_str()
            .and_then(MissingKey::parse)
            .unwrap_or_default(),
        ..ExecOptions::default()
    };
    let funcs = capsule_func_map();
    let template = match Template::parse("tpl", source, &funcs) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut env = RenderEnv::default();
    let size = match template.execute(&data, &options, &mut env) {
        Ok(out) => out.len(),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let start = Instant::now();
    for _ in 0..n {
        env.events.clear();
        if let Err(e) = template.execute(&data, &options, &mut env) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    let elapsed = start.elapsed();
    println!(
        "{{\"ns_per_op\":{},\"bytes_per_op\":{size},\"iterations\":{n}}}",
        elapsed.as_nanos() as f64 / f64::from(n)
    );
}
