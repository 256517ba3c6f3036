//! ECDH-ES key agreement (RFC 7518 section 4.6) on P-256, P-384, P-521 (section 4.6) and
//! X25519 (RFC 8037 section 3.2), with the Concat KDF of section 4.6.2.
//!
//! The ephemeral public key `epk` comes from the token, so it is decoded with the curve crates'
//! validated SEC1 decoding, which refuses points off the curve (the invalid-curve attack).

use p256::elliptic_curve::ecdh::diffie_hellman;
use p256::elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use p256::elliptic_curve::{
    AffinePoint, CurveArithmetic, FieldBytesSize, Generate, NonZeroScalar, PublicKey,
};
use rand_core::CryptoRng;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::alg::AesSize;
use super::cipher::EcdhSecret;
use super::epk::{check_on_curve, epk_point, epk_x25519};
use super::error::JweError;
use super::header::Params;
use super::keys::{DecryptionMaterial, EncryptionMaterial};
use super::x25519::{X25519PrivateKey, X25519PublicKey};
use crate::jose::base64url;
use crate::jose::keys::{EcCurve, PrivateKey, PublicKey as AnyPublicKey};

/// The agreed secret `Z`, wiped on drop.
type Secret = Zeroizing<Vec<u8>>;

/// What ECDH-ES derives a key for: the Concat KDF inputs besides `Z`.
pub(super) struct KdfInput<'a> {
    /// `AlgorithmID`: the `enc` for direct agreement, the `alg` with key wrapping.
    pub algorithm_id: &'a str,
    /// `apu` (PartyUInfo), decoded.
    pub apu: Vec<u8>,
    /// `apv` (PartyVInfo), decoded.
    pub apv: Vec<u8>,
    /// The derived key length in bytes.
    pub key_len: usize,
}

impl KdfInput<'static> {
    /// The KDF's input for `params` and the header's `apu` and `apv`, the same on both sides.
    /// RFC 7518 section 4.6.2: AlgorithmID is `enc` for direct agreement, `alg` with a wrap.
    pub(super) fn for_header(
        params: &Params,
        wrap_size: Option<AesSize>,
        header: &Map<String, Value>,
    ) -> Result<Self, JweError> {
        let (algorithm_id, key_len) = match wrap_size {
            None => (params.enc.as_str(), params.enc.key_len()),
            Some(size) => (params.alg.as_str(), size.key_len()),
        };
        Ok(KdfInput {
            algorithm_id,
            apu: party_info(header, "apu")?,
            apv: party_info(header, "apv")?,
            key_len,
        })
    }
}

/// The recipient's side: our key and the `epk`'s public key as the [`Primitive::Ecdh`] inputs.
/// An EC `epk` is checked to be on the curve here, before any engine sees it.
///
/// [`Primitive::Ecdh`]: super::cipher::Primitive::Ecdh
pub(super) fn recipient_inputs<'k>(
    alg: &'static str,
    key: &'k DecryptionMaterial,
    epk: &Map<String, Value>,
) -> Result<(EcdhSecret<'k>, Vec<u8>), JweError> {
    match key {
        DecryptionMaterial::Private(private) => {
            let curve = match private.as_ref() {
                PrivateKey::P256(_) => EcCurve::P256,
                PrivateKey::P384(_) => EcCurve::P384,
                PrivateKey::P521(_) => EcCurve::P521,
                _ => return Err(wrong_key(alg, &key.describe())),
            };
            let point = epk_point(epk, curve)?;
            check_on_curve(curve, &point)?;
            Ok((EcdhSecret::Ec(private), point))
        }
        DecryptionMaterial::X25519(k) => {
            Ok((EcdhSecret::X25519(k), epk_x25519(epk)?.as_bytes().to_vec()))
        }
        other => Err(wrong_key(alg, &other.describe())),
    }
}

/// A sender's fresh ephemeral key.
pub(super) enum Ephemeral {
    /// On P-256, P-384 or P-521 (boxed: the key enum holds RSA keys too).
    Ec(Box<PrivateKey>),
    /// X25519.
    X25519(X25519PrivateKey),
}

impl Ephemeral {
    /// Our half of the agreement.
    pub(super) fn secret(&self) -> EcdhSecret<'_> {
        match self {
            Ephemeral::Ec(k) => EcdhSecret::Ec(k),
            Ephemeral::X25519(k) => EcdhSecret::X25519(k),
        }
    }
}

/// The sender's side of an agreement.
pub(super) struct SenderInputs {
    /// A fresh ephemeral key on the recipient's curve.
    pub ephemeral: Ephemeral,
    /// The recipient's public key: an uncompressed SEC1 point, or 32 X25519 bytes.
    pub peer: Vec<u8>,
    /// The `epk` header member: the ephemeral key's public JWK.
    pub epk: Map<String, Value>,
}

/// The sender's side: a fresh ephemeral key on the recipient's curve, the recipient's public
/// key bytes, and the `epk` header member.
pub(super) fn sender_inputs<R: CryptoRng + ?Sized>(
    alg: &'static str,
    key: &EncryptionMaterial,
    rng: &mut R,
) -> Result<SenderInputs, JweError> {
    let (ephemeral, peer) = match key {
        EncryptionMaterial::Public(AnyPublicKey::P256(k)) => (
            PrivateKey::P256(p256::ecdsa::SigningKey::generate_from_rng(rng)),
            k.to_sec1_point(false).as_bytes().to_vec(),
        ),
        EncryptionMaterial::Public(AnyPublicKey::P384(k)) => (
            PrivateKey::P384(p384::ecdsa::SigningKey::generate_from_rng(rng)),
            k.to_sec1_point(false).as_bytes().to_vec(),
        ),
        EncryptionMaterial::Public(AnyPublicKey::P521(k)) => (
            PrivateKey::P521(p521::ecdsa::SigningKey::generate_from_rng(rng)),
            k.to_sec1_point(false).as_bytes().to_vec(),
        ),
        EncryptionMaterial::X25519(recipient) => {
            let ephemeral = X25519PrivateKey::generate(rng);
            return Ok(SenderInputs {
                epk: ephemeral.public_key().jwk_members(),
                ephemeral: Ephemeral::X25519(ephemeral),
                peer: recipient.as_bytes().to_vec(),
            });
        }
        other => return Err(wrong_key(alg, &other.describe())),
    };
    Ok(SenderInputs {
        epk: ephemeral.public_key().required_members(),
        ephemeral: Ephemeral::Ec(Box::new(ephemeral)),
        peer,
    })
}

/// `Z` (the Rust engine's): our key with the peer's point, validated again on the way in.
pub(super) fn agree(secret: EcdhSecret<'_>, peer: &[u8]) -> Result<Secret, JweError> {
    match secret {
        EcdhSecret::Ec(PrivateKey::P256(k)) => ec_agree(k.as_nonzero_scalar(), peer, EcCurve::P256),
        EcdhSecret::Ec(PrivateKey::P384(k)) => ec_agree(k.as_nonzero_scalar(), peer, EcCurve::P384),
        EcdhSecret::Ec(PrivateKey::P521(k)) => ec_agree(k.as_nonzero_scalar(), peer, EcCurve::P521),
        EcdhSecret::Ec(other) => Err(wrong_key("ECDH-ES", &other.describe())),
        EcdhSecret::X25519(k) => {
            let bytes: [u8; 32] = peer
                .try_into()
                .map_err(|_| JweError::EpkInvalid("an X25519 key is 32 bytes".into()))?;
            k.agree(&X25519PublicKey::from_bytes(bytes))
        }
    }
}

fn wrong_key(alg: &'static str, found: &str) -> JweError {
    JweError::WrongKeyType {
        alg,
        needed: "an EC key on P-256, P-384 or P-521, or an X25519 key".into(),
        found: found.to_owned(),
    }
}

/// `Z` from our scalar and the peer's SEC1 point, which is validated on the way in.
fn ec_agree<C>(secret: &NonZeroScalar<C>, point: &[u8], curve: EcCurve) -> Result<Secret, JweError>
where
    C: CurveArithmetic,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    // from_sec1_bytes checks the point satisfies the curve equation and is not the identity.
    let peer = PublicKey::<C>::from_sec1_bytes(point)
        .map_err(|_| JweError::EpkNotOnCurve(curve.jwk_name()))?;
    let shared = diffie_hellman(secret, peer.as_affine());
    Ok(Zeroizing::new(shared.raw_secret_bytes().to_vec()))
}

/// The Concat KDF of NIST SP 800-56A section 5.8.1 as profiled by RFC 7518 section 4.6.2:
/// SHA-256 rounds over `counter || Z || OtherInfo`, where OtherInfo is
/// `AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo`, each of the first three prefixed by
/// its 32-bit big-endian length, SuppPubInfo being the key length in bits. (Written out because
/// the `concat-kdf` crate has no release on the digest 0.11 generation the other crates use.)
pub(super) fn concat_kdf(z: &[u8], kdf: &KdfInput<'_>) -> Secret {
    let len32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes();
    let mut other_info = Vec::new();
    for field in [kdf.algorithm_id.as_bytes(), &kdf.apu, &kdf.apv] {
        other_info.extend_from_slice(&len32(field.len()));
        other_info.extend_from_slice(field);
    }
    other_info.extend_from_slice(&len32(kdf.key_len.saturating_mul(8)));
    let mut derived = Zeroizing::new(Vec::with_capacity(kdf.key_len + 32));
    let mut counter: u32 = 1;
    while derived.len() < kdf.key_len {
        let round = Sha256::new()
            .chain_update(counter.to_be_bytes())
            .chain_update(z)
            .chain_update(&other_info)
            .finalize();
        derived.extend_from_slice(&round);
        counter = counter.saturating_add(1);
    }
    derived.truncate(kdf.key_len);
    derived
}

/// The `apu` or `apv` header member, base64url-decoded (empty when absent).
fn party_info(header: &Map<String, Value>, name: &'static str) -> Result<Vec<u8>, JweError> {
    match header.get(name) {
        None => Ok(Vec::new()),
        Some(Value::String(text)) => base64url::decode(text).map_err(|e| JweError::InvalidHeader {
            member: name,
            reason: format!("not base64url: {}", e.reason),
        }),
        Some(_) => Err(JweError::InvalidHeader {
            member: name,
            reason: "expected a base64url string".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::keys::parse_private_key;

    /// RFC 7518 appendix C: Bob's key, Alice's ephemeral key, `apu` "Alice", `apv` "Bob",
    /// `enc` A128GCM; the derived key is VqqN6vgjbSBcIijNcacQGg.
    #[test]
    fn rfc7518_appendix_c() {
        let bob = parse_private_key(
            r#"{"kty":"EC","crv":"P-256",
                "x":"weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
                "y":"e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck",
                "d":"VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw"}"#,
        )
        .unwrap();
        let epk: Value = serde_json::from_str(
            r#"{"kty":"EC","crv":"P-256",
                "x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",
                "y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"}"#,
        )
        .unwrap();
        let kdf = KdfInput {
            algorithm_id: "A128GCM",
            apu: b"Alice".to_vec(),
            apv: b"Bob".to_vec(),
            key_len: 16,
        };
        let key = DecryptionMaterial::Private(Box::new(bob));
        let (secret, peer) = recipient_inputs("ECDH-ES", &key, epk.as_object().unwrap()).unwrap();
        let derived = concat_kdf(&agree(secret, &peer).unwrap(), &kdf);
        assert_eq!(base64url::encode(&derived), "VqqN6vgjbSBcIijNcacQGg");
    }

    #[test]
    fn kdf_spans_several_rounds() {
        let kdf = KdfInput {
            algorithm_id: "A256CBC-HS512",
            apu: Vec::new(),
            apv: Vec::new(),
            key_len: 64,
        };
        let derived = concat_kdf(&[1; 32], &kdf);
        assert_eq!(derived.len(), 64);
        assert_ne!(derived.get(..32), derived.get(32..));
    }
}
