//! Verification and signing as every front end runs them, over any [`CryptoBackend`]: the
//! core's checks first (header rules, the algorithm fits the key, signature length and shape,
//! key selection by `kid` and JWK `alg`), then the backend's arithmetic, then the Rust engine
//! (the backend's [`CryptoBackend::Fallback`]) if the backend could not. The page runs these on
//! WebCrypto, falling back to the Rust engine in its worker; native code, the tests and the
//! synchronous functions of [`crate::jose::verify`] run them on [`RustCrypto`](super::backend::RustCrypto).

use super::algorithm::Algorithm;
use super::backend::{BackendError, CryptoBackend, Engine, Fallback};
use super::error::{JoseError, KeyFailure};
use super::keys::{KeyCandidate, PrivateKey, PublicKey};
use super::token::DecodedToken;
use super::verify::{self, MatchReport};

/// Which engine did an operation, and why not the backend asked first if it declined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done {
    /// The engine that did the arithmetic.
    pub engine: Engine,
    /// Set when the backend refused the key and the Rust engine did the work.
    pub fallback: Option<Fallback>,
}

/// Whether a token whose text needed repairs while decoding may still verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strictness {
    /// A repaired token is refused ([`JoseError::NotStrictEncoding`]), as relying parties do.
    Strict,
    /// The signature is checked over the repaired text; the caller shows the repair.
    Lenient,
}

/// What to do after the backend declined: the fallback note to keep, or the definitive error.
fn after_decline(engine: Engine, error: BackendError) -> Result<Option<Fallback>, JoseError> {
    match error {
        BackendError::Unavailable(_) => Ok(None),
        BackendError::Refused(reason) => Ok(Some(Fallback { engine, reason })),
        BackendError::Failed(e) => Err(e),
    }
}

/// Verifies a raw JWS signature: [`verify::precheck`], then the backend's arithmetic, then the
/// Rust engine's if the backend declined.
pub async fn verify_bytes<B: CryptoBackend>(
    backend: &B,
    alg: Algorithm,
    key: &PublicKey,
    input: &[u8],
    signature: &[u8],
) -> Result<Done, JoseError> {
    verify::precheck(alg, key, signature)?;
    let engine = backend.engine();
    let fallback = match backend.verify(alg, key, input, signature).await {
        Ok(true) => {
            return Ok(Done {
                engine,
                fallback: None,
            });
        }
        Ok(false) => return Err(JoseError::SignatureMismatch),
        Err(declined) => after_decline(engine, declined)?,
    };
    let rust = backend.fallback();
    match rust.verify(alg, key, input, signature).await {
        Ok(true) => Ok(Done {
            engine: rust.engine(),
            fallback,
        }),
        Ok(false) => Err(JoseError::SignatureMismatch),
        Err(e) => Err(e.into()),
    }
}

/// Signs `input` with `alg`, which must fit the key: on the backend, or on the Rust engine if
/// the backend declined. Returns the raw signature.
pub async fn sign_bytes<B: CryptoBackend>(
    backend: &B,
    alg: Algorithm,
    key: &PrivateKey,
    input: &[u8],
) -> Result<(Vec<u8>, Done), JoseError> {
    alg.check_fits(key.key_type())?;
    let engine = backend.engine();
    let fallback = match backend.sign(alg, key, input).await {
        Ok(signature) => {
            return Ok((
                signature,
                Done {
                    engine,
                    fallback: None,
                },
            ));
        }
        Err(declined) => after_decline(engine, declined)?,
    };
    let rust = backend.fallback();
    let signature = rust.sign(alg, key, input).await?;
    let done = Done {
        engine: rust.engine(),
        fallback,
    };
    Ok((signature, done))
}

/// Refuses, when `strictness` is [`Strictness::Strict`], a token whose text needed repairs
/// while decoding.
pub fn check_strictness(token: &DecodedToken, strictness: Strictness) -> Result<(), JoseError> {
    match token.diagnoses.iter().find(|d| d.alters_token()) {
        Some(d) if strictness == Strictness::Strict => Err(JoseError::NotStrictEncoding {
            diagnosis: d.message(),
        }),
        _ => Ok(()),
    }
}

/// Verifies a decoded token with one key: [`check_strictness`], the header rules
/// ([`verify::check_token_header`]), its `alg`, then [`verify_bytes`] over its signing input.
pub async fn verify_token<B: CryptoBackend>(
    backend: &B,
    token: &DecodedToken,
    key: &PublicKey,
    strictness: Strictness,
) -> Result<Done, JoseError> {
    check_strictness(token, strictness)?;
    verify::check_token_header(token)?;
    let alg = token.alg.clone()?;
    verify_bytes(backend, alg, key, &token.signing_input(), &token.signature).await
}

/// Verifies a token against several keys (e.g. a JWKS): the keys [`verify::selection`] picks,
/// in order, until one verifies. Reports which key matched, or every key's reason for failing.
pub async fn verify_with_keys<B: CryptoBackend>(
    backend: &B,
    token: &DecodedToken,
    keys: &[KeyCandidate],
    strictness: Strictness,
) -> Result<MatchReport, JoseError> {
    let selection = verify::selection(token, keys)?;
    let mut reasons = Vec::new();
    for (index, candidate, allowed) in &selection.attempts {
        let outcome = match allowed {
            Ok(()) => verify_token(backend, token, &candidate.key, strictness).await,
            Err(e) => Err(e.clone()),
        };
        match outcome {
            Ok(done) => return Ok(selection.report(*index, candidate, done)),
            Err(error) => reasons.push(KeyFailure {
                key: candidate.label(),
                error,
            }),
        }
    }
    Err(JoseError::NoKeyVerified { reasons })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::backend::{GeneratedPair, RustCrypto, run_ready};
    use crate::jose::keys::{self, KeyKind};
    use crate::jose::rng::seeded_rng;

    /// A backend that declines everything, as WebCrypto does for a key it will not import.
    struct Refusing(BackendError);

    impl CryptoBackend for Refusing {
        type Fallback = RustCrypto;
        fn engine(&self) -> Engine {
            Engine::WebCrypto
        }
        fn fallback(&self) -> &RustCrypto {
            &RustCrypto
        }
        async fn verify(
            &self,
            _: Algorithm,
            _: &PublicKey,
            _: &[u8],
            _: &[u8],
        ) -> Result<bool, BackendError> {
            Err(self.0.clone())
        }
        async fn sign(
            &self,
            _: Algorithm,
            _: &PrivateKey,
            _: &[u8],
        ) -> Result<Vec<u8>, BackendError> {
            Err(self.0.clone())
        }
        async fn generate(&self, _: KeyKind) -> Result<GeneratedPair, BackendError> {
            Err(self.0.clone())
        }
    }

    #[test]
    fn a_declining_backend_falls_back_to_rust_and_a_refusal_is_kept() {
        let key = keys::generate(KeyKind::Ed25519, &mut seeded_rng().unwrap()).unwrap();
        let public = key.public_key();
        let refused = Refusing(BackendError::Refused("bad key".into()));
        let (sig, done) = run_ready(sign_bytes(&refused, Algorithm::EdDSA, &key, b"a.b"))
            .unwrap()
            .unwrap();
        assert_eq!(done.engine, Engine::RustCrypto);
        let note = done.fallback.unwrap().to_string();
        assert!(
            note.contains("WebCrypto refused this key (bad key)"),
            "{note}"
        );
        let unavailable = Refusing(BackendError::Unavailable("no subtle".into()));
        let done = run_ready(verify_bytes(
            &unavailable,
            Algorithm::EdDSA,
            &public,
            b"a.b",
            &sig,
        ))
        .unwrap()
        .unwrap();
        assert_eq!((done.engine, done.fallback), (Engine::RustCrypto, None));
        // A definitive answer is not retried elsewhere, and the pre-checks come first.
        let failed = Refusing(BackendError::Failed(JoseError::SignatureMismatch));
        assert_eq!(
            run_ready(verify_bytes(
                &failed,
                Algorithm::EdDSA,
                &public,
                b"a.b",
                &sig
            ))
            .unwrap(),
            Err(JoseError::SignatureMismatch)
        );
        assert!(matches!(
            run_ready(verify_bytes(
                &refused,
                Algorithm::EdDSA,
                &public,
                b"a.b",
                &sig[..9]
            ))
            .unwrap(),
            Err(JoseError::SignatureWrongLength { .. })
        ));
        assert!(matches!(
            run_ready(sign_bytes(&refused, Algorithm::RS256, &key, b"a.b")).unwrap(),
            Err(JoseError::AlgorithmKeyMismatch { .. })
        ));
    }
}
