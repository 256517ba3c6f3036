//! The example shown on first load: an RS256 token and the demo key pair that signed it
//! (made with `openssl genrsa 2048`; see `example/`). The private key is public knowledge:
//! it is a demonstration key, labelled as such in the page, never a key to use.

/// The example token: `{"alg":"RS256","typ":"JWT"}`, jwt.io's classic payload.
pub const TOKEN: &str = include_str!("example/example_token.txt");

/// The example's public key (SPKI PEM, as `openssl rsa -pubout` prints it).
pub const PUBLIC_KEY: &str = include_str!("example/example_public.pem");

/// The example's private key (PKCS#8 PEM). A demo key: anyone can read it in this source.
pub const PRIVATE_KEY: &str = include_str!("example/example_private.pem");

use std::sync::OnceLock;

use crate::jose::keys::{PublicKey, parse_public_keys};

/// Whether `key` is the demo key pair's public key (or the public half of its private key):
/// a token that verifies with it was signed with a key anyone can read. The demo key is read
/// once per page.
pub fn is_demo_key(key: &PublicKey) -> bool {
    static DEMO: OnceLock<Option<PublicKey>> = OnceLock::new();
    DEMO.get_or_init(|| {
        parse_public_keys(PUBLIC_KEY)
            .ok()
            .and_then(|keys| keys.into_iter().next())
            .map(|candidate| candidate.key)
    })
    .as_ref()
    .is_some_and(|demo| demo == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::keys::parse_private_key;

    #[test]
    fn the_demo_pair_is_recognised_and_other_keys_are_not() {
        let public = &parse_public_keys(PUBLIC_KEY).unwrap()[0].key;
        assert!(is_demo_key(public));
        let private = parse_private_key(PRIVATE_KEY).unwrap();
        assert!(is_demo_key(&private.public_key()));
        let mut rng = crate::jose::rng::seeded_rng().unwrap();
        let other = crate::jose::keys::generate(crate::jose::keys::KeyKind::Ed25519, &mut rng)
            .unwrap()
            .public_key();
        assert!(!is_demo_key(&other));
    }
}
