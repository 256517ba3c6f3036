//! Disclosures (RFC 9901 section 4.2): base64url of a JSON array `[salt, name, value]` for an
//! object property or `[salt, value]` for an array element, referenced by its digest.

use rand_core::CryptoRng;
use serde_json::Value;

use super::{DisclosureError, SdAlg};
use crate::jose::base64url;

/// Bytes of random salt: 128 bits, what section 9.3 recommends.
pub const SALT_BYTES: usize = 16;

/// Claim names a disclosure must not carry (section 4.2.1): they mark digests.
pub const FORBIDDEN_NAMES: [&str; 2] = ["_sd", "..."];

/// One decoded disclosure. Salts are not secret from the holder, so `Debug` shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct Disclosure {
    /// The disclosure exactly as it appears in the SD-JWT (what the digest is taken over).
    pub encoded: String,
    /// The decoded JSON text, as the issuer wrote it.
    pub json: String,
    /// The salt.
    pub salt: String,
    /// The claim name; `None` for an array element.
    pub name: Option<String>,
    /// The claim value or array element.
    pub value: Value,
    /// `base64url(hash(encoded))` with the SD-JWT's `_sd_alg`.
    pub digest: String,
}

impl Disclosure {
    /// Decodes a disclosure and computes its digest with `alg`.
    pub fn parse(encoded: &str, alg: SdAlg) -> Result<Disclosure, DisclosureError> {
        let bytes = base64url::decode(encoded).map_err(|e| DisclosureError::Base64 {
            offset: e.offset,
            reason: e.reason,
        })?;
        let json = String::from_utf8(bytes).map_err(|e| DisclosureError::NotJson(e.to_string()))?;
        let array = match serde_json::from_str::<Value>(&json) {
            Ok(Value::Array(array)) => array,
            Ok(_) => return Err(DisclosureError::NotArray),
            Err(e) => return Err(DisclosureError::NotJson(e.to_string())),
        };
        let (salt, name, value) = match <[Value; 3]>::try_from(array) {
            Ok([salt, name, value]) => (salt, Some(name), value),
            Err(array) => match <[Value; 2]>::try_from(array) {
                Ok([salt, value]) => (salt, None, value),
                Err(array) => return Err(DisclosureError::WrongLength { len: array.len() }),
            },
        };
        let Value::String(salt) = salt else {
            return Err(DisclosureError::SaltNotString);
        };
        let name = match name {
            None => None,
            Some(Value::String(name)) if FORBIDDEN_NAMES.contains(&name.as_str()) => {
                return Err(DisclosureError::ForbiddenName(name));
            }
            Some(Value::String(name)) => Some(name),
            Some(_) => return Err(DisclosureError::NameNotString),
        };
        Ok(Disclosure {
            digest: alg.digest(encoded),
            encoded: encoded.to_owned(),
            json,
            salt,
            name,
            value,
        })
    }

    /// A new disclosure with a fresh 128-bit salt: `name` `None` makes an array element's.
    pub fn create<R: CryptoRng + ?Sized>(
        name: Option<&str>,
        value: Value,
        alg: SdAlg,
        rng: &mut R,
    ) -> Disclosure {
        let mut salt = [0u8; SALT_BYTES];
        rng.fill_bytes(&mut salt);
        let salt = base64url::encode(&salt);
        let array = match name {
            Some(name) => Value::Array(vec![salt.clone().into(), name.into(), value.clone()]),
            None => Value::Array(vec![salt.clone().into(), value.clone()]),
        };
        let json = array.to_string();
        let encoded = base64url::encode(json.as_bytes());
        Disclosure {
            digest: alg.digest(&encoded),
            encoded,
            json,
            salt,
            name: name.map(str::to_owned),
            value,
        }
    }

    /// What it discloses, for lists: `given_name: "John"` or `array element: "US"`.
    pub fn describe(&self) -> String {
        match &self.name {
            Some(name) => format!("{name}: {}", self.value),
            None => format!("array element: {}", self.value),
        }
    }
}

/// A random decoy digest (section 4.2.5): the hash of 128 random bits, like a real digest.
pub fn decoy_digest<R: CryptoRng + ?Sized>(alg: SdAlg, rng: &mut R) -> String {
    let mut bytes = [0u8; SALT_BYTES];
    rng.fill_bytes(&mut bytes);
    alg.digest(&base64url::encode(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::rng::seeded_rng;
    use serde_json::json;

    fn encode(json: &str) -> String {
        base64url::encode(json.as_bytes())
    }

    #[test]
    fn rfc_9901_object_property_and_array_element() {
        let d = Disclosure::parse(
            "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0",
            SdAlg::Sha256,
        )
        .unwrap();
        assert_eq!(d.salt, "_26bc4LT-ac6q2KI6cBW5es");
        assert_eq!(d.name.as_deref(), Some("family_name"));
        assert_eq!(d.value, json!("Möbius"));
        assert_eq!(d.digest, "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0");
        let d = Disclosure::parse("WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0", SdAlg::Sha256)
            .unwrap();
        assert_eq!((d.name, d.value), (None, json!("FR")));
        assert_eq!(d.digest, "w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs");
    }

    #[test]
    fn malformed_disclosures_are_refused() {
        let err = |text: &str| Disclosure::parse(text, SdAlg::Sha256).unwrap_err();
        assert!(matches!(err("WyJ+"), DisclosureError::Base64 { .. }));
        assert!(matches!(err(&encode("[1,")), DisclosureError::NotJson(_)));
        assert!(matches!(
            err(&base64url::encode(&[0xff, 0xfe])),
            DisclosureError::NotJson(_)
        ));
        assert_eq!(err(&encode(r#"{"a":1}"#)), DisclosureError::NotArray);
        assert_eq!(
            err(&encode(r#"["s"]"#)),
            DisclosureError::WrongLength { len: 1 }
        );
        assert_eq!(
            err(&encode(r#"["s","a","b","c"]"#)),
            DisclosureError::WrongLength { len: 4 }
        );
        assert_eq!(
            err(&encode(r#"[1,"a","b"]"#)),
            DisclosureError::SaltNotString
        );
        assert_eq!(err(&encode(r#"[1,"b"]"#)), DisclosureError::SaltNotString);
        assert_eq!(
            err(&encode(r#"["s",2,"b"]"#)),
            DisclosureError::NameNotString
        );
        for name in FORBIDDEN_NAMES {
            let text = encode(&json!(["s", name, 1]).to_string());
            assert_eq!(err(&text), DisclosureError::ForbiddenName(name.to_owned()));
        }
    }

    #[test]
    fn created_disclosures_parse_back() {
        let mut rng = seeded_rng().unwrap();
        let made = Disclosure::create(Some("age"), json!({"a": [1, 2]}), SdAlg::Sha384, &mut rng);
        assert_eq!(made.salt.len(), 22, "128 bits in base64url");
        assert_eq!(
            Disclosure::parse(&made.encoded, SdAlg::Sha384).unwrap(),
            made
        );
        let element = Disclosure::create(None, json!("DE"), SdAlg::Sha256, &mut rng);
        assert_eq!(element.name, None);
        assert_eq!(element.describe(), "array element: \"DE\"");
        assert_ne!(decoy_digest(SdAlg::Sha256, &mut rng), made.digest);
    }
}
