//! Issuing an SD-JWT (RFC 9901 section 4): each claim named by a JSON pointer is replaced by
//! the digest of a new disclosure (in its object's `_sd`, or as `{"...": digest}` in its
//! array), `_sd_alg` is added, and the payload is signed by the core signer.

use crate::jose::json_text::json_type;
use rand_core::CryptoRng;
use serde_json::{Map, Value, json};

use super::pointer::{array_index, child, segments};
use super::{Disclosure, SdAlg, SdJwtError, decoy_digest};
use crate::jose::keys::PrivateKey;
use crate::jose::sign;

/// The hash this issuer uses: SHA-256, the one every implementation supports (section 4.1.1).
const ISSUE_ALG: SdAlg = SdAlg::Sha256;

/// The claims of an SD-JWT to be, before signing: the payload with digests in place of the
/// disclosable claims, and the disclosures that reveal them.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Concealed {
    /// The payload to sign (compact JSON, with `_sd`, `_sd_alg` and array digests).
    pub payload: String,
    /// The disclosures, base64url, in the order the paths were concealed.
    pub disclosures: Vec<String>,
}

impl Concealed {
    /// The SD-JWT: `jwt` (the payload signed) followed by each disclosure and a final `~`.
    pub fn attach(&self, jwt: &str) -> String {
        let mut out = format!("{jwt}~");
        for d in &self.disclosures {
            out.push_str(d);
            out.push('~');
        }
        out
    }
}

/// Disclosures hold the claims' values: `Debug` counts them only.
impl std::fmt::Debug for Concealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Concealed({} disclosures)", self.disclosures.len())
    }
}

/// Issues an SD-JWT: `claims_json` signed with `header_json` and `key` after [`conceal`].
/// Returns `<Issuer-signed JWT>~<Disclosure>~...~`.
pub fn issue<R: CryptoRng + ?Sized>(
    header_json: &str,
    claims_json: &str,
    disclosable: &[&str],
    decoys: usize,
    key: &PrivateKey,
    rng: &mut R,
) -> Result<String, SdJwtError> {
    let concealed = conceal(claims_json, disclosable, decoys, rng)?;
    let jwt =
        sign::sign_token(header_json, &concealed.payload, key, rng).map_err(SdJwtError::Signing)?;
    Ok(concealed.attach(&jwt))
}

/// The payload of an SD-JWT to be: each claim at a path in `disclosable` (JSON pointers:
/// `/given_name`, `/address/street_address`, `/nationalities/1`) made selectively disclosable
/// with a 128-bit random salt, and `decoys` decoy digests added to the top-level `_sd`. A path
/// inside another disclosable one makes a recursive disclosure (section 4.2.6). Each `_sd` is
/// sorted, so its order says nothing about the claims'. Apart from [`issue`] so that a front end
/// can sign the payload its own way (the page: on WebCrypto).
pub fn conceal<R: CryptoRng + ?Sized>(
    claims_json: &str,
    disclosable: &[&str],
    decoys: usize,
    rng: &mut R,
) -> Result<Concealed, SdJwtError> {
    let mut root = read_claims(claims_json)?;
    let mut paths: Vec<(&str, Vec<String>)> = Vec::with_capacity(disclosable.len());
    for path in disclosable {
        paths.push((path, parse_path(path, &paths)?));
    }
    // Deepest first: a claim inside a disclosable claim is concealed before its parent's value
    // goes into the parent's disclosure.
    paths.sort_by_key(|(_, segments)| std::cmp::Reverse(segments.len()));
    let mut disclosures = Vec::with_capacity(paths.len());
    for (path, segments) in &paths {
        disclosures.push(conceal_one(&mut root, path, segments, rng)?.encoded);
    }
    if let Value::Object(claims) = &mut root {
        if decoys > 0 {
            let digests = (0..decoys).map(|_| decoy_digest(ISSUE_ALG, rng)).collect();
            add_digests(claims, digests);
        }
        claims.insert("_sd_alg".to_owned(), ISSUE_ALG.name().into());
    }
    Ok(Concealed {
        payload: root.to_string(),
        disclosures,
    })
}

/// The claims to issue: a JSON object using none of the names SD-JWT reserves.
fn read_claims(claims_json: &str) -> Result<Value, SdJwtError> {
    let claims = match serde_json::from_str::<Value>(claims_json) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            return Err(SdJwtError::ClaimsNotObject {
                reason: format!("it is {}", json_type(&other)),
            });
        }
        Err(e) => {
            return Err(SdJwtError::ClaimsNotObject {
                reason: e.to_string(),
            });
        }
    };
    if claims.contains_key("_sd_alg") {
        return Err(SdJwtError::ReservedName {
            name: "_sd_alg".to_owned(),
            path: "/_sd_alg".to_owned(),
        });
    }
    reserved_names(&claims, "")?;
    Ok(Value::Object(claims))
}

/// A disclosable path's segments: a JSON pointer not listed before, through no `_sd` or
/// `...` (which issuing itself creates).
fn parse_path(path: &str, before: &[(&str, Vec<String>)]) -> Result<Vec<String>, SdJwtError> {
    let segments = segments(path).ok_or_else(|| SdJwtError::BadPath {
        path: path.to_owned(),
    })?;
    if let Some(name) = segments
        .iter()
        .find(|s| super::FORBIDDEN_NAMES.contains(&s.as_str()))
    {
        return Err(SdJwtError::ReservedName {
            name: name.clone(),
            path: path.to_owned(),
        });
    }
    if before.iter().any(|(p, _)| *p == path) {
        return Err(SdJwtError::DuplicatePath {
            path: path.to_owned(),
        });
    }
    Ok(segments)
}

/// Replaces the claim at `segments` by a digest and returns its disclosure.
fn conceal_one<R: CryptoRng + ?Sized>(
    root: &mut Value,
    path: &str,
    segments: &[String],
    rng: &mut R,
) -> Result<Disclosure, SdJwtError> {
    let not_found = || SdJwtError::PathNotFound {
        path: path.to_owned(),
    };
    let (last, parents) = segments.split_last().ok_or_else(not_found)?;
    let parent = parents.iter().fold(String::new(), |p, s| child(&p, s));
    match root.pointer_mut(&parent).ok_or_else(not_found)? {
        Value::Object(map) => {
            let value = map.shift_remove(last.as_str()).ok_or_else(not_found)?;
            let disclosure = Disclosure::create(Some(last), value, ISSUE_ALG, rng);
            add_digests(map, vec![disclosure.digest.clone()]);
            Ok(disclosure)
        }
        Value::Array(items) => {
            let slot = array_index(last)
                .and_then(|i| items.get_mut(i))
                .ok_or_else(not_found)?;
            let disclosure = Disclosure::create(None, slot.take(), ISSUE_ALG, rng);
            *slot = json!({"...": disclosure.digest});
            Ok(disclosure)
        }
        _ => Err(not_found()),
    }
}

/// Adds digests to an object's `_sd`, keeping it sorted.
fn add_digests(object: &mut Map<String, Value>, digests: Vec<String>) {
    let mut all: Vec<String> = match object.shift_remove("_sd") {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    all.extend(digests);
    all.sort();
    object.insert(
        "_sd".to_owned(),
        Value::Array(all.into_iter().map(Value::String).collect()),
    );
}

/// Refuses claims that already use `_sd` or `...` anywhere: they would be read as digests.
fn reserved_names(object: &Map<String, Value>, path: &str) -> Result<(), SdJwtError> {
    for (name, value) in object {
        let here = child(path, name);
        if super::FORBIDDEN_NAMES.contains(&name.as_str()) {
            return Err(SdJwtError::ReservedName {
                name: name.clone(),
                path: here,
            });
        }
        reserved_in(value, &here)?;
    }
    Ok(())
}

fn reserved_in(value: &Value, path: &str) -> Result<(), SdJwtError> {
    match value {
        Value::Object(map) => reserved_names(map, path),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| reserved_in(item, &child(path, &i.to_string()))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::keys::{KeyKind, generate};
    use crate::jose::rng::seeded_rng;
    use crate::jose::sdjwt::{parse, resolve};

    fn try_issue(claims: &str, paths: &[&str], decoys: usize) -> Result<String, SdJwtError> {
        let rng = &mut seeded_rng().unwrap();
        let key = generate(KeyKind::Hmac256, rng).unwrap();
        issue(r#"{"alg":"HS256"}"#, claims, paths, decoys, &key, rng)
    }

    #[test]
    fn conceals_claims_elements_and_nested_claims() {
        let claims = r#"{"a":1,"o":{"b":2,"c":[1,{"d":3}]},"l":["x","y"]}"#;
        let paths = ["/o/c/1/d", "/l/0", "/o", "/o/c/1", "/a"];
        let sd = parse(&try_issue(claims, &paths, 2).unwrap()).unwrap();
        assert_eq!(sd.disclosures.len(), 5);
        assert_eq!(sd.payload["_sd"].as_array().unwrap().len(), 2 + 2);
        assert_eq!(sd.payload["_sd_alg"], "sha-256");
        assert!(sd.payload["l"][0].get("...").is_some());
        let r = resolve(&sd);
        assert!(r.is_valid(), "{:?}", r.rejections);
        assert_eq!(r.payload, serde_json::from_str::<Value>(claims).unwrap());
        assert_eq!(r.unmatched_digests, 2);
        assert_eq!(try_issue("{}", &[], 0).unwrap().matches('~').count(), 1);
    }

    #[test]
    fn refusals() {
        let err = |claims: &str, paths: &[&str]| try_issue(claims, paths, 0).unwrap_err();
        assert!(matches!(
            err("[1]", &[]),
            SdJwtError::ClaimsNotObject { .. }
        ));
        assert!(matches!(err("{", &[]), SdJwtError::ClaimsNotObject { .. }));
        let reserved = |name: &str, path: &str| SdJwtError::ReservedName {
            name: name.into(),
            path: path.into(),
        };
        assert_eq!(
            err(r#"{"_sd_alg":"x"}"#, &[]),
            reserved("_sd_alg", "/_sd_alg")
        );
        assert_eq!(
            err(r#"{"a":[{"...":"x"}]}"#, &[]),
            reserved("...", "/a/0/...")
        );
        assert_eq!(
            err(r#"{"a":{"b":1}}"#, &["/a/b", "/a/_sd"]),
            reserved("_sd", "/a/_sd")
        );
        let path = |p: &str| p.to_owned();
        assert_eq!(err("{}", &["a"]), SdJwtError::BadPath { path: path("a") });
        assert_eq!(
            err("{}", &["/a"]),
            SdJwtError::PathNotFound { path: path("/a") }
        );
        let list = r#"{"l":[1]}"#;
        assert_eq!(
            err(list, &["/l/1"]),
            SdJwtError::PathNotFound { path: path("/l/1") }
        );
        assert_eq!(
            err(list, &["/l/0/x"]),
            SdJwtError::PathNotFound {
                path: path("/l/0/x")
            }
        );
        assert_eq!(
            err(list, &["/l", "/l"]),
            SdJwtError::DuplicatePath { path: path("/l") }
        );
        let rng = &mut seeded_rng().unwrap();
        let key = generate(KeyKind::Hmac256, rng).unwrap();
        let unsigned = issue(r#"{"alg":"none"}"#, "{}", &[], 0, &key, rng).unwrap_err();
        assert!(matches!(unsigned, SdJwtError::Signing(_)));
    }
}
