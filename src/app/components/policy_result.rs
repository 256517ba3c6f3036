//! The `Policy result` status (`Accepted` or `Rejected`) and each rule, passed or failed, with
//! what was expected and what was found.

use yew::prelude::*;

use crate::app::hooks::use_policy::PolicyView;
use crate::jose::claims::format_utc;

/// Props of [`PolicyResult`].
#[derive(Properties, PartialEq)]
pub struct PolicyResultProps {
    /// The judgement, or why there is none.
    pub view: PolicyView,
}

/// The status line and the rule list.
#[function_component(PolicyResult)]
pub fn policy_result(props: &PolicyResultProps) -> Html {
    let (status, class, moment, rules) = match &props.view {
        Some(Ok(answer)) => (
            answer.report.summary(),
            if answer.report.accepted {
                "status-ok"
            } else {
                "status-bad"
            },
            Some(answer.at),
            answer.report.rules.clone(),
        ),
        Some(Err(why)) => (
            format!("Not judged: {why}"),
            "status-neutral",
            None,
            Vec::new(),
        ),
        None => return Html::default(),
    };
    html! {
        <>
            <p class={classes!("status", class)} role="status" aria-label="Policy result">{ status }</p>
            if let Some(at) = moment {
                // The moment the rules were judged at, so a stale or unexpected clock shows.
                <p class="policy-moment">{ format!("Judged at {} ({at})", format_utc(at)) }</p>
            }
            <ul class="policy-rules" aria-label="Policy rules">
                { for rules.iter().map(|rule| {
                    let (mark, class) = if rule.passed { ("passed", "rule-ok") } else { ("failed", "rule-bad") };
                    html! {
                        <li class={class}>
                            <span class="rule-mark">{ mark }</span>{ " " }
                            <code>{ rule.id.clone() }</code>{ ": " }{ rule.message.clone() }
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}
