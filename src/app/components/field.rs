//! Labelled form fields the panes share: a select and a one-line text input, each emitting the
//! new value.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

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
