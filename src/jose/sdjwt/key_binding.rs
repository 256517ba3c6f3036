//! The Key Binding JWT (RFC 9901 section 4.3): the holder's signature over the presentation,
//! with the key the issuer put in `cnf.jwk`. [`verify_key_binding`] checks one as a verifier
//! does (section 7.3 step 5); [`bind`] makes one.

use rand_core::CryptoRng;
use serde_json::{Map, Value, json};

use super::{KbError, SdJwt, SdJwtError};
use crate::jose::claims::numeric_date;
use crate::jose::keys::{self, PrivateKey, PublicKey};
use crate::jose::token::DecodedToken;
use crate::jose::{Algorithm, JoseError, sign, verify};

/// The KB-JWT's `typ` (section 4.3).
pub const KB_TYP: &str = "kb+jwt";

/// How old a KB-JWT may be by default: five minutes, as for other proofs of possession
/// (RFC 9901 leaves the window to the verifier).
pub const DEFAULT_KB_MAX_AGE_SECS: i64 = 300;

/// How far in the future a KB-JWT's `iat` may be by default, for clock skew.
pub const DEFAULT_KB_LEEWAY_SECS: i64 = 60;

/// What the verifier expects of a KB-JWT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KbExpectations {
    /// The verifier's audience; `None` reports the KB-JWT's without checking it.
    pub aud: Option<String>,
    /// The nonce the verifier gave; `None` reports the KB-JWT's without checking it.
    pub nonce: Option<String>,
    /// The time of verification, in seconds since the epoch.
    pub at: i64,
    /// The oldest `iat` accepted, in seconds before `at`.
    pub max_age_secs: i64,
    /// Clock skew allowed, in seconds, both ways.
    pub leeway_secs: i64,
}

impl KbExpectations {
    /// No expected audience or nonce, the default window, at time `at`.
    pub fn at(at: i64) -> KbExpectations {
        KbExpectations {
            aud: None,
            nonce: None,
            at,
            max_age_secs: DEFAULT_KB_MAX_AGE_SECS,
            leeway_secs: DEFAULT_KB_LEEWAY_SECS,
        }
    }
}

/// What a valid KB-JWT says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KbDetail {
    /// The holder key (`cnf.jwk`), described, with its RFC 7638 thumbprint.
    pub key: String,
    /// The KB-JWT's `alg`.
    pub alg: String,
    /// Its `iat`.
    pub iat: i64,
    /// Seconds from `iat` to the time of verification (negative within the leeway).
    pub age_secs: i64,
    /// Its `nonce`.
    pub nonce: String,
    /// Whether `nonce` was compared with an expected one.
    pub nonce_checked: bool,
    /// Its `aud`.
    pub aud: String,
    /// Whether `aud` was compared with an expected one.
    pub aud_checked: bool,
    /// Its `sd_hash`, which matches the presentation.
    pub sd_hash: String,
}

/// The state of an SD-JWT's Key Binding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyBindingStatus {
    /// No KB-JWT: the text ends with `~`. (Whether one is required is the verifier's policy,
    /// never decided by its presence, section 7.3.)
    None,
    /// The KB-JWT is valid.
    Verified(KbDetail),
    /// The KB-JWT is not valid.
    Invalid(KbError),
}

/// Checks `sd`'s KB-JWT (section 7.3 step 5): `typ` `kb+jwt`, a signature by the key in the
/// Issuer-signed JWT's top-level `cnf.jwk`, `iat` in the window, `nonce` and `aud` (compared
/// when expected), and `sd_hash` over the presentation without the KB-JWT.
pub fn verify_key_binding(sd: &SdJwt, expected: &KbExpectations) -> KeyBindingStatus {
    match &sd.key_binding {
        None => KeyBindingStatus::None,
        Some(kb) => match check(sd, kb, expected) {
            Ok(detail) => KeyBindingStatus::Verified(detail),
            Err(e) => KeyBindingStatus::Invalid(e),
        },
    }
}

fn check(sd: &SdJwt, kb: &DecodedToken, expected: &KbExpectations) -> Result<KbDetail, KbError> {
    check_typ(kb)?;
    let key = holder_key(&sd.payload)?;
    let described = format!("{}, thumbprint {}", key.describe(), key.thumbprint());
    verify::verify_token(kb, &key).map_err(|reason| KbError::Signature {
        key: described.clone(),
        reason,
    })?;
    let Value::Object(claims) = &kb.payload else {
        return Err(KbError::PayloadNotObject);
    };
    let (iat, age_secs) = check_iat(claims, expected)?;
    let nonce = string_claim(claims, "nonce")?;
    if let Some(want) = &expected.nonce
        && nonce != want
    {
        return Err(KbError::WrongNonce {
            found: nonce.to_owned(),
            expected: want.clone(),
        });
    }
    let aud = string_claim(claims, "aud")?;
    if let Some(want) = &expected.aud
        && aud != want
    {
        return Err(KbError::WrongAud {
            found: aud.to_owned(),
            expected: want.clone(),
        });
    }
    let sd_hash = string_claim(claims, "sd_hash")?;
    let want = sd.sd_alg.digest(sd.sd_jwt_part());
    if sd_hash != want {
        return Err(KbError::WrongSdHash {
            found: sd_hash.to_owned(),
            expected: want,
            alg: sd.sd_alg.name(),
        });
    }
    Ok(KbDetail {
        key: described,
        alg: kb.alg.as_ref().map_or("?", |a| a.as_str()).to_owned(),
        iat,
        age_secs,
        nonce: nonce.to_owned(),
        nonce_checked: expected.nonce.is_some(),
        aud: aud.to_owned(),
        aud_checked: expected.aud.is_some(),
        sd_hash: sd_hash.to_owned(),
    })
}

/// `typ` must be `kb+jwt`, compared as media types are (case-insensitively, `application/`
/// optional, RFC 7515 section 4.1.9).
fn check_typ(kb: &DecodedToken) -> Result<(), KbError> {
    let typ = kb.header.get("typ");
    let Some(Value::String(typ)) = typ else {
        return Err(KbError::WrongTyp {
            found: typ.map_or_else(|| "missing".to_owned(), Value::to_string),
        });
    };
    let bare = match typ.get(..12) {
        Some(prefix) if prefix.eq_ignore_ascii_case("application/") => typ.get(12..),
        _ => Some(typ.as_str()),
    };
    if bare.is_some_and(|t| t.eq_ignore_ascii_case(KB_TYP)) {
        Ok(())
    } else {
        Err(KbError::WrongTyp {
            found: format!("\"{typ}\""),
        })
    }
}

/// The holder's public key: `cnf.jwk` of the Issuer-signed JWT's payload (section 4.1.2).
fn holder_key(payload: &Map<String, Value>) -> Result<PublicKey, KbError> {
    let jwk = payload
        .get("cnf")
        .and_then(|cnf| cnf.get("jwk"))
        .filter(|jwk| jwk.is_object())
        .ok_or(KbError::NoHolderKey)?;
    if jwk.get("kty").and_then(Value::as_str) == Some("oct") {
        return Err(KbError::SymmetricHolderKey);
    }
    let mut candidates =
        keys::parse_public_keys(&jwk.to_string()).map_err(KbError::UnreadableHolderKey)?;
    candidates
        .pop()
        .map(|c| c.key)
        .ok_or(KbError::UnreadableHolderKey(JoseError::NoKeys))
}

/// `iat` and the KB-JWT's age, checked against the window.
fn check_iat(
    claims: &Map<String, Value>,
    expected: &KbExpectations,
) -> Result<(i64, i64), KbError> {
    let value = claims
        .get("iat")
        .ok_or(KbError::MissingClaim { claim: "iat" })?;
    let iat = numeric_date(value).ok_or_else(|| KbError::ClaimType {
        claim: "iat",
        found: value.to_string(),
        expected: "a NumericDate (seconds since the epoch)",
    })?;
    let age = expected.at.saturating_sub(iat);
    if age < expected.leeway_secs.saturating_neg() {
        return Err(KbError::IssuedInFuture {
            iat,
            at: expected.at,
            ahead: age.saturating_neg(),
        });
    }
    if age > expected.max_age_secs.saturating_add(expected.leeway_secs) {
        return Err(KbError::TooOld {
            iat,
            age,
            max_age: expected.max_age_secs,
        });
    }
    Ok((iat, age))
}

/// A required string claim (`aud` must be a single string, section 4.3).
fn string_claim<'a>(
    claims: &'a Map<String, Value>,
    claim: &'static str,
) -> Result<&'a str, KbError> {
    match claims.get(claim) {
        None => Err(KbError::MissingClaim { claim }),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(KbError::ClaimType {
            claim,
            found: other.to_string(),
            expected: "a string",
        }),
    }
}

/// The claims of a KB-JWT to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KbClaims {
    /// The verifier.
    pub aud: String,
    /// The verifier's nonce.
    pub nonce: String,
    /// The time of signing, in seconds since the epoch.
    pub iat: i64,
}

/// `presentation` (an SD-JWT ending with `~`) with a KB-JWT signed by `holder` with `alg`
/// appended: header `{"alg", "typ": "kb+jwt"}`, payload `nonce`, `aud`, `iat` and the
/// `sd_hash` of the presentation under its `_sd_alg`.
pub fn bind<R: CryptoRng + ?Sized>(
    presentation: &str,
    claims: &KbClaims,
    alg: Algorithm,
    holder: &PrivateKey,
    rng: &mut R,
) -> Result<String, SdJwtError> {
    let sd = super::parse(presentation)?;
    if sd.key_binding.is_some() {
        return Err(SdJwtError::AlreadyBound);
    }
    let header = json!({"alg": alg.as_str(), "typ": KB_TYP});
    let payload = json!({
        "nonce": claims.nonce,
        "aud": claims.aud,
        "iat": claims.iat,
        "sd_hash": sd.sd_alg.digest(sd.sd_jwt_part()),
    });
    let kb = sign::sign_token(&header.to_string(), &payload.to_string(), holder, rng)
        .map_err(SdJwtError::Signing)?;
    Ok(format!("{}{kb}", sd.sd_jwt_part()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::keys::{KeyKind, generate};
    use crate::jose::rng::seeded_rng;
    use crate::jose::sdjwt::{SdAlg, parse, unsigned};

    const AT: i64 = 1_800_000_000;

    /// An SD-JWT whose `cnf.jwk` is a new Ed25519 key, and that key.
    fn holder_and_sd_jwt(cnf: bool) -> (PrivateKey, String) {
        let key = generate(KeyKind::Ed25519, &mut seeded_rng().unwrap()).unwrap();
        let payload = match cnf {
            true => json!({"cnf": {"jwk": key.public_key().to_jwk()}}),
            false => json!({"sub": "x"}),
        };
        (key, unsigned(&payload, &[]).text)
    }

    fn status(text: &str, at: i64) -> KeyBindingStatus {
        verify_key_binding(&parse(text).unwrap(), &KbExpectations::at(at))
    }

    fn kb_jwt(key: &PrivateKey, header: &str, payload: Value) -> String {
        sign::sign_token(
            header,
            &payload.to_string(),
            key,
            &mut seeded_rng().unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn typ_must_be_kb_jwt() {
        let (key, text) = holder_and_sd_jwt(true);
        let hash = SdAlg::Sha256.digest(&text);
        let claims = json!({"nonce": "n", "aud": "a", "iat": AT, "sd_hash": hash});
        for (typ, ok) in [
            ("kb+jwt", true),
            ("application/KB+JWT", true),
            ("JWT", false),
        ] {
            let header = json!({"alg": "EdDSA", "typ": typ}).to_string();
            let bound = format!("{text}{}", kb_jwt(&key, &header, claims.clone()));
            assert_eq!(
                matches!(status(&bound, AT), KeyBindingStatus::Verified(_)),
                ok
            );
        }
        let bound = format!("{text}{}", kb_jwt(&key, r#"{"alg":"EdDSA"}"#, claims));
        let expected = KbError::WrongTyp {
            found: "missing".into(),
        };
        assert_eq!(status(&bound, AT), KeyBindingStatus::Invalid(expected));
    }

    #[test]
    fn required_claims() {
        let (key, text) = holder_and_sd_jwt(true);
        let hash = SdAlg::Sha256.digest(&text);
        let header = r#"{"alg":"EdDSA","typ":"kb+jwt"}"#;
        let full = json!({"nonce": "n", "aud": "a", "iat": AT, "sd_hash": hash});
        for claim in ["iat", "nonce", "aud", "sd_hash"] {
            let mut payload = full.clone();
            payload.as_object_mut().unwrap().remove(claim);
            let bound = format!("{text}{}", kb_jwt(&key, header, payload));
            let KeyBindingStatus::Invalid(e) = status(&bound, AT) else {
                panic!("{claim}");
            };
            assert_eq!(e, KbError::MissingClaim { claim }, "{claim}");
        }
        let mut payload = full;
        payload["aud"] = json!(["a", "b"]);
        let bound = format!("{text}{}", kb_jwt(&key, header, payload));
        assert!(matches!(
            status(&bound, AT),
            KeyBindingStatus::Invalid(KbError::ClaimType { claim: "aud", .. })
        ));
    }

    #[test]
    fn holder_key_comes_from_cnf() {
        let (key, text) = holder_and_sd_jwt(false);
        let claims = KbClaims {
            aud: "a".into(),
            nonce: "n".into(),
            iat: AT,
        };
        let rng = &mut seeded_rng().unwrap();
        let bound = bind(&text, &claims, Algorithm::EdDSA, &key, rng).unwrap();
        let expected = KeyBindingStatus::Invalid(KbError::NoHolderKey);
        assert_eq!(status(&bound, AT), expected);
        // Signed by another key than cnf's.
        let (_, with_cnf) = holder_and_sd_jwt(true);
        let bound = bind(&with_cnf, &claims, Algorithm::EdDSA, &key, rng).unwrap();
        let KeyBindingStatus::Invalid(e) = status(&bound, AT) else {
            panic!("verified with the wrong key");
        };
        assert!(matches!(e, KbError::Signature { .. }), "{e}");
        assert!(
            e.to_string().contains("Ed25519 public key, thumbprint"),
            "{e}"
        );
        let symmetric = json!({"kty": "oct", "k": "c2VjcmV0"});
        let payload = json!({"cnf": {"jwk": symmetric}})
            .as_object()
            .cloned()
            .unwrap();
        assert_eq!(holder_key(&payload), Err(KbError::SymmetricHolderKey));
    }
}
