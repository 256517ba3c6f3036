//! Compact JWE (RFC 7516) decryption and encryption for every algorithm of RFC 7518.
//!
//! - [`decrypt`] takes a parsed [`JweCompact`] (see `token/jwe.rs`) and a [`DecryptionKey`];
//!   [`encrypt`] takes a header, a plaintext and an [`EncryptionKey`] and returns the compact
//!   serialization. Randomness comes in as an `rng` parameter, like everywhere in the core.
//! - `alg.rs` names the algorithms and the key each needs ([`KeyManagement::key_need`]);
//!   `header.rs` reads and bounds the header; `recipient.rs` and `sender.rs` do the key
//!   management per `alg` over `rsa_kw.rs`, `wrap.rs` (AES-KW, AES-GCMKW, PBES2) and `ecdh.rs`
//!   (ECDH-ES and the Concat KDF); `content.rs` is the `enc`; `zip.rs` the bounded DEFLATE;
//!   `keys.rs`, `key_text.rs` and `x25519.rs` the keys; `findings.rs` what the page shows beside the result.
//! - Every failure that depends on the key is [`JweError::DecryptionFailed`], and a failed key
//!   unwrap continues with a random CEK, so it surfaces at the tag check like a modified token.

mod alg;
mod content;
mod ecdh;
mod error;
mod findings;
mod header;
mod key_checks;
mod key_text;
mod keys;
mod recipient;
mod rsa_kw;
mod sender;
mod wrap;
mod x25519;
mod zip;

use rand_core::CryptoRng;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

pub use alg::{AesSize, ContentEncryption, KeyKind, KeyManagement, KeyNeed, OaepHash};
pub use error::JweError;
pub use findings::JweFinding;
pub use keys::{DecryptionKey, DecryptionMaterial, EncryptionKey, EncryptionMaterial, SecretBytes};
pub use sender::DEFAULT_PBES2_ITERATIONS;
pub use wrap::{MAX_PBES2_ITERATIONS, MIN_RECOMMENDED_PBES2_ITERATIONS};
pub use x25519::{X25519PrivateKey, X25519PublicKey};
pub use zip::{MAX_INFLATE_RATIO, MAX_INFLATED_BYTES};

use crate::jose::base64url;
use crate::jose::token::JweCompact;
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
            .finish_non_exhaustive()
    }
}

/// Decrypts a compact JWE. Header checks (unknown `alg`/`enc`/`zip`, `crit`, a PBES2 count
/// above [`MAX_PBES2_ITERATIONS`]) come first and cost nothing; then the key must fit the `alg`
/// (and its JWK `alg`, if any); then the CEK is recovered and the content authenticated and
/// decrypted with the protected header segment as AAD.
pub fn decrypt<R: CryptoRng + ?Sized>(
    token: &JweCompact,
    key: &DecryptionKey,
    rng: &mut R,
) -> Result<Decrypted, JweError> {
    let params = header::read(&token.header)?;
    check_key_alg(key.alg.as_deref(), params)?;
    let cek_len = params.enc.key_len();
    let recovered = recipient::content_key(
        params,
        &token.header,
        &token.encrypted_key,
        &key.material,
        rng,
    );
    let cek = match recovered {
        Ok(cek) if cek.len() == cek_len => cek,
        // A wrong key or a modified encrypted key: carry on with a random CEK, so the failure
        // shows only at the tag check (RFC 7516 section 11.5), whatever step it came from.
        Ok(_) | Err(JweError::DecryptionFailed) => sender::random(cek_len, rng),
        Err(other) => return Err(other),
    };
    let aad = token.header_b64.as_bytes();
    let opened = content::decrypt(
        params.enc,
        &cek,
        &token.iv,
        aad,
        &token.ciphertext,
        &token.tag,
    )?;
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
    })
}

/// Encrypts `plaintext` to a compact JWE. The header must name `alg` and `enc`; `zip: "DEF"`
/// compresses first; the members the `alg` defines (`epk`, `iv`/`tag`, `p2s`/`p2c`) are added
/// (a PBES2 `p2s`/`p2c` or ECDH-ES `apu`/`apv` already in the header are used as given).
/// `RSA1_5` is refused.
pub fn encrypt<R: CryptoRng + ?Sized>(
    mut header: Map<String, Value>,
    plaintext: &[u8],
    key: &EncryptionKey,
    rng: &mut R,
) -> Result<String, JweError> {
    if header.get("alg").and_then(Value::as_str) == Some(KeyManagement::Rsa1_5.as_str()) {
        return Err(JweError::Rsa1_5EncryptRefused);
    }
    let params = header::read(&header)?;
    check_key_alg(key.alg.as_deref(), params)?;
    let content_key = sender::content_key(params, &mut header, &key.material, rng)?;
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
    let iv = sender::random(params.enc.iv_len(), rng);
    let sealed = content::encrypt(
        params.enc,
        &content_key.cek,
        &iv,
        header_b64.as_bytes(),
        body,
    )?;
    Ok([
        header_b64.as_str(),
        &base64url::encode(&content_key.encrypted_key),
        &base64url::encode(&iv),
        &base64url::encode(&sealed.ciphertext),
        &base64url::encode(&sealed.tag),
    ]
    .join("."))
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
