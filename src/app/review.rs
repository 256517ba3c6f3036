//! What the security review (the Findings panel) is told about the keys in play: the key the
//! token is judged against, with its JWK `alg`, and whether that key is the page's public demo
//! key. Pure functions over values the page has already parsed (once per edit of each key
//! text), so a render or a clock tick never parses a key.

use crate::app::example::is_demo_key;
use crate::jose::JoseError;
use crate::jose::algorithm::KeyInput;
use crate::jose::keys::{self, KeyCandidate, PublicKey, SecretEncoding};
use crate::jose::token::DecodedToken;
use crate::jose::verify;

/// The key a token is reviewed against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewKey {
    /// The key (for HS*, the secret, or the public key pasted as the secret).
    pub key: PublicKey,
    /// Its JWK `alg`, if it came from a JWK that has one.
    pub alg: Option<String>,
}

impl ReviewKey {
    /// Whether this is the page's demo key.
    pub fn is_demo(&self) -> bool {
        is_demo_key(&self.key)
    }
}

/// The key inputs as the page holds them, parsed.
#[derive(Clone, Copy, Debug)]
pub struct ParsedInputs<'a> {
    /// The secret text and how it is read.
    pub secret: (&'a str, SecretEncoding),
    /// The asymmetric key the secret holds, if any.
    pub key_in_secret: &'a Result<Option<PublicKey>, JoseError>,
    /// The parsed verification key text.
    pub public_keys: &'a Result<Vec<KeyCandidate>, JoseError>,
}

/// The key the findings judge `token` against: for HS* the secret (or, if the secret text is
/// itself a public key, that key: HMAC keyed with a public key is the algorithm-confusion
/// attack), else the first key verification tries (the same selection by the header's `kid`).
pub fn review_key(token: &DecodedToken, inputs: ParsedInputs<'_>) -> Option<ReviewKey> {
    let hmac = token
        .alg
        .as_ref()
        .is_ok_and(|a| a.key_input() == KeyInput::SharedSecret);
    if hmac {
        let (secret, encoding) = inputs.secret;
        if secret.is_empty() {
            return None;
        }
        let key = match inputs.key_in_secret {
            Ok(Some(key)) => key.clone(),
            _ => PublicKey::Hmac(keys::parse_hmac_secret(secret, encoding).ok()?),
        };
        return Some(ReviewKey { key, alg: None });
    }
    let candidates = inputs.public_keys.as_ref().ok()?;
    let (tried, _) = verify::candidate_keys(token, candidates);
    tried.first().map(|(_, c)| ReviewKey {
        key: c.key.clone(),
        alg: c.alg.clone(),
    })
}
