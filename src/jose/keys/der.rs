//! Decoding the DER structures keys arrive in: SPKI, PKCS#1 (public and private), PKCS#8, SEC1,
//! X.509 certificates and `EC PARAMETERS`.
//!
//! These functions only take the ASN.1 apart (with the `spki`, `pkcs1`, `pkcs8`, `sec1` and
//! `x509-cert` crates); turning the components into keys happens in `components.rs`.

use der::{Decode, Encode};
use spki::ObjectIdentifier;

use super::algorithm::{EcCurve, KeyType, curve_from_oid, key_type_of};
use super::components::{
    RsaPrivateParts, check_public_matches, ec_private, ec_public, ed25519_private, ed25519_public,
    rsa_private, rsa_public,
};
use super::{PrivateKey, PublicKey};
use crate::jose::JoseError;

fn malformed(structure: &'static str) -> impl Fn(der::Error) -> JoseError {
    move |e| JoseError::MalformedDer {
        structure,
        reason: e.to_string(),
    }
}

/// A public key from a DER `SubjectPublicKeyInfo` (PEM `PUBLIC KEY`).
pub(crate) fn public_from_spki(der: &[u8]) -> Result<PublicKey, JoseError> {
    let spki = spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(malformed("SubjectPublicKeyInfo (PUBLIC KEY)"))?;
    let key_bytes = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| JoseError::MalformedDer {
            structure: "SubjectPublicKeyInfo (PUBLIC KEY)",
            reason: "the public key BIT STRING has unused bits".into(),
        })?;
    super::public_from_spki_key(key_type_of(&spki.algorithm)?, key_bytes)
}

/// HMAC secrets have no algorithm OID, so an `AlgorithmIdentifier` never names one.
pub(super) fn no_oid_for_secrets() -> JoseError {
    JoseError::UnsupportedKeyAlgorithm("an HMAC secret (they have no key algorithm OID)".into())
}

/// An RSA public key from a DER PKCS#1 `RSAPublicKey` (PEM `RSA PUBLIC KEY`).
pub(crate) fn public_from_pkcs1(der: &[u8]) -> Result<PublicKey, JoseError> {
    let key = pkcs1::RsaPublicKeyRef::from_der(der).map_err(malformed("PKCS#1 RSA public key"))?;
    rsa_public(key.modulus.as_bytes(), key.public_exponent.as_bytes()).map(PublicKey::Rsa)
}

/// The subject public key of a DER X.509 certificate (PEM `CERTIFICATE`).
///
/// Only the key is taken: the certificate's signature, validity and chain are not checked, as
/// a debugger shows what a token was signed with rather than deciding whom to trust.
pub(crate) fn public_from_certificate(der: &[u8]) -> Result<PublicKey, JoseError> {
    let cert = x509_cert::Certificate::from_der(der).map_err(malformed("X.509 certificate"))?;
    let spki = cert
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(malformed("X.509 certificate subject public key"))?;
    public_from_spki(&spki)
}

/// A private key from a DER PKCS#8 `PrivateKeyInfo` (PEM `PRIVATE KEY`).
pub(crate) fn private_from_pkcs8(der: &[u8]) -> Result<PrivateKey, JoseError> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(malformed("PKCS#8 private key"))?;
    let inner = info.private_key.as_bytes();
    let public = info.public_key.as_ref().and_then(|bits| bits.as_bytes());
    super::private_from_pkcs8_key(key_type_of(&info.algorithm)?, inner, public)
}

/// An Ed25519 private key from its PKCS#8 payload: an OCTET STRING holding the 32-byte seed
/// (RFC 8410), checked against the public key PKCS#8 v2 (OneAsymmetricKey) may carry too.
pub(super) fn ed25519_from_pkcs8(
    inner: &[u8],
    public: Option<&[u8]>,
) -> Result<PrivateKey, JoseError> {
    let seed = <&der::asn1::OctetStringRef>::from_der(inner)
        .map_err(malformed("Ed25519 private key (RFC 8410 CurvePrivateKey)"))?;
    let key = ed25519_private(seed.as_bytes())?;
    if let Some(public) = public {
        check_public_matches(&key, &ed25519_public(public)?, "Ed25519")?;
    }
    Ok(key)
}

/// An RSA private key from a DER PKCS#1 `RSAPrivateKey` (PEM `RSA PRIVATE KEY`).
pub(crate) fn private_from_pkcs1(der: &[u8]) -> Result<PrivateKey, JoseError> {
    let key =
        pkcs1::RsaPrivateKeyRef::from_der(der).map_err(malformed("PKCS#1 RSA private key"))?;
    if key.other_prime_infos.is_some() {
        return Err(JoseError::UnsupportedKeyAlgorithm(
            "multi-prime RSA (more than two primes)".into(),
        ));
    }
    // CRT values in the file (exponent1/2, coefficient) are recomputed by the rsa crate.
    rsa_private(&RsaPrivateParts {
        n: key.modulus.as_bytes(),
        e: key.public_exponent.as_bytes(),
        d: key.private_exponent.as_bytes(),
        primes: Some((key.prime1.as_bytes(), key.prime2.as_bytes())),
    })
    .map(PrivateKey::Rsa)
}

/// An EC private key from a DER SEC1 `ECPrivateKey` (PEM `EC PRIVATE KEY`, or the payload of
/// an EC PKCS#8 key). `curve_hint` comes from the PKCS#8 algorithm parameters or a preceding
/// `EC PARAMETERS` block; the SEC1 structure's own parameters must agree with it.
pub(crate) fn private_from_sec1(
    der: &[u8],
    curve_hint: Option<EcCurve>,
) -> Result<PrivateKey, JoseError> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(malformed("SEC1 EC private key"))?;
    let own_curve = key
        .parameters
        .and_then(|p| p.named_curve())
        .map(curve_from_oid)
        .transpose()?;
    let curve = match (own_curve, curve_hint) {
        (Some(own), Some(hint)) if own != hint => {
            return Err(JoseError::MalformedDer {
                structure: "SEC1 EC private key",
                reason: format!(
                    "its curve {} differs from the declared curve {}",
                    own.jwk_name(),
                    hint.jwk_name()
                ),
            });
        }
        (Some(curve), _) | (None, Some(curve)) => curve,
        (None, None) => {
            return Err(JoseError::MalformedDer {
                structure: "SEC1 EC private key",
                reason: "it names no curve (no parameters)".into(),
            });
        }
    };
    let private = ec_private(curve, key.private_key)?;
    if let Some(point) = key.public_key {
        check_public_matches(
            &private,
            &ec_public(curve, point)?,
            KeyType::Ec(curve).name(),
        )?;
    }
    Ok(private)
}

/// The named curve of a DER `ECParameters` block (what `openssl ecparam -genkey` prints first).
pub(crate) fn curve_from_ec_parameters(der: &[u8]) -> Result<EcCurve, JoseError> {
    let oid = ObjectIdentifier::from_der(der)
        .map_err(malformed("EC PARAMETERS (only named curves are supported)"))?;
    curve_from_oid(oid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_gives_typed_errors() {
        for f in [public_from_spki, public_from_pkcs1, public_from_certificate] {
            assert!(matches!(
                f(b"\x30\x03\x02\x01"),
                Err(JoseError::MalformedDer { .. })
            ));
        }
        for f in [private_from_pkcs8, private_from_pkcs1] {
            assert!(matches!(f(b""), Err(JoseError::MalformedDer { .. })));
        }
        assert!(matches!(
            private_from_sec1(b"\x30\x00", None),
            Err(JoseError::MalformedDer { .. })
        ));
    }

    #[test]
    fn ed25519_pkcs8_v2_public_key_is_checked() {
        use ed25519_dalek::pkcs8::EncodePrivateKey;
        let key = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
        // ed25519-dalek writes PKCS#8 v2 (OneAsymmetricKey), which carries the public key last.
        let mut der = key.to_pkcs8_der().unwrap().as_bytes().to_vec();
        assert_eq!(private_from_pkcs8(&der), Ok(PrivateKey::Ed25519(key)));
        if let Some(last) = der.last_mut() {
            *last ^= 1;
        }
        assert!(matches!(
            private_from_pkcs8(&der),
            Err(JoseError::InvalidKeyMaterial { .. })
        ));
    }

    #[test]
    fn ec_parameters_name_the_curve() {
        // DER of OID 1.2.840.10045.3.1.7 (prime256v1), as in `openssl ecparam -name prime256v1`.
        let der = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
        assert_eq!(curve_from_ec_parameters(&der), Ok(EcCurve::P256));
    }
}
