//! The two import entry points: [`parse_public_keys`] (verification keys from PEM, certificates,
//! base64 DER, JWK or JWKS) and [`parse_private_key`] (signing keys from PEM, base64 DER or JWK).
//! Both detect the format from the text itself, so one text box takes any of them.

use super::algorithm::EcCurve;
use super::der::{
    curve_from_ec_parameters, private_from_pkcs1, private_from_pkcs8, private_from_sec1,
    public_from_certificate, public_from_pkcs1, public_from_spki,
};
use super::jwk::Jwk;
use super::jwks::{JsonKeys, parse_json};
use super::pem::{PemBlock, looks_like_pem, pem_blocks};
use super::{PrivateKey, PublicKey};
use crate::jose::JoseError;

/// How many key texts have been parsed (every call of [`parse_public_keys_report`] and
/// [`parse_private_key`], which every key reading goes through).
static KEY_TEXT_PARSES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many key texts this process has parsed so far. The page must parse a key text once per
/// edit of that text, never per render or clock tick; the browser tests count with this.
pub fn key_text_parses() -> usize {
    KEY_TEXT_PARSES.load(std::sync::atomic::Ordering::Relaxed)
}

fn count_parse() {
    KEY_TEXT_PARSES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// The largest key text accepted (256 KiB): far above any real JWKS or certificate chain, small
/// enough that hostile input cannot make the page parse for long.
pub const MAX_KEY_INPUT_BYTES: usize = 256 * 1024;

/// A verification key found in the input, with what the input said about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyCandidate {
    /// The JWK `kid`, if the key came from a JWK or JWKS.
    pub kid: Option<String>,
    /// The JWK `alg`, if present.
    pub alg: Option<String>,
    /// The key.
    pub key: PublicKey,
    /// Where it came from: "PEM SPKI", "PEM PKCS#1", "X.509 certificate", "JWK", "JWKS key"…
    pub source: &'static str,
    /// 1-based position in the input when it holds several keys (PEM block or JWKS entry).
    pub index: Option<usize>,
}

impl KeyCandidate {
    /// "JWKS key #2 (kid \"abc\")", "PEM SPKI": a label for lists and messages.
    pub fn label(&self) -> String {
        let mut label = self.source.to_owned();
        if let Some(index) = self.index {
            label.push_str(&format!(" #{index}"));
        }
        if let Some(kid) = &self.kid {
            label.push_str(&format!(" (kid \"{kid}\")"));
        }
        label
    }
}

/// A part of the input that held no usable verification key, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedKey {
    /// Where: "JWKS key #3", "PEM block #2 (CERTIFICATE REQUEST)".
    pub position: String,
    /// The JWK `kid`, if there was one.
    pub kid: Option<String>,
    /// Why it was skipped.
    pub error: JoseError,
}

/// Everything [`parse_public_keys_report`] found: usable keys and skipped parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeySet {
    /// The usable keys, in input order.
    pub keys: Vec<KeyCandidate>,
    /// The parts that were skipped, in input order.
    pub skipped: Vec<SkippedKey>,
}

/// Every usable verification key in `text`: PEM (`PUBLIC KEY`, `RSA PUBLIC KEY`, `CERTIFICATE`,
/// or a private key, whose public half is taken), base64 DER (SPKI or certificate, e.g. an `x5c`
/// entry), a JWK or a JWKS. Unusable JWKS entries and PEM blocks are skipped; see
/// [`parse_public_keys_report`] for the reasons. Fails if nothing usable was found.
pub fn parse_public_keys(text: &str) -> Result<Vec<KeyCandidate>, JoseError> {
    parse_public_keys_report(text).map(|set| set.keys)
}

/// Like [`parse_public_keys`], also reporting what was skipped and why. The key list is never
/// empty: when nothing is usable, the first reason is returned as the error.
pub fn parse_public_keys_report(text: &str) -> Result<KeySet, JoseError> {
    count_parse();
    let text = bounded(text)?;
    if looks_like_json(text) {
        return match parse_json(text)? {
            JsonKeys::Single(value) => {
                let jwk = Jwk::new(&value)?;
                jwk.check_signature_use()?;
                Ok(KeySet {
                    keys: vec![KeyCandidate {
                        kid: jwk.optional_str("kid")?.map(str::to_owned),
                        alg: jwk.optional_str("alg")?.map(str::to_owned),
                        key: jwk.public_key()?,
                        source: "JWK",
                        index: None,
                    }],
                    skipped: Vec::new(),
                })
            }
            JsonKeys::Set(keys) => super::jwks::public_keys(&keys),
        };
    }
    if looks_like_pem(text) {
        return public_keys_from_pem(text);
    }
    let (key, source) = first_decoding(
        &base64_der(text)?,
        &[
            (public_from_certificate, "X.509 certificate (base64 DER)"),
            (public_from_spki, "SPKI (base64 DER)"),
        ],
    )?;
    Ok(KeySet {
        keys: vec![KeyCandidate {
            kid: None,
            alg: None,
            key,
            source,
            index: None,
        }],
        skipped: Vec::new(),
    })
}

/// The signing key in `text`: PEM (`PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, with
/// an optional `EC PARAMETERS` block first), base64 DER (PKCS#8, PKCS#1 or SEC1), or a private
/// JWK (also the first private key of a JWKS). An `oct` JWK gives an HMAC secret.
pub fn parse_private_key(text: &str) -> Result<PrivateKey, JoseError> {
    count_parse();
    let text = bounded(text)?;
    if looks_like_json(text) {
        return match parse_json(text)? {
            JsonKeys::Single(value) => Jwk::new(&value)?.private_key(),
            JsonKeys::Set(keys) => super::jwks::first_private_key(&keys),
        };
    }
    if looks_like_pem(text) {
        return private_key_from_pem(text);
    }
    first_decoding(
        &base64_der(text)?,
        &[
            (private_from_pkcs8, "PKCS#8"),
            (private_from_pkcs1, "PKCS#1"),
            (|der| private_from_sec1(der, None), "SEC1"),
        ],
    )
    .map(|(key, _)| key)
}

/// A DER decoder and the source name of what it decodes.
type Decoder<T> = (fn(&[u8]) -> Result<T, JoseError>, &'static str);

/// Bare DER carries no label, so each structure is tried in turn. The first success wins;
/// otherwise an error from a decoder that recognised its structure (e.g. "unsupported key
/// algorithm Ed448") is more useful than "not recognised".
fn first_decoding<T>(der: &[u8], decoders: &[Decoder<T>]) -> Result<(T, &'static str), JoseError> {
    let mut recognised_error = None;
    for (decode, source) in decoders {
        match decode(der) {
            Ok(value) => return Ok((value, source)),
            Err(JoseError::MalformedDer { .. }) => {}
            Err(e) => {
                recognised_error.get_or_insert(e);
            }
        }
    }
    Err(recognised_error.unwrap_or_else(not_recognised))
}

fn bounded(text: &str) -> Result<&str, JoseError> {
    if text.len() > MAX_KEY_INPUT_BYTES {
        return Err(JoseError::KeyInputTooLarge {
            len: text.len(),
            max: MAX_KEY_INPUT_BYTES,
        });
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(JoseError::EmptyKey);
    }
    Ok(text)
}

fn looks_like_json(text: &str) -> bool {
    text.starts_with(['{', '['])
}

fn not_recognised() -> JoseError {
    JoseError::UnrecognisedKey(
        "expected PEM (-----BEGIN …-----), a JWK or JWKS (JSON), or base64 DER".into(),
    )
}

/// Bare base64 (standard or url-safe, any wrapping) as DER, e.g. a JWK `x5c` entry.
fn base64_der(text: &str) -> Result<Vec<u8>, JoseError> {
    super::secret::decode_base64_any(text).map_err(|_| not_recognised())
}

/// How a PEM label is handled.
enum PemKind {
    Public(fn(&[u8]) -> Result<PublicKey, JoseError>, &'static str),
    Private(&'static str),
    EcParameters,
    Encrypted,
    Other,
}

fn pem_kind(label: &str) -> PemKind {
    match label {
        "PUBLIC KEY" => PemKind::Public(public_from_spki, "PEM SPKI"),
        "RSA PUBLIC KEY" => PemKind::Public(public_from_pkcs1, "PEM PKCS#1"),
        "CERTIFICATE" | "X509 CERTIFICATE" => {
            PemKind::Public(public_from_certificate, "X.509 certificate")
        }
        "PRIVATE KEY" => PemKind::Private("PEM PKCS#8 private key"),
        "RSA PRIVATE KEY" => PemKind::Private("PEM PKCS#1 private key"),
        "EC PRIVATE KEY" => PemKind::Private("PEM SEC1 private key"),
        "EC PARAMETERS" => PemKind::EcParameters,
        "ENCRYPTED PRIVATE KEY" => PemKind::Encrypted,
        _ => PemKind::Other,
    }
}

const ENCRYPTED_PKCS8: JoseError = JoseError::EncryptedPrivateKey {
    format: "PEM label ENCRYPTED PRIVATE KEY",
};

/// Decodes a private-key PEM block, using a preceding `EC PARAMETERS` curve if needed.
fn private_from_block(block: &PemBlock, curve: Option<EcCurve>) -> Result<PrivateKey, JoseError> {
    match block.label.as_str() {
        "PRIVATE KEY" => private_from_pkcs8(&block.der),
        "RSA PRIVATE KEY" => private_from_pkcs1(&block.der),
        _ => private_from_sec1(&block.der, curve),
    }
}

fn public_keys_from_pem(text: &str) -> Result<KeySet, JoseError> {
    let mut set = KeySet::default();
    let mut curve = None;
    for block in pem_blocks(text)? {
        let parsed = match pem_kind(&block.label) {
            PemKind::Public(decode, source) => decode(&block.der).map(|key| (key, source)),
            PemKind::Private(source) => {
                private_from_block(&block, curve).map(|private| (private.public_key(), source))
            }
            PemKind::EcParameters => {
                curve = curve_from_ec_parameters(&block.der).ok();
                continue;
            }
            PemKind::Encrypted => Err(ENCRYPTED_PKCS8),
            PemKind::Other => Err(JoseError::UnsupportedPemLabel {
                found: block.label.clone(),
                expected: "PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE or a private key",
            }),
        };
        match parsed {
            Ok((key, source)) => set.keys.push(KeyCandidate {
                kid: None,
                alg: None,
                key,
                source,
                index: Some(block.position),
            }),
            Err(error) => set.skipped.push(SkippedKey {
                position: format!("PEM block #{} ({})", block.position, block.label),
                kid: None,
                error,
            }),
        }
    }
    // A single block needs no position.
    if let [only] = set.keys.as_mut_slice()
        && set.skipped.is_empty()
    {
        only.index = None;
    }
    match set.skipped.first() {
        Some(first) if set.keys.is_empty() => Err(first.error.clone()),
        // Only blocks that hold no key at all (e.g. a lone EC PARAMETERS block): the key list
        // must never be empty, so say what was missing.
        None if set.keys.is_empty() => Err(JoseError::UnsupportedPemLabel {
            found: "EC PARAMETERS only".to_owned(),
            expected: "PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE or a private key",
        }),
        _ => Ok(set),
    }
}

fn private_key_from_pem(text: &str) -> Result<PrivateKey, JoseError> {
    let mut curve = None;
    let mut public_label = None;
    let mut other_label = None;
    for block in pem_blocks(text)? {
        match pem_kind(&block.label) {
            PemKind::Private(_) => return private_from_block(&block, curve),
            PemKind::EcParameters => curve = Some(curve_from_ec_parameters(&block.der)?),
            PemKind::Encrypted => return Err(ENCRYPTED_PKCS8),
            PemKind::Public(..) => public_label = public_label.or(Some(block.label)),
            PemKind::Other => other_label = other_label.or(Some(block.label)),
        }
    }
    if let Some(label) = public_label {
        return Err(JoseError::NotAPrivateKey {
            found: format!("public (PEM label {label})"),
        });
    }
    Err(JoseError::UnsupportedPemLabel {
        found: other_label.unwrap_or_else(|| "EC PARAMETERS".into()),
        expected: "PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY",
    })
}
