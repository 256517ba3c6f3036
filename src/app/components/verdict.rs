//! The verdict, directly under the Encoded token where the eye is: the one `role="status"` named
//! `Signature status`, and the time validity beside it.

use yew::prelude::*;

use crate::app::verification::{SignatureStatus, status_class};

/// Props of [`Verdict`].
#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    /// The signature status (Decode) or signing result (Encode).
    pub status: SignatureStatus,
    /// Time validity, shown apart from the signature ("expired 2 h ago").
    pub time_note: Option<String>,
}

/// One status that cannot be misread, and the time line.
#[function_component(Verdict)]
pub fn verdict(props: &VerdictProps) -> Html {
    html! {
        <div class="verdict">
            <p class={classes!("status", status_class(&props.status))} role="status" aria-label="Signature status">
                { props.status.text() }
            </p>
            if let Some(time) = &props.time_note {
                <p class="time-note">{ time }</p>
            }
        </div>
    }
}
