//! The footer: where the page runs, and what it never sends or stores.

use yew::prelude::*;

/// The page's `footer` landmark.
#[function_component(PageFooter)]
pub fn page_footer() -> Html {
    html! {
        <footer class="footer">
            <p>{ "jwt-debugger runs entirely in your browser. Tokens, keys and secrets never leave this page and are never stored; after loading, the page fetches only its own files, for offline use." }</p>
        </footer>
    }
}
