//! A button that copies a text to the clipboard and says so.

use yew::prelude::*;

use crate::app::hooks::use_clipboard::{CopyState, use_clipboard};

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The text to copy.
    pub text: AttrValue,
    /// The button's accessible name, e.g. "Copy token".
    pub label: AttrValue,
    /// The visible text when idle, if not "Copy" (e.g. "Copy link" beside another Copy).
    #[prop_or_default]
    pub idle_text: Option<AttrValue>,
}

/// "Copy" → "Copied" (or "Copy failed") for two seconds.
#[function_component(CopyButton)]
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let (state, copy) = use_clipboard();
    let onclick = {
        let text = props.text.to_string();
        copy.reform(move |_: MouseEvent| text.clone())
    };
    let idle = props.idle_text.clone().unwrap_or(AttrValue::Static("Copy"));
    let shown = match state {
        CopyState::Idle => idle.as_str(),
        CopyState::Copied => "Copied",
        CopyState::Failed => "Copy failed",
    };
    // The accessible name always contains the visible text (WCAG 2.5.3, label in name) and the
    // stable label, so "Copy token" stays findable while it says "Copied".
    let name = match state {
        CopyState::Idle => props.label.to_string(),
        _ => format!("{shown}: {}", props.label),
    };
    html! {
        <button type="button" class="copy-button" aria-label={name}
            disabled={props.text.is_empty()} {onclick}>
            { shown }
        </button>
    }
}
