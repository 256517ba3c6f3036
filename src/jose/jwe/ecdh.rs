//! ECDH-ES key agreement (RFC 7518 section 4.6) on P-256, P-384, P-521 (section 4.6) and
//! X25519 (RFC 8037 section 3.2), with the Concat KDF of section 4.6.2.
//!
//! The ephemeral public key `epk` comes from the token, so it is decoded with the curve crates'
//! validated SEC1 decoding, which refuses points off the curve (the invalid-curve attack).

use p256::elliptic_curve::ecdh::{EphemeralSecret, diffie_hellman};
use p256::elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use p256::elliptic_curve::{
    AffinePoint, CurveArithmetic, FieldBytesSize, Generate, NonZeroScalar, PublicKey,
};
use rand_core::CryptoRng;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::alg::AesSize;
use super::error::JweError;
use super::header::Params;
use super::keys::{DecryptionMaterial, EncryptionMaterial};
use super::x25519::{X25519PrivateKey, X25519PublicKey, is_x25519_jwk, member};
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

/// The recipient's side: `Z` from the private key and the header's `epk`, through the KDF.
pub(super) fn derive_for_recipient(
    alg: &'static str,
    key: &DecryptionMaterial,
    epk: &Map<String, Value>,
    kdf: &KdfInput<'_>,
) -> Result<Secret, JweError> {
    let z = match key {
        DecryptionMaterial::Private(private) => match private.as_ref() {
            PrivateKey::P256(k) => ec_agree(
                k.as_nonzero_scalar(),
                &epk_point(epk, EcCurve::P256)?,
                EcCurve::P256,
            )?,
            PrivateKey::P384(k) => ec_agree(
                k.as_nonzero_scalar(),
                &epk_point(epk, EcCurve::P384)?,
                EcCurve::P384,
            )?,
            PrivateKey::P521(k) => ec_agree(
                k.as_nonzero_scalar(),
                &epk_point(epk, EcCurve::P521)?,
                EcCurve::P521,
            )?,
            _ => return Err(wrong_key(alg, &key.describe())),
        },
        DecryptionMaterial::X25519(k) => k.agree(&epk_x25519(epk)?)?,
        other => return Err(wrong_key(alg, &other.describe())),
    };
    Ok(concat_kdf(&z, kdf))
}

/// The sender's side: a fresh ephemeral key on the recipient's curve; returns the derived key
/// and the `epk` header member.
pub(super) fn derive_for_sender<R: CryptoRng + ?Sized>(
    alg: &'static str,
    key: &EncryptionMaterial,
    kdf: &KdfInput<'_>,
    rng: &mut R,
) -> Result<(Secret, Map<String, Value>), JweError> {
    let (z, epk) = match key {
        EncryptionMaterial::Public(AnyPublicKey::P256(k)) => {
            ec_ephemeral::<p256::NistP256, _>(k.as_affine(), EcCurve::P256, rng)?
        }
        EncryptionMaterial::Public(AnyPublicKey::P384(k)) => {
            ec_ephemeral::<p384::NistP384, _>(k.as_affine(), EcCurve::P384, rng)?
        }
        EncryptionMaterial::Public(AnyPublicKey::P521(k)) => {
            ec_ephemeral::<p521::NistP521, _>(k.as_affine(), EcCurve::P521, rng)?
        }
        EncryptionMaterial::X25519(recipient) => {
            let ephemeral = X25519PrivateKey::generate(rng);
            let z = ephemeral.agree(recipient)?;
            (z, ephemeral.public_key().jwk_members())
        }
        other => return Err(wrong_key(alg, &other.describe())),
    };
    Ok((concat_kdf(&z, kdf), epk))
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

/// A fresh ephemeral key agreed with `recipient`: `Z` and the `epk` JWK members.
fn ec_ephemeral<C, R>(
    recipient: &AffinePoint<C>,
    curve: EcCurve,
    rng: &mut R,
) -> Result<(Secret, Map<String, Value>), JweError>
where
    C: CurveArithmetic,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    R: CryptoRng + ?Sized,
{
    let recipient = PublicKey::<C>::from_affine(*recipient)
        .map_err(|_| JweError::EncryptionFailed("the recipient key is the identity".into()))?;
    let ephemeral = EphemeralSecret::<C>::generate_from_rng(rng);
    let shared = ephemeral.diffie_hellman(&recipient);
    let point = ephemeral.public_key().to_sec1_point(false);
    let (Some(x), Some(y)) = (point.x(), point.y()) else {
        return Err(JweError::EncryptionFailed(
            "the ephemeral key has no coordinates".into(),
        ));
    };
    let mut epk = Map::new();
    epk.insert("kty".into(), "EC".into());
    epk.insert("crv".into(), curve.jwk_name().into());
    epk.insert("x".into(), base64url::encode(x).into());
    epk.insert("y".into(), base64url::encode(y).into());
    Ok((Zeroizing::new(shared.raw_secret_bytes().to_vec()), epk))
}

/// The uncompressed SEC1 point `04 || x || y` of an EC `epk` on `curve`.
fn epk_point(epk: &Map<String, Value>, curve: EcCurve) -> Result<Vec<u8>, JweError> {
    let kty = epk.get("kty").and_then(Value::as_str);
    let crv = epk.get("crv").and_then(Value::as_str);
    if kty != Some("EC") || crv != Some(curve.jwk_name()) {
        return Err(JweError::EpkInvalid(format!(
            "it is {} {}, but the key is EC {}",
            kty.unwrap_or("(no kty)"),
            crv.unwrap_or("(no crv)"),
            curve.jwk_name()
        )));
    }
    let mut point = vec![0x04];
    for name in ["x", "y"] {
        let coordinate = member(epk, name)
            .map_err(|e| JweError::EpkInvalid(e.to_string()))?
            .ok_or_else(|| JweError::EpkInvalid(format!("it has no \"{name}\"")))?;
        if coordinate.len() != curve.field_len() {
            return Err(JweError::EpkInvalid(format!(
                "\"{name}\" is {} bytes; {} needs {}",
                coordinate.len(),
                curve.jwk_name(),
                curve.field_len()
            )));
        }
        point.extend(coordinate);
    }
    Ok(point)
}

/// The X25519 public key of an OKP `epk`.
fn epk_x25519(epk: &Map<String, Value>) -> Result<X25519PublicKey, JweError> {
    if !is_x25519_jwk(epk) {
        return Err(JweError::EpkInvalid(
            "the key is X25519, but the epk is not an OKP X25519 key".into(),
        ));
    }
    X25519PublicKey::from_jwk(epk).map_err(|e| JweError::EpkInvalid(e.to_string()))
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
        let derived =
            derive_for_recipient("ECDH-ES", &key, epk.as_object().unwrap(), &kdf).unwrap();
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
