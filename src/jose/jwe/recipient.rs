//! The recipient's key management (RFC 7516 section 5.2 steps 6-10): the content encryption
//! key from the JWE Encrypted Key, the header and the decryption key, for every `alg`.

use rand_core::CryptoRng;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::alg::KeyManagement;
use super::cipher::{JweCipher, Output, Primitive, Session};
use super::ecdh::{KdfInput, concat_kdf, recipient_inputs};
use super::error::JweError;
use super::header::{self, Params};
use super::key_checks::{kek_name, symmetric, wrong_key};
use super::keys::DecryptionMaterial;
use super::{rsa_kw, wrap};
use crate::jose::keys::PrivateKey;

/// The CEK. A failure that depends on the key is [`JweError::DecryptionFailed`]; the caller
/// then continues with a random CEK so that every such failure surfaces at the tag check.
pub(super) async fn content_key<C: JweCipher + ?Sized, R: CryptoRng + ?Sized>(
    session: &mut Session<'_, C, R>,
    params: Params,
    header: &Map<String, Value>,
    encrypted_key: &[u8],
    key: &DecryptionMaterial,
) -> Result<Output, JweError> {
    let alg = params.alg;
    let cek_len = params.enc.key_len();
    let data = encrypted_key;
    match alg {
        KeyManagement::Dir => {
            expect_empty(alg, encrypted_key)?;
            let what = || format!("the dir key for {}", params.enc.as_str());
            let cek = symmetric(alg, key, cek_len, what)?;
            Ok(Zeroizing::new(cek.to_vec()))
        }
        KeyManagement::RsaOaep(hash) => {
            let key = rsa_key(alg, key)?;
            session
                .run(Primitive::OaepDecrypt { hash, key, data })
                .await
        }
        KeyManagement::Rsa1_5 => {
            // WebCrypto has no RSAES-PKCS1-v1_5 encryption: always the Rust engine.
            session.engines.rust_only("RSA1_5");
            let rsa = rsa_kw::private_rsa(rsa_key(alg, key)?)?;
            Ok(rsa_kw::rsa1_5_decrypt(rsa, data, cek_len, session.rng))
        }
        KeyManagement::AesKw(size) => {
            let kek = symmetric(alg, key, size.key_len(), || kek_name(alg))?;
            session.run(Primitive::KwUnwrap { kek, data }).await
        }
        KeyManagement::AesGcmKw(size) => {
            let iv = header::sized_member(header, "iv", alg.as_str(), 12)?;
            let tag = header::sized_member(header, "tag", alg.as_str(), 16)?;
            let key = symmetric(alg, key, size.key_len(), || kek_name(alg))?;
            let (iv, data) = (iv.as_slice(), [encrypted_key, &tag].concat());
            let (aad, data) = (&[][..], data.as_slice());
            session.run(Primitive::GcmOpen { key, iv, aad, data }).await
        }
        KeyManagement::EcdhEs(wrap_size) => {
            let epk = header::epk(header)?;
            let kdf = KdfInput::for_header(&params, wrap_size, header)?;
            let (secret, peer) = recipient_inputs(alg.as_str(), key, epk)?;
            let peer = peer.as_slice();
            let z = session.run(Primitive::Ecdh { secret, peer }).await?;
            let derived = concat_kdf(&z, &kdf);
            match wrap_size {
                None => {
                    expect_empty(alg, encrypted_key)?;
                    Ok(derived)
                }
                Some(_) => {
                    let kek = derived.as_slice();
                    session.run(Primitive::KwUnwrap { kek, data }).await
                }
            }
        }
        KeyManagement::Pbes2(size) => {
            let password = key
                .password()
                .ok_or_else(|| wrong_key(alg, "a password", key))?;
            let kek = wrap::pbes2_kek(session, alg, size, header, password).await?;
            let kek = kek.as_slice();
            session.run(Primitive::KwUnwrap { kek, data }).await
        }
    }
}

fn rsa_key(alg: KeyManagement, key: &DecryptionMaterial) -> Result<&PrivateKey, JweError> {
    key.rsa_key()
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
