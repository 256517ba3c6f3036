//! Why a Key Binding JWT is not valid (RFC 9901 sections 4.3 and 7.3).

use thiserror::Error;

use crate::jose::error::JoseError;

/// Why a KB-JWT does not bind the presentation to the holder.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum KbError {
    /// The header `typ` is not `kb+jwt`.
    #[error("the KB-JWT's typ is {found}; it must be \"kb+jwt\" (RFC 9901 section 4.3)")]
    WrongTyp {
        /// The `typ` found, quoted, or "missing".
        found: String,
    },
    /// The Issuer-signed JWT has no `cnf.jwk` with the holder's key.
    #[error(
        "the Issuer-signed JWT's payload has no cnf.jwk, so there is no holder key to check the KB-JWT with (other confirmation methods are not supported)"
    )]
    NoHolderKey,
    /// `cnf.jwk` is a symmetric key: a holder proves possession with a private key.
    #[error("cnf.jwk is a symmetric (oct) key; a holder key is a public key")]
    SymmetricHolderKey,
    /// `cnf.jwk` does not import.
    #[error("cnf.jwk cannot be read: {0}")]
    UnreadableHolderKey(JoseError),
    /// The signature does not verify with the holder key (or `alg` does not fit it).
    #[error("the KB-JWT's signature does not verify with cnf.jwk ({key}): {reason}")]
    Signature {
        /// The holder key, described.
        key: String,
        /// Why.
        reason: JoseError,
    },
    /// The payload is not a JSON object.
    #[error("the KB-JWT's payload is not a JSON object")]
    PayloadNotObject,
    /// A required claim is absent.
    #[error("the KB-JWT has no {claim} claim, which RFC 9901 section 4.3 requires")]
    MissingClaim {
        /// `iat`, `aud`, `nonce` or `sd_hash`.
        claim: &'static str,
    },
    /// A claim of the wrong type.
    #[error("the KB-JWT's {claim} is {found}; it must be {expected}")]
    ClaimType {
        /// The claim.
        claim: &'static str,
        /// The value as JSON.
        found: String,
        /// What it must be.
        expected: &'static str,
    },
    /// `iat` is later than the verification time (beyond the leeway).
    #[error("the KB-JWT was issued at {iat}, {ahead} s after the time of verification {at}")]
    IssuedInFuture {
        /// Its `iat`.
        iat: i64,
        /// The time of verification.
        at: i64,
        /// How far ahead.
        ahead: i64,
    },
    /// `iat` is older than the accepted window.
    #[error(
        "the KB-JWT was issued at {iat}, {age} s before the time of verification; at most {max_age} s are accepted"
    )]
    TooOld {
        /// Its `iat`.
        iat: i64,
        /// Its age in seconds.
        age: i64,
        /// The window.
        max_age: i64,
    },
    /// `nonce` is not the one the verifier gave.
    #[error("the KB-JWT's nonce is \"{found}\"; the verifier expected \"{expected}\"")]
    WrongNonce {
        /// The nonce found.
        found: String,
        /// The nonce expected.
        expected: String,
    },
    /// `aud` is not this verifier.
    #[error("the KB-JWT's aud is \"{found}\"; the verifier expected \"{expected}\"")]
    WrongAud {
        /// The audience found.
        found: String,
        /// The audience expected.
        expected: String,
    },
    /// `sd_hash` is not the hash of the presented SD-JWT.
    #[error(
        "the KB-JWT's sd_hash is {found}, but the presented SD-JWT hashes ({alg}) to {expected}: the disclosures or the Issuer-signed JWT differ from what the holder signed"
    )]
    WrongSdHash {
        /// The `sd_hash` found.
        found: String,
        /// The hash of the presentation.
        expected: String,
        /// The hash algorithm.
        alg: &'static str,
    },
}
