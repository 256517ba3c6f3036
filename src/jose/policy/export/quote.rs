//! String literals for the four target languages. Every value a policy holds is user input (an
//! issuer, a nonce, a claim name), so each is written as an escaped literal, never spliced into
//! code, a comment or a format string: a quote, a backslash or a newline cannot end the literal,
//! and non-ASCII characters (bidirectional controls included) are escaped so the fragment reads
//! the same in any editor.

use std::fmt::Write as _;

/// The language a literal is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lang {
    /// Python 3: `\u` takes exactly four digits, `\U` eight.
    Python,
    /// JavaScript: `\u{...}` for characters beyond the BMP.
    JavaScript,
    /// Rust: `\u{...}` for every escaped character.
    Rust,
    /// Go: like Python (`\uXXXX`, `\UXXXXXXXX`).
    Go,
}

/// `value` as a double-quoted string literal of `lang`.
pub(super) fn literal(lang: Lang, value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            _ => escape(lang, c, &mut out),
        }
    }
    out.push('"');
    out
}

/// A control or non-ASCII character as a Unicode escape. Python and Go need `\U` beyond the
/// BMP: a surrogate pair there would be two lone surrogates, not the character.
fn escape(lang: Lang, c: char, out: &mut String) {
    let code = u32::from(c);
    // Writing to a String cannot fail.
    let _ = match lang {
        Lang::Rust => write!(out, "\\u{{{code:x}}}"),
        Lang::JavaScript if code > 0xFFFF => write!(out, "\\u{{{code:x}}}"),
        Lang::Python | Lang::Go if code > 0xFFFF => write!(out, "\\U{code:08x}"),
        _ => write!(out, "\\u{code:04x}"),
    };
}

/// `values` as a list literal of `lang`: `["a", "b"]` (Python, JavaScript), `&["a", "b"]`
/// (Rust, a slice), `[]string{"a", "b"}` (Go).
pub(super) fn list<S: AsRef<str>>(lang: Lang, values: &[S]) -> String {
    let items: Vec<String> = values.iter().map(|v| literal(lang, v.as_ref())).collect();
    let items = items.join(", ");
    match lang {
        Lang::Python | Lang::JavaScript => format!("[{items}]"),
        Lang::Rust => format!("&[{items}]"),
        Lang::Go => format!("[]string{{{items}}}"),
    }
}
