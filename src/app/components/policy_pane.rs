//! The `Policy` region: "will the server accept it?". Collapsed until opened; then a
//! `Policy preset`, the rules (allowed algorithms, issuer, audience, subject, type, required
//! claims, leeway, maximum lifetime, `kid`, nonce, DPoP request), `Evaluate at`, the
//! `Policy result` status with each rule, and `Export as` with the `Policy code`.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::copy_button::CopyButton;
use super::field::{select, text_input};
use super::policy_result::PolicyResult;
use crate::app::hooks::use_policy::PolicyView;
use crate::app::policy::PolicyForm;
use crate::jose::policy::Preset;
use crate::jose::policy::export::ExportTarget;

/// Props of [`PolicyPane`].
#[derive(Properties, PartialEq)]
pub struct PolicyPaneProps {
    /// The fields as typed.
    pub form: PolicyForm,
    /// The judgement (`None` while closed).
    pub view: PolicyView,
    /// Called with the fields after any change.
    pub onchange: Callback<PolicyForm>,
}

/// The preset options: none (typed by hand), then each preset.
fn preset_options() -> Vec<(&'static str, &'static str)> {
    let mut options = vec![("", "None (typed by hand)")];
    options.extend(Preset::ALL.into_iter().map(|p| (p.id(), p.label())));
    options
}

/// The region: a disclosure button, and the form once open.
#[function_component(PolicyPane)]
pub fn policy_pane(props: &PolicyPaneProps) -> Html {
    let form = &props.form;
    let change = |apply: fn(&PolicyForm, String) -> PolicyForm| {
        let (form, onchange) = (form.clone(), props.onchange.clone());
        Callback::from(move |value: String| onchange.emit(apply(&form, value)))
    };
    let ontoggle = change(|f, _| PolicyForm {
        open: !f.open,
        ..f.clone()
    })
    .reform(|_: MouseEvent| String::new());
    let onkid = {
        let (form, onchange) = (form.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            let require_kid = e.target_unchecked_into::<HtmlInputElement>().checked();
            onchange.emit(PolicyForm {
                require_kid,
                ..form.clone()
            });
        })
    };
    let shareable = form.shareable().map(|p| p.to_json()).unwrap_or_default();
    html! {
        // Not a labelled section: the region is the body, named Policy, once open.
        <section id="policy" class="pane policy">
            <h2>
                <button type="button" class="disclosure" aria-expanded={form.open.to_string()}
                    aria-controls="policy-body" onclick={ontoggle}>
                    <span aria-hidden="true">{ if form.open { "▾ " } else { "▸ " } }</span>{ "Policy" }
                </button>
            </h2>
            if form.open {
                <div id="policy-body" role="region" aria-label="Policy">
                    <p class="hint">{ "Will the server accept this token? The rules a gateway or API applies besides the signature, judged rule by rule at any moment. The policy is judged in this tab's worker; nothing is sent anywhere." }</p>
                    { select("Policy preset", preset_options(), &form.preset, change(|f, v| f.with_preset(&v))) }
                    if form.preset == Preset::Amplify.id() {
                        { text_input("Application ID", &form.application_id, "the gateway's Application ID", change(|f, v| f.with_application_id(v))) }
                    }
                    <div class="field-grid">
                        { text_input("Allowed algorithms", &form.algorithms, "RS256, ES256 (empty: any)", change(|f, v| PolicyForm { algorithms: v, ..f.clone() })) }
                        { text_input("Expected issuer", &form.issuer, "iss", change(|f, v| PolicyForm { issuer: v, ..f.clone() })) }
                        { text_input("Expected audience", &form.audience, "one of several: a, b", change(|f, v| PolicyForm { audience: v, ..f.clone() })) }
                        { text_input("Expected subject", &form.subject, "sub", change(|f, v| PolicyForm { subject: v, ..f.clone() })) }
                        { text_input("Expected type", &form.typ, "typ, e.g. JWT or at+jwt", change(|f, v| PolicyForm { typ: v, ..f.clone() })) }
                        { text_input("Required claims", &form.required, "exp, iat, jti", change(|f, v| PolicyForm { required: v, ..f.clone() })) }
                        { text_input("Leeway (seconds)", &form.leeway, "0", change(|f, v| PolicyForm { leeway: v, ..f.clone() })) }
                        { text_input("Maximum lifetime (seconds)", &form.max_lifetime, "exp - iat at most", change(|f, v| PolicyForm { max_lifetime: v, ..f.clone() })) }
                        { text_input("Expected nonce", &form.nonce, "nonce (OpenID Connect)", change(|f, v| PolicyForm { nonce: v, ..f.clone() })) }
                        { text_input("Evaluate at", &form.at, "now, or 2026-12-02T10:00:00Z, or Unix seconds", change(|f, v| PolicyForm { at: v, ..f.clone() })) }
                    </div>
                    <label class="check">
                        <input type="checkbox" checked={form.require_kid} onchange={onkid} />
                        { " kid required, and naming the verification key" }
                    </label>
                    if form.preset == Preset::Dpop.id() {
                        <div class="field-grid">
                            { text_input("HTTP method", &form.htm, "GET", change(|f, v| PolicyForm { htm: v, ..f.clone() })) }
                            { text_input("HTTP URI", &form.htu, "https://api.example/resource", change(|f, v| PolicyForm { htu: v, ..f.clone() })) }
                            { text_input("Access token", &form.access_token, "the access token sent with the proof (never shared)", change(|f, v| PolicyForm { access_token: v, ..f.clone() })) }
                        </div>
                    }
                    <PolicyResult view={props.view.clone()} />
                    <div class="field-row">
                        { select("Export as", ExportTarget::ALL.into_iter().map(|t| (t.id(), t.label())).collect(), form.export_target().id(), change(|f, v| PolicyForm { export: v, ..f.clone() })) }
                        <CopyButton text={AttrValue::from(shareable)} label="Copy policy" idle_text="Copy policy" />
                    </div>
                    <label for="policy-code">{ "Policy code" }</label>
                    <textarea id="policy-code" class="code-output" readonly=true rows="12" spellcheck="false"
                        value={code_text(&props.view)} />
                </div>
            }
        </section>
    }
}

/// The exported program fragment, or why there is none.
fn code_text(view: &PolicyView) -> String {
    match view {
        Some(Ok(answer)) => match &answer.code {
            Ok(code) => code.clone(),
            Err(why) => format!("// No code: {why}"),
        },
        Some(Err(why)) => format!("// {why}"),
        None => String::new(),
    }
}
