//! Encrypting in Encode mode: with `Encrypt` on, the signed token is encrypted to the
//! `Encryption key` (nested: sign, then encrypt, `cty: "JWT"`), and the Encoded box shows the JWE.
//! The encryption (`jose::jwe`) runs in the Rust engine's worker, like decryption.

use serde_json::{Map, Value};

use crate::app::decryption::{BoxKey, read_box};
use crate::app::engine::remote::{self, EngineAnswer, EngineOp};
use crate::jose::jwe::{self, ContentEncryption, EncryptionKey, JweCipher, KeyManagement};
use crate::jose::{base64url, rng};

/// Encode mode's encryption inputs.
#[derive(Clone, PartialEq, Eq)]
pub struct EncryptionInputs {
    /// Whether the token is encrypted.
    pub on: bool,
    /// The key management algorithm (`alg`).
    pub alg: String,
    /// The content encryption algorithm (`enc`).
    pub enc: String,
    /// The recipient's public key, the symmetric key or the password.
    pub key: String,
}

impl EncryptionInputs {
    /// The key text when it is a shared secret (a symmetric key or a password), which decrypts
    /// as it encrypts; `None` for a recipient's public key.
    pub fn shared_secret(&self) -> Option<String> {
        let alg = KeyManagement::from_name(&self.alg).ok()?;
        let kind = alg.key_need(None, false).kind;
        let shared = matches!(kind, jwe::KeyKind::Symmetric | jwe::KeyKind::Password);
        (shared && !self.key.trim().is_empty()).then(|| self.key.clone())
    }
}

impl Default for EncryptionInputs {
    /// Off; RSA-OAEP-256 with A256GCM when turned on (what most issuers use).
    fn default() -> Self {
        Self {
            on: false,
            alg: "RSA-OAEP-256".to_owned(),
            enc: "A256GCM".to_owned(),
            key: String::new(),
        }
    }
}

impl std::fmt::Debug for EncryptionInputs {
    // The key may be a symmetric key or a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Encryption({} {} {}, key redacted)",
            self.on, self.alg, self.enc
        )
    }
}

/// The `alg` names Encode mode offers: every one but RSA1_5, which is decrypt-only.
pub fn offered_algs() -> Vec<&'static str> {
    KeyManagement::ALL
        .into_iter()
        .filter(|a| *a != KeyManagement::Rsa1_5)
        .map(KeyManagement::as_str)
        .collect()
}

/// The `enc` names.
pub fn offered_encs() -> Vec<&'static str> {
    ContentEncryption::ALL
        .into_iter()
        .map(ContentEncryption::as_str)
        .collect()
}

/// The worker's side: `plaintext` encrypted with `alg`/`enc` to the key box's text, `cty` set
/// when given. Returns the compact JWE.
pub async fn encrypt_in_worker<C: JweCipher>(
    cipher: &C,
    alg: &str,
    enc: &str,
    cty: Option<&str>,
    plaintext: &[u8],
    key: &str,
) -> Result<jwe::Encrypted, String> {
    let key = match read_box(Some(alg), key)? {
        BoxKey::Password(bytes) => EncryptionKey::password(bytes),
        BoxKey::Symmetric(bytes) => EncryptionKey::symmetric(bytes),
        BoxKey::Text => EncryptionKey::parse(key).map_err(|e| e.to_string())?,
    };
    let mut header = Map::new();
    header.insert("alg".into(), Value::from(alg));
    header.insert("enc".into(), Value::from(enc));
    if let Some(cty) = cty {
        header.insert("cty".into(), Value::from(cty));
    }
    let mut rng = rng::seeded_rng().map_err(|e| e.to_string())?;
    jwe::encrypt_with(cipher, header, plaintext, &key, &mut rng)
        .await
        .map_err(|e| e.to_string())
}

/// A JWE Encode mode made, and which engine did its primitives, in words (as the Decryption
/// status names them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encrypted {
    /// The compact JWE.
    pub token: String,
    /// "WebCrypto (RSA-OAEP, AES-GCM)", or the Rust engine where WebCrypto declined.
    pub engines: String,
}

/// The page's side: the signed `token` encrypted in the worker as `inputs` say (nested,
/// `cty: "JWT"`); the compact JWE and the engines that made it, or why not.
pub async fn encrypt(token: String, inputs: EncryptionInputs) -> Result<Encrypted, String> {
    if inputs.key.trim().is_empty() {
        return Err(format!("paste the Encryption key {} needs", inputs.alg));
    }
    let op = EngineOp::Encrypt {
        alg: inputs.alg,
        enc: inputs.enc,
        cty: Some("JWT".to_owned()),
        plaintext: base64url::encode(token.as_bytes()),
        key: inputs.key,
    };
    match remote::call_for_page(op).await? {
        EngineAnswer::Encrypted { token, engines } => Ok(Encrypted { token, engines }),
        other => Err(remote::unexpected(other).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::decryption::decrypt_in_worker;
    use crate::jose::backend::{RustCrypto, run_ready};

    fn encrypt_now(alg: &str, enc: &str, text: &[u8], key: &str) -> Result<String, String> {
        let made = run_ready(encrypt_in_worker(
            &RustCrypto,
            alg,
            enc,
            Some("JWT"),
            text,
            key,
        ));
        made.ok_or("waited")?.map(|made| made.token)
    }

    #[test]
    fn every_offered_pair_round_trips_through_the_worker_functions() {
        let secret = |len: usize| base64url::encode(&vec![7u8; len]);
        for alg in ["A256KW", "A128GCMKW", "PBES2-HS256+A128KW"] {
            for enc in offered_encs() {
                let key = match alg {
                    "A256KW" => secret(32),
                    "A128GCMKW" => secret(16),
                    _ => "a password".to_owned(),
                };
                let token = encrypt_now(alg, enc, b"a.b.c", &key).unwrap();
                let opened = run_ready(decrypt_in_worker(&RustCrypto, &token, &key));
                assert_eq!(opened.unwrap().unwrap().plaintext, b"a.b.c", "{alg} {enc}");
            }
        }
        assert!(!offered_algs().contains(&"RSA1_5"));
        assert_eq!(offered_algs().len(), 18);
        assert!(encrypt_now("A256KW", "A256GCM", b"x", &secret(16)).is_err());
    }
}
