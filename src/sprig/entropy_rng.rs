//! The render's entropy source as a `rand_core` generator, so the RustCrypto key generators draw
//! their randomness from `ctx.env.entropy` (Go's `crypto/rand.Reader` in sprout's code) and a
//! seeded render stays reproducible.

use std::convert::Infallible;

use rand_core::{TryCryptoRng, TryRng};

use crate::template::Entropy;

/// A `CryptoRng` over [`Entropy::fill_bytes`]. It is as strong as the source it wraps: the
/// system source in production, a seeded stream in tests and `--seed` renders.
pub(crate) struct EntropyRng<'a>(pub(crate) &'a mut dyn Entropy);

impl TryRng for EntropyRng<'_> {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut b = [0u8; 4];
        self.0.fill_bytes(&mut b);
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut b = [0u8; 8];
        self.0.fill_bytes(&mut b);
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        self.0.fill_bytes(dst);
        Ok(())
    }
}

impl TryCryptoRng for EntropyRng<'_> {}
