//! RFC 7638 JWK thumbprints, and the required public members they are computed over (which are
//! also exactly the members of an exported public JWK).

use rsa::traits::PublicKeyParts;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::PublicKey;
use crate::jose::base64url;

/// Base64url without padding, as every JWK member and thumbprint is written.
pub(crate) fn b64(bytes: &[u8]) -> Value {
    Value::String(base64url::encode(bytes))
}

/// Builds a JSON object from members given in the required (lexicographic) order.
fn object(members: impl IntoIterator<Item = (&'static str, Value)>) -> Map<String, Value> {
    members
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

/// The members RFC 7638 section 3.2 requires for the key type, in lexicographic order
/// (serde_json keeps insertion order with `preserve_order`).
pub(crate) fn required_members(key: &PublicKey) -> Map<String, Value> {
    match key {
        PublicKey::Rsa(k) => object([
            ("e", b64(&k.e_bytes())),
            ("kty", "RSA".into()),
            ("n", b64(&k.n_bytes())),
        ]),
        PublicKey::P256(k) => ec_members("P-256", &k.to_sec1_point(false)),
        PublicKey::P384(k) => ec_members("P-384", &k.to_sec1_point(false)),
        PublicKey::P521(k) => ec_members("P-521", &k.to_sec1_point(false)),
        PublicKey::Ed25519(k) => object([
            ("crv", "Ed25519".into()),
            ("kty", "OKP".into()),
            ("x", b64(k.as_bytes())),
        ]),
        PublicKey::Hmac(secret) => object([("k", b64(&secret.0)), ("kty", "oct".into())]),
    }
}

/// EC members from an uncompressed SEC1 point, whose coordinates are full-length as RFC 7518
/// section 6.2.1.2 requires.
fn ec_members<S>(crv: &'static str, point: &sec1::point::EncodedPoint<S>) -> Map<String, Value>
where
    S: sec1::point::ModulusSize,
{
    // A verifying key is never the identity, so both coordinates are always present.
    let coordinate = |c: Option<&[u8]>| b64(c.unwrap_or_default());
    object([
        ("crv", crv.into()),
        ("kty", "EC".into()),
        ("x", coordinate(point.x().map(|x| x.as_slice()))),
        ("y", coordinate(point.y().map(|y| y.as_slice()))),
    ])
}

impl PublicKey {
    /// The RFC 7638 JWK thumbprint: base64url(SHA-256(required members, no whitespace)).
    /// Stable for a key whatever format it was imported from; used as the `kid`.
    pub fn thumbprint(&self) -> String {
        let canonical = Value::Object(required_members(self)).to_string();
        base64url::encode(&Sha256::digest(canonical.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::HmacSecret;
    use super::*;

    #[test]
    fn oct_members_are_ordered() {
        let key = PublicKey::Hmac(HmacSecret(vec![1, 2, 3]));
        assert_eq!(
            Value::Object(required_members(&key)).to_string(),
            r#"{"k":"AQID","kty":"oct"}"#
        );
        assert_eq!(key.thumbprint().len(), 43);
    }
}
