//! Export: PEM (PKCS#8, PKCS#1, SPKI), JWK (public and private), JWKS, and the publishable JWK
//! with `kid` = RFC 7638 thumbprint.
//!
//! PEM output uses LF line endings and 64-column lines, byte-identical to what
//! `openssl pkey -pubout` / `openssl rsa -pubout` print for the same key.

use pkcs1::EncodeRsaPrivateKey;
use pkcs8::LineEnding;
use serde_json::{Map, Value, json};

use super::thumbprint::b64;
use super::{PrivateKey, PublicKey};
use crate::jose::JoseError;

fn encoding_error(format: &'static str) -> impl Fn(&dyn std::fmt::Display) -> JoseError {
    move |e| JoseError::KeyEncoding {
        format,
        reason: e.to_string(),
    }
}

impl PublicKey {
    /// The DER `SubjectPublicKeyInfo`; an HMAC secret has none.
    pub fn to_spki_der(&self) -> Result<Vec<u8>, JoseError> {
        let Some(doc) = self.spki_document() else {
            return Err(JoseError::KeyExportUnsupported {
                format: "a PEM public key",
                key: self.describe(),
            });
        };
        doc.map(|doc| doc.into_vec())
            .map_err(|e| encoding_error("SPKI")(&e))
    }

    /// `-----BEGIN PUBLIC KEY-----` PEM (SPKI), as `openssl pkey -pubout` prints it.
    pub fn to_spki_pem(&self) -> Result<String, JoseError> {
        let der = self.to_spki_der()?;
        der::pem::encode_string("PUBLIC KEY", LineEnding::LF, &der)
            .map_err(|e| encoding_error("PEM")(&e))
    }

    /// The public JWK: exactly the RFC 7638 required members, in lexicographic order
    /// (for an HMAC secret: `k` and `kty`, i.e. the secret itself).
    pub fn to_jwk(&self) -> Value {
        Value::Object(self.required_members())
    }

    /// The JWK to publish to a gateway or JWKS endpoint: the public members plus `kid` (the RFC
    /// 7638 thumbprint), `use: "sig"` and `alg` (e.g. "RS256").
    pub fn to_published_jwk(&self, alg: &str) -> Value {
        labelled_jwk(self.required_members(), &self.thumbprint(), "sig", alg)
    }
}

/// A JWK's key members followed by `kid`, `use` and `alg`, in the order every JWK the generator
/// writes has them (the key first, so that a reader sees what it is before what it is for).
pub(crate) fn labelled_jwk(
    mut members: Map<String, Value>,
    kid: &str,
    key_use: &str,
    alg: &str,
) -> Value {
    members.insert("kid".into(), kid.into());
    members.insert("use".into(), key_use.into());
    members.insert("alg".into(), alg.into());
    Value::Object(members)
}

impl PrivateKey {
    /// The DER PKCS#8 `PrivateKeyInfo`; an HMAC secret has none.
    pub fn to_pkcs8_der(&self) -> Result<Vec<u8>, JoseError> {
        let Some(doc) = self.pkcs8_document() else {
            return Err(JoseError::KeyExportUnsupported {
                format: "PKCS#8 PEM",
                key: self.describe(),
            });
        };
        doc.map(|doc| doc.as_bytes().to_vec())
            .map_err(|e| encoding_error("PKCS#8")(&e))
    }

    /// `-----BEGIN PRIVATE KEY-----` PEM (PKCS#8), what OpenSSL 3 writes for every key type.
    pub fn to_pkcs8_pem(&self) -> Result<String, JoseError> {
        let der = self.to_pkcs8_der()?;
        der::pem::encode_string("PRIVATE KEY", LineEnding::LF, &der)
            .map_err(|e| encoding_error("PEM")(&e))
    }

    /// `-----BEGIN RSA PRIVATE KEY-----` PEM (PKCS#1), for tools that predate PKCS#8; RSA only.
    pub fn to_pkcs1_pem(&self) -> Result<String, JoseError> {
        let PrivateKey::Rsa(k) = self else {
            return Err(JoseError::KeyExportUnsupported {
                format: "PKCS#1 PEM (RSA PRIVATE KEY)",
                key: self.describe(),
            });
        };
        k.to_pkcs1_pem(LineEnding::LF)
            .map(|pem| pem.as_str().to_owned())
            .map_err(|e| encoding_error("PKCS#1")(&e))
    }

    /// The private JWK: the public members (lexicographic) followed by the private ones
    /// (`d`; for RSA also `p`, `q`, `dp`, `dq`, `qi`). For an HMAC secret: `k` and `kty`.
    pub fn to_jwk(&self) -> Value {
        Value::Object(self.jwk_members())
    }

    /// The members of [`PrivateKey::to_jwk`], for a JWK that gets more (`kid`, `use`, `alg`).
    pub(crate) fn jwk_members(&self) -> Map<String, Value> {
        let mut jwk = self.public_key().required_members();
        self.add_private_members(&mut |name: &str, bytes: &[u8]| {
            jwk.insert(name.into(), b64(bytes));
        });
        jwk
    }
}

/// A JWKS document (`{"keys": [...]}`) from exported JWKs.
pub fn jwks(keys: &[Value]) -> Value {
    json!({ "keys": keys })
}
