//! A titled JSON editor (Header or Payload): the text coloured by a backdrop behind a
//! transparent textarea (as the Encoded box is), growing with its content up to a limit, and
//! reporting JSON errors with line and column.

use yew::prelude::*;

use super::copy_button::CopyButton;
use super::overlay::{MAX_COLOURED_BYTES, end_marker, follow_scroll, text_of};
use crate::jose::json_text::{Piece, lex};

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

/// The pieces to colour, or `None` past the colouring limit (then the text is drawn plain).
fn colour_pieces(text: &str) -> Option<Vec<(Piece, &str)>> {
    (text.len() <= MAX_COLOURED_BYTES).then(|| lex(text))
}

/// The text as coloured spans (plain text past the colouring limit).
fn coloured(text: &str) -> Html {
    let body = match colour_pieces(text) {
        Some(pieces) => pieces
            .into_iter()
            .map(|(kind, piece)| html! { <span class={kind.class()}>{ piece }</span> })
            .collect::<Html>(),
        None => html! { { text } },
    };
    html! { <>{ body }{ end_marker() }</> }
}

/// Lines to show before scrolling where the browser cannot size a textarea to its content
/// (`field-sizing`): one per line of text, between 3 and 18.
pub fn rows_for(text: &str) -> usize {
    text.lines().count().clamp(3, 18)
}

/// A JSON editor under a heading; its accessible name is the title.
#[function_component(JsonPane)]
pub fn json_pane(props: &JsonPaneProps) -> Html {
    let backdrop = use_node_ref();
    let error = json_error(&props.text);
    let oninput = props.oninput.reform(text_of);
    let onscroll = follow_scroll(&backdrop);
    let id = format!("json-error-{}", props.title.to_lowercase());
    html! {
        <div class="json-pane">
            <div class="pane-heading">
                <h3>{ props.title.clone() }</h3>
                <CopyButton text={props.text.clone()} label={format!("Copy {}", props.title.to_lowercase())} />
            </div>
            <div class="code-editor">
                <div class="code-backdrop" aria-hidden="true" ref={backdrop}>{ coloured(&props.text) }</div>
                <textarea
                    class={classes!("code-input", "json-input", error.is_some().then_some("has-error"))}
                    aria-label={props.title.clone()}
                    aria-invalid={if error.is_some() { "true" } else { "false" }}
                    aria-describedby={id.clone()}
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="off"
                    autocorrect="off"
                    rows={rows_for(&props.text).to_string()}
                    value={props.text.clone()}
                    {oninput}
                    {onscroll}
                />
            </div>
            <p id={id} class="field-error" aria-live="polite">{ error.unwrap_or_default() }</p>
            { props.children.clone() }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_COLOURED_BYTES, colour_pieces, json_error, rows_for};

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

    #[test]
    fn json_past_the_limit_is_drawn_plain() {
        assert_eq!(colour_pieces(&"1".repeat(MAX_COLOURED_BYTES + 1)), None);
        assert!(colour_pieces(&"1".repeat(MAX_COLOURED_BYTES)).is_some());
    }

    #[test]
    fn boxes_fit_their_content_within_limits() {
        assert_eq!(rows_for("{}"), 3);
        assert_eq!(rows_for(&"{\n".repeat(7)), 7);
        assert_eq!(rows_for(&"x\n".repeat(500)), 18);
    }
}
