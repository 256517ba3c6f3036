//! Registers the service worker (`sw.js`, written by release builds) so the page keeps working
//! with no network after the first visit. Where there is none (development server, `file://`,
//! a browser without service workers) the page simply works online.

use wasm_bindgen_futures::{JsFuture, spawn_local};
use yew::prelude::*;

/// How long after the first render the service worker is registered. Its installation fetches
/// and caches every file of the build (the key generation worker too): started at once, it
/// competes with the page's own start for the network and the CPU.
const REGISTER_AFTER_MS: u32 = 1_500;

/// Registers `./sw.js` once, shortly after the first render.
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
            gloo_timers::callback::Timeout::new(REGISTER_AFTER_MS, move || {
                spawn_local(async move {
                    // Failure only means no offline copy; the page works online as before.
                    let _ = JsFuture::from(container.register("./sw.js")).await;
                });
            })
            .forget();
        }
    });
}
