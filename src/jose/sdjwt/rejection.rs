//! What makes a readable SD-JWT one that a holder or verifier MUST reject (RFC 9901 section
//! 7.1). [`super::resolve`] lists them all rather than stopping at the first, so a debugger can
//! show every problem next to the payload it could still rebuild.

use thiserror::Error;

/// One reason to reject an SD-JWT. Positions are 1-based, as [`super::Summary`] numbers the
/// disclosures; paths are JSON pointers into the processed payload.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Rejection {
    /// A digest occurs twice in the payload or the disclosures (section 7.1 step 4); the second
    /// occurrence is not expanded.
    #[error(
        "the digest {digest} occurs more than once (again at {}); RFC 9901 section 7.1 step 4 rejects that", at(.path)
    )]
    DuplicateDigest {
        /// The digest.
        digest: String,
        /// Where it occurred again (the object or array holding it).
        path: String,
    },
    /// The same disclosure was sent twice (section 4).
    #[error(
        "disclosure #{position} is sent twice (also as #{first}); a holder must send each disclosure once"
    )]
    RepeatedDisclosure {
        /// The repeat's position.
        position: usize,
        /// The first one's position.
        first: usize,
    },
    /// A disclosure whose digest is nowhere in the payload or in other disclosures: tampered,
    /// from another SD-JWT, or its parent disclosure was not sent (section 7.1 step 5).
    #[error(
        "disclosure #{position} (digest {digest}) is not referenced by the payload or by another disclosure; RFC 9901 section 7.1 step 5 rejects that"
    )]
    Unreferenced {
        /// Its position.
        position: usize,
        /// Its digest.
        digest: String,
    },
    /// A disclosed claim whose name the object already has (section 7.1 step 3.3.2.3).
    #[error(
        "disclosure #{position} would add {path}, which already exists; RFC 9901 section 7.1 rejects that"
    )]
    ClaimExists {
        /// The disclosure's position.
        position: usize,
        /// The claim it would add.
        path: String,
    },
    /// An array element's disclosure (two elements) referenced from an object's `_sd`.
    #[error(
        "disclosure #{position} is an array element's ([salt, value]) but is referenced from the _sd of {}, where a [salt, name, value] disclosure belongs",
        at(.path)
    )]
    ElementInObject {
        /// The disclosure's position.
        position: usize,
        /// The object holding the `_sd`.
        path: String,
    },
    /// An object property's disclosure (three elements) referenced from an array.
    #[error(
        "disclosure #{position} is an object property's ([salt, name, value]) but is referenced from the array {path}, where a [salt, value] disclosure belongs"
    )]
    PropertyInArray {
        /// The disclosure's position.
        position: usize,
        /// The array.
        path: String,
    },
    /// An `_sd` that is not an array of strings (section 4.2.4.1).
    #[error("the _sd of {} is not an array of digest strings", at(.path))]
    MalformedSd {
        /// The object holding it.
        path: String,
    },
    /// Nesting deeper than [`super::MAX_DEPTH`], through disclosures within disclosures.
    #[error("the payload nests deeper than {max} levels at {path}; the rest is not expanded")]
    TooDeep {
        /// Where the limit was reached.
        path: String,
        /// The limit.
        max: usize,
    },
}

/// A path for messages: the root's pointer is empty.
fn at(path: &str) -> &str {
    if path.is_empty() {
        "the top level"
    } else {
        path
    }
}
