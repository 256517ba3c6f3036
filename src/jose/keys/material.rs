//! What every newly generated key is exported as, whichever engine made it: PKCS#8 PEM (and
//! PKCS#1 for RSA), SPKI PEM, the published JWK with its RFC 7638 `kid`, and a JWKS; for an HMAC
//! secret, base64url. The page's generator, its worker and the command line's `keygen` all
//! show these.

use serde::{Deserialize, Serialize};

use super::{HmacSecret, KeyKind, PrivateKey, PublicKey, generate_secret, jwks, parse_spki_der};
use crate::jose::JoseError;
use crate::jose::backend::{CryptoBackend, RustCrypto, complete};
use crate::jose::key_type::KeyType;
use crate::jose::rng::seeded_rng;

/// Everything the key generator shows for one new key. Its `Debug` prints no key material.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyMaterial {
    /// "RSA 2048", "EC P-256", "HMAC 256"…
    pub label: String,
    /// The JWS algorithm the key is for (RS256, ES256, EdDSA, HS256…).
    pub alg: String,
    /// Private key, PKCS#8 PEM (`BEGIN PRIVATE KEY`, what OpenSSL 3 writes); for HMAC the
    /// secret in base64url.
    pub private_pem: String,
    /// RSA only: PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`, what `openssl genrsa -traditional` writes).
    pub private_pkcs1_pem: Option<String>,
    /// Public key, SPKI PEM (what `openssl rsa -pubout` writes); empty for HMAC.
    pub public_pem: String,
    /// Public JWK with `kid`, `alg` and `use`, pretty-printed; empty for HMAC.
    pub public_jwk: String,
    /// A JWKS holding the public JWK, pretty-printed; empty for HMAC.
    pub jwks: String,
    /// RFC 7638 thumbprint of the public key (the `kid`); empty for HMAC.
    pub kid: String,
    /// Whether this is an HMAC secret rather than a key pair.
    pub symmetric: bool,
}

impl std::fmt::Debug for KeyMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "KeyMaterial({}, kid {:?}, private key redacted)",
            self.label, self.kid
        )
    }
}

/// Generates a key of `kind` on the Rust engine (the worker's job) and exports every form the
/// page shows, the same way as a key WebCrypto made ([`material_from_der`]).
pub fn generate_material(kind: KeyKind) -> Result<KeyMaterial, JoseError> {
    if kind.is_symmetric() {
        return generate_secret_material(kind);
    }
    let pair = complete(async { Ok(RustCrypto.generate(kind).await?) })?;
    material_from_der(kind, &pair.pkcs8_der, &pair.spki_der)
}

/// A new HMAC secret of `kind` from the system's CSPRNG, with its export (base64url).
pub fn generate_secret_material(kind: KeyKind) -> Result<KeyMaterial, JoseError> {
    let mut rng = seeded_rng().map_err(|e| JoseError::KeyGeneration(e.to_string()))?;
    match generate_secret(kind, &mut rng) {
        Some(PrivateKey::Hmac(secret)) => Ok(secret_material(kind, &secret)),
        _ => Err(JoseError::KeyGeneration(format!(
            "{} is a key pair, not a secret",
            kind.label()
        ))),
    }
}

/// The generator's output for an HMAC secret: the secret in base64url, nothing public.
fn secret_material(kind: KeyKind, secret: &HmacSecret) -> KeyMaterial {
    KeyMaterial {
        label: kind.label().to_owned(),
        alg: kind.default_alg().to_owned(),
        private_pem: crate::jose::base64url::encode(&secret.0),
        private_pkcs1_pem: None,
        public_pem: String::new(),
        public_jwk: String::new(),
        jwks: String::new(),
        kid: String::new(),
        symmetric: true,
    }
}

/// Every export of a new key pair (WebCrypto's or the Rust engine's), from its DER PKCS#8 and SPKI: the
/// private key is only re-wrapped (PEM, and for RSA the PKCS#1 structure inside the PKCS#8),
/// so no private-key arithmetic runs on the page; the public key is parsed like any pasted one.
pub fn material_from_der(
    kind: KeyKind,
    pkcs8: &[u8],
    spki: &[u8],
) -> Result<KeyMaterial, JoseError> {
    use der::pem::LineEnding;
    let public = parse_spki_der(spki).map_err(export)?;
    if public.key_type() != kind.key_type() {
        return Err(JoseError::KeyGeneration(format!(
            "the engine made {} instead of a {} key",
            public.key_type().describe(),
            kind.label()
        )));
    }
    let pem = |label: &str, der: &[u8]| {
        der::pem::encode_string(label, LineEnding::LF, der).map_err(export)
    };
    let private_pem = pem("PRIVATE KEY", pkcs8)?;
    let private_pkcs1_pem = if public.key_type() == KeyType::Rsa {
        let info = pkcs8::PrivateKeyInfoRef::try_from(pkcs8).map_err(export)?;
        Some(pem("RSA PRIVATE KEY", info.private_key.as_bytes())?)
    } else {
        None
    };
    public_exports(kind, &public, private_pem, private_pkcs1_pem)
}

/// The generator's outputs for an asymmetric key, given its private PEM forms.
fn public_exports(
    kind: KeyKind,
    public: &PublicKey,
    private_pem: String,
    private_pkcs1_pem: Option<String>,
) -> Result<KeyMaterial, JoseError> {
    let alg = kind.default_alg().to_owned();
    let jwk = public.to_published_jwk(&alg);
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).map_err(export);
    Ok(KeyMaterial {
        private_pem,
        private_pkcs1_pem,
        public_pem: public.to_spki_pem().map_err(export)?,
        public_jwk: pretty(&jwk)?,
        jwks: pretty(&jwks(std::slice::from_ref(&jwk)))?,
        kid: public.thumbprint(),
        label: kind.label().to_owned(),
        alg,
        symmetric: false,
    })
}

/// An export failure, with its reason.
fn export(e: impl std::fmt::Display) -> JoseError {
    JoseError::KeyEncoding {
        format: "the generated key's exports",
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::keys::{generate, parse_private_key};

    #[test]
    fn every_asymmetric_kind_exports_pem_jwk_and_kid_consistently() {
        for kind in [KeyKind::P256, KeyKind::Ed25519] {
            let m = generate_material(kind).unwrap();
            assert!(
                m.private_pem.starts_with("-----BEGIN PRIVATE KEY-----"),
                "{}",
                m.label
            );
            assert!(m.public_pem.starts_with("-----BEGIN PUBLIC KEY-----"));
            let jwk: serde_json::Value = serde_json::from_str(&m.public_jwk).unwrap();
            assert_eq!(jwk["kid"], m.kid.as_str());
            let jwks: serde_json::Value = serde_json::from_str(&m.jwks).unwrap();
            assert_eq!(jwks["keys"][0], jwk);
            // The exported private key re-imports and its public half has the same thumbprint.
            let back = parse_private_key(&m.private_pem).unwrap();
            assert_eq!(back.public_key().thumbprint(), m.kid);
        }
    }

    /// What WebCrypto hands over (DER PKCS#8 and SPKI) gives the same exports as the Rust
    /// generator's own key.
    #[test]
    fn exports_from_der_match_the_exports_of_the_parsed_key() {
        let mut rng = seeded_rng().unwrap();
        for kind in [KeyKind::Rsa2048, KeyKind::P384, KeyKind::Ed25519] {
            let key = generate(kind, &mut rng).unwrap();
            let public = key.public_key();
            let from_der = material_from_der(
                kind,
                &key.to_pkcs8_der().unwrap(),
                &public.to_spki_der().unwrap(),
            )
            .unwrap();
            assert_eq!(from_der.private_pem, key.to_pkcs8_pem().unwrap());
            let pkcs1 = matches!(key, PrivateKey::Rsa(_)).then(|| key.to_pkcs1_pem().unwrap());
            assert_eq!(from_der.private_pkcs1_pem, pkcs1, "{}", kind.label());
            assert_eq!(from_der.public_pem, public.to_spki_pem().unwrap());
            assert_eq!(from_der.kid, public.thumbprint());
        }
        let rsa = generate(KeyKind::Rsa2048, &mut rng).unwrap();
        let err = material_from_der(
            KeyKind::P256,
            &rsa.to_pkcs8_der().unwrap(),
            &rsa.public_key().to_spki_der().unwrap(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("instead of"), "{err}");
    }

    #[test]
    fn debug_prints_no_key_material() {
        let m = generate_material(KeyKind::Ed25519).unwrap();
        let shown = format!("{m:?}");
        assert!(
            !shown.contains("PRIVATE KEY") && !shown.contains(&m.private_pem),
            "{shown}"
        );
    }

    #[test]
    fn hmac_kinds_give_a_base64url_secret_of_the_right_size() {
        let m = generate_secret_material(KeyKind::Hmac384).unwrap();
        assert!(m.symmetric);
        assert!(generate_secret_material(KeyKind::P256).is_err());
        assert_eq!(
            crate::jose::base64url::decode(&m.private_pem)
                .unwrap()
                .len(),
            48
        );
    }
}
