//! What the page shows of a pasted token, whatever its kind: the token parsed once (a JWS, with
//! its detached payload attached, or a JWE), the Header and Payload texts, and the notes under
//! the token box. Pure functions, so the page's decode view is tested natively.

use crate::jose::JoseError;
use crate::jose::json_text::pretty;
use crate::jose::sdjwt::SdJwtCompact;
use crate::jose::token::{self, DecodedToken, JweCompact, Token};

/// The Encoded box's text parsed, with `detached_payload` as the content of a detached JWS.
pub fn parse_pasted(text: &str, detached_payload: &str) -> Result<Token, JoseError> {
    token::parse(text).map(|parsed| match parsed {
        Token::Jws(mut jws) => {
            jws.attach_payload(detached_payload);
            Token::Jws(jws)
        }
        other @ (Token::Jwe(_) | Token::SdJwt(_)) => other,
    })
}

/// The signed token, for what only a JWS has (a signature to verify, claims to review); a JWE
/// gives [`JoseError::EncryptedJwe`].
pub fn jws_of(parsed: &Result<Token, JoseError>) -> Result<DecodedToken, JoseError> {
    match parsed {
        Ok(token) => token.jws().cloned().ok_or(JoseError::EncryptedJwe),
        Err(e) => Err(e.clone()),
    }
}

/// `json` pretty-printed unless the user asked for it as encoded (or it is not JSON).
fn shown(json: &str, as_encoded: bool) -> String {
    if as_encoded {
        json.to_owned()
    } else {
        pretty(json).unwrap_or_else(|| json.to_owned())
    }
}

/// The Header and Payload texts of the Decode view. A JWE shows its protected header; its
/// payload stays empty until it is decrypted.
pub fn shown_json(parsed: &Result<Token, JoseError>, as_encoded: bool) -> (String, String) {
    match parsed {
        Ok(Token::Jws(t)) => (
            shown(&t.header_json, as_encoded),
            shown(&t.payload_json, as_encoded),
        ),
        Ok(Token::Jwe(t)) => (shown(&t.header_json, as_encoded), String::new()),
        Ok(Token::SdJwt(sd)) => (
            shown(&sd.issuer.header_json, as_encoded),
            shown(&sd.issuer.payload_json, as_encoded),
        ),
        Err(_) => (String::new(), String::new()),
    }
}

/// What a JWE is, for the note under the token.
fn jwe_note(jwe: &JweCompact) -> String {
    let name = |v: Option<&str>| v.map_or("(missing)".to_owned(), |v| format!("\"{v}\""));
    format!(
        "An encrypted token (JWE): alg {}, enc {}; {}-byte encrypted key, {}-byte IV, {}-byte ciphertext, {}-byte tag. Its payload stays hidden until it is decrypted.",
        name(jwe.alg()),
        name(jwe.enc()),
        jwe.encrypted_key.len(),
        jwe.iv.len(),
        jwe.ciphertext.len(),
        jwe.tag.len()
    )
}

/// What an SD-JWT is, for the note under the token.
fn sd_jwt_note(sd: &SdJwtCompact) -> String {
    let count = sd.disclosure_count;
    let binding = match sd.key_binding {
        true => "a Key Binding JWT",
        false => "no Key Binding JWT",
    };
    format!(
        "A selective-disclosure token (SD-JWT, RFC 9901): the Issuer-signed JWT, {count} disclosure{} and {binding}. Header, Payload and the Signature status are the Issuer-signed JWT's.",
        if count == 1 { "" } else { "s" }
    )
}

/// The notes under the token box in Decode mode, and the error that stops decoding (if any).
pub fn token_notes(parsed: &Result<Token, JoseError>, text: &str) -> (Vec<String>, Option<String>) {
    match parsed {
        Ok(Token::Jws(t)) => (t.diagnoses.iter().map(|d| d.message()).collect(), None),
        Ok(Token::Jwe(t)) => {
            let mut notes: Vec<String> = t.diagnoses.iter().map(|d| d.message()).collect();
            notes.push(jwe_note(t));
            (notes, None)
        }
        Ok(Token::SdJwt(sd)) => (vec![sd_jwt_note(sd)], None),
        Err(e) if !text.trim().is_empty() => (Vec::new(), Some(e.to_string())),
        Err(_) => (
            vec![
                "Paste a token above (header.payload.signature, with or without “Bearer ”), or switch to Encode to build one."
                    .to_owned(),
            ],
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7520 section 5.6: `dir` with A128GCM.
    const JWE: &str = "eyJhbGciOiJkaXIiLCJraWQiOiI3N2M3ZTJiOC02ZTEzLTQ1Y2YtODY3Mi02MTdiNWI0NTI0M2EiLCJlbmMiOiJBMTI4R0NNIn0..refa467QzzKx6QAB.JW_i_f52hww_ELQPGaYyeAB6HYGcR559l9TYnSovc23XJoBcW29rHP8yZOZG7YhLpT1bjFuvZPjQS-m0IFtVcXkZXdH_lr_FrdYt9HRUYkshtrMmIUAyGmUnd9zMDB2n0cRDIHAzFVeJUDxkUwVAE7_YGRPdcqMyiBoCO-FBdE-Nceb4h3-FtBP-c_BIwCPTjb9o0SbdcdREEMJMyZBH8ySWMVi1gPD9yxi-aQpGbSv_F9N4IZAxscj5g-NJsUPbjk29-s7LJAGb15wEBtXphVCgyy53CoIKLHHeJHXex45Uz9aKZSRSInZI-wjsY0yu3cT4_aQ3i1o-tiE-F8Ios61EKgyIQ4CWao8PFMj8TTnp.vbb32Xvllea2OtmHAdccRQ";

    #[test]
    fn a_jwe_shows_its_header_and_a_note_not_an_error() {
        let parsed = parse_pasted(JWE, "");
        let (header, payload) = shown_json(&parsed, false);
        assert!(header.starts_with("{\n  \"alg\": \"dir\","), "{header}");
        assert_eq!(payload, "");
        let (notes, error) = token_notes(&parsed, JWE);
        assert_eq!(error, None);
        assert!(
            notes[0].contains("alg \"dir\", enc \"A128GCM\""),
            "{notes:?}"
        );
        assert!(
            notes[0].contains("0-byte encrypted key, 12-byte IV"),
            "{notes:?}"
        );
        assert_eq!(jws_of(&parsed), Err(JoseError::EncryptedJwe));
    }

    #[test]
    fn a_jws_and_an_empty_box() {
        let jws = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
        let parsed = parse_pasted(jws, "ignored: the payload is attached");
        assert_eq!(
            shown_json(&parsed, true),
            ("{\"alg\":\"HS256\"}".into(), "{}".into())
        );
        assert!(jws_of(&parsed).is_ok());
        let (notes, error) = token_notes(&parse_pasted("", ""), "");
        assert!(notes[0].starts_with("Paste a token above"));
        assert_eq!(error, None);
        let (_, error) = token_notes(&parse_pasted("a.b", ""), "a.b");
        assert!(error.is_some());
    }
}
