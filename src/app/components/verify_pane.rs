//! The Verify Signature pane: algorithm, key inputs, and one status that cannot be misread.

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::copy_button::CopyButton;
use crate::app::state::Mode;
use crate::app::verification::SignatureStatus;
use crate::jose::Algorithm;
use crate::jose::algorithm::Family;
use crate::jose::keys::SecretEncoding;

/// Props of [`VerifyPane`].
#[derive(Properties, PartialEq)]
pub struct VerifyPaneProps {
    /// Decode (verify with a public key) or Encode (sign with a private key).
    pub mode: Mode,
    /// The algorithm in the header, if it names a known one.
    pub alg: Option<Algorithm>,
    /// The secret text and its encoding (HMAC algorithms).
    pub secret: AttrValue,
    /// How the secret text turns into bytes.
    pub secret_encoding: SecretEncoding,
    /// The verification key text.
    pub public_key: AttrValue,
    /// The signing key text.
    pub private_key: AttrValue,
    /// What the key inputs currently hold, e.g. "RSA 2048-bit public key (PEM SPKI)", or why not.
    pub key_note: Option<String>,
    /// The signature status (Decode) or signing result (Encode).
    pub status: SignatureStatus,
    /// Time validity, shown apart from the signature ("expired 2 h ago").
    pub time_note: Option<String>,
    /// Whether the Public key box holds the page's demo key.
    #[prop_or_default]
    pub public_key_is_demo: bool,
    /// Whether the Private key box holds the page's demo key.
    #[prop_or_default]
    pub private_key_is_demo: bool,
    /// The algorithm select changed.
    pub onalgorithm: Callback<Algorithm>,
    /// The secret changed.
    pub onsecret: Callback<String>,
    /// The secret encoding changed.
    pub onencoding: Callback<SecretEncoding>,
    /// The public key changed.
    pub onpublickey: Callback<String>,
    /// The private key changed.
    pub onprivatekey: Callback<String>,
}

const ENCODINGS: [SecretEncoding; 3] = [
    SecretEncoding::Utf8,
    SecretEncoding::Base64Url,
    SecretEncoding::Hex,
];

fn textarea_value(e: InputEvent) -> String {
    let area: HtmlTextAreaElement = e.target_unchecked_into();
    area.value()
}

/// The warning beside a key box that holds the page's demo key pair.
fn demo_label() -> Html {
    html! {
        <span class="demo-key-label" role="note">
            { "Public demo key: its private half is in this page's source. Never use it for anything real; generate your own key pair below." }
        </span>
    }
}

/// The algorithm, the key for it, and the status.
#[function_component(VerifyPane)]
pub fn verify_pane(props: &VerifyPaneProps) -> Html {
    let onalg = props.onalgorithm.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select
            .value()
            .parse::<Algorithm>()
            .unwrap_or(Algorithm::HS256)
    });
    let is_hmac = props
        .alg
        .map(|a| a.family() == Family::Hmac)
        .unwrap_or(false);
    let encoding_change = props.onencoding.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        ENCODINGS
            .into_iter()
            .find(|enc| enc.label() == select.value())
            .unwrap_or_default()
    });
    let selected = props.alg.map(Algorithm::as_str).unwrap_or("");
    html! {
        <div class="verify-pane">
            <h3>{ if props.mode == Mode::Decode { "Verify Signature" } else { "Sign" } }</h3>
            <label class="field">
                <span>{ "Algorithm" }</span>
                <select aria-label="Algorithm" onchange={onalg}>
                    if props.alg.is_none() {
                        <option value="" selected=true>{ "(not in header)" }</option>
                    }
                    { for Algorithm::ALL.iter().filter(|a| **a != Algorithm::None).map(|a| html! {
                        <option value={a.as_str()} selected={a.as_str() == selected}>{ a.as_str() }</option>
                    }) }
                </select>
            </label>
            if is_hmac {
                <div class="field-row">
                    <label class="field grow">
                        <span>{ "Secret" }</span>
                        // A textarea, not an input: secrets may span lines (a PEM used as an HMAC
                        // key is how algorithm confusion is reproduced) and must stay byte-exact.
                        <textarea class="secret-input" aria-label="Secret" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" rows="2"
                            value={props.secret.clone()} oninput={props.onsecret.reform(textarea_value)} />
                    </label>
                    <label class="field">
                        <span>{ "Secret encoding" }</span>
                        <select aria-label="Secret encoding" onchange={encoding_change}>
                            { for ENCODINGS.iter().map(|enc| html! {
                                <option value={enc.label()} selected={*enc == props.secret_encoding}>{ enc.label() }</option>
                            }) }
                        </select>
                    </label>
                </div>
            } else {
                <label class="field">
                    <span class="label-row">{ "Public key" }<CopyButton text={props.public_key.clone()} label="Copy public key" /></span>
                    if props.public_key_is_demo {
                        { demo_label() }
                    }
                    <textarea class="key-input" aria-label="Public key" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                        placeholder="PEM public key or certificate, JWK or JWKS"
                        value={props.public_key.clone()} oninput={props.onpublickey.reform(textarea_value)} />
                </label>
                if props.mode == Mode::Encode {
                    <label class="field">
                        <span class="label-row">{ "Private key" }<CopyButton text={props.private_key.clone()} label="Copy private key" /></span>
                        if props.private_key_is_demo {
                            { demo_label() }
                        }
                        <textarea class="key-input" aria-label="Private key" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                            placeholder="PEM private key (PKCS#8, PKCS#1, SEC1) or private JWK"
                            value={props.private_key.clone()} oninput={props.onprivatekey.reform(textarea_value)} />
                    </label>
                }
            }
            if let Some(note) = &props.key_note {
                <p class="note">{ note }</p>
            }
            <p class={classes!("status", props.status.css_class())} role="status" aria-label="Signature status">
                { props.status.text() }
            </p>
            if let Some(time) = &props.time_note {
                <p class="time-note">{ time }</p>
            }
        </div>
    }
}
