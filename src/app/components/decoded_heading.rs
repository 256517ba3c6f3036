//! The Decoded section's heading in Decode mode, with the `As encoded` toggle.

use yew::prelude::*;

/// Props of [`DecodedHeading`].
#[derive(Properties, PartialEq)]
pub struct DecodedHeadingProps {
    /// Whether the header and payload are shown exactly as encoded.
    pub as_encoded: bool,
    /// The `As encoded` toggle was pressed.
    pub ontoggle: Callback<MouseEvent>,
}

/// `Decoded` and the `As encoded` toggle button.
#[function_component(DecodedHeading)]
pub fn decoded_heading(props: &DecodedHeadingProps) -> Html {
    html! {
        <div class="pane-heading decoded-heading">
            <h2>{ "Decoded" }</h2>
            <button type="button" class="copy-button" aria-pressed={props.as_encoded.to_string()}
                title="Show the header and payload exactly as encoded in the token"
                onclick={props.ontoggle.clone()}>{ "As encoded" }</button>
        </div>
    }
}
