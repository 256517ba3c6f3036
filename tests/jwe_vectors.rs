#![cfg(not(target_arch = "wasm32"))]
//! JWE decryption against published examples: RFC 7516 appendix A.1-A.3 (keys and tokens typed
//! in below) and every compact-serializable example of RFC 7520 section 5 (the ietf-jose
//! cookbook files in tests/vectors/jose-cookbook/jwe/, public domain).
//!
//! Skipped cookbook examples, by design: 5.10 (external `aad`), 5.11 (unprotected header
//! members), 5.12 (no protected header at all) and 5.13 (several recipients) exist only in the
//! JWE JSON serialization, which this tool does not read; the test asserts exactly these four
//! have no compact form.

mod jose_support;

use jwt_debugger::jose::jwe::{self, DecryptionKey, JweFinding};
use jwt_debugger::jose::token::{JweCompact, Token, parse};
use serde_json::Value;

fn jwe_of(compact: &str) -> JweCompact {
    match parse(compact) {
        Ok(Token::Jwe(jwe)) => jwe,
        other => panic!("not a JWE: {other:?}"),
    }
}

fn decrypt_text(compact: &str, key: &DecryptionKey) -> String {
    let mut rng = jose_support::rng(7);
    let out = jwe::decrypt(&jwe_of(compact), key, &mut rng).unwrap();
    String::from_utf8(out.plaintext).unwrap()
}

/// RFC 7516 appendix A.1: RSAES-OAEP and AES GCM.
#[test]
fn rfc7516_a1_rsa_oaep_a256gcm() {
    let key = DecryptionKey::parse(concat!(
        r#"{"kty":"RSA","#,
        r#""n":"oahUIoWw0K0usKNuOR6H4wkf4oBUXHTxRvgb48E-BVvxkeDNjbC4he8rUWcJoZmds2h7M70imEVhRU5djINXtqllXI4DFqcI1DgjT9LewND8MW2Krf3Spsk_ZkoFnilakGygTwpZ3uesH-PFABNIUYpOiN15dsQRkgr0vEhxN92i2asbOenSZeyaxziK72UwxrrKoExv6kc5twXTq4h-QChLOln0_mtUZwfsRaMStPs6mS6XrgxnxbWhojf663tuEQueGC-FCMfra36C9knDFGzKsNa7LZK2djYgyD3JR_MB_4NUJW_TqOQtwHYbxevoJArm-L5StowjzGy-_bq6Gw","#,
        r#""e":"AQAB","#,
        r#""d":"kLdtIj6GbDks_ApCSTYQtelcNttlKiOyPzMrXHeI-yk1F7-kpDxY4-WY5NWV5KntaEeXS1j82E375xxhWMHXyvjYecPT9fpwR_M9gV8n9Hrh2anTpTD93Dt62ypW3yDsJzBnTnrYu1iwWRgBKrEYY46qAZIrA2xAwnm2X7uGR1hghkqDp0Vqj3kbSCz1XyfCs6_LehBwtxHIyh8Ripy40p24moOAbgxVw3rxT_vlt3UVe4WO3JkJOzlpUf-KTVI2Ptgm-dARxTEtE-id-4OJr0h-K-VFs3VSndVTIznSxfyrj8ILL6MG_Uv8YAu7VILSB3lOW085-4qE3DzgrTjgyQ","#,
        r#""p":"1r52Xk46c-LsfB5P442p7atdPUrxQSy4mti_tZI3Mgf2EuFVbUoDBvaRQ-SWxkbkmoEzL7JXroSBjSrK3YIQgYdMgyAEPTPjXv_hI2_1eTSPVZfzL0lffNn03IXqWF5MDFuoUYE0hzb2vhrlN_rKrbfDIwUbTrjjgieRbwC6Cl0","#,
        r#""q":"wLb35x7hmQWZsWJmB_vle87ihgZ19S8lBEROLIsZG4ayZVe9Hi9gDVCOBmUDdaDYVTSNx_8Fyw1YYa9XGrGnDew00J28cRUoeBB_jKI1oma0Orv1T9aXIWxKwd4gvxFImOWr3QRL9KEBRzk2RatUBnmDZJTIAfwTs0g68UZHvtc","#,
        r#""dp":"ZK-YwE7diUh0qR1tR7w8WHtolDx3MZ_OTowiFvgfeQ3SiresXjm9gZ5KLhMXvo-uz-KUJWDxS5pFQ_M0evdo1dKiRTjVw_x4NyqyXPM5nULPkcpU827rnpZzAJKpdhWAgqrXGKAECQH0Xt4taznjnd_zVpAmZZq60WPMBMfKcuE","#,
        r#""dq":"Dq0gfgJ1DdFGXiLvQEZnuKEN0UUmsJBxkjydc3j4ZYdBiMRAy86x0vHCjywcMlYYg4yoC4YZa9hNVcsjqA3FeiL19rk8g6Qn29Tt0cj8qqyFpz9vNDBUfCAiJVeESOjJDZPYHdHY8v1b-o-Z2X5tvLx-TCekf7oxyeKDUqKWjis","#,
        r#""qi":"VIMpMYbPf47dT1w_zDUXfPimsSegnMOA1zTaX7aGk_8urY6R8-ZW1FxU7AlWAyLWybqq6t16VFd7hQd0y6flUK4SlOydB61gwanOsXGOAOv82cHq0E3eL4HrtZkUuKvnPrMnsUUFlfUdybVzxyjz9JF_XyaY14ardLSjf4L_FNY"}"#,
    ))
    .unwrap();
    let token = concat!(
        "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.",
        "OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe",
        "ipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDb",
        "Sv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaV",
        "mqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je8",
        "1860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi",
        "6UklfCpIMfIjf7iGdXKHzg.",
        "48V1_ALb6US04U3b.",
        "5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6ji",
        "SdiwkIr3ajwQzaBtQD_A.",
        "XFBoMYUZodetZdvTiFvSkQ",
    );
    assert_eq!(
        decrypt_text(token, &key),
        "The true sign of intelligence is not knowledge but imagination."
    );
}

/// RFC 7516 appendix A.2: RSAES-PKCS1-v1_5 and AES_128_CBC_HMAC_SHA_256 (decryption only).
#[test]
fn rfc7516_a2_rsa1_5_a128cbc_hs256() {
    let key = DecryptionKey::parse(concat!(
        r#"{"kty":"RSA","#,
        r#""n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw","#,
        r#""e":"AQAB","#,
        r#""d":"VFCWOqXr8nvZNyaaJLXdnNPXZKRaWCjkU5Q2egQQpTBMwhprMzWzpR8Sxq1OPThh_J6MUD8Z35wky9b8eEO0pwNS8xlh1lOFRRBoNqDIKVOku0aZb-rynq8cxjDTLZQ6Fz7jSjR1Klop-YKaUHc9GsEofQqYruPhzSA-QgajZGPbE_0ZaVDJHfyd7UUBUKunFMScbflYAAOYJqVIVwaYR5zWEEceUjNnTNo_CVSj-VvXLO5VZfCUAVLgW4dpf1SrtZjSt34YLsRarSb127reG_DUwg9Ch-KyvjT1SkHgUWRVGcyly7uvVGRSDwsXypdrNinPA4jlhoNdizK2zF2CWQ"}"#,
    ))
    .unwrap();
    let token = concat!(
        "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.",
        "UGhIOguC7IuEvf_NPVaXsGMoLOmwvc1GyqlIKOK1nN94nHPoltGRhWhw7Zx0-kFm",
        "1NJn8LE9XShH59_i8J0PH5ZZyNfGy2xGdULU7sHNF6Gp2vPLgNZ__deLKxGHZ7Pc",
        "HALUzoOegEI-8E66jX2E4zyJKx-YxzZIItRzC5hlRirb6Y5Cl_p-ko3YvkkysZIF",
        "NPccxRU7qve1WYPxqbb2Yw8kZqa2rMWI5ng8OtvzlV7elprCbuPhcCdZ6XDP0_F8",
        "rkXds2vE4X-ncOIM8hAYHHi29NX0mcKiRaD0-D-ljQTP-cFPgwCp6X-nZZd9OHBv",
        "-B3oWh2TbqmScqXMR4gp_A.",
        "AxY8DCtDaGlsbGljb3RoZQ.",
        "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.",
        "9hH0vgRfYgPnAHOd8stkvw",
    );
    let mut rng = jose_support::rng(7);
    let out = jwe::decrypt(&jwe_of(token), &key, &mut rng).unwrap();
    assert_eq!(out.plaintext, b"Live long and prosper.");
    assert_eq!(out.findings, [JweFinding::Rsa1_5Used]);
}

/// RFC 7516 appendix A.3: AES Key Wrap and AES_128_CBC_HMAC_SHA_256.
#[test]
fn rfc7516_a3_a128kw_a128cbc_hs256() {
    let key = DecryptionKey::parse(r#"{"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"}"#).unwrap();
    let token = concat!(
        "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.",
        "6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.",
        "AxY8DCtDaGlsbGljb3RoZQ.",
        "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.",
        "U0m_YmjN04DJvceFICbCVQ",
    );
    assert_eq!(decrypt_text(token, &key), "Live long and prosper.");
}

/// The decryption key of a cookbook example: its JWK, or for PBES2 its password.
fn cookbook_key(example: &Value) -> DecryptionKey {
    if let Some(password) = example["input"]["pwd"].as_str() {
        return DecryptionKey::password(password.as_bytes().to_vec());
    }
    let jwk = example["input"]["key"].as_object().expect("a JWK");
    DecryptionKey::from_jwk(jwk).expect("the cookbook key reads")
}

#[test]
fn every_compact_rfc7520_jwe_decrypts() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/jose-cookbook/jwe"
    );
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let (mut decrypted, mut json_only) = (Vec::new(), Vec::new());
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let example: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(compact) = example["output"]["compact"].as_str() else {
            json_only.push(name.split('.').next().unwrap_or_default().to_owned());
            continue;
        };
        let mut rng = jose_support::rng(1);
        let out = jwe::decrypt(&jwe_of(compact), &cookbook_key(&example), &mut rng)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            out.plaintext,
            example["input"]["plaintext"].as_str().unwrap().as_bytes(),
            "{name}"
        );
        assert_eq!(out.alg.as_str(), example["input"]["alg"], "{name}");
        assert_eq!(out.compressed, example["input"]["zip"] == "DEF", "{name}");
        decrypted.push(name);
    }
    assert_eq!(decrypted.len(), 9, "{decrypted:?}");
    assert_eq!(json_only, ["5_10", "5_11", "5_12", "5_13"]);
}

/// A cookbook token with one bit of its ciphertext flipped fails with the one opaque error.
#[test]
fn modified_cookbook_tokens_fail_opaquely() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/jose-cookbook/jwe/5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json"
    );
    let example: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut token = jwe_of(example["output"]["compact"].as_str().unwrap());
    let key = cookbook_key(&example);
    for part in 0..3 {
        let mut modified = token.clone();
        let bytes = match part {
            0 => &mut modified.encrypted_key,
            1 => &mut modified.ciphertext,
            _ => &mut modified.tag,
        };
        bytes[0] ^= 0x80;
        let err = jwe::decrypt(&modified, &key, &mut jose_support::rng(2)).unwrap_err();
        assert_eq!(err, jwe::JweError::DecryptionFailed, "part {part}");
    }
    token.header_b64.push('A');
    let err = jwe::decrypt(&token, &key, &mut jose_support::rng(2)).unwrap_err();
    assert_eq!(err, jwe::JweError::DecryptionFailed);
}
