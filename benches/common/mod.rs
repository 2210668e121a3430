//! What the benchmark binaries share: their command line (`FILE N`, as `cargo bench --bench
//! NAME -- FILE N` passes it, with cargo's own `--bench` flag dropped).

/// The input file's path and its text, and the repeat count; exits with the usage on a bad
/// command line or an unreadable file.
pub fn file_and_count(name: &str, usage: &str) -> (String, String, u32) {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(path), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<u32>().ok()),
    ) else {
        eprintln!("usage: {name} {usage} N");
        std::process::exit(2);
    };
    match std::fs::read_to_string(path) {
        Ok(text) => (path.clone(), text, n),
        Err(e) => {
            eprintln!("{name}: {path}: {e}");
            std::process::exit(2);
        }
    }
}
