//! The wording of each finding: a one-line title with the evidence, one sentence on why it
//! matters, and what to do.

use super::Finding;
use super::details::{CritProblem, EpkProblem, KidIssue};
use super::kinds::{FindingKind, PBES2_COUNT_REFUSED_ABOVE};
use crate::jose::algorithm::{Algorithm, Family, KeyType};
use crate::jose::claims::humanize_duration;

impl Finding {
    /// One line naming the problem and its evidence, e.g. `header "alg" is "NONE"`.
    pub fn title(&self) -> String {
        use FindingKind::*;
        match &self.kind {
            AlgNone { written } => format!("\"alg\" is \"{written}\": the token is unsigned"),
            AlgMissing => "the header has no \"alg\"".to_owned(),
            AlgNotString { found } => format!("\"alg\" is not a string: {found}"),
            AlgWrongCase { written, canonical } => {
                format!("\"alg\" is \"{written}\", not \"{canonical}\"")
            }
            CritPresent { names } if names.is_empty() => "\"crit\" header present".to_owned(),
            CritPresent { names } => format!("\"crit\" header lists: {}", names.join(", ")),
            CritInvalid { problems } => {
                let problems = join(problems, CritProblem::describe);
                format!("malformed \"crit\": {problems}")
            }
            KeyHeaderPresent { header } => {
                let name = header.name();
                format!("\"{name}\" header present (not fetched, not trusted)")
            }
            SuspiciousKid { issues } => {
                format!("suspicious \"kid\": {}", join(issues, KidIssue::describe))
            }
            UnusualTyp { typ } => format!("unusual \"typ\": {typ}"),
            TokenRepaired { repairs } => {
                let list: Vec<String> = repairs.iter().map(|d| d.message()).collect();
                format!("the token was repaired to decode: {}", list.join("; "))
            }
            ClaimNotNumeric { claim, found } => {
                format!("\"{}\" is not a NumericDate: {found}", claim.name())
            }
            ExpMissing => "no \"exp\": the token never expires".to_owned(),
            ExpNotAfterIat { exp, iat } => exp_not_after_iat_title(*exp, *iat),
            LongLifetime {
                lifetime_secs,
                max_secs,
                from_iat,
            } => lifetime_title(*lifetime_secs, *max_secs, *from_iat),
            NotYetValid { nbf, now } => {
                format!("not valid yet: \"nbf\" is in {}", span(*now, *nbf))
            }
            Expired { exp, now } => format!("expired {} ago", span(*exp, *now)),
            IatInFuture { iat, now } => format!("\"iat\" is {} in the future", span(*now, *iat)),
            EcdsaSignatureDer { .. } | EcdsaSignatureLength { .. } | EcdsaZeroComponent { .. } => {
                ecdsa_title(&self.kind)
            }
            HmacSecretTooShort {
                alg,
                secret_bytes,
                needed_bytes,
            } => format!(
                "{alg} secret is {secret_bytes} bytes; at least {needed_bytes} are required"
            ),
            RsaKeyTooSmall { bits } => format!("RSA key is {bits} bits, under 2048"),
            AlgKeyMismatch { alg, key } => alg_key_mismatch_title(alg, *key),
            DuplicateMember { part, names } => {
                format!("duplicate member names in the {part}: {}", names.join(", "))
            }
            SignatureEmpty { alg } => format!("the {alg} signature is empty"),
            SelfVouchingKey { header } => {
                let name = header.name();
                format!("the token carries its own verification key in \"{name}\"")
            }
            KeyAlgDiffers { alg, key_alg } => {
                format!("\"alg\" is {alg} but the key's JWK \"alg\" is \"{key_alg}\"")
            }
            DemoKey => "signed with the page's public demo key".to_owned(),
            JweRsa1_5
            | JwePbes2Count { .. }
            | JweCompressed { .. }
            | JweEpkInvalid { .. }
            | JweKeyLength { .. }
            | JweNestedWithoutCty => jwe_title(&self.kind),
        }
    }

    /// One sentence on why the finding matters.
    pub fn explanation(&self) -> String {
        use FindingKind::*;
        match &self.kind {
            AlgNone { .. } => "An unsigned token can be written by anyone; odd casing is a known trick to slip past checks that only compare against \"none\".",
            AlgMissing => "RFC 7515 makes \"alg\" mandatory: without it nothing says how the token is protected, and verifiers disagree on what to do.",
            AlgNotString { .. } => "RFC 7515 requires \"alg\" to be a string; libraries that coerce other values behave unpredictably.",
            AlgWrongCase { .. } => "\"alg\" is case-sensitive: strict verifiers reject this token while lenient ones accept it, and such disagreements are where bypasses hide.",
            CritPresent { .. } => "\"crit\" names extensions a verifier must understand or else reject the token; this tool implements only \"b64\" (RFC 7797) and refuses to verify other extensions, and many libraries silently ignore \"crit\".",
            CritInvalid { .. } => "RFC 7515 §4.1.11 requires \"crit\" to be a non-empty array of distinct extension names present in the header, so a conforming verifier must reject this token.",
            KeyHeaderPresent { header } if header.is_url() => "A verifier that fetches this URL checks the signature with whatever key the attacker hosts there; it is safe only against a fixed allow-list of URLs.",
            KeyHeaderPresent { .. } => "A verifier that trusts a key embedded in the token checks the signature with the attacker's own key; it is safe only if the key is matched against keys already trusted.",
            SuspiciousKid { .. } => "\"kid\" is attacker-controlled: if a verifier uses it in a file path or an SQL query, these characters can make it load a key the attacker chose.",
            UnusualTyp { .. } => "Not a weakness by itself, but a token typed for another purpose may be accepted where it was never meant to be (token confusion).",
            TokenRepaired { .. } => "The token shown is the repaired one; a strict JWS verifier rejects the text as given even if the signature matches.",
            ClaimNotNumeric { .. } => "RFC 7519 requires a NumericDate (seconds since 1970); verifiers either reject the token or, worse, skip the time check.",
            ExpMissing => "A token without \"exp\" is valid forever, so a leaked copy can be replayed indefinitely.",
            ExpNotAfterIat { .. } => "The token was already expired when it was issued, which points to a broken issuer clock or a hand-made token.",
            LongLifetime { .. } => "A long-lived bearer token widens the window in which a leaked copy can be replayed.",
            NotYetValid { .. } => "Verifiers reject the token until then; that is legitimate for tokens issued ahead of use, but often means the issuer's clock is ahead.",
            Expired { .. } => "Verifiers reject an expired token; this is the likely reason a request with it fails.",
            IatInFuture { .. } => "Tokens are not issued from the future: either the issuer's clock is skewed or the token was made to look fresh for longer.",
            EcdsaSignatureDer { .. } => "JWS requires the fixed-size r||s form (RFC 7518 §3.4), so a conforming verifier rejects a DER signature.",
            EcdsaSignatureLength { .. } => "An ECDSA signature of the wrong length cannot verify; it is truncated, padded or taken from another algorithm.",
            EcdsaZeroComponent { .. } => "An r or s of zero is never a valid ECDSA signature, yet some Java versions (CVE-2022-21449) accepted it for any message and any key.",
            HmacSecretTooShort { .. } => "Anyone holding one token can brute-force a short secret offline and then forge tokens at will.",
            RsaKeyTooSmall { .. } => "RSA keys under 2048 bits are disallowed by NIST and RFC 7518; 1024-bit keys are within reach of well-funded attackers and smaller ones are factorable.",
            AlgKeyMismatch { alg, key } if confusion(alg.family(), *key) => "A verifier that follows the header would use this public key, which anyone can read, as the HMAC secret, so anyone could forge tokens it accepts.",
            AlgKeyMismatch { .. } => "A verifier that trusts the header's \"alg\" over the key's type uses the key wrongly; a careful one rejects the token.",
            DuplicateMember { .. } => "JSON parsers disagree on duplicate names: some keep the first value, others the last, so the verifier and the application can read different claims from the same token.",
            SignatureEmpty { .. } => "A signing algorithm with an empty signature is an unsigned token in disguise; a verifier that treats an empty signature as \"nothing to check\" accepts forgeries.",
            SelfVouchingKey { .. } => "Whoever made the token chose the key it carries, so a signature that verifies with that key proves only that the token is self-consistent, not who made it.",
            KeyAlgDiffers { .. } => "RFC 7517 §4.4 binds a key to its \"alg\"; using it for another algorithm is how key-reuse and confusion attacks start, so verification refuses it.",
            DemoKey => "The demo key's private half is in this page's source code, so anyone can make tokens that verify with it.",
            JweRsa1_5 => "PKCS#1 v1.5 encryption is open to padding-oracle attacks: a recipient whose errors or timing differ on bad padding decrypts for the attacker (RFC 8725 §3.2).",
            JwePbes2Count { p2c } if *p2c > PBES2_COUNT_REFUSED_ABOVE => "The sender chooses the iteration count, so a huge one makes every decryption attempt a denial of service; this tool refuses it before any work.",
            JwePbes2Count { .. } => "Few PBKDF2 iterations make the password cheap to guess from the token alone; RFC 7518 asks for at least 1000.",
            JweCompressed { .. } => "Compressing secrets next to attacker-chosen data leaks them through the ciphertext length (RFC 8725 §3.6), and inflating untrusted data is where zip bombs go off.",
            JweEpkInvalid { .. } => "A recipient that computes with a point off its curve leaks its private key, bit by bit, to whoever chose the point (the invalid-curve attack), and a small-order X25519 key makes the agreed secret all zeros; this tool refuses to decrypt such a token.",
            JweKeyLength { .. } => "Each algorithm fixes its key length (RFC 7518), so a conforming recipient refuses this key, as this tool does; one that pads, truncates or hashes it silently changes the key's strength.",
            JweNestedWithoutCty => "RFC 7519 §5.2 asks for \"cty\": \"JWT\" on a nested JWT so the recipient knows the plaintext is a token whose signature it must check; without it an application may take the signed token for plain data and never verify it.",
        }
        .to_owned()
    }

    /// What to do about it.
    pub fn advice(&self) -> String {
        use FindingKind::*;
        match &self.kind {
            AlgNone { .. } => "Reject the token; configure the verifier with an explicit allow-list of algorithms that excludes none.".to_owned(),
            AlgMissing | AlgNotString { .. } => "Reject the token; the issuer must set \"alg\" to a registered algorithm name.".to_owned(),
            AlgWrongCase { canonical, .. } => format!("Have the issuer write \"{canonical}\" exactly; verify with a fixed algorithm rather than the header's."),
            CritPresent { .. } => "Check that your verifier understands every listed extension; if it does not, it must reject the token.".to_owned(),
            CritInvalid { .. } => "Reject the token; the issuer must list only extension names that are present in the header.".to_owned(),
            KeyHeaderPresent { header } => format!("Ignore \"{}\" or match it against an allow-list; verify with a key you already trust.", header.name()),
            SuspiciousKid { .. } => "Look keys up by exact match in a fixed key set; never build file paths or SQL from \"kid\".".to_owned(),
            UnusualTyp { .. } => "Check that this kind of token is meant for the place it is used; verifiers should check \"typ\" where types are defined.".to_owned(),
            TokenRepaired { .. } => "Use the token exactly as issued; fix whatever wrapped or re-encoded it.".to_owned(),
            ClaimNotNumeric { claim, .. } => format!("Have the issuer write \"{}\" as a number of seconds since 1970, not a string.", claim.name()),
            ExpMissing => "Issue tokens with an \"exp\" a short time after \"iat\".".to_owned(),
            ExpNotAfterIat { .. } => "Check the issuer's clock and how it computes \"exp\".".to_owned(),
            LongLifetime { .. } => "Issue short-lived tokens (minutes to hours) and refresh them.".to_owned(),
            NotYetValid { .. } | IatInFuture { .. } => "Check the issuer's clock (NTP); allow a small clock skew, a minute or two, in the verifier.".to_owned(),
            Expired { .. } => "Get a fresh token.".to_owned(),
            EcdsaSignatureDer { .. } => "Convert the signature to r||s (each integer left-padded to the curve size) when signing.".to_owned(),
            EcdsaSignatureLength { .. } => "Check that the whole token was copied and that the algorithm matches the key's curve.".to_owned(),
            EcdsaZeroComponent { .. } => "Reject the token; update Java (17.0.3, 11.0.15 or later) or whatever library accepted it.".to_owned(),
            HmacSecretTooShort { needed_bytes, .. } => format!("Use a random secret of at least {needed_bytes} bytes, not a password."),
            RsaKeyTooSmall { .. } => "Generate a new key of 2048 bits or more (3072 for use beyond 2030).".to_owned(),
            AlgKeyMismatch { .. } => "Verify with an algorithm fixed by configuration for this key, never the header's \"alg\".".to_owned(),
            DuplicateMember { .. } => "Reject the token; the issuer must write each member name once.".to_owned(),
            SignatureEmpty { .. } => "Reject the token; check that the verifier refuses empty signatures.".to_owned(),
            SelfVouchingKey { .. } => "Verify with a key you obtained independently (a configured key or the issuer's JWKS), never one taken from the token.".to_owned(),
            KeyAlgDiffers { .. } => "Verify with the key meant for this algorithm, or have the issuer sign with the key's algorithm.".to_owned(),
            DemoKey => "Never use the demo key for anything real: generate a key pair (Key generator) and sign with it.".to_owned(),
            JweRsa1_5 => "Encrypt with RSA-OAEP-256 instead; a recipient should refuse RSA1_5.".to_owned(),
            JwePbes2Count { p2c } if *p2c > PBES2_COUNT_REFUSED_ABOVE => "Reject the token; a sender needs no more than a few hundred thousand iterations.".to_owned(),
            JwePbes2Count { .. } => "Use a random key (A256KW or dir) instead of a password, or raise p2c to 10,000 or more.".to_owned(),
            JweCompressed { .. } => "Encrypt without \"zip\" unless nothing secret sits next to data an attacker controls.".to_owned(),
            JweEpkInvalid { .. } => "Reject the token; check that your JOSE library validates \"epk\" against the curve of your key (and refuses small-order X25519 keys) before using it.".to_owned(),
            JweKeyLength { expected, .. } => format!("Use a random key of exactly {expected} bytes; check that the key and the token's \"alg\"/\"enc\" belong together."),
            JweNestedWithoutCty => "Have the issuer set \"cty\": \"JWT\" when it encrypts a signed JWT; recipients should verify the inner signature either way.".to_owned(),
        }
    }
}

/// The titles of the ECDSA signature findings, apart so that `title` stays short.
fn ecdsa_title(kind: &FindingKind) -> String {
    use FindingKind::*;
    match kind {
        EcdsaSignatureDer { alg, len } => {
            format!("{alg} signature is ASN.1 DER ({len} bytes), not r||s")
        }
        EcdsaSignatureLength { alg, len, expected } => {
            format!("{alg} signature is {len} bytes; r||s is {expected} bytes")
        }
        EcdsaZeroComponent {
            alg,
            r_zero,
            s_zero,
        } => zero_component_title(alg, *r_zero, *s_zero),
        // Only the ECDSA kinds come here.
        other => other.id().to_owned(),
    }
}

/// The titles of the JWE findings, apart so that `title` stays short.
fn jwe_title(kind: &FindingKind) -> String {
    use FindingKind::*;
    match kind {
        JweRsa1_5 => "\"alg\" is \"RSA1_5\": PKCS#1 v1.5 key encryption".to_owned(),
        JwePbes2Count { p2c } => p2c_title(*p2c),
        JweCompressed { zip } => format!("\"zip\" is \"{zip}\": the plaintext is compressed"),
        JweEpkInvalid { problem } => epk_title(problem),
        JweKeyLength {
            alg,
            fixed_by,
            expected,
            found,
        } => format!("the {alg} key is {found} bytes; {fixed_by} needs {expected}"),
        JweNestedWithoutCty => {
            "the plaintext is a signed JWT, but the header has no \"cty\": \"JWT\"".to_owned()
        }
        // Only the JWE kinds come here.
        other => other.id().to_owned(),
    }
}

/// The title of a PBES2 count out of range.
fn p2c_title(p2c: u64) -> String {
    if p2c > PBES2_COUNT_REFUSED_ABOVE {
        format!("PBES2 \"p2c\" is {p2c}: refused, over {PBES2_COUNT_REFUSED_ABOVE}")
    } else {
        format!("PBES2 \"p2c\" is {p2c}: under 1000 iterations")
    }
}

/// The title of [`FindingKind::JweEpkInvalid`].
fn epk_title(problem: &EpkProblem) -> String {
    match problem {
        EpkProblem::NotOnCurve { crv } => {
            format!("ECDH-ES \"epk\" is not a point on {crv} (invalid-curve attack)")
        }
        EpkProblem::Unusable { reason } => format!("ECDH-ES \"epk\" is unusable: {reason}"),
    }
}

/// HS* with an asymmetric key: the classic algorithm-confusion attack.
fn confusion(family: Family, key: KeyType) -> bool {
    family == Family::Hmac && key != KeyType::Oct
}

fn join<T>(items: &[T], describe: fn(&T) -> String) -> String {
    items.iter().map(describe).collect::<Vec<_>>().join(", ")
}

/// The time from `from` to `to` (Unix seconds) in words; never negative.
fn span(from: i64, to: i64) -> String {
    humanize_duration(to.saturating_sub(from))
}

/// The title of [`FindingKind::ExpNotAfterIat`]: equal times, or how far `exp` is before `iat`.
fn exp_not_after_iat_title(exp: i64, iat: i64) -> String {
    if exp == iat {
        format!("\"exp\" equals \"iat\" ({exp}): expired when issued")
    } else {
        format!(
            "\"exp\" is {} before \"iat\": expired when issued",
            span(exp, iat)
        )
    }
}

/// The title of [`FindingKind::LongLifetime`].
fn lifetime_title(lifetime_secs: i64, max_secs: i64, from_iat: bool) -> String {
    let measured = if from_iat {
        "from \"iat\" to \"exp\""
    } else {
        "left until \"exp\""
    };
    format!(
        "lifetime of {} {measured} (more than {})",
        humanize_duration(lifetime_secs),
        humanize_duration(max_secs)
    )
}

/// The title of [`FindingKind::EcdsaZeroComponent`]: which of r and s is zero.
fn zero_component_title(alg: &Algorithm, r_zero: bool, s_zero: bool) -> String {
    let which = match (r_zero, s_zero) {
        (true, true) => "r and s",
        (true, false) => "r",
        _ => "s",
    };
    format!("{alg} signature has {which} = 0 (CVE-2022-21449, \"psychic signature\")")
}

/// The title of [`FindingKind::AlgKeyMismatch`], naming algorithm confusion when it is that.
fn alg_key_mismatch_title(alg: &Algorithm, key: KeyType) -> String {
    if confusion(alg.family(), key) {
        format!(
            "algorithm confusion: \"alg\" is {alg} but the key is {}",
            key.describe()
        )
    } else {
        format!("\"alg\" is {alg} but the key is {}", key.describe())
    }
}
