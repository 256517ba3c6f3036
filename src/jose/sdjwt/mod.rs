//! SD-JWT, Selective Disclosure for JWTs (RFC 9901): an Issuer-signed JWT whose claims are
//! replaced by digests, the disclosures that reveal them, and optionally a Key Binding JWT by
//! the holder, joined by `~`:
//!
//! ```text
//! <Issuer-signed JWT>~<Disclosure 1>~...~<Disclosure N>~[<KB-JWT>]
//! ```
//!
//! [`parse`] splits and decodes one (the JWTs with [`crate::jose::token::decode`], so the
//! issuer's signature is verified like any JWS); [`resolve`] rebuilds the processed payload
//! and lists everything that makes a verifier reject it (section 7.1); [`verify_key_binding`]
//! checks the KB-JWT (section 7.3); [`issue`], [`present`] and [`bind`] make SD-JWTs, for the
//! page's editor and for tests. [`Summary`] says all of it in words.

mod alg;
mod disclosure;
mod error;
mod issue;
mod kb_error;
mod key_binding;
pub mod pointer;
mod rejection;
mod resolve;
mod summary;

use serde_json::{Map, Value};

pub use self::alg::SdAlg;
pub use self::disclosure::{Disclosure, FORBIDDEN_NAMES, SALT_BYTES, decoy_digest};
pub use self::error::{DisclosureError, SdJwtError};
pub use self::issue::{Concealed, conceal, issue};
pub use self::kb_error::KbError;
pub use self::key_binding::{
    DEFAULT_KB_LEEWAY_SECS, DEFAULT_KB_MAX_AGE_SECS, KB_TYP, KbClaims, KbDetail, KbExpectations,
    KeyBindingStatus, bind, verify_key_binding,
};
pub use self::rejection::Rejection;
pub use self::resolve::{MAX_DEPTH, Resolved, resolve};
pub use self::summary::Summary;
use crate::jose::JoseError;
use crate::jose::token::{self, DecodedToken, MAX_TOKEN_LEN};

/// A parsed SD-JWT or SD-JWT+KB. Nothing here has been verified.
#[derive(Clone, Debug, PartialEq)]
pub struct SdJwt {
    /// The input with surrounding and internal whitespace removed: what was parsed.
    pub text: String,
    /// Whether whitespace inside the text (line breaks of a wrapped copy) was removed.
    pub whitespace_removed: bool,
    /// The Issuer-signed JWT, decoded.
    pub issuer: DecodedToken,
    /// Its payload: a JSON object with `_sd` digests.
    pub payload: Map<String, Value>,
    /// The hash of the digests and of `sd_hash`.
    pub sd_alg: SdAlg,
    /// Whether `_sd_alg` names it (else SHA-256 is the default).
    pub sd_alg_explicit: bool,
    /// The disclosures, in the order given.
    pub disclosures: Vec<Disclosure>,
    /// The Key Binding JWT, decoded; `None` when the text ends with `~`.
    pub key_binding: Option<DecodedToken>,
}

impl SdJwt {
    /// The SD-JWT without its KB-JWT: up to and including the last `~`, exactly as given. Its
    /// hash is the KB-JWT's `sd_hash` (section 4.3.1).
    pub fn sd_jwt_part(&self) -> &str {
        let end = self.text.rfind('~').map_or(self.text.len(), |i| i + 1);
        self.text.get(..end).unwrap_or(&self.text)
    }

    /// The compact Issuer-signed JWT.
    pub fn issuer_jwt(&self) -> &str {
        self.text.split('~').next().unwrap_or_default()
    }

    /// The Issuer-signed JWT with the Processed SD-JWT Payload (the disclosures in place of
    /// their digests): the claims a verifier goes on to judge.
    pub fn processed_issuer(&self) -> DecodedToken {
        let mut issuer = self.issuer.clone();
        issuer.payload = resolve(self).payload;
        issuer
    }

    /// The disclosure with this digest.
    pub fn disclosure(&self, digest: &str) -> Option<&Disclosure> {
        self.disclosures.iter().find(|d| d.digest == digest)
    }
}

/// An SD-JWT as [`crate::jose::token::parse`] gives it: split, its Issuer-signed JWT decoded,
/// nothing else read. The disclosures are read by [`parse`] where they are needed (the page's
/// worker, the command line), so the page's first load carries none of it.
#[derive(Clone, Debug, PartialEq)]
pub struct SdJwtCompact {
    /// The text without whitespace: what [`parse`] reads.
    pub text: String,
    /// The Issuer-signed JWT, decoded.
    pub issuer: DecodedToken,
    /// How many disclosures follow it.
    pub disclosure_count: usize,
    /// Whether a Key Binding JWT ends it (else it ends with `~`).
    pub key_binding: bool,
}

/// Splits an SD-JWT and decodes its Issuer-signed JWT only ([`SdJwtCompact`]).
pub fn split(input: &str) -> Result<SdJwtCompact, JoseError> {
    let text: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let parts: Vec<&str> = text.split('~').collect();
    let issuer = token::decode(parts.first().copied().unwrap_or_default())?;
    Ok(SdJwtCompact {
        disclosure_count: parts.len().saturating_sub(2),
        key_binding: parts.last().is_some_and(|last| !last.is_empty()),
        issuer,
        text,
    })
}

/// The presentation `text` (an SD-JWT) without its disclosure at `index` (0-based, in the
/// order given), and so without its Key Binding JWT, whose `sd_hash` covered it: the holder
/// discloses less and signs a new one. `None` when there is no such disclosure. Only splits,
/// so the page can do it without [`parse`].
pub fn without_disclosure(text: &str, index: usize) -> Option<String> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut parts: Vec<&str> = text.split('~').collect();
    // [issuer JWT, disclosures…, KB-JWT or ""]
    let disclosures = parts.len().checked_sub(2)?;
    if index >= disclosures {
        return None;
    }
    parts.remove(index + 1);
    if let Some(last) = parts.last_mut() {
        *last = "";
    }
    Some(parts.join("~"))
}

/// Whether `text` is shaped like an SD-JWT: a three-part compact JWS, then `~`. Cheap, for
/// choosing how to show a pasted token before parsing it.
pub fn looks_like_sd_jwt(text: &str) -> bool {
    let Some((jwt, _)) = text.trim().split_once('~') else {
        return false;
    };
    let parts: Vec<&str> = jwt.split('.').collect();
    parts.len() == 3
        && parts.iter().take(2).all(|p| !p.trim().is_empty())
        && jwt
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.=+/".contains(c) || c.is_whitespace())
}

/// Splits and decodes an SD-JWT or SD-JWT+KB (section 4): the Issuer-signed JWT, each
/// disclosure with its digest under the payload's `_sd_alg`, and the KB-JWT when the last part
/// is not empty. Whitespace anywhere is removed first (base64url has none), so a wrapped copy
/// parses; the digests are taken over the disclosures without it.
pub fn parse(input: &str) -> Result<SdJwt, SdJwtError> {
    if input.len() > MAX_TOKEN_LEN {
        return Err(SdJwtError::TooLarge {
            len: input.len(),
            max: MAX_TOKEN_LEN,
        });
    }
    let trimmed = input.trim();
    let text: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    let whitespace_removed = text.len() != trimmed.len();
    let mut parts: Vec<&str> = text.split('~').collect();
    if parts.len() < 2 {
        return Err(SdJwtError::NoSeparator);
    }
    let last = parts.pop().unwrap_or_default();
    let issuer =
        token::decode(parts.first().copied().unwrap_or_default()).map_err(SdJwtError::IssuerJwt)?;
    let Value::Object(payload) = &issuer.payload else {
        return Err(SdJwtError::PayloadNotObject);
    };
    let payload = payload.clone();
    let (sd_alg, sd_alg_explicit) = SdAlg::of_payload(&payload)?;
    let disclosures = parts
        .iter()
        .skip(1)
        .enumerate()
        .map(|(i, encoded)| parse_disclosure(i + 1, encoded, sd_alg))
        .collect::<Result<Vec<_>, _>>()?;
    let key_binding = match last {
        "" => None,
        kb => Some(token::decode(kb).map_err(SdJwtError::KeyBindingJwt)?),
    };
    Ok(SdJwt {
        text,
        whitespace_removed,
        issuer,
        payload,
        sd_alg,
        sd_alg_explicit,
        disclosures,
        key_binding,
    })
}

fn parse_disclosure(position: usize, encoded: &str, alg: SdAlg) -> Result<Disclosure, SdJwtError> {
    if encoded.is_empty() {
        return Err(SdJwtError::EmptyDisclosure { position });
    }
    Disclosure::parse(encoded, alg).map_err(|reason| SdJwtError::Disclosure {
        position,
        excerpt: excerpt(encoded),
        reason,
    })
}

/// The first 16 characters of a disclosure, for messages.
fn excerpt(encoded: &str) -> String {
    match encoded.char_indices().nth(16) {
        Some((cut, _)) => format!("{}…", encoded.get(..cut).unwrap_or(encoded)),
        None => encoded.to_owned(),
    }
}

/// Which disclosure to keep in a presentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DisclosureRef {
    /// The disclosure with this digest.
    Digest(String),
    /// The disclosure at this 0-based position in [`SdJwt::disclosures`].
    Index(usize),
}

/// A presentation of `sd_jwt` (section 7.2) with only the disclosures in `keep`, in their
/// original order, ending with `~` (no Key Binding; add one with [`bind`]). A KB-JWT in the
/// input is dropped: it signed other disclosures. Whether each kept disclosure still connects
/// to the payload (a nested one needs its parent) is [`resolve`]'s to report.
pub fn present(sd_jwt: &str, keep: &[DisclosureRef]) -> Result<String, SdJwtError> {
    let parsed = parse(sd_jwt)?;
    let mut kept = vec![false; parsed.disclosures.len()];
    for wanted in keep {
        let found = match wanted {
            DisclosureRef::Digest(digest) => {
                parsed.disclosures.iter().position(|d| d.digest == *digest)
            }
            DisclosureRef::Index(i) => (*i < parsed.disclosures.len()).then_some(*i),
        };
        let slot = found.and_then(|i| kept.get_mut(i));
        match (slot, wanted) {
            (Some(slot), _) => *slot = true,
            (None, DisclosureRef::Digest(digest)) => {
                return Err(SdJwtError::UnknownDisclosure {
                    wanted: format!("with digest {digest}"),
                });
            }
            (None, DisclosureRef::Index(i)) => {
                return Err(SdJwtError::UnknownDisclosure {
                    wanted: format!("at index {i}"),
                });
            }
        }
    }
    let mut out = format!("{}~", parsed.issuer_jwt());
    for (disclosure, _) in parsed.disclosures.iter().zip(&kept).filter(|(_, k)| **k) {
        out.push_str(&disclosure.encoded);
        out.push('~');
    }
    Ok(out)
}

/// An SD-JWT over `payload` with an invalid signature, for tests that need no issuer.
#[cfg(test)]
pub(crate) fn unsigned(payload: &Value, disclosures: &[&str]) -> SdJwt {
    use crate::jose::base64url::encode;
    let header = encode(br#"{"alg":"ES256","typ":"example+sd-jwt"}"#);
    let body = encode(payload.to_string().as_bytes());
    let mut text = format!("{header}.{body}.c2ln~");
    for d in disclosures {
        text.push_str(d);
        text.push('~');
    }
    parse(&text).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::base64url::encode;
    use serde_json::json;

    const JWT: &str = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    #[test]
    fn recognises_sd_jwts() {
        assert!(looks_like_sd_jwt(&format!("{JWT}~")));
        assert!(looks_like_sd_jwt(&format!(" {JWT}~WyJ~{JWT}\n")));
        assert!(!looks_like_sd_jwt(JWT));
        assert!(!looks_like_sd_jwt("a.b~"));
        assert!(!looks_like_sd_jwt("{\"a\":\"~\"}.b.c~"));
    }

    #[test]
    fn splits_parts() {
        let d = encode(br#"["salt","sub","x"]"#);
        let sd = parse(&format!("{JWT}~{d}~\n")).unwrap();
        assert_eq!(sd.disclosures.len(), 1);
        assert!(sd.key_binding.is_none());
        assert_eq!(sd.sd_jwt_part(), format!("{JWT}~{d}~"));
        assert_eq!(sd.issuer_jwt(), JWT);
        assert_eq!((sd.sd_alg, sd.sd_alg_explicit), (SdAlg::Sha256, false));
        let with_kb = parse(&format!("{JWT}~{d}~{JWT}")).unwrap();
        assert_eq!(with_kb.key_binding.as_ref().unwrap().compact, JWT);
        assert_eq!(with_kb.sd_jwt_part(), format!("{JWT}~{d}~"));
        assert!(parse(&format!("{JWT}~")).unwrap().disclosures.is_empty());
    }

    #[test]
    fn refuses_malformed_sd_jwts() {
        assert_eq!(parse(JWT).unwrap_err(), SdJwtError::NoSeparator);
        assert!(matches!(
            parse("a.b~").unwrap_err(),
            SdJwtError::IssuerJwt(_)
        ));
        assert_eq!(
            parse(&format!("{JWT}~~")).unwrap_err(),
            SdJwtError::EmptyDisclosure { position: 1 }
        );
        let err = parse(&format!("{JWT}~WyJhIl0")).unwrap_err();
        assert!(matches!(err, SdJwtError::KeyBindingJwt(_)), "{err}");
        assert!(err.to_string().contains("ends with '~'"));
        let err = parse(&format!("{JWT}~{}~", encode(b"[1]"))).unwrap_err();
        assert!(matches!(err, SdJwtError::Disclosure { position: 1, .. }));
        let array = format!(
            "{}.{}.c2ln~",
            encode(b"{\"alg\":\"ES256\"}"),
            encode(b"[1]")
        );
        assert_eq!(parse(&array).unwrap_err(), SdJwtError::PayloadNotObject);
    }

    #[test]
    fn presents_a_subset() {
        let (a, b) = (encode(br#"["s1","a",1]"#), encode(br#"["s2","b",2]"#));
        let sd = unsigned(&json!({}), &[&a, &b]);
        let digest_b = sd.disclosures[1].digest.clone();
        let text = format!("{}{JWT}", sd.text);
        assert_eq!(
            present(&text, &[DisclosureRef::Digest(digest_b)]).unwrap(),
            format!("{}~{b}~", sd.issuer_jwt())
        );
        assert_eq!(
            present(&text, &[DisclosureRef::Index(0)]).unwrap(),
            format!("{}~{a}~", sd.issuer_jwt())
        );
        assert_eq!(
            present(&text, &[]).unwrap(),
            format!("{}~", sd.issuer_jwt())
        );
        assert!(matches!(
            present(&text, &[DisclosureRef::Index(2)]),
            Err(SdJwtError::UnknownDisclosure { .. })
        ));
    }
}
