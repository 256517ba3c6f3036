//! Finding the PEM blocks in pasted text.
//!
//! Pasted keys are rarely a single strict RFC 7468 document: they come with leading spaces,
//! CRLF line ends, several blocks (`EC PARAMETERS` before `EC PRIVATE KEY`, a key followed by its
//! certificate), `openssl x509 -text` output before the block, or lines wrapped at 76 columns.
//! So the blocks are located line by line here and their bodies decoded by the shared base64
//! module (over the `base64` crate); the DER inside is left to `der.rs`.

use super::secret::decode_base64_any;
use crate::jose::JoseError;

/// One decoded PEM block.
pub(crate) struct PemBlock {
    /// The label, e.g. "PUBLIC KEY".
    pub label: String,
    /// The decoded DER.
    pub der: Vec<u8>,
    /// 1-based position of the block in the input, for messages.
    pub position: usize,
}

/// Label and size only: the DER may be a private key.
impl std::fmt::Debug for PemBlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PemBlock({}, {} bytes)", self.label, self.der.len())
    }
}

const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";
const DASHES: &str = "-----";

/// Does the text look like PEM at all?
pub(crate) fn looks_like_pem(text: &str) -> bool {
    text.contains(BEGIN)
}

/// All PEM blocks of `text`, in order. Text outside blocks is ignored.
pub(crate) fn pem_blocks(text: &str) -> Result<Vec<PemBlock>, JoseError> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = boundary_label(line, BEGIN) else {
            continue;
        };
        let position = blocks.len() + 1;
        let body = block_body(label, &mut lines)?;
        let der = decode_base64_any(&body)
            .map_err(|e| malformed(label, format!("the base64 body is invalid: {e}")))?;
        if der.is_empty() {
            return Err(malformed(label, "the block is empty".into()));
        }
        blocks.push(PemBlock {
            label: label.to_owned(),
            der,
            position,
        });
    }
    if blocks.is_empty() {
        return Err(malformed(
            "no block",
            "found \"-----BEGIN\" but no complete \"-----BEGIN <label>-----\" line".into(),
        ));
    }
    Ok(blocks)
}

fn malformed(label: &str, reason: String) -> JoseError {
    JoseError::MalformedPem {
        label: label.to_owned(),
        reason,
    }
}

/// "PUBLIC KEY" from "-----BEGIN PUBLIC KEY-----" (with `prefix` = BEGIN or END).
fn boundary_label<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.strip_prefix(prefix)?.strip_suffix(DASHES)
}

/// Collects the base64 body up to the matching END line, without whitespace.
fn block_body<'a>(
    label: &str,
    lines: &mut impl Iterator<Item = &'a str>,
) -> Result<String, JoseError> {
    let mut body = String::new();
    for line in lines.by_ref() {
        if let Some(end_label) = boundary_label(line, END) {
            if end_label != label {
                return Err(malformed(
                    label,
                    format!("it ends with \"-----END {end_label}-----\""),
                ));
            }
            return Ok(body);
        }
        if line.starts_with(BEGIN) {
            return Err(malformed(
                label,
                format!("a new block starts before \"-----END {label}-----\""),
            ));
        }
        if let Some((name, value)) = line.split_once(':') {
            // RFC 1421 headers, as written by `openssl rsa -des3` (traditional encryption).
            if name.trim().eq_ignore_ascii_case("Proc-Type") && value.contains("ENCRYPTED") {
                return Err(JoseError::EncryptedPrivateKey {
                    format: "legacy OpenSSL PEM encryption, Proc-Type: 4,ENCRYPTED",
                });
            }
            continue;
        }
        body.extend(line.chars().filter(|c| !c.is_whitespace()));
    }
    Err(malformed(
        label,
        format!("the \"-----END {label}-----\" line is missing (truncated paste?)"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_with_noise_and_crlf() {
        let text = "Certificate:\r\n  text\r\n  -----BEGIN A-----\r\n  AQID\r\nBA==\r\n-----END A-----\r\n\
                    -----BEGIN B C-----\nBQY\n-----END B C-----\n";
        let blocks = pem_blocks(text).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].label, "A");
        assert_eq!(blocks[0].der, [1, 2, 3, 4]);
        assert_eq!(blocks[1].label, "B C");
        assert_eq!(blocks[1].der, [5, 6]);
        assert_eq!(blocks[1].position, 2);
    }

    #[test]
    fn reports_truncation_mismatch_and_encryption() {
        let err = pem_blocks("-----BEGIN PUBLIC KEY-----\nAQID\n").unwrap_err();
        assert!(err.to_string().contains("missing"), "{err}");
        let err = pem_blocks("-----BEGIN X-----\nAQID\n-----END Y-----").unwrap_err();
        assert!(err.to_string().contains("END Y"), "{err}");
        let err = pem_blocks("-----BEGIN X-----\nA*ID\n-----END X-----").unwrap_err();
        assert!(matches!(err, JoseError::MalformedPem { .. }), "{err}");
        let err = pem_blocks(
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES\n\nAQID\n-----END RSA PRIVATE KEY-----",
        )
        .unwrap_err();
        assert!(matches!(err, JoseError::EncryptedPrivateKey { .. }));
    }
}
