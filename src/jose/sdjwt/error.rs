//! Why an SD-JWT could not be read, a disclosure could not be decoded, or one could not be
//! issued or presented. What makes a readable SD-JWT invalid (RFC 9901 section 7.1) is a
//! [`super::Rejection`] instead, so that the rest of it can still be shown.

use thiserror::Error;

use crate::jose::error::JoseError;

/// Why an SD-JWT (or SD-JWT+KB) cannot be parsed, issued or presented.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SdJwtError {
    /// Larger than [`crate::jose::token::MAX_TOKEN_LEN`].
    #[error("the SD-JWT is {len} bytes; at most {max} bytes are accepted")]
    TooLarge {
        /// Size of the input in bytes.
        len: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// No `~` at all: a plain JWT, not an SD-JWT.
    #[error(
        "no '~' separator: an SD-JWT is <Issuer-signed JWT>~<Disclosure>~...~ (RFC 9901 section 4)"
    )]
    NoSeparator,
    /// The part before the first `~` is not a compact JWS.
    #[error("the Issuer-signed JWT (before the first '~') cannot be decoded: {0}")]
    IssuerJwt(JoseError),
    /// The Issuer-signed JWT's payload is not a JSON object.
    #[error("the Issuer-signed JWT's payload is not a JSON object")]
    PayloadNotObject,
    /// `_sd_alg` is not a string.
    #[error("_sd_alg is {found}, not a string naming a hash algorithm")]
    SdAlgNotString {
        /// The value as JSON.
        found: String,
    },
    /// `_sd_alg` names a hash this implementation does not support.
    #[error("_sd_alg \"{name}\" is not supported (sha-256, sha-384 and sha-512 are)")]
    UnsupportedSdAlg {
        /// The name as given.
        name: String,
    },
    /// Two `~` in a row: an empty disclosure.
    #[error("disclosure #{position} is empty (two '~' in a row)")]
    EmptyDisclosure {
        /// 1-based position among the disclosures.
        position: usize,
    },
    /// A disclosure that does not decode.
    #[error("disclosure #{position} ({excerpt}): {reason}")]
    Disclosure {
        /// 1-based position among the disclosures.
        position: usize,
        /// The start of the disclosure as given.
        excerpt: String,
        /// What is wrong with it.
        reason: DisclosureError,
    },
    /// The last part is neither empty nor a JWT.
    #[error(
        "the last part, after the final '~', is not a Key Binding JWT ({0}); an SD-JWT without Key Binding ends with '~'"
    )]
    KeyBindingJwt(JoseError),
    /// Issuing: the claims are not a JSON object.
    #[error("the claims to issue are not a JSON object: {reason}")]
    ClaimsNotObject {
        /// The JSON error, or what the value is.
        reason: String,
    },
    /// Issuing: the claims already use a name SD-JWT reserves.
    #[error("the claims already contain \"{name}\" at {path}: SD-JWT reserves that name")]
    ReservedName {
        /// `_sd`, `...` or `_sd_alg`.
        name: String,
        /// Where, as a JSON pointer.
        path: String,
    },
    /// Issuing: a path to make disclosable is not a JSON pointer to a claim.
    #[error("\"{path}\" is not a JSON pointer like /address/street_address or /nationalities/1")]
    BadPath {
        /// The path as given.
        path: String,
    },
    /// Issuing: a path names no claim in the claims.
    #[error("\"{path}\" names no claim in the claims to issue")]
    PathNotFound {
        /// The path as given.
        path: String,
    },
    /// Issuing: the same path twice.
    #[error("\"{path}\" is listed twice")]
    DuplicatePath {
        /// The path as given.
        path: String,
    },
    /// Binding: the SD-JWT already ends with a Key Binding JWT.
    #[error("the SD-JWT already has a Key Binding JWT; bind a presentation that ends with '~'")]
    AlreadyBound,
    /// Issuing or binding: the core signer refused.
    #[error("signing failed: {0}")]
    Signing(JoseError),
    /// Presenting: a disclosure to keep that the SD-JWT does not have.
    #[error("the SD-JWT has no disclosure {wanted}")]
    UnknownDisclosure {
        /// The digest or the 1-based index asked for.
        wanted: String,
    },
}

/// Why one disclosure does not decode (RFC 9901 sections 4.2.1 and 4.2.2).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DisclosureError {
    /// Not base64url.
    #[error("not base64url at byte {offset}: {reason}")]
    Base64 {
        /// Byte offset within the disclosure.
        offset: usize,
        /// What is wrong.
        reason: String,
    },
    /// The decoded bytes are not UTF-8 JSON.
    #[error("the decoded text is not JSON: {0}")]
    NotJson(String),
    /// JSON, but not an array.
    #[error("the decoded JSON is not an array")]
    NotArray,
    /// An array of other than 2 or 3 elements.
    #[error(
        "the array has {len} element(s); a disclosure has 3 (salt, name, value) or 2 (salt, array element)"
    )]
    WrongLength {
        /// The array's length.
        len: usize,
    },
    /// The salt is not a string.
    #[error("the salt (first element) is not a string")]
    SaltNotString,
    /// The claim name is not a string.
    #[error("the claim name (second element) is not a string")]
    NameNotString,
    /// The claim name is `_sd` or `...`, which RFC 9901 forbids.
    #[error("the claim name \"{0}\" is forbidden (RFC 9901 section 4.2.1)")]
    ForbiddenName(String),
}
