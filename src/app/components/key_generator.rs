//! The key generator: a key pair made in a web worker, in every form a gateway or openssl uses.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::generated_key::GeneratedKey;
use super::keygen_progress::KeygenProgress;
use crate::app::keygen::KeyMaterial;
use crate::app::keygen::hook::{KeygenState, use_keygen};
use crate::jose::keys::KeyKind;

/// Props of [`KeyGenerator`].
#[derive(Properties, PartialEq)]
pub struct KeyGeneratorProps {
    /// Put a generated key (private PEM, or HMAC secret) into the signing key input.
    pub onusesigning: Callback<Rc<KeyMaterial>>,
    /// Put a generated public key into the verification key input.
    pub onuseverifying: Callback<Rc<KeyMaterial>>,
    /// Called when a new key is ready (the gateway preset takes its Key ID).
    pub ongenerated: Callback<Rc<KeyMaterial>>,
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
                        { for KeyKind::ALL.iter().map(|k| html! {
                            <option value={k.label()} selected={k.label() == *kind}>{ format!("{} ({})", k.label(), k.default_alg()) }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="primary" onclick={ongenerate} disabled={running}>{ "Generate key pair" }</button>
            </div>
            <KeygenProgress {state} oncancel={cancel} />
            if let Some(material) = done {
                <GeneratedKey {material} onusesigning={props.onusesigning.clone()} onuseverifying={props.onuseverifying.clone()} />
            }
        </section>
    }
}
