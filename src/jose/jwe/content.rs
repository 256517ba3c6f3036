//! Content encryption (`enc`, RFC 7518 section 5): AES-GCM, and AES-CBC with HMAC-SHA-2
//! (section 5.2). The AAD is the ASCII of the protected header segment (RFC 7516 section 5.1).

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{AeadInOut, KeyInit};
use hmac::Mac;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::alg::{AesSize, ContentEncryption, with_aes};
use super::error::JweError;
use crate::jose::algorithm::hash::{HashAlg, with_hash};

/// Ciphertext and authentication tag.
pub(super) struct Sealed {
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
}

/// Ciphertext and tag as read from a token.
#[derive(Clone, Copy)]
struct Opened<'a> {
    ciphertext: &'a [u8],
    tag: &'a [u8],
}

/// Encrypts `plaintext` with the CEK and IV, whose lengths the caller has checked.
pub(super) fn encrypt(
    enc: ContentEncryption,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Sealed, JweError> {
    check_lengths(enc, cek, iv, None)?;
    match enc {
        ContentEncryption::Gcm(size) => {
            with_aes!(size, A => gcm_encrypt::<aes_gcm::AesGcm<A, U12>>(cek, iv, aad, plaintext))
        }
        ContentEncryption::CbcHmac(size) => cbc_hmac_encrypt(size, cek, iv, aad, plaintext),
    }
}

/// Decrypts and authenticates; every failure that depends on the key is
/// [`JweError::DecryptionFailed`].
pub(super) fn decrypt(
    enc: ContentEncryption,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    check_lengths(enc, cek, iv, Some(tag))?;
    let sealed = Opened { ciphertext, tag };
    match enc {
        ContentEncryption::Gcm(size) => {
            with_aes!(size, A => gcm_decrypt::<aes_gcm::AesGcm<A, U12>>(cek, iv, aad, sealed))
        }
        ContentEncryption::CbcHmac(size) => cbc_hmac_decrypt(size, cek, iv, aad, sealed),
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

fn gcm_encrypt<C: KeyInit + AeadInOut>(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Sealed, JweError> {
    let failed = |_| JweError::EncryptionFailed("AES-GCM refused the input".into());
    let cipher = C::new_from_slice(key).map_err(|_| JweError::EncryptionFailed("key".into()))?;
    let nonce = aes_gcm::aead::Nonce::<C>::try_from(iv)
        .map_err(|_| JweError::EncryptionFailed("IV length".into()))?;
    let mut buffer = plaintext.to_vec();
    let tag = cipher
        .encrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into())
        .map_err(failed)?;
    Ok(Sealed {
        ciphertext: buffer,
        tag: tag.to_vec(),
    })
}

fn gcm_decrypt<C: KeyInit + AeadInOut>(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    sealed: Opened<'_>,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    // The lengths were checked, so these conversions cannot fail; any failure is reported as
    // the one decryption failure all the same.
    let cipher = C::new_from_slice(key).map_err(|_| JweError::DecryptionFailed)?;
    let nonce = aes_gcm::aead::Nonce::<C>::try_from(iv).map_err(|_| JweError::DecryptionFailed)?;
    let tag =
        aes_gcm::aead::Tag::<C>::try_from(sealed.tag).map_err(|_| JweError::DecryptionFailed)?;
    let mut buffer = Zeroizing::new(sealed.ciphertext.to_vec());
    cipher
        .decrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into(), &tag)
        .map_err(|_| JweError::DecryptionFailed)?;
    Ok(buffer)
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

fn cbc_hmac_encrypt(
    size: AesSize,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Sealed, JweError> {
    // MAC_KEY is the first half of the CEK, ENC_KEY the second (section 5.2.2.1 step 1).
    let (mac_key, enc_key) = cek.split_at(size.key_len().min(cek.len()));
    let ciphertext = with_aes!(size, A => {
        cbc::Encryptor::<A>::new_from_slices(enc_key, iv)
            .map_err(|_| JweError::EncryptionFailed("AES-CBC key or IV length".into()))?
            .encrypt_padded_vec::<Pkcs7>(plaintext)
    });
    let tag = cbc_tag(size, mac_key, aad, iv, &ciphertext);
    Ok(Sealed { ciphertext, tag })
}

fn cbc_hmac_decrypt(
    size: AesSize,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    sealed: Opened<'_>,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let (mac_key, enc_key) = cek.split_at(size.key_len().min(cek.len()));
    // The tag is checked first and in constant time (section 5.2.2.2): nothing is decrypted
    // from an unauthenticated ciphertext, so CBC padding is no oracle.
    let expected = cbc_tag(size, mac_key, aad, iv, sealed.ciphertext);
    if !bool::from(expected.as_slice().ct_eq(sealed.tag)) {
        return Err(JweError::DecryptionFailed);
    }
    let plaintext = with_aes!(size, A => {
        cbc::Decryptor::<A>::new_from_slices(enc_key, iv)
            .map_err(|_| JweError::DecryptionFailed)?
            .decrypt_padded_vec::<Pkcs7>(sealed.ciphertext)
            .map_err(|_| JweError::DecryptionFailed)?
    });
    Ok(Zeroizing::new(plaintext))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let sealed = encrypt(enc, &key, &iv, aad, plaintext).unwrap();
        assert_eq!(
            sealed.tag,
            [
                0x65, 0x2c, 0x3f, 0xa3, 0x6b, 0x0a, 0x7c, 0x5b, 0x32, 0x19, 0xfa, 0xb3, 0xa3, 0x0b,
                0xc1, 0xc4
            ]
        );
        let opened = decrypt(enc, &key, &iv, aad, &sealed.ciphertext, &sealed.tag).unwrap();
        assert_eq!(opened.as_slice(), plaintext);
    }

    #[test]
    fn modified_tag_fails_without_detail() {
        for enc in ContentEncryption::ALL {
            let key = vec![7; enc.key_len()];
            let iv = vec![1; enc.iv_len()];
            let mut sealed = encrypt(enc, &key, &iv, b"aad", b"hello").unwrap();
            if let Some(byte) = sealed.tag.first_mut() {
                *byte ^= 1;
            }
            let err = decrypt(enc, &key, &iv, b"aad", &sealed.ciphertext, &sealed.tag).unwrap_err();
            assert_eq!(err, JweError::DecryptionFailed, "{}", enc.as_str());
        }
    }
}
