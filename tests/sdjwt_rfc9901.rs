#![cfg(not(target_arch = "wasm32"))]
//! SD-JWT (`jose::sdjwt`) against RFC 9901's own examples (tests/fixtures/sdjwt, see its
//! SOURCE.md): the disclosures and digests of sections 4.2 and 5.1, the SD-JWT+KB of 5.2 with
//! its Key Binding verified by the `cnf` key, the recursive disclosure of 6.3 and the decoys of
//! A.1, the Issuer signatures verified with the A.5 key. Then what must be rejected, and an
//! issue → present → bind → verify round trip with the OpenSSL fixture keys.

use jwt_debugger::jose::base64url;
use jwt_debugger::jose::keys::{parse_private_key, parse_public_keys};
use jwt_debugger::jose::rng::seeded_rng;
use jwt_debugger::jose::sdjwt::*;
use jwt_debugger::jose::{Algorithm, verify};
use serde_json::{Value, json};

const KB_IAT: i64 = 1_748_537_243;
const NONCE: &str = "1234567890";
const AUD: &str = "https://verifier.example.org";
const SD_HASH: &str = "G3I8z-cFMATAK2ep8MXWk-vnjI3X6-aahYeU9Tvzz3E";

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/sdjwt/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json_fixture(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

/// The encoded disclosures of a `rfc9901-*-disclosures.json` fixture, and the whole list.
fn listed(name: &str) -> (Vec<String>, Vec<Value>) {
    let Value::Array(list) = json_fixture(name)["disclosures"].take() else {
        panic!("{name} lists no disclosures");
    };
    let encoded = list.iter().map(|d| d["disclosure"].as_str().unwrap());
    (encoded.map(str::to_owned).collect(), list)
}

/// The Issuer-signed JWT verifies with the A.5 key.
fn assert_issuer_signed(sd: &SdJwt) {
    let key = parse_public_keys(&fixture("rfc9901-a.5-issuer-key.json")).unwrap();
    verify::verify_token(&sd.issuer, &key[0].key).expect("the A.5 key verifies the issuer JWT");
}

/// An SD-JWT over `payload` with a dummy signature (resolution does not look at it).
fn unsigned_text(payload: &Value, disclosures: &[String]) -> String {
    let header = base64url::encode(br#"{"alg":"ES256"}"#);
    let body = base64url::encode(payload.to_string().as_bytes());
    let tail: String = disclosures.iter().map(|d| format!("{d}~")).collect();
    format!("{header}.{body}.c2ln~{tail}")
}

fn unsigned(payload: &Value, disclosures: &[String]) -> SdJwt {
    parse(&unsigned_text(payload, disclosures)).unwrap()
}

fn kb_error(status: KeyBindingStatus) -> KbError {
    match status {
        KeyBindingStatus::Invalid(e) => e,
        other => panic!("{other}"),
    }
}

fn kb_detail(status: KeyBindingStatus) -> KbDetail {
    match status {
        KeyBindingStatus::Verified(detail) => detail,
        other => panic!("{other}"),
    }
}

#[test]
fn section_4_2_disclosures_and_their_digests() {
    let f = json_fixture("rfc9901-4.2-disclosures.json");
    let property = &f["object_property"];
    let d = Disclosure::parse(property["disclosure"].as_str().unwrap(), SdAlg::Sha256).unwrap();
    assert_eq!(d.digest, property["digest"]);
    assert_eq!(d.digest, "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0");
    // TGf4… is the digest of section 5.1's "Doe" disclosure, not of this "Möbius" one.
    assert_ne!(d.digest, "TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo");
    assert_eq!(json!([d.salt, d.name, d.value]), property["contents"]);
    // The same claim, encoded differently: same contents, different digests (4.2.1).
    for other in f["same_claim_other_encodings"].as_array().unwrap() {
        let o = Disclosure::parse(other.as_str().unwrap(), SdAlg::Sha256).unwrap();
        assert_eq!((&o.salt, &o.name, &o.value), (&d.salt, &d.name, &d.value));
        assert_ne!(o.digest, d.digest);
    }
    let element = &f["array_element"];
    let e = Disclosure::parse(element["disclosure"].as_str().unwrap(), SdAlg::Sha256).unwrap();
    assert_eq!(e.digest, element["digest"]);
    assert_eq!((e.name, e.value), (None, json!("FR")));
}

#[test]
fn section_5_1_issued_sd_jwt() {
    let sd = parse(&fixture("rfc9901-5.1-sd-jwt.txt")).unwrap();
    assert_issuer_signed(&sd);
    assert!(sd.key_binding.is_none());
    assert_eq!((sd.sd_alg, sd.sd_alg_explicit), (SdAlg::Sha256, true));
    let (_, expected) = listed("rfc9901-5.1-disclosures.json");
    assert_eq!(sd.disclosures.len(), expected.len());
    for (d, want) in sd.disclosures.iter().zip(&expected) {
        assert_eq!(d.encoded, want["disclosure"].as_str().unwrap());
        assert_eq!(d.digest, want["digest"].as_str().unwrap());
        assert_eq!(d.name.as_deref(), want["claim"].as_str());
        assert_eq!(Some(&d.value), want["contents"].as_array().unwrap().last());
    }
    let doe = sd.disclosure("TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo");
    assert_eq!(doe.unwrap().describe(), r#"family_name: "Doe""#);
    let r = resolve(&sd);
    assert!(r.is_valid(), "{:?}", r.rejections);
    assert_eq!(r.unmatched_digests, 0);
    assert!(r.unreferenced.is_empty() && r.duplicates.is_empty());
    assert_eq!(r.payload["nationalities"], json!(["US", "DE"]));
    assert_eq!(r.payload["given_name"], "John");
    assert_eq!(r.payload["address"]["street_address"], "123 Main St");
    assert!(r.payload.get("_sd").is_none() && r.payload.get("_sd_alg").is_none());
    assert_eq!(r.disclosed_paths.len(), 10);
    assert!(r.disclosed_paths.contains(&"/nationalities/1".to_owned()));
    let status = verify_key_binding(&sd, &KbExpectations::at(KB_IAT));
    assert_eq!(status, KeyBindingStatus::None);
}

#[test]
fn section_5_2_presentation_with_key_binding() {
    let sd = parse(&fixture("rfc9901-5.2-sd-jwt-kb.txt")).unwrap();
    assert_issuer_signed(&sd);
    assert_eq!(sd.disclosures.len(), 4);
    let r = resolve(&sd);
    assert!(r.is_valid(), "{:?}", r.rejections);
    let processed = json_fixture("rfc9901-5.2-processed.json");
    assert_eq!(r.payload, processed);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&r.payload), keys(&processed), "claim order as in 5.2");
    assert_eq!(
        r.unmatched_digests, 6,
        "5 claims and 1 nationality withheld"
    );
    let expected = KbExpectations {
        aud: Some(AUD.into()),
        nonce: Some(NONCE.into()),
        ..KbExpectations::at(KB_IAT)
    };
    let detail = kb_detail(verify_key_binding(&sd, &expected));
    assert_eq!(detail.sd_hash, SD_HASH);
    assert_eq!((detail.iat, detail.age_secs), (KB_IAT, 0));
    assert!(detail.nonce_checked && detail.aud_checked);
    // Nothing expected: the KB-JWT's own nonce and audience are reported.
    let seen = kb_detail(verify_key_binding(&sd, &KbExpectations::at(KB_IAT)));
    assert_eq!((seen.nonce.as_str(), seen.aud.as_str()), (NONCE, AUD));
    assert!(!seen.nonce_checked && !seen.aud_checked);
    let key_binding = KeyBindingStatus::Verified(seen);
    let summary = Summary {
        sd_jwt: &sd,
        resolved: &r,
        key_binding: &key_binding,
    }
    .to_string();
    assert!(summary.contains("#2 address: {"), "{summary}");
    assert!(summary.contains("Key Binding: verified: ES256 signed by cnf.jwk (EC P-256"));
}

#[test]
fn section_5_2_key_binding_failures() {
    let text = fixture("rfc9901-5.2-sd-jwt-kb.txt");
    let sd = parse(&text).unwrap();
    let invalid = |expected: &KbExpectations| kb_error(verify_key_binding(&sd, expected));
    let mut expected = KbExpectations::at(KB_IAT);
    expected.nonce = Some("0987654321".into());
    let e = invalid(&expected);
    assert!(
        matches!(e, KbError::WrongNonce { ref found, .. } if found == NONCE),
        "{e}"
    );
    expected.nonce = None;
    expected.aud = Some("https://other.example".into());
    let e = invalid(&expected);
    assert!(
        matches!(e, KbError::WrongAud { ref found, .. } if found == AUD),
        "{e}"
    );
    let late = KB_IAT + DEFAULT_KB_MAX_AGE_SECS + DEFAULT_KB_LEEWAY_SECS + 1;
    assert!(matches!(
        invalid(&KbExpectations::at(late)),
        KbError::TooOld { .. }
    ));
    let early = KB_IAT - DEFAULT_KB_LEEWAY_SECS - 1;
    let e = invalid(&KbExpectations::at(early));
    assert!(matches!(e, KbError::IssuedInFuture { .. }), "{e}");
    // One disclosure left out: the KB-JWT still verifies, but signed another presentation.
    let parts: Vec<&str> = text.trim().split('~').collect();
    let fewer = [&parts[..2], &parts[3..]].concat().join("~");
    let e = kb_error(verify_key_binding(
        &parse(&fewer).unwrap(),
        &KbExpectations::at(KB_IAT),
    ));
    assert!(matches!(e, KbError::WrongSdHash { ref found, .. } if found.starts_with("G3I8z")));
    // A tampered KB-JWT signature.
    let tampered = parse(&text.trim().replace("_Sp71g", "_Sq71g")).unwrap();
    let e = kb_error(verify_key_binding(&tampered, &KbExpectations::at(KB_IAT)));
    assert!(matches!(e, KbError::Signature { .. }), "{e}");
}

#[test]
fn section_6_3_recursive_disclosures() {
    let payload = json_fixture("rfc9901-6.3-payload.json");
    let (encoded, expected) = listed("rfc9901-6.3-disclosures.json");
    let sd = unsigned(&payload, &encoded);
    for (d, want) in sd.disclosures.iter().zip(&expected) {
        assert_eq!(d.digest, want["digest"]);
    }
    let r = resolve(&sd);
    assert!(r.is_valid(), "{:?}", r.rejections);
    let mut claims = json_fixture("rfc9901-6-claims.json");
    for claim in ["iss", "iat", "exp"] {
        claims[claim] = payload[claim].clone();
    }
    assert_eq!(r.payload, claims);
    assert_eq!(r.placements[4].as_deref(), Some("/address"));
    assert_eq!(r.placements[0].as_deref(), Some("/address/street_address"));
    assert_eq!(r.disclosed_paths[0], "/address");
    // The address members without the address disclosure connect to nothing (section 4.2.6).
    let r = resolve(&unsigned(&payload, &encoded[..4]));
    assert_eq!(r.unreferenced, [0, 1, 2, 3]);
    assert_eq!(r.payload.get("address"), None);
    assert!(matches!(
        r.rejections[0],
        Rejection::Unreferenced { position: 1, .. }
    ));
}

#[test]
fn appendix_a1_presentation_and_decoys() {
    let sd = parse(&fixture("rfc9901-a.1-presentation.txt")).unwrap();
    assert_issuer_signed(&sd);
    let r = resolve(&sd);
    assert!(r.is_valid(), "{:?}", r.rejections);
    assert_eq!(r.payload, json_fixture("rfc9901-a.1-processed.json"));
    assert_eq!(r.disclosed_paths, ["/address/region", "/address/country"]);
    assert_eq!(r.unmatched_digests, 14);
    // With every disclosure of A.1 only the six decoys match nothing.
    let (all, _) = listed("rfc9901-a.1-disclosures.json");
    let full = format!("{}~{}~", sd.issuer_jwt(), all.join("~"));
    let r = resolve(&parse(&full).unwrap());
    assert!(r.is_valid(), "{:?}", r.rejections);
    assert_eq!(r.unmatched_digests, 6);
    assert_eq!(r.payload["given_name"], "太郎");
    assert_eq!(
        r.payload["address"]["street_address"],
        "東京都港区芝公園４丁目２−８"
    );
    assert_eq!(r.payload["email"], "\"unusual email address\"@example.jp");
}

#[test]
fn refusals_unknown_sd_alg_and_forbidden_names() {
    let err = parse(&unsigned_text(&json!({"_sd_alg": "sha3-256"}), &[])).unwrap_err();
    assert_eq!(
        err,
        SdJwtError::UnsupportedSdAlg {
            name: "sha3-256".into()
        }
    );
    // sha-512 is understood: the digests are taken with it.
    let d = base64url::encode(br#"["salt","a",1]"#);
    let payload = json!({"_sd": [SdAlg::Sha512.digest(&d)], "_sd_alg": "sha-512"});
    assert_eq!(resolve(&unsigned(&payload, &[d])).payload, json!({"a": 1}));
    for name in ["_sd", "..."] {
        let bad = base64url::encode(json!(["salt", name, 1]).to_string().as_bytes());
        let err = parse(&unsigned_text(&json!({}), &[bad])).unwrap_err();
        let SdJwtError::Disclosure { reason, .. } = &err else {
            panic!("{err}");
        };
        assert_eq!(*reason, DisclosureError::ForbiddenName(name.into()));
    }
}

const ISSUER_KEY: &str = include_str!("fixtures/openssl/ec-p256-pkcs8.pem");
const ISSUER_PUBLIC: &str = include_str!("fixtures/openssl/ec-p256-public.pem");
const HOLDER_KEY: &str = include_str!("fixtures/openssl/ed25519-pkcs8.pem");
const NOW: i64 = 1_800_000_000;

/// An SD-JWT issued with the fixture keys, the holder's Ed25519 key in `cnf.jwk`.
fn issued(disclosable: &[&str], decoys: usize) -> (String, Value) {
    let holder = parse_private_key(HOLDER_KEY).unwrap().public_key();
    let claims = json!({
        "iss": "https://issuer.example", "sub": "user_42", "given_name": "Erika",
        "address": {"street_address": "Heidestraße 17", "locality": "Köln"},
        "nationalities": ["DE", "FR"], "cnf": {"jwk": holder.to_jwk()},
    });
    let (header, key) = (r#"{"alg":"ES256"}"#, parse_private_key(ISSUER_KEY).unwrap());
    let rng = &mut seeded_rng().unwrap();
    let text = issue(header, &claims.to_string(), disclosable, decoys, &key, rng);
    (text.unwrap(), claims)
}

/// The index of the disclosure of claim `name`.
fn index_of(sd: &SdJwt, name: &str) -> usize {
    let found = sd
        .disclosures
        .iter()
        .position(|d| d.name.as_deref() == Some(name));
    found.unwrap()
}

#[test]
fn issue_present_bind_and_verify_round_trip() {
    let paths = "/given_name /address /address/street_address /nationalities/1";
    let (text, claims) = issued(&paths.split(' ').collect::<Vec<_>>(), 3);
    let sd = parse(&text).unwrap();
    let public = parse_public_keys(ISSUER_PUBLIC).unwrap();
    verify::verify_token(&sd.issuer, &public[0].key).unwrap();
    let digests = sd.payload["_sd"].as_array().unwrap();
    assert_eq!(digests.len(), 2 + 3, "given_name, address and 3 decoys");
    assert!(digests.is_sorted_by_key(|d| d.as_str()));
    assert_eq!(sd.disclosures.len(), 4);
    assert_eq!(sd.payload["nationalities"][0], "DE");
    let r = resolve(&sd);
    assert!(r.is_valid(), "{:?}", r.rejections);
    assert_eq!((&r.payload, r.unmatched_digests), (&claims, 3));
    // Present the street with its parent, the address, and bind it to a verifier.
    let keep = [index_of(&sd, "street_address"), index_of(&sd, "address")];
    let presentation = present(&text, &keep.map(DisclosureRef::Index)).unwrap();
    let shown = resolve(&parse(&presentation).unwrap());
    assert!(shown.is_valid(), "{:?}", shown.rejections);
    let address = json!({"locality": "Köln", "street_address": "Heidestraße 17"});
    let (iss, cnf) = (&claims["iss"], &claims["cnf"]);
    let expected_payload = json!({
        "iss": iss, "sub": "user_42", "nationalities": ["DE"], "cnf": cnf, "address": address
    });
    assert_eq!(shown.payload, expected_payload);
    let holder = parse_private_key(HOLDER_KEY).unwrap();
    let (aud, nonce) = (AUD.to_owned(), "n-1".to_owned());
    let kb = KbClaims {
        aud,
        nonce,
        iat: NOW,
    };
    let rng = &mut seeded_rng().unwrap();
    let bound = bind(&presentation, &kb, Algorithm::EdDSA, &holder, rng).unwrap();
    let again = bind(&bound, &kb, Algorithm::EdDSA, &holder, rng);
    assert_eq!(again, Err(SdJwtError::AlreadyBound));
    let sd_kb = parse(&bound).unwrap();
    let mut expected = KbExpectations {
        aud: Some(AUD.into()),
        nonce: Some("n-1".into()),
        ..KbExpectations::at(NOW + 10)
    };
    kb_detail(verify_key_binding(&sd_kb, &expected));
    expected.nonce = Some("n-2".into());
    let e = kb_error(verify_key_binding(&sd_kb, &expected));
    assert!(matches!(e, KbError::WrongNonce { .. }), "{e}");
    expected.nonce = None;
    expected.aud = Some("https://attacker.example".into());
    let e = kb_error(verify_key_binding(&sd_kb, &expected));
    assert!(matches!(e, KbError::WrongAud { .. }), "{e}");
    // The KB-JWT moved onto the whole SD-JWT: its sd_hash no longer matches.
    let moved = format!("{text}{}", sd_kb.key_binding.as_ref().unwrap().compact);
    let moved = parse(&moved).unwrap();
    let e = kb_error(verify_key_binding(&moved, &KbExpectations::at(NOW)));
    assert!(matches!(e, KbError::WrongSdHash { .. }), "{e}");
}

#[test]
fn tampered_orphaned_and_repeated_disclosures_are_flagged() {
    let (text, _) = issued(&["/given_name", "/address", "/address/street_address"], 0);
    let sd = parse(&text).unwrap();
    let at = index_of(&sd, "given_name");
    let given = &sd.disclosures[at];
    // Same salt and name, another value: another digest, which nothing refers to.
    let forged = json!([given.salt, "given_name", "Mallory"]).to_string();
    let forged = text.replace(&given.encoded, &base64url::encode(forged.as_bytes()));
    let r = resolve(&parse(&forged).unwrap());
    assert_eq!(r.unreferenced, [at]);
    assert!(r.payload.get("given_name").is_none() && !r.is_valid());
    // The street without its address: nothing refers to it.
    let street = [DisclosureRef::Index(index_of(&sd, "street_address"))];
    let orphan = present(&text, &street);
    assert_eq!(resolve(&parse(&orphan.unwrap()).unwrap()).unreferenced, [0]);
    // A disclosure sent twice.
    let r = resolve(&parse(&format!("{text}{}~", given.encoded)).unwrap());
    assert_eq!(r.duplicates, std::slice::from_ref(&given.digest));
    let repeated = Rejection::RepeatedDisclosure {
        position: 4,
        first: at + 1,
    };
    assert_eq!(r.rejections[0], repeated);
    // A digest twice in the payload.
    let doubled = json!({"_sd": [given.digest], "a": {"_sd": [given.digest]}});
    let r = resolve(&unsigned(&doubled, std::slice::from_ref(&given.encoded)));
    assert_eq!(r.duplicates, std::slice::from_ref(&given.digest));
    assert!(matches!(r.rejections[0], Rejection::DuplicateDigest { .. }));
}
