//! What every newly generated key is exported as, whichever engine made it: PKCS#8 PEM (and
//! PKCS#1 for RSA), SPKI PEM, the published JWK with its RFC 7638 `kid`, and a JWKS; for an HMAC
//! secret, base64url. An encryption key's JWKs say `use: "enc"` and its JWE `alg`, and it also
//! gets its private JWK (for a secret, the `oct` JWK). The page's generator, its worker and the
//! command line's `keygen` all show these.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::export::labelled_jwk;
use super::generate::random_secret;
use super::offer::{EncryptionKind, KeyOffer, KeySource};
use super::thumbprint::thumbprint_of;
use super::{HmacSecret, KeyKind, PrivateKey, PublicKey, jwks, parse_pkcs8_der, parse_spki_der};
use crate::jose::JoseError;
use crate::jose::backend::{CryptoBackend, RustCrypto, complete};
use crate::jose::jwe::X25519PrivateKey;
use crate::jose::key_type::KeyType;
use crate::jose::rng::seeded_rng;

#[cfg(test)]
mod encryption_tests;

/// Everything the key generator shows for one new key. Its `Debug` prints no key material.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyMaterial {
    /// "RSA 2048", "EC P-256", "HMAC 256", "X25519 (ECDH-ES)"…
    pub label: String,
    /// The JWK `alg`: the JWS algorithm of a signing key (RS256, ES256, EdDSA, HS256…), the JWE
    /// one of an encryption key (RSA-OAEP-256, ECDH-ES, A128KW; A256GCM for a `dir` key).
    pub alg: String,
    /// Private key, PKCS#8 PEM (`BEGIN PRIVATE KEY`, what OpenSSL 3 writes); for a secret the
    /// secret in base64url.
    pub private_pem: String,
    /// RSA only: PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`, what `openssl genrsa -traditional` writes).
    pub private_pkcs1_pem: Option<String>,
    /// Public key, SPKI PEM (what `openssl rsa -pubout` writes); empty for a secret.
    pub public_pem: String,
    /// Public JWK with `kid`, `use` and `alg`, pretty-printed; empty for a secret.
    pub public_jwk: String,
    /// A JWKS holding the public JWK, pretty-printed; empty for a secret.
    pub jwks: String,
    /// Encryption keys only: the private JWK (for a secret, the `oct` JWK) with `kid`, `use`
    /// and `alg`, pretty-printed, the form JWE libraries and the Decryption key box take with
    /// the key's `alg` pinned. Empty for a signing key, whose private half is the PEM.
    pub private_jwk: String,
    /// RFC 7638 thumbprint of the public key (the `kid`); of the `oct` JWK for an encryption
    /// secret; empty for an HMAC secret.
    pub kid: String,
    /// Whether this is a secret rather than a key pair.
    pub symmetric: bool,
    /// What an encryption key is for (its `alg`, and `enc` for `dir`); `None` for a signing key.
    pub encryption: Option<EncryptionKind>,
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

/// Generates a key of `offer` on the Rust engine (the worker's job, and the command line's) and
/// exports every form the page shows, the same way as a key WebCrypto made
/// ([`material_from_der`]).
pub fn generate_material(offer: impl Into<KeyOffer>) -> Result<KeyMaterial, JoseError> {
    let offer = offer.into();
    match offer.source() {
        KeySource::Secret(_) => generate_secret_material(offer),
        KeySource::X25519 => generate_x25519_material(offer),
        KeySource::Pair(kind) => {
            let pair = complete(async { Ok(RustCrypto.generate(kind).await?) })?;
            material_from_der(offer, &pair.pkcs8_der, &pair.spki_der)
        }
    }
}

/// A new secret of `offer` (an HMAC secret, an AES key) from the system's CSPRNG, with its
/// export (base64url; for an encryption key also its `oct` JWK).
pub fn generate_secret_material(offer: impl Into<KeyOffer>) -> Result<KeyMaterial, JoseError> {
    let offer = offer.into();
    let KeySource::Secret(len) = offer.source() else {
        return Err(JoseError::KeyGeneration(format!(
            "{} is a key pair, not a secret",
            offer.label()
        )));
    };
    let mut rng = seeded_rng().map_err(|e| JoseError::KeyGeneration(e.to_string()))?;
    secret_material(offer, &random_secret(len, &mut rng))
}

/// The generator's output for a secret: the secret in base64url, nothing public; an encryption
/// secret also gets its `oct` JWK with `kid`, `use` and `alg` (JWE keys are exchanged as JWKs,
/// and the `alg` keeps the key to its algorithm). An HMAC secret stays the bare secret.
fn secret_material(offer: KeyOffer, secret: &HmacSecret) -> Result<KeyMaterial, JoseError> {
    let (kid, private_jwk) = if offer.encryption().is_some() {
        let key = PublicKey::Hmac(secret.clone());
        let kid = key.thumbprint();
        let jwk = labelled_jwk(key.required_members(), &kid, offer.key_use(), offer.alg());
        (kid, pretty(&jwk)?)
    } else {
        (String::new(), String::new())
    };
    Ok(KeyMaterial {
        label: offer.label().to_owned(),
        alg: offer.alg().to_owned(),
        private_pem: crate::jose::base64url::encode(&secret.0),
        private_pkcs1_pem: None,
        public_pem: String::new(),
        public_jwk: String::new(),
        jwks: String::new(),
        private_jwk,
        kid,
        symmetric: true,
        encryption: offer.encryption(),
    })
}

/// A new X25519 key pair (RFC 8037: ECDH-ES) with its exports. Its own path: X25519 keys are not
/// in the signing key family table, and neither WebCrypto nor the worker's signing engine makes
/// them.
pub fn generate_x25519_material(offer: impl Into<KeyOffer>) -> Result<KeyMaterial, JoseError> {
    let offer = offer.into();
    if offer.source() != KeySource::X25519 {
        return Err(JoseError::KeyGeneration(format!(
            "{} is not an X25519 key",
            offer.label()
        )));
    }
    let mut rng = seeded_rng().map_err(|e| JoseError::KeyGeneration(e.to_string()))?;
    let key = X25519PrivateKey::generate(&mut rng);
    let public = key.public_key();
    pair_material(
        offer,
        PairParts {
            private_pem: pem("PRIVATE KEY", key.to_pkcs8_der()?.as_bytes())?,
            private_pkcs1_pem: None,
            public_pem: pem("PUBLIC KEY", public.to_spki_der()?.as_bytes())?,
            public_members: public.jwk_members(),
            private_members: Some(key.to_jwk_members()),
        },
    )
}

/// Every export of a new key pair (WebCrypto's or the Rust engine's), from its DER PKCS#8 and
/// SPKI: the private key is only re-wrapped (PEM, and for RSA the PKCS#1 structure inside the
/// PKCS#8), and the public key is parsed like any pasted one. An encryption key's private JWK
/// needs the private key parsed: that runs in the worker and the command line only (the page
/// makes signing keys, with [`signing_material_from_der`]).
pub fn material_from_der(
    offer: impl Into<KeyOffer>,
    pkcs8: &[u8],
    spki: &[u8],
) -> Result<KeyMaterial, JoseError> {
    let offer = offer.into();
    let KeySource::Pair(kind) = offer.source() else {
        return Err(JoseError::KeyGeneration(format!(
            "{} is not a key pair the engines make",
            offer.label()
        )));
    };
    let private = match offer.encryption() {
        Some(_) => Some(parse_pkcs8_der(pkcs8).map_err(export)?),
        None => None,
    };
    pair_from_der(offer, kind, pkcs8, spki, private.as_ref())
}

/// A signing key pair's exports (the page's WebCrypto path): no private key is parsed, so no
/// private-key arithmetic runs on the page.
pub fn signing_material_from_der(
    kind: KeyKind,
    pkcs8: &[u8],
    spki: &[u8],
) -> Result<KeyMaterial, JoseError> {
    pair_from_der(KeyOffer::Sign(kind), kind, pkcs8, spki, None)
}

/// The exports of the pair `pkcs8`/`spki` made for `offer` (of `kind`); with the private JWK
/// when `private` (the parsed `pkcs8`) is given.
fn pair_from_der(
    offer: KeyOffer,
    kind: KeyKind,
    pkcs8: &[u8],
    spki: &[u8],
    private: Option<&PrivateKey>,
) -> Result<KeyMaterial, JoseError> {
    let public = parse_spki_der(spki).map_err(export)?;
    if public.key_type() != kind.key_type() {
        return Err(JoseError::KeyGeneration(format!(
            "the engine made {} instead of a {} key",
            public.key_type().describe(),
            offer.label()
        )));
    }
    let private_pkcs1_pem = if public.key_type() == KeyType::Rsa {
        let info = pkcs8::PrivateKeyInfoRef::try_from(pkcs8).map_err(export)?;
        Some(pem("RSA PRIVATE KEY", info.private_key.as_bytes())?)
    } else {
        None
    };
    let private_members = match private {
        Some(key) if key.public_key() != public => {
            return Err(JoseError::KeyGeneration(
                "the engine's private key is not the private half of its public key".into(),
            ));
        }
        Some(key) => Some(key.jwk_members()),
        None => None,
    };
    pair_material(
        offer,
        PairParts {
            private_pem: pem("PRIVATE KEY", pkcs8)?,
            private_pkcs1_pem,
            public_pem: public.to_spki_pem().map_err(export)?,
            public_members: public.required_members(),
            private_members,
        },
    )
}

/// What a new key pair's exports are made from.
struct PairParts {
    /// PKCS#8 PEM.
    private_pem: String,
    /// PKCS#1 PEM, for RSA.
    private_pkcs1_pem: Option<String>,
    /// SPKI PEM.
    public_pem: String,
    /// The public JWK's key members, in the order RFC 7638 hashes them.
    public_members: Map<String, Value>,
    /// The private JWK's key members, for an encryption key.
    private_members: Option<Map<String, Value>>,
}

/// The generator's outputs for a key pair: the JWKs get the `kid` (RFC 7638 thumbprint),
/// `use` and `alg` of `offer`.
fn pair_material(offer: KeyOffer, parts: PairParts) -> Result<KeyMaterial, JoseError> {
    let kid = thumbprint_of(&parts.public_members);
    let label = |members| labelled_jwk(members, &kid, offer.key_use(), offer.alg());
    let jwk = label(parts.public_members);
    let private_jwk = match parts.private_members {
        Some(members) => pretty(&label(members))?,
        None => String::new(),
    };
    Ok(KeyMaterial {
        private_pem: parts.private_pem,
        private_pkcs1_pem: parts.private_pkcs1_pem,
        public_pem: parts.public_pem,
        public_jwk: pretty(&jwk)?,
        jwks: pretty(&jwks(std::slice::from_ref(&jwk)))?,
        private_jwk,
        label: offer.label().to_owned(),
        alg: offer.alg().to_owned(),
        kid,
        symmetric: false,
        encryption: offer.encryption(),
    })
}

/// `der` as PEM with `label`, LF line endings, as OpenSSL writes it.
fn pem(label: &str, der: &[u8]) -> Result<String, JoseError> {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der).map_err(export)
}

/// A JSON value pretty-printed, as the generator shows JWKs.
fn pretty(value: &Value) -> Result<String, JoseError> {
    serde_json::to_string_pretty(value).map_err(export)
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
    use crate::jose::keys::{KeyKind, PrivateKey, generate, parse_private_key};

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
