//! The signature engine the page uses: the browser's WebCrypto where it has the algorithm,
//! the Rust core ([`crate::jose`]) everywhere else and whenever WebCrypto is missing or
//! refuses a key.
//!
//! The Rust core stays the reference: every verification first runs the core's
//! [`verify::precheck`] (algorithm fits the key, signature length and shape, the strict Ed25519
//! rules), so both engines reject the same inputs with the same typed errors; only the final
//! arithmetic goes to WebCrypto. The browser tests cross-check the two engines on the
//! Wycheproof vectors and on each other's signatures.
//!
//! HMAC stays in Rust: SHA-2 over a token is microseconds in WebAssembly, less than the
//! round trip to WebCrypto.

pub mod cache;
pub mod subtle;

use crate::app::rng::seeded_rng;
use crate::jose::algorithm::KeyInput;
use crate::jose::error::KeyFailure;
use crate::jose::keys::{KeyCandidate, PrivateKey, PublicKey};
use crate::jose::token::DecodedToken;
use crate::jose::verify::{self, MatchReport};
use crate::jose::{Algorithm, JoseError, sign};

/// Which implementation did an operation (shown in tests and benchmarks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The browser's WebCrypto.
    WebCrypto,
    /// The Rust core compiled to WebAssembly.
    Rust,
}

/// Whether WebCrypto is tried first for `alg`.
fn prefers_webcrypto(alg: Algorithm) -> bool {
    alg.key_input() == KeyInput::KeyPair
}

/// Signs `input` with `alg` (which must fit the key) and says which engine did it.
pub async fn sign_bytes(
    alg: Algorithm,
    key: &PrivateKey,
    input: &[u8],
) -> Result<(Vec<u8>, Backend), JoseError> {
    alg.check_fits(key.key_type())?;
    if prefers_webcrypto(alg)
        && let Ok(signature) = subtle::sign(alg, key, input).await
    {
        return Ok((signature, Backend::WebCrypto));
    }
    let mut rng = seeded_rng().map_err(|e| JoseError::SigningFailed {
        alg: alg.as_str(),
        reason: e.to_string(),
    })?;
    sign::sign_bytes(alg, key, input, &mut rng).map(|s| (s, Backend::Rust))
}

/// Verifies a raw signature: the core's pre-checks, then WebCrypto (or Rust) arithmetic.
pub async fn verify_bytes(
    alg: Algorithm,
    key: &PublicKey,
    input: &[u8],
    signature: &[u8],
) -> Result<Backend, JoseError> {
    verify::precheck(alg, key, signature)?;
    if prefers_webcrypto(alg) {
        match subtle::verify(alg, key, input, signature).await {
            Ok(true) => return Ok(Backend::WebCrypto),
            Ok(false) => return Err(JoseError::SignatureMismatch),
            Err(_) => {}
        }
    }
    verify::verify_bytes(alg, key, input, signature).map(|()| Backend::Rust)
}

/// [`verify::verify_token_lenient`] on this engine.
pub async fn verify_token_lenient(
    token: &DecodedToken,
    key: &PublicKey,
) -> Result<Backend, JoseError> {
    verify::check_token_header(token)?;
    let alg = token.alg.clone()?;
    verify_bytes(alg, key, &token.signing_input(), &token.signature).await
}

/// [`verify::verify_with_keys_lenient`] on this engine: the same key selection (by `kid`,
/// JWK `alg`), each candidate verified in turn.
pub async fn verify_with_keys_lenient(
    token: &DecodedToken,
    keys: &[KeyCandidate],
) -> Result<MatchReport, JoseError> {
    let selection = verify::selection(token, keys)?;
    let mut reasons = Vec::new();
    for (index, candidate, allowed) in &selection.attempts {
        let outcome = match allowed {
            Ok(()) => verify_token_lenient(token, &candidate.key)
                .await
                .map(|_| ()),
            Err(e) => Err(e.clone()),
        };
        match outcome {
            Ok(()) => return Ok(selection.report(*index, candidate)),
            Err(error) => reasons.push(KeyFailure {
                key: candidate.label(),
                error,
            }),
        }
    }
    Err(JoseError::NoKeyVerified { reasons })
}

/// Runs a future that never waits (the Rust engine's path) to completion. For native unit
/// tests, where there is no browser event loop; returns `None` if the future would wait.
pub fn run_ready<F: std::future::Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(output) => Some(output),
        std::task::Poll::Pending => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::keys::{self, KeyKind};

    /// Natively there is no WebCrypto, so the engine is the Rust core, and it completes
    /// without waiting.
    #[test]
    fn without_webcrypto_the_rust_engine_signs_and_verifies() {
        let mut rng = seeded_rng().unwrap();
        let key = keys::generate(KeyKind::Ed25519, &mut rng).unwrap();
        let (sig, backend) = run_ready(sign_bytes(Algorithm::EdDSA, &key, b"a.b"))
            .unwrap()
            .unwrap();
        assert_eq!(backend, Backend::Rust);
        let public = key.public_key();
        assert_eq!(
            run_ready(verify_bytes(Algorithm::EdDSA, &public, b"a.b", &sig)).unwrap(),
            Ok(Backend::Rust)
        );
        assert_eq!(
            run_ready(verify_bytes(Algorithm::EdDSA, &public, b"a.c", &sig)).unwrap(),
            Err(JoseError::SignatureMismatch)
        );
        // The pre-checks give the core's typed errors before any arithmetic.
        assert!(matches!(
            run_ready(verify_bytes(Algorithm::EdDSA, &public, b"a.b", &sig[..10])).unwrap(),
            Err(JoseError::SignatureWrongLength { .. })
        ));
        assert!(matches!(
            run_ready(sign_bytes(Algorithm::RS256, &key, b"a.b")).unwrap(),
            Err(JoseError::AlgorithmKeyMismatch { .. })
        ));
    }
}
