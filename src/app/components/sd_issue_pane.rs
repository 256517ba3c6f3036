//! Encode mode's Selective disclosure section: the claims to make selectively disclosable (JSON
//! pointers) and the number of decoy digests. With any claim listed, the Encoded token is an
//! SD-JWT (RFC 9901) whose disclosures carry fresh random salts.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::text_area;
use crate::app::sd_jwt::SdIssueInputs;

/// Props of [`SdIssuePane`].
#[derive(Properties, PartialEq)]
pub struct SdIssuePaneProps {
    /// The inputs as they are.
    pub inputs: SdIssueInputs,
    /// Called with the inputs after any change.
    pub onchange: Callback<SdIssueInputs>,
}

/// The pointers box and the decoy count.
#[function_component(SdIssuePane)]
pub fn sd_issue_pane(props: &SdIssuePaneProps) -> Html {
    let onpointers = {
        let (inputs, onchange) = (props.inputs.clone(), props.onchange.clone());
        Callback::from(move |pointers: String| {
            onchange.emit(SdIssueInputs {
                pointers,
                ..inputs.clone()
            })
        })
    };
    let ondecoys = {
        let (inputs, onchange) = (props.inputs.clone(), props.onchange.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let decoys = text.trim().parse::<usize>().unwrap_or(0);
            onchange.emit(SdIssueInputs {
                decoys: decoys.min(SdIssueInputs::MAX_DECOYS),
                ..inputs.clone()
            })
        })
    };
    let count = props.inputs.pointer_list().len();
    let note = match count {
        0 => "None listed: the token is an ordinary JWT.".to_owned(),
        n => format!(
            "The Encoded token is an SD-JWT with {n} disclosure(s) after the signature; the signed payload holds their digests."
        ),
    };
    html! {
        <section class="pane pane-sd-issue" aria-labelledby="sd-issue-heading">
            <h2 id="sd-issue-heading">{ "Selective disclosure" }</h2>
            { text_area(
                "sd-claims",
                "Selectively disclosable claims",
                "3",
                "JSON pointers, one per line: /given_name, /address/street_address, /nationalities/0",
                &props.inputs.pointers,
                onpointers,
            ) }
            <label class="field">
                <span>{ "Decoy digests" }</span>
                <input type="number" min="0" max={SdIssueInputs::MAX_DECOYS.to_string()} aria-label="Decoy digests"
                    autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                    value={props.inputs.decoys.to_string()} oninput={ondecoys} />
            </label>
            <p class="hint">{ note }</p>
        </section>
    }
}
