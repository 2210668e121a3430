//! `capsule-render template [--data FILE] [--missing-key MODE] TEMPLATE_FILE|-`: renders one Go
//! template with the generator engine and function map (product.md §1).
//!
//! (Placeholder: lands with the template engine.)

use std::io::Write;

/// Runs the subcommand with its arguments (after `template`); returns the exit code.
pub fn run(args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let _ = (args, stdout);
    let _ = writeln!(stderr, "capsule-render template: not built yet");
    2
}
