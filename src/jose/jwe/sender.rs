//! The sender's key management (RFC 7516 section 5.1 steps 1-6): a CEK and its JWE Encrypted
//! Key for every `alg`, adding the header members the algorithm defines (`epk`, `iv`/`tag`,
//! `p2s`/`p2c`).

use rand_core::CryptoRng;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::alg::{AesSize, KeyManagement};
use super::ecdh::{KdfInput, derive_for_sender};
use super::error::JweError;
use super::header::{self, Params};
use super::key_checks::{kek_name, symmetric, wrong_key};
use super::keys::EncryptionMaterial;
use super::{rsa_kw, wrap};
use crate::jose::base64url;

/// The PBES2 iteration count used when the header gives none: the most that common libraries
/// accept by default (node `jose` refuses more than 10,000, Python `jwcrypto` more than 16,384;
/// found by the interoperability tests), ten times RFC 7518's minimum. OWASP's 2023 figure for
/// PBKDF2-HMAC-SHA256 is 600,000: a header (or the command line's `--p2c`) can ask for it, for a
/// recipient that accepts it.
pub const DEFAULT_PBES2_ITERATIONS: u32 = 10_000;

/// The CEK and the JWE Encrypted Key (empty for `dir` and `ECDH-ES`).
pub(super) struct ContentKey {
    pub cek: Zeroizing<Vec<u8>>,
    pub encrypted_key: Vec<u8>,
}

/// Chooses the CEK and encrypts it to the key, adding header members as the `alg` requires.
pub(super) fn content_key<R: CryptoRng + ?Sized>(
    params: Params,
    header: &mut Map<String, Value>,
    key: &EncryptionMaterial,
    rng: &mut R,
) -> Result<ContentKey, JweError> {
    let alg = params.alg;
    let cek_len = params.enc.key_len();
    match alg {
        KeyManagement::Dir => {
            let what = || format!("the dir key for {}", params.enc.as_str());
            let cek = symmetric(alg, key, cek_len, what)?;
            Ok(ContentKey {
                cek: Zeroizing::new(cek.to_vec()),
                encrypted_key: Vec::new(),
            })
        }
        KeyManagement::RsaOaep(hash) => {
            let rsa = key
                .rsa()
                .ok_or_else(|| wrong_key(alg, "an RSA public key", key))?;
            let cek = random(cek_len, rng);
            let encrypted_key = rsa_kw::oaep_encrypt(hash, rsa, &cek, rng)?;
            Ok(ContentKey { cek, encrypted_key })
        }
        KeyManagement::Rsa1_5 => Err(JweError::Rsa1_5EncryptRefused),
        KeyManagement::AesKw(size) => {
            let kek = symmetric(alg, key, size.key_len(), || kek_name(alg))?;
            let cek = random(cek_len, rng);
            let encrypted_key = wrap::aes_kw_wrap(size, kek, &cek)?;
            Ok(ContentKey { cek, encrypted_key })
        }
        KeyManagement::AesGcmKw(size) => gcm_kw(alg, size, cek_len, header, key, rng),
        KeyManagement::EcdhEs(wrap_size) => ecdh(params, wrap_size, header, key, rng),
        KeyManagement::Pbes2(size) => pbes2(alg, size, cek_len, header, key, rng),
    }
}

fn gcm_kw<R: CryptoRng + ?Sized>(
    alg: KeyManagement,
    size: AesSize,
    cek_len: usize,
    header: &mut Map<String, Value>,
    key: &EncryptionMaterial,
    rng: &mut R,
) -> Result<ContentKey, JweError> {
    let kek = symmetric(alg, key, size.key_len(), || kek_name(alg))?;
    let cek = random(cek_len, rng);
    let iv = random(12, rng);
    let (encrypted_key, tag) = wrap::gcm_kw_wrap(size, kek, &iv, &cek)?;
    header.insert("iv".into(), base64url::encode(&iv).into());
    header.insert("tag".into(), base64url::encode(&tag).into());
    Ok(ContentKey { cek, encrypted_key })
}

fn ecdh<R: CryptoRng + ?Sized>(
    params: Params,
    wrap_size: Option<AesSize>,
    header: &mut Map<String, Value>,
    key: &EncryptionMaterial,
    rng: &mut R,
) -> Result<ContentKey, JweError> {
    let alg = params.alg;
    let kdf = KdfInput::for_header(&params, wrap_size, header)?;
    let (derived, epk) = derive_for_sender(alg.as_str(), key, &kdf, rng)?;
    header.insert("epk".into(), Value::Object(epk));
    match wrap_size {
        None => Ok(ContentKey {
            cek: derived,
            encrypted_key: Vec::new(),
        }),
        Some(size) => {
            let cek = random(params.enc.key_len(), rng);
            let encrypted_key = wrap::aes_kw_wrap(size, &derived, &cek)?;
            Ok(ContentKey { cek, encrypted_key })
        }
    }
}

fn pbes2<R: CryptoRng + ?Sized>(
    alg: KeyManagement,
    size: AesSize,
    cek_len: usize,
    header: &mut Map<String, Value>,
    key: &EncryptionMaterial,
    rng: &mut R,
) -> Result<ContentKey, JweError> {
    let password = key
        .password()
        .ok_or_else(|| wrong_key(alg, "a password", key))?;
    // The header may fix the salt input and count; otherwise 16 random bytes and the default.
    if !header.contains_key("p2s") {
        header.insert("p2s".into(), base64url::encode(&random(16, rng)).into());
    }
    if !header.contains_key("p2c") {
        header.insert("p2c".into(), DEFAULT_PBES2_ITERATIONS.into());
    }
    let salt = header::pbes2_salt(header)?;
    let count = header::pbes2_count(header)?;
    let kek = wrap::pbes2_kek(size, alg.as_str(), password, &salt, count);
    let cek = random(cek_len, rng);
    let encrypted_key = wrap::aes_kw_wrap(size, &kek, &cek)?;
    Ok(ContentKey { cek, encrypted_key })
}

/// `len` random bytes, wiped on drop (they are key material or an IV).
pub(super) fn random<R: CryptoRng + ?Sized>(len: usize, rng: &mut R) -> Zeroizing<Vec<u8>> {
    let mut bytes = Zeroizing::new(vec![0u8; len]);
    rng.fill_bytes(&mut bytes);
    bytes
}
