//! Where key generation is: progress with the elapsed time and Cancel, or how it ended.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::app::keygen::hook::KeygenState;

/// Props of [`KeygenProgress`].
#[derive(Properties, PartialEq)]
pub struct KeygenProgressProps {
    /// The generator's state.
    pub state: KeygenState,
    /// Cancels the running generation.
    pub oncancel: Callback<()>,
}

/// Ten times a second while `running`, re-renders the caller (for the elapsed time).
#[hook]
fn use_ticker(running: bool) {
    let tick = use_state(|| 0u32);
    use_effect_with(running, move |running| {
        let interval = running.then(|| Interval::new(100, move || tick.set(tick.wrapping_add(1))));
        move || drop(interval)
    });
}

/// A status line: nothing before the first key, the elapsed time while running, then the time
/// it took, the failure, or the cancellation.
#[function_component(KeygenProgress)]
pub fn keygen_progress(props: &KeygenProgressProps) -> Html {
    // The elapsed time is read from the clock at each render, so only this line ticks.
    use_ticker(matches!(props.state, KeygenState::Running { .. }));
    match &props.state {
        KeygenState::Idle => html! {},
        KeygenState::Running { label, started_ms } => html! {
            <p class="progress" role="status">
                <span class="spinner" aria-hidden="true"></span>
                { format!("Generating {label} key… {} s", seconds_text(js_sys::Date::now() - started_ms)) }
                <button type="button" onclick={props.oncancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            </p>
        },
        KeygenState::Done {
            material,
            elapsed_ms,
        } => html! {
            <p class="note" role="status" data-elapsed-ms={whole_ms(*elapsed_ms).to_string()}>{ format!("Generated a {} key in {} s.", material.label, seconds_text(*elapsed_ms)) }</p>
        },
        KeygenState::Failed(reason) => {
            html! { <p class="field-error" role="status">{ format!("Key generation failed: {reason}") }</p> }
        }
        KeygenState::Cancelled => html! { <p class="note" role="status">{ "Cancelled." }</p> },
    }
}

/// Milliseconds as whole milliseconds (`Date.now()` differences are whole already).
fn whole_ms(ms: f64) -> i64 {
    ms.round() as i64
}

/// Milliseconds as seconds with one decimal, "2.4". Integer arithmetic: formatting an `f64`
/// would link the float formatter into the page (10 KB) for this one line.
fn seconds_text(ms: f64) -> String {
    let tenths = whole_ms(ms / 100.0).max(0);
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_have_one_decimal() {
        assert_eq!(seconds_text(2449.0), "2.4");
        assert_eq!(seconds_text(2450.0), "2.5");
        assert_eq!(seconds_text(80.0), "0.1");
        assert_eq!(seconds_text(0.0), "0.0");
        assert_eq!(seconds_text(-5.0), "0.0");
    }
}
