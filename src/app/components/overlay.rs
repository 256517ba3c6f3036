//! What the text editors share: reading a textarea's text on input, and for the coloured ones
//! (the Encoded token, Header and Payload) a transparent textarea over a backdrop that draws the
//! same text coloured, kept aligned while scrolling.

use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

/// Above this many bytes an editor draws its text plain: colouring a multi-megabyte paste costs
/// layout time for nothing anyone reads. One limit for the token and the JSON editors.
pub const MAX_COLOURED_BYTES: usize = 256 * 1024;

/// The textarea's text on every edit.
pub fn text_of(e: InputEvent) -> String {
    let area: HtmlTextAreaElement = e.target_unchecked_into();
    area.value()
}

/// A scroll handler for the textarea that scrolls `backdrop` to the same place.
pub fn follow_scroll(backdrop: &NodeRef) -> Callback<Event> {
    let backdrop = backdrop.clone();
    Callback::from(move |e: Event| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        if let Some(backdrop) = backdrop.cast::<Element>() {
            backdrop.set_scroll_top(area.scroll_top());
            backdrop.set_scroll_left(area.scroll_left());
        }
    })
}

/// The backdrop's content after the coloured text: a trailing newline would otherwise be
/// collapsed, leaving the backdrop one line shorter than the textarea.
pub fn end_marker() -> Html {
    html! { { "\u{200b}" } }
}
