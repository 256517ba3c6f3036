//! The Decrypt pane, shown for a pasted JWE: the `Decryption key` box, the `role="status"` named
//! `Decryption status`, and the `Plaintext` with a copy button and the JWE findings.

use yew::prelude::*;

use super::copy_button::CopyButton;
use super::field::text_area;
use crate::app::decryption::DecryptionStatus;

/// Props of [`DecryptionPane`].
#[derive(Properties, PartialEq)]
pub struct DecryptionPaneProps {
    /// Where decryption stands.
    pub status: DecryptionStatus,
    /// The `Decryption key` box's text.
    pub text: AttrValue,
    /// Called with the box's new text on every edit.
    pub onkey: Callback<String>,
}

/// The key box, the status and the plaintext.
#[function_component(DecryptionPane)]
pub fn decryption_pane(props: &DecryptionPaneProps) -> Html {
    let plaintext = props.status.plaintext();
    html! {
        <section class="pane pane-decrypt" aria-labelledby="decrypt-heading">
            <h2 id="decrypt-heading">{ "Decrypt" }</h2>
            { text_area(
                "decryption-key",
                "Decryption key",
                "4",
                "The recipient's private key (PEM, JWK or JWKS), the symmetric key (oct JWK or base64url), or the password",
                &props.text,
                props.onkey.clone(),
            ) }
            <p class={classes!("status", props.status.class())} role="status" aria-label="Decryption status">
                { props.status.text() }
            </p>
            if let Some(plaintext) = plaintext {
                <div class="pane-heading">
                    <label for="plaintext">{ "Plaintext" }</label>
                    <CopyButton text={AttrValue::from(plaintext.text())} label="Copy plaintext" />
                </div>
                <textarea id="plaintext" rows="6" readonly=true spellcheck="false" value={plaintext.text()} />
                if !plaintext.findings.is_empty() {
                    <ul class="jwe-findings" aria-label="Encryption findings">
                        { for plaintext.findings.iter().map(|f| html! { <li>{ f }</li> }) }
                    </ul>
                }
            }
            <p class="hint">{ "Decryption runs in this page (in its worker): the key never leaves the browser." }</p>
        </section>
    }
}
