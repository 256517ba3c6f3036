//! ML-DSA keys in X.509 structures (RFC 9881): SPKI public keys (`AlgorithmIdentifier` with the
//! parameter set's OID and absent parameters, `subjectPublicKey` the encoded public key) and PKCS#8
//! private keys, whose `privateKey` holds the `ML-DSA-PrivateKey` CHOICE of RFC 9881 section 6:
//! `seed [0] IMPLICIT OCTET STRING`, `expandedKey OCTET STRING` or `both SEQUENCE { seed,
//! expandedKey }`. All three are read; the seed-only form is written, as OpenSSL 3.5 and the
//! `ml-dsa` crate write it. The ASN.1 is left to the `der`, `spki` and `pkcs8` crates.

use der::asn1::{ContextSpecific, OctetStringRef};
use der::{Decode, Encode, Reader, SliceReader, Tag, TagNumber};
use pkcs8::{EncodePrivateKey, LineEnding, PrivateKeyInfoRef};
use spki::{AlgorithmIdentifierRef, EncodePublicKey, ObjectIdentifier, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use super::expanded::{expanded_bytes, from_expanded_bytes, from_seed_and_expanded};
use super::key::{Level, Verifying, with_key, with_params};
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
    let bytes = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| MlDsaError::MalformedDer {
            structure: SPKI,
            reason: "the public key BIT STRING has unused bits".into(),
        })?;
    Ok((oid, Some(MlDsaPublicKey::from_bytes(params, bytes)?)))
}

/// The private key of a DER PKCS#8 `PrivateKeyInfo` if its OID is ML-DSA; `Ok(None)` for a
/// well-formed PKCS#8 key of another algorithm.
pub fn try_private_from_pkcs8_der(der: &[u8]) -> Result<Option<MlDsaPrivateKey>, MlDsaError> {
    pkcs8_parts(der).map(|(_, key)| key)
}

fn pkcs8_parts(der: &[u8]) -> Result<(ObjectIdentifier, Option<MlDsaPrivateKey>), MlDsaError> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(malformed(PKCS8))?;
    let oid = info.algorithm.oid;
    let Some(params) = MlDsaParams::from_oid(&oid) else {
        return Ok((oid, None));
    };
    check_no_parameters(info.algorithm.parameters.is_some(), PKCS8)?;
    let public = match &info.public_key {
        None => None,
        Some(bits) => Some(bits.as_bytes().ok_or_else(|| MlDsaError::MalformedDer {
            structure: PKCS8,
            reason: "the public key BIT STRING has unused bits".into(),
        })?),
    };
    let key = MlDsaPrivateKey::from_pkcs8_private_key(params, info.private_key.as_bytes(), public)?;
    Ok((oid, Some(key)))
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

    /// The DER SPKI, written by the `ml-dsa` crate (RFC 9881 section 4).
    pub fn to_spki_der(&self) -> Result<Vec<u8>, MlDsaError> {
        with_key!(Verifying, self.verifying(), k => k.to_public_key_der())
            .map(der::Document::into_vec)
            .map_err(|e| encoding_error("SPKI")(&e))
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
            Some(seed) => with_params!(params, seed_pkcs8(seed)),
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

fn seed_pkcs8<P: Level>(seed: &[u8; MlDsaParams::SEED_LEN]) -> pkcs8::Result<der::SecretDocument>
where
    ml_dsa::SigningKey<P>: EncodePrivateKey,
{
    let xi = Zeroizing::new(ml_dsa::Seed::from(*seed));
    ml_dsa::SigningKey::<P>::from_seed(&xi).to_pkcs8_der()
}

fn expanded_pkcs8(params: MlDsaParams, expanded: &[u8]) -> pkcs8::Result<der::SecretDocument> {
    let inner = Zeroizing::new(OctetStringRef::new(expanded)?.to_der()?);
    let algorithm = AlgorithmIdentifierRef {
        oid: params.oid(),
        parameters: None,
    };
    let info = PrivateKeyInfoRef::new(algorithm, OctetStringRef::new(&inner)?);
    Ok(der::SecretDocument::encode_msg(&info)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::asn1::{AnyRef, BitStringRef};

    fn info_der(
        params: MlDsaParams,
        parameters: Option<AnyRef<'_>>,
        inner: &[u8],
        public: Option<&[u8]>,
    ) -> Vec<u8> {
        let mut info = PrivateKeyInfoRef::new(
            AlgorithmIdentifierRef {
                oid: params.oid(),
                parameters,
            },
            OctetStringRef::new(inner).unwrap(),
        );
        info.public_key = public.map(|bytes| BitStringRef::new(0, bytes).unwrap());
        info.to_der().unwrap()
    }

    #[test]
    fn seed_only_is_the_54_byte_form() {
        let key = MlDsaPrivateKey::from_seed(MlDsaParams::Ml44, &[0x2a; 32]).unwrap();
        let der = key.to_pkcs8_der().unwrap();
        let mut expected = hex_prefix("3034020100300b0609608648016503040311042280 20");
        expected.extend([0x2a; 32]);
        assert_eq!(der.as_slice(), expected);
        assert_eq!(MlDsaPrivateKey::from_pkcs8_der(&der), Ok(key));
    }

    fn hex_prefix(text: &str) -> Vec<u8> {
        let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
        digits
            .chunks(2)
            .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
            .collect()
    }

    #[test]
    fn v2_public_key_and_parameters_are_checked() {
        let params = MlDsaParams::Ml65;
        let key = MlDsaPrivateKey::from_seed(params, &[5; 32]).unwrap();
        let seed_choice = hex_prefix("8020")
            .into_iter()
            .chain([5; 32])
            .collect::<Vec<u8>>();
        let public = key.public_key().as_bytes().to_vec();
        let good = info_der(params, None, &seed_choice, Some(&public));
        assert_eq!(MlDsaPrivateKey::from_pkcs8_der(&good), Ok(key.clone()));
        let mut wrong = public.clone();
        wrong[0] ^= 1;
        let bad = info_der(params, None, &seed_choice, Some(&wrong));
        assert!(matches!(
            MlDsaPrivateKey::from_pkcs8_der(&bad),
            Err(MlDsaError::PublicKeyMismatch { .. })
        ));
        let null = AnyRef::from(der::asn1::Null);
        let with_params = info_der(params, Some(null), &seed_choice, None);
        let err = MlDsaPrivateKey::from_pkcs8_der(&with_params).unwrap_err();
        assert!(err.to_string().contains("parameters"), "{err}");
    }

    #[test]
    fn unknown_choice_and_trailing_data_are_refused() {
        let params = MlDsaParams::Ml44;
        // [1] instead of [0], and an INTEGER.
        for inner in [hex_prefix("8101 00"), hex_prefix("0201 00")] {
            let err = MlDsaPrivateKey::from_pkcs8_der(&info_der(params, None, &inner, None));
            assert!(
                matches!(err, Err(MlDsaError::MalformedDer { .. })),
                "{err:?}"
            );
        }
        let mut seed_then_junk = hex_prefix("8020");
        seed_then_junk.extend([0; 32]);
        seed_then_junk.extend([5, 0]);
        let err = MlDsaPrivateKey::from_pkcs8_der(&info_der(params, None, &seed_then_junk, None));
        assert!(
            matches!(err, Err(MlDsaError::MalformedDer { .. })),
            "{err:?}"
        );
        let short_seed = hex_prefix("801f")
            .into_iter()
            .chain([0; 31])
            .collect::<Vec<u8>>();
        let err = MlDsaPrivateKey::from_pkcs8_der(&info_der(params, None, &short_seed, None));
        assert!(
            matches!(err, Err(MlDsaError::WrongLength { actual: 31, .. })),
            "{err:?}"
        );
    }

    #[test]
    fn pem_labels_are_checked() {
        let key = MlDsaPrivateKey::from_seed(MlDsaParams::Ml87, &[1; 32]).unwrap();
        let public_pem = key.public_key().to_pem().unwrap();
        assert!(public_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        assert!(matches!(
            MlDsaPrivateKey::from_pem(&public_pem),
            Err(MlDsaError::MalformedPem(_))
        ));
        assert!(matches!(
            MlDsaPublicKey::from_pem("not pem"),
            Err(MlDsaError::MalformedPem(_))
        ));
        let spki = key.public_key().to_spki_der().unwrap();
        assert_eq!(
            try_public_from_spki_der(&spki),
            Ok(Some(key.public_key().clone()))
        );
        assert_eq!(try_private_from_pkcs8_der(&spki).ok(), None);
    }
}
