//! Labelled form fields the panes share: a select, a one-line text input and a key-sized text
//! area, each emitting the new value.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::overlay::text_of;

/// A select named `label` over `(value, text)` options, `selected` chosen.
pub fn select(
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    selected: &str,
    onchange: Callback<String>,
) -> Html {
    let onchange =
        onchange.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <label class="field">
            <span>{ label }</span>
            <select aria-label={label} {onchange}>
                { for options.into_iter().map(|(value, text)| html! {
                    <option {value} selected={value == selected}>{ text }</option>
                }) }
            </select>
        </label>
    }
}

/// A one-line text input named `label`, with a placeholder.
pub fn text_input(
    label: &'static str,
    value: &str,
    placeholder: &'static str,
    oninput: Callback<String>,
) -> Html {
    let oninput =
        oninput.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <label class="field">
            <span>{ label }</span>
            <input type="text" aria-label={label} value={value.to_owned()} {placeholder}
                spellcheck="false" autocomplete="off" {oninput} />
        </label>
    }
}

/// A text area `id` labelled `label` above it, for keys, passwords and lists: no spelling
/// correction or autocompletion (they would alter or remember key material).
pub fn text_area(
    id: &'static str,
    label: &'static str,
    rows: &'static str,
    placeholder: &'static str,
    value: &str,
    oninput: Callback<String>,
) -> Html {
    html! {
        <>
            <label for={id}>{ label }</label>
            <textarea {id} class="key-input" {rows} spellcheck="false" autocomplete="off"
                autocapitalize="off" autocorrect="off" {placeholder} value={value.to_owned()}
                oninput={oninput.reform(text_of)} />
        </>
    }
}
