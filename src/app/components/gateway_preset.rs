//! The gateway preset: Application ID, Key ID and lifetime to a signed RS256 token, and the curl
//! line that calls the API with it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::copy_button::CopyButton;
use crate::jose::gateway::{
    DEFAULT_API_URL, DEFAULT_LIFETIME_SECS, curl_command, lifetime_warning, preset_header,
    preset_payload,
};

/// Props of [`GatewayPreset`].
#[derive(Properties, PartialEq)]
pub struct GatewayPresetProps {
    /// The Key ID to suggest: the thumbprint of the current signing key, if there is one and
    /// it is not the page's demo key.
    pub default_kid: Option<String>,
    /// The current Unix time (`iat`).
    pub now: i64,
    /// The token on screen as decoded and cleaned (compact, no `Bearer `, no line breaks), for
    /// "Copy as curl"; `None` when there is no decodable token.
    pub token: Option<AttrValue>,
    /// Apply: the header and payload JSON to sign in Encode mode.
    pub onapply: Callback<(String, String)>,
}

fn input_value(e: InputEvent) -> String {
    let input: HtmlInputElement = e.target_unchecked_into();
    input.value()
}

/// `Application ID`, `Key ID`, `Lifetime (seconds)`, `Apply preset`, and `Copy as curl`.
#[function_component(GatewayPreset)]
pub fn gateway_preset(props: &GatewayPresetProps) -> Html {
    let app_id = use_state(String::new);
    // None until the user types a Key ID: until then it follows the current key's thumbprint.
    let kid = use_state(|| None::<String>);
    let lifetime = use_state(|| DEFAULT_LIFETIME_SECS.to_string());
    let api_url = use_state(String::new);

    let kid_shown = (*kid)
        .clone()
        .or_else(|| props.default_kid.clone())
        .unwrap_or_default();
    let lifetime_secs = lifetime.trim().parse::<i64>();
    let warning = match &lifetime_secs {
        Ok(secs) => lifetime_warning(*secs),
        Err(_) => Some("The lifetime must be a whole number of seconds.".to_owned()),
    };
    let apply = {
        let (app_id, kid_shown, now) = ((*app_id).clone(), kid_shown.clone(), props.now);
        let lifetime = lifetime_secs.clone().ok();
        props.onapply.reform(move |_: MouseEvent| {
            let secs = lifetime.unwrap_or(DEFAULT_LIFETIME_SECS);
            (
                preset_header(&kid_shown),
                preset_payload(&app_id, now, secs),
            )
        })
    };
    let set = |handle: &UseStateHandle<String>| {
        let handle = handle.clone();
        Callback::from(move |e: InputEvent| handle.set(input_value(e)))
    };
    // Built from the cleaned compact token only; the exact line is shown before it is copied.
    let curl = curl_command(props.token.as_deref().unwrap_or_default(), &api_url);
    let onkid = {
        let kid = kid.clone();
        Callback::from(move |e: InputEvent| kid.set(Some(input_value(e))))
    };
    html! {
        <section id="gateway" class="pane gateway" aria-labelledby="gateway-heading">
            <h2 id="gateway-heading">{ "API gateway preset" }</h2>
            <p class="hint">{ "For gateways that validate JWTs by application and key (Axway Amplify Central and others): RS256, kid = the gateway's Key ID, iss = sub = aud = the Application ID." }</p>
            <div class="field-row">
                <label class="field grow">
                    <span>{ "Application ID" }</span>
                    <input type="text" aria-label="Application ID" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" value={(*app_id).clone()} oninput={set(&app_id)} />
                </label>
                <label class="field grow">
                    <span>{ "Key ID" }</span>
                    <input type="text" aria-label="Key ID" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" placeholder="the Key ID the gateway shows for your public key" value={kid_shown} oninput={onkid} />
                </label>
                <label class="field">
                    <span>{ "Lifetime (seconds)" }</span>
                    <input type="number" min="1" aria-label="Lifetime (seconds)" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" value={(*lifetime).clone()} oninput={set(&lifetime)} />
                </label>
            </div>
            if let Some(warning) = warning {
                <p class="time-note" role="alert">{ warning }</p>
            }
            <button type="button" class="primary" onclick={apply}>{ "Apply preset" }</button>
            <div class="field-row curl-row">
                <label class="field grow">
                    <span>{ "API URL" }</span>
                    <input type="url" aria-label="API URL" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" placeholder={DEFAULT_API_URL} value={(*api_url).clone()} oninput={set(&api_url)} />
                </label>
            </div>
            <div class="field-row curl-row">
                <label class="field grow">
                    <span>{ "curl command" }</span>
                    <input type="text" class="curl-command" aria-label="curl command" readonly=true autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                        value={curl.clone().unwrap_or_default()} />
                </label>
                <CopyButton text={AttrValue::from(curl.clone().unwrap_or_default())} label="Copy as curl" />
            </div>
            if let Err(reason) = &curl {
                <p class="note">{ format!("No curl command: {reason}.") }</p>
            }
        </section>
    }
}
