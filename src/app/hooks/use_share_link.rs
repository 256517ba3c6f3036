//! Share links carry only the token, and the policy when the Policy region holds one, in the
//! URL fragment (`#token=…&policy=…`), which browsers never send to a server. Keys and secrets
//! are never put in a URL (a policy holds none: the DPoP access token is left out of it).

use yew::prelude::*;

use crate::app::policy::PolicyForm;
use crate::app::state::{Action, PageState};
use crate::jose::policy::Policy;

/// The fragment prefix of a share link.
const PREFIX: &str = "#token=";
/// What separates the policy from the token (a token never holds `&`).
const POLICY: &str = "&policy=";

/// The fragment's token and policy texts, decoded.
fn from_location() -> Option<(String, Option<String>)> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let rest = hash.strip_prefix(PREFIX)?;
    let (token, policy) = match rest.split_once(POLICY) {
        Some((token, policy)) => (token, Some(policy)),
        None => (rest, None),
    };
    let decode = |text: &str| js_sys::decode_uri_component(text).ok()?.as_string();
    // Tokens are URL-safe already; decoding tolerates a link whose fragment was percent-encoded.
    let token = decode(token)?;
    (!token.is_empty()).then(|| (token, policy.and_then(decode)))
}

/// The token in the current page's fragment, if it holds one.
pub fn token_from_location() -> Option<String> {
    from_location().map(|(token, _)| token)
}

/// This page's address with `token` (and `policy`, a policy's JSON) as the fragment.
pub fn share_url(token: &str, policy: Option<&str>) -> Option<String> {
    let location = web_sys::window()?.location();
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    let encode = |text: &str| js_sys::encode_uri_component(text).as_string();
    let mut url = format!("{base}{PREFIX}{}", encode(token.trim())?);
    if let Some(policy) = policy {
        url.push_str(POLICY);
        url.push_str(&encode(policy)?);
    }
    Some(url)
}

/// Once on mount: the token of a share link the page was opened with becomes the Encoded
/// token, and its policy (when it has one that reads) fills the Policy region, opened.
#[hook]
pub fn use_share_link_loader(dispatch: UseReducerDispatcher<PageState>, form: PolicyForm) {
    use_effect_with((), move |_| {
        if let Some((token, policy)) = from_location() {
            dispatch.dispatch(Action::SetToken(token));
            // A link's policy that does not read is ignored: the token still loads.
            if let Some(Ok(policy)) = policy.map(|json| Policy::from_json(&json)) {
                let form = PolicyForm {
                    open: true,
                    ..form.with_policy(&policy)
                };
                dispatch.dispatch(Action::SetPolicy(Box::new(form)));
            }
        }
    });
}
