//! The Encoded pane: the token textarea, coloured by part, with what the decoder noticed.

use yew::prelude::*;

use super::copy_button::CopyButton;
use super::overlay::{MAX_COLOURED_BYTES, end_marker, follow_scroll, text_of};
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
    /// The policy's JSON the share link carries too, when the Policy region holds one.
    #[prop_or_default]
    pub policy: Option<AttrValue>,
}

/// The CSS class of each dot-separated part: a JWS's header, payload and signature, or a JWE's
/// five parts (`jwe`); anything past them is marked as extra.
fn part_class(index: usize, jwe: bool) -> &'static str {
    match (index, jwe) {
        (0, _) => "part-header",
        (1, false) => "part-payload",
        (2, false) => "part-signature",
        (1, true) => "part-key",
        (2, true) => "part-iv",
        (3, true) => "part-ciphertext",
        (4, true) => "part-tag",
        _ => "part-extra",
    }
}

/// Above this many dot-separated parts the token is drawn as plain text: a paste of dots
/// would otherwise become tens of thousands of elements. (A JWE has five parts.)
pub const MAX_COLOURED_PARTS: usize = 8;

/// The coloured parts of `token` (CSS class and text, dots as their own parts), or `None`
/// when it is too large or has too many parts to colour.
pub fn colour_plan(token: &str) -> Option<Vec<(&'static str, &str)>> {
    if token.len() > MAX_COLOURED_BYTES || token.matches('.').count() >= MAX_COLOURED_PARTS {
        return None;
    }
    let jwe = token.matches('.').count() == 4;
    let mut plan = Vec::new();
    for (index, part) in token.split('.').enumerate() {
        if index > 0 {
            plan.push(("part-dot", "."));
        }
        plan.push((part_class(index, jwe), part));
    }
    Some(plan)
}

/// The token as coloured spans, one per dot-separated part, dots kept; plain text past the
/// limits of [`colour_plan`].
fn coloured(token: &str) -> Html {
    let parts = match colour_plan(token) {
        Some(plan) => plan
            .into_iter()
            .map(|(class, text)| html! { <span class={class}>{ text }</span> })
            .collect::<Html>(),
        None => html! { { token } },
    };
    html! { <>{ parts }{ end_marker() }</> }
}

/// Lines to show before scrolling where the browser cannot size a textarea to its content
/// (`field-sizing`): about 64 characters a line, between 5 and 13 lines.
fn token_rows(token: &str) -> usize {
    (token.len() / 64 + token.lines().count()).clamp(5, 13)
}

/// The token textarea, named `Encoded token`. The text is drawn by a coloured backdrop behind a
/// transparent textarea, so editing keeps native behaviour (selection, undo, paste, keyboard).
#[function_component(EncodedPane)]
pub fn encoded_pane(props: &EncodedPaneProps) -> Html {
    let backdrop = use_node_ref();
    let oninput = props.oninput.reform(text_of);
    let onscroll = follow_scroll(&backdrop);
    let share = share_url(&props.token, props.policy.as_deref()).unwrap_or_default();
    html! {
        <>
            <div class="pane-heading">
                <h2 id="encoded-heading">{ "Encoded" }</h2>
                <div class="pane-actions">
                    <CopyButton text={props.token.clone()} label="Copy token" />
                    <CopyButton text={AttrValue::from(share)} label="Copy share link" idle_text="Copy share link" />
                </div>
            </div>
            <div class="token-editor">
                <div class="token-backdrop" aria-hidden="true" ref={backdrop}>{ coloured(&props.token) }</div>
                <textarea
                    class="token-input"
                    aria-label="Encoded token"
                    aria-describedby="token-notes"
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="off"
                    autocorrect="off"
                    rows={token_rows(&props.token).to_string()}
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
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_coloured_by_part() {
        assert_eq!(
            colour_plan("h.p.s"),
            Some(vec![
                ("part-header", "h"),
                ("part-dot", "."),
                ("part-payload", "p"),
                ("part-dot", "."),
                ("part-signature", "s"),
            ])
        );
        let jwe: Vec<&str> = colour_plan("a.b.c.d.e")
            .unwrap()
            .into_iter()
            .map(|(class, _)| class)
            .filter(|class| *class != "part-dot")
            .collect();
        assert_eq!(
            jwe,
            [
                "part-header",
                "part-key",
                "part-iv",
                "part-ciphertext",
                "part-tag"
            ]
        );
        assert_eq!(
            colour_plan("a.b.c.d").unwrap().last(),
            Some(&("part-extra", "d"))
        );
    }

    #[test]
    fn large_or_many_part_tokens_fall_back_to_plain_text() {
        // MAX_COLOURED_PARTS parts are coloured; one more is not.
        assert!(colour_plan(&".".repeat(MAX_COLOURED_PARTS - 1)).is_some());
        assert_eq!(colour_plan(&".".repeat(MAX_COLOURED_PARTS)), None);
        assert_eq!(colour_plan(&".".repeat(100_000)), None);
        let big = format!("{}.p.s", "h".repeat(MAX_COLOURED_BYTES));
        assert_eq!(colour_plan(&big), None);
        assert!(colour_plan(&"h".repeat(MAX_COLOURED_BYTES - 4)).is_some());
    }
}
