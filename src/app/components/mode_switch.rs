//! The Decode/Encode switch.

use yew::prelude::*;

use crate::app::state::Mode;

/// Props of [`ModeSwitch`].
#[derive(Properties, PartialEq)]
pub struct ModeSwitchProps {
    /// The current mode.
    pub mode: Mode,
    /// Called with the mode the user picked.
    pub onchange: Callback<Mode>,
}

/// Two toggle buttons, `Decode` and `Encode`; the pressed one is the current mode.
#[function_component(ModeSwitch)]
pub fn mode_switch(props: &ModeSwitchProps) -> Html {
    let button = |mode: Mode, label: &'static str| {
        let onclick = props.onchange.reform(move |_: MouseEvent| mode);
        let pressed = if props.mode == mode { "true" } else { "false" };
        html! {
            <button type="button" class="mode-button" aria-pressed={pressed} {onclick}>{ label }</button>
        }
    };
    html! {
        <div class="mode-switch" role="group" aria-label="Mode">
            { button(Mode::Decode, "Decode") }
            { button(Mode::Encode, "Encode") }
        </div>
    }
}
