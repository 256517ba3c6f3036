//! ML-DSA keys (`kty: "AKP"`, RFC 9964) in the family table, over `crate::jose::mldsa`.
//!
//! Public keys are data (a parameter set and the encoded key), so every front end reads, shows
//! and exports them. Private keys must be expanded from their seed and checked against any
//! public key given beside them, which is ML-DSA arithmetic: the front ends that link it (the
//! command line, the worker) call [`read_ml_dsa_private_keys`] once; where it is not called (the
//! page, which keeps the arithmetic out of its first load), reading one gives
//! [`JoseError::MlDsaPrivateKeyElsewhere`] and the page asks its worker, which answers with the
//! checked PKCS#8 and SPKI ([`MlDsaKeyPair::from_checked_der`]).

use std::sync::OnceLock;

use rand_core::CryptoRng;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::PrivateKey;
use crate::jose::algorithm::Algorithm;
use crate::jose::error::JoseError;
use crate::jose::mldsa::{self, MlDsaError, MlDsaParams, MlDsaPrivateKey, MlDsaPublicKey};
use crate::jose::verify::check_len;

/// An ML-DSA private key as the family table holds it: its public key and its PKCS#8 DER, both
/// checked when the key was read by the Rust engine (expanded from the seed, compared with any
/// public key given beside it). Data only, like [`MlDsaPublicKey`]: a signature expands the key
/// from the PKCS#8 again, so that holding a key costs the page no ML-DSA code. (Caching the
/// expanded key behind a trait object would save one expansion per signature in the worker,
/// 27% of ML-DSA-44's signing time natively (`cargo bench --bench core -- ml_dsa`), at 543
/// bytes of the page's wasm for the cache's clone and drop code: measured, not done.)
///
/// Equality compares the bytes: meant for tests and de-duplication, not for secrets from an
/// attacker.
#[derive(Clone, PartialEq, Eq)]
pub struct MlDsaKeyPair {
    public: MlDsaPublicKey,
    pkcs8: Zeroizing<Vec<u8>>,
}

impl MlDsaKeyPair {
    /// The pair of a key the Rust engine has expanded and checked.
    pub fn from_key(key: &MlDsaPrivateKey) -> Result<MlDsaKeyPair, JoseError> {
        Ok(MlDsaKeyPair {
            public: key.public_key().clone(),
            pkcs8: key.to_pkcs8_der()?,
        })
    }

    /// The pair from a PKCS#8 and an SPKI that the Rust engine has already checked belong
    /// together (the worker's answer to the page): their structure and parameter sets are read,
    /// nothing is expanded.
    pub fn from_checked_der(pkcs8: &[u8], spki: &[u8]) -> Result<MlDsaKeyPair, JoseError> {
        let public = MlDsaPublicKey::from_spki_der(spki)?;
        match mldsa::pkcs8_params_and_seed(pkcs8)? {
            Some((params, _)) if params == public.params() => Ok(MlDsaKeyPair {
                public,
                pkcs8: Zeroizing::new(pkcs8.to_vec()),
            }),
            _ => Err(MlDsaError::PublicKeyMismatch {
                alg: public.params().jose_name(),
                given: "SubjectPublicKeyInfo",
            }
            .into()),
        }
    }

    /// The parameter set.
    pub fn params(&self) -> MlDsaParams {
        self.public.params()
    }

    /// The public key.
    pub fn public_key(&self) -> &MlDsaPublicKey {
        &self.public
    }

    /// The PKCS#8 DER (seed-only when the seed is known, RFC 9881).
    pub(super) fn pkcs8(&self) -> &[u8] {
        &self.pkcs8
    }
}

/// The parameter set and the public key's thumbprint; never key material.
impl std::fmt::Debug for MlDsaKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "MlDsaKeyPair({}, public {})",
            self.params(),
            self.public.thumbprint()
        )
    }
}

/// The readers of ML-DSA private keys, registered by [`read_ml_dsa_private_keys`]. A function
/// pointer behind a static rather than a direct call, so that a front end that never registers
/// it links none of the arithmetic behind it.
/// Reads the `privateKey` of a PKCS#8 (and its v2 `publicKey`, if any) for a parameter set.
type Pkcs8Reader = fn(MlDsaParams, &[u8], Option<&[u8]>) -> Result<MlDsaKeyPair, JoseError>;

struct Readers {
    pkcs8: Pkcs8Reader,
    jwk: fn(&Map<String, Value>) -> Result<MlDsaKeyPair, JoseError>,
}

static READERS: OnceLock<Readers> = OnceLock::new();

/// Lets this program read ML-DSA private keys itself (expanding and checking them): called by
/// the front ends that do ML-DSA arithmetic anyway (the worker; natively it is always on).
pub fn read_ml_dsa_private_keys() {
    READERS.get_or_init(|| Readers {
        pkcs8: |params, bytes, public| {
            MlDsaKeyPair::from_key(&MlDsaPrivateKey::from_pkcs8_private_key(
                params, bytes, public,
            )?)
        },
        jwk: |jwk| MlDsaKeyPair::from_key(&MlDsaPrivateKey::from_jwk_members(jwk)?),
    });
}

fn readers(params: MlDsaParams) -> Result<&'static Readers, JoseError> {
    #[cfg(not(target_arch = "wasm32"))]
    read_ml_dsa_private_keys();
    READERS
        .get()
        .ok_or(JoseError::MlDsaPrivateKeyElsewhere(params))
}

/// The private key of a PKCS#8 `privateKey` (the RFC 9881 CHOICE), checked against the PKCS#8
/// v2 `publicKey` when there is one.
pub(super) fn private_from_pkcs8(
    params: MlDsaParams,
    bytes: &[u8],
    public: Option<&[u8]>,
) -> Result<PrivateKey, JoseError> {
    (readers(params)?.pkcs8)(params, bytes, public).map(PrivateKey::MlDsa)
}

/// The private key of an AKP JWK (`priv` the seed, which must expand to `pub`).
pub(super) fn private_from_jwk(
    params: MlDsaParams,
    jwk: &Map<String, Value>,
) -> Result<PrivateKey, JoseError> {
    (readers(params)?.jwk)(jwk).map(PrivateKey::MlDsa)
}

/// The JWS signature length of the key's parameter set (RFC 9964 section 5).
pub(super) fn precheck(
    alg: Algorithm,
    key: &MlDsaPublicKey,
    signature: &[u8],
) -> Result<(), JoseError> {
    check_len(alg, signature.len(), key.params().signature_len())
}

/// ML-DSA.Verify with the empty context.
pub(super) fn verify(key: &MlDsaPublicKey, input: &[u8], sig: &[u8]) -> Result<(), JoseError> {
    key.verify(input, sig).map_err(|e| match e {
        MlDsaError::SignatureMismatch(_) => JoseError::SignatureMismatch,
        other => other.into(),
    })
}

/// A hedged ML-DSA signature (FIPS 204's default, fresh randomness from `rng`), with the key
/// expanded from the PKCS#8.
pub(super) fn sign<R: CryptoRng + ?Sized>(
    pair: &MlDsaKeyPair,
    input: &[u8],
    rng: &mut R,
) -> Result<Vec<u8>, JoseError> {
    let key = MlDsaPrivateKey::from_pkcs8_der(pair.pkcs8())?;
    Ok(key.sign(input, rng)?)
}

/// `alg`, `kty` and `pub` (RFC 9964 section 6).
pub(super) fn members(key: &MlDsaPublicKey) -> Map<String, Value> {
    key.required_members()
}

/// The private JWK member `priv`, the seed (RFC 9964 section 4), read from the PKCS#8 without
/// expanding it. A key known only in its expanded form has no seed to write, and no `priv`.
pub(super) fn add_private_members(pair: &MlDsaKeyPair, add: &mut impl FnMut(&str, &[u8])) {
    if let Ok(Some((_, Some(seed)))) = mldsa::pkcs8_params_and_seed(pair.pkcs8()) {
        add("priv", seed.as_slice());
    }
}

/// The PKCS#8 document, as the other families give theirs.
pub(super) fn to_pkcs8_document(pair: &MlDsaKeyPair) -> pkcs8::Result<pkcs8::SecretDocument> {
    Ok(pkcs8::SecretDocument::try_from(pair.pkcs8())?)
}

/// The SPKI document.
pub(super) fn to_spki_document(key: &MlDsaPublicKey) -> spki::Result<::der::Document> {
    let der = key.to_spki_der().map_err(|_| spki::Error::KeyMalformed)?;
    Ok(::der::Document::try_from(der)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::keys::{KeyKind, generate, parse_private_key, parse_public_keys};
    use crate::jose::rng::seeded_rng;

    fn ml_dsa_44() -> MlDsaKeyPair {
        match generate(KeyKind::MlDsa44, &mut seeded_rng().unwrap()).unwrap() {
            PrivateKey::MlDsa(pair) => pair,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_page_rebuilds_the_workers_pair_from_its_der() {
        let pair = ml_dsa_44();
        let spki = pair.public_key().to_spki_der().unwrap();
        assert_eq!(
            MlDsaKeyPair::from_checked_der(pair.pkcs8(), &spki),
            Ok(pair.clone())
        );
        // Another parameter set's public key is not this key's.
        let other = match generate(KeyKind::MlDsa65, &mut seeded_rng().unwrap()).unwrap() {
            PrivateKey::MlDsa(other) => other.public_key().to_spki_der().unwrap(),
            other => panic!("{other:?}"),
        };
        assert!(matches!(
            MlDsaKeyPair::from_checked_der(pair.pkcs8(), &other),
            Err(JoseError::MlDsa(MlDsaError::PublicKeyMismatch { .. }))
        ));
    }

    #[test]
    fn private_jwk_round_trips_and_signs() {
        let key = PrivateKey::MlDsa(ml_dsa_44());
        let jwk = key.to_jwk();
        // `priv` is the 32-byte seed, read from the PKCS#8 without expanding the key.
        assert_eq!(jwk["priv"].as_str().map(str::len), Some(43));
        assert_eq!(parse_private_key(&jwk.to_string()), Ok(key.clone()));
        let public = &parse_public_keys(&jwk.to_string()).unwrap()[0].key;
        assert_eq!(*public, key.public_key());
        let mut rng = seeded_rng().unwrap();
        let sig = key.sign(Algorithm::MlDsa44, b"a.b", &mut rng).unwrap();
        assert_eq!(public.precheck(Algorithm::MlDsa44, &sig), Ok(()));
        assert_eq!(public.verify(Algorithm::MlDsa44, b"a.b", &sig), Ok(()));
        assert_eq!(
            public.verify(Algorithm::MlDsa44, b"a.c", &sig),
            Err(JoseError::SignatureMismatch)
        );
        assert!(matches!(
            public.precheck(Algorithm::MlDsa44, &sig[1..]),
            Err(JoseError::SignatureWrongLength { .. })
        ));
        // A public AKP JWK is not a private key: its `priv` is missing.
        let public_jwk = public.to_jwk().to_string();
        let err = parse_private_key(&public_jwk).unwrap_err().to_string();
        assert!(err.contains("\"priv\""), "{err}");
    }

    #[test]
    fn debug_prints_no_key_material() {
        let pair = ml_dsa_44();
        let debug = format!("{pair:?}");
        assert!(
            debug.starts_with("MlDsaKeyPair(ML-DSA-44, public "),
            "{debug}"
        );
        assert!(!debug.contains(&crate::jose::base64url::encode(pair.pkcs8())));
    }
}
