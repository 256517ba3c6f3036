//! HMAC secrets typed or pasted as UTF-8 text, base64url (or standard base64) or hex, and the
//! base64url decoding JWK members share with them.

use super::import::{MAX_KEY_INPUT_BYTES, parse_public_keys};
use super::{HmacSecret, PublicKey};
use crate::jose::{JoseError, base64url};

/// How the text of an HMAC secret is turned into bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SecretEncoding {
    /// The UTF-8 bytes of the text, exactly as typed (what jwt.io does by default).
    #[default]
    Utf8,
    /// Base64url (RFC 4648 section 5); standard base64, padding and line breaks are accepted too.
    Base64Url,
    /// Hexadecimal, upper or lower case; whitespace and a `0x` prefix are ignored.
    Hex,
}

impl SecretEncoding {
    /// The name shown to users and used in error messages.
    pub fn label(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "UTF-8",
            SecretEncoding::Base64Url => "base64url",
            SecretEncoding::Hex => "hex",
        }
    }
}

/// Decodes base64url or standard base64 (padding optional, whitespace ignored), as found in
/// pasted secrets, JWK members and bare DER; the message names the offending character.
pub(crate) fn decode_base64_any(text: &str) -> Result<Vec<u8>, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    base64url::decode_lenient(&compact)
        .map(|decoded| decoded.bytes)
        .map_err(|e| format!("{} at character {}", e.reason, e.offset + 1))
}

/// Turns the text of an HMAC secret into its bytes.
///
/// UTF-8 takes the text exactly as given (no trimming: a trailing space is part of a secret).
/// Base64url also accepts the standard alphabet (`+` `/`), `=` padding and whitespace, because
/// secrets are often printed by `openssl rand -base64`. An empty secret is an error.
pub fn parse_hmac_secret(text: &str, enc: SecretEncoding) -> Result<HmacSecret, JoseError> {
    if text.len() > MAX_KEY_INPUT_BYTES {
        return Err(JoseError::KeyInputTooLarge {
            len: text.len(),
            max: MAX_KEY_INPUT_BYTES,
        });
    }
    let invalid = |reason: String| JoseError::InvalidSecret {
        encoding: enc.label(),
        reason,
    };
    let bytes = match enc {
        SecretEncoding::Utf8 => text.as_bytes().to_vec(),
        SecretEncoding::Base64Url => decode_base64_any(text).map_err(invalid)?,
        SecretEncoding::Hex => decode_hex(text).map_err(invalid)?,
    };
    if bytes.is_empty() {
        return Err(invalid("the secret is empty".into()));
    }
    Ok(HmacSecret(bytes))
}

/// The asymmetric key that the text of an HMAC secret holds, if it holds one: a PEM public key,
/// certificate or private key, a JWK or JWKS with `kty` RSA, EC or OKP, or base64 DER. An HMAC
/// keyed with such bytes is the algorithm-confusion attack, so verification refuses it
/// ([`JoseError::SecretIsPublicKey`]). An RSA key refused for its size is returned as that
/// error: it is a key all the same, never a secret.
pub fn public_key_in_secret(text: &str) -> Result<Option<PublicKey>, JoseError> {
    match parse_public_keys(text) {
        Ok(candidates) => Ok(candidates
            .into_iter()
            .map(|c| c.key)
            .find(|key| !matches!(key, PublicKey::Hmac(_)))),
        Err(e @ JoseError::RsaKeyTooLarge { .. }) => Err(e),
        Err(_) => Ok(None),
    }
}

/// Hex digits to bytes, ignoring whitespace and one leading `0x`.
fn decode_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = match digits.as_slice() {
        ['0', 'x' | 'X', rest @ ..] => rest,
        all => all,
    };
    if digits.len() % 2 != 0 {
        return Err(format!("odd number of hex digits ({})", digits.len()));
    }
    digits
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| {
            let value = |c: &char| {
                c.to_digit(16).ok_or_else(|| {
                    format!("'{c}' is not a hex digit (byte {} of the secret)", i + 1)
                })
            };
            let (hi, lo) = match pair {
                [hi, lo] => (value(hi)?, value(lo)?),
                _ => return Err("odd number of hex digits".to_owned()),
            };
            // Both digits are below 16, so the byte cannot overflow.
            u8::try_from(hi * 16 + lo).map_err(|_| "hex digit out of range".to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str, enc: SecretEncoding) -> Vec<u8> {
        parse_hmac_secret(text, enc).unwrap().0
    }

    #[test]
    fn decodes_each_encoding() {
        assert_eq!(bytes("secret ", SecretEncoding::Utf8), b"secret ");
        assert_eq!(bytes("-_8", SecretEncoding::Base64Url), [0xfb, 0xff]);
        assert_eq!(bytes("+/8=\n", SecretEncoding::Base64Url), [0xfb, 0xff]);
        assert_eq!(
            bytes("0xDE ad\nbe EF", SecretEncoding::Hex),
            [0xde, 0xad, 0xbe, 0xef]
        );
    }

    #[test]
    fn reports_bad_input() {
        let err = parse_hmac_secret("abc", SecretEncoding::Hex).unwrap_err();
        assert!(err.to_string().contains("odd number"), "{err}");
        let err = parse_hmac_secret("zz", SecretEncoding::Hex).unwrap_err();
        assert!(err.to_string().contains("'z' is not a hex digit"), "{err}");
        let err = parse_hmac_secret("a*b", SecretEncoding::Base64Url).unwrap_err();
        assert!(matches!(
            err,
            JoseError::InvalidSecret {
                encoding: "base64url",
                ..
            }
        ));
        for enc in [
            SecretEncoding::Utf8,
            SecretEncoding::Base64Url,
            SecretEncoding::Hex,
        ] {
            assert!(parse_hmac_secret("", enc).is_err());
        }
    }
}
