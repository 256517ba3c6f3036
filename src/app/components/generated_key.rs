//! A generated key in every form a gateway or openssl uses, with buttons that put it to use.

use std::rc::Rc;

use yew::prelude::*;

use super::copy_button::CopyButton;
use super::key_output::KeyOutput;
use crate::app::keygen::KeyMaterial;

/// Props of [`GeneratedKey`].
#[derive(Properties, PartialEq)]
pub struct GeneratedKeyProps {
    /// The key just generated.
    pub material: Rc<KeyMaterial>,
    /// Put the key (private PEM, or HMAC secret) into the signing key input.
    pub onusesigning: Callback<Rc<KeyMaterial>>,
    /// Put the public key into the verification key input.
    pub onuseverifying: Callback<Rc<KeyMaterial>>,
}

/// `Use for signing` / `Use for verifying`, then the secret, or the private key (PKCS#8, and
/// PKCS#1 for RSA), public key, public JWK, JWKS and Key ID.
#[function_component(GeneratedKey)]
pub fn generated_key(props: &GeneratedKeyProps) -> Html {
    let m = &props.material;
    let use_signing = {
        let m = m.clone();
        props.onusesigning.reform(move |_: MouseEvent| m.clone())
    };
    let use_verifying = {
        let m = m.clone();
        props.onuseverifying.reform(move |_: MouseEvent| m.clone())
    };
    let attr = |text: &str| AttrValue::from(text.to_owned());
    html! {
        <div class="keygen-outputs">
            <div class="pane-actions">
                <button type="button" onclick={use_signing}>{ "Use for signing" }</button>
                if !m.symmetric {
                    <button type="button" onclick={use_verifying}>{ "Use for verifying" }</button>
                }
            </div>
            if m.symmetric {
                <KeyOutput name="Generated private key" text={attr(&m.private_pem)} filename="secret.txt" mime="text/plain" />
                <p class="note">{ "An HMAC secret, base64url-encoded: pick the base64url secret encoding to use it." }</p>
            } else {
                <KeyOutput name="Generated private key" text={attr(&m.private_pem)} filename="private.pem" mime="application/x-pem-file" />
                if let Some(pkcs1) = &m.private_pkcs1_pem {
                    <details class="field">
                        <summary>{ "PKCS#1 form (BEGIN RSA PRIVATE KEY, as openssl genrsa -traditional writes)" }</summary>
                        <KeyOutput name="Generated private key (PKCS#1)" text={attr(pkcs1)} filename="private.pkcs1.pem" mime="application/x-pem-file" />
                    </details>
                }
                <KeyOutput name="Generated public key" text={attr(&m.public_pem)} filename="public.pem" mime="application/x-pem-file" />
                <KeyOutput name="Public JWK" text={attr(&m.public_jwk)} filename="public.jwk.json" mime="application/json" />
                <KeyOutput name="JWKS" text={attr(&m.jwks)} filename="jwks.json" mime="application/json" />
                <label class="field">
                    <span class="label-row">{ "Key ID" }<CopyButton text={AttrValue::from(m.kid.clone())} label="Copy key id" /></span>
                    <input type="text" aria-label="Key ID" readonly=true autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" value={m.kid.clone()} />
                </label>
            }
        </div>
    }
}
