//! The security review of the token on screen, derived once per change of what it depends on:
//! the token, the parsed key inputs, the clock, and whether the demo key signed the token.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_async::Same;
use crate::app::review::{ParsedInputs, ReviewKey, review_key};
use crate::jose::JoseError;
use crate::jose::keys::{KeyCandidate, PublicKey, SecretEncoding};
use crate::jose::lints::{self, Finding, LintContext};
use crate::jose::token::DecodedToken;

/// What the review reads, each parsed once per edit of its text.
#[derive(Clone, PartialEq)]
pub struct ReviewSources {
    /// The token on screen (pasted in Decode mode, just signed in Encode mode).
    pub reviewed: Same<Option<DecodedToken>>,
    /// The parsed verification key text.
    pub public_keys: Same<Result<Vec<KeyCandidate>, JoseError>>,
    /// The asymmetric key the secret text holds, if any.
    pub key_in_secret: Same<Result<Option<PublicKey>, JoseError>>,
    /// The secret text and how it is read.
    pub secret: (String, SecretEncoding),
}

/// How the page knows the token was signed with a key: by verifying it (Decode mode), or by
/// having signed it (Encode mode, where the flag says the signing key is the demo key).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SignedBy {
    /// Decode mode: whether the signature verified with the reviewed key.
    Verified(bool),
    /// Encode mode: whether the page signed with its demo key.
    DemoSigning(bool),
}

/// The findings for the token on screen (`None` without a decodable token).
#[hook]
pub fn use_findings(
    sources: ReviewSources,
    now: i64,
    signed_by: SignedBy,
) -> Rc<Option<Vec<Finding>>> {
    let reviewed = sources.reviewed.clone();
    let review: Rc<Option<ReviewKey>> = use_memo(sources, |s| {
        let inputs = ParsedInputs {
            secret: (&s.secret.0, s.secret.1),
            key_in_secret: &s.key_in_secret.0,
            public_keys: &s.public_keys.0,
        };
        (*s.reviewed.0).as_ref().and_then(|t| review_key(t, inputs))
    });
    // The demo-key finding: whenever a token on screen is signed with the page's demo key.
    let demo_key = match signed_by {
        SignedBy::DemoSigning(demo) => demo,
        SignedBy::Verified(verified) => {
            verified && (*review).as_ref().is_some_and(ReviewKey::is_demo)
        }
    };
    use_memo(
        (reviewed, Same(review), now, demo_key),
        |(reviewed, review, now, demo_key)| {
            let review = (*review.0).as_ref();
            (*reviewed.0).as_ref().map(|t| {
                let ctx = LintContext {
                    verification_key: review.map(|r| &r.key),
                    key_alg: review.and_then(|r| r.alg.as_deref()),
                    demo_key: *demo_key,
                    ..LintContext::at(*now)
                };
                lints::lint(t, &ctx)
            })
        },
    )
}
