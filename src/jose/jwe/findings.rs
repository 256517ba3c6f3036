//! Facts about a decrypted JWE worth showing next to the plaintext: weak or risky choices that
//! did not stop the decryption.

use serde_json::{Map, Value};

use super::alg::KeyManagement;
use super::header::Params;
use super::wrap::MIN_RECOMMENDED_PBES2_ITERATIONS;
use crate::jose::base64url;

/// One fact about a JWE, for the page's findings list.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JweFinding {
    /// `RSA1_5` was used: PKCS#1 v1.5 encryption invites padding-oracle attacks (RFC 8725
    /// section 3.2 recommends against it).
    Rsa1_5Used,
    /// PBES2 with fewer iterations than RFC 7518 section 4.8.1.2 recommends.
    Pbes2FewIterations {
        /// The header's `p2c`.
        p2c: u32,
    },
    /// The plaintext was compressed (`zip: "DEF"`): compressing secrets next to attacker-chosen
    /// data leaks them through the ciphertext length (RFC 8725 section 3.6).
    Compressed,
    /// The plaintext is a compact JWS (a nested JWT) but the header has no `cty: "JWT"` (RFC 7519
    /// section 5.2 asks for it so the recipient knows to verify the inner token).
    NestedJwsWithoutCty,
}

impl JweFinding {
    /// The finding in one sentence.
    pub fn message(&self) -> String {
        match self {
            JweFinding::Rsa1_5Used => "RSA1_5 (RSAES-PKCS1-v1_5) key encryption is vulnerable to padding-oracle attacks; prefer RSA-OAEP-256".into(),
            JweFinding::Pbes2FewIterations { p2c } => format!(
                "the PBES2 iteration count p2c = {p2c} is below the {MIN_RECOMMENDED_PBES2_ITERATIONS} that RFC 7518 recommends, so the password is cheap to guess"
            ),
            JweFinding::Compressed => "the plaintext is compressed (zip: DEF); compression before encryption can leak secrets through the length".into(),
            JweFinding::NestedJwsWithoutCty => "the plaintext is a signed JWT (nested JWS) but the header has no \"cty\": \"JWT\"".into(),
        }
    }
}

/// The findings for a decryption with these parameters and this plaintext.
pub(super) fn collect(
    params: Params,
    header: &Map<String, Value>,
    plaintext: &[u8],
) -> Vec<JweFinding> {
    let mut findings = Vec::new();
    if params.alg == KeyManagement::Rsa1_5 {
        findings.push(JweFinding::Rsa1_5Used);
    }
    if let KeyManagement::Pbes2(_) = params.alg
        && let Some(p2c) = header.get("p2c").and_then(Value::as_u64)
        && let Ok(p2c) = u32::try_from(p2c)
        && p2c < MIN_RECOMMENDED_PBES2_ITERATIONS
    {
        findings.push(JweFinding::Pbes2FewIterations { p2c });
    }
    if params.zip {
        findings.push(JweFinding::Compressed);
    }
    if nested_jws_without_cty(header, plaintext) {
        findings.push(JweFinding::NestedJwsWithoutCty);
    }
    findings
}

/// Whether the plaintext is a compact JWS but the header has no `cty: "JWT"` (in any casing:
/// `cty` is a media type, and those compare case-insensitively, RFC 7515 section 4.1.10).
pub(super) fn nested_jws_without_cty(header: &Map<String, Value>, plaintext: &[u8]) -> bool {
    let cty = header.get("cty").and_then(Value::as_str);
    let says_jwt = cty.is_some_and(|cty| cty.eq_ignore_ascii_case("JWT"));
    !says_jwt && looks_like_compact_jws(plaintext)
}

/// Three base64url parts whose first decodes to a JSON object with an `alg`.
fn looks_like_compact_jws(plaintext: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(plaintext) else {
        return false;
    };
    let parts: Vec<&str> = text.trim().split('.').collect();
    let [header, _, _] = parts.as_slice() else {
        return false;
    };
    base64url::decode(header)
        .ok()
        .and_then(|json| serde_json::from_slice::<Value>(&json).ok())
        .is_some_and(|value| value.get("alg").is_some_and(Value::is_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_jws_detection() {
        let jws = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";
        assert!(looks_like_compact_jws(jws.as_bytes()));
        assert!(!looks_like_compact_jws(b"{\"sub\":\"1\"}"));
        assert!(!looks_like_compact_jws(b"a.b.c"));
    }
}
