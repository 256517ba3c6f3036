//! The API gateway preset (e.g. Axway Amplify Central): the header and claims a gateway that
//! validates JWTs by Application ID and Key ID expects, and the curl line to call the API.

use serde_json::{Map, Value, json};

/// Default token lifetime: ten minutes, long enough to try an API, short enough to be harmless.
pub const DEFAULT_LIFETIME_SECS: i64 = 600;

/// Below this, a token tends to expire before anyone can paste it.
pub const SHORT_LIFETIME_SECS: i64 = 60;

/// `{"typ":"JWT","alg":"RS256","kid":<kid>}`, pretty-printed, members in that order.
pub fn preset_header(kid: &str) -> String {
    let mut header = Map::new();
    header.insert("typ".into(), json!("JWT"));
    header.insert("alg".into(), json!("RS256"));
    header.insert("kid".into(), json!(kid));
    pretty(header)
}

/// `iss = sub = aud = app_id`, `iat = now`, `exp = now + lifetime`, pretty-printed.
pub fn preset_payload(app_id: &str, now: i64, lifetime: i64) -> String {
    let mut claims = Map::new();
    for name in ["iss", "sub", "aud"] {
        claims.insert(name.into(), json!(app_id));
    }
    claims.insert("iat".into(), json!(now));
    claims.insert("exp".into(), json!(now.saturating_add(lifetime)));
    pretty(claims)
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

/// `curl -H "Authorization: Bearer <token>" '<url>'`, with the URL quoted for a POSIX shell.
pub fn curl_command(token: &str, url: &str) -> String {
    let url = if url.trim().is_empty() {
        "https://api.example.com/resource"
    } else {
        url.trim()
    };
    let quoted = format!("'{}'", url.replace('\'', r"'\''"));
    format!(
        "curl -H \"Authorization: Bearer {}\" {quoted}",
        token.trim()
    )
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
    fn curl_quotes_the_url() {
        assert_eq!(
            curl_command(" t.o.k ", "https://h/p?q='x'"),
            r#"curl -H "Authorization: Bearer t.o.k" 'https://h/p?q='\''x'\'''"#
        );
    }
}
