//! Content encryption (`enc`, RFC 7518 section 5): AES-GCM, and AES-CBC with HMAC-SHA-2
//! (section 5.2). The AAD is the ASCII of the protected header segment (RFC 7516 section 5.1).

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{AeadInOut, KeyInit};
use hmac::Mac;
use rand_core::CryptoRng;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::alg::{AesSize, ContentEncryption, with_aes};
use super::cipher::{JweCipher, Output, Primitive, Session};
use super::error::JweError;
use crate::jose::algorithm::hash::{HashAlg, with_hash};

/// Ciphertext and authentication tag.
pub(super) struct Sealed {
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
}

/// The GCM tag length: 128 bits, as RFC 7518 section 5.3 fixes it.
const GCM_TAG_LEN: usize = 16;

/// Encrypts `plaintext` with the CEK and IV, whose lengths the caller has checked.
pub(super) async fn encrypt<C: JweCipher + ?Sized, R: CryptoRng + ?Sized>(
    session: &mut Session<'_, C, R>,
    enc: ContentEncryption,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Sealed, JweError> {
    check_lengths(enc, cek, iv, None)?;
    match enc {
        ContentEncryption::Gcm(_) => {
            let (key, data) = (cek, plaintext);
            let mut ciphertext = session
                .run(Primitive::GcmSeal { key, iv, aad, data })
                .await?
                .to_vec();
            let tag = ciphertext.split_off(ciphertext.len().saturating_sub(GCM_TAG_LEN));
            Ok(Sealed { ciphertext, tag })
        }
        ContentEncryption::CbcHmac(size) => {
            // MAC_KEY is the first half of the CEK, ENC_KEY the second (section 5.2.2.1 step 1).
            let (mac_key, key) = cek.split_at(size.key_len().min(cek.len()));
            let data = plaintext;
            let ciphertext = session
                .run(Primitive::CbcEncrypt { key, iv, data })
                .await?
                .to_vec();
            let tag = cbc_tag(size, mac_key, aad, iv, &ciphertext);
            Ok(Sealed { ciphertext, tag })
        }
    }
}

/// Decrypts and authenticates; every failure that depends on the key is
/// [`JweError::DecryptionFailed`].
pub(super) async fn decrypt<C: JweCipher + ?Sized, R: CryptoRng + ?Sized>(
    session: &mut Session<'_, C, R>,
    enc: ContentEncryption,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    sealed: Sealed,
) -> Result<Output, JweError> {
    check_lengths(enc, cek, iv, Some(&sealed.tag))?;
    match enc {
        ContentEncryption::Gcm(_) => {
            let data = [sealed.ciphertext, sealed.tag].concat();
            let (key, data) = (cek, data.as_slice());
            session.run(Primitive::GcmOpen { key, iv, aad, data }).await
        }
        ContentEncryption::CbcHmac(size) => {
            let (mac_key, key) = cek.split_at(size.key_len().min(cek.len()));
            // The tag is checked first and in constant time (section 5.2.2.2): nothing is
            // decrypted from an unauthenticated ciphertext, so CBC padding is no oracle.
            let expected = cbc_tag(size, mac_key, aad, iv, &sealed.ciphertext);
            if !bool::from(expected.as_slice().ct_eq(&sealed.tag)) {
                return Err(JweError::DecryptionFailed);
            }
            let data = sealed.ciphertext.as_slice();
            session.run(Primitive::CbcDecrypt { key, iv, data }).await
        }
    }
}

/// The IV and tag lengths are public (a wrong one is malformed input, not an oracle); a CEK of
/// the wrong length can only come from a bug or a `dir` key checked earlier.
fn check_lengths(
    enc: ContentEncryption,
    cek: &[u8],
    iv: &[u8],
    tag: Option<&[u8]>,
) -> Result<(), JweError> {
    let check = |part: &'static str, expected: usize, found: usize| {
        if expected == found {
            Ok(())
        } else {
            Err(JweError::WrongPartLength {
                part,
                alg: enc.as_str(),
                expected,
                found,
            })
        }
    };
    check("initialization vector", enc.iv_len(), iv.len())?;
    if let Some(tag) = tag {
        check("authentication tag", enc.tag_len(), tag.len())?;
    }
    check("content encryption key", enc.key_len(), cek.len())
}

/// AES-GCM encryption (the Rust engine's): the ciphertext followed by the tag.
pub(super) fn gcm_seal(
    size: AesSize,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, JweError> {
    let failed = || JweError::EncryptionFailed("AES-GCM refused the key or IV".into());
    with_aes!(size, A => {
        let cipher = aes_gcm::AesGcm::<A, U12>::new_from_slice(key).map_err(|_| failed())?;
        let nonce = aes_gcm::Nonce::<U12>::try_from(iv).map_err(|_| failed())?;
        let mut buffer = plaintext.to_vec();
        let tag = cipher
            .encrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into())
            .map_err(|_| failed())?;
        buffer.extend_from_slice(&tag);
        Ok(buffer)
    })
}

/// AES-GCM decryption (the Rust engine's) of the ciphertext followed by its tag.
pub(super) fn gcm_open(
    size: AesSize,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    data: &[u8],
) -> Result<Output, JweError> {
    let failed = || JweError::DecryptionFailed;
    let split = data.len().checked_sub(GCM_TAG_LEN).ok_or_else(failed)?;
    let (ciphertext, tag) = data.split_at(split);
    with_aes!(size, A => {
        let cipher = aes_gcm::AesGcm::<A, U12>::new_from_slice(key).map_err(|_| failed())?;
        let nonce = aes_gcm::Nonce::<U12>::try_from(iv).map_err(|_| failed())?;
        let tag = aes_gcm::Tag::try_from(tag).map_err(|_| failed())?;
        let mut buffer = Zeroizing::new(ciphertext.to_vec());
        cipher
            .decrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into(), &tag)
            .map_err(|_| failed())?;
        Ok(buffer)
    })
}

/// AES-CBC encryption with PKCS#7 padding (the Rust engine's).
pub(super) fn cbc_encrypt(
    size: AesSize,
    key: &[u8],
    iv: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, JweError> {
    Ok(with_aes!(size, A => {
        cbc::Encryptor::<A>::new_from_slices(key, iv)
            .map_err(|_| JweError::EncryptionFailed("AES-CBC key or IV length".into()))?
            .encrypt_padded_vec::<Pkcs7>(plaintext)
    }))
}

/// AES-CBC decryption, padding removed (the Rust engine's).
pub(super) fn cbc_decrypt(
    size: AesSize,
    key: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<Output, JweError> {
    let plaintext = with_aes!(size, A => {
        cbc::Decryptor::<A>::new_from_slices(key, iv)
            .map_err(|_| JweError::DecryptionFailed)?
            .decrypt_padded_vec::<Pkcs7>(ciphertext)
            .map_err(|_| JweError::DecryptionFailed)?
    });
    Ok(Zeroizing::new(plaintext))
}

/// The CBC-HMAC hash: SHA-256, -384 or -512 for 128-, 192- and 256-bit AES (section 5.2.3-5).
fn cbc_hash(size: AesSize) -> HashAlg {
    match size {
        AesSize::A128 => HashAlg::Sha256,
        AesSize::A192 => HashAlg::Sha384,
        AesSize::A256 => HashAlg::Sha512,
    }
}

/// `T`: the first half of HMAC(MAC_KEY, A || IV || E || AL), AL being the AAD length in bits as
/// a 64-bit big-endian integer (RFC 7518 section 5.2.2.1, steps 4-6).
fn cbc_tag(size: AesSize, mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let al = u64::try_from(aad.len())
        .unwrap_or(u64::MAX)
        .saturating_mul(8)
        .to_be_bytes();
    let full = with_hash!(cbc_hash(size), D => {
        // HMAC takes keys of any length, so this cannot fail; an empty tag would then simply
        // never match.
        match <hmac::Hmac<D> as hmac::KeyInit>::new_from_slice(mac_key) {
            Ok(mut mac) => {
                for part in [aad, iv, ciphertext, al.as_slice()] {
                    mac.update(part);
                }
                mac.finalize().into_bytes().to_vec()
            }
            Err(_) => Vec::new(),
        }
    });
    full.get(..size.key_len()).unwrap_or_default().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::backend::{RustCrypto, run_ready};
    use crate::jose::rng::seeded_rng;

    fn seal(enc: ContentEncryption, key: &[u8], iv: &[u8], aad: &[u8], text: &[u8]) -> Sealed {
        let mut rng = seeded_rng().unwrap();
        let mut session = Session::new(&RustCrypto, &mut rng);
        run_ready(encrypt(&mut session, enc, key, iv, aad, text))
            .unwrap()
            .unwrap()
    }

    fn open(
        enc: ContentEncryption,
        key: &[u8],
        iv: &[u8],
        aad: &[u8],
        sealed: Sealed,
    ) -> Result<Output, JweError> {
        let mut rng = seeded_rng().unwrap();
        let mut session = Session::new(&RustCrypto, &mut rng);
        run_ready(decrypt(&mut session, enc, key, iv, aad, sealed)).unwrap()
    }

    /// RFC 7518 appendix B.1: AES_128_CBC_HMAC_SHA_256, key, IV, AAD and the expected tag.
    #[test]
    fn rfc7518_b1_tag() {
        let key: Vec<u8> = (0u8..32).collect();
        let iv = [
            0x1a, 0xf3, 0x8c, 0x2d, 0xc2, 0xb9, 0x6f, 0xfd, 0xd8, 0x66, 0x94, 0x09, 0x23, 0x41,
            0xbc, 0x04,
        ];
        let aad = b"The second principle of Auguste Kerckhoffs";
        let plaintext = b"A cipher system must not be required to be secret, and it must be able to fall into the hands of the enemy without inconvenience";
        let enc = ContentEncryption::CbcHmac(AesSize::A128);
        let sealed = seal(enc, &key, &iv, aad, plaintext);
        assert_eq!(
            sealed.tag,
            [
                0x65, 0x2c, 0x3f, 0xa3, 0x6b, 0x0a, 0x7c, 0x5b, 0x32, 0x19, 0xfa, 0xb3, 0xa3, 0x0b,
                0xc1, 0xc4
            ]
        );
        let opened = open(enc, &key, &iv, aad, sealed).unwrap();
        assert_eq!(opened.as_slice(), plaintext);
    }

    #[test]
    fn modified_tag_fails_without_detail() {
        for enc in ContentEncryption::ALL {
            let key = vec![7; enc.key_len()];
            let iv = vec![1; enc.iv_len()];
            let mut sealed = seal(enc, &key, &iv, b"aad", b"hello");
            if let Some(byte) = sealed.tag.first_mut() {
                *byte ^= 1;
            }
            let err = open(enc, &key, &iv, b"aad", sealed).unwrap_err();
            assert_eq!(err, JweError::DecryptionFailed, "{}", enc.as_str());
        }
    }
}
