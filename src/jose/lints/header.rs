//! Checks on the protected header: `alg`, `crit`, key-carrying headers, `kid`, `typ`, and the
//! repairs the decoder made to the token text.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::details::{CritProblem, KeyHeader, KidIssue};
use super::kinds::FindingKind;
use super::preview;
use crate::jose::claims::{MemberKind, header_parameter_info};
use crate::jose::error::JoseError;
use crate::jose::token::{DecodedToken, Part};

/// Quoted values are cut to this many characters.
const PREVIEW_CHARS: usize = 40;

/// A `kid` longer than this many bytes is flagged: real key ids are short.
pub(crate) const MAX_KID_LEN: usize = 256;

/// At most this many `crit` names or problems are listed, so a hostile header cannot flood
/// the panel.
const MAX_CRIT_LISTED: usize = 16;

pub(super) fn check(token: &DecodedToken, out: &mut Vec<FindingKind>) {
    check_alg(token, out);
    check_crit(&token.header, out);
    for (part, names) in [
        (Part::Header, &token.header_duplicates),
        (Part::Payload, &token.payload_duplicates),
    ] {
        if !names.is_empty() {
            out.push(FindingKind::DuplicateMember {
                part,
                names: names.clone(),
            });
        }
    }
    for header in KeyHeader::ALL {
        if token.header.contains_key(header.name()) {
            out.push(FindingKind::KeyHeaderPresent { header });
        }
    }
    if let Some(kid) = token.header.get("kid") {
        let issues = kid_issues(kid);
        if !issues.is_empty() {
            out.push(FindingKind::SuspiciousKid { issues });
        }
    }
    if let Some(typ) = token.header.get("typ") {
        match typ {
            Value::String(s) if is_jwt_typ(s) => {}
            Value::String(s) => out.push(FindingKind::UnusualTyp {
                typ: preview(s, PREVIEW_CHARS),
            }),
            other => out.push(FindingKind::UnusualTyp {
                typ: preview(&other.to_string(), PREVIEW_CHARS),
            }),
        }
    }
    let repairs: Vec<_> = token
        .diagnoses
        .iter()
        .filter(|d| d.alters_token())
        .cloned()
        .collect();
    if !repairs.is_empty() {
        out.push(FindingKind::TokenRepaired { repairs });
    }
}

/// Reads the raw `alg` string: the parsed `token.alg` is an error for `"NONE"`, which must
/// still be flagged as `none`.
fn check_alg(token: &DecodedToken, out: &mut Vec<FindingKind>) {
    match token.header.get("alg") {
        None => out.push(FindingKind::AlgMissing),
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("none") => {
            out.push(FindingKind::AlgNone {
                written: preview(s, PREVIEW_CHARS),
            });
        }
        Some(Value::String(s)) => {
            if let Err(JoseError::AlgorithmWrongCase { expected, .. }) = &token.alg
                && let Ok(canonical) = expected.parse()
            {
                out.push(FindingKind::AlgWrongCase {
                    written: preview(s, PREVIEW_CHARS),
                    canonical,
                });
            }
        }
        Some(other) => out.push(FindingKind::AlgNotString {
            found: preview(&other.to_string(), PREVIEW_CHARS),
        }),
    }
}

/// Adds the `crit` findings: present (with its names), and malformed.
fn check_crit(header: &Map<String, Value>, out: &mut Vec<FindingKind>) {
    let Some((names, problems)) = analyse_crit(header) else {
        return;
    };
    out.push(FindingKind::CritPresent { names });
    if !problems.is_empty() {
        out.push(FindingKind::CritInvalid { problems });
    }
}

/// RFC 7515 §4.1.11: `crit` is a non-empty array of distinct strings, each naming an extension
/// parameter present in the header. Returns the names listed (shortened, at most 16) and the
/// rules broken, or `None` without a `crit`. Verification ([`crate::jose::verify`]) and the
/// findings both read `crit` through this one function.
pub(crate) fn analyse_crit(header: &Map<String, Value>) -> Option<(Vec<String>, Vec<CritProblem>)> {
    let crit = header.get("crit")?;
    let mut names = Vec::new();
    let mut problems = Vec::new();
    match crit {
        Value::Array(entries) if entries.is_empty() => problems.push(CritProblem::Empty),
        Value::Array(entries) => {
            let mut seen = HashSet::new();
            for (index, entry) in entries.iter().enumerate() {
                let Value::String(name) = entry else {
                    problems.push(CritProblem::NotAString { index });
                    continue;
                };
                if names.len() < MAX_CRIT_LISTED {
                    names.push(preview(name, PREVIEW_CHARS));
                }
                let shown = preview(name, PREVIEW_CHARS);
                if !seen.insert(name.as_str()) {
                    problems.push(CritProblem::Duplicate { name: shown });
                } else if header_parameter_info(name).is_some_and(|h| h.kind == MemberKind::Header)
                {
                    problems.push(CritProblem::Registered { name: shown });
                } else if !header.contains_key(name) {
                    problems.push(CritProblem::Absent { name: shown });
                }
            }
        }
        other => problems.push(CritProblem::NotAnArray {
            found: preview(&other.to_string(), PREVIEW_CHARS),
        }),
    }
    problems.truncate(MAX_CRIT_LISTED);
    Some((names, problems))
}

/// What is suspicious about a `kid` value, in [`KidIssue`] declaration order.
fn kid_issues(kid: &Value) -> Vec<KidIssue> {
    let Value::String(kid) = kid else {
        return vec![KidIssue::NotAString {
            found: preview(&kid.to_string(), PREVIEW_CHARS),
        }];
    };
    let checks = [
        (
            kid.len() > MAX_KID_LEN,
            KidIssue::TooLong { len: kid.len() },
        ),
        (kid.contains(".."), KidIssue::DotDot),
        (kid.contains('/'), KidIssue::Slash),
        (kid.contains('\\'), KidIssue::Backslash),
        (kid.contains('\0'), KidIssue::Nul),
        (
            kid.chars().any(|c| c.is_control() && c != '\0'),
            KidIssue::ControlChar,
        ),
        (kid.contains('\''), KidIssue::SingleQuote),
        (kid.contains('"'), KidIssue::DoubleQuote),
        (kid.contains(';'), KidIssue::Semicolon),
        (
            kid.contains("--") || kid.contains("/*"),
            KidIssue::SqlComment,
        ),
        (
            kid.contains(['|', '`', '&']) || kid.contains("$("),
            KidIssue::ShellChars,
        ),
    ];
    checks
        .into_iter()
        .filter_map(|(hit, issue)| hit.then_some(issue))
        .collect()
}

/// `JWT` or `at+jwt` (RFC 9068), case-insensitively and with or without the `application/`
/// prefix, as media types allow (RFC 7515 §4.1.9).
fn is_jwt_typ(typ: &str) -> bool {
    let bare = match typ.get(..12) {
        Some(prefix) if prefix.eq_ignore_ascii_case("application/") => typ.get(12..).unwrap_or(""),
        _ => typ,
    };
    bare.eq_ignore_ascii_case("JWT") || bare.eq_ignore_ascii_case("at+jwt")
}
