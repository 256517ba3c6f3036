//! Tests of `der.rs`: the PKCS#8 forms, the v2 public key and parameter checks, PEM labels.

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
