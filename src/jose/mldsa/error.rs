//! The errors of the ML-DSA module, one variant per thing that can be wrong, each with a message
//! that says what was found and what was expected.

/// Why an ML-DSA key could not be read or written, or a signature not made or verified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MlDsaError {
    /// An `alg` that is not one of RFC 9964's three ML-DSA algorithms.
    #[error(
        "\"{0}\" is not an ML-DSA algorithm (RFC 9964 defines ML-DSA-44, ML-DSA-65 and ML-DSA-87)"
    )]
    UnknownAlgorithm(String),
    /// A public key, seed, expanded private key or signature of the wrong size.
    #[error("the {what} is {actual} bytes long, but {alg} needs {expected}")]
    WrongLength {
        /// What was measured, e.g. "public key".
        what: &'static str,
        /// The parameter set, e.g. "ML-DSA-44".
        alg: &'static str,
        /// The size the parameter set requires.
        expected: usize,
        /// The size found.
        actual: usize,
    },
    /// The JSON is not an AKP JWK object at all.
    #[error("not an AKP JWK: {0}")]
    NotAkpJwk(String),
    /// A member RFC 9964 requires is absent.
    #[error("the AKP JWK is missing the required member \"{0}\"")]
    JwkMissingMember(&'static str),
    /// A member is present but unusable (not a string, not base64url…).
    #[error("the AKP JWK member \"{member}\" is invalid: {reason}")]
    JwkInvalidMember {
        /// The member name, e.g. "pub".
        member: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A private key was asked for, but the input holds only a public key.
    #[error("not a private key: {0}")]
    NotAPrivateKey(String),
    /// A well-formed SPKI or PKCS#8 structure for another algorithm.
    #[error("the key's algorithm (OID {0}) is not ML-DSA")]
    NotMlDsa(String),
    /// The DER is not the expected ASN.1 structure.
    #[error("malformed {structure}: {reason}")]
    MalformedDer {
        /// The structure expected, e.g. "PKCS#8 private key".
        structure: &'static str,
        /// The decoder's explanation.
        reason: String,
    },
    /// The PEM text is not one well-formed block with the expected label.
    #[error("malformed PEM: {0}")]
    MalformedPem(String),
    /// The private key's public key differs from the one given beside it (JWK `pub`, or the
    /// PKCS#8 v2 `publicKey`).
    #[error("the {alg} private key does not belong to the public key in its {given}")]
    PublicKeyMismatch {
        /// The parameter set.
        alg: &'static str,
        /// Where the public key came from, e.g. "\"pub\" member".
        given: &'static str,
    },
    /// The private key's parts contradict each other (RFC 9881 section 8.2).
    #[error("the {alg} private key is inconsistent: {reason}")]
    InconsistentPrivateKey {
        /// The parameter set.
        alg: &'static str,
        /// Which check failed.
        reason: &'static str,
    },
    /// An expanded-only private key cannot be written in a format that holds the seed.
    #[error(
        "this {alg} private key was imported in the expanded form, without its 32-byte seed, so it \
         cannot be written as {format} (which holds the seed); it can still sign"
    )]
    NoSeed {
        /// The parameter set.
        alg: &'static str,
        /// The format asked for, e.g. "an RFC 9964 JWK (\"priv\" is the seed)".
        format: &'static str,
    },
    /// The signature does not verify under the key.
    #[error("the {0} signature does not verify")]
    SignatureMismatch(&'static str),
    /// FIPS 204 context strings are at most 255 bytes.
    #[error("the ML-DSA context string is {0} bytes long; FIPS 204 allows at most 255")]
    ContextTooLong(usize),
    /// The signing algorithm gave up (only an inconsistent expanded key can make it).
    #[error("{alg} signing failed: {reason}")]
    SigningFailed {
        /// The parameter set.
        alg: &'static str,
        /// The engine's explanation.
        reason: String,
    },
    /// The key could not be encoded (DER or PEM writer error).
    #[error("could not write the key as {format}: {reason}")]
    Encoding {
        /// The format, e.g. "SPKI".
        format: &'static str,
        /// The encoder's explanation.
        reason: String,
    },
}
