//! The Rust engine out of the page's first load: where WebCrypto declines (no secure context, a
//! key it will not import), signatures run on the RustCrypto engine in the worker binary
//! (`src/bin/keygen.rs`), which is downloaded on first need. The page's own wasm then carries
//! no RSA, ECDSA or Ed25519 arithmetic. HMAC stays here: it is microseconds of SHA-2, and the
//! round trip to a worker would cost more than it saves.
//!
//! Messages are JSON text: an [`EngineCall`] (an id and an [`EngineOp`]) in, an [`EngineReply`]
//! with the same id out. Keys cross as DER (SPKI or PKCS#8), bytes as base64url. In the browser
//! they travel by `postMessage` ([`super::worker`]); natively (tests) the worker's handler
//! ([`super::answer`]) is called directly, so the same serialisation is exercised.

use serde::{Deserialize, Serialize};

use crate::app::policy::{PolicyAnswer, PolicyQuestion};
use crate::app::sd_jwt::SdJwtView;
use crate::jose::backend::{BackendError, CryptoBackend, Engine, GeneratedPair, verified};
use crate::jose::keys::{KeyKind, PrivateKey, PublicKey};
use crate::jose::lints::EpkProblem;
use crate::jose::{Algorithm, JoseError, base64url};

/// One operation for the worker's Rust engine.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op")]
pub enum EngineOp {
    /// Whether `signature` is `alg`'s signature of `input` under the SPKI key.
    Verify {
        /// The JWS algorithm name.
        alg: String,
        /// The public key, SPKI DER, base64url.
        spki: String,
        /// The signing input, base64url.
        input: String,
        /// The signature, base64url.
        signature: String,
    },
    /// `alg`'s signature of `input` with the PKCS#8 key.
    Sign {
        /// The JWS algorithm name.
        alg: String,
        /// The private key, PKCS#8 DER, base64url.
        pkcs8: String,
        /// The signing input, base64url.
        input: String,
    },
    /// The private key in `text` read, expanded and checked, for a page that does not link the
    /// arithmetic that needs (ML-DSA, see `jose::keys::read_ml_dsa_private_keys`); answered
    /// with a `Pair`.
    ReadPrivateKey {
        /// The Private key box's text.
        text: String,
    },
    /// A new key pair of the kind with this id ([`KeyKind::id`]).
    Generate {
        /// The key kind's id.
        kind: String,
    },
    /// `plaintext` encrypted to the `Encryption key` box's text ([`crate::app::encryption`]).
    Encrypt {
        /// The key management algorithm.
        alg: String,
        /// The content encryption algorithm.
        enc: String,
        /// The header's `cty`, if any.
        cty: Option<String>,
        /// The plaintext, base64url.
        plaintext: String,
        /// The box's text: a public key, symmetric key bytes or a password.
        key: String,
    },
    /// What the Findings panel needs checked in the worker about the JWE `token`: its `epk`,
    /// and the length of the symmetric key in the `Decryption key` box's text.
    ReviewJwe {
        /// The compact JWE.
        token: String,
        /// The box's text (only its length is read, and only for a symmetric `alg`).
        key: String,
    },
    /// The token judged against a policy ([`crate::app::policy`]).
    JudgePolicy(Box<PolicyQuestion>),
    /// A pasted SD-JWT processed and its Key Binding checked at `now` ([`crate::app::sd_jwt`]).
    ReviewSdJwt {
        /// The SD-JWT as pasted.
        token: String,
        /// The page's clock, Unix seconds (the KB-JWT's `iat` must be recent).
        now: i64,
    },
    /// Encode mode's claims with the ones at `pointers` made selectively disclosable (an
    /// SD-JWT to be, [`crate::app::sd_jwt::conceal`]), with `decoys` decoy digests.
    ConcealClaims {
        /// The Payload editor's text.
        claims: String,
        /// JSON pointers of the claims to conceal.
        pointers: Vec<String>,
        /// How many decoy digests to add.
        decoys: usize,
    },
    /// The JWE `token` decrypted with the `Decryption key` box's text
    /// ([`crate::app::decryption`]).
    Decrypt {
        /// The compact JWE.
        token: String,
        /// The box's text: a private key, symmetric key bytes or a password.
        key: String,
    },
}

impl std::fmt::Debug for EngineOp {
    // A private key crosses in `Sign`: its Debug names the operation only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineOp::Verify { alg, .. } => write!(f, "Verify({alg})"),
            EngineOp::Sign { alg, .. } => write!(f, "Sign({alg}, key redacted)"),
            EngineOp::Generate { kind } => write!(f, "Generate({kind})"),
            EngineOp::ReadPrivateKey { .. } => write!(f, "ReadPrivateKey(key redacted)"),
            EngineOp::Decrypt { .. } => write!(f, "Decrypt(key redacted)"),
            EngineOp::ReviewJwe { .. } => write!(f, "ReviewJwe(key redacted)"),
            EngineOp::JudgePolicy(_) => write!(f, "JudgePolicy(access token redacted)"),
            EngineOp::ReviewSdJwt { .. } => write!(f, "ReviewSdJwt"),
            EngineOp::ConcealClaims { pointers, .. } => {
                write!(f, "ConcealClaims({} pointers)", pointers.len())
            }
            EngineOp::Encrypt { alg, enc, .. } => write!(f, "Encrypt({alg}, {enc}, key redacted)"),
        }
    }
}

/// A request to the worker: the operation and an id its reply carries back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineCall {
    /// Matches the reply to its request.
    pub id: u32,
    /// What to do.
    pub call: EngineOp,
}

/// What the worker's Rust engine answered.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EngineAnswer {
    /// The verification's result.
    Verified(bool),
    /// The signature, base64url.
    Signature(String),
    /// A new key pair: PKCS#8 and SPKI DER, base64url.
    Pair {
        /// The private key.
        pkcs8: String,
        /// The public key.
        spki: String,
    },
    /// A compact JWE.
    Encrypted {
        /// The token.
        token: String,
        /// Which engine did the primitives, in words.
        engines: String,
    },
    /// The policy's judgement and exported code.
    Policy(Box<PolicyAnswer>),
    /// What the worker found about an SD-JWT.
    SdJwt(Box<SdJwtView>),
    /// The payload and disclosures of an SD-JWT to be.
    Concealed(crate::jose::sdjwt::Concealed),
    /// What the worker found about a JWE for the Findings panel.
    JweReview {
        /// Why decryption would refuse the `epk`, if it would.
        epk_problem: Option<EpkProblem>,
        /// The length in bytes of the symmetric key in the box, if it holds one.
        key_len: Option<usize>,
    },
    /// A decrypted JWE: the plaintext (base64url) and the JWE findings.
    Decrypted {
        /// The plaintext, base64url.
        plaintext: String,
        /// The findings, one sentence each.
        findings: Vec<String>,
        /// Which engine did the primitives, in words.
        engines: String,
    },
}

impl std::fmt::Debug for EngineAnswer {
    // A generated private key crosses in `Pair`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineAnswer::Verified(ok) => write!(f, "Verified({ok})"),
            EngineAnswer::Signature(_) => write!(f, "Signature"),
            EngineAnswer::Pair { .. } => write!(f, "Pair(private key redacted)"),
            EngineAnswer::Decrypted { .. } => write!(f, "Decrypted(plaintext redacted)"),
            EngineAnswer::Encrypted { .. } => write!(f, "Encrypted"),
            EngineAnswer::JweReview { .. } => write!(f, "JweReview"),
            EngineAnswer::Policy(answer) => write!(f, "Policy({})", answer.report.summary()),
            EngineAnswer::SdJwt(_) => write!(f, "SdJwt"),
            EngineAnswer::Concealed(concealed) => write!(f, "{concealed:?}"),
        }
    }
}

/// The worker's reply to the call with `id`: the answer, or the Rust engine's error as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineReply {
    /// The call's id.
    pub id: u32,
    /// The answer or the reason there is none.
    pub result: Result<EngineAnswer, String>,
}

/// The Rust engine in the worker, as a [`CryptoBackend`]: WebCrypto's fallback in the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RustInWorker;

/// A failure to reach or understand the worker: final, since no engine is left to try.
fn unreachable_engine(reason: String) -> BackendError {
    BackendError::Failed(JoseError::EngineFailed { reason })
}

/// Runs `op` on the worker's engine (see the module docs for the transport).
pub(crate) async fn call(op: EngineOp) -> Result<EngineAnswer, BackendError> {
    #[cfg(target_arch = "wasm32")]
    let reply = super::worker::call(op).await.map_err(unreachable_engine)?;
    #[cfg(not(target_arch = "wasm32"))]
    let reply = native_round_trip(op).map_err(unreachable_engine)?;
    reply.result.map_err(unreachable_engine)
}

/// [`call`] for the page's own operations (decryption, encryption): the answer, or the
/// worker's reason as the page shows it.
pub(crate) async fn call_for_page(op: EngineOp) -> Result<EngineAnswer, String> {
    match call(op).await {
        Ok(answer) => Ok(answer),
        Err(BackendError::Failed(JoseError::EngineFailed { reason })) => Err(reason),
        Err(other) => Err(other.to_string()),
    }
}

/// Natively: the worker's handler called directly, through the same JSON both ways.
#[cfg(not(target_arch = "wasm32"))]
fn native_round_trip(op: EngineOp) -> Result<EngineReply, String> {
    let request =
        serde_json::to_string(&EngineCall { id: 0, call: op }).map_err(|e| e.to_string())?;
    let call: EngineCall = serde_json::from_str(&request).map_err(|e| e.to_string())?;
    let reply = crate::jose::backend::run_ready(super::answer::reply_to(&call))
        .ok_or("the answer waited, which it never does natively")?;
    serde_json::from_str(&reply).map_err(|e| e.to_string())
}

/// A key's DER for the worker, or the export's error.
fn exported(der: Result<Vec<u8>, JoseError>) -> Result<String, BackendError> {
    Ok(base64url::encode(&der?))
}

/// An answer of the wrong kind.
pub(crate) fn unexpected(answer: EngineAnswer) -> BackendError {
    unreachable_engine(format!("the worker answered {answer:?}"))
}

impl CryptoBackend for RustInWorker {
    /// Never asked: the Rust engine does not decline.
    type Fallback = RustInWorker;

    fn engine(&self) -> Engine {
        Engine::RustCrypto
    }

    fn fallback(&self) -> &RustInWorker {
        self
    }

    async fn verify(
        &self,
        alg: Algorithm,
        key: &PublicKey,
        input: &[u8],
        signature: &[u8],
    ) -> Result<bool, BackendError> {
        if let Some(arithmetic) = key.verify_hmac(alg, input, signature) {
            return verified(arithmetic);
        }
        let op = EngineOp::Verify {
            alg: alg.as_str().to_owned(),
            spki: exported(key.to_spki_der())?,
            input: base64url::encode(input),
            signature: base64url::encode(signature),
        };
        match call(op).await? {
            EngineAnswer::Verified(ok) => Ok(ok),
            other => Err(unexpected(other)),
        }
    }

    async fn sign(
        &self,
        alg: Algorithm,
        key: &PrivateKey,
        input: &[u8],
    ) -> Result<Vec<u8>, BackendError> {
        if let Some(tag) = key.sign_hmac(alg, input) {
            return Ok(tag?);
        }
        let op = EngineOp::Sign {
            alg: alg.as_str().to_owned(),
            pkcs8: exported(key.to_pkcs8_der())?,
            input: base64url::encode(input),
        };
        match call(op).await? {
            EngineAnswer::Signature(s) => base64url::decode(&s)
                .map_err(|e| unreachable_engine(format!("unreadable signature: {}", e.reason))),
            other => Err(unexpected(other)),
        }
    }

    async fn generate(&self, kind: KeyKind) -> Result<GeneratedPair, BackendError> {
        let op = EngineOp::Generate {
            kind: kind.id().to_owned(),
        };
        match call(op).await? {
            EngineAnswer::Pair { pkcs8, spki } => {
                let der = |s: &str| {
                    base64url::decode(s)
                        .map_err(|e| unreachable_engine(format!("bad key: {}", e.reason)))
                };
                Ok(GeneratedPair {
                    pkcs8_der: der(&pkcs8)?,
                    spki_der: der(&spki)?,
                })
            }
            other => Err(unexpected(other)),
        }
    }
}
