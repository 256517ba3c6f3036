//! Compact JWE (RFC 7516) decryption and encryption for every algorithm of RFC 7518.
//!
//! - [`decrypt`] takes a parsed [`JweCompact`] (see `token/jwe.rs`) and a [`DecryptionKey`];
//!   [`encrypt`] takes a header, a plaintext and an [`EncryptionKey`] and returns the compact
//!   serialization. Randomness comes in as an `rng` parameter, like everywhere in the core.
//! - `alg.rs` names the algorithms and the key each needs ([`KeyManagement::key_need`]);
//!   `header.rs` reads and bounds the header; `recipient.rs` and `sender.rs` do the key
//!   management per `alg` over `rsa_kw.rs`, `wrap.rs` (AES-KW, PBES2; AES-GCMKW is `content.rs`'s GCM) and `ecdh.rs`
//!   (ECDH-ES and the Concat KDF) with `epk.rs` (the `epk` read and checked on its curve);
//!   `content.rs` is the `enc`; `zip.rs` the bounded DEFLATE;
//!   `keys.rs`, `key_text.rs` and `x25519.rs` the keys; `findings.rs` what the page shows beside the result;
//!   `review.rs` what the findings read before decryption.
//! - The primitives (RSA-OAEP, AES-KW, AES-GCM, AES-CBC, ECDH, PBKDF2) go through a
//!   [`JweCipher`] (`cipher.rs`): the page's worker passes the browser's WebCrypto
//!   ([`decrypt_with`], [`encrypt_with`]), and the Rust engine does whatever it declines.
//! - Every failure that depends on the key is [`JweError::DecryptionFailed`], and a failed key
//!   unwrap continues with a random CEK, so it surfaces at the tag check like a modified token.

mod alg;
mod cipher;
mod content;
mod ecdh;
mod epk;
mod error;
mod findings;
mod header;
mod key_checks;
mod key_text;
mod keys;
mod recipient;
pub(crate) mod review;
mod rsa_kw;
mod sender;
mod wrap;
mod x25519;
mod zip;

use rand_core::CryptoRng;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

pub use alg::{AesSize, ContentEncryption, KeyKind, KeyManagement, KeyNeed, OaepHash};
pub use cipher::{EcdhSecret, JweCipher, JweEngines, Output, Primitive};
pub use error::JweError;
pub use findings::JweFinding;
pub use keys::{DecryptionKey, DecryptionMaterial, EncryptionKey, EncryptionMaterial, SecretBytes};
pub use sender::DEFAULT_PBES2_ITERATIONS;
pub use wrap::{MAX_PBES2_ITERATIONS, MIN_RECOMMENDED_PBES2_ITERATIONS};
pub use x25519::{X25519PrivateKey, X25519PublicKey};
pub use zip::{MAX_INFLATE_RATIO, MAX_INFLATED_BYTES};

use crate::jose::backend::{RustCrypto, run_ready};
use crate::jose::base64url;
use crate::jose::token::JweCompact;
use cipher::Session;
use header::Params;

/// A decrypted JWE.
#[derive(Clone, PartialEq, Eq)]
pub struct Decrypted {
    /// The plaintext, decompressed when the header says `zip: "DEF"`.
    pub plaintext: Vec<u8>,
    /// The protected header (now authenticated).
    pub header: Map<String, Value>,
    /// The key management algorithm.
    pub alg: KeyManagement,
    /// The content encryption algorithm.
    pub enc: ContentEncryption,
    /// Whether the plaintext was compressed.
    pub compressed: bool,
    /// The content encryption key's length in bytes.
    pub cek_len: usize,
    /// Facts worth showing (RSA1_5 used, few PBES2 iterations, compression, nested JWS).
    pub findings: Vec<JweFinding>,
    /// Which engine did the primitives.
    pub engines: JweEngines,
}

impl std::fmt::Debug for Decrypted {
    /// The plaintext may be secret: only its length is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decrypted")
            .field("plaintext_len", &self.plaintext.len())
            .field("alg", &self.alg)
            .field("enc", &self.enc)
            .field("compressed", &self.compressed)
            .field("findings", &self.findings)
            .field("engines", &self.engines)
            .finish_non_exhaustive()
    }
}

/// Decrypts a compact JWE on the Rust engine; see [`decrypt_with`].
pub fn decrypt<R: CryptoRng + ?Sized>(
    token: &JweCompact,
    key: &DecryptionKey,
    rng: &mut R,
) -> Result<Decrypted, JweError> {
    run_ready(decrypt_with(&RustCrypto, token, key, rng)).unwrap_or(Err(JweError::EngineWaited))
}

/// Decrypts a compact JWE with `cipher`'s primitives (the Rust engine's where it declines).
/// Header checks (unknown `alg`/`enc`/`zip`, `crit`, a PBES2 count above
/// [`MAX_PBES2_ITERATIONS`]) come first and cost nothing; then the key must fit the `alg` (and
/// its JWK `alg`, if any); then the CEK is recovered and the content authenticated and
/// decrypted with the protected header segment as AAD.
pub async fn decrypt_with<C: JweCipher + ?Sized, R: CryptoRng + ?Sized>(
    cipher: &C,
    token: &JweCompact,
    key: &DecryptionKey,
    rng: &mut R,
) -> Result<Decrypted, JweError> {
    let params = header::read(&token.header)?;
    check_key_alg(key.alg.as_deref(), params)?;
    let cek_len = params.enc.key_len();
    let mut session = Session::new(cipher, rng);
    let recovered = recipient::content_key(
        &mut session,
        params,
        &token.header,
        &token.encrypted_key,
        &key.material,
    )
    .await;
    let cek = match recovered {
        Ok(cek) if cek.len() == cek_len => cek,
        // A wrong key or a modified encrypted key: carry on with a random CEK, so the failure
        // shows only at the tag check (RFC 7516 section 11.5), whatever step it came from.
        Ok(_) | Err(JweError::DecryptionFailed) => sender::random(cek_len, session.rng),
        Err(other) => return Err(other),
    };
    let aad = token.header_b64.as_bytes();
    let sealed = content::Sealed {
        ciphertext: token.ciphertext.clone(),
        tag: token.tag.clone(),
    };
    let opened = content::decrypt(&mut session, params.enc, &cek, &token.iv, aad, sealed).await?;
    let plaintext = if params.zip {
        zip::inflate(&opened)?
    } else {
        opened.to_vec()
    };
    Ok(Decrypted {
        findings: findings::collect(params, &token.header, &plaintext),
        plaintext,
        header: token.header.clone(),
        alg: params.alg,
        enc: params.enc,
        compressed: params.zip,
        cek_len,
        engines: session.engines,
    })
}

/// Encrypts on the Rust engine; see [`encrypt_with`].
pub fn encrypt<R: CryptoRng + ?Sized>(
    header: Map<String, Value>,
    plaintext: &[u8],
    key: &EncryptionKey,
    rng: &mut R,
) -> Result<String, JweError> {
    run_ready(encrypt_with(&RustCrypto, header, plaintext, key, rng))
        .unwrap_or(Err(JweError::EngineWaited))
        .map(|encrypted| encrypted.token)
}

/// A compact JWE, and which engine made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encrypted {
    /// The compact serialization.
    pub token: String,
    /// Which engine did the primitives.
    pub engines: JweEngines,
}

/// Encrypts `plaintext` to a compact JWE with `cipher`'s primitives (the Rust engine's where it
/// declines). The header must name `alg` and `enc`; `zip: "DEF"` compresses first; the members
/// the `alg` defines (`epk`, `iv`/`tag`, `p2s`/`p2c`) are added (a PBES2 `p2s`/`p2c` or
/// ECDH-ES `apu`/`apv` already in the header are used as given). `RSA1_5` is refused.
pub async fn encrypt_with<C: JweCipher + ?Sized, R: CryptoRng + ?Sized>(
    cipher: &C,
    mut header: Map<String, Value>,
    plaintext: &[u8],
    key: &EncryptionKey,
    rng: &mut R,
) -> Result<Encrypted, JweError> {
    if header.get("alg").and_then(Value::as_str) == Some(KeyManagement::Rsa1_5.as_str()) {
        return Err(JweError::Rsa1_5EncryptRefused);
    }
    let params = header::read(&header)?;
    check_key_alg(key.alg.as_deref(), params)?;
    let mut session = Session::new(cipher, rng);
    let content_key = sender::content_key(&mut session, params, &mut header, &key.material).await?;
    let header_json = serde_json::to_string(&header)
        .map_err(|e| JweError::InvalidHeaderToEncrypt(e.to_string()))?;
    let header_b64 = base64url::encode(header_json.as_bytes());
    let compressed;
    let body: &[u8] = if params.zip {
        compressed = Zeroizing::new(zip::deflate(plaintext));
        &compressed
    } else {
        plaintext
    };
    let iv = sender::random(params.enc.iv_len(), session.rng);
    let sealed = content::encrypt(
        &mut session,
        params.enc,
        &content_key.cek,
        &iv,
        header_b64.as_bytes(),
        body,
    )
    .await?;
    let token = [
        header_b64.as_str(),
        &base64url::encode(&content_key.encrypted_key),
        &base64url::encode(&iv),
        &base64url::encode(&sealed.ciphertext),
        &base64url::encode(&sealed.tag),
    ]
    .join(".");
    Ok(Encrypted {
        token,
        engines: session.engines,
    })
}

/// A key restricted by its JWK `alg` may only be used with that `alg`; a `dir` key's JWK `alg`
/// may also name the `enc` it is the CEK of (as RFC 7520 section 5.6's key does).
fn check_key_alg(key_alg: Option<&str>, params: Params) -> Result<(), JweError> {
    match key_alg {
        None => Ok(()),
        Some(key_alg) if key_alg == params.alg.as_str() => Ok(()),
        Some(key_alg) if params.alg == KeyManagement::Dir && key_alg == params.enc.as_str() => {
            Ok(())
        }
        Some(key_alg) => Err(JweError::KeyAlgMismatch {
            key_alg: key_alg.to_owned(),
            alg: params.alg.as_str().to_owned(),
        }),
    }
}
