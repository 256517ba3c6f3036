//! JSON Pointers (RFC 6901) naming claims: where a disclosure was placed, and which claims to
//! make disclosable when issuing.

/// `path` extended by one member name or array index, escaped (`~` as `~0`, `/` as `~1`).
pub fn child(path: &str, segment: &str) -> String {
    format!("{path}/{}", segment.replace('~', "~0").replace('/', "~1"))
}

/// The unescaped segments of a pointer; `None` unless it starts with `/` (the whole document,
/// `""`, names no claim) or when it has an escape other than `~0` and `~1`.
pub fn segments(pointer: &str) -> Option<Vec<String>> {
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').map(unescape).collect()
}

/// An array index as RFC 6901 writes one: decimal digits without a leading zero.
pub fn array_index(segment: &str) -> Option<usize> {
    let canonical = segment == "0" || !segment.starts_with('0');
    let digits = !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit());
    if canonical && digits {
        segment.parse().ok()
    } else {
        None
    }
}

fn unescape(segment: &str) -> Option<String> {
    let mut out = String::with_capacity(segment.len());
    let mut chars = segment.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('0') => out.push('~'),
            Some('1') => out.push('/'),
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let path = child(&child("", "a/b"), "c~d");
        assert_eq!(path, "/a~1b/c~0d");
        assert_eq!(segments(&path).unwrap(), ["a/b", "c~d"]);
        assert_eq!(segments("/x/0").unwrap(), ["x", "0"]);
    }

    #[test]
    fn malformed_pointers() {
        assert_eq!(segments(""), None);
        assert_eq!(segments("given_name"), None);
        assert_eq!(segments("/a~2"), None);
        assert_eq!(segments("/a~"), None);
    }

    #[test]
    fn array_indexes() {
        assert_eq!(array_index("0"), Some(0));
        assert_eq!(array_index("12"), Some(12));
        assert_eq!(array_index("01"), None);
        assert_eq!(array_index("-1"), None);
        assert_eq!(array_index(""), None);
    }
}
