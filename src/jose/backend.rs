//! The seam between JOSE decisions and crypto arithmetic: a [`CryptoBackend`] does the
//! primitives only (sign, verify, generate a key pair), and the core's [`pipeline`] decides
//! everything around them (which key, which checks, what the verdict says, when to fall back).
//!
//! Two backends exist: [`RustCrypto`] here (the reference engine, used alone by native code and
//! the command line) and the page's WebCrypto backend (`app::engine`), which imports keys into
//! the browser and caches them, so "import a key" is part of its first sign or verify with a key
//! rather than a separate step the pipeline has to sequence. A backend that cannot do a
//! primitive says so with [`BackendError`]; the pipeline then runs the Rust engine, keeping the
//! reason when the backend refused this particular key.
//!
//! [`pipeline`]: crate::jose::pipeline

use std::future::Future;

use super::algorithm::Algorithm;
use super::error::JoseError;
use super::keys::{self, KeyKind, PrivateKey, PublicKey};
use super::rng::seeded_rng;
use super::sign;

/// Which implementation did an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    /// The browser's WebCrypto (`crypto.subtle`).
    WebCrypto,
    /// The core's RustCrypto engine: the reference, and the fallback for every other backend.
    RustCrypto,
}

impl Engine {
    /// The engine's name in verdict details: "WebCrypto", "the Rust engine".
    pub fn name(self) -> &'static str {
        match self {
            Engine::WebCrypto => "WebCrypto",
            Engine::RustCrypto => "the Rust engine",
        }
    }
}

/// Why a backend did not do a primitive.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BackendError {
    /// The backend does not offer this primitive here (no WebCrypto in this context, or an
    /// algorithm it lacks): the Rust engine does it, and nothing is worth reporting.
    #[error("{0}")]
    Unavailable(String),
    /// The backend refused this key or input (its own words): the Rust engine does it, and the
    /// verdict keeps the reason, since the user's key is what the refusal is about.
    #[error("{0}")]
    Refused(String),
    /// A definitive answer that another engine would not change (the Rust engine's own errors).
    #[error(transparent)]
    Failed(#[from] JoseError),
}

/// The Rust engine's answer as the core's error: it never declines, so a decline from it can
/// only be an engine that could not run.
impl From<BackendError> for JoseError {
    fn from(error: BackendError) -> Self {
        match error {
            BackendError::Failed(e) => e,
            BackendError::Unavailable(reason) | BackendError::Refused(reason) => {
                JoseError::EngineFailed { reason }
            }
        }
    }
}

/// A backend declined and the Rust engine did the work instead: which backend, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fallback {
    /// The backend that refused.
    pub engine: Engine,
    /// Its reason, as it gave it.
    pub reason: String,
}

impl std::fmt::Display for Fallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} refused this key ({}), so the Rust engine did the work",
            self.engine.name(),
            self.reason
        )
    }
}

/// A new key pair in the two encodings every front end exports: PKCS#8 and SPKI, DER. Its
/// `Debug` prints sizes only.
#[derive(Clone, PartialEq, Eq)]
pub struct GeneratedPair {
    /// The private key, PKCS#8 DER.
    pub pkcs8_der: Vec<u8>,
    /// The public key, SPKI DER.
    pub spki_der: Vec<u8>,
}

impl std::fmt::Debug for GeneratedPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "GeneratedPair(PKCS#8 {} bytes, redacted; SPKI {} bytes)",
            self.pkcs8_der.len(),
            self.spki_der.len()
        )
    }
}

/// The crypto primitives a front end supplies. Every input has passed the core's checks
/// (the algorithm fits the key, the signature has its length and shape), so an implementation
/// only does the arithmetic. The futures may wait (WebCrypto's promises); they are not `Send`,
/// as nothing here crosses threads.
pub trait CryptoBackend {
    /// The backend that does what this one declines. It must be complete (every algorithm
    /// and key kind), as the pipeline takes its answer as final: the Rust engine, here or in
    /// the page's worker.
    type Fallback: CryptoBackend;

    /// Which engine this is.
    fn engine(&self) -> Engine;

    /// See [`Self::Fallback`].
    fn fallback(&self) -> &Self::Fallback;

    /// Whether `signature` is `alg`'s signature of `input` under `key`.
    fn verify(
        &self,
        alg: Algorithm,
        key: &PublicKey,
        input: &[u8],
        signature: &[u8],
    ) -> impl Future<Output = Result<bool, BackendError>>;

    /// `alg`'s signature of `input` with `key`, raw (ECDSA as fixed-size r||s).
    fn sign(
        &self,
        alg: Algorithm,
        key: &PrivateKey,
        input: &[u8],
    ) -> impl Future<Output = Result<Vec<u8>, BackendError>>;

    /// A new asymmetric key pair of `kind` (HMAC secrets are random bytes, not a primitive).
    fn generate(&self, kind: KeyKind) -> impl Future<Output = Result<GeneratedPair, BackendError>>;
}

/// The RustCrypto engine: complete (every algorithm and key kind this crate knows), never
/// waits, and seeds its randomness from the system for each operation that needs it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RustCrypto;

impl CryptoBackend for RustCrypto {
    /// Never asked: the Rust engine does not decline.
    type Fallback = RustCrypto;

    fn engine(&self) -> Engine {
        Engine::RustCrypto
    }

    fn fallback(&self) -> &RustCrypto {
        self
    }

    async fn verify(
        &self,
        alg: Algorithm,
        key: &PublicKey,
        input: &[u8],
        signature: &[u8],
    ) -> Result<bool, BackendError> {
        // The pipeline ran `verify::precheck`; this is the arithmetic alone.
        verified(key.verify(alg, input, signature))
    }

    async fn sign(
        &self,
        alg: Algorithm,
        key: &PrivateKey,
        input: &[u8],
    ) -> Result<Vec<u8>, BackendError> {
        let mut rng = seeded_rng().map_err(|e| JoseError::SigningFailed {
            alg: alg.as_str(),
            reason: e.to_string(),
        })?;
        Ok(sign::sign_bytes(alg, key, input, &mut rng)?)
    }

    async fn generate(&self, kind: KeyKind) -> Result<GeneratedPair, BackendError> {
        let failed = JoseError::KeyGeneration;
        let mut rng = seeded_rng().map_err(|e| failed(e.to_string()))?;
        if kind.is_symmetric() {
            return Err(failed(format!("{} is a secret, not a key pair", kind.label())).into());
        }
        let key = keys::generate(kind, &mut rng)?;
        Ok(GeneratedPair {
            pkcs8_der: key.to_pkcs8_der()?,
            spki_der: key.public_key().to_spki_der()?,
        })
    }
}

/// The arithmetic's result as a backend answers: a mismatch is `false`, not an error.
pub fn verified(arithmetic: Result<(), JoseError>) -> Result<bool, BackendError> {
    match arithmetic {
        Ok(()) => Ok(true),
        Err(JoseError::SignatureMismatch) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Runs a future that never waits (the [`RustCrypto`] engine's, and the pipeline over it) to
/// completion without an executor; `None` if it would wait.
pub fn run_ready<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(output) => Some(output),
        std::task::Poll::Pending => None,
    }
}

/// [`run_ready`] for synchronous callers of futures that run on [`RustCrypto`] (the core's
/// synchronous entry points, the worker, the command line), which complete at once; a future
/// that waited is reported, not unwrapped.
pub fn complete<T>(future: impl Future<Output = Result<T, JoseError>>) -> Result<T, JoseError> {
    run_ready(future).unwrap_or(Err(JoseError::EngineFailed {
        reason: "it waited for an event, which it never does".to_owned(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rust_engine_generates_signs_and_verifies_without_waiting() {
        let pair = run_ready(RustCrypto.generate(KeyKind::P256))
            .unwrap()
            .unwrap();
        let private = keys::parse_private_key(&der_pem("PRIVATE KEY", &pair.pkcs8_der)).unwrap();
        let public = keys::parse_spki_der(&pair.spki_der).unwrap();
        assert_eq!(private.public_key(), public);
        assert!(!format!("{pair:?}").contains(&format!("{:?}", &pair.pkcs8_der[..8])));
        let sig = run_ready(RustCrypto.sign(Algorithm::ES256, &private, b"a.b"))
            .unwrap()
            .unwrap();
        assert_eq!(
            run_ready(RustCrypto.verify(Algorithm::ES256, &public, b"a.b", &sig)).unwrap(),
            Ok(true)
        );
        assert_eq!(
            run_ready(RustCrypto.verify(Algorithm::ES256, &public, b"a.c", &sig)).unwrap(),
            Ok(false)
        );
        assert!(matches!(
            run_ready(RustCrypto.generate(KeyKind::Hmac256)).unwrap(),
            Err(BackendError::Failed(JoseError::KeyGeneration(_)))
        ));
    }

    fn der_pem(label: &str, der: &[u8]) -> String {
        der::pem::encode_string(label, der::pem::LineEnding::LF, der).unwrap()
    }
}
