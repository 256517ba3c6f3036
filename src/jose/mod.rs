//! The pure JOSE core: tokens, algorithms, keys, claims and findings.
//!
//! Nothing here imports `yew`, `web_sys` or `js_sys`: the clock (`now`) and randomness
//! (an `rand_core::CryptoRng`) come in as parameters, so every behaviour is tested natively
//! with `cargo test`.

pub mod algorithm;
pub mod base64url;
pub mod claims;
pub mod duplicates;
pub mod ecdsa_shape;
pub mod error;
pub mod json_text;
pub mod keys;
pub mod lints;
pub mod sign;
pub mod token;
pub mod verify;

pub use algorithm::Algorithm;
pub use error::JoseError;
