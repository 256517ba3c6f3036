//! The verification key text and the secret text, each parsed once per edit of that text,
//! never per render or clock tick.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::example::is_demo_key;
use crate::app::hooks::use_async::Same;
use crate::jose::JoseError;
use crate::jose::keys::{self, KeyCandidate, PublicKey};

/// The key inputs that verify (and, for the secret, that Encode mode checks before signing).
pub struct ParsedKeys {
    /// The Public key box: the keys it holds, or why it holds none.
    pub public_keys: Rc<Result<Vec<KeyCandidate>, JoseError>>,
    /// The asymmetric key the secret text holds, if any: such a secret is refused, never used
    /// as an HMAC key.
    pub key_in_secret: Rc<Result<Option<PublicKey>, JoseError>>,
    /// Whether the Public key box holds the page's demo key (labelled wherever it is in use).
    pub public_key_is_demo: bool,
}

/// The Public key box's and the Secret box's texts, parsed.
#[hook]
pub fn use_parsed_keys(public_key: &str, secret: &str) -> ParsedKeys {
    let public_keys = use_memo(public_key.to_owned(), |k| keys::parse_public_keys(k));
    let key_in_secret = use_memo(secret.to_owned(), |s| keys::public_key_in_secret(s));
    // Compared with the demo key once per edit of the key, not per render.
    let public_key_is_demo = *use_memo(Same(public_keys.clone()), |keys| {
        (*keys.0)
            .as_ref()
            .is_ok_and(|c| c.iter().any(|c| is_demo_key(&c.key)))
    });
    ParsedKeys {
        public_keys,
        key_in_secret,
        public_key_is_demo,
    }
}
