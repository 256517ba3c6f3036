//! Randomness for the Rust engine: a ChaCha20 CSPRNG seeded from the operating system or the
//! browser's `crypto.getRandomValues` (through getrandom, which imports nothing from the page).
//! Seeding is the only fallible step, so it returns an error instead of
//! panicking later in the middle of signing.

use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

/// The system gave no random bytes (in a browser: no Web Crypto, which every supported one has).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the browser's random number generator is unavailable: {0}")]
pub struct RngUnavailable(String);

/// A fresh CSPRNG seeded with 32 bytes from the operating system or browser.
pub fn seeded_rng() -> Result<ChaCha20Rng, RngUnavailable> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| RngUnavailable(e.to_string()))?;
    Ok(ChaCha20Rng::from_seed(seed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::Rng;

    #[test]
    fn two_rngs_differ() {
        let a = seeded_rng().unwrap().next_u64();
        let b = seeded_rng().unwrap().next_u64();
        assert_ne!(a, b);
    }
}
