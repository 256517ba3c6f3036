//! The key generator: a key pair or secret made off the main thread, for signing (JWS) or
//! encryption (JWE), in every form a gateway, openssl or a JWE library uses.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::generated_key::GeneratedKey;
use super::keygen_progress::KeygenProgress;
use crate::app::keygen::KeyMaterial;
use crate::app::keygen::hook::{KeygenState, use_keygen};
use crate::jose::keys::{EncryptionKind, KeyKind};

/// Props of [`KeyGenerator`].
#[derive(Properties, PartialEq)]
pub struct KeyGeneratorProps {
    /// Put a generated key (private PEM, or HMAC secret) into the signing key input.
    pub onusesigning: Callback<Rc<KeyMaterial>>,
    /// Put a generated public key into the verification key input.
    pub onuseverifying: Callback<Rc<KeyMaterial>>,
    /// Put a generated encryption key into Encode mode's Encryption key box.
    pub onuseencryption: Callback<Rc<KeyMaterial>>,
    /// Put a generated encryption key's private JWK into the Decryption key box.
    pub onusedecryption: Callback<Rc<KeyMaterial>>,
    /// Called when a new key is ready (the gateway preset takes its Key ID).
    pub ongenerated: Callback<Rc<KeyMaterial>>,
}

/// One `<option>` of the Key type select: its value is the label the generator is asked for.
fn option(label: &'static str, text: String, chosen: &str) -> Html {
    html! { <option value={label} selected={label == chosen}>{ text }</option> }
}

/// `Key type`, `Generate key pair`, progress with elapsed time and cancel, and the outputs.
#[function_component(KeyGenerator)]
pub fn key_generator(props: &KeyGeneratorProps) -> Html {
    let kind = use_state(|| KeyKind::Rsa2048.label().to_owned());
    let (state, start, cancel) = use_keygen();
    let done = match &state {
        KeygenState::Done { material, .. } => Some(material.clone()),
        _ => None,
    };
    {
        let ongenerated = props.ongenerated.clone();
        use_effect_with(done.clone(), move |done| {
            if let Some(material) = done {
                ongenerated.emit(material.clone());
            }
        });
    }
    let onkind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            kind.set(select.value());
        })
    };
    let ongenerate = {
        let kind = kind.clone();
        start.reform(move |_: MouseEvent| (*kind).clone())
    };
    let running = matches!(state, KeygenState::Running { .. });
    html! {
        <section id="keygen" class="pane keygen" aria-labelledby="keygen-heading">
            <h2 id="keygen-heading">{ "Generate a key" }</h2>
            <p class="hint">{ "Keys are generated in this tab by the browser's WebCrypto (where it is missing, by the Rust generator in a background worker) and exist only here: nothing is sent anywhere or stored. Close the tab and they are gone." }</p>
            <div class="field-row">
                <label class="field">
                    <span>{ "Key type" }</span>
                    <select aria-label="Key type" onchange={onkind} disabled={running}>
                        <optgroup label="Signing (JWS)">
                            { for KeyKind::ALL.iter().map(|k| option(k.label(), signing_label(*k), &kind)) }
                        </optgroup>
                        // The encryption labels name their algorithm already.
                        <optgroup label="Encryption (JWE)">
                            { for EncryptionKind::ALL.iter().map(|k| option(k.label(), k.label().to_owned(), &kind)) }
                        </optgroup>
                    </select>
                </label>
                <button type="button" class="primary" onclick={ongenerate} disabled={running}>{ "Generate key pair" }</button>
            </div>
            <KeygenProgress {state} oncancel={cancel} />
            if let Some(material) = done {
                <GeneratedKey
                    {material}
                    onusesigning={props.onusesigning.clone()}
                    onuseverifying={props.onuseverifying.clone()}
                    onuseencryption={props.onuseencryption.clone()}
                    onusedecryption={props.onusedecryption.clone()}
                />
            }
        </section>
    }
}

/// A signing key's menu text: its label and the algorithm it signs with ("EC P-256 (ES256)"),
/// or the label alone where they are the same name ("ML-DSA-65").
fn signing_label(kind: KeyKind) -> String {
    if kind.label() == kind.default_alg() {
        kind.label().to_owned()
    } else {
        format!("{} ({})", kind.label(), kind.default_alg())
    }
}
