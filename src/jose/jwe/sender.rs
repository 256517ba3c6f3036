//! The sender's key management (RFC 7516 section 5.1 steps 1-6): a CEK and its JWE Encrypted
//! Key for every `alg`, adding the header members the algorithm defines (`epk`, `iv`/`tag`,
//! `p2s`/`p2c`).

use rand_core::CryptoRng;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::alg::{AesSize, KeyManagement};
use super::cipher::{JweCipher, Primitive, Session};
use super::ecdh::{KdfInput, concat_kdf, sender_inputs};
use super::error::JweError;
use super::header::Params;
use super::key_checks::{kek_name, symmetric, wrong_key};
use super::keys::EncryptionMaterial;
use super::wrap;
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
pub(super) async fn content_key<C: JweCipher + ?Sized, R: CryptoRng + ?Sized>(
    session: &mut Session<'_, C, R>,
    params: Params,
    header: &mut Map<String, Value>,
    key: &EncryptionMaterial,
) -> Result<ContentKey, JweError> {
    let alg = params.alg;
    let cek_len = params.enc.key_len();
    if alg == KeyManagement::Dir {
        let what = || format!("the dir key for {}", params.enc.as_str());
        let cek = symmetric(alg, key, cek_len, what)?;
        return Ok(ContentKey {
            cek: Zeroizing::new(cek.to_vec()),
            encrypted_key: Vec::new(),
        });
    }
    let kek = match alg {
        KeyManagement::EcdhEs(wrap_size) => {
            let kdf = KdfInput::for_header(&params, wrap_size, header)?;
            let inputs = sender_inputs(alg.as_str(), key, session.rng)?;
            header.insert("epk".into(), Value::Object(inputs.epk));
            let (secret, peer) = (inputs.ephemeral.secret(), inputs.peer.as_slice());
            let z = session.run(Primitive::Ecdh { secret, peer }).await?;
            let derived = concat_kdf(&z, &kdf);
            if wrap_size.is_none() {
                // ECDH-ES without a wrap: the agreed key is the CEK.
                return Ok(ContentKey {
                    cek: derived,
                    encrypted_key: Vec::new(),
                });
            }
            Some(derived)
        }
        KeyManagement::Pbes2(size) => Some(pbes2_kek(session, alg, size, header, key).await?),
        _ => None,
    };
    let cek = random(cek_len, session.rng);
    let data = cek.as_slice();
    let encrypted_key = match (alg, kek) {
        (_, Some(kek)) => {
            let kek = kek.as_slice();
            session.run(Primitive::KwWrap { kek, data }).await?
        }
        (KeyManagement::RsaOaep(hash), None) => {
            let key = key
                .rsa_key()
                .ok_or_else(|| wrong_key(alg, "an RSA public key", key))?;
            session
                .run(Primitive::OaepEncrypt { hash, key, data })
                .await?
        }
        (KeyManagement::AesKw(size), None) => {
            let kek = symmetric(alg, key, size.key_len(), || kek_name(alg))?;
            session.run(Primitive::KwWrap { kek, data }).await?
        }
        (KeyManagement::AesGcmKw(size), None) => {
            let key = symmetric(alg, key, size.key_len(), || kek_name(alg))?;
            let iv = random(12, session.rng);
            let (iv, aad) = (iv.as_slice(), &[][..]);
            let mut sealed = session
                .run(Primitive::GcmSeal { key, iv, aad, data })
                .await?
                .to_vec();
            let tag = sealed.split_off(sealed.len().saturating_sub(16));
            header.insert("iv".into(), base64url::encode(iv).into());
            header.insert("tag".into(), base64url::encode(&tag).into());
            Zeroizing::new(sealed)
        }
        _ => return Err(JweError::Rsa1_5EncryptRefused),
    };
    Ok(ContentKey {
        cek,
        encrypted_key: encrypted_key.to_vec(),
    })
}

/// The PBES2 key-encryption key; the header may fix the salt input and count, otherwise 16
/// random bytes and [`DEFAULT_PBES2_ITERATIONS`] are added to it.
async fn pbes2_kek<C: JweCipher + ?Sized, R: CryptoRng + ?Sized>(
    session: &mut Session<'_, C, R>,
    alg: KeyManagement,
    size: AesSize,
    header: &mut Map<String, Value>,
    key: &EncryptionMaterial,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let password = key
        .password()
        .ok_or_else(|| wrong_key(alg, "a password", key))?;
    if !header.contains_key("p2s") {
        let p2s = random(16, session.rng);
        header.insert("p2s".into(), base64url::encode(&p2s).into());
    }
    if !header.contains_key("p2c") {
        header.insert("p2c".into(), DEFAULT_PBES2_ITERATIONS.into());
    }
    wrap::pbes2_kek(session, alg, size, header, password).await
}

/// `len` random bytes, wiped on drop (they are key material or an IV).
pub(super) fn random<R: CryptoRng + ?Sized>(len: usize, rng: &mut R) -> Zeroizing<Vec<u8>> {
    let mut bytes = Zeroizing::new(vec![0u8; len]);
    rng.fill_bytes(&mut bytes);
    bytes
}
