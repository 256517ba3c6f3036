//! RFC 7638 JWK thumbprints, and the required public members they are computed over (which are
//! also exactly the members of an exported public JWK).

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::PublicKey;
use crate::jose::base64url;

/// Base64url without padding, as every JWK member and thumbprint is written.
pub(crate) fn b64(bytes: &[u8]) -> Value {
    Value::String(base64url::encode(bytes))
}

/// Builds a JSON object from members given in the required (lexicographic) order.
pub(crate) fn object(
    members: impl IntoIterator<Item = (&'static str, Value)>,
) -> Map<String, Value> {
    members
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

impl PublicKey {
    /// The RFC 7638 JWK thumbprint: base64url(SHA-256(required members, no whitespace)).
    /// Stable for a key whatever format it was imported from; used as the `kid`.
    pub fn thumbprint(&self) -> String {
        thumbprint_of(&self.required_members())
    }
}

/// The RFC 7638 thumbprint of a key given by its required members in lexicographic order
/// (also for keys outside the family table, such as X25519's).
pub(crate) fn thumbprint_of(members: &Map<String, Value>) -> String {
    let canonical = Value::Object(members.clone()).to_string();
    base64url::encode(&Sha256::digest(canonical.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::super::HmacSecret;
    use super::*;

    #[test]
    fn oct_members_are_ordered() {
        let key = PublicKey::Hmac(HmacSecret(vec![1, 2, 3]));
        assert_eq!(
            Value::Object(key.required_members()).to_string(),
            r#"{"k":"AQID","kty":"oct"}"#
        );
        assert_eq!(key.thumbprint().len(), 43);
    }
}
