//! What one execution shares with the functions it calls: the clock, the source of randomness,
//! the limits, and the record of what sprigin would have done silently (swallowed errors,
//! non-deterministic calls) so the renderer can report it.

use super::function::Pos;

/// Where time and randomness come from. Production uses the system; tests and the
/// `--fixed-clock`/seed options use a fixed instant and a seeded generator.
pub trait Entropy {
    /// Fills `buf` with random bytes.
    fn fill_bytes(&mut self, buf: &mut [u8]);
    /// The current time as nanoseconds since the Unix epoch (UTC).
    fn now_unix_nanos(&self) -> i128;
}

/// Something a function did that Capsule would not tell the user about.
#[derive(Clone, Debug, PartialEq)]
pub enum FuncEvent {
    /// sprigin's wrapper swallowed an error (the call returned its zero value or nil).
    Swallowed {
        func: String,
        pos: Pos,
        message: String,
    },
    /// A non-deterministic function was called.
    Nondeterministic { func: String, pos: Pos },
}

/// Per-execution state handed to every function call.
pub struct RenderEnv {
    /// Time and randomness.
    pub entropy: Box<dyn Entropy>,
    /// Everything worth a warning, in call order.
    pub events: Vec<FuncEvent>,
}

impl RenderEnv {
    /// An environment over the given entropy source, with no events yet.
    pub fn new(entropy: Box<dyn Entropy>) -> RenderEnv {
        RenderEnv {
            entropy,
            events: Vec::new(),
        }
    }
}

/// A deterministic source: a fixed instant and a SplitMix64 stream from a seed. Used by tests and
/// by renders that allow non-deterministic functions but want reproducible output.
#[derive(Clone, Debug)]
pub struct FixedEntropy {
    state: u64,
    now_unix_nanos: i128,
}

impl FixedEntropy {
    /// A source that always reports `now_unix_nanos` and draws bytes from `seed`.
    pub fn new(seed: u64, now_unix_nanos: i128) -> FixedEntropy {
        FixedEntropy {
            state: seed,
            now_unix_nanos,
        }
    }

    fn next_u64(&mut self) -> u64 {
        // SplitMix64 (Steele, Lea, Flood 2014).
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Entropy for FixedEntropy {
    fn fill_bytes(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let word = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }

    fn now_unix_nanos(&self) -> i128 {
        self.now_unix_nanos
    }
}

impl Default for RenderEnv {
    /// A deterministic environment (seed 0, the Unix epoch): safe for tests and for renders
    /// that refuse non-deterministic functions anyway.
    fn default() -> Self {
        RenderEnv::new(Box::new(FixedEntropy::new(0, 0)))
    }
}
