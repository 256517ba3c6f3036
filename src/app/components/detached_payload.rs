//! The `Detached payload` box: shown under the token when its payload segment is empty
//! (`header..signature`, RFC 7515 appendix F), as in Open Banking's `x-jws-signature`. The
//! content typed here is what the signature is checked over: base64url-encoded into the
//! signing input, or as it is with `"b64": false` (RFC 7797).

use yew::prelude::*;

use super::overlay::text_of;

/// Props of [`DetachedPayload`].
#[derive(Properties, PartialEq)]
pub struct DetachedPayloadProps {
    /// The detached content as typed.
    pub text: AttrValue,
    /// Called with the new text on every edit.
    pub oninput: Callback<String>,
}

/// A textarea named `Detached payload`, with a line saying why it is there.
#[function_component(DetachedPayload)]
pub fn detached_payload(props: &DetachedPayloadProps) -> Html {
    let oninput = props.oninput.reform(text_of);
    html! {
        <label class="field detached-payload">
            <span>{ "Detached payload" }</span>
            <textarea class="key-input" aria-label="Detached payload" aria-describedby="detached-hint"
                autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                placeholder="The content the token signs, e.g. the HTTP request body"
                value={props.text.clone()} {oninput} />
            <span id="detached-hint" class="hint">{ "This token's payload segment is empty: its content travels apart from it (detached). Paste the exact bytes it signs." }</span>
        </label>
    }
}
