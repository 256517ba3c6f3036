//! The current time, refreshed every few seconds, so relative times ("expires in 4 min") stay
//! current without the user touching anything.

use gloo_timers::callback::Interval;
use yew::prelude::*;

/// How often the clock ticks. Relative times are shown to the second only under a minute.
const TICK_MS: u32 = 5_000;

/// Seconds since the Unix epoch, right now (the browser's clock).
pub fn unix_now() -> i64 {
    // Date.now() is milliseconds as an f64; whole seconds are what JWT NumericDates compare to.
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// The current Unix time in seconds, re-rendering the caller on every tick.
#[hook]
pub fn use_now() -> i64 {
    let now = use_state(unix_now);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(TICK_MS, move || now.set(unix_now()));
            // Dropping the Interval on unmount cancels it.
            move || drop(interval)
        });
    }
    *now
}
