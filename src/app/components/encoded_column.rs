//! The left column: the Encoded pane with the verdict (and a detached token's payload box),
//! and the findings under it.

use std::rc::Rc;

use yew::prelude::*;

use super::detached_payload::DetachedPayload;
use super::encoded_pane::EncodedPane;
use super::findings_panel::FindingsPanel;
use super::verdict::Verdict;
use crate::app::verification::SignatureStatus;
use crate::jose::lints::Finding;

/// Props of [`EncodedColumn`].
#[derive(Properties, PartialEq)]
pub struct EncodedColumnProps {
    /// The token text shown, exactly as typed (Decode) or as signed (Encode).
    pub token: AttrValue,
    /// Called with the new token text on every edit.
    pub ontoken: Callback<String>,
    /// What the decoder noticed about the input, one message each.
    pub notes: Vec<String>,
    /// Why the token cannot be decoded, if it cannot.
    pub error: Option<String>,
    /// The Detached payload box's text, when the token is detached (else no box).
    pub detached_payload: Option<AttrValue>,
    /// Called with the new detached payload on every edit.
    pub ondetached: Callback<String>,
    /// The verdict.
    pub status: SignatureStatus,
    /// The verdict's note on the token's times.
    pub time_note: Option<String>,
    /// The findings for the token on screen (`None` without one).
    pub findings: Rc<Option<Vec<Finding>>>,
    /// The policy's JSON the share link carries too, when the Policy region holds one.
    #[prop_or_default]
    pub policy: Option<AttrValue>,
}

/// The Encoded section and the findings panel.
#[function_component(EncodedColumn)]
pub fn encoded_column(props: &EncodedColumnProps) -> Html {
    let p = props;
    html! {
        <div class="column">
            <section class="pane pane-encoded" aria-labelledby="encoded-heading">
                // The verdict is not a child of the pane: children compare unequal whenever the
                // verdict changes, and the pane (its coloured token) would render again with it.
                <EncodedPane token={p.token.clone()} oninput={p.ontoken.clone()} notes={p.notes.clone()} error={p.error.clone()} policy={p.policy.clone()} />
                if let Some(text) = &p.detached_payload {
                    <DetachedPayload text={text.clone()} oninput={p.ondetached.clone()} />
                }
                <Verdict status={p.status.clone()} time_note={p.time_note.clone()} />
                <p class="hint">{ "A share link holds only the token (and the policy, when the Policy region has one), in the part of the URL that browsers never send to a server; never a key or secret." }</p>
            </section>
            <FindingsPanel has_token={p.findings.is_some()} findings={(*p.findings).clone().unwrap_or_default()} />
        </div>
    }
}
