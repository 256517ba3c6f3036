//! X25519 keys for ECDH-ES (RFC 8037 section 3.2): JWK `{"kty":"OKP","crv":"X25519"}`, and
//! PKCS#8 / SPKI with OID 1.3.101.110 (RFC 8410).
//!
//! They live here rather than in the key family table of `keys/` because X25519 keys only
//! agree on keys; they neither sign nor verify, which every family of that table does.

use std::fmt;

use der::asn1::{BitStringRef, OctetStringRef};
use der::{Decode, Encode};
use rand_core::CryptoRng;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::error::JweError;
use crate::jose::JoseError;
use crate::jose::base64url;

/// The X25519 algorithm OID (RFC 8410 section 3).
const X25519_OID: &str = "1.3.101.110";

/// The X25519 `AlgorithmIdentifier` of SPKI and PKCS#8: the OID, no parameters (RFC 8410
/// section 3).
const X25519_ALGORITHM: spki::AlgorithmIdentifierRef<'static> = spki::AlgorithmIdentifierRef {
    oid: spki::ObjectIdentifier::new_unwrap(X25519_OID),
    parameters: None,
};

/// An X25519 private key. `Debug` prints no key material.
#[derive(Clone)]
pub struct X25519PrivateKey(x25519_dalek::StaticSecret);

/// An X25519 public key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct X25519PublicKey(x25519_dalek::PublicKey);

impl X25519PrivateKey {
    /// The key with these 32 private bytes (clamped by the scalar multiplication, RFC 7748).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        X25519PrivateKey(x25519_dalek::StaticSecret::from(bytes))
    }

    /// A fresh random key.
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        X25519PrivateKey(x25519_dalek::StaticSecret::random_from_rng(rng))
    }

    /// The public half.
    pub fn public_key(&self) -> X25519PublicKey {
        X25519PublicKey(x25519_dalek::PublicKey::from(&self.0))
    }

    /// DER PKCS#8 v1 (RFC 8410 section 7: the 32 bytes in a `CurvePrivateKey` OCTET STRING, no
    /// public key), byte for byte what `openssl genpkey -algorithm X25519` writes.
    pub fn to_pkcs8_der(&self) -> Result<pkcs8::SecretDocument, JoseError> {
        let bytes = Zeroizing::new(self.0.to_bytes());
        let inner = OctetStringRef::new(bytes.as_slice())
            .and_then(|octets| octets.to_der())
            .map(Zeroizing::new)
            .map_err(encoding("PKCS#8"))?;
        let info = pkcs8::PrivateKeyInfoRef {
            algorithm: X25519_ALGORITHM,
            private_key: OctetStringRef::new(&inner).map_err(encoding("PKCS#8"))?,
            public_key: None,
        };
        pkcs8::SecretDocument::encode_msg(&info).map_err(encoding("PKCS#8"))
    }

    /// The private JWK's members (RFC 8037 section 2): the public ones (`crv`, `kty`, `x`),
    /// then `d`.
    pub fn to_jwk_members(&self) -> Map<String, Value> {
        let mut map = self.public_key().jwk_members();
        let d = Zeroizing::new(self.0.to_bytes());
        map.insert("d".into(), base64url::encode(d.as_slice()).into());
        map
    }

    /// The shared secret with `public`. An all-zero result means `public` is a small-order
    /// point, which RFC 7748 section 6.1 and RFC 8037 section 3.2 say to refuse.
    pub(super) fn agree(&self, public: &X25519PublicKey) -> Result<Zeroizing<Vec<u8>>, JweError> {
        let shared = self.0.diffie_hellman(&public.0);
        if !shared.was_contributory() {
            return Err(JweError::EpkInvalid(
                "the X25519 agreement with it gives the all-zero secret (a small-order point)"
                    .into(),
            ));
        }
        Ok(Zeroizing::new(shared.as_bytes().to_vec()))
    }

    /// An X25519 private key from a DER PKCS#8 `PrivateKeyInfo`, or `None` when the PKCS#8
    /// holds another algorithm (so the caller can try the other key parsers).
    pub(super) fn from_pkcs8_der(der: &[u8]) -> Result<Option<Self>, JweError> {
        let Ok(info) = pkcs8::PrivateKeyInfoRef::from_der(der) else {
            return Ok(None);
        };
        if info.algorithm.oid.to_string() != X25519_OID {
            return Ok(None);
        }
        // RFC 8410 section 7: the privateKey OCTET STRING holds a CurvePrivateKey, itself an
        // OCTET STRING of the 32 bytes.
        let inner = <&der::asn1::OctetStringRef>::from_der(info.private_key.as_bytes())
            .map_err(|e| invalid(format!("X25519 PKCS#8 private key: {e}")))?;
        Ok(Some(Self::from_bytes(bytes32(inner.as_bytes(), "d")?)))
    }

    /// The private key of an X25519 JWK (`d`), checked against its `x` when present.
    pub(super) fn from_jwk(jwk: &Map<String, Value>) -> Result<Self, JweError> {
        let d = member(jwk, "d")?.ok_or_else(|| {
            JweError::Key(JoseError::NotAPrivateKey {
                found: "a public X25519 JWK (it has no \"d\" member)".into(),
            })
        })?;
        let key = Self::from_bytes(bytes32(&d, "d")?);
        if let Some(x) = member(jwk, "x")?
            && key.public_key().0.as_bytes().as_slice() != x.as_slice()
        {
            return Err(invalid(
                "the X25519 JWK's \"x\" is not the public half of its \"d\"",
            ));
        }
        Ok(key)
    }
}

impl X25519PublicKey {
    /// The public key with these 32 bytes (the u-coordinate, RFC 7748).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        X25519PublicKey(x25519_dalek::PublicKey::from(bytes))
    }

    /// The 32 public bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    /// The DER `SubjectPublicKeyInfo` (RFC 8410 section 4), as `openssl pkey -pubout` writes it.
    pub fn to_spki_der(&self) -> Result<der::Document, JoseError> {
        let spki = spki::SubjectPublicKeyInfoRef {
            algorithm: X25519_ALGORITHM,
            subject_public_key: BitStringRef::new(0, self.as_bytes()).map_err(encoding("SPKI"))?,
        };
        der::Document::encode_msg(&spki).map_err(encoding("SPKI"))
    }

    /// An X25519 public key from a DER `SubjectPublicKeyInfo`, or `None` for another algorithm.
    pub(super) fn from_spki_der(der: &[u8]) -> Result<Option<Self>, JweError> {
        let Ok(spki) = spki::SubjectPublicKeyInfoRef::from_der(der) else {
            return Ok(None);
        };
        if spki.algorithm.oid.to_string() != X25519_OID {
            return Ok(None);
        }
        let bytes = spki
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| invalid("X25519 public key BIT STRING has unused bits"))?;
        Ok(Some(Self::from_bytes(bytes32(bytes, "x")?)))
    }

    /// The public key of an X25519 JWK (`x`).
    pub(super) fn from_jwk(jwk: &Map<String, Value>) -> Result<Self, JweError> {
        let x = member(jwk, "x")?.ok_or_else(|| {
            JweError::Key(JoseError::JwkMissingMember {
                kty: "OKP".into(),
                member: "x",
            })
        })?;
        Ok(Self::from_bytes(bytes32(&x, "x")?))
    }

    /// `crv`, `kty` and `x`: the members of the `epk` header and of a public JWK.
    pub fn jwk_members(&self) -> Map<String, Value> {
        let mut map = Map::new();
        map.insert("crv".into(), "X25519".into());
        map.insert("kty".into(), "OKP".into());
        map.insert("x".into(), base64url::encode(self.as_bytes()).into());
        map
    }
}

/// Whether a JWK is an X25519 one (`kty: "OKP"`, `crv: "X25519"`).
pub(super) fn is_x25519_jwk(jwk: &Map<String, Value>) -> bool {
    jwk.get("kty").and_then(Value::as_str) == Some("OKP")
        && jwk.get("crv").and_then(Value::as_str) == Some("X25519")
}

impl fmt::Debug for X25519PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("X25519PrivateKey(redacted)")
    }
}

impl fmt::Debug for X25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "X25519PublicKey({})", base64url::encode(self.as_bytes()))
    }
}

/// An export failure of an X25519 key in `format`.
fn encoding(format: &'static str) -> impl Fn(der::Error) -> JoseError {
    move |e| JoseError::KeyEncoding {
        format,
        reason: format!("X25519: {e}"),
    }
}

fn invalid(reason: impl Into<String>) -> JweError {
    JweError::Key(JoseError::InvalidKeyMaterial {
        kind: "X25519",
        reason: reason.into(),
    })
}

/// A base64url member of a JWK, if present.
pub(super) fn member(jwk: &Map<String, Value>, name: &str) -> Result<Option<Vec<u8>>, JweError> {
    match jwk.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => base64url::decode_lenient(text)
            .map(|decoded| Some(decoded.bytes))
            .map_err(|e| {
                JweError::Key(JoseError::JwkInvalidMember {
                    member: name.to_owned(),
                    reason: e.reason,
                })
            }),
        Some(_) => Err(JweError::Key(JoseError::JwkInvalidMember {
            member: name.to_owned(),
            reason: "expected a base64url string".into(),
        })),
    }
}

fn bytes32(bytes: &[u8], member: &str) -> Result<[u8; 32], JweError> {
    <[u8; 32]>::try_from(bytes).map_err(|_| {
        JweError::Key(JoseError::JwkInvalidMember {
            member: member.to_owned(),
            reason: format!("expected 32 bytes for X25519, found {}", bytes.len()),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> [u8; 32] {
        let bytes: Vec<u8> = (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect();
        bytes.try_into().unwrap()
    }

    /// RFC 7748 section 6.1 (also RFC 8037 appendix A.6): Alice's private key, Bob's public
    /// key and their shared secret.
    #[test]
    fn rfc7748_shared_secret() {
        let alice = X25519PrivateKey::from_bytes(unhex(
            "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
        ));
        let bob = X25519PublicKey::from_bytes(unhex(
            "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
        ));
        let shared = alice.agree(&bob).unwrap();
        assert_eq!(
            shared.as_slice(),
            unhex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
        );
        assert_eq!(
            base64url::encode(bob.as_bytes()),
            "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"
        );
    }

    #[test]
    fn small_order_point_is_refused() {
        let key = X25519PrivateKey::from_bytes([7; 32]);
        let zero = X25519PublicKey::from_bytes([0; 32]);
        assert!(matches!(key.agree(&zero), Err(JweError::EpkInvalid(_))));
    }

    /// The exports have openssl's exact layout (RFC 8410 sections 4 and 7: PKCS#8 v1 with no
    /// public key) and read back.
    #[test]
    fn pkcs8_spki_and_jwk_exports_read_back() {
        let key = X25519PrivateKey::from_bytes([9; 32]);
        let pkcs8 = key.to_pkcs8_der().unwrap();
        let prefix = "302e020100300506032b656e04220420";
        let der = pkcs8.as_bytes();
        assert_eq!(der.len(), 48);
        assert_eq!(der[..16], unhex_vec(prefix)[..], "PKCS#8 header");
        assert_eq!(der[16..], [9; 32]);
        let back = X25519PrivateKey::from_pkcs8_der(der).unwrap().unwrap();
        assert_eq!(back.public_key(), key.public_key());
        let spki = key.public_key().to_spki_der().unwrap();
        assert_eq!(
            spki.as_bytes()[..12],
            unhex_vec("302a300506032b656e032100")[..]
        );
        let public = X25519PublicKey::from_spki_der(spki.as_bytes())
            .unwrap()
            .unwrap();
        assert_eq!(public, key.public_key());
        let jwk = key.to_jwk_members();
        let keys: Vec<&str> = jwk.keys().map(String::as_str).collect();
        assert_eq!(keys, ["crv", "kty", "x", "d"]);
        let from_jwk = X25519PrivateKey::from_jwk(&jwk).unwrap();
        assert_eq!(from_jwk.public_key(), key.public_key());
    }

    fn unhex_vec(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn debug_is_redacted() {
        let text = format!("{:?}", X25519PrivateKey::from_bytes([7; 32]));
        assert_eq!(text, "X25519PrivateKey(redacted)");
    }
}
