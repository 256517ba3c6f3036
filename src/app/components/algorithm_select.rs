//! The Algorithm select of the Verify Signature pane.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::jose::Algorithm;

/// Props of [`AlgorithmSelect`].
#[derive(Properties, PartialEq)]
pub struct AlgorithmSelectProps {
    /// The algorithm in the header, if it names a known one.
    pub alg: Option<Algorithm>,
    /// Called with the algorithm the user picked.
    pub onalgorithm: Callback<Algorithm>,
}

/// `Algorithm`: every signing algorithm, the header's selected; `(not in header)` first when
/// the header names none.
#[function_component(AlgorithmSelect)]
pub fn algorithm_select(props: &AlgorithmSelectProps) -> Html {
    let onalg = props.onalgorithm.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select
            .value()
            .parse::<Algorithm>()
            .unwrap_or(Algorithm::HS256)
    });
    let selected = props.alg.map(Algorithm::as_str).unwrap_or("");
    html! {
        <label class="field">
            <span>{ "Algorithm" }</span>
            <select aria-label="Algorithm" onchange={onalg}>
                if props.alg.is_none() {
                    <option value="" selected=true>{ "(not in header)" }</option>
                }
                { for Algorithm::ALL.iter().filter(|a| **a != Algorithm::None).map(|a| html! {
                    <option value={a.as_str()} selected={a.as_str() == selected}>{ a.as_str() }</option>
                }) }
            </select>
        </label>
    }
}
