//! The `capsule-render` binary: a thin shell over the library.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("template") => capsule_render::cli::template::run(
            &args[1..],
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        _ => {
            eprintln!("capsule-render: usage: capsule-render template [--data FILE] TEMPLATE");
            2
        }
    };
    std::process::exit(code);
}
