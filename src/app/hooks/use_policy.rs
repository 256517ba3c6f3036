//! The Policy region's judgement: while the region is open, the token on screen, the policy,
//! the verdict and the moment go to the worker, which answers rule by rule (and with the
//! exported code); the newest answer wins (see `use_async`).

use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_async::use_async;
use crate::app::policy::{PolicyAnswer, PolicyQuestion, judge};
use crate::app::verification::SignatureStatus;
use crate::jose::JoseError;
use crate::jose::keys::KeyCandidate;
use crate::jose::policy::SignatureFacts;
use crate::jose::token::DecodedToken;

use crate::app::policy::PolicyForm;

/// What the Policy region shows: `None` while it is closed; else the answer, or why there is
/// none yet (no token, a field that is not a number, still judging).
pub type PolicyView = Option<Result<Rc<PolicyAnswer>, String>>;

/// The judgement of `token` (the token on screen) against `form`'s policy.
#[hook]
pub fn use_policy(
    form: &PolicyForm,
    token: &Option<DecodedToken>,
    status: &SignatureStatus,
    keys: &Rc<Result<Vec<KeyCandidate>, JoseError>>,
    now: i64,
) -> PolicyView {
    let question = question(form, token, status, keys, now);
    let deps = match &question {
        Some(Ok(q)) => Some(q.clone()),
        _ => None,
    };
    let answer = use_async(deps, |deps| async move {
        match deps {
            Some(question) => Some(judge(question).await),
            None => None,
        }
    });
    match question? {
        Err(why) => Some(Err(why)),
        Ok(_) => Some(match answer.current.as_deref() {
            Some(Some(Ok(answer))) => Ok(Rc::new(answer.clone())),
            Some(Some(Err(why))) => Err(why.clone()),
            // While a new judgement is made, the previous one stays on screen.
            _ => match answer.latest.as_deref() {
                Some(Some(Ok(answer))) => Ok(Rc::new(answer.clone())),
                _ => Err("judging…".to_owned()),
            },
        }),
    }
}

/// What to ask the worker, `None` while the region is closed. The moment is the page's clock
/// only when `Evaluate at` is empty, so a typed moment is not re-judged every second; and a
/// verdict still being checked is not judged yet.
fn question(
    form: &PolicyForm,
    token: &Option<DecodedToken>,
    status: &SignatureStatus,
    keys: &Rc<Result<Vec<KeyCandidate>, JoseError>>,
    now: i64,
) -> Option<Result<PolicyQuestion, String>> {
    if !form.open {
        return None;
    }
    let Some(token) = token else {
        return Some(Err("paste a signed token to judge".to_owned()));
    };
    if matches!(status, SignatureStatus::Checking) {
        return Some(Err("judging…".to_owned()));
    }
    let policy = match form.policy() {
        Ok(policy) => policy,
        Err(why) => return Some(Err(why)),
    };
    let candidates = (**keys).as_ref().map(Vec::as_slice).unwrap_or_default();
    let facts = SignatureFacts::from_status(status, token, candidates);
    Some(Ok(PolicyQuestion {
        token: token.compact.clone(),
        policy,
        verified: facts.verified,
        detail: facts.detail,
        key_kid: facts.key_kid,
        at: form.at.trim().to_owned(),
        now: if form.at.trim().is_empty() { now } else { 0 },
        export: form.export_target().id().to_owned(),
    }))
}
