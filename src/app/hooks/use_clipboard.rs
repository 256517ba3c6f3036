//! Copy to the clipboard, with a short-lived "Copied" acknowledgement.

use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use yew::prelude::*;

/// What the last copy did, for the button's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyState {
    /// Nothing copied recently.
    Idle,
    /// The text is on the clipboard.
    Copied,
    /// The browser refused (no permission, or not a secure context).
    Failed,
}

/// Returns the copy state and a callback that copies the given text.
#[hook]
pub fn use_clipboard() -> (CopyState, Callback<String>) {
    let state = use_state(|| CopyState::Idle);
    let copy = {
        let state = state.clone();
        Callback::from(move |text: String| {
            let state = state.clone();
            spawn_local(async move {
                let copied = match web_sys::window() {
                    Some(window) => {
                        let promise = window.navigator().clipboard().write_text(&text);
                        JsFuture::from(promise).await.is_ok()
                    }
                    None => false,
                };
                state.set(if copied {
                    CopyState::Copied
                } else {
                    CopyState::Failed
                });
                // Back to the plain label after two seconds; the Timeout runs once, then drops.
                let reset = state.clone();
                Timeout::new(2_000, move || reset.set(CopyState::Idle)).forget();
            });
        })
    };
    (*state, copy)
}
