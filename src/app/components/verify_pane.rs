//! The Verify Signature pane: the algorithm and the key inputs (secret, public key, private key),
//! each of which takes a dropped or loaded file.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::algorithm_select::AlgorithmSelect;
use super::copy_button::CopyButton;
use super::overlay::text_of;
use crate::app::hooks::use_key_file::{KeyFile, use_key_file};
use crate::app::state::Mode;
use crate::jose::Algorithm;
use crate::jose::algorithm::KeyInput;
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

/// The warning beside a key box that holds the page's demo key pair.
fn demo_label() -> Html {
    html! {
        <span class="demo-key-label" role="note">
            { "Public demo key: its private half is in this page's source. Never use it for anything real; generate your own key pair below." }
        </span>
    }
}

/// What a key box shows.
struct KeyBox<'a> {
    /// The box's label and accessible name (`Public key`, `Private key`).
    name: &'static str,
    /// What goes in it.
    placeholder: &'static str,
    /// The key text.
    value: &'a AttrValue,
    /// Called with the new text (typed, loaded or dropped).
    oninput: &'a Callback<String>,
    /// Its `Load file` button and drop handlers.
    file: KeyFile,
    /// Whether it holds the page's demo key.
    is_demo: bool,
}

/// A key box: the label with `Load file` and Copy, the demo label when it holds the demo key,
/// and the textarea, which also takes dropped files.
fn key_box(b: KeyBox<'_>) -> Html {
    html! {
        <div class="field">
            <span class="label-row">{ b.name }<span class="pane-actions">{ b.file.button }<CopyButton text={b.value.clone()} label={format!("Copy {}", b.name.to_lowercase())} /></span></span>
            if b.is_demo {
                { demo_label() }
            }
            <textarea class="key-input" aria-label={b.name} autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                placeholder={b.placeholder}
                ondragover={b.file.ondragover} ondrop={b.file.ondrop}
                value={b.value.clone()} oninput={b.oninput.reform(text_of)} />
        </div>
    }
}

/// The algorithm and the key for it (the status is under the token, in [`super::verdict::Verdict`]).
#[function_component(VerifyPane)]
pub fn verify_pane(props: &VerifyPaneProps) -> Html {
    let is_hmac = props
        .alg
        .is_some_and(|a| a.key_input() == KeyInput::SharedSecret);
    let encoding_change = props.onencoding.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        ENCODINGS
            .into_iter()
            .find(|enc| enc.label() == select.value())
            .unwrap_or_default()
    });
    let secret_file = use_key_file(props.onsecret.clone());
    let public_file = use_key_file(props.onpublickey.clone());
    let private_file = use_key_file(props.onprivatekey.clone());
    html! {
        <div class="verify-pane">
            <h3>{ if props.mode == Mode::Decode { "Verify Signature" } else { "Sign" } }</h3>
            <AlgorithmSelect alg={props.alg} onalgorithm={props.onalgorithm.clone()} />
            if is_hmac {
                <div class="field-row">
                    // A div, not a label: the label's control would be the first button inside.
                    <div class="field grow">
                        <span class="label-row">{ "Secret" }<span class="pane-actions">{ secret_file.button }</span></span>
                        // A textarea, not an input: secrets may span lines (a PEM used as an HMAC
                        // key is how algorithm confusion is reproduced) and must stay byte-exact.
                        <textarea class="secret-input" aria-label="Secret" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" rows="2"
                            ondragover={secret_file.ondragover} ondrop={secret_file.ondrop}
                            value={props.secret.clone()} oninput={props.onsecret.reform(text_of)} />
                    </div>
                    <label class="field">
                        <span>{ "Secret encoding" }</span>
                        <select aria-label="Secret encoding" onchange={encoding_change}>
                            { for ENCODINGS.iter().map(|enc| html! {
                                <option value={enc.label()} selected={*enc == props.secret_encoding}>{ enc.label() }</option>
                            }) }
                        </select>
                    </label>
                </div>
            } else if props.mode == Mode::Decode {
                { key_box(KeyBox {
                    name: "Public key",
                    placeholder: "PEM public key or certificate, JWK or JWKS (or drop a file here)",
                    value: &props.public_key,
                    oninput: &props.onpublickey,
                    file: public_file,
                    is_demo: props.public_key_is_demo,
                }) }
            } else {
                // Encode mode signs with the private key and checks the new token with its own
                // public half: a Public key box would change nothing here, so it is not shown.
                { key_box(KeyBox {
                    name: "Private key",
                    placeholder: "PEM private key (PKCS#8, PKCS#1, SEC1) or private JWK (or drop a file here)",
                    value: &props.private_key,
                    oninput: &props.onprivatekey,
                    file: private_file,
                    is_demo: props.private_key_is_demo,
                }) }
            }
            if let Some(note) = &props.key_note {
                <p class="note">{ note }</p>
            }
        </div>
    }
}
