//! The `capsule-render` binary: a thin shell over the library (modes: `cli/mod.rs`).

use std::io::IsTerminal;

/// jemalloc, on glibc Linux: a big render holds millions of small maps and strings, which
/// jemalloc stores with less overhead per block than glibc's malloc, and faster (measured on the
/// 2,000-tenant benchmark: peak RSS 196 → 182 MB, CPU 0.72 → 0.62 s; docs/PERFORMANCE.md).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
