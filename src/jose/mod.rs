//! The pure JOSE core: tokens, algorithms, keys, claims and findings.
//!
//! Nothing here imports `yew`, `web_sys` or `js_sys`: the clock (`now`) comes in as a parameter,
//! randomness as an `rand_core::CryptoRng` or from [`rng::seeded_rng`], and the crypto
//! arithmetic through the [`backend::CryptoBackend`] trait (the RustCrypto engine here, the
//! browser's WebCrypto in the page), so every behaviour is tested natively with `cargo test`.

pub mod algorithm;
pub mod backend;
pub mod base64url;
pub mod claims;
pub mod duplicates;
pub mod ecdsa_shape;
pub mod error;
pub mod gateway;
pub mod json_text;
pub mod jwe;
pub mod key_type;
pub mod keys;
pub mod lints;
pub mod mldsa;
pub mod pipeline;
pub mod policy;
pub mod rng;
pub mod sdjwt;
pub mod sign;
pub mod token;
pub mod verdict;
pub mod verify;

pub use algorithm::Algorithm;
pub use error::JoseError;
