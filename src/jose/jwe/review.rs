//! What the security review (`jose::lints`) reads from the JWE core, so that its findings and
//! the core's refusals and findings come from the same code: the `epk` check, the nested-JWS
//! test on a plaintext, and the length of a symmetric key text.

use serde_json::{Map, Value};

use super::error::JweError;
use super::key_text::{encryption_jwk_alg, for_each_jwk, oct_secret};
use super::{epk, findings};
use crate::jose::JoseError;

/// The header's ECDH-ES `epk` checked as decryption checks it, without a key: why it would be
/// refused (off its curve, of small order, malformed or missing), if it would.
pub(crate) fn epk_problem(header: &Map<String, Value>) -> Option<JweError> {
    epk::check(header).err()
}

/// Whether `plaintext` is a compact JWS (a nested JWT) though `header` has no `cty: "JWT"`,
/// exactly as decryption's [`super::JweFinding::NestedJwsWithoutCty`] decides it.
pub(crate) fn nested_jws_without_cty(header: &Map<String, Value>, plaintext: &[u8]) -> bool {
    findings::nested_jws_without_cty(header, plaintext)
}

/// The length in bytes of the secret of an `oct` JWK, or of a JWKS's first `oct` entry (among
/// those with `kid`, when one has it), read as decryption reads it; `None` when the text holds
/// no such key. Only the length leaves: the review needs no more of the key.
pub(crate) fn oct_key_len(text: &str, kid: Option<&str>) -> Option<usize> {
    for_each_jwk(text.trim(), kid, |jwk| {
        encryption_jwk_alg(jwk)?;
        oct_secret(jwk)?
            .map(|secret| secret.as_bytes().len())
            .ok_or(JweError::Key(JoseError::NoKeys))
    })
    .ok()
}
