//! The header bar: the title, the tagline, links to the tools, the mode switch and the theme.

use yew::prelude::*;

use super::mode_switch::ModeSwitch;
use super::theme_button::ThemeButton;
use crate::app::state::Mode;

/// Props of [`TopBar`].
#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    /// The current mode.
    pub mode: Mode,
    /// Called with the mode the user picked.
    pub onmode: Callback<Mode>,
}

/// The page's `header` landmark.
#[function_component(TopBar)]
pub fn top_bar(props: &TopBarProps) -> Html {
    html! {
        <header class="topbar">
            <h1 class="title">{ "JWT Debugger" }</h1>
            <p class="tagline">{ "Decode, verify and sign JSON Web Tokens. Everything runs in this tab: nothing you type leaves the page." }</p>
            <nav class="topbar-nav" aria-label="Tools">
                <a href="#keygen">{ "Key generator" }</a>
                <a href="#gateway">{ "Gateway preset" }</a>
            </nav>
            <div class="topbar-controls">
                <ModeSwitch mode={props.mode} onchange={props.onmode.clone()} />
                <ThemeButton />
            </div>
        </header>
    }
}
