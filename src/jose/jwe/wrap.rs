//! Symmetric key wrapping: AES Key Wrap (`A*KW`, RFC 7518 section 4.4, RFC 3394), AES-GCM key
//! encryption (`A*GCMKW`, section 4.7) and PBES2 (section 4.8), whose derived key then wraps
//! with AES Key Wrap.

use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{AeadInOut, KeyInit};
use zeroize::Zeroizing;

use super::alg::{AesSize, with_aes};
use super::error::JweError;
use crate::jose::algorithm::hash::{HashAlg, with_hash};

/// The largest PBES2 iteration count accepted: far above real use (RFC 7518 section 4.8.1.2
/// recommends at least 1000; OWASP 2023 suggests 600,000 for PBKDF2-HMAC-SHA256), and small
/// enough that the page answers in seconds. Larger counts are refused before any work.
pub const MAX_PBES2_ITERATIONS: u32 = 1_000_000;

/// The smallest count RFC 7518 section 4.8.1.2 recommends; fewer is reported, not refused.
pub const MIN_RECOMMENDED_PBES2_ITERATIONS: u32 = 1000;

/// AES Key Wrap of the CEK (RFC 3394).
pub(super) fn aes_kw_wrap(size: AesSize, kek: &[u8], cek: &[u8]) -> Result<Vec<u8>, JweError> {
    let mut out = vec![0u8; cek.len().saturating_add(8)];
    let failed = |e: aes_kw::Error| JweError::EncryptionFailed(format!("AES Key Wrap: {e}"));
    with_aes!(size, A => {
        let kw = aes_kw::AesKw::<A>::new_from_slice(kek)
            .map_err(|_| JweError::EncryptionFailed("AES Key Wrap key length".into()))?;
        kw.wrap_key(cek, &mut out).map_err(failed)?;
    });
    Ok(out)
}

/// AES Key Unwrap; a failed integrity check (wrong key, modified token) is the one
/// [`JweError::DecryptionFailed`].
pub(super) fn aes_kw_unwrap(
    size: AesSize,
    kek: &[u8],
    wrapped: &[u8],
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let mut out = Zeroizing::new(vec![0u8; wrapped.len().saturating_sub(8)]);
    with_aes!(size, A => {
        let kw = aes_kw::AesKw::<A>::new_from_slice(kek)
            .map_err(|_| JweError::DecryptionFailed)?;
        kw.unwrap_key(wrapped, &mut out)
            .map_err(|_| JweError::DecryptionFailed)?;
    });
    Ok(out)
}

/// The CEK encrypted with AES-GCM under the KEK: (encrypted key, `tag`), for header `iv`.
pub(super) fn gcm_kw_wrap(
    size: AesSize,
    kek: &[u8],
    iv: &[u8],
    cek: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), JweError> {
    let failed = || JweError::EncryptionFailed("AES-GCM key wrap".into());
    with_aes!(size, A => {
        let cipher = aes_gcm::AesGcm::<A, U12>::new_from_slice(kek).map_err(|_| failed())?;
        let nonce = aes_gcm::Nonce::<U12>::try_from(iv).map_err(|_| failed())?;
        let mut buffer = cek.to_vec();
        let tag = cipher
            .encrypt_inout_detached(&nonce, &[], buffer.as_mut_slice().into())
            .map_err(|_| failed())?;
        Ok((buffer, tag.to_vec()))
    })
}

/// Decrypts a GCM-wrapped CEK with the header's `iv` and `tag` (lengths checked by the caller).
pub(super) fn gcm_kw_unwrap(
    size: AesSize,
    kek: &[u8],
    iv: &[u8],
    tag: &[u8],
    wrapped: &[u8],
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let failed = || JweError::DecryptionFailed;
    with_aes!(size, A => {
        let cipher = aes_gcm::AesGcm::<A, U12>::new_from_slice(kek).map_err(|_| failed())?;
        let nonce = aes_gcm::Nonce::<U12>::try_from(iv).map_err(|_| failed())?;
        let tag = aes_gcm::Tag::try_from(tag).map_err(|_| failed())?;
        let mut buffer = Zeroizing::new(wrapped.to_vec());
        cipher
            .decrypt_inout_detached(&nonce, &[], buffer.as_mut_slice().into(), &tag)
            .map_err(|_| failed())?;
        Ok(buffer)
    })
}

/// The PBES2 key encryption key: PBKDF2 with HMAC-SHA-2 over the password, salt
/// `alg || 0x00 || p2s` and `p2c` iterations (RFC 7518 section 4.8.1.1). The caller has
/// refused counts above [`MAX_PBES2_ITERATIONS`] before this is called.
pub(super) fn pbes2_kek(
    size: AesSize,
    alg: &str,
    password: &[u8],
    p2s: &[u8],
    p2c: u32,
) -> Zeroizing<Vec<u8>> {
    let mut salt = Vec::with_capacity(alg.len() + 1 + p2s.len());
    salt.extend_from_slice(alg.as_bytes());
    salt.push(0);
    salt.extend_from_slice(p2s);
    let mut kek = Zeroizing::new(vec![0u8; size.key_len()]);
    let hash = match size {
        AesSize::A128 => HashAlg::Sha256,
        AesSize::A192 => HashAlg::Sha384,
        AesSize::A256 => HashAlg::Sha512,
    };
    with_hash!(hash, D => pbkdf2::pbkdf2_hmac::<D>(password, &salt, p2c, &mut kek));
    kek
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 3394 section 4.1: 128 bits of key data wrapped with a 128-bit KEK.
    #[test]
    fn rfc3394_4_1() {
        let kek: Vec<u8> = (0u8..16).collect();
        let cek: Vec<u8> = (0u8..16).map(|i| i * 0x11).collect();
        let wrapped = aes_kw_wrap(AesSize::A128, &kek, &cek).unwrap();
        let expected = [
            0x1f, 0xa6, 0x8b, 0x0a, 0x81, 0x12, 0xb4, 0x47, 0xae, 0xf3, 0x4b, 0xd8, 0xfb, 0x5a,
            0x7b, 0x82, 0x9d, 0x3e, 0x86, 0x23, 0x71, 0xd2, 0xcf, 0xe5,
        ];
        assert_eq!(wrapped, expected);
        let unwrapped = aes_kw_unwrap(AesSize::A128, &kek, &wrapped).unwrap();
        assert_eq!(unwrapped.as_slice(), cek);
        let mut bad = wrapped;
        bad[3] ^= 1;
        assert_eq!(
            aes_kw_unwrap(AesSize::A128, &kek, &bad).unwrap_err(),
            JweError::DecryptionFailed
        );
    }

    #[test]
    fn odd_wrapped_lengths_fail_without_panicking() {
        for len in [0, 1, 8, 12, 16, 23, 25] {
            let result = aes_kw_unwrap(AesSize::A256, &[1; 32], &vec![0; len]);
            assert_eq!(result.unwrap_err(), JweError::DecryptionFailed, "{len}");
        }
    }

    #[test]
    fn gcm_kw_round_trip() {
        let kek = [3u8; 24];
        let (wrapped, tag) = gcm_kw_wrap(AesSize::A192, &kek, &[9; 12], &[5; 32]).unwrap();
        let cek = gcm_kw_unwrap(AesSize::A192, &kek, &[9; 12], &tag, &wrapped).unwrap();
        assert_eq!(cek.as_slice(), [5; 32]);
    }
}
