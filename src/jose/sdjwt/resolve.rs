//! Rebuilding the processed payload (RFC 9901 section 7.1 step 3): every `_sd` digest and
//! every array element `{"...": digest}` with a matching disclosure becomes its claim, within
//! disclosed values too; digests without one (decoys, or claims not disclosed) are dropped.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::pointer::child;
use super::{Rejection, SdJwt};

/// The deepest nesting expanded (the JSON parser's own limit): disclosures within disclosures
/// could otherwise nest without bound and exhaust the page's stack.
pub const MAX_DEPTH: usize = 128;

/// The processed payload of an SD-JWT, and what went into it.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The Processed SD-JWT Payload: disclosed claims in place, `_sd` and the top-level
    /// `_sd_alg` removed, array elements without a disclosure dropped.
    pub payload: Value,
    /// For each disclosure (same order as [`SdJwt::disclosures`]), the JSON pointer of the
    /// claim it became, `None` when it was not used. Array indexes are those of the processed
    /// array.
    pub placements: Vec<Option<String>>,
    /// The JSON pointers of every disclosed claim, in the order they were placed (a claim
    /// inside a disclosed value comes after it), so a UI can mark them.
    pub disclosed_paths: Vec<String>,
    /// Indexes of the disclosures no digest refers to.
    pub unreferenced: Vec<usize>,
    /// Digests that occur more than once (in the payload, the disclosures, or as a disclosure
    /// sent twice).
    pub duplicates: Vec<String>,
    /// Digests in the payload and disclosures that no disclosure matches: decoys, or claims the
    /// holder did not disclose (by design, the two cannot be told apart).
    pub unmatched_digests: usize,
    /// Every reason to reject the SD-JWT, in the order found.
    pub rejections: Vec<Rejection>,
}

impl Resolved {
    /// Whether nothing requires rejecting the SD-JWT (its signatures are checked elsewhere).
    pub fn is_valid(&self) -> bool {
        self.rejections.is_empty()
    }
}

/// Processes `sd`'s payload with its disclosures (section 7.1 steps 3 to 5). Never fails:
/// what would make a verifier reject it is listed in [`Resolved::rejections`], and the payload
/// holds what could be processed.
pub fn resolve(sd: &SdJwt) -> Resolved {
    let mut walk = Walk {
        sd,
        by_digest: HashMap::new(),
        seen: HashSet::new(),
        referenced: vec![false; sd.disclosures.len()],
        out: Resolved {
            payload: Value::Null,
            placements: vec![None; sd.disclosures.len()],
            disclosed_paths: Vec::new(),
            unreferenced: Vec::new(),
            duplicates: Vec::new(),
            unmatched_digests: 0,
            rejections: Vec::new(),
        },
    };
    let mut repeated = Vec::new();
    for (i, d) in sd.disclosures.iter().enumerate() {
        if let Some(&first) = walk.by_digest.get(d.digest.as_str()) {
            repeated.push(i);
            walk.out.duplicates.push(d.digest.clone());
            walk.out.rejections.push(Rejection::RepeatedDisclosure {
                position: i + 1,
                first: first + 1,
            });
        } else {
            walk.by_digest.insert(&d.digest, i);
        }
    }
    walk.out.payload = Value::Object(walk.object(&sd.payload, "", 0));
    for (i, referenced) in walk.referenced.iter().enumerate() {
        if !referenced && !repeated.contains(&i) {
            walk.out.unreferenced.push(i);
            let digest = sd.disclosures.get(i).map(|d| d.digest.clone());
            walk.out.rejections.push(Rejection::Unreferenced {
                position: i + 1,
                digest: digest.unwrap_or_default(),
            });
        }
    }
    walk.out
}

/// The state of one [`resolve`].
struct Walk<'a> {
    sd: &'a SdJwt,
    /// Digest to the index of its (first) disclosure.
    by_digest: HashMap<&'a str, usize>,
    /// Digests met so far in the payload and expanded disclosures.
    seen: HashSet<&'a str>,
    referenced: Vec<bool>,
    out: Resolved,
}

impl<'a> Walk<'a> {
    fn value(&mut self, value: &'a Value, path: &str, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            self.out.rejections.push(Rejection::TooDeep {
                path: path.to_owned(),
                max: MAX_DEPTH,
            });
            return Value::Null;
        }
        match value {
            Value::Object(map) => Value::Object(self.object(map, path, depth)),
            Value::Array(items) => Value::Array(self.array(items, path, depth)),
            other => other.clone(),
        }
    }

    /// The object's plain claims processed, then its disclosed claims in `_sd` order.
    fn object(
        &mut self,
        map: &'a Map<String, Value>,
        path: &str,
        depth: usize,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        for (name, value) in map {
            // `_sd_alg` belongs only at the top level (section 4.1.1), and is removed there.
            if name == "_sd" || (depth == 0 && name == "_sd_alg") {
                continue;
            }
            let value = self.value(value, &child(path, name), depth + 1);
            out.insert(name.clone(), value);
        }
        let Some(sd) = map.get("_sd") else {
            return out;
        };
        let Some(digests) = sd.as_array().and_then(|a| strings(a)) else {
            self.out.rejections.push(Rejection::MalformedSd {
                path: path.to_owned(),
            });
            return out;
        };
        for digest in digests {
            let Some((index, d)) = self.lookup(digest, path) else {
                continue;
            };
            let Some(name) = &d.name else {
                self.out.rejections.push(Rejection::ElementInObject {
                    position: index + 1,
                    path: path.to_owned(),
                });
                continue;
            };
            let claim = child(path, name);
            if map.contains_key(name) || out.contains_key(name) {
                self.out.rejections.push(Rejection::ClaimExists {
                    position: index + 1,
                    path: claim,
                });
                continue;
            }
            self.place(index, claim.clone());
            let value = self.value(&d.value, &claim, depth + 1);
            out.insert(name.clone(), value);
        }
        out
    }

    /// The array with each `{"...": digest}` replaced by its disclosed element, or dropped.
    fn array(&mut self, items: &'a [Value], path: &str, depth: usize) -> Vec<Value> {
        let mut out = Vec::new();
        for item in items {
            let Some(digest) = element_digest(item) else {
                let value = self.value(item, &child(path, &out.len().to_string()), depth + 1);
                out.push(value);
                continue;
            };
            let Some((index, d)) = self.lookup(digest, path) else {
                continue;
            };
            if d.name.is_some() {
                self.out.rejections.push(Rejection::PropertyInArray {
                    position: index + 1,
                    path: path.to_owned(),
                });
                continue;
            }
            let element = child(path, &out.len().to_string());
            self.place(index, element.clone());
            out.push(self.value(&d.value, &element, depth + 1));
        }
        out
    }

    /// Records a digest met at `path`: its disclosure the first time it is met, `None` when it
    /// is a repeat (rejected, and not expanded twice, which also bounds the work) or matches
    /// no disclosure.
    fn lookup(&mut self, digest: &'a str, path: &str) -> Option<(usize, &'a super::Disclosure)> {
        if !self.seen.insert(digest) {
            self.out.duplicates.push(digest.to_owned());
            self.out.rejections.push(Rejection::DuplicateDigest {
                digest: digest.to_owned(),
                path: path.to_owned(),
            });
            return None;
        }
        let sd = self.sd;
        match self.by_digest.get(digest) {
            Some(&index) => {
                if let Some(flag) = self.referenced.get_mut(index) {
                    *flag = true;
                }
                sd.disclosures.get(index).map(|d| (index, d))
            }
            None => {
                self.out.unmatched_digests += 1;
                None
            }
        }
    }

    fn place(&mut self, index: usize, path: String) {
        if let Some(slot) = self.out.placements.get_mut(index) {
            *slot = Some(path.clone());
        }
        self.out.disclosed_paths.push(path);
    }
}

/// The strings of an array that holds only strings.
fn strings(items: &[Value]) -> Option<Vec<&str>> {
    items.iter().map(Value::as_str).collect()
}

/// The digest of an array element `{"...": "<digest>"}` (an object with that one member).
fn element_digest(item: &Value) -> Option<&str> {
    match item.as_object() {
        Some(map) if map.len() == 1 => map.get("...").and_then(Value::as_str),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::base64url::encode;
    use crate::jose::sdjwt::{SdAlg, unsigned};
    use serde_json::json;

    fn disclosure(array: Value) -> (String, String) {
        let encoded = encode(array.to_string().as_bytes());
        let digest = SdAlg::Sha256.digest(&encoded);
        (encoded, digest)
    }

    #[test]
    fn nested_objects_arrays_and_decoys() {
        let (street, street_d) = disclosure(json!(["s1", "street", "Main St"]));
        let (de, de_d) = disclosure(json!(["s2", "DE"]));
        let (addr, addr_d) = disclosure(json!(["s3", "address", {"_sd": [street_d], "zip": "1"}]));
        let decoy = SdAlg::Sha256.digest("decoy");
        let payload = json!({
            "_sd": [addr_d, decoy],
            "_sd_alg": "sha-256",
            "nat": [{"...": de_d}, "FR", {"...": SdAlg::Sha256.digest("other")}],
        });
        let r = resolve(&unsigned(&payload, &[&de, &street, &addr]));
        assert!(r.is_valid(), "{:?}", r.rejections);
        assert_eq!(
            r.payload,
            json!({"nat": ["DE", "FR"], "address": {"zip": "1", "street": "Main St"}})
        );
        assert_eq!(
            r.placements,
            [
                Some("/nat/0".into()),
                Some("/address/street".into()),
                Some("/address".into())
            ]
        );
        assert_eq!(r.disclosed_paths, ["/nat/0", "/address", "/address/street"]);
        assert_eq!(r.unmatched_digests, 2);
    }

    #[test]
    fn unreferenced_and_duplicates_are_rejected() {
        let (a, a_d) = disclosure(json!(["s1", "a", 1]));
        let (stray, stray_d) = disclosure(json!(["s2", "b", 2]));
        let payload = json!({"_sd": [a_d], "x": {"_sd": [a_d]}});
        let r = resolve(&unsigned(&payload, &[&a, &stray, &a]));
        assert_eq!(r.unreferenced, [1]);
        assert_eq!(r.duplicates, [a_d.clone(), a_d.clone()]);
        // Plain claims are processed before `_sd`, so the nested digest is the first one met.
        assert_eq!(r.payload, json!({"x": {"a": 1}}));
        assert!(r.rejections.contains(&Rejection::RepeatedDisclosure {
            position: 3,
            first: 1
        }));
        let again = Rejection::DuplicateDigest {
            digest: a_d,
            path: String::new(),
        };
        assert!(
            again.to_string().contains("again at the top level"),
            "{again}"
        );
        assert!(r.rejections.contains(&again));
        assert!(r.rejections.contains(&Rejection::Unreferenced {
            position: 2,
            digest: stray_d
        }));
    }

    #[test]
    fn wrong_shapes_and_existing_names_are_rejected() {
        let (elem, elem_d) = disclosure(json!(["s1", "x"]));
        let (prop, prop_d) = disclosure(json!(["s2", "given_name", "Eve"]));
        let (alg, alg_d) = disclosure(json!(["s3", "_sd_alg", "none"]));
        let (in_list, in_list_d) = disclosure(json!(["s4", "k", "v"]));
        let payload = json!({
            "_sd": [elem_d, prop_d, alg_d],
            "_sd_alg": "sha-256",
            "given_name": "Alice",
            "list": [{"...": in_list_d}],
            "bad": {"_sd": "nope"},
        });
        let r = resolve(&unsigned(&payload, &[&elem, &prop, &alg, &in_list]));
        assert_eq!(r.payload["given_name"], "Alice");
        assert_eq!(r.payload["list"], json!([]));
        let expected = [
            Rejection::MalformedSd {
                path: "/bad".into(),
            },
            Rejection::ElementInObject {
                position: 1,
                path: String::new(),
            },
            Rejection::ClaimExists {
                position: 2,
                path: "/given_name".into(),
            },
            Rejection::ClaimExists {
                position: 3,
                path: "/_sd_alg".into(),
            },
        ];
        for rejection in expected {
            assert!(
                r.rejections.contains(&rejection),
                "{rejection:?} in {:?}",
                r.rejections
            );
        }
        // The array's digest was met first (plain claims are processed before `_sd`).
        assert!(matches!(
            r.rejections[0],
            Rejection::PropertyInArray { position: 4, .. }
        ));
    }

    #[test]
    fn deep_nesting_through_disclosures_stops() {
        let mut disclosures = Vec::new();
        let mut inner = json!(1);
        for i in 0..=MAX_DEPTH {
            let (encoded, digest) = disclosure(json!([format!("s{i}"), "n", inner]));
            disclosures.push(encoded);
            inner = json!({"_sd": [digest]});
        }
        let refs: Vec<&str> = disclosures.iter().map(String::as_str).collect();
        let r = resolve(&unsigned(&inner, &refs));
        assert!(matches!(
            r.rejections.first(),
            Some(Rejection::TooDeep { .. })
        ));
    }
}
