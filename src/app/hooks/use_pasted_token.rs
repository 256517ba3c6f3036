//! The pasted token, parsed once per edit of the token or of the detached payload.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_async::Same;
use crate::app::token_view::{jws_of, parse_pasted};
use crate::jose::JoseError;
use crate::jose::token::{DecodedToken, Token};

/// The pasted token as the page reads it.
pub struct PastedToken {
    /// A JWS or a JWE: the sum type decides the view.
    pub parsed: Rc<Result<Token, JoseError>>,
    /// Its JWS, or why there is none (a JWE, or text that is no token).
    pub decoded: Rc<Result<DecodedToken, JoseError>>,
}

/// The token in the Encoded box, parsed once per edit. A detached token (empty payload
/// segment) takes its payload from the Detached payload box.
#[hook]
pub fn use_pasted_token(token: &str, detached_payload: &str) -> PastedToken {
    let parsed: Rc<Result<Token, JoseError>> = use_memo(
        (token.to_owned(), detached_payload.to_owned()),
        |(t, payload)| parse_pasted(t, payload),
    );
    let decoded = use_memo(Same(parsed.clone()), |p| jws_of(&p.0));
    PastedToken { parsed, decoded }
}
