//! What the Encoded, Header and Payload panes show: the pasted token (Decode mode) or the
//! editors and the token just signed (Encode mode).

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::app::hooks::use_async::Same;
use crate::app::signing::{SignError, Signed};
use crate::app::state::{Mode, PageState};
use crate::app::token_view::shown_json;
use crate::jose::JoseError;
use crate::jose::token::Token;

/// The texts of the three panes, and the payload parsed for the claims table.
pub struct ShownTexts {
    /// The Encoded pane's token.
    pub token: String,
    /// The Header pane's JSON.
    pub header: String,
    /// The Payload pane's JSON.
    pub payload: String,
    /// The payload parsed (`null` unless it is JSON), once per change of its text.
    pub payload_value: Rc<Value>,
}

/// The panes' texts for the current mode. `signed` is the newest token Encode mode signed;
/// `decrypted_json` the plaintext of a decrypted JWE when it is JSON.
#[hook]
pub fn use_shown_texts(
    state: &PageState,
    parsed: &Rc<Result<Token, JoseError>>,
    signed: &Option<Result<Signed, SignError>>,
    decrypted_json: Option<String>,
) -> ShownTexts {
    // Decode mode shows the header and payload pretty-printed (only whitespace changes), or
    // exactly as encoded.
    let shown: Rc<(String, String)> = use_memo(
        (Same(parsed.clone()), state.as_encoded),
        |(parsed, as_encoded)| shown_json(&parsed.0, *as_encoded),
    );
    let (token, header, payload) = match state.mode {
        // A decrypted JWE whose plaintext is JSON shows it as the payload.
        Mode::Decode => {
            let payload = decrypted_json.unwrap_or_else(|| shown.1.clone());
            (state.token.clone(), shown.0.clone(), payload)
        }
        Mode::Encode => {
            let token = match signed {
                Some(Ok(s)) => s.token.clone(),
                _ => String::new(),
            };
            (token, state.header_text.clone(), state.payload_text.clone())
        }
    };
    let payload_value = use_memo(payload.clone(), |p| {
        serde_json::from_str(p).unwrap_or(Value::Null)
    });
    ShownTexts {
        token,
        header,
        payload,
        payload_value,
    }
}
