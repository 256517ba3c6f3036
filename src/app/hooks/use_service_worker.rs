//! Registers the service worker (`sw.js`, written by release builds) so the page keeps working
//! with no network after the first visit. Where there is none (development server, `file://`,
//! a browser without service workers) the page simply works online.

use wasm_bindgen_futures::{JsFuture, spawn_local};
use yew::prelude::*;

/// Registers `./sw.js` once, after the first render.
#[hook]
pub fn use_service_worker() {
    use_effect_with((), |_| {
        // Only release builds write sw.js; the development server would answer with its HTML
        // fallback, and an offline copy would serve stale files while developing.
        if cfg!(debug_assertions) {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let secure = matches!(
            window.location().protocol().as_deref(),
            Ok("https:") | Ok("http:")
        );
        let container = window.navigator().service_worker();
        // Service workers need http(s); on file:// the property exists but registration throws.
        if secure && !container.is_undefined() {
            spawn_local(async move {
                // Failure only means no offline copy; the page works online as before.
                let _ = JsFuture::from(container.register("./sw.js")).await;
            });
        }
    });
}
