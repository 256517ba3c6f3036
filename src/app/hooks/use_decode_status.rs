//! Decode mode's verdict: the pasted token verified with the key inputs, on the engine.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::engine::WebCrypto;
use crate::app::hooks::use_async::{AsyncValue, Same, use_async};
use crate::app::hooks::use_parsed_keys::ParsedKeys;
use crate::app::state::PageState;
use crate::app::verification::{KeyInputs, SignatureStatus};
use crate::jose::JoseError;
use crate::jose::pipeline::Strictness;
use crate::jose::token::DecodedToken;
use crate::jose::verdict::signature_status;

/// The signature status of the pasted token, recomputed when the token or a key input changes.
#[hook]
pub fn use_decode_status(
    state: &PageState,
    decoded: &Rc<Result<DecodedToken, JoseError>>,
    keys: &ParsedKeys,
) -> AsyncValue<SignatureStatus> {
    use_async(
        (
            Same(decoded.clone()),
            Same(keys.public_keys.clone()),
            Same(keys.key_in_secret.clone()),
            state.secret.clone(),
            state.secret_encoding,
            state.public_key.trim().is_empty(),
        ),
        |(decoded, public_keys, key_in_secret, secret, secret_encoding, public_key_empty)| async move {
            let inputs = KeyInputs {
                secret: &secret,
                secret_encoding,
                key_in_secret: &key_in_secret.0,
                public_keys: &public_keys.0,
                public_key_empty,
                allowed_algs: &[],
                strictness: Strictness::Lenient,
            };
            signature_status(&WebCrypto, &decoded.0, inputs).await
        },
    )
}
