//! The theme switch.

use yew::prelude::*;

use crate::app::hooks::use_theme::use_theme;

/// A button cycling the theme: system, light, dark.
#[function_component(ThemeButton)]
pub fn theme_button() -> Html {
    let (theme, advance) = use_theme();
    let onclick = advance.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="theme-button" {onclick}>{ theme.label() }</button>
    }
}
