//! The `_sd_alg` hash (RFC 9901 section 4.1.1): the digests of disclosures and the KB-JWT's
//! `sd_hash` are both `base64url(hash(US-ASCII text))` with it.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::SdJwtError;
use crate::jose::base64url;

/// A hash named by `_sd_alg`, by its IANA "Hash Name String".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SdAlg {
    /// `sha-256`: the default when `_sd_alg` is absent, and the one every implementation has.
    Sha256,
    /// `sha-384`.
    Sha384,
    /// `sha-512`.
    Sha512,
}

impl SdAlg {
    /// The algorithm with this case-sensitive name (the registry's names are lower case).
    pub fn from_name(name: &str) -> Option<SdAlg> {
        match name {
            "sha-256" => Some(SdAlg::Sha256),
            "sha-384" => Some(SdAlg::Sha384),
            "sha-512" => Some(SdAlg::Sha512),
            _ => None,
        }
    }

    /// The name as `_sd_alg` spells it.
    pub fn name(self) -> &'static str {
        match self {
            SdAlg::Sha256 => "sha-256",
            SdAlg::Sha384 => "sha-384",
            SdAlg::Sha512 => "sha-512",
        }
    }

    /// `base64url(hash(text))` over the text's bytes: the text is a disclosure or a
    /// presentation exactly as it travels (never the bytes it decodes to, section 4.2.3).
    pub fn digest(self, text: &str) -> String {
        let bytes = text.as_bytes();
        match self {
            SdAlg::Sha256 => base64url::encode(&Sha256::digest(bytes)),
            SdAlg::Sha384 => base64url::encode(&Sha384::digest(bytes)),
            SdAlg::Sha512 => base64url::encode(&Sha512::digest(bytes)),
        }
    }

    /// The algorithm a payload's top-level `_sd_alg` names, SHA-256 when it has none; whether
    /// it was named comes with it.
    pub fn of_payload(payload: &Map<String, Value>) -> Result<(SdAlg, bool), SdJwtError> {
        match payload.get("_sd_alg") {
            None => Ok((SdAlg::Sha256, false)),
            Some(Value::String(name)) => SdAlg::from_name(name)
                .map(|alg| (alg, true))
                .ok_or_else(|| SdJwtError::UnsupportedSdAlg { name: name.clone() }),
            Some(other) => Err(SdJwtError::SdAlgNotString {
                found: other.to_string(),
            }),
        }
    }
}

impl std::fmt::Display for SdAlg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for alg in [SdAlg::Sha256, SdAlg::Sha384, SdAlg::Sha512] {
            assert_eq!(SdAlg::from_name(alg.name()), Some(alg));
        }
        assert_eq!(SdAlg::from_name("SHA-256"), None);
        assert_eq!(SdAlg::from_name("sha3-256"), None);
    }

    #[test]
    fn digest_lengths() {
        assert_eq!(SdAlg::Sha256.digest("a").len(), 43);
        assert_eq!(SdAlg::Sha384.digest("a").len(), 64);
        assert_eq!(SdAlg::Sha512.digest("a").len(), 86);
    }

    #[test]
    fn payload_default_unknown_and_non_string() {
        let map = |v: Value| v.as_object().cloned().unwrap();
        assert_eq!(
            SdAlg::of_payload(&map(json!({}))).unwrap(),
            (SdAlg::Sha256, false)
        );
        assert_eq!(
            SdAlg::of_payload(&map(json!({"_sd_alg": "sha-512"}))).unwrap(),
            (SdAlg::Sha512, true)
        );
        assert!(matches!(
            SdAlg::of_payload(&map(json!({"_sd_alg": "md5"}))),
            Err(SdJwtError::UnsupportedSdAlg { name }) if name == "md5"
        ));
        assert!(matches!(
            SdAlg::of_payload(&map(json!({"_sd_alg": 256}))),
            Err(SdJwtError::SdAlgNotString { .. })
        ));
    }
}
