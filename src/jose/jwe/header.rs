//! Reading the JWE protected header: `alg`, `enc`, `zip`, `crit`, and the per-algorithm
//! parameters (`p2s`/`p2c`, `iv`/`tag`, `epk`). Everything here is checked before any key is
//! touched, so malformed or hostile headers (a huge `p2c`) cost nothing.

use serde_json::{Map, Value};

use super::alg::{ContentEncryption, KeyManagement};
use super::error::JweError;
use super::wrap::MAX_PBES2_ITERATIONS;
use crate::jose::base64url;

/// The algorithms and options a header asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Params {
    pub alg: KeyManagement,
    pub enc: ContentEncryption,
    /// `zip: "DEF"`.
    pub zip: bool,
}

/// The header parameters RFC 7516 section 4.1 and RFC 7518 section 4 define for JWE: `crit`
/// must not list them (RFC 7516 section 4.1.13).
const REGISTERED: &[&str] = &[
    "alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty",
    "crit", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// `alg`, `enc`, `zip` and `crit`, and for PBES2 the iteration limit, which is checked here so
/// that a hostile count is refused before any other work.
pub(super) fn read(header: &Map<String, Value>) -> Result<Params, JweError> {
    let alg = KeyManagement::from_name(required_str(header, "alg")?)?;
    // When encrypting, `p2c` may be left for the sender to choose; when decrypting, its
    // absence is reported once the key management reads it.
    if let KeyManagement::Pbes2(_) = alg
        && header.contains_key("p2c")
    {
        pbes2_count(header)?;
    }
    let enc = ContentEncryption::from_name(required_str(header, "enc")?)?;
    let zip = match header.get("zip") {
        None => false,
        Some(Value::String(zip)) if zip == "DEF" => true,
        Some(Value::String(other)) => return Err(JweError::UnsupportedZip(other.clone())),
        Some(_) => return Err(not_string("zip")),
    };
    check_crit(header)?;
    Ok(Params { alg, enc, zip })
}

fn required_str<'h>(
    header: &'h Map<String, Value>,
    name: &'static str,
) -> Result<&'h str, JweError> {
    match header.get(name) {
        None => Err(JweError::MissingHeader(name)),
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(not_string(name)),
    }
}

fn not_string(member: &'static str) -> JweError {
    JweError::InvalidHeader {
        member,
        reason: "expected a string".into(),
    }
}

/// `crit` (RFC 7516 section 4.1.13): a non-empty array of names of header members that are
/// present and not registered. This implementation understands no extension, so any listed
/// name means the token must be refused.
fn check_crit(header: &Map<String, Value>) -> Result<(), JweError> {
    let Some(crit) = header.get("crit") else {
        return Ok(());
    };
    let names = crit
        .as_array()
        .filter(|names| !names.is_empty())
        .ok_or_else(|| JweError::CritInvalid("expected a non-empty array of names".into()))?;
    let mut unknown = Vec::new();
    for name in names {
        let name = name
            .as_str()
            .ok_or_else(|| JweError::CritInvalid("every entry must be a string".into()))?;
        if REGISTERED.contains(&name) {
            return Err(JweError::CritInvalid(format!(
                "\"{name}\" is defined by the JWE specifications and must not be listed"
            )));
        }
        if !header.contains_key(name) {
            return Err(JweError::CritInvalid(format!(
                "\"{name}\" is listed but absent from the header"
            )));
        }
        unknown.push(format!("\"{name}\""));
    }
    Err(JweError::UnknownCritical(unknown.join(", ")))
}

/// `p2c`: a positive integer no larger than [`MAX_PBES2_ITERATIONS`].
pub(super) fn pbes2_count(header: &Map<String, Value>) -> Result<u32, JweError> {
    let value = header.get("p2c").ok_or(JweError::MissingHeader("p2c"))?;
    let count = value
        .as_u64()
        .filter(|n| *n > 0)
        .ok_or_else(|| JweError::InvalidHeader {
            member: "p2c",
            reason: format!("expected a positive integer, found {value}"),
        })?;
    u32::try_from(count)
        .ok()
        .filter(|n| *n <= MAX_PBES2_ITERATIONS)
        .ok_or(JweError::Pbes2TooManyIterations {
            p2c: count,
            max: MAX_PBES2_ITERATIONS,
        })
}

/// `p2s`: the PBES2 salt input, at least 8 bytes (RFC 7518 section 4.8.1.1).
pub(super) fn pbes2_salt(header: &Map<String, Value>) -> Result<Vec<u8>, JweError> {
    let salt = bytes_member(header, "p2s")?;
    if salt.len() < 8 {
        return Err(JweError::Pbes2SaltTooShort(salt.len()));
    }
    Ok(salt)
}

/// A required base64url header member (`iv`, `tag`, `p2s`), decoded.
pub(super) fn bytes_member(
    header: &Map<String, Value>,
    name: &'static str,
) -> Result<Vec<u8>, JweError> {
    let text = required_str(header, name)?;
    base64url::decode(text).map_err(|e| JweError::InvalidHeader {
        member: name,
        reason: format!("not base64url: {}", e.reason),
    })
}

/// A required base64url member of a fixed length (the GCM key wrap's `iv` and `tag`).
pub(super) fn sized_member(
    header: &Map<String, Value>,
    name: &'static str,
    alg: &'static str,
    expected: usize,
) -> Result<Vec<u8>, JweError> {
    let bytes = bytes_member(header, name)?;
    if bytes.len() != expected {
        return Err(JweError::WrongPartLength {
            part: if name == "iv" {
                "header \"iv\""
            } else {
                "header \"tag\""
            },
            alg,
            expected,
            found: bytes.len(),
        });
    }
    Ok(bytes)
}

/// `epk`: the ephemeral public key JWK of ECDH-ES.
pub(super) fn epk(header: &Map<String, Value>) -> Result<&Map<String, Value>, JweError> {
    match header.get("epk") {
        None => Err(JweError::MissingHeader("epk")),
        Some(Value::Object(epk)) => Ok(epk),
        Some(_) => Err(JweError::InvalidHeader {
            member: "epk",
            reason: "expected a JWK object".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn header(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn crit_is_refused_or_malformed() {
        let h = header(json!({"alg":"dir","enc":"A128GCM","crit":["exp"],"exp":1}));
        assert_eq!(read(&h), Err(JweError::UnknownCritical("\"exp\"".into())));
        let h = header(json!({"alg":"dir","enc":"A128GCM","crit":["exp"]}));
        assert!(matches!(read(&h), Err(JweError::CritInvalid(_))));
        let h = header(json!({"alg":"dir","enc":"A128GCM","crit":["enc"]}));
        assert!(matches!(read(&h), Err(JweError::CritInvalid(_))));
        let h = header(json!({"alg":"dir","enc":"A128GCM","crit":[]}));
        assert!(matches!(read(&h), Err(JweError::CritInvalid(_))));
    }

    #[test]
    fn pbes2_count_limits() {
        let h = header(json!({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":1_000_001}));
        assert_eq!(
            read(&h),
            Err(JweError::Pbes2TooManyIterations {
                p2c: 1_000_001,
                max: MAX_PBES2_ITERATIONS
            })
        );
        let h = header(json!({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":0}));
        assert!(matches!(
            read(&h),
            Err(JweError::InvalidHeader { member: "p2c", .. })
        ));
        let h = header(json!({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":999}));
        assert!(read(&h).is_ok());
    }

    #[test]
    fn zip_values() {
        let h = header(json!({"alg":"dir","enc":"A128GCM","zip":"GZIP"}));
        assert_eq!(read(&h), Err(JweError::UnsupportedZip("GZIP".into())));
        let h = header(json!({"alg":"dir","enc":"A128GCM","zip":"DEF"}));
        assert!(read(&h).unwrap().zip);
    }
}
