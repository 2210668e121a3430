//! The `capsule-render` binary: a thin shell over the library.

fn main() {
    std::process::exit(0);
}
