//! Export: PEM (PKCS#8, PKCS#1, SPKI), JWK (public and private), JWKS, and the publishable JWK
//! with `kid` = RFC 7638 thumbprint.
//!
//! PEM output uses LF line endings and 64-column lines, byte-identical to what
//! `openssl pkey -pubout` / `openssl rsa -pubout` print for the same key.

use pkcs1::EncodeRsaPrivateKey;
use pkcs8::{EncodePrivateKey, LineEnding};
use rsa::traits::PrivateKeyParts;
use serde_json::{Value, json};
use spki::EncodePublicKey;

use super::components::rsa_crt_values;
use super::thumbprint::{b64, required_members};
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
        let doc = match self {
            PublicKey::Rsa(k) => k.to_public_key_der(),
            PublicKey::P256(k) => k.to_public_key_der(),
            PublicKey::P384(k) => k.to_public_key_der(),
            PublicKey::P521(k) => k.to_public_key_der(),
            PublicKey::Ed25519(k) => k.to_public_key_der(),
            PublicKey::Hmac(_) => {
                return Err(JoseError::KeyExportUnsupported {
                    format: "a PEM public key",
                    key: self.describe(),
                });
            }
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
        Value::Object(required_members(self))
    }

    /// The JWK to publish to a gateway or JWKS endpoint: the public members plus `kid` (the RFC
    /// 7638 thumbprint), `use: "sig"` and `alg` (e.g. "RS256").
    pub fn to_published_jwk(&self, alg: &str) -> Value {
        let mut jwk = required_members(self);
        jwk.insert("kid".into(), self.thumbprint().into());
        jwk.insert("use".into(), "sig".into());
        jwk.insert("alg".into(), alg.into());
        Value::Object(jwk)
    }
}

impl PrivateKey {
    /// The DER PKCS#8 `PrivateKeyInfo`; an HMAC secret has none.
    pub fn to_pkcs8_der(&self) -> Result<Vec<u8>, JoseError> {
        let doc = match self {
            PrivateKey::Rsa(k) => k.to_pkcs8_der(),
            PrivateKey::P256(k) => k.to_pkcs8_der(),
            PrivateKey::P384(k) => k.to_pkcs8_der(),
            PrivateKey::P521(k) => k.to_pkcs8_der(),
            // Seed only (PKCS#8 v1, RFC 8410), as `openssl genpkey` writes it; ed25519-dalek's
            // own encoder would add the public key (v2), which older tools reject.
            PrivateKey::Ed25519(k) => ed25519_dalek::ed25519::pkcs8::KeypairBytes {
                secret_key: k.to_bytes(),
                public_key: None,
            }
            .to_pkcs8_der(),
            PrivateKey::Hmac(_) => {
                return Err(JoseError::KeyExportUnsupported {
                    format: "PKCS#8 PEM",
                    key: self.describe(),
                });
            }
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
        let mut jwk = required_members(&self.public_key());
        let mut add = |name: &str, bytes: &[u8]| {
            jwk.insert(name.into(), b64(bytes));
        };
        match self {
            PrivateKey::Rsa(k) => add_rsa_private(k, &mut add),
            PrivateKey::P256(k) => add("d", &k.to_bytes()),
            PrivateKey::P384(k) => add("d", &k.to_bytes()),
            PrivateKey::P521(k) => add("d", &k.to_bytes()),
            PrivateKey::Ed25519(k) => add("d", &k.to_bytes()),
            PrivateKey::Hmac(_) => {}
        }
        Value::Object(jwk)
    }
}

/// RSA private members. Serialisation runs on the user's own key for display, so the
/// variable-time trimming of the big-endian encodings leaks nothing to anyone else.
fn add_rsa_private(key: &rsa::PrivateKey, add: &mut impl FnMut(&str, &[u8])) {
    add("d", &key.d().to_be_bytes_trimmed_vartime());
    let primes = key.primes();
    if let [p, q] = primes {
        add("p", &p.to_be_bytes_trimmed_vartime());
        add("q", &q.to_be_bytes_trimmed_vartime());
        if let Some([dp, dq, qi]) = rsa_crt_values(key) {
            add("dp", &dp);
            add("dq", &dq);
            add("qi", &qi);
        }
    }
}

/// A JWKS document (`{"keys": [...]}`) from exported JWKs.
pub fn jwks(keys: &[Value]) -> Value {
    json!({ "keys": keys })
}
