//! The finding kinds, each with the data that shows it, and its severity (their stable ids are
//! in `ids.rs`). The reasoning behind each severity is on the variant.

use super::Severity;
use super::details::{CritProblem, EpkProblem, KeyHeader, KidIssue, TimeClaim};
use crate::jose::algorithm::{Algorithm, KeyType};
use crate::jose::token::{Diagnosis, Part};

/// Above this PBES2 count a JWE is refused before any work (the JWE core's limit).
pub(crate) const PBES2_COUNT_REFUSED_ABOVE: u64 = crate::jose::jwe::MAX_PBES2_ITERATIONS as u64;

/// Below this many bytes (128 bits) a short HMAC secret is an error rather than a warning.
pub(crate) const HMAC_SECRET_ERROR_BELOW: usize = 16;

/// Everything the review can find. Texts are in [`super::Finding::title`] and friends.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindingKind {
    /// `alg` is `none` in some casing (`"none"`, `"NONE"`, `"nOnE"`). **Error**: the token has no
    /// signature, so anyone can forge it; mixed casing is the classic way past a filter that
    /// compares against `"none"` only.
    AlgNone {
        /// The value as written in the header.
        written: String,
    },
    /// The header has no `alg`. **Error**: RFC 7515 makes `alg` mandatory; without it nothing
    /// says how the token is protected.
    AlgMissing,
    /// `alg` is not a JSON string. **Error**: invalid per RFC 7515; libraries that coerce it
    /// behave unpredictably.
    AlgNotString {
        /// The value's JSON text (shortened).
        found: String,
    },
    /// `alg` names a known algorithm in the wrong case, e.g. `"hs256"`. **Warning**: `alg` is
    /// case-sensitive, so strict verifiers reject the token while lenient ones accept it; the
    /// disagreement is a bug waiting to happen, not a forgery by itself.
    AlgWrongCase {
        /// The value as written.
        written: String,
        /// The registered spelling.
        canonical: Algorithm,
    },
    /// `crit` is present. **Warning**: it lists extensions a verifier must understand or reject
    /// the token for; this tool implements only `b64` (RFC 7797), and many libraries ignore
    /// `crit`.
    CritPresent {
        /// The names listed (string entries only).
        names: Vec<String>,
    },
    /// `crit` is malformed (RFC 7515 §4.1.11). **Error**: a conforming verifier must reject the
    /// token.
    CritInvalid {
        /// Each rule broken, in order.
        problems: Vec<CritProblem>,
    },
    /// A header that points to or carries a key (`jku`, `x5u`, `jwk`, `x5c`). **Warning**: a
    /// verifier that trusts it checks the signature with the attacker's own key; it is only
    /// safe against a fixed allow-list, which is not visible from the token. This tool shows
    /// it and never fetches or trusts it.
    KeyHeaderPresent {
        /// Which header.
        header: KeyHeader,
    },
    /// `kid` contains characters used for path traversal or SQL injection, is very long or is
    /// not a string. **Warning**: harmless if the verifier looks keys up safely, but the value
    /// is attacker-controlled and such characters serve no legitimate purpose.
    SuspiciousKid {
        /// What is suspicious, in a fixed order.
        issues: Vec<KidIssue>,
    },
    /// `typ` is present but is neither `JWT` nor `at+jwt`. **Info**: not a weakness, but an
    /// unexpected type can mean the token is meant for a different purpose (token confusion).
    UnusualTyp {
        /// The value (shortened; JSON text if not a string).
        typ: String,
    },
    /// The decoder had to change the token text to decode it (whitespace inside, standard
    /// base64, padding). **Info**: the display is right, but a strict verifier rejects the
    /// token as given.
    TokenRepaired {
        /// The repairs that changed the token text.
        repairs: Vec<Diagnosis>,
    },
    /// `exp`, `nbf` or `iat` is not a JSON number. **Error**: RFC 7519 requires a NumericDate;
    /// verifiers either reject the token or, worse, skip the check.
    ClaimNotNumeric {
        /// Which claim.
        claim: TimeClaim,
        /// The value's JSON text (shortened).
        found: String,
    },
    /// No `exp`. **Warning**: the token never expires, so a leaked token works forever; some
    /// uses (e.g. ID tokens) require it.
    ExpMissing,
    /// `exp` is at or before `iat`. **Error**: the token was expired when issued: a broken
    /// issuer clock or a hand-made token.
    ExpNotAfterIat {
        /// `exp` (Unix seconds).
        exp: i64,
        /// `iat` (Unix seconds).
        iat: i64,
    },
    /// The lifetime exceeds [`super::LintContext::max_lifetime_secs`]. **Warning**: a long-lived
    /// bearer token widens the window in which a leaked copy can be replayed.
    LongLifetime {
        /// `exp - iat`, or `exp - now` when there is no `iat`.
        lifetime_secs: i64,
        /// The limit it exceeds.
        max_secs: i64,
        /// Whether the lifetime was measured from `iat` (else from now).
        from_iat: bool,
    },
    /// `nbf` is in the future. **Info**: a legitimate feature (a token issued ahead of use);
    /// it is rejected until then, which is a usability fact, not a weakness. Often it means
    /// the issuer's clock is ahead.
    NotYetValid {
        /// `nbf` (Unix seconds).
        nbf: i64,
        /// The time of the review.
        now: i64,
    },
    /// `exp` is in the past. **Warning**: verifiers reject it; not a weakness of the token,
    /// but the reason a request fails.
    Expired {
        /// `exp` (Unix seconds).
        exp: i64,
        /// The time of the review.
        now: i64,
    },
    /// `iat` is in the future. **Warning**: tokens are not issued from the future: a skewed
    /// issuer clock, or a token forged to look fresh for longer.
    IatInFuture {
        /// `iat` (Unix seconds).
        iat: i64,
        /// The time of the review.
        now: i64,
    },
    /// An ES* signature in ASN.1 DER form instead of JOSE's fixed-size `r || s`. **Error**: a
    /// conforming verifier rejects it (RFC 7518 §3.4); it comes from signing with a generic
    /// crypto API and not converting.
    EcdsaSignatureDer {
        /// The header algorithm.
        alg: Algorithm,
        /// The signature length in bytes.
        len: usize,
    },
    /// An ES* signature of the wrong length for the curve (not DER either). **Error**: it
    /// cannot verify; often truncated or taken from another token.
    EcdsaSignatureLength {
        /// The header algorithm.
        alg: Algorithm,
        /// The signature length in bytes.
        len: usize,
        /// The length `r || s` has for this curve.
        expected: usize,
    },
    /// An ES* signature whose `r` or `s` is zero. **Error**: never valid, and the
    /// "psychic signature" (CVE-2022-21449) that some Java versions accepted for any message.
    EcdsaZeroComponent {
        /// The header algorithm.
        alg: Algorithm,
        /// Whether `r` is zero.
        r_zero: bool,
        /// Whether `s` is zero.
        s_zero: bool,
    },
    /// The HMAC secret is shorter than the hash output (RFC 7518 §3.2). **Warning**, or
    /// **Error** below 16 bytes (128 bits, under the NIST SP 800-131A floor of 112 bits for
    /// HMAC keys): anyone holding a token can brute-force a short secret offline, then forge
    /// tokens at will.
    HmacSecretTooShort {
        /// The header algorithm.
        alg: Algorithm,
        /// The secret's length in bytes.
        secret_bytes: usize,
        /// The minimum RFC 7518 asks for (the hash output length).
        needed_bytes: usize,
    },
    /// The RSA key is under 2048 bits. **Error**: 1024-bit RSA is within reach of
    /// well-funded attackers and disallowed by NIST since 2013; smaller keys are factorable.
    RsaKeyTooSmall {
        /// The modulus size in bits.
        bits: usize,
    },
    /// A member name occurs twice in one JSON object of the header or payload. **Error**: this
    /// page (like `serde_json` and most JavaScript) uses the last value, other parsers the
    /// first: `{"alg":"none","alg":"RS256"}` means two things at once.
    DuplicateMember {
        /// Header or payload.
        part: Part,
        /// The duplicated names, as dotted paths.
        names: Vec<String>,
    },
    /// The signature is empty though `alg` names a signing algorithm. **Error**: the token is
    /// effectively unsigned; a verifier that skips an empty signature accepts forgeries.
    SignatureEmpty {
        /// The header algorithm.
        alg: Algorithm,
    },
    /// The header's `jwk` or `x5c` holds the very key the token is verified with. **Error**:
    /// the token vouches for itself; whoever made it chose the key, so a "verified" status
    /// proves nothing unless that key is trusted for other reasons.
    SelfVouchingKey {
        /// The header that carries the key (`jwk` or `x5c`).
        header: KeyHeader,
    },
    /// The verification key's JWK `alg` names another algorithm than the header. **Error**:
    /// RFC 7517 §4.4 says the key is for its `alg` only, so verification refuses it.
    KeyAlgDiffers {
        /// The header algorithm.
        alg: Algorithm,
        /// The key's JWK `alg` (shortened).
        key_alg: String,
    },
    /// The token is signed with one of this page's built-in demo keys, whose private half is
    /// public. **Error**: anyone can make tokens with this key.
    DemoKey,
    /// The header `alg` does not fit the verification key. **Error**: with an HS* `alg` and a
    /// public key this is algorithm confusion (the public key used as an HMAC secret, so
    /// anyone can forge); in other cases a verifier that follows the header uses the key
    /// wrongly.
    AlgKeyMismatch {
        /// The header algorithm.
        alg: Algorithm,
        /// The kind of key given.
        key: KeyType,
    },
    /// A JWE's `alg` is `RSA1_5`. **Warning**: PKCS#1 v1.5 key encryption is open to
    /// padding-oracle attacks (Bleichenbacher): a recipient whose errors or timing differ
    /// decrypts for the attacker. RFC 8725 §3.2 deprecates it.
    JweRsa1_5,
    /// A PBES2 JWE's `p2c` is below 1000 (**Warning**: the password is cheap to guess) or above
    /// 1,000,000 (**Error**: refused before any work, since the count is the sender's to set
    /// and decrypting would cost that much).
    JwePbes2Count {
        /// The header's `p2c`.
        p2c: u64,
    },
    /// A JWE has `zip`. **Warning**: compressing secrets next to attacker-chosen data leaks them
    /// through the ciphertext length (RFC 8725 §3.6), and inflating is where zip bombs go off.
    JweCompressed {
        /// The header's `zip`.
        zip: String,
    },
    /// An ECDH-ES JWE's `epk` is not a point on its curve, is an X25519 key of small order, or
    /// is missing or malformed. **Error**: a recipient that computes with an off-curve point
    /// leaks its private key to whoever chose the point (the invalid-curve attack), and a
    /// small-order key makes the agreed secret all zeros; decryption refuses it.
    JweEpkInvalid {
        /// What is wrong with it.
        problem: EpkProblem,
    },
    /// The symmetric key given for a `dir`, AES key-wrap or AES-GCM key-wrap JWE is not the
    /// length the algorithm fixes. **Error**: decryption refuses it, and a library that pads,
    /// truncates or hashes such a key silently changes its strength (a 16-byte key "for"
    /// A256GCM gives 128-bit security at best).
    JweKeyLength {
        /// The header's `alg` (`dir`, `A128KW`, `A128GCMKW`…).
        alg: &'static str,
        /// The algorithm that fixes the length: the `enc` for `dir`, else the `alg` itself.
        fixed_by: &'static str,
        /// The length it needs, in bytes.
        expected: usize,
        /// The length of the key given, in bytes.
        found: usize,
    },
    /// A decrypted JWE's plaintext is a signed JWT (a nested JWS) but the header has no
    /// `cty: "JWT"`. **Warning**: RFC 7519 §5.2 asks for it so the recipient knows to verify
    /// the inner token; without it an application may take the signed token for plain data and
    /// never check its signature.
    JweNestedWithoutCty,
}

impl FindingKind {
    /// How much this finding matters; the reasoning is on each variant.
    pub fn severity(&self) -> Severity {
        use FindingKind::*;
        match self {
            AlgNone { .. }
            | AlgMissing
            | AlgNotString { .. }
            | CritInvalid { .. }
            | ClaimNotNumeric { .. }
            | ExpNotAfterIat { .. }
            | EcdsaSignatureDer { .. }
            | EcdsaSignatureLength { .. }
            | EcdsaZeroComponent { .. }
            | RsaKeyTooSmall { .. }
            | AlgKeyMismatch { .. }
            | DuplicateMember { .. }
            | SignatureEmpty { .. }
            | SelfVouchingKey { .. }
            | KeyAlgDiffers { .. }
            | DemoKey
            | JweEpkInvalid { .. }
            | JweKeyLength { .. } => Severity::Error,
            JwePbes2Count { p2c } if *p2c > PBES2_COUNT_REFUSED_ABOVE => Severity::Error,
            HmacSecretTooShort { secret_bytes, .. } if *secret_bytes < HMAC_SECRET_ERROR_BELOW => {
                Severity::Error
            }
            AlgWrongCase { .. }
            | CritPresent { .. }
            | KeyHeaderPresent { .. }
            | SuspiciousKid { .. }
            | ExpMissing
            | LongLifetime { .. }
            | Expired { .. }
            | IatInFuture { .. }
            | HmacSecretTooShort { .. }
            | JweRsa1_5
            | JwePbes2Count { .. }
            | JweCompressed { .. }
            | JweNestedWithoutCty => Severity::Warning,
            UnusualTyp { .. } | TokenRepaired { .. } | NotYetValid { .. } => Severity::Info,
        }
    }
}
