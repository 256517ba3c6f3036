//! RFC 9964 AKP ("Algorithm Key Pair") JWKs for ML-DSA: `kty` "AKP", `alg` (required: it names
//! the parameter set), `pub` (the encoded public key) and, in private keys, `priv` (the 32-byte
//! seed), all byte strings base64url; and the RFC 7638 thumbprint over `alg`, `kty` and `pub`.

use crate::jose::json_text::json_type;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{MlDsaError, MlDsaParams, MlDsaPrivateKey, MlDsaPublicKey};
use crate::jose::base64url;

/// The JWK `kty` of RFC 9964 section 3.
pub const AKP_KTY: &str = "AKP";

/// Whether `value` is a JSON object with `kty` "AKP", so a key reader can route it here before
/// checking anything else.
pub fn looks_like_akp_jwk(value: &Value) -> bool {
    value.get("kty").and_then(Value::as_str) == Some(AKP_KTY)
}

/// An AKP JWK being read.
struct AkpJwk<'a> {
    members: &'a Map<String, Value>,
    params: MlDsaParams,
}

/// The members of a JWK, which must be a JSON object.
fn object(value: &Value) -> Result<&Map<String, Value>, MlDsaError> {
    value.as_object().ok_or_else(|| {
        MlDsaError::NotAkpJwk(format!(
            "expected a JSON object, found {}",
            json_type(value)
        ))
    })
}

impl<'a> AkpJwk<'a> {
    /// Checks `kty` and reads `alg`, which RFC 9964 section 3 makes required for AKP keys.
    fn new(members: &'a Map<String, Value>) -> Result<AkpJwk<'a>, MlDsaError> {
        match required_str(members, "kty")? {
            AKP_KTY => {}
            other => {
                return Err(MlDsaError::NotAkpJwk(format!(
                    "its kty is \"{other}\", not \"AKP\""
                )));
            }
        }
        let alg = required_str(members, "alg")?;
        let params = MlDsaParams::from_jose_name(alg)
            .ok_or_else(|| MlDsaError::UnknownAlgorithm(alg.to_owned()))?;
        Ok(AkpJwk { members, params })
    }

    /// A base64url member, decoded (standard-alphabet and padded spellings are accepted too,
    /// as for the other key types, since JWKs are often retyped by hand or other tools).
    fn bytes(&self, name: &'static str) -> Result<Option<Vec<u8>>, MlDsaError> {
        let Some(value) = self.members.get(name) else {
            return Ok(None);
        };
        let text = value.as_str().ok_or_else(|| MlDsaError::JwkInvalidMember {
            member: name,
            reason: format!("expected a base64url string, found {}", json_type(value)),
        })?;
        base64url::decode_lenient(text)
            .map(|decoded| Some(decoded.bytes))
            .map_err(|e| MlDsaError::JwkInvalidMember {
                member: name,
                reason: format!("invalid base64url at offset {}: {}", e.offset, e.reason),
            })
    }

    fn public_key(&self) -> Result<MlDsaPublicKey, MlDsaError> {
        let bytes = self
            .bytes("pub")?
            .ok_or(MlDsaError::JwkMissingMember("pub"))?;
        MlDsaPublicKey::from_bytes(self.params, &bytes)
    }
}

fn required_str<'a>(
    members: &'a Map<String, Value>,
    name: &'static str,
) -> Result<&'a str, MlDsaError> {
    match members.get(name) {
        None => Err(MlDsaError::JwkMissingMember(name)),
        Some(Value::String(text)) => Ok(text),
        Some(other) => Err(MlDsaError::JwkInvalidMember {
            member: name,
            reason: format!("expected a string, found {}", json_type(other)),
        }),
    }
}

fn b64(bytes: &[u8]) -> Value {
    Value::String(base64url::encode(bytes))
}

impl MlDsaPublicKey {
    /// The public key of an AKP JWK (`kty`, `alg`, `pub`). A `priv` member is ignored, as the
    /// other key types ignore their private members when a public key is wanted; `use` and
    /// `key_ops` are the caller's to check.
    pub fn from_jwk(value: &Value) -> Result<MlDsaPublicKey, MlDsaError> {
        Self::from_jwk_members(object(value)?)
    }

    /// [`MlDsaPublicKey::from_jwk`] of a JWK object's members (for readers that hold them).
    pub fn from_jwk_members(members: &Map<String, Value>) -> Result<MlDsaPublicKey, MlDsaError> {
        AkpJwk::new(members)?.public_key()
    }

    /// The RFC 7638 required members in lexicographic order, as RFC 9964 section 6 lists them:
    /// `alg`, `kty`, `pub`. Also exactly the members of the public JWK.
    pub fn required_members(&self) -> Map<String, Value> {
        let mut members = Map::new();
        members.insert("alg".into(), self.params().jose_name().into());
        members.insert("kty".into(), AKP_KTY.into());
        members.insert("pub".into(), b64(self.as_bytes()));
        members
    }

    /// The public JWK: `alg`, `kty`, `pub`.
    pub fn to_jwk(&self) -> Value {
        Value::Object(self.required_members())
    }

    /// The JWK to publish (a JWKS entry): the public members, then `kid` (the thumbprint) and
    /// `use: "sig"`; `alg` is already among the members.
    pub fn to_published_jwk(&self) -> Value {
        let mut members = self.required_members();
        members.insert("kid".into(), self.thumbprint().into());
        members.insert("use".into(), "sig".into());
        Value::Object(members)
    }

    /// The RFC 7638 thumbprint: base64url(SHA-256(`{"alg":…,"kty":"AKP","pub":…}`)), the JSON
    /// without whitespace. Base64url strings need no JSON escaping, so serde's compact output
    /// is the canonical form.
    pub fn thumbprint(&self) -> String {
        let canonical = Value::Object(self.required_members()).to_string();
        base64url::encode(&Sha256::digest(canonical.as_bytes()))
    }
}

impl MlDsaPrivateKey {
    /// The private key of an AKP JWK: `priv` is the 32-byte seed (RFC 9964 section 4), and the
    /// public key it expands to must equal `pub` (RFC 9964 section 7.5: mismatched AKP parameters).
    pub fn from_jwk(value: &Value) -> Result<MlDsaPrivateKey, MlDsaError> {
        Self::from_jwk_members(object(value)?)
    }

    /// [`MlDsaPrivateKey::from_jwk`] of a JWK object's members (for readers that hold them).
    pub fn from_jwk_members(members: &Map<String, Value>) -> Result<MlDsaPrivateKey, MlDsaError> {
        let jwk = AkpJwk::new(members)?;
        let seed = Zeroizing::new(jwk.bytes("priv")?.ok_or_else(|| {
            MlDsaError::NotAPrivateKey(
                "the AKP JWK has no \"priv\" member (it is a public key)".into(),
            )
        })?);
        let key = MlDsaPrivateKey::from_seed(jwk.params, &seed)?;
        if *key.public_key() != jwk.public_key()? {
            return Err(MlDsaError::PublicKeyMismatch {
                alg: jwk.params.jose_name(),
                given: "\"pub\" member",
            });
        }
        Ok(key)
    }

    /// The private JWK: `alg`, `kty`, `pub`, then `priv` (the seed). An expanded-only key has no
    /// seed to write, which RFC 9964 requires, so it gives [`MlDsaError::NoSeed`].
    pub fn to_jwk(&self) -> Result<Value, MlDsaError> {
        let seed = self.seed().ok_or(MlDsaError::NoSeed {
            alg: self.params().jose_name(),
            format: "an RFC 9964 JWK (\"priv\" is the seed)",
        })?;
        let mut members = self.public_key().required_members();
        members.insert("priv".into(), b64(seed.as_slice()));
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trip_and_member_order() {
        let key = MlDsaPrivateKey::from_seed(MlDsaParams::Ml44, &[0; 32]).unwrap();
        let jwk = key.to_jwk().unwrap();
        let names: Vec<&str> = jwk
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(names, ["alg", "kty", "pub", "priv"]);
        assert!(looks_like_akp_jwk(&jwk));
        assert_eq!(MlDsaPrivateKey::from_jwk(&jwk).unwrap(), key);
        assert_eq!(MlDsaPublicKey::from_jwk(&jwk).unwrap(), *key.public_key());
        let published = key.public_key().to_published_jwk();
        assert_eq!(published["kid"], key.public_key().thumbprint().as_str());
        assert_eq!(published["use"], "sig");
    }

    #[test]
    fn refusals_name_the_member() {
        let key = MlDsaPrivateKey::from_seed(MlDsaParams::Ml44, &[1; 32]).unwrap();
        let good = key.to_jwk().unwrap();
        let with = |name: &str, value: Value| {
            let mut jwk = good.clone();
            jwk[name] = value;
            jwk
        };
        let err = MlDsaPublicKey::from_jwk(&with("alg", json!("ML-DSA-99"))).unwrap_err();
        assert_eq!(err, MlDsaError::UnknownAlgorithm("ML-DSA-99".into()));
        let mut no_alg = good.clone();
        no_alg.as_object_mut().unwrap().remove("alg");
        assert_eq!(
            MlDsaPublicKey::from_jwk(&no_alg).unwrap_err(),
            MlDsaError::JwkMissingMember("alg")
        );
        // The ML-DSA-44 public key under the ML-DSA-65 name has the wrong length.
        let err = MlDsaPublicKey::from_jwk(&with("alg", json!("ML-DSA-65"))).unwrap_err();
        assert!(matches!(
            err,
            MlDsaError::WrongLength {
                expected: 1952,
                actual: 1312,
                ..
            }
        ));
        let err = MlDsaPublicKey::from_jwk(&with("pub", json!(5))).unwrap_err();
        assert!(matches!(
            err,
            MlDsaError::JwkInvalidMember { member: "pub", .. }
        ));
        let err = MlDsaPrivateKey::from_jwk(&with("priv", json!("AAAA"))).unwrap_err();
        assert!(
            matches!(err, MlDsaError::WrongLength { actual: 3, .. }),
            "{err}"
        );
        let err = MlDsaPrivateKey::from_jwk(&key.public_key().to_jwk()).unwrap_err();
        assert!(matches!(err, MlDsaError::NotAPrivateKey(_)));
        let err = MlDsaPublicKey::from_jwk(&with("kty", json!("OKP"))).unwrap_err();
        assert!(matches!(err, MlDsaError::NotAkpJwk(_)));
        assert!(matches!(
            MlDsaPublicKey::from_jwk(&json!([1])),
            Err(MlDsaError::NotAkpJwk(_))
        ));
    }

    #[test]
    fn priv_of_another_key_is_refused() {
        let a = MlDsaPrivateKey::from_seed(MlDsaParams::Ml65, &[1; 32]).unwrap();
        let b = MlDsaPrivateKey::from_seed(MlDsaParams::Ml65, &[2; 32]).unwrap();
        let mut jwk = a.to_jwk().unwrap();
        jwk["priv"] = b.to_jwk().unwrap()["priv"].clone();
        let err = MlDsaPrivateKey::from_jwk(&jwk).unwrap_err();
        assert!(matches!(err, MlDsaError::PublicKeyMismatch { .. }), "{err}");
        assert!(!format!("{a:?}").contains(&base64url::encode(&[1; 32])));
    }
}
