//! A value that follows its input one task late, and only while `ready`: for work the current
//! view does not need (reading a large signing key in Decode mode), so that it runs in its own
//! task after the view that matters (the verdict) is on screen, instead of lengthening the task
//! that renders it.

use yew::prelude::*;

/// `value` as it was a task after it last changed while `ready` was `true`; `None` before that.
#[hook]
pub fn use_after_shown<T>(value: T, ready: bool) -> Option<T>
where
    T: Clone + PartialEq + 'static,
{
    let shown = use_state(|| None::<T>);
    {
        let shown = shown.clone();
        use_effect_with((value, ready), move |(value, ready)| {
            if *ready && shown.as_ref() != Some(value) {
                let value = value.clone();
                // A timer task runs after the rendering task that paints the frame.
                gloo_timers::callback::Timeout::new(0, move || shown.set(Some(value))).forget();
            }
        });
    }
    (*shown).clone()
}
