//! The claims table under the payload: every claim, its meaning, and time claims as dates.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::jose::claims;

/// Props of [`ClaimsTable`].
#[derive(Properties, PartialEq)]
pub struct ClaimsTableProps {
    /// The decoded payload (a JSON object shows a table; anything else shows nothing). Shared,
    /// not copied, on every render of the page.
    pub payload: Rc<Value>,
    /// The current Unix time, for "expires in 4 min".
    pub now: i64,
}

/// A NumericDate in the browser's time zone (its offset at that date), formatted here rather
/// than by `toLocaleString`, whose first call loads the locale data: 20 ms of the page's load.
fn local_time(seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    // getTimezoneOffset is UTC minus local time, in minutes.
    let offset_minutes = -(date.get_timezone_offset() as i64);
    claims::format_with_offset(seconds, offset_minutes)
}

/// How the table reads a time claim: its seconds (through the one NumericDate reader the
/// Verify pane and the findings use) and how far from `now` it is ("in 9 min"), or `None` when
/// it is not a NumericDate.
pub fn time_reading(value: &Value, now: i64) -> Option<(i64, String)> {
    let seconds = claims::numeric_date(value)?;
    Some((
        seconds,
        claims::humanize_relative(seconds.saturating_sub(now)),
    ))
}

/// The value cell of a time claim: UTC, local, and relative to now.
fn time_cell(value: &Value, now: i64) -> Html {
    match time_reading(value, now) {
        Some((seconds, relative)) => html! {
            <>
                <code>{ value.to_string() }</code>
                <span class="claim-date">{ claims::format_utc(seconds) }</span>
                <span class="claim-date">{ format!("{} (local)", local_time(seconds)) }</span>
                <span class="claim-relative">{ relative }</span>
            </>
        },
        None => {
            html! { <><code>{ value.to_string() }</code><span class="field-error">{ "not a NumericDate (seconds since 1970)" }</span></> }
        }
    }
}

/// One row per claim, registered claims explained.
#[function_component(ClaimsTable)]
pub fn claims_table(props: &ClaimsTableProps) -> Html {
    let Some(members) = props.payload.as_object() else {
        return html! {};
    };
    let rows = members.iter().map(|(name, value)| {
        let info = claims::payload_claim_info(name);
        let is_time = info.as_ref().is_some_and(|i| i.is_time);
        let meaning = info.map(|i| format!("{}: {}", i.title, i.description)).unwrap_or_default();
        html! {
            <tr>
                <th scope="row"><code>{ name }</code></th>
                <td class="claim-value">
                    if is_time { { time_cell(value, props.now) } } else { <code>{ value.to_string() }</code> }
                </td>
                <td class="claim-meaning">{ meaning }</td>
            </tr>
        }
    });
    html! {
        <table class="claims-table">
            <caption>{ "Claims" }</caption>
            <thead><tr><th scope="col">{ "Claim" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Meaning" }</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
