//! Duplicate member names in JSON text.
//!
//! `serde_json` keeps the last of two members with the same name, while other parsers keep the
//! first or refuse: a header `{"alg":"none","alg":"RS256"}` can show one algorithm in this page
//! and mean the other to a server. RFC 7515 §5.2 and RFC 7519 §4 let a verifier reject such
//! JSON, and this page does. Names are compared after unescaping, so `"a\u006cg"` duplicates
//! `"alg"`.

use std::collections::HashSet;

use super::json_text::{Piece, lex};

/// At most this many duplicates are reported: hostile JSON must not flood the page.
const MAX_REPORTED: usize = 16;

/// An object or array being walked, at `path`.
enum Frame {
    /// An object: the names seen so far, and the name of the member being read.
    Object {
        path: String,
        seen: HashSet<String>,
        member: String,
    },
    /// An array: the index of the element being read.
    Array { path: String, index: usize },
}

/// The path of the value that starts now, inside `frames`' innermost object or array.
fn child_path(frames: &[Frame]) -> String {
    match frames.last() {
        None => String::new(),
        Some(Frame::Object { path, member, .. }) if path.is_empty() => member.clone(),
        Some(Frame::Object { path, member, .. }) => format!("{path}.{member}"),
        Some(Frame::Array { path, index }) => format!("{path}[{index}]"),
    }
}

/// The member names that occur more than once in one object of `json`, as dotted paths from the
/// top (`"alg"`, `"address.street"`, `"list[2].a"`), in document order, each at most once.
/// Text that is not valid JSON has none (its parse error is reported elsewhere).
pub fn duplicate_members(json: &str) -> Vec<String> {
    if serde_json::from_str::<serde::de::IgnoredAny>(json).is_err() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    for (kind, text) in lex(json) {
        match (kind, text) {
            (Piece::Punct, "{") => frames.push(Frame::Object {
                path: child_path(&frames),
                seen: HashSet::new(),
                member: String::new(),
            }),
            (Piece::Punct, "[") => frames.push(Frame::Array {
                path: child_path(&frames),
                index: 0,
            }),
            (Piece::Punct, "}" | "]") => {
                frames.pop();
            }
            (Piece::Punct, ",") => {
                if let Some(Frame::Array { index, .. }) = frames.last_mut() {
                    *index += 1;
                }
            }
            (Piece::Key, quoted) => {
                // Names are compared unescaped: "a\u006cg" is "alg".
                let name =
                    serde_json::from_str::<String>(quoted).unwrap_or_else(|_| quoted.to_owned());
                if let Some(Frame::Object { seen, member, .. }) = frames.last_mut() {
                    member.clone_from(&name);
                    let repeated = !seen.insert(name);
                    let path = child_path(&frames);
                    if repeated && found.len() < MAX_REPORTED && !found.contains(&path) {
                        found.push(path);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::duplicate_members;

    #[test]
    fn finds_duplicates_at_every_depth_after_unescaping() {
        assert_eq!(
            duplicate_members(r#"{"alg":"none","alg":"RS256"}"#),
            ["alg"]
        );
        assert_eq!(duplicate_members(r#"{"a\u006cg":1,"alg":2}"#), ["alg"]);
        assert_eq!(
            duplicate_members(r#"{"a":{"b":1,"b":2},"l":[{"c":1,"c":1}],"a":0}"#),
            ["a.b", "l[0].c", "a"]
        );
        // Three of a name is one duplicate.
        assert_eq!(duplicate_members(r#"{"x":1,"x":2,"x":3}"#), ["x"]);
    }

    #[test]
    fn nothing_for_distinct_names_or_invalid_json() {
        assert!(duplicate_members(r#"{"a":1,"b":{"a":2},"c":[1,"a",null,true,1.5]}"#).is_empty());
        assert!(duplicate_members("[1, 2]").is_empty());
        assert!(duplicate_members("not json").is_empty());
        assert!(duplicate_members(r#"{"a":1,"a":2,"b":"#).is_empty());
    }

    #[test]
    fn the_report_is_bounded() {
        let many: String = (0..100)
            .map(|i| format!("\"k{i}\":1,\"k{i}\":2,"))
            .collect();
        let json = format!("{{{many}\"end\":0}}");
        assert_eq!(duplicate_members(&json).len(), 16);
    }
}
