//! One output of the key generator: a read-only box with copy and download buttons.

use yew::prelude::*;

use super::copy_button::CopyButton;
use crate::app::hooks::download::save_text;

/// Props of [`KeyOutput`].
#[derive(Properties, PartialEq)]
pub struct KeyOutputProps {
    /// The box's label and accessible name, e.g. "Generated public key".
    pub name: AttrValue,
    /// The key text (PEM, JWK, JWKS or a secret).
    pub text: AttrValue,
    /// The name the download is saved under, e.g. "public.pem".
    pub filename: AttrValue,
    /// The download's MIME type.
    pub mime: &'static str,
}

/// An output box with copy and download buttons.
#[function_component(KeyOutput)]
pub fn key_output(props: &KeyOutputProps) -> Html {
    let KeyOutputProps {
        name,
        text,
        filename,
        mime,
    } = props;
    let download = {
        let (filename, text, mime) = (filename.clone(), text.clone(), *mime);
        Callback::from(move |_: MouseEvent| {
            // A failed download leaves the text on screen to copy instead.
            let _ = save_text(&filename, &text, mime);
        })
    };
    html! {
        <div class="field">
            <span class="label-row">
                { name.clone() }
                <span class="pane-actions">
                    <CopyButton text={text.clone()} label={format!("Copy {}", name.to_lowercase())} />
                    <button type="button" class="copy-button" aria-label={format!("Download {filename} ({})", name.to_lowercase())} onclick={download}>{ format!("Download {filename}") }</button>
                </span>
            </span>
            <textarea class="key-input" aria-label={name.clone()} readonly=true autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" value={text.clone()} />
        </div>
    }
}
