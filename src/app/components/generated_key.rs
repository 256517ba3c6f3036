//! A generated key in every form a gateway, openssl or a JWE library uses, with buttons that put
//! it to use: a signing key where the page signs and verifies, an encryption key where it
//! encrypts and decrypts.

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
    /// Put an encryption key into the Encryption key box.
    pub onuseencryption: Callback<Rc<KeyMaterial>>,
    /// Put an encryption key's private JWK into the Decryption key box.
    pub onusedecryption: Callback<Rc<KeyMaterial>>,
}

/// A button named `name` that hands `m` to `to`.
fn use_button(name: &'static str, m: &Rc<KeyMaterial>, to: &Callback<Rc<KeyMaterial>>) -> Html {
    let m = m.clone();
    html! { <button type="button" onclick={to.reform(move |_: MouseEvent| m.clone())}>{ name }</button> }
}

/// `Use for signing` / `Use for verifying` (an encryption key: `Use as encryption key` / `Use
/// as decryption key`), then the secret, or the private key (PKCS#8, and PKCS#1 for RSA),
/// public key, public JWK, JWKS and Key ID; an encryption key also its private JWK.
#[function_component(GeneratedKey)]
pub fn generated_key(props: &GeneratedKeyProps) -> Html {
    let m = &props.material;
    let attr = |text: &str| AttrValue::from(text.to_owned());
    let encryption = m.encryption.is_some();
    let private_jwk = html! {
        if encryption {
            <KeyOutput name="Private JWK" text={attr(&m.private_jwk)} filename={if m.symmetric { "secret.jwk.json" } else { "private.jwk.json" }} mime="application/json" />
        }
    };
    html! {
        <div class="keygen-outputs">
            <div class="pane-actions">
                if encryption {
                    { use_button("Use as encryption key", m, &props.onuseencryption) }
                    { use_button("Use as decryption key", m, &props.onusedecryption) }
                } else {
                    { use_button("Use for signing", m, &props.onusesigning) }
                    if !m.symmetric {
                        { use_button("Use for verifying", m, &props.onuseverifying) }
                    }
                }
            </div>
            if m.symmetric {
                <KeyOutput name="Generated private key" text={attr(&m.private_pem)} filename="secret.txt" mime="text/plain" />
                if encryption {
                    <p class="note">{ format!("An AES key for {}, base64url-encoded; its JWK below carries its \"alg\".", m.alg) }</p>
                } else {
                    <p class="note">{ "An HMAC secret, base64url-encoded: pick the base64url secret encoding to use it." }</p>
                }
                { private_jwk }
            } else {
                <KeyOutput name="Generated private key" text={attr(&m.private_pem)} filename="private.pem" mime="application/x-pem-file" />
                if let Some(pkcs1) = &m.private_pkcs1_pem {
                    <details class="field">
                        <summary>{ "PKCS#1 form (BEGIN RSA PRIVATE KEY, as openssl genrsa -traditional writes)" }</summary>
                        <KeyOutput name="Generated private key (PKCS#1)" text={attr(pkcs1)} filename="private.pkcs1.pem" mime="application/x-pem-file" />
                    </details>
                }
                { private_jwk }
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
