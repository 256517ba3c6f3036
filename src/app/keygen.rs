//! Key generation for the page: what the worker computes, and the messages between the page
//! and the worker. Pure (no web APIs), so it is tested natively; the worker binary
//! (`src/bin/keygen.rs`) and the hook (`hooks/use_keygen.rs`) only move these messages.

use serde::{Deserialize, Serialize};

use crate::app::rng::seeded_rng;
use crate::jose::keys::{self, KeyKind, PrivateKey};

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

/// What the worker posts once its message handler is installed: only then is a request safe
/// to send (the wasm starts asynchronously, after the worker's script has run).
pub const WORKER_READY: &str = "ready";

/// The page's request to the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeygenRequest {
    /// Which key to make, by [`KeyKind::label`].
    pub kind: String,
}

/// The worker's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeygenResponse {
    /// The new key.
    Done(Box<KeyMaterial>),
    /// Why no key was made.
    Failed(String),
}

/// The key kind with this label.
pub fn kind_from_label(label: &str) -> Option<KeyKind> {
    KeyKind::ALL.into_iter().find(|k| k.label() == label)
}

/// Generates a key of `kind` with the page's CSPRNG and exports every form the page shows.
pub fn generate_material(kind: KeyKind) -> Result<KeyMaterial, String> {
    let mut rng = seeded_rng().map_err(|e| e.to_string())?;
    let key = keys::generate(kind, &mut rng).map_err(|e| e.to_string())?;
    export_material(kind, &key)
}

/// Every export of `key`, as the generator shows them.
pub fn export_material(kind: KeyKind, key: &PrivateKey) -> Result<KeyMaterial, String> {
    let label = kind.label().to_owned();
    let alg = kind.default_alg().to_owned();
    if let PrivateKey::Hmac(secret) = key {
        return Ok(KeyMaterial {
            label,
            alg,
            private_pem: crate::jose::base64url::encode(&secret.0),
            private_pkcs1_pem: None,
            public_pem: String::new(),
            public_jwk: String::new(),
            jwks: String::new(),
            kid: String::new(),
            symmetric: true,
        });
    }
    let public = key.public_key();
    let jwk = public.to_published_jwk(&alg);
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).map_err(|e| e.to_string());
    Ok(KeyMaterial {
        private_pem: key.to_pkcs8_pem().map_err(|e| e.to_string())?,
        private_pkcs1_pem: matches!(key, PrivateKey::Rsa(_))
            .then(|| key.to_pkcs1_pem().ok())
            .flatten(),
        public_pem: public.to_spki_pem().map_err(|e| e.to_string())?,
        public_jwk: pretty(&jwk)?,
        jwks: pretty(&keys::jwks(std::slice::from_ref(&jwk)))?,
        kid: public.thumbprint(),
        label,
        alg,
        symmetric: false,
    })
}

/// The worker's whole job: one request in, one response out (JSON text both ways).
pub fn handle_request(request_json: &str) -> String {
    let response = match serde_json::from_str::<KeygenRequest>(request_json) {
        Err(e) => KeygenResponse::Failed(format!("bad request: {e}")),
        Ok(request) => match kind_from_label(&request.kind) {
            None => KeygenResponse::Failed(format!("unknown key type {:?}", request.kind)),
            Some(kind) => match generate_material(kind) {
                Ok(material) => KeygenResponse::Done(Box::new(material)),
                Err(e) => KeygenResponse::Failed(e),
            },
        },
    };
    serde_json::to_string(&response)
        .unwrap_or_else(|e| format!("{{\"Failed\":\"cannot encode the response: {e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let back = keys::parse_private_key(&m.private_pem).unwrap();
            assert_eq!(back.public_key().thumbprint(), m.kid);
        }
    }

    #[test]
    fn debug_prints_no_key_material() {
        let m = generate_material(KeyKind::Ed25519).unwrap();
        let shown = format!("{m:?} {:?}", KeygenResponse::Done(Box::new(m.clone())));
        assert!(
            !shown.contains("PRIVATE KEY") && !shown.contains(&m.private_pem),
            "{shown}"
        );
    }

    #[test]
    fn hmac_kinds_give_a_base64url_secret_of_the_right_size() {
        let m = generate_material(KeyKind::Hmac384).unwrap();
        assert!(m.symmetric);
        assert_eq!(
            crate::jose::base64url::decode(&m.private_pem)
                .unwrap()
                .len(),
            48
        );
    }

    #[test]
    fn the_worker_protocol_round_trips_and_reports_bad_requests() {
        let out = handle_request(r#"{"kind":"EC P-256"}"#);
        match serde_json::from_str::<KeygenResponse>(&out).unwrap() {
            KeygenResponse::Done(m) => assert_eq!(m.alg, "ES256"),
            other => panic!("expected a key, got {other:?}"),
        }
        let out = handle_request(r#"{"kind":"DSA 1024"}"#);
        assert!(
            matches!(serde_json::from_str(&out).unwrap(), KeygenResponse::Failed(m) if m.contains("unknown key type"))
        );
        let out = handle_request("garbage");
        assert!(
            matches!(serde_json::from_str(&out).unwrap(), KeygenResponse::Failed(m) if m.contains("bad request"))
        );
    }
}
