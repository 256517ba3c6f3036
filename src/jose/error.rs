//! The one error type of the core. Each variant carries what a user needs to fix the input:
//! which part, which byte or field, and what was expected.

mod key_failure;

use thiserror::Error;

pub use self::key_failure::KeyFailure;
use super::algorithm::{Algorithm, KeyType};

/// Everything that can go wrong while decoding, importing keys, signing or verifying.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum JoseError {
    // --- token decoding (owned by token.rs / base64url.rs) ---
    /// The input was empty after trimming.
    #[error("the token is empty")]
    EmptyToken,
    /// The input is larger than [`crate::jose::token::MAX_TOKEN_LEN`].
    #[error("the token is {len} bytes; at most {max} bytes are accepted")]
    TokenTooLarge {
        /// Size of the input in bytes.
        len: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// Five dot-separated parts: a JWE (encrypted token).
    #[error(
        "the token has 5 parts: it is a JWE (encrypted token), which cannot be decoded without the decryption key"
    )]
    EncryptedJwe,
    /// Five parts, as a JWE has, but one of them does not decode.
    #[error("the token has 5 parts, like an encrypted token (JWE), but {reason}")]
    JweUnreadable {
        /// Why: which part, and what is wrong with it.
        reason: Box<JoseError>,
    },
    /// A `~`, as an SD-JWT has, but its Issuer-signed JWT does not read.
    #[error("the token has a '~' like an SD-JWT, but its issuer JWT does not read: {reason}")]
    SdJwtUnreadable {
        /// Why.
        reason: Box<JoseError>,
    },
    /// A part count other than 3 (JWS) or 5 (JWE).
    #[error("the token has {count} dot-separated part(s); a signed JWT (JWS) has exactly 3")]
    WrongPartCount {
        /// How many parts were found.
        count: usize,
    },
    /// The input is a JSON object: the JWS JSON serialization, not the compact form.
    #[error(
        "this looks like the JWS JSON serialization ({{\"payload\": ...}}); only the compact form header.payload.signature is supported"
    )]
    JsonSerialization,
    /// The header part is empty.
    #[error("the header part is empty")]
    EmptyHeader,
    /// A part is not valid base64url.
    #[error(
        "invalid base64url in the {part} at byte {offset} (byte {token_offset} of the token): {reason}"
    )]
    InvalidBase64 {
        /// Which part.
        part: crate::jose::token::Part,
        /// Byte offset within the part.
        offset: usize,
        /// Byte offset within the cleaned token.
        token_offset: usize,
        /// What is wrong.
        reason: String,
    },
    /// A part that must be text is not UTF-8.
    #[error(
        "the {part} is not valid UTF-8 (first bad byte at offset {offset} of the decoded {part})"
    )]
    InvalidUtf8 {
        /// Which part.
        part: crate::jose::token::Part,
        /// Offset of the first invalid byte in the decoded bytes.
        offset: usize,
    },
    /// A part that must be JSON is not.
    #[error("the {part} is not valid JSON at line {line}, column {column}: {reason}")]
    InvalidJson {
        /// Which part.
        part: crate::jose::token::Part,
        /// 1-based line in the decoded JSON.
        line: usize,
        /// 1-based column in the decoded JSON.
        column: usize,
        /// The parser's message.
        reason: String,
    },
    /// The header is JSON but not an object.
    #[error("the header must be a JSON object")]
    HeaderNotObject,
    /// The header has no `alg`.
    #[error("the header has no \"alg\" member")]
    MissingAlg,
    /// The header `alg` is not a string.
    #[error("the header \"alg\" must be a string, found {found}")]
    AlgNotString {
        /// The JSON value found.
        found: String,
    },
    /// The `alg` matches a known algorithm only case-insensitively (e.g. `NONE`).
    #[error(
        "\"{given}\" is not a valid alg: names are case-sensitive, did you mean \"{expected}\"?"
    )]
    AlgorithmWrongCase {
        /// The value as written.
        given: String,
        /// The registered spelling.
        expected: &'static str,
    },
    /// The `alg` is not one this tool supports.
    #[error("unsupported algorithm \"{alg}\"")]
    UnsupportedAlgorithm {
        /// The value as written.
        alg: String,
    },
    // --- keys (owned by keys/) ---
    /// The key text matched none of the supported formats.
    #[error("unrecognised key format: {0}")]
    UnrecognisedKey(String),
    /// The key text is empty (after trimming whitespace).
    #[error("the key is empty")]
    EmptyKey,
    /// The key text is larger than any key, certificate or JWKS this tool accepts.
    #[error("the key input is {len} bytes; at most {max} bytes are accepted")]
    KeyInputTooLarge {
        /// Size of the input in bytes.
        len: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// A PEM block has a label this tool does not import (e.g. `CERTIFICATE REQUEST`).
    #[error("PEM label \"{found}\" is not supported here; expected {expected}")]
    UnsupportedPemLabel {
        /// The label after `-----BEGIN `.
        found: String,
        /// The labels that would have been accepted.
        expected: &'static str,
    },
    /// A PEM block is malformed: boundaries, base64 body or structure.
    #[error("malformed PEM ({label}): {reason}")]
    MalformedPem {
        /// The label of the block, or a description of where parsing stopped.
        label: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The DER inside a PEM block (or a base64 DER paste) is not the structure its label promises.
    #[error("invalid {structure}: {reason}")]
    MalformedDer {
        /// The ASN.1 structure expected, e.g. "PKCS#8 private key".
        structure: &'static str,
        /// The decoder's explanation.
        reason: String,
    },
    /// The private key is password-protected; this tool never asks for passwords.
    #[error(
        "the private key is encrypted ({format}); decrypt it first, e.g. `openssl pkey -in key.pem -out key-plain.pem`"
    )]
    EncryptedPrivateKey {
        /// How the encryption was recognised, e.g. "PEM label ENCRYPTED PRIVATE KEY".
        format: &'static str,
    },
    /// A private key was required but the input holds only public material.
    #[error("expected a private key, but the input is {found}")]
    NotAPrivateKey {
        /// What was found instead, e.g. "a public key (PEM label PUBLIC KEY)".
        found: String,
    },
    /// The key's algorithm (by OID or JWK `kty`) is recognised but not supported for JWS.
    #[error("unsupported key algorithm: {0}")]
    UnsupportedKeyAlgorithm(String),
    /// The elliptic curve is not one of P-256, P-384, P-521 (ECDSA) or Ed25519 (EdDSA).
    #[error("unsupported curve {0}: supported curves are P-256, P-384, P-521 and Ed25519")]
    UnsupportedCurve(String),
    /// The key decoded but its values are rejected (e.g. modulus too small, point not on curve).
    #[error("invalid {kind} key: {reason}")]
    InvalidKeyMaterial {
        /// The key type, e.g. "RSA" or "EC P-256".
        kind: &'static str,
        /// Why the values were rejected.
        reason: String,
    },
    /// The JWK or JWKS text is not valid JSON, or not a JSON object.
    #[error("invalid JWK: {0}")]
    InvalidJwk(String),
    /// A member the JWK's `kty` requires is absent.
    #[error("the {kty} JWK is missing the required member \"{member}\"")]
    JwkMissingMember {
        /// The key type (`kty`) of the JWK.
        kty: String,
        /// The missing member name, e.g. "n" or "crv".
        member: &'static str,
    },
    /// A JWK member has the wrong type, bad base64url or the wrong length.
    #[error("the JWK member \"{member}\" is invalid: {reason}")]
    JwkInvalidMember {
        /// The member name.
        member: String,
        /// What is wrong with its value.
        reason: String,
    },
    /// A JWKS held no key that can verify JWS signatures.
    #[error("the JWKS has no usable signing key: {}", .skipped.join("; "))]
    NoUsableKeys {
        /// Why each key was skipped, e.g. "key #1 (kid \"a\"): unsupported curve X25519".
        skipped: Vec<String>,
    },
    /// The HMAC secret could not be decoded in the chosen encoding.
    #[error("invalid {encoding} secret: {reason}")]
    InvalidSecret {
        /// The encoding chosen: "UTF-8", "base64url" or "hex".
        encoding: &'static str,
        /// Where and why decoding failed.
        reason: String,
    },
    /// The key cannot be written in the requested format (e.g. PKCS#1 for an EC key).
    #[error("{key} cannot be exported as {format}")]
    KeyExportUnsupported {
        /// The requested format, e.g. "PKCS#1 PEM".
        format: &'static str,
        /// Description of the key, e.g. "an EC P-256 private key".
        key: String,
    },
    /// Encoding a key failed inside the encoder (not expected for keys this crate built).
    #[error("could not encode the key as {format}: {reason}")]
    KeyEncoding {
        /// The target format.
        format: &'static str,
        /// The encoder's explanation.
        reason: String,
    },
    /// Key generation failed (e.g. the random number generator failed).
    #[error("key generation failed: {0}")]
    KeyGeneration(String),
    /// An ML-DSA key could not be read, written or used (its module's own error).
    #[error("{0}")]
    MlDsa(#[from] super::mldsa::MlDsaError),
    /// An ML-DSA private key read in the page, which leaves its arithmetic to the worker.
    #[error("reading the {} private key in the worker…", .0.jose_name())]
    MlDsaPrivateKeyElsewhere(super::mldsa::MlDsaParams),
    /// The worker's Rust engine refused a key the page handed it to read, in its words.
    #[error("{0}")]
    KeyRefusedByWorker(String),
    /// The Rust engine itself could not run an operation (its randomness or an internal
    /// invariant failed); no other engine is left to try.
    #[error("the Rust engine could not run: {reason}")]
    EngineFailed {
        /// What went wrong.
        reason: String,
    },
    // --- signing and verification (owned by sign.rs / verify.rs) ---
    /// The header `alg` does not fit the key that was given.
    #[error("algorithm {alg} cannot be used with {}", key.describe())]
    AlgorithmKeyMismatch {
        /// The algorithm named by the header or chosen by the user.
        alg: Algorithm,
        /// The kind of key given.
        key: KeyType,
    },
    /// `alg: none` was asked to be verified or signed; an unsecured token is never "verified".
    #[error("alg \"none\" means the token is unsecured: it is never verified or signed")]
    AlgNoneNotAllowed,
    /// The signature does not match the signing input and key.
    #[error("signature does not match")]
    SignatureMismatch,
    /// The signature has the wrong length for the algorithm and key.
    #[error("signature has wrong length: got {got} bytes, {alg} needs {expected}")]
    SignatureWrongLength {
        /// The algorithm.
        alg: &'static str,
        /// Length of the signature given.
        got: usize,
        /// Length required.
        expected: usize,
    },
    /// An ECDSA signature is ASN.1 DER; JWS requires the fixed-size r||s form (RFC 7518 §3.4).
    #[error(
        "the {alg} signature looks like ASN.1 DER ({got} bytes); JWS requires r||s, exactly {expected} bytes (convert it, e.g. with a P1363 encoding)"
    )]
    EcdsaSignatureIsDer {
        /// The algorithm.
        alg: &'static str,
        /// Length of the signature given.
        got: usize,
        /// Length required.
        expected: usize,
    },
    /// r or s is zero: never valid, and the CVE-2022-21449 forgery ("psychic signatures").
    #[error(
        "the {alg} signature has {which} = 0, which is never valid (the CVE-2022-21449 forgery)"
    )]
    EcdsaZeroScalar {
        /// The algorithm.
        alg: &'static str,
        /// "r", "s" or "r and s".
        which: &'static str,
    },
    /// r or s is not below the curve order.
    #[error("the {alg} signature has r or s not below the curve order")]
    EcdsaScalarOutOfRange {
        /// The algorithm.
        alg: &'static str,
    },
    /// The token's encoding was repaired while decoding; a strict verifier rejects it.
    #[error("the token is not strict compact JWS ({diagnosis}); a strict verifier rejects it")]
    NotStrictEncoding {
        /// The repair that was needed.
        diagnosis: String,
    },
    /// Signing or hashing failed inside the crypto library.
    #[error("{alg} signing failed: {reason}")]
    SigningFailed {
        /// The algorithm.
        alg: &'static str,
        /// The library's message.
        reason: String,
    },
    /// The header JSON given for signing is not a JSON object.
    #[error("the header to sign is not a JSON object: {reason}")]
    InvalidHeaderToSign {
        /// Why.
        reason: String,
    },
    /// No key to try.
    #[error("no verification keys were given")]
    NoKeys,
    /// The header names a `kid` that none of the keys has.
    #[error("no key has kid \"{kid}\" (available: {available})")]
    NoKeyForKid {
        /// The header `kid`.
        kid: String,
        /// The kids available, comma separated.
        available: String,
    },
    /// The key's JWK `alg` names a different algorithm than the token header.
    #[error("the key is for {key_alg} (its JWK \"alg\"), but the token header says {alg}")]
    KeyAlgMismatch {
        /// The key's JWK `alg`.
        key_alg: String,
        /// The header `alg`.
        alg: String,
    },
    /// Every candidate key failed.
    #[error("no key verified the signature: {}", KeyFailure::join(.reasons))]
    NoKeyVerified {
        /// Each key tried and why it did not verify, in the order tried.
        reasons: Vec<KeyFailure>,
    },
    /// A header member name occurs twice (RFC 7515 §5.2 lets a verifier reject such a header):
    /// the page shows one value while another parser may use the other.
    #[error("duplicate header parameter \"{name}\"")]
    DuplicateHeaderParameter {
        /// The member name (a dotted path when nested).
        name: String,
    },
    /// `crit` breaks a rule of RFC 7515 §4.1.11, so a conforming verifier rejects the token.
    #[error("malformed \"crit\" header: {reason}")]
    CritInvalid {
        /// The first rule broken.
        reason: String,
    },
    /// `crit` lists an extension this page does not implement (it implements `b64`, RFC 7797):
    /// RFC 7515 §4.1.11 says the token must then be rejected.
    #[error("unsupported critical header parameter \"{name}\"")]
    UnsupportedCritical {
        /// The parameter name (shortened).
        name: String,
    },
    /// `b64` is not a JSON boolean (RFC 7797 §3).
    #[error("the header \"b64\" must be true or false")]
    B64NotBoolean,
    /// `b64` is present but `crit` does not list it (RFC 7797 §6 requires it, so that a
    /// verifier unaware of `b64` refuses the token instead of misreading the payload).
    #[error("the header has \"b64\" but \"crit\" does not list it (RFC 7797 section 6)")]
    B64NotCritical,
    /// The HMAC secret given is a public key: HMAC keyed with public key bytes is the
    /// algorithm-confusion attack. PyJWT (`InvalidKeyError`) and jsonwebtoken 9 refuse it.
    #[error(
        "the secret is a public key ({key}), not an HMAC secret: keying HMAC with a public key is the algorithm-confusion attack, which trusted libraries refuse"
    )]
    SecretIsPublicKey {
        /// What kind of key it is, e.g. "an RSA key".
        key: &'static str,
    },
    /// An RSA modulus larger than any real key: refused before any arithmetic, so a hostile
    /// key cannot make the page compute for seconds.
    #[error("the RSA modulus is {bits} bits; at most {max} bits are accepted")]
    RsaKeyTooLarge {
        /// The modulus size in bits.
        bits: usize,
        /// The limit.
        max: usize,
    },
}
