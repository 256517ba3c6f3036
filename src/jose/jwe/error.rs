//! The one error type of JWE decryption and encryption.
//!
//! Malformed input, a wrong algorithm or a key of the wrong type or length get specific
//! messages: they are about public data. Everything that depends on the secret (an unwrap that
//! fails its integrity check, RSA padding, the authentication tag, CBC padding) is the single
//! [`JweError::DecryptionFailed`], so the messages are no oracle for which step failed.

use thiserror::Error;

use crate::jose::JoseError;

/// Everything that can go wrong while decrypting or encrypting a compact JWE.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum JweError {
    /// A required header member is absent.
    #[error("the header has no \"{0}\" member")]
    MissingHeader(&'static str),
    /// A header member has the wrong type or an invalid value.
    #[error("the header member \"{member}\" is invalid: {reason}")]
    InvalidHeader {
        /// The member name.
        member: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// `alg` is not a key management algorithm of RFC 7518 section 4.
    #[error("unsupported key management algorithm \"{0}\" (\"alg\")")]
    UnsupportedAlg(String),
    /// `enc` is not a content encryption algorithm of RFC 7518 section 5.
    #[error("unsupported content encryption algorithm \"{0}\" (\"enc\")")]
    UnsupportedEnc(String),
    /// `zip` is not `DEF`.
    #[error("unsupported compression \"zip\": \"{0}\" (only \"DEF\", raw DEFLATE, is defined)")]
    UnsupportedZip(String),
    /// `crit` names members this implementation does not understand (RFC 7516 section 4.1.13).
    #[error(
        "the header marks {0} as critical (\"crit\"), which this tool does not understand, so the token must be refused"
    )]
    UnknownCritical(String),
    /// `crit` is not a non-empty array of names of members present in the header.
    #[error("the \"crit\" header member is malformed: {0}")]
    CritInvalid(String),
    /// The key is not of a type the algorithm uses.
    #[error("{alg} needs {needed}; the key given is {found}")]
    WrongKeyType {
        /// The `alg`.
        alg: &'static str,
        /// What it needs, in words.
        needed: String,
        /// What was given, in words.
        found: String,
    },
    /// A symmetric key (`dir`, `A*KW`, `A*GCMKW`) has the wrong length.
    #[error("{what} must be {expected} bytes ({} bits); the key given is {found} bytes", expected * 8)]
    WrongKeyLength {
        /// Which key, e.g. "the A128KW key" or "the dir key for A256GCM".
        what: String,
        /// The required length in bytes.
        expected: usize,
        /// The given length in bytes.
        found: usize,
    },
    /// The key's JWK `alg` is not the token's `alg` (RFC 7517 section 4.4).
    #[error("the key is for \"{key_alg}\" (its JWK \"alg\"), but the token uses \"{alg}\"")]
    KeyAlgMismatch {
        /// The key's `alg`.
        key_alg: String,
        /// The token's `alg`.
        alg: String,
    },
    /// The key's JWK `use` is `sig` (RFC 7517 section 4.2).
    #[error("the key has \"use\": \"sig\": a signature key must not be used for encryption")]
    SignatureKey,
    /// The key text could not be read.
    #[error("the key could not be read: {0}")]
    Key(JoseError),
    /// PBES2 `p2c` above [`super::MAX_PBES2_ITERATIONS`]: refused before any work.
    #[error(
        "the PBES2 iteration count \"p2c\" is {p2c}, above the limit of {max}: refused before any work (a huge count makes decryption a denial of service)"
    )]
    Pbes2TooManyIterations {
        /// The header's count.
        p2c: u64,
        /// The limit.
        max: u32,
    },
    /// PBES2 `p2s` shorter than 8 bytes (RFC 7518 section 4.8.1.1).
    #[error("the PBES2 salt input \"p2s\" is {0} bytes; at least 8 are required")]
    Pbes2SaltTooShort(usize),
    /// The ECDH-ES `epk` is not a point on the key's curve (the invalid-curve attack).
    #[error(
        "the ephemeral public key \"epk\" is not a valid point on {0}: refused, since computing with it could leak the private key (invalid-curve attack)"
    )]
    EpkNotOnCurve(&'static str),
    /// The ECDH-ES `epk` is malformed or of another curve than the key.
    #[error("the ephemeral public key \"epk\" is unusable: {0}")]
    EpkInvalid(String),
    /// `RSA1_5` is refused for encryption.
    #[error(
        "RSA1_5 (RSAES-PKCS1-v1_5) is only supported for decryption: its padding invites oracle attacks; encrypt with RSA-OAEP-256"
    )]
    Rsa1_5EncryptRefused,
    /// A part of the token has the wrong length for the algorithm.
    #[error("the {part} must be {expected} bytes for {alg}, but it is {found} bytes")]
    WrongPartLength {
        /// Which part.
        part: &'static str,
        /// The `alg` or `enc` that fixes the length.
        alg: &'static str,
        /// The required length.
        expected: usize,
        /// The given length.
        found: usize,
    },
    /// The decryption failed: the key is wrong, or the token was modified. Deliberately says
    /// no more (unwrap, padding and tag failures all end here).
    #[error("decryption failed: the key is wrong or the token was modified")]
    DecryptionFailed,
    /// The DEFLATE data inflates beyond the limits.
    #[error(
        "the compressed plaintext inflates beyond {max} bytes or {ratio} times its compressed size: refused as a likely zip bomb"
    )]
    ZipBomb {
        /// The absolute limit in bytes.
        max: usize,
        /// The ratio limit.
        ratio: usize,
    },
    /// `zip: "DEF"`, but the decrypted plaintext is not raw DEFLATE data.
    #[error("the plaintext is marked \"zip\": \"DEF\" but is not valid raw DEFLATE data")]
    InvalidDeflate,
    /// The header given to encrypt is not usable.
    #[error("the header to encrypt is invalid: {0}")]
    InvalidHeaderToEncrypt(String),
    /// A primitive refused to encrypt (e.g. the CEK is too long for the RSA key).
    #[error("encryption failed: {0}")]
    EncryptionFailed(String),
    /// The Rust engine's synchronous entry point found its future waiting, which the Rust
    /// engine never does (a bug, reported rather than unwrapped).
    #[error("the Rust engine waited for an event, which it never does")]
    EngineWaited,
}

impl From<JoseError> for JweError {
    fn from(e: JoseError) -> Self {
        JweError::Key(e)
    }
}
