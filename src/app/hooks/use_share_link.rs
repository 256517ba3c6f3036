//! Share links carry only the token, in the URL fragment (`#token=…`), which browsers never send
//! to a server. Keys and secrets are never put in a URL.

use yew::prelude::*;

/// The fragment prefix of a share link.
const PREFIX: &str = "#token=";

/// The token in the current page's fragment, if it holds one.
pub fn token_from_location() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let token = hash.strip_prefix(PREFIX)?;
    // Tokens are URL-safe already; decoding tolerates a link whose fragment was percent-encoded.
    let decoded = js_sys::decode_uri_component(token).ok()?.as_string()?;
    (!decoded.is_empty()).then_some(decoded)
}

/// This page's address with `token` as the fragment.
pub fn share_url(token: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    let encoded = js_sys::encode_uri_component(token.trim()).as_string()?;
    Some(format!("{base}{PREFIX}{encoded}"))
}

/// Calls `on_token` once on mount with the token of a share link the page was opened with.
#[hook]
pub fn use_share_link_loader(on_token: Callback<String>) {
    use_effect_with((), move |_| {
        if let Some(token) = token_from_location() {
            on_token.emit(token);
        }
    });
}
