//! `zip: "DEF"` (RFC 7516 section 4.1.3): raw DEFLATE (RFC 1951) of the plaintext before
//! encryption. Inflating is bounded, because a few hundred bytes of DEFLATE can expand to
//! gigabytes (a zip bomb) and the page would freeze or run out of memory.

use super::error::JweError;

/// The most bytes a compressed plaintext may inflate to: 1 MiB, far above any real token.
pub const MAX_INFLATED_BYTES: usize = 1024 * 1024;

/// The largest expansion ratio accepted once the output passes [`RATIO_FLOOR_BYTES`]. Real
/// JSON claims compress perhaps 10:1; DEFLATE's own maximum is about 1032:1.
pub const MAX_INFLATE_RATIO: usize = 200;

/// Below this output size the ratio is not checked: tiny inputs (a 20-byte DEFLATE stream of a
/// repetitive claim set) legitimately exceed the ratio.
pub const RATIO_FLOOR_BYTES: usize = 64 * 1024;

/// Inflates raw DEFLATE data within the limits.
pub(super) fn inflate(compressed: &[u8]) -> Result<Vec<u8>, JweError> {
    let ratio_limit = compressed
        .len()
        .saturating_mul(MAX_INFLATE_RATIO)
        .max(RATIO_FLOOR_BYTES);
    let limit = MAX_INFLATED_BYTES.min(ratio_limit);
    miniz_oxide::inflate::decompress_to_vec_with_limit(compressed, limit).map_err(|e| {
        match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => JweError::ZipBomb {
                max: MAX_INFLATED_BYTES,
                ratio: MAX_INFLATE_RATIO,
            },
            _ => JweError::InvalidDeflate,
        }
    })
}

/// Deflates the plaintext (raw DEFLATE, default level).
pub(super) fn deflate(plaintext: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(plaintext, 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let text = br#"{"sub":"1234567890","name":"John Doe","admin":true}"#;
        assert_eq!(inflate(&deflate(text)).unwrap(), text);
    }

    #[test]
    fn bomb_is_refused() {
        let bomb = deflate(&vec![0u8; 4 * MAX_INFLATED_BYTES]);
        assert!(bomb.len() < 8 * 1024, "{}", bomb.len());
        assert!(matches!(inflate(&bomb), Err(JweError::ZipBomb { .. })));
        // Under the absolute cap but far beyond the ratio.
        let dense = deflate(&vec![b'a'; 512 * 1024]);
        assert!(matches!(inflate(&dense), Err(JweError::ZipBomb { .. })));
    }

    #[test]
    fn garbage_is_invalid() {
        assert_eq!(inflate(&[0xff; 16]), Err(JweError::InvalidDeflate));
    }
}
