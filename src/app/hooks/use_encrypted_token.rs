//! Encode mode's encryption: the signed token encrypted in the worker whenever it or the
//! encryption inputs change; the newest answer wins (see `use_async`).

use yew::prelude::*;

use crate::app::encryption::{Encrypted, EncryptionInputs, encrypt};
use crate::app::hooks::use_async::use_async;

/// The JWE of `signed` (`None` while encryption is off, or there is no signed token yet; then
/// `Some(Err)` says why not, `Some(Ok)` is the token and the engine that made it).
#[hook]
pub fn use_encrypted_token(
    signed: Option<&str>,
    inputs: &EncryptionInputs,
) -> Option<Result<Encrypted, String>> {
    let deps = (inputs.on)
        .then(|| signed.map(|token| (token.to_owned(), inputs.clone())))
        .flatten();
    let pending = deps.is_some();
    let answer = use_async(deps, |deps| async move {
        match deps {
            Some((token, inputs)) => Some(encrypt(token, inputs).await),
            None => None,
        }
    });
    if !pending {
        return None;
    }
    // While a new JWE is made, the previous one stays on screen, as the signed token does.
    Some(
        match (answer.current.as_deref(), answer.latest.as_deref()) {
            (Some(Some(result)), _) | (None, Some(Some(result @ Ok(_)))) => result.clone(),
            _ => Err("encrypting…".to_owned()),
        },
    )
}
