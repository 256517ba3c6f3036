//! JSON text as written: one lexer that splits it into pieces (member names, strings, numbers,
//! literals, punctuation), for the page's colouring, for pretty-printing with two-space
//! indentation, and for finding duplicate member names.
//!
//! Everything works on the text's own tokens, so nothing but whitespace ever changes: member
//! order, number spelling (`1.50`, `1e3`) and string escapes (`\u00e9`) stay exactly as encoded,
//! which re-serialising a parsed value would not guarantee. The lexer never fails: whether the
//! text is valid JSON is decided by `serde_json`, and text that is not JSON is still split piece
//! by piece (for colouring while the user types).

/// What a piece of JSON text is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// A string used as a member name.
    Key,
    /// A string value.
    String,
    /// A number.
    Number,
    /// `true`, `false`.
    Bool,
    /// `null`.
    Null,
    /// `{ } [ ] : ,`.
    Punct,
    /// Whitespace, or anything the lexer does not recognise.
    Plain,
}

impl Piece {
    /// The CSS class of this kind of piece.
    pub fn class(self) -> &'static str {
        match self {
            Piece::Key => "json-key",
            Piece::String => "json-string",
            Piece::Number => "json-number",
            Piece::Bool => "json-bool",
            Piece::Null => "json-null",
            Piece::Punct => "json-punct",
            Piece::Plain => "json-plain",
        }
    }
}

/// The text split into pieces that concatenate back to exactly `text`, each with its kind.
pub fn lex(text: &str) -> Vec<(Piece, &str)> {
    let mut out: Vec<(Piece, &str)> = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let (kind, len) = match first {
            '"' => (Piece::String, string_len(rest)),
            '{' | '}' | '[' | ']' | ':' | ',' => (Piece::Punct, 1),
            '-' | '0'..='9' => (Piece::Number, number_len(rest)),
            c if c.is_whitespace() => (Piece::Plain, run_len(rest, char::is_whitespace)),
            c if c.is_ascii_alphabetic() => {
                let len = run_len(rest, |c| c.is_ascii_alphanumeric());
                let kind = match rest.get(..len) {
                    Some("true" | "false") => Piece::Bool,
                    Some("null") => Piece::Null,
                    _ => Piece::Plain,
                };
                (kind, len)
            }
            c => (Piece::Plain, c.len_utf8()),
        };
        // Every length above ends on a character boundary; the fallback keeps it total anyway.
        let Some((piece, after)) = rest.split_at_checked(len.max(first.len_utf8())) else {
            out.push((Piece::Plain, rest));
            break;
        };
        out.push((kind, piece));
        rest = after;
    }
    mark_keys(&mut out);
    out
}

/// A string followed (after whitespace) by `:` is a member name.
fn mark_keys(pieces: &mut [(Piece, &str)]) {
    let mut next_significant: Option<&str> = None;
    for (kind, text) in pieces.iter_mut().rev() {
        if *kind == Piece::String && next_significant == Some(":") {
            *kind = Piece::Key;
        }
        if !(*kind == Piece::Plain && text.trim().is_empty()) {
            next_significant = Some(text);
        }
    }
}

/// The byte length of the string starting at `text` (which starts with `"`), through its
/// closing quote, or to the end of the line when it is not closed.
fn string_len(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i + 1,
            '\n' => return i,
            _ => {}
        }
    }
    text.len()
}

/// The byte length of the number-like run starting at `text`.
fn number_len(text: &str) -> usize {
    run_len(text, |c| {
        c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')
    })
}

/// The byte length of the leading run of characters matching `accept`.
fn run_len(text: &str, accept: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .find(|(_, c)| !accept(*c))
        .map_or(text.len(), |(i, _)| i)
}

/// `json` re-indented with two spaces, one member or element a line, `": "` after names, and
/// empty objects and arrays kept as `{}` and `[]`; every other character exactly as written.
/// `None` when the text is not JSON (then it is shown as it is).
pub fn pretty(json: &str) -> Option<String> {
    serde_json::from_str::<serde::de::IgnoredAny>(json).ok()?;
    let tokens: Vec<(Piece, &str)> = lex(json)
        .into_iter()
        .filter(|(kind, text)| !(*kind == Piece::Plain && text.trim().is_empty()))
        .collect();
    let mut out = String::with_capacity(json.len() * 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    for (i, (_, text)) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1).map(|(_, t)| *t);
        match *text {
            "{" | "[" => {
                out.push_str(text);
                let empty = matches!((*text, next), ("{", Some("}")) | ("[", Some("]")));
                if !empty {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            "}" | "]" => {
                let previous = i
                    .checked_sub(1)
                    .and_then(|p| tokens.get(p))
                    .map(|(_, t)| *t);
                if !matches!(previous, Some("{" | "[")) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push_str(text);
            }
            "," => {
                out.push(',');
                newline(&mut out, depth);
            }
            ":" => out.push_str(": "),
            other => out.push_str(other),
        }
    }
    Some(out)
}

/// What kind of JSON value `value` is, for messages: "a number", "an array"…
pub fn json_type(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_keeps_everything_but_whitespace() {
        assert_eq!(
            pretty(r#"{"sub":"a","n":1.50,"s":"\u00e9","e":1e3}"#).unwrap(),
            "{\n  \"sub\": \"a\",\n  \"n\": 1.50,\n  \"s\": \"\\u00e9\",\n  \"e\": 1e3\n}"
        );
        assert_eq!(
            pretty(r#"{"a":[1,{"b":null}],"c":{},"d":[],"e":"x:,{}[]\"y"}"#).unwrap(),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {},\n  \"d\": [],\n  \"e\": \"x:,{}[]\\\"y\"\n}"
        );
        assert_eq!(pretty(" true ").unwrap(), "true");
        assert_eq!(pretty("not json"), None);
        assert_eq!(pretty(r#"{"a":1"#), None);
        // Already pretty text comes back unchanged.
        let once = pretty(r#"{"z":[true,false],"a":"é"}"#).unwrap();
        assert_eq!(pretty(&once).unwrap(), once);
    }

    #[test]
    fn pieces_cover_the_text_and_tell_names_from_values() {
        let text = "{\"alg\": \"HS256\", \"n\": -1.5e3, \"ok\": true, \"x\": null}";
        let parts = lex(text);
        assert_eq!(parts.iter().map(|(_, t)| *t).collect::<String>(), text);
        let kind_of = |s: &str| parts.iter().find(|(_, t)| *t == s).map(|(k, _)| *k);
        assert_eq!(kind_of("\"alg\""), Some(Piece::Key));
        assert_eq!(kind_of("\"HS256\""), Some(Piece::String));
        assert_eq!(kind_of("-1.5e3"), Some(Piece::Number));
        assert_eq!(kind_of("true"), Some(Piece::Bool));
        assert_eq!(kind_of("null"), Some(Piece::Null));
        assert_eq!(kind_of(":"), Some(Piece::Punct));
    }

    #[test]
    fn broken_and_hostile_text_is_still_covered() {
        for text in [
            "{\"a\": \"unterminated\n}",
            "\"\\",
            "{é: ü, 'x'}",
            "\u{0}\u{7f}",
            "",
        ] {
            let parts = lex(text);
            assert_eq!(parts.iter().map(|(_, t)| *t).collect::<String>(), text);
        }
    }
}
