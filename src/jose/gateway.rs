//! The API gateway preset (e.g. Axway Amplify Central): the header and claims a gateway that
//! validates JWTs by Application ID and Key ID expects, and the curl line to call the API.

use serde_json::{Map, Value, json};

/// Default token lifetime: ten minutes, long enough to try an API, short enough to be harmless.
pub const DEFAULT_LIFETIME_SECS: i64 = 600;

/// Below this, a token tends to expire before anyone can paste it.
pub const SHORT_LIFETIME_SECS: i64 = 60;

/// The preset's header members: `typ: "JWT"`, `alg: "RS256"`, `kid`, in that order.
pub fn header_members(kid: &str) -> Map<String, Value> {
    let mut header = Map::new();
    header.insert("typ".into(), json!("JWT"));
    header.insert("alg".into(), json!("RS256"));
    header.insert("kid".into(), json!(kid));
    header
}

/// The preset's claims: `iss = sub = aud = app_id`, `iat = now`, `exp = now + lifetime`.
pub fn claims(app_id: &str, now: i64, lifetime: i64) -> Map<String, Value> {
    let mut claims = Map::new();
    for name in ["iss", "sub", "aud"] {
        claims.insert(name.into(), json!(app_id));
    }
    claims.insert("iat".into(), json!(now));
    claims.insert("exp".into(), json!(now.saturating_add(lifetime)));
    claims
}

/// [`header_members`], pretty-printed for the page's Header editor.
pub fn preset_header(kid: &str) -> String {
    pretty(header_members(kid))
}

/// [`claims`], pretty-printed for the page's Payload editor.
pub fn preset_payload(app_id: &str, now: i64, lifetime: i64) -> String {
    pretty(claims(app_id, now, lifetime))
}

fn pretty(map: Map<String, Value>) -> String {
    serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_default()
}

/// A warning about the lifetime, if it is too short to be useful or not positive.
pub fn lifetime_warning(lifetime: i64) -> Option<String> {
    if lifetime <= 0 {
        Some("The lifetime must be positive: the token would be expired when made.".into())
    } else if lifetime < SHORT_LIFETIME_SECS {
        Some(format!(
            "A {lifetime}-second token expires before most people can paste it into a request; 600 (10 min) is a common choice."
        ))
    } else {
        None
    }
}
/// The URL a curl line uses when the user has not typed one.
pub const DEFAULT_API_URL: &str = "https://api.example.com/resource";

/// Why no curl line can be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CurlError {
    /// There is no decodable token to put in the line.
    #[error("there is no token to send yet")]
    NoToken,
    /// The token has characters other than base64url and dots (a compact JWS has none).
    #[error(
        "the token has characters other than base64url and dots, so it is not put in a command"
    )]
    TokenNotCompact,
    /// The URL is not an http(s) URL.
    #[error("the API URL must start with https:// or http://")]
    UrlNotHttp,
    /// The URL has whitespace or control characters (a line break would end the command).
    #[error("the API URL must not contain spaces, line breaks or control characters")]
    UrlHasControlChars,
}

/// `curl -H 'Authorization: Bearer <token>' '<url>'`, for a POSIX shell.
///
/// The token is the decoded, cleaned compact token (never the box's raw text): only base64url
/// characters and dots are allowed, so a share link cannot smuggle `$(...)` into the line.
/// Every argument is single-quoted (a `'` in the URL becomes `'\''`), and the URL must be an
/// http(s) URL on one line, so curl cannot take it for an option either.
pub fn curl_command(compact: &str, url: &str) -> Result<String, CurlError> {
    if compact.is_empty() {
        return Err(CurlError::NoToken);
    }
    if !compact
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(CurlError::TokenNotCompact);
    }
    let url = match url.trim() {
        "" => DEFAULT_API_URL,
        url => url,
    };
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(CurlError::UrlHasControlChars);
    }
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(CurlError::UrlNotHttp);
    }
    Ok(format!(
        "curl -H {} {}",
        shell_quote(&format!("Authorization: Bearer {compact}")),
        shell_quote(url)
    ))
}

/// One POSIX shell word that stands for exactly `text`.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_claims_are_what_the_gateway_expects() {
        let header: Value = serde_json::from_str(&preset_header("kid-1")).unwrap();
        assert_eq!(
            header,
            json!({"typ": "JWT", "alg": "RS256", "kid": "kid-1"})
        );
        assert!(preset_header("k").find("typ") < preset_header("k").find("alg"));
        let claims: Value =
            serde_json::from_str(&preset_payload("app-42", 1_700_000_000, 600)).unwrap();
        assert_eq!(
            claims,
            json!({"iss": "app-42", "sub": "app-42", "aud": "app-42", "iat": 1_700_000_000, "exp": 1_700_000_600})
        );
    }

    #[test]
    fn short_lifetimes_warn() {
        assert!(lifetime_warning(1).unwrap().contains("1-second"));
        assert!(lifetime_warning(0).is_some());
        assert_eq!(lifetime_warning(60), None);
        assert_eq!(lifetime_warning(DEFAULT_LIFETIME_SECS), None);
    }

    #[test]
    fn curl_single_quotes_every_argument() {
        assert_eq!(
            curl_command("t.o.k", "https://h/p?q='x'").unwrap(),
            r#"curl -H 'Authorization: Bearer t.o.k' 'https://h/p?q='\''x'\'''"#
        );
        assert_eq!(
            curl_command("a-b_c.d.e", "").unwrap(),
            "curl -H 'Authorization: Bearer a-b_c.d.e' 'https://api.example.com/resource'"
        );
    }

    #[test]
    fn curl_refuses_what_could_run_or_be_an_option() {
        for token in [
            "$(touch x).b.c",
            "a.b.c`id`",
            "a.b.c\"; id; \"",
            "a.b.c d",
            "a.b+c/d=",
        ] {
            assert_eq!(
                curl_command(token, ""),
                Err(CurlError::TokenNotCompact),
                "{token}"
            );
        }
        assert_eq!(curl_command("", ""), Err(CurlError::NoToken));
        for url in ["-o/etc/passwd", "file:///etc/passwd", "ftp://h", "$(id)"] {
            assert_eq!(
                curl_command("a.b.c", url),
                Err(CurlError::UrlNotHttp),
                "{url}"
            );
        }
        for url in ["https://h/\nrm -rf ~", "https://h/ x", "https://h/\u{7}"] {
            assert_eq!(
                curl_command("a.b.c", url),
                Err(CurlError::UrlHasControlChars),
                "{url:?}"
            );
        }
    }
}
