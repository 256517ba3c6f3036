//! The Encoded pane: the token textarea, coloured by part, with what the decoder noticed.

use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use super::copy_button::CopyButton;
use crate::app::hooks::use_share_link::share_url;

/// Props of [`EncodedPane`].
#[derive(Properties, PartialEq)]
pub struct EncodedPaneProps {
    /// The token text shown, exactly as typed (Decode) or as signed (Encode).
    pub token: AttrValue,
    /// Called with the new text on every edit.
    pub oninput: Callback<String>,
    /// What the decoder noticed about the input (non-fatal), one message each.
    pub notes: Vec<String>,
    /// Why the token cannot be decoded, if it cannot.
    pub error: Option<String>,
}

/// The CSS class of each dot-separated part: header, payload, signature, then extra parts.
fn part_class(index: usize) -> &'static str {
    match index {
        0 => "part-header",
        1 => "part-payload",
        2 => "part-signature",
        _ => "part-extra",
    }
}

/// The token as coloured spans, one per dot-separated part, dots kept.
fn coloured(token: &str) -> Html {
    let mut parts = Vec::new();
    for (index, part) in token.split('.').enumerate() {
        if index > 0 {
            parts.push(html! { <span class="part-dot">{ "." }</span> });
        }
        parts.push(html! { <span class={part_class(index)}>{ part }</span> });
    }
    // A trailing newline would be collapsed by the backdrop; keep the heights equal.
    parts.push(html! { { "\u{200b}" } });
    html! { <>{ for parts }</> }
}

/// The token textarea, named `Encoded token`. The text is drawn by a coloured backdrop behind a
/// transparent textarea, so editing keeps native behaviour (selection, undo, paste, keyboard).
#[function_component(EncodedPane)]
pub fn encoded_pane(props: &EncodedPaneProps) -> Html {
    let backdrop = use_node_ref();
    let oninput = props.oninput.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    let onscroll = {
        let backdrop = backdrop.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(backdrop) = backdrop.cast::<Element>() {
                backdrop.set_scroll_top(area.scroll_top());
            }
        })
    };
    let share = share_url(&props.token).unwrap_or_default();
    html! {
        <>
            <div class="pane-heading">
                <h2 id="encoded-heading">{ "Encoded" }</h2>
                <div class="pane-actions">
                    <CopyButton text={props.token.clone()} label="Copy token" />
                    <CopyButton text={AttrValue::from(share)} label="Copy share link" idle_text="Copy link" />
                </div>
            </div>
            <div class="token-editor">
                <div class="token-backdrop" aria-hidden="true" ref={backdrop}>{ coloured(&props.token) }</div>
                <textarea
                    class="token-input"
                    aria-label="Encoded token"
                    aria-describedby="token-notes"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="Paste a token (header.payload.signature), with or without “Bearer ”"
                    value={props.token.clone()}
                    {oninput}
                    {onscroll}
                />
            </div>
            <div id="token-notes" class="token-notes" aria-live="polite">
                if let Some(error) = &props.error {
                    <p class="field-error">{ error }</p>
                }
                { for props.notes.iter().map(|note| html! { <p class="note">{ note }</p> }) }
            </div>
            <p class="hint">{ "A share link holds only the token, in the part of the URL that browsers never send to a server; never a key or secret." }</p>
        </>
    }
}
