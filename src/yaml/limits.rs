//! Resource limits for reading YAML written by people we don't trust (product.md §4).

/// Bounds on what one read may cost. Exceeding one is a [`super::YamlError`], never a panic,
/// a hang or unbounded memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// Deepest nesting of sequences and mappings, counted after alias expansion.
    pub max_depth: usize,
    /// Most nodes that alias expansion may add to one document when it is turned into a value
    /// (the "billion laughs" guard; go-yaml has a similar ratio-based guard).
    pub max_alias_expansion: usize,
}

impl Limits {
    /// The limits used everywhere unless a caller asks otherwise: 256 MiB of input, 200 levels
    /// of nesting, one million nodes added by aliases.
    pub const DEFAULT: Limits = Limits {
        max_input_bytes: 256 * 1024 * 1024,
        max_depth: 200,
        max_alias_expansion: 1_000_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}
