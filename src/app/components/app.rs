//! The page: a header bar, the Encoded pane on the left, Header/Payload/Verify on the right.
//!
//! The state holds what the user typed; everything else is derived in
//! [`use_page_view`](crate::app::hooks::use_page_view::use_page_view) with memos, so a key is
//! parsed once per edit of the key, not once per keystroke elsewhere.

use yew::prelude::*;

use super::claims_table::ClaimsTable;
use super::decoded_heading::DecodedHeading;
use super::decryption_pane::DecryptionPane;
use super::disclosures_pane::DisclosuresPane;
use super::encoded_column::EncodedColumn;
use super::encrypt_pane::EncryptPane;
use super::gateway_preset::GatewayPreset;
use super::json_pane::JsonPane;
use super::key_generator::KeyGenerator;
use super::page_footer::PageFooter;
use super::policy_pane::PolicyPane;
use super::sd_issue_pane::SdIssuePane;
use super::top_bar::TopBar;
use super::verify_pane::VerifyPane;
use crate::app::callbacks::{Shown, use_callbacks};
use crate::app::encryption::Encrypted;
use crate::app::hooks::use_now::use_now;
use crate::app::hooks::use_page_view::{PageView, use_page_view};
use crate::app::hooks::use_sd_jwt::{SdJwtReview, use_sd_jwt};
use crate::app::hooks::use_service_worker::use_service_worker;
use crate::app::hooks::use_share_link::use_share_link_loader;
use crate::app::state::{Mode, PageState};

/// The root component; owns the page state.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(PageState::default);
    let now = use_now();
    use_service_worker();
    use_share_link_loader(state.dispatcher(), state.policy.clone());
    let view = use_page_view(&state, now);
    // An SD-JWT's Payload pane shows its claims with the disclosures in place.
    let shown = (view.payload_text.clone(), view.payload_value.clone());
    let (sd_jwt, (payload_text, payload_value)) = use_sd_jwt(&state, now, shown);
    let callbacks = use_callbacks(
        state.dispatcher(),
        shown_now(&state, &view, &payload_text, &sd_jwt),
    );
    html! {
        <>
            <TopBar mode={state.mode} onmode={callbacks.mode} />
            <main class="workspace">
                <EncodedColumn
                    token={AttrValue::from(view.token_text)}
                    ontoken={callbacks.token}
                    notes={view.notes}
                    error={view.token_error}
                    detached_payload={view.detached.then(|| AttrValue::from(state.detached_payload.clone()))}
                    ondetached={callbacks.detached}
                    status={view.status}
                    time_note={view.time_note}
                    findings={view.findings}
                    policy={state.policy.share_json().map(AttrValue::from)}
                />
                <section class="pane pane-decoded" aria-label="Decoded">
                    if state.mode == Mode::Decode {
                        <DecodedHeading as_encoded={state.as_encoded} ontoggle={callbacks.as_encoded} />
                    }
                    if let Some(status) = view.decryption {
                        <DecryptionPane {status} text={AttrValue::from(state.decryption_key.clone())} onkey={callbacks.decryption_key.clone()} />
                    }
                    <JsonPane title="Header" text={AttrValue::from(view.header_text)} oninput={callbacks.header} />
                    <JsonPane title="Payload" text={AttrValue::from(payload_text)} oninput={callbacks.payload}>
                        <ClaimsTable payload={payload_value} {now} />
                    </JsonPane>
                    <DisclosuresPane review={sd_jwt} ondrop={callbacks.drop_disclosure.clone()} />
                    <VerifyPane
                        mode={state.mode}
                        alg={view.alg}
                        secret={AttrValue::from(state.secret.clone())}
                        secret_encoding={state.secret_encoding}
                        public_key={AttrValue::from(state.public_key.clone())}
                        private_key={AttrValue::from(state.private_key.clone())}
                        key_note={view.key_note}
                        public_key_is_demo={view.public_key_is_demo}
                        private_key_is_demo={view.private_key_is_demo}
                        onalgorithm={callbacks.algorithm}
                        onsecret={callbacks.secret}
                        onencoding={callbacks.encoding}
                        onpublickey={callbacks.public_key}
                        onprivatekey={callbacks.private_key}
                    />
                    if state.mode == Mode::Encode {
                        <SdIssuePane inputs={state.sd_issue.clone()} onchange={callbacks.sd_issue.clone()} />
                        <EncryptPane inputs={state.encryption.clone()} encrypted={view.encrypted} onchange={callbacks.encryption.clone()} />
                    }
                </section>
            </main>
            <div class="workspace tools">
                <KeyGenerator onusesigning={callbacks.use_signing} onuseverifying={callbacks.use_verifying} ongenerated={callbacks.generated}
                    onuseencryption={callbacks.use_encrypting} onusedecryption={callbacks.use_decrypting} />
                <GatewayPreset default_kid={view.default_kid} {now} token={view.compact} onapply={callbacks.preset} />
            </div>
            <div class="workspace tools">
                <PolicyPane form={state.policy.clone()} view={view.policy} onchange={callbacks.policy} />
            </div>
            <PageFooter />
        </>
    }
}

/// What the callbacks need of the page as shown in this render.
fn shown_now(state: &PageState, view: &PageView, payload_text: &str, sd: &SdJwtReview) -> Shown {
    Shown {
        mode: state.mode,
        // What Encode mode starts from is what the panes show: an SD-JWT's claims with the
        // disclosures in place, those claims listed as selectively disclosable.
        start: (view.header_text.clone(), payload_text.to_owned()),
        // Shown as encoded, the payload is the signed one, digests and all: nothing to list.
        disclosable: disclosable(sd).filter(|_| !state.as_encoded),
        signed: view.signed_now.clone(),
        encrypted: encrypted(&view.encrypted, state),
    }
}

/// The JSON pointers of a decoded SD-JWT's disclosures, one per line (`None` for other tokens).
fn disclosable(review: &SdJwtReview) -> Option<String> {
    let view = review.as_ref()?.as_ref().ok()?;
    let at: Vec<&str> = view
        .disclosures
        .iter()
        .filter_map(|d| d.at.as_deref())
        .collect();
    Some(at.join("\n"))
}

/// Encode mode's JWE and the shared secret it was made with, for Decode mode to take over.
fn encrypted(
    made: &Option<Result<Encrypted, String>>,
    state: &PageState,
) -> Option<(String, Option<String>)> {
    match made {
        Some(Ok(jwe)) => Some((jwe.token.clone(), state.encryption.shared_secret())),
        _ => None,
    }
}
