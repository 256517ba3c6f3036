//! ML-DSA keys in X.509 structures (RFC 9881): SPKI public keys (`AlgorithmIdentifier` with the
//! parameter set's OID and absent parameters, `subjectPublicKey` the encoded public key) and PKCS#8
//! private keys, whose `privateKey` holds the `ML-DSA-PrivateKey` CHOICE of RFC 9881 section 6:
//! `seed [0] IMPLICIT OCTET STRING`, `expandedKey OCTET STRING` or `both SEQUENCE { seed,
//! expandedKey }`. All three are read; the seed-only form is written, as OpenSSL 3.5 and the
//! `ml-dsa` crate write it. The ASN.1 is left to the `der`, `spki` and `pkcs8` crates.

use der::asn1::{BitStringRef, ContextSpecific, OctetStringRef};
use der::{Decode, Encode, Reader, SliceReader, Tag, TagNumber};
use pkcs8::{LineEnding, PrivateKeyInfoRef};
use spki::{AlgorithmIdentifierRef, ObjectIdentifier, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use super::expanded::{expanded_bytes, from_expanded_bytes, from_seed_and_expanded};
use super::key::{SeedBytes, seed_bytes};
use super::{MlDsaError, MlDsaParams, MlDsaPrivateKey, MlDsaPublicKey};

const SPKI: &str = "SubjectPublicKeyInfo (PUBLIC KEY)";
const PKCS8: &str = "PKCS#8 private key";
const CHOICE: &str = "ML-DSA private key (RFC 9881 ML-DSA-PrivateKey)";

/// The context-specific tag number of the `seed` alternative.
const SEED_TAG: TagNumber = TagNumber(0);

fn malformed(structure: &'static str) -> impl Fn(der::Error) -> MlDsaError {
    move |e| MlDsaError::MalformedDer {
        structure,
        reason: e.to_string(),
    }
}

/// RFC 9881 section 2: "the parameters field MUST be absent".
fn check_no_parameters(present: bool, structure: &'static str) -> Result<(), MlDsaError> {
    if present {
        Err(MlDsaError::MalformedDer {
            structure,
            reason: "the ML-DSA AlgorithmIdentifier has parameters; RFC 9881 requires none".into(),
        })
    } else {
        Ok(())
    }
}

/// The public key of a DER SPKI if its OID is ML-DSA; `Ok(None)` for a well-formed SPKI of
/// another algorithm, so a key reader can try the other families.
pub fn try_public_from_spki_der(der: &[u8]) -> Result<Option<MlDsaPublicKey>, MlDsaError> {
    spki_parts(der).map(|(_, key)| key)
}

fn spki_parts(der: &[u8]) -> Result<(ObjectIdentifier, Option<MlDsaPublicKey>), MlDsaError> {
    let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(malformed(SPKI))?;
    let oid = spki.algorithm.oid;
    let Some(params) = MlDsaParams::from_oid(&oid) else {
        return Ok((oid, None));
    };
    check_no_parameters(spki.algorithm.parameters.is_some(), SPKI)?;
    let bytes = octets(&spki.subject_public_key, SPKI)?;
    Ok((oid, Some(MlDsaPublicKey::from_bytes(params, bytes)?)))
}

/// The private key of a DER PKCS#8 `PrivateKeyInfo` if its OID is ML-DSA; `Ok(None)` for a
/// well-formed PKCS#8 key of another algorithm.
pub fn try_private_from_pkcs8_der(der: &[u8]) -> Result<Option<MlDsaPrivateKey>, MlDsaError> {
    pkcs8_parts(der).map(|(_, key)| key)
}

/// The parameter set and seed of a DER PKCS#8 ML-DSA key, read from its structure alone (no key
/// is expanded, nothing is checked beyond the ASN.1 and the sizes): `Ok(None)` for another
/// algorithm's key; the seed is `None` for the `expandedKey` form. For readers that only show or
/// forward a key checked elsewhere (the page, whose worker checks it).
pub fn pkcs8_params_and_seed(
    der: &[u8],
) -> Result<Option<(MlDsaParams, Option<SeedBytes>)>, MlDsaError> {
    let (info, Some(params)) = pkcs8_info(der)? else {
        return Ok(None);
    };
    let seed = match decode_choice(info.private_key.as_bytes())? {
        PrivateKeyChoice::Seed(seed) | PrivateKeyChoice::Both { seed, .. } => Some(seed),
        PrivateKeyChoice::Expanded(_) => None,
    };
    let seed = seed.map(|seed| seed_bytes(params, seed)).transpose()?;
    Ok(Some((params, seed)))
}

fn pkcs8_parts(der: &[u8]) -> Result<(ObjectIdentifier, Option<MlDsaPrivateKey>), MlDsaError> {
    let (info, params) = pkcs8_info(der)?;
    let oid = info.algorithm.oid;
    let Some(params) = params else {
        return Ok((oid, None));
    };
    let public = info
        .public_key
        .as_ref()
        .map(|bits| octets(bits, PKCS8))
        .transpose()?;
    let key = MlDsaPrivateKey::from_pkcs8_private_key(params, info.private_key.as_bytes(), public)?;
    Ok((oid, Some(key)))
}

/// A DER PKCS#8 taken apart, with the ML-DSA parameter set its OID names (its
/// `AlgorithmIdentifier` checked), or `None` for another algorithm's key.
fn pkcs8_info(der: &[u8]) -> Result<(PrivateKeyInfoRef<'_>, Option<MlDsaParams>), MlDsaError> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(malformed(PKCS8))?;
    let params = MlDsaParams::from_oid(&info.algorithm.oid);
    if params.is_some() {
        check_no_parameters(info.algorithm.parameters.is_some(), PKCS8)?;
    }
    Ok((info, params))
}

/// The bytes of a public key BIT STRING, which must have no unused bits.
fn octets<'a>(bits: &BitStringRef<'a>, structure: &'static str) -> Result<&'a [u8], MlDsaError> {
    bits.as_bytes().ok_or_else(|| MlDsaError::MalformedDer {
        structure,
        reason: "the public key BIT STRING has unused bits".into(),
    })
}

/// The three alternatives of RFC 9881's `ML-DSA-PrivateKey`.
enum PrivateKeyChoice<'a> {
    Seed(&'a [u8]),
    Expanded(&'a [u8]),
    Both { seed: &'a [u8], expanded: &'a [u8] },
}

/// RFC 9881 section 6: the tag tells the alternatives apart (0x80 seed, 0x04 expandedKey, 0x30
/// both); sizes are checked by the key constructors, which know the parameter set.
fn decode_choice(inner: &[u8]) -> Result<PrivateKeyChoice<'_>, MlDsaError> {
    let mut reader = SliceReader::new(inner).map_err(malformed(CHOICE))?;
    let tag = Tag::peek(&reader).map_err(malformed(CHOICE))?;
    let choice = match tag {
        Tag::ContextSpecific {
            constructed: false,
            number: SEED_TAG,
        } => ContextSpecific::<&OctetStringRef>::decode_implicit(&mut reader, SEED_TAG)
            .map_err(malformed(CHOICE))?
            .map(|seed| PrivateKeyChoice::Seed(seed.value.as_bytes())),
        Tag::OctetString => Some(PrivateKeyChoice::Expanded(
            reader
                .decode::<&OctetStringRef>()
                .map_err(malformed(CHOICE))?
                .as_bytes(),
        )),
        Tag::Sequence => Some(
            reader
                .sequence(|both| {
                    let seed = both.decode::<&OctetStringRef>()?.as_bytes();
                    let expanded = both.decode::<&OctetStringRef>()?.as_bytes();
                    Ok::<_, der::Error>(PrivateKeyChoice::Both { seed, expanded })
                })
                .map_err(malformed(CHOICE))?,
        ),
        _ => None,
    };
    let choice = choice.ok_or_else(|| MlDsaError::MalformedDer {
        structure: CHOICE,
        reason: format!(
            "expected seed [0], expandedKey (OCTET STRING) or both (SEQUENCE), found {tag}"
        ),
    })?;
    reader.finish().map_err(malformed(CHOICE))?;
    Ok(choice)
}

/// PEM text to DER, for exactly one block labelled `label` (RFC 7468, strict).
fn pem_to_der(text: &str, label: &'static str) -> Result<Zeroizing<Vec<u8>>, MlDsaError> {
    let (found, der) = der::pem::decode_vec(text.trim().as_bytes())
        .map_err(|e| MlDsaError::MalformedPem(e.to_string()))?;
    let der = Zeroizing::new(der);
    if found != label {
        return Err(MlDsaError::MalformedPem(format!(
            "expected a \"{label}\" block, found \"{found}\""
        )));
    }
    Ok(der)
}

fn encoding_error(format: &'static str) -> impl Fn(&dyn std::fmt::Display) -> MlDsaError {
    move |e| MlDsaError::Encoding {
        format,
        reason: e.to_string(),
    }
}

impl MlDsaPublicKey {
    /// A public key from a DER SPKI; another algorithm's SPKI gives [`MlDsaError::NotMlDsa`].
    pub fn from_spki_der(der: &[u8]) -> Result<MlDsaPublicKey, MlDsaError> {
        let (oid, key) = spki_parts(der)?;
        key.ok_or_else(|| MlDsaError::NotMlDsa(oid.to_string()))
    }

    /// A public key from `-----BEGIN PUBLIC KEY-----` PEM.
    pub fn from_pem(text: &str) -> Result<MlDsaPublicKey, MlDsaError> {
        Self::from_spki_der(&pem_to_der(text, "PUBLIC KEY")?)
    }

    /// The DER SPKI (RFC 9881 section 4: the parameter set's OID, parameters absent, the
    /// encoded key as the BIT STRING). Written from the bytes, without decoding the key.
    pub fn to_spki_der(&self) -> Result<Vec<u8>, MlDsaError> {
        let spki = SubjectPublicKeyInfoRef {
            algorithm: AlgorithmIdentifierRef {
                oid: self.params().oid(),
                parameters: None,
            },
            subject_public_key: BitStringRef::from_bytes(self.as_bytes())
                .map_err(|e| encoding_error("SPKI")(&e))?,
        };
        spki.to_der().map_err(|e| encoding_error("SPKI")(&e))
    }

    /// `-----BEGIN PUBLIC KEY-----` PEM, LF line ends, 64 columns (as `openssl pkey -pubout`).
    pub fn to_pem(&self) -> Result<String, MlDsaError> {
        der::pem::encode_string("PUBLIC KEY", LineEnding::LF, &self.to_spki_der()?)
            .map_err(|e| encoding_error("PEM")(&e))
    }
}

impl MlDsaPrivateKey {
    /// A private key from the contents of a PKCS#8 `privateKey` OCTET STRING (the RFC 9881
    /// CHOICE), checked against the PKCS#8 v2 `publicKey` if there is one. For key readers that
    /// have already taken the `PrivateKeyInfo` apart.
    pub fn from_pkcs8_private_key(
        params: MlDsaParams,
        private_key: &[u8],
        public_key: Option<&[u8]>,
    ) -> Result<MlDsaPrivateKey, MlDsaError> {
        let key = match decode_choice(private_key)? {
            PrivateKeyChoice::Seed(seed) => MlDsaPrivateKey::from_seed(params, seed)?,
            PrivateKeyChoice::Expanded(expanded) => from_expanded_bytes(params, expanded)?,
            PrivateKeyChoice::Both { seed, expanded } => {
                from_seed_and_expanded(params, seed, expanded)?
            }
        };
        if public_key.is_some_and(|public| public != key.public_key().as_bytes()) {
            return Err(MlDsaError::PublicKeyMismatch {
                alg: params.jose_name(),
                given: "PKCS#8 publicKey field",
            });
        }
        Ok(key)
    }

    /// A private key from a DER PKCS#8 `PrivateKeyInfo` in any of the three RFC 9881 forms;
    /// another algorithm's key gives [`MlDsaError::NotMlDsa`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<MlDsaPrivateKey, MlDsaError> {
        let (oid, key) = pkcs8_parts(der)?;
        key.ok_or_else(|| MlDsaError::NotMlDsa(oid.to_string()))
    }

    /// A private key from `-----BEGIN PRIVATE KEY-----` PEM.
    pub fn from_pem(text: &str) -> Result<MlDsaPrivateKey, MlDsaError> {
        Self::from_pkcs8_der(&pem_to_der(text, "PRIVATE KEY")?)
    }

    /// The DER PKCS#8: the seed-only form (RFC 9881 `seed [0]`, 54 bytes, what OpenSSL 3.5 and
    /// the `ml-dsa` crate write); for a key imported without its seed, the `expandedKey` form,
    /// the only one that can hold it.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, MlDsaError> {
        let params = self.params();
        let document = match self.seed() {
            Some(seed) => seed_pkcs8(params, seed),
            None => expanded_pkcs8(params, &expanded_bytes(self)),
        };
        document
            .map(|doc| Zeroizing::new(doc.as_bytes().to_vec()))
            .map_err(|e| encoding_error("PKCS#8")(&e))
    }

    /// `-----BEGIN PRIVATE KEY-----` PEM of [`MlDsaPrivateKey::to_pkcs8_der`].
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>, MlDsaError> {
        der::pem::encode_string("PRIVATE KEY", LineEnding::LF, &self.to_pkcs8_der()?)
            .map(Zeroizing::new)
            .map_err(|e| encoding_error("PEM")(&e))
    }
}

/// The seed-only form, `seed [0] IMPLICIT OCTET STRING`, written from the seed itself (no key is
/// expanded to write it).
fn seed_pkcs8(params: MlDsaParams, seed: &SeedBytes) -> pkcs8::Result<der::SecretDocument> {
    let choice = ContextSpecific {
        tag_number: SEED_TAG,
        tag_mode: der::TagMode::Implicit,
        value: OctetStringRef::new(seed.as_slice())?,
    };
    pkcs8_of(params, &Zeroizing::new(choice.to_der()?))
}

fn expanded_pkcs8(params: MlDsaParams, expanded: &[u8]) -> pkcs8::Result<der::SecretDocument> {
    pkcs8_of(
        params,
        &Zeroizing::new(OctetStringRef::new(expanded)?.to_der()?),
    )
}

/// A PKCS#8 v1 `PrivateKeyInfo` whose `privateKey` holds `choice` (RFC 9881 section 6).
fn pkcs8_of(params: MlDsaParams, choice: &[u8]) -> pkcs8::Result<der::SecretDocument> {
    let algorithm = AlgorithmIdentifierRef {
        oid: params.oid(),
        parameters: None,
    };
    let info = PrivateKeyInfoRef::new(algorithm, OctetStringRef::new(choice)?);
    Ok(der::SecretDocument::encode_msg(&info)?)
}

#[cfg(test)]
#[path = "der_tests.rs"]
mod tests;
