//! The key generator: a key pair made in a web worker, in every form a gateway or openssl uses.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::copy_button::CopyButton;
use crate::app::hooks::download::save_text;
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

/// An output box with copy and download buttons.
fn output(name: &str, text: &str, filename: &str, mime: &'static str) -> Html {
    let download = {
        let (filename, text) = (filename.to_owned(), text.to_owned());
        Callback::from(move |_: MouseEvent| {
            // A failed download leaves the text on screen to copy instead.
            let _ = save_text(&filename, &text, mime);
        })
    };
    html! {
        <div class="field">
            <span class="label-row">
                { name }
                <span class="pane-actions">
                    <CopyButton text={AttrValue::from(text.to_owned())} label={format!("Copy {}", name.to_lowercase())} />
                    <button type="button" class="copy-button" aria-label={format!("Download {filename} ({})", name.to_lowercase())} onclick={download}>{ format!("Download {filename}") }</button>
                </span>
            </span>
            <textarea class="key-input" aria-label={name.to_owned()} readonly=true autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" value={text.to_owned()} />
        </div>
    }
}

/// Ten times a second while `running`, re-renders the caller (for the elapsed time).
#[hook]
fn use_ticker(running: bool) {
    let tick = use_state(|| 0u32);
    use_effect_with(running, move |running| {
        let interval = running.then(|| Interval::new(100, move || tick.set(tick.wrapping_add(1))));
        move || drop(interval)
    });
}

/// `Key type`, `Generate key pair`, progress with elapsed time and cancel, and the outputs.
#[function_component(KeyGenerator)]
pub fn key_generator(props: &KeyGeneratorProps) -> Html {
    let kind = use_state(|| KeyKind::Rsa2048.label().to_owned());
    let (state, start, cancel) = use_keygen();
    use_ticker(matches!(state, KeygenState::Running { .. }));
    {
        let ongenerated = props.ongenerated.clone();
        let done = match &state {
            KeygenState::Done { material, .. } => Some(material.clone()),
            _ => None,
        };
        use_effect_with(done, move |done| {
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
    let progress = match &state {
        KeygenState::Idle => html! {},
        KeygenState::Running { label, started_ms } => html! {
            <p class="progress" role="status">
                <span class="spinner" aria-hidden="true"></span>
                { format!("Generating {label} key… {} s", seconds_text(js_sys::Date::now() - started_ms)) }
                <button type="button" onclick={cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            </p>
        },
        KeygenState::Done {
            material,
            elapsed_ms,
        } => html! {
            <p class="note" role="status" data-elapsed-ms={whole_ms(*elapsed_ms).to_string()}>{ format!("Generated a {} key in {} s.", material.label, seconds_text(*elapsed_ms)) }</p>
        },
        KeygenState::Failed(reason) => {
            html! { <p class="field-error" role="status">{ format!("Key generation failed: {reason}") }</p> }
        }
        KeygenState::Cancelled => html! { <p class="note" role="status">{ "Cancelled." }</p> },
    };
    let outputs = match &state {
        KeygenState::Done { material, .. } => {
            let m = material.clone();
            let use_signing = {
                let m = m.clone();
                props.onusesigning.reform(move |_: MouseEvent| m.clone())
            };
            let use_verifying = {
                let m = m.clone();
                props.onuseverifying.reform(move |_: MouseEvent| m.clone())
            };
            html! {
                <div class="keygen-outputs">
                    <div class="pane-actions">
                        <button type="button" onclick={use_signing}>{ "Use for signing" }</button>
                        if !m.symmetric {
                            <button type="button" onclick={use_verifying}>{ "Use for verifying" }</button>
                        }
                    </div>
                    if m.symmetric {
                        { output("Generated private key", &m.private_pem, "secret.txt", "text/plain") }
                        <p class="note">{ "An HMAC secret, base64url-encoded: pick the base64url secret encoding to use it." }</p>
                    } else {
                        { output("Generated private key", &m.private_pem, "private.pem", "application/x-pem-file") }
                        if let Some(pkcs1) = &m.private_pkcs1_pem {
                            <details class="field">
                                <summary>{ "PKCS#1 form (BEGIN RSA PRIVATE KEY, as openssl genrsa -traditional writes)" }</summary>
                                { output("Generated private key (PKCS#1)", pkcs1, "private.pkcs1.pem", "application/x-pem-file") }
                            </details>
                        }
                        { output("Generated public key", &m.public_pem, "public.pem", "application/x-pem-file") }
                        { output("Public JWK", &m.public_jwk, "public.jwk.json", "application/json") }
                        { output("JWKS", &m.jwks, "jwks.json", "application/json") }
                        <label class="field">
                            <span class="label-row">{ "Key ID" }<CopyButton text={AttrValue::from(m.kid.clone())} label="Copy key id" /></span>
                            <input type="text" aria-label="Key ID" readonly=true autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" value={m.kid.clone()} />
                        </label>
                    }
                </div>
            }
        }
        _ => html! {},
    };
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
            { progress }
            { outputs }
        </section>
    }
}

/// Milliseconds as whole milliseconds (`Date.now()` differences are whole already).
fn whole_ms(ms: f64) -> i64 {
    ms.round() as i64
}

/// Milliseconds as seconds with one decimal, "2.4". Integer arithmetic: formatting an `f64`
/// would link the float formatter into the page (10 KB) for this one line.
fn seconds_text(ms: f64) -> String {
    let tenths = whole_ms(ms / 100.0).max(0);
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_have_one_decimal() {
        assert_eq!(seconds_text(2449.0), "2.4");
        assert_eq!(seconds_text(2450.0), "2.5");
        assert_eq!(seconds_text(80.0), "0.1");
        assert_eq!(seconds_text(0.0), "0.0");
        assert_eq!(seconds_text(-5.0), "0.0");
    }
}
