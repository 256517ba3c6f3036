//! Importing one JWK (RFC 7517 / RFC 7518 section 6 / RFC 8037 / RFC 9964): `kty` RSA, EC (P-256,
//! P-384, P-521), OKP (Ed25519), oct and AKP (ML-DSA).

use serde_json::{Map, Value};

use super::algorithm::{EcCurve, KeyType};
use super::components::{
    RsaPrivateParts, check_public_matches, ec_private, ec_public, ed25519_private, ed25519_public,
    rsa_crt_values, rsa_private, rsa_public,
};
use super::secret::decode_base64_any;
use super::{HmacSecret, PrivateKey, PublicKey};
use crate::jose::JoseError;
use crate::jose::mldsa::{MlDsaError, MlDsaParams};

/// A JWK object being read, with its `kty` for error messages.
pub(crate) struct Jwk<'a> {
    members: &'a Map<String, Value>,
    kty: &'a str,
}

impl<'a> Jwk<'a> {
    /// Wraps a JSON value that must be an object with a string `kty`.
    pub(crate) fn new(value: &'a Value) -> Result<Self, JoseError> {
        let members = value.as_object().ok_or_else(|| {
            JoseError::InvalidJwk(format!(
                "expected a JSON object, found {}",
                json_type(value)
            ))
        })?;
        let kty = match members.get("kty") {
            Some(Value::String(kty)) => kty.as_str(),
            Some(other) => return Err(wrong_type("kty", other)),
            None => {
                return Err(JoseError::JwkMissingMember {
                    kty: "untyped".into(),
                    member: "kty",
                });
            }
        };
        Ok(Jwk { members, kty })
    }

    /// The optional string member `name` (`kid`, `alg`, `use`); a non-string is an error.
    pub(crate) fn optional_str(&self, name: &str) -> Result<Option<&'a str>, JoseError> {
        match self.members.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(other) => Err(wrong_type(name, other)),
        }
    }

    fn required_str(&self, name: &'static str) -> Result<&'a str, JoseError> {
        self.optional_str(name)?
            .ok_or_else(|| JoseError::JwkMissingMember {
                kty: self.kty.to_owned(),
                member: name,
            })
    }

    fn optional_bytes(&self, name: &str) -> Result<Option<Vec<u8>>, JoseError> {
        self.optional_str(name)?
            .map(|text| {
                decode_base64_any(text).map_err(|reason| JoseError::JwkInvalidMember {
                    member: name.to_owned(),
                    reason,
                })
            })
            .transpose()
    }

    fn required_bytes(&self, name: &'static str) -> Result<Vec<u8>, JoseError> {
        self.required_str(name)?;
        self.optional_bytes(name)?
            .ok_or_else(|| JoseError::JwkMissingMember {
                kty: self.kty.to_owned(),
                member: name,
            })
    }

    /// A fixed-length member (EC coordinates and scalars, Ed25519 keys).
    fn sized_bytes(
        &self,
        name: &'static str,
        len: usize,
        what: &str,
    ) -> Result<Vec<u8>, JoseError> {
        let bytes = self.required_bytes(name)?;
        if bytes.len() == len {
            Ok(bytes)
        } else {
            Err(JoseError::JwkInvalidMember {
                member: name.to_owned(),
                reason: format!("expected {len} bytes for {what}, found {}", bytes.len()),
            })
        }
    }

    /// Refuses a key whose `use` is `"enc"` (RFC 7517 section 4.2): an encryption key is not
    /// meant to verify signatures, whether it comes alone or in a JWKS.
    pub(crate) fn check_signature_use(&self) -> Result<(), JoseError> {
        if self.optional_str("use")? == Some("enc") {
            return Err(JoseError::JwkInvalidMember {
                member: "use".into(),
                reason: "\"enc\": an encryption key, not a signature key".into(),
            });
        }
        Ok(())
    }

    /// The JWK's members, for readers that take them whole (the ML-DSA module's).
    pub(crate) fn members(&self) -> &'a Map<String, Value> {
        self.members
    }

    fn has(&self, name: &str) -> bool {
        self.members.contains_key(name)
    }

    /// The key type `kty` (and `crv`, for the types that have one) names.
    fn key_type(&self) -> Result<KeyType, JoseError> {
        let mut with_kty = KeyType::ALL
            .into_iter()
            .filter(|t| t.kty() == self.kty)
            .peekable();
        let first = with_kty
            .peek()
            .copied()
            .ok_or_else(|| unsupported_kty(self.kty))?;
        if let KeyType::Akp(_) = first {
            // RFC 9964: an AKP key's `alg` (required) names its parameter set.
            let alg = self.required_str("alg")?;
            return MlDsaParams::from_jose_name(alg)
                .map(KeyType::Akp)
                .ok_or_else(|| MlDsaError::UnknownAlgorithm(alg.to_owned()).into());
        }
        if first.crv().is_none() {
            return Ok(first);
        }
        let crv = self.required_str("crv")?;
        with_kty
            .find(|t| t.crv() == Some(crv))
            .ok_or_else(|| JoseError::UnsupportedCurve(format!("\"{crv}\"")))
    }

    /// The public key (for `oct`: the secret) this JWK describes. Private members are ignored.
    pub(crate) fn public_key(&self) -> Result<PublicKey, JoseError> {
        super::public_from_jwk(self.key_type()?, self)
    }

    /// The private key this JWK describes; a public-only JWK gives [`JoseError::NotAPrivateKey`].
    pub(crate) fn private_key(&self) -> Result<PrivateKey, JoseError> {
        let key_type = self.key_type()?;
        // RFC 9964 names an AKP key's private part `priv`; the others' is `d` (RFC 7518).
        let private_member = if let KeyType::Akp(_) = key_type {
            "priv"
        } else {
            "d"
        };
        if key_type != KeyType::Oct && !self.has(private_member) {
            return Err(JoseError::NotAPrivateKey {
                found: format!(
                    "a public {} JWK (it has no \"{private_member}\" member)",
                    self.kty
                ),
            });
        }
        super::private_from_jwk(key_type, self)
    }

    /// An RSA public key from `n` and `e`.
    pub(super) fn rsa_public(&self) -> Result<PublicKey, JoseError> {
        rsa_public(&self.required_bytes("n")?, &self.required_bytes("e")?).map(PublicKey::Rsa)
    }

    /// An EC public key from `x` and `y`.
    pub(super) fn ec_public(&self, curve: EcCurve) -> Result<PublicKey, JoseError> {
        ec_public(curve, &self.ec_point(curve)?)
    }

    /// An EC private key from `d`, checked against `x` and `y`.
    pub(super) fn ec_private(&self, curve: EcCurve) -> Result<PrivateKey, JoseError> {
        let d = self.sized_bytes("d", curve.field_len(), curve.jwk_name())?;
        let key = ec_private(curve, &d)?;
        let public = ec_public(curve, &self.ec_point(curve)?)?;
        check_public_matches(&key, &public, KeyType::Ec(curve).name())?;
        Ok(key)
    }

    /// An Ed25519 public key from `x`.
    pub(super) fn ed25519_public(&self) -> Result<PublicKey, JoseError> {
        ed25519_public(&self.sized_bytes("x", 32, "Ed25519")?)
    }

    /// An Ed25519 private key from `d`, checked against `x`.
    pub(super) fn ed25519_private(&self) -> Result<PrivateKey, JoseError> {
        let key = ed25519_private(&self.sized_bytes("d", 32, "Ed25519")?)?;
        let public = ed25519_public(&self.sized_bytes("x", 32, "Ed25519")?)?;
        check_public_matches(&key, &public, "Ed25519")?;
        Ok(key)
    }

    /// `04 || x || y`, the uncompressed SEC1 point the curve crates decode.
    fn ec_point(&self, curve: EcCurve) -> Result<Vec<u8>, JoseError> {
        let len = curve.field_len();
        let mut point = vec![0x04];
        point.extend(self.sized_bytes("x", len, curve.jwk_name())?);
        point.extend(self.sized_bytes("y", len, curve.jwk_name())?);
        Ok(point)
    }

    pub(super) fn oct_secret(&self) -> Result<HmacSecret, JoseError> {
        let k = self.required_bytes("k")?;
        if k.is_empty() {
            return Err(JoseError::JwkInvalidMember {
                member: "k".into(),
                reason: "the secret is empty".into(),
            });
        }
        Ok(HmacSecret(k))
    }

    pub(super) fn rsa_private(&self) -> Result<rsa::PrivateKey, JoseError> {
        if self.has("oth") {
            return Err(JoseError::UnsupportedKeyAlgorithm(
                "multi-prime RSA (JWK member \"oth\")".into(),
            ));
        }
        let (n, e, d) = (
            self.required_bytes("n")?,
            self.required_bytes("e")?,
            self.required_bytes("d")?,
        );
        // RFC 7518 section 6.3.2: p, q, dp, dq and qi come together or not at all; with `d`
        // alone the rsa crate recovers the primes.
        let primes = if self.has("p") || self.has("q") {
            Some((self.required_bytes("p")?, self.required_bytes("q")?))
        } else {
            None
        };
        let key = rsa_private(&RsaPrivateParts {
            n: &n,
            e: &e,
            d: &d,
            primes: primes.as_ref().map(|(p, q)| (p.as_slice(), q.as_slice())),
        })?;
        self.check_crt_values(&key)?;
        Ok(key)
    }

    /// The rsa crate recomputes `dp`, `dq` and `qi`; ones given in the JWK must agree, so a
    /// corrupted JWK is reported rather than silently repaired.
    fn check_crt_values(&self, key: &rsa::PrivateKey) -> Result<(), JoseError> {
        let Some(computed) = rsa_crt_values(key) else {
            return Ok(());
        };
        for (name, expected) in ["dp", "dq", "qi"].into_iter().zip(computed) {
            if let Some(given) = self.optional_bytes(name)? {
                let start = given.iter().position(|b| *b != 0).unwrap_or(given.len());
                if given.get(start..) != Some(expected.as_slice()) {
                    return Err(JoseError::JwkInvalidMember {
                        member: name.into(),
                        reason: "it does not match the value computed from d, p and q".into(),
                    });
                }
            }
        }
        Ok(())
    }
}

fn unsupported_kty(kty: &str) -> JoseError {
    let mut supported: Vec<&str> = KeyType::ALL.iter().map(|t| t.kty()).collect();
    supported.dedup();
    JoseError::UnsupportedKeyAlgorithm(format!(
        "JWK kty \"{kty}\" (supported: {})",
        supported.join(", ")
    ))
}

fn wrong_type(member: &str, value: &Value) -> JoseError {
    JoseError::JwkInvalidMember {
        member: member.to_owned(),
        reason: format!("expected a string, found {}", json_type(value)),
    }
}

pub(crate) use crate::jose::json_text::json_type;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_missing_and_malformed_members() {
        let v = json!({"kty": "EC", "crv": "P-256", "x": "AAAA"});
        let err = Jwk::new(&v).unwrap().public_key().unwrap_err();
        assert!(
            err.to_string()
                .contains("expected 32 bytes for P-256, found 3"),
            "{err}"
        );

        let v = json!({"kty": "RSA", "e": "AQAB"});
        let err = Jwk::new(&v).unwrap().public_key().unwrap_err();
        assert_eq!(
            err,
            JoseError::JwkMissingMember {
                kty: "RSA".into(),
                member: "n"
            }
        );

        let v = json!({"kty": "OKP", "crv": "X25519", "x": "AAAA"});
        let err = Jwk::new(&v).unwrap().public_key().unwrap_err();
        assert!(matches!(err, JoseError::UnsupportedCurve(_)));

        let v = json!({"kty": 5});
        assert!(matches!(
            Jwk::new(&v),
            Err(JoseError::JwkInvalidMember { .. })
        ));

        let v = json!({"kty": "oct", "k": "a*bc"});
        let err = Jwk::new(&v).unwrap().public_key().unwrap_err();
        assert!(matches!(err, JoseError::JwkInvalidMember { ref member, .. } if member == "k"));
    }

    #[test]
    fn public_jwk_is_not_private() {
        let v = json!({"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
        let jwk = Jwk::new(&v).unwrap();
        assert!(jwk.public_key().is_ok());
        assert!(matches!(
            jwk.private_key(),
            Err(JoseError::NotAPrivateKey { .. })
        ));
    }
}
