//! Encode mode's Encrypt section: the `Encrypt` switch, `Key management algorithm`,
//! `Content encryption` and `Encryption key`, and a `role="status"` named `Encryption status`.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::{select, text_area};
use crate::app::encryption::{Encrypted, EncryptionInputs, offered_algs, offered_encs};

/// Props of [`EncryptPane`].
#[derive(Properties, PartialEq)]
pub struct EncryptPaneProps {
    /// The inputs as they are.
    pub inputs: EncryptionInputs,
    /// The JWE made and by which engine, or why not (`None` while encryption is off).
    pub encrypted: Option<Result<Encrypted, String>>,
    /// Called with the inputs after any change.
    pub onchange: Callback<EncryptionInputs>,
}

/// Options whose text is their value.
fn pairs(names: Vec<&'static str>) -> Vec<(&'static str, &'static str)> {
    names.into_iter().map(|n| (n, n)).collect()
}

/// The switch, and the algorithm, encryption and key inputs once it is on.
#[function_component(EncryptPane)]
pub fn encrypt_pane(props: &EncryptPaneProps) -> Html {
    let with = |change: fn(&mut EncryptionInputs, String)| {
        let (inputs, onchange) = (props.inputs.clone(), props.onchange.clone());
        Callback::from(move |value: String| {
            let mut next = inputs.clone();
            change(&mut next, value);
            onchange.emit(next);
        })
    };
    let ontoggle = {
        let (inputs, onchange) = (props.inputs.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            onchange.emit(EncryptionInputs {
                on,
                ..inputs.clone()
            });
        })
    };
    let i = &props.inputs;
    let (status, class) = match &props.encrypted {
        Some(Ok(made)) => (
            format!(
                "Encrypted: the Encoded token is a JWE holding the signed token (cty \"JWT\"), made by {}",
                made.engines
            ),
            "status-ok",
        ),
        Some(Err(why)) => (format!("Not encrypted: {why}"), "status-neutral"),
        None => (String::new(), "status-neutral"),
    };
    html! {
        <section class="pane pane-encrypt" aria-labelledby="encrypt-heading">
            <h2 id="encrypt-heading">{ "Encrypt" }</h2>
            <label class="switch">
                <input type="checkbox" role="switch" checked={i.on} onchange={ontoggle} />
                { " Encrypt" }
            </label>
            if i.on {
                { select("Key management algorithm", pairs(offered_algs()), &i.alg, with(|n, v| n.alg = v)) }
                { select("Content encryption", pairs(offered_encs()), &i.enc, with(|n, v| n.enc = v)) }
                { text_area(
                    "encryption-key",
                    "Encryption key",
                    "4",
                    "The recipient's public key (PEM, JWK or JWKS), the symmetric key (oct JWK or base64url), or the password",
                    &i.key,
                    with(|n, v| n.key = v),
                ) }
                <p class={classes!("status", class)} role="status" aria-label="Encryption status">{ status }</p>
            }
        </section>
    }
}
