//! The `capsule-render` binary: a thin shell over the library (modes: `cli/mod.rs`).

use std::io::IsTerminal;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdin = std::io::stdin();
    let is_terminal = stdin.is_terminal();
    let color = capsule_render::cli::diagnostics::use_color(std::io::stderr().is_terminal());
    let code = capsule_render::cli::run(
        &args,
        &mut stdin.lock(),
        is_terminal,
        color,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code);
}
