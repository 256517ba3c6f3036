//! The rules of a DPoP proof (RFC 9449 section 4.3): the public key in its `jwk` header
//! verifies it (`dpop-jwk`), `htm` and `htu` are the request's, and `ath` is the hash of the
//! access token sent with it. Its `typ`, `jti` and `iat` are the policy's own members (the
//! preset fills them); its age is a time rule (`times.rs`).

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::evaluate::{quoted, shown, string_rule};
use super::{DpopRules, RuleOutcome, SignatureFacts};
use crate::jose::keys::{self, KeyCandidate};
use crate::jose::token::DecodedToken;
use crate::jose::{JoseError, base64url, verify};

/// How long after its `iat` a proof is accepted (plus the policy's leeway): five minutes.
/// RFC 9449 section 11.1 leaves the window to the server ("a relatively short time"); five
/// minutes is what common servers allow (Keycloak, Spring Security, Okta use one to five),
/// the longest of them, so that a proof a server accepts is not refused here.
pub const DPOP_MAX_AGE_SECS: i64 = 300;

/// JWK members that only a private key has (RFC 7518 sections 6.2.2, 6.3.2; `k` is an `oct`
/// key itself; `priv` is an AKP key's seed, RFC 9964 section 4).
const PRIVATE_MEMBERS: [&str; 9] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"];

/// Why a proof's `jwk` header is not a key it may be verified with.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProofKeyError {
    /// No `jwk` header.
    #[error("the header has no jwk: a DPoP proof carries its public key there")]
    Missing,
    /// A `jwk` that is not an object.
    #[error("the header's jwk is {found}, not a JSON object")]
    NotObject {
        /// The value, quoted (cut when long).
        found: String,
    },
    /// A `jwk` with private members: a leaked private key (RFC 9449 section 4.2).
    #[error(
        "the header's jwk has private key members ({members}): a proof must carry only its public key"
    )]
    PrivateMembers {
        /// The private member names found.
        members: String,
    },
    /// A symmetric key: a proof is signed with an asymmetric key (RFC 9449 section 4.2).
    #[error(
        "the header's jwk is a symmetric (oct) key: a DPoP proof is signed with an asymmetric key"
    )]
    Symmetric,
    /// The core cannot read the JWK.
    #[error("the header's jwk cannot be read: {0}")]
    Unreadable(JoseError),
}

/// The public key a DPoP proof carries in its `jwk` header, read by the core's JWK import:
/// refused when absent, private or symmetric. The command line verifies a proof with it when
/// no key is given. (It parses a key text: call it once per token, not per clock tick.)
pub fn proof_key(token: &DecodedToken) -> Result<KeyCandidate, ProofKeyError> {
    let jwk = token.header.get("jwk").ok_or(ProofKeyError::Missing)?;
    let Value::Object(members) = jwk else {
        return Err(ProofKeyError::NotObject { found: shown(jwk) });
    };
    let private: Vec<&str> = PRIVATE_MEMBERS
        .into_iter()
        .filter(|m| members.contains_key(*m))
        .collect();
    if members.get("kty").and_then(Value::as_str) == Some("oct") {
        return Err(ProofKeyError::Symmetric);
    }
    if !private.is_empty() {
        return Err(ProofKeyError::PrivateMembers {
            members: private.join(", "),
        });
    }
    let mut candidates =
        keys::parse_public_keys(&jwk.to_string()).map_err(ProofKeyError::Unreadable)?;
    match candidates.pop() {
        Some(candidate) => Ok(KeyCandidate {
            source: "the proof's jwk header",
            ..candidate
        }),
        None => Err(ProofKeyError::Unreadable(JoseError::NoKeys)),
    }
}

/// What a server that takes DPoP proofs finds about `token`'s signature: it verifies a proof
/// with the proof's own `jwk` header, whatever key a user typed elsewhere (the page judges a
/// proof with this, as the command line does when no key is given).
pub fn proof_facts(token: &DecodedToken) -> SignatureFacts {
    let verdict = proof_key(token)
        .map_err(|e| e.to_string())
        .and_then(|c| verify::verify_token(token, &c.key).map_err(|e| e.to_string()));
    match verdict {
        Ok(()) => SignatureFacts {
            verified: true,
            detail: "Signature verified with the proof's jwk header".to_owned(),
            key_kid: None,
        },
        Err(why) => SignatureFacts {
            verified: false,
            detail: format!("Invalid signature: {why}"),
            key_kid: None,
        },
    }
}

/// `base64url(SHA-256(access token))`: the `ath` a proof sent with that token must carry
/// (RFC 9449 section 4.2).
pub fn access_token_hash(access_token: &str) -> String {
    base64url::encode(&Sha256::digest(access_token.as_bytes()))
}

/// The DPoP rules a policy states, in order: `dpop-jwk` always, `htm`, `htu` and `ath` when
/// the policy gives the method, the URI and the access token.
pub(super) fn rules(
    dpop: &DpopRules,
    token: &DecodedToken,
    claims: &Map<String, Value>,
) -> Vec<RuleOutcome> {
    let mut rules = vec![jwk_rule(token)];
    if let Some(htm) = &dpop.htm {
        rules.push(string_rule("htm", claims.get("htm"), htm));
    }
    if let Some(htu) = &dpop.htu {
        rules.push(htu_rule(claims.get("htu"), htu));
    }
    if let Some(access_token) = &dpop.access_token {
        rules.push(ath_rule(claims.get("ath"), access_token));
    }
    rules
}

/// The header's public `jwk` must verify the proof (strictly, as a server would).
fn jwk_rule(token: &DecodedToken) -> RuleOutcome {
    let candidate = match proof_key(token) {
        Ok(candidate) => candidate,
        Err(e) => return RuleOutcome::new("dpop-jwk", false, e.to_string()),
    };
    let key = format!(
        "{} (thumbprint {})",
        candidate.key.describe(),
        candidate.key.thumbprint()
    );
    match verify::verify_token(token, &candidate.key) {
        Ok(()) => RuleOutcome::new(
            "dpop-jwk",
            true,
            format!("the header's jwk, {key}, verifies the proof"),
        ),
        Err(e) => RuleOutcome::new(
            "dpop-jwk",
            false,
            format!("the header's jwk, {key}, does not verify the proof: {e}"),
        ),
    }
}

/// `htu` must be the request's URI, both [`normalize_htu`]d.
fn htu_rule(found: Option<&Value>, expected: &str) -> RuleOutcome {
    let how = "compared without query and fragment, scheme and host case-insensitive, default port omitted";
    let want = normalize_htu(expected).unwrap_or_else(|| expected.to_owned());
    match found {
        Some(Value::String(htu)) => match normalize_htu(htu) {
            Some(normal) if normal == want => RuleOutcome::new(
                "htu",
                true,
                format!("htu is {}, the request's URI ({how})", quoted(htu)),
            ),
            Some(_) => RuleOutcome::new(
                "htu",
                false,
                format!("htu is {}; expected {} ({how})", quoted(htu), quoted(&want)),
            ),
            None => RuleOutcome::new(
                "htu",
                false,
                format!("htu is {}, not an absolute http(s) URI", quoted(htu)),
            ),
        },
        Some(other) => RuleOutcome::new(
            "htu",
            false,
            format!(
                "htu is {}, not a string; expected {}",
                shown(other),
                quoted(&want)
            ),
        ),
        None => RuleOutcome::new(
            "htu",
            false,
            format!("htu is missing; expected {}", quoted(&want)),
        ),
    }
}

/// `ath` must be the access token's hash ([`access_token_hash`]). Only hashes are shown: the
/// access token is a credential.
fn ath_rule(found: Option<&Value>, access_token: &str) -> RuleOutcome {
    let want = access_token_hash(access_token);
    match found {
        Some(Value::String(ath)) if *ath == want => RuleOutcome::new(
            "ath",
            true,
            format!("ath is {}, the SHA-256 of the access token", quoted(ath)),
        ),
        Some(other) => RuleOutcome::new(
            "ath",
            false,
            format!(
                "ath is {}; the SHA-256 of the access token is {}",
                shown(other),
                quoted(&want)
            ),
        ),
        None => RuleOutcome::new(
            "ath",
            false,
            format!(
                "ath is missing; a proof sent with an access token carries its SHA-256, {}",
                quoted(&want)
            ),
        ),
    }
}

/// An `htu` as RFC 9449 section 4.3 compares it (RFC 3986 sections 6.2.2 and 6.2.3): without
/// query and fragment, the scheme and host lowercased, the default port (80, 443) and an empty
/// port dropped, an empty path as `/`, percent-encodings in upper case with unreserved
/// characters decoded, and `.`/`..` segments removed. `None` when it is not an absolute
/// http(s) URI with a host (or has spaces or control characters, a port that is not digits, or
/// a `%` that starts no escape).
pub fn normalize_htu(uri: &str) -> Option<String> {
    if uri.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let uri = uri.split(['#', '?']).next().unwrap_or_default();
    let (scheme, rest) = uri.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => ":443",
        "http" => ":80",
        _ => return None,
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((user, host)) => (format!("{user}@"), host),
        None => (String::new(), authority),
    };
    let host = host_port.to_ascii_lowercase();
    // A port is what follows the last ':' outside an IPv6 literal's brackets: digits only.
    let (name, port) = match host.rfind(':') {
        Some(i) if !host[i..].contains(']') => (&host[..i], Some(&host[i + 1..])),
        _ => (host.as_str(), None),
    };
    if port.is_some_and(|p| !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    // Only an IPv6 literal (in brackets) holds a ':'; an empty host is no host.
    let bracketed = name.starts_with('[') && name.ends_with(']');
    if name.is_empty() || (name.contains(':') && !bracketed) {
        return None;
    }
    let host = match port {
        Some(p) if !p.is_empty() && format!(":{p}") != default_port => format!("{name}:{p}"),
        _ => name.to_owned(),
    };
    Some(format!(
        "{scheme}://{userinfo}{host}{}",
        remove_dot_segments(&normalize_percent(path)?)
    ))
}

/// Percent-encodings in upper case, and those of unreserved characters (RFC 3986 section 2.3)
/// decoded. `None` for a `%` that starts no escape: not a URI (and decoding around it could
/// make a new escape, so the normalization would not be its own normalization).
fn normalize_percent(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        let escape = bytes
            .get(i + 1..i + 3)
            .filter(|hex| bytes.get(i) == Some(&b'%') && hex.iter().all(u8::is_ascii_hexdigit))
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escape {
            Some(b) if b.is_ascii_alphanumeric() || b"-._~".contains(&b) => {
                out.push(char::from(b));
                i += 3;
            }
            Some(b) => {
                out.push_str(&format!("%{b:02X}"));
                i += 3;
            }
            None => {
                // `i` is always at a character boundary: escapes are three ASCII bytes.
                let Some(c) = path.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                if c == '%' {
                    return None;
                }
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    Some(out)
}

/// RFC 3986 section 5.2.4 for an absolute path (empty: `/`).
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    out.pop();
                }
                // A final dot segment leaves a trailing slash ("/a/b/.." is "/a/").
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}
