//! A flag that turns `true` one task after `ready` first does, and stays `true`: for work the
//! current view does not need, so that it runs after that view is on screen instead of delaying
//! it.

use yew::prelude::*;

/// `false` until a task after the first render in which `ready` was `true`.
#[hook]
pub fn use_after_shown(ready: bool) -> bool {
    let done = use_state(|| false);
    {
        let done = done.clone();
        use_effect_with(ready, move |ready| {
            if *ready && !*done {
                // A timer task runs after the rendering task that paints the frame.
                gloo_timers::callback::Timeout::new(0, move || done.set(true)).forget();
            }
        });
    }
    *done
}
