//! Base64url (RFC 4648 §5, unpadded, as RFC 7515 §2 requires) over the `base64` crate.
//!
//! [`decode`] is strict. [`decode_lenient`] also accepts the standard alphabet (`+`, `/`) and
//! trailing `=` padding, because tokens copied from logs or other tools often carry them, and
//! reports what it found so the caller can show it instead of silently fixing it. Both reject
//! non-zero unused trailing bits, so one byte string has exactly one accepted spelling per
//! alphabet (a verifier must not accept a modified signature that decodes to the same bytes).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Why a base64url string did not decode; `offset` is the byte offset within that string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base64Error {
    /// Byte offset of the offending character within the decoded string (or its length).
    pub offset: usize,
    /// What is wrong, in words.
    pub reason: String,
}

/// The result of [`decode_lenient`]: the bytes and which non-base64url spellings were found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LenientDecoded {
    /// The decoded bytes.
    pub bytes: Vec<u8>,
    /// `+` or `/` (standard base64 alphabet) occurred.
    pub standard_chars: bool,
    /// Trailing `=` padding occurred.
    pub padding: bool,
}

/// Encodes bytes as unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Strictly decodes unpadded base64url.
pub fn decode(s: &str) -> Result<Vec<u8>, Base64Error> {
    URL_SAFE_NO_PAD.decode(s).map_err(|e| convert(e, s.len()))
}

/// Decodes base64url, also accepting `+`, `/` and trailing `=` padding, and reports which it saw.
/// `=` anywhere but the end, or more than two of them, is still an error.
pub fn decode_lenient(s: &str) -> Result<LenientDecoded, Base64Error> {
    let unpadded = s.trim_end_matches('=');
    let pad_len = s.len() - unpadded.len();
    if pad_len > 2 {
        return Err(Base64Error {
            offset: unpadded.len(),
            reason: format!("{pad_len} '=' padding characters (at most 2 are possible)"),
        });
    }
    let standard_chars = unpadded.bytes().any(|b| b == b'+' || b == b'/');
    // Byte-for-byte translation keeps offsets in errors identical to the caller's input.
    let translated: String = unpadded
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            other => other,
        })
        .collect();
    let bytes = decode(&translated)?;
    if pad_len > 0 && !(unpadded.len() + pad_len).is_multiple_of(4) {
        return Err(Base64Error {
            offset: unpadded.len(),
            reason: "wrong amount of '=' padding for the length".to_owned(),
        });
    }
    Ok(LenientDecoded {
        bytes,
        standard_chars,
        padding: pad_len > 0,
    })
}

fn convert(e: base64::DecodeError, len: usize) -> Base64Error {
    use base64::DecodeError::*;
    match e {
        InvalidByte(offset, byte) => Base64Error {
            offset,
            reason: format!("invalid character {}", describe_byte(byte)),
        },
        InvalidLength(_) => Base64Error {
            offset: len,
            reason: format!("impossible length {len} (a length of 4n+1 cannot be base64)"),
        },
        InvalidLastSymbol(offset, byte) => Base64Error {
            offset,
            reason: format!(
                "last character {} has non-zero unused bits (not the canonical encoding)",
                describe_byte(byte)
            ),
        },
        InvalidPadding => Base64Error {
            offset: len,
            reason: "invalid padding".to_owned(),
        },
    }
}

fn describe_byte(byte: u8) -> String {
    if byte.is_ascii_graphic() {
        format!("'{}'", char::from(byte))
    } else {
        format!("0x{byte:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_round_trip_and_rejects_standard_alphabet() {
        let data = [0xfbu8, 0xff, 0xbf];
        assert_eq!(encode(&data), "-_-_");
        assert_eq!(decode("-_-_").unwrap(), data);
        let err = decode("+/+/").unwrap_err();
        assert_eq!(err.offset, 0);
        assert!(err.reason.contains("'+'"), "{}", err.reason);
    }

    #[test]
    fn lenient_reports_what_it_accepted() {
        let d = decode_lenient("+/+/").unwrap();
        assert_eq!(d.bytes, [0xfb, 0xff, 0xbf]);
        assert!(d.standard_chars && !d.padding);
        let d = decode_lenient("YQ==").unwrap();
        assert_eq!(d.bytes, b"a");
        assert!(d.padding && !d.standard_chars);
        assert!(decode_lenient("YQ=").is_err());
        assert!(decode_lenient("Y===").is_err());
        assert!(decode_lenient("Y=Q").is_err());
    }

    #[test]
    fn non_canonical_trailing_bits_rejected() {
        // "YR" decodes to 'a' only if unused bits are ignored; canonical is "YQ".
        let err = decode("YR").unwrap_err();
        assert_eq!(err.offset, 1);
        assert!(decode_lenient("YR==").is_err());
    }
}
