//! The page's crypto backend: the browser's WebCrypto, behind the core's
//! [`CryptoBackend`] trait. The core's [`pipeline`](crate::jose::pipeline) runs every check and
//! decision (pre-checks, key selection, the verdict) and falls back to the Rust engine (in the
//! worker: [`remote`]) when this backend declines; this module only says "not available here"
//! or "refused", in WebCrypto's words. The browser tests cross-check the two engines on the Wycheproof vectors and on each
//! other's signatures.
//!
//! HMAC is not offered: SHA-2 over a token is microseconds in WebAssembly, less than the round
//! trip to WebCrypto.

pub mod answer;
pub mod cache;
pub mod remote;
pub mod subtle;
pub mod subtle_jwe;
#[cfg(target_arch = "wasm32")]
mod worker;

use crate::jose::Algorithm;
use crate::jose::algorithm::KeyInput;
use crate::jose::backend::{BackendError, CryptoBackend, Engine, GeneratedPair};
use crate::jose::keys::{KeyKind, PrivateKey, PublicKey};
use remote::RustInWorker;
use subtle::SubtleError;

/// The browser's WebCrypto as a [`CryptoBackend`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WebCrypto;

/// WebCrypto's answer in the core's terms: only a refusal of the key is worth reporting.
fn declined(error: SubtleError) -> BackendError {
    match error {
        SubtleError::Unavailable | SubtleError::Unsupported(_) => {
            BackendError::Unavailable(error.to_string())
        }
        SubtleError::Refused(reason) => BackendError::Refused(reason),
    }
}

/// HMAC stays in the Rust engine (see the module docs).
fn offered(alg: Algorithm) -> Result<(), BackendError> {
    if alg.key_input() == KeyInput::KeyPair {
        Ok(())
    } else {
        Err(BackendError::Unavailable(format!(
            "{} runs in the Rust engine",
            alg.as_str()
        )))
    }
}

impl CryptoBackend for WebCrypto {
    /// The Rust engine, in the worker: not part of the page's first load.
    type Fallback = RustInWorker;

    fn engine(&self) -> Engine {
        Engine::WebCrypto
    }

    fn fallback(&self) -> &RustInWorker {
        &RustInWorker
    }

    async fn verify(
        &self,
        alg: Algorithm,
        key: &PublicKey,
        input: &[u8],
        signature: &[u8],
    ) -> Result<bool, BackendError> {
        offered(alg)?;
        subtle::verify(alg, key, input, signature)
            .await
            .map_err(declined)
    }

    async fn sign(
        &self,
        alg: Algorithm,
        key: &PrivateKey,
        input: &[u8],
    ) -> Result<Vec<u8>, BackendError> {
        offered(alg)?;
        subtle::sign(alg, key, input).await.map_err(declined)
    }

    async fn generate(&self, kind: KeyKind) -> Result<GeneratedPair, BackendError> {
        let (pkcs8_der, spki_der) = subtle::generate_der(kind).await.map_err(declined)?;
        Ok(GeneratedPair {
            pkcs8_der,
            spki_der,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::backend::run_ready;
    use crate::jose::keys;
    use crate::jose::pipeline;
    use crate::jose::rng::seeded_rng;

    /// Natively there is no WebCrypto: the backend declines without a report, and the core's
    /// pipeline completes on the Rust engine without waiting.
    #[test]
    fn without_webcrypto_the_pipeline_runs_on_the_rust_engine() {
        let key = keys::generate(KeyKind::Ed25519, &mut seeded_rng().unwrap()).unwrap();
        let (sig, done) = run_ready(pipeline::sign_bytes(
            &WebCrypto,
            Algorithm::EdDSA,
            &key,
            b"a.b",
        ))
        .unwrap()
        .unwrap();
        assert_eq!((done.engine, done.fallback), (Engine::RustCrypto, None));
        let public = key.public_key();
        let verified = run_ready(pipeline::verify_bytes(
            &WebCrypto,
            Algorithm::EdDSA,
            &public,
            b"a.b",
            &sig,
        ));
        assert_eq!(verified.unwrap().map(|d| d.engine), Ok(Engine::RustCrypto));
        assert!(matches!(
            run_ready(WebCrypto.generate(KeyKind::P256)).unwrap(),
            Err(BackendError::Unavailable(_))
        ));
    }
}
