//! An SD-JWT in words, for the command line and the page: its disclosures and where each
//! went, what a verifier would reject, and the Key Binding.

use std::fmt;

use super::{KbDetail, KeyBindingStatus, Resolved, SdJwt};

/// An SD-JWT, its processing and its Key Binding, shown together.
#[derive(Clone, Copy, Debug)]
pub struct Summary<'a> {
    /// The parsed SD-JWT.
    pub sd_jwt: &'a SdJwt,
    /// [`super::resolve`]'s result for it.
    pub resolved: &'a Resolved,
    /// [`super::verify_key_binding`]'s result for it.
    pub key_binding: &'a KeyBindingStatus,
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sd = self.sd_jwt;
        let count = sd.disclosures.len();
        let how = if sd.sd_alg_explicit {
            "_sd_alg"
        } else {
            "the default, no _sd_alg"
        };
        writeln!(
            f,
            "SD-JWT with {count} disclosure{}, digests {} ({how})",
            plural(count),
            sd.sd_alg
        )?;
        for (i, d) in sd.disclosures.iter().enumerate() {
            let place = match self.resolved.placements.get(i).cloned().flatten() {
                Some(path) => format!("at {path}"),
                None => "not used".to_owned(),
            };
            writeln!(
                f,
                "  #{} {} ({place}; digest {})",
                i + 1,
                d.describe(),
                d.digest
            )?;
        }
        let unmatched = self.resolved.unmatched_digests;
        if unmatched > 0 {
            writeln!(
                f,
                "  {unmatched} digest{} without a disclosure (decoys or undisclosed claims)",
                plural(unmatched)
            )?;
        }
        if self.resolved.is_valid() {
            writeln!(
                f,
                "Disclosures: all valid and referenced (RFC 9901 section 7.1)"
            )?;
        } else {
            writeln!(f, "Reject (RFC 9901 section 7.1):")?;
            for rejection in &self.resolved.rejections {
                writeln!(f, "  - {rejection}")?;
            }
        }
        write!(f, "Key Binding: {}", self.key_binding)
    }
}

impl fmt::Display for KeyBindingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyBindingStatus::None => f.write_str("none (the SD-JWT ends with '~')"),
            KeyBindingStatus::Verified(detail) => write!(f, "verified: {detail}"),
            KeyBindingStatus::Invalid(reason) => write!(f, "invalid: {reason}"),
        }
    }
}

impl fmt::Display for KbDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let checked = |yes: bool| if yes { "as expected" } else { "not checked" };
        write!(
            f,
            "{} signed by cnf.jwk ({}); aud \"{}\" ({}), nonce \"{}\" ({}), issued {} s before the time of verification, sd_hash matches",
            self.alg,
            self.key,
            self.aud,
            checked(self.aud_checked),
            self.nonce,
            checked(self.nonce_checked),
            self.age_secs
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::base64url::encode;
    use crate::jose::sdjwt::{KbError, SdAlg, resolve, unsigned};
    use serde_json::json;

    #[test]
    fn summarises_disclosures_rejections_and_key_binding() {
        let used = encode(br#"["s1","given_name","John"]"#);
        let stray = encode(br#"["s2","x",1]"#);
        let payload = json!({"_sd": [SdAlg::Sha256.digest(&used), SdAlg::Sha256.digest("d")]});
        let sd = unsigned(&payload, &[&used, &stray]);
        let resolved = resolve(&sd);
        let status = KeyBindingStatus::Invalid(KbError::NoHolderKey);
        let text = Summary {
            sd_jwt: &sd,
            resolved: &resolved,
            key_binding: &status,
        }
        .to_string();
        assert!(text.starts_with("SD-JWT with 2 disclosures, digests sha-256 (the default"));
        assert!(
            text.contains("#1 given_name: \"John\" (at /given_name; digest "),
            "{text}"
        );
        assert!(text.contains("#2 x: 1 (not used;"), "{text}");
        assert!(text.contains("1 digest without a disclosure"), "{text}");
        assert!(
            text.contains("Reject (RFC 9901 section 7.1):\n  - disclosure #2"),
            "{text}"
        );
        assert!(text.ends_with("Key Binding: invalid: the Issuer-signed JWT's payload has no cnf.jwk, so there is no holder key to check the KB-JWT with (other confirmation methods are not supported)"));
    }
}
