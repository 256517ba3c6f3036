//! Light and dark themes: follow the system until the user picks one.

use yew::prelude::*;

/// The colour theme the user picked, or `System` to follow `prefers-color-scheme`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow the operating system's setting (the CSS media query decides).
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The next theme in the switch's cycle: System → Light → Dark → System.
    pub fn next(self) -> Self {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    /// What the theme button says.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: system",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }

    /// The `data-theme` attribute value on `<html>` (`None` removes it).
    fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// Returns the current theme and a callback that advances it; mirrors it onto `<html data-theme>`.
#[hook]
pub fn use_theme() -> (Theme, Callback<()>) {
    let theme = use_state(|| Theme::System);
    {
        let current = *theme;
        use_effect_with(current, move |theme| {
            let root = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element());
            if let Some(root) = root {
                // Setting an attribute on <html> cannot fail for a valid name; ignore the Result.
                let _ = match theme.attribute() {
                    Some(value) => root.set_attribute("data-theme", value),
                    None => root.remove_attribute("data-theme"),
                };
            }
        });
    }
    let advance = {
        let theme = theme.clone();
        Callback::from(move |()| theme.set(theme.next()))
    };
    (*theme, advance)
}
