//! The token under review: the one on screen, and its findings.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_async::Same;
use crate::app::hooks::use_findings::{ReviewSources, SignedBy, use_findings};
use crate::app::hooks::use_parsed_keys::ParsedKeys;
use crate::app::state::{Mode, PageState};
use crate::jose::JoseError;
use crate::jose::lints::Finding;
use crate::jose::token::{self, DecodedToken};

/// The reviewed token and what the review found.
pub struct Review {
    /// The token on screen, decoded (`None` without one).
    pub reviewed: Rc<Option<DecodedToken>>,
    /// The findings for it (`None` without a decodable token).
    pub findings: Rc<Option<Vec<Finding>>>,
}

/// Reviews the token on screen: the pasted one (`decoded`), or in Encode mode the one just
/// signed (`token_text`; a detached one with the payload it signs).
#[hook]
pub fn use_review(
    state: &PageState,
    decoded: &Rc<Result<DecodedToken, JoseError>>,
    token_text: &str,
    keys: &ParsedKeys,
    now: i64,
    signed_by: SignedBy,
) -> Review {
    let reviewed: Rc<Option<DecodedToken>> = use_memo(
        (
            state.mode,
            Same(decoded.clone()),
            token_text.to_owned(),
            state.payload_text.clone(),
        ),
        |(mode, decoded, token_text, payload)| match mode {
            Mode::Decode => (*decoded.0).clone().ok(),
            Mode::Encode => token::decode(token_text).ok().map(|mut t| {
                t.attach_payload(payload);
                t
            }),
        },
    );
    let sources = ReviewSources {
        reviewed: Same(reviewed.clone()),
        public_keys: Same(keys.public_keys.clone()),
        key_in_secret: Same(keys.key_in_secret.clone()),
        secret: (state.secret.clone(), state.secret_encoding),
    };
    let findings = use_findings(sources, now, signed_by);
    Review { reviewed, findings }
}
