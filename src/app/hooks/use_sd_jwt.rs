//! The Disclosures region's review of a pasted SD-JWT: asked of the worker when the token on
//! screen is one, again when it changes or a minute passes (the Key Binding JWT must be
//! recent), the newest answer winning (see `use_async`).

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::app::hooks::use_async::use_async;
use crate::app::sd_jwt::{SdJwtView, review};
use crate::app::state::{Mode, PageState};

/// What the Disclosures region shows: `None` unless Decode mode holds an SD-JWT; else the
/// review, or why there is none yet.
pub type SdJwtReview = Option<Result<Rc<SdJwtView>, String>>;

/// The Payload pane's text and value.
pub type Payload = (String, Rc<Value>);

/// The review of the pasted token, if it is an SD-JWT, at `now`, and the Payload pane's text
/// and value: for an SD-JWT its claims with the disclosures in place, else (and before the
/// worker answers, and when shown as encoded) `shown`.
#[hook]
pub fn use_sd_jwt(state: &PageState, now: i64, shown: Payload) -> (SdJwtReview, Payload) {
    let review = use_review(state, now);
    let text = match &review {
        Some(Ok(view)) if !state.as_encoded => Some(view.payload.clone()),
        _ => None,
    };
    // Parsed once per answer, not once per render.
    let value = use_memo(text.clone(), |text| {
        text.as_deref()
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
            .map(Rc::new)
    });
    let payload = text.zip((*value).clone()).unwrap_or(shown);
    (review, payload)
}

/// The worker's review of the pasted token, if it is an SD-JWT, at `now`.
#[hook]
fn use_review(state: &PageState, now: i64) -> SdJwtReview {
    // No JWS or JWE has a '~'; the worker says whether it really is an SD-JWT.
    let token = (state.mode == Mode::Decode && state.token.contains('~'))
        .then(|| state.token.trim().to_owned());
    // The minute, not the second: the KB-JWT's age is judged in minutes, and each review is a
    // message to the worker.
    let deps = token.clone().map(|t| (t, now - now.rem_euclid(60)));
    let answer = use_async(deps, |deps| async move {
        match deps {
            Some((token, minute)) => Some(review(token, minute).await),
            None => None,
        }
    });
    token.as_ref()?;
    let shown = answer.current.as_deref().or(answer.latest.as_deref());
    Some(match shown {
        Some(Some(Ok(view))) => Ok(Rc::new(view.clone())),
        Some(Some(Err(why))) => Err(why.clone()),
        _ => Err("reading the disclosures…".to_owned()),
    })
}
