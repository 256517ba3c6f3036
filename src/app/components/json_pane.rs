//! A titled JSON editor (Header or Payload) that reports JSON errors with line and column.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::copy_button::CopyButton;

/// Props of [`JsonPane`].
#[derive(Properties, PartialEq)]
pub struct JsonPaneProps {
    /// The pane's title, also the editor's accessible name (`Header`, `Payload`).
    pub title: AttrValue,
    /// The JSON text shown.
    pub text: AttrValue,
    /// Called with the new text on every edit.
    pub oninput: Callback<String>,
    /// Extra content under the editor (the claims table under Payload).
    #[prop_or_default]
    pub children: Html,
}

/// Where a JSON text is malformed, as "line L, column C: message", or `None` if it parses.
pub fn json_error(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    serde_json::from_str::<serde_json::Value>(text)
        .err()
        .map(|e| {
            format!(
                "Invalid JSON at line {}, column {}: {}",
                e.line(),
                e.column(),
                e
            )
        })
}

/// A JSON editor under a heading; its accessible name is the title.
#[function_component(JsonPane)]
pub fn json_pane(props: &JsonPaneProps) -> Html {
    let error = json_error(&props.text);
    let oninput = props.oninput.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    let id = format!("json-error-{}", props.title.to_lowercase());
    html! {
        <div class="json-pane">
            <div class="pane-heading">
                <h3>{ props.title.clone() }</h3>
                <CopyButton text={props.text.clone()} label={format!("Copy {}", props.title.to_lowercase())} />
            </div>
            <textarea
                class={classes!("json-input", error.is_some().then_some("has-error"))}
                aria-label={props.title.clone()}
                aria-invalid={if error.is_some() { "true" } else { "false" }}
                aria-describedby={id.clone()}
                autocomplete="off"
                spellcheck="false"
                autocapitalize="off"
                autocorrect="off"
                value={props.text.clone()}
                {oninput}
            />
            <p id={id} class="field-error" aria-live="polite">{ error.unwrap_or_default() }</p>
            { props.children.clone() }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::json_error;

    #[test]
    fn json_errors_name_line_and_column() {
        let error = json_error("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap();
        assert!(
            error.starts_with("Invalid JSON at line 3, column 7"),
            "{error}"
        );
        assert_eq!(json_error("{\"a\": [1, 2]}"), None);
        assert_eq!(json_error("  "), None);
    }
}
