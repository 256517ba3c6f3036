//! The recipient's key management (RFC 7516 section 5.2 steps 6-10): the content encryption
//! key from the JWE Encrypted Key, the header and the decryption key, for every `alg`.

use rand_core::CryptoRng;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::alg::{AesSize, KeyManagement};
use super::ecdh::{KdfInput, derive_for_recipient};
use super::error::JweError;
use super::header::{self, Params};
use super::key_checks::{kek_name, symmetric, wrong_key};
use super::keys::DecryptionMaterial;
use super::{rsa_kw, wrap};

/// The CEK. A failure that depends on the key is [`JweError::DecryptionFailed`]; the caller
/// then continues with a random CEK so that every such failure surfaces at the tag check.
pub(super) fn content_key<R: CryptoRng + ?Sized>(
    params: Params,
    header: &Map<String, Value>,
    encrypted_key: &[u8],
    key: &DecryptionMaterial,
    rng: &mut R,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let alg = params.alg;
    let cek_len = params.enc.key_len();
    match alg {
        KeyManagement::Dir => {
            expect_empty(alg, encrypted_key)?;
            let what = || format!("the dir key for {}", params.enc.as_str());
            let cek = symmetric(alg, key, cek_len, what)?;
            Ok(Zeroizing::new(cek.to_vec()))
        }
        KeyManagement::RsaOaep(hash) => {
            rsa_kw::oaep_decrypt(hash, rsa_key(alg, key)?, encrypted_key, rng)
        }
        KeyManagement::Rsa1_5 => Ok(rsa_kw::rsa1_5_decrypt(
            rsa_key(alg, key)?,
            encrypted_key,
            cek_len,
            rng,
        )),
        KeyManagement::AesKw(size) => {
            let kek = symmetric(alg, key, size.key_len(), || kek_name(alg))?;
            wrap::aes_kw_unwrap(size, kek, encrypted_key)
        }
        KeyManagement::AesGcmKw(size) => gcm_kw(alg, size, header, encrypted_key, key),
        KeyManagement::EcdhEs(wrap_size) => ecdh(params, wrap_size, header, encrypted_key, key),
        KeyManagement::Pbes2(size) => pbes2(alg, size, header, encrypted_key, key),
    }
}

fn gcm_kw(
    alg: KeyManagement,
    size: AesSize,
    header: &Map<String, Value>,
    encrypted_key: &[u8],
    key: &DecryptionMaterial,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let iv = header::sized_member(header, "iv", alg.as_str(), 12)?;
    let tag = header::sized_member(header, "tag", alg.as_str(), 16)?;
    let kek = symmetric(alg, key, size.key_len(), || kek_name(alg))?;
    wrap::gcm_kw_unwrap(size, kek, &iv, &tag, encrypted_key)
}

fn ecdh(
    params: Params,
    wrap_size: Option<AesSize>,
    header: &Map<String, Value>,
    encrypted_key: &[u8],
    key: &DecryptionMaterial,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let alg = params.alg;
    let epk = header::epk(header)?;
    let kdf = KdfInput::for_header(&params, wrap_size, header)?;
    match wrap_size {
        None => {
            expect_empty(alg, encrypted_key)?;
            derive_for_recipient(alg.as_str(), key, epk, &kdf)
        }
        Some(size) => {
            let kek = derive_for_recipient(alg.as_str(), key, epk, &kdf)?;
            wrap::aes_kw_unwrap(size, &kek, encrypted_key)
        }
    }
}

fn pbes2(
    alg: KeyManagement,
    size: AesSize,
    header: &Map<String, Value>,
    encrypted_key: &[u8],
    key: &DecryptionMaterial,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    // The count was already bounded when the header was read; read it again for its value.
    let count = header::pbes2_count(header)?;
    let salt = header::pbes2_salt(header)?;
    let password = key
        .password()
        .ok_or_else(|| wrong_key(alg, "a password", key))?;
    let kek = wrap::pbes2_kek(size, alg.as_str(), password, &salt, count);
    wrap::aes_kw_unwrap(size, &kek, encrypted_key)
}

fn rsa_key(alg: KeyManagement, key: &DecryptionMaterial) -> Result<&rsa::PrivateKey, JweError> {
    key.rsa()
        .ok_or_else(|| wrong_key(alg, "an RSA private key", key))
}

/// `dir` and `ECDH-ES` have no encrypted key: RFC 7516 section 5.2 step 10 requires it empty.
fn expect_empty(alg: KeyManagement, encrypted_key: &[u8]) -> Result<(), JweError> {
    if encrypted_key.is_empty() {
        Ok(())
    } else {
        Err(JweError::WrongPartLength {
            part: "encrypted key",
            alg: alg.as_str(),
            expected: 0,
            found: encrypted_key.len(),
        })
    }
}
