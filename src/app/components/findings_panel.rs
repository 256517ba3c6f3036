//! The Findings panel: the core's security review of the token, worst first.

use yew::prelude::*;

use crate::jose::lints::{Finding, Severity};

/// Props of [`FindingsPanel`].
#[derive(Properties, PartialEq)]
pub struct FindingsPanelProps {
    /// The findings, sorted by severity (the core sorts them).
    pub findings: Vec<Finding>,
    /// Whether there is a decoded token to review at all.
    pub has_token: bool,
}

fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    }
}

/// A region named `Findings`: one item per finding with its severity, what it means and what
/// to do about it.
#[function_component(FindingsPanel)]
pub fn findings_panel(props: &FindingsPanelProps) -> Html {
    let items = props.findings.iter().map(|f| {
        let severity = severity_label(f.severity);
        html! {
            <li class={classes!("finding", format!("finding-{}", severity.to_lowercase()))} data-finding={f.id()}>
                <span class="finding-severity">{ severity }</span>
                <div>
                    <p class="finding-title">{ f.title() }</p>
                    <p class="finding-explanation">{ f.explanation() }</p>
                    <p class="finding-advice">{ f.advice() }</p>
                </div>
            </li>
        }
    });
    html! {
        <section class="pane findings" role="region" aria-labelledby="findings-heading">
            <h2 id="findings-heading">{ "Findings" }</h2>
            if !props.has_token {
                <p class="note">{ "Paste a token to review it." }</p>
            } else if props.findings.is_empty() {
                <p class="note">{ "No findings: nothing in this token looks risky." }</p>
            } else {
                <ul class="findings-list">{ for items }</ul>
            }
        </section>
    }
}
