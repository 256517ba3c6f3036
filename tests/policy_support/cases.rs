//! The policy table: tokens, policies, moments and the expected answer, one [`Case`] each.
//!
//! Every token is signed here with fixed keys (the RSA 2048 and P-256 keys of
//! tests/fixtures/openssl, an HS256 secret), so the table is the same on every run. Times are
//! relative to [`T0`] (2026-01-01T00:00:00Z): a base token is issued at `T0`, expires an hour
//! later, and is judged ten minutes in.

use jwt_debugger::jose::gateway;
use jwt_debugger::jose::policy::{DpopRules, Policy, Preset, PresetInputs, access_token_hash};
use serde_json::{Map, Value, json};

/// 2026-01-01T00:00:00Z.
pub const T0: i64 = 1_767_225_600;
/// The base token's lifetime.
pub const HOUR: i64 = 3600;
/// When a base case is judged.
pub const AT: i64 = T0 + 600;
pub const ISS: &str = "https://issuer.example";
pub const SUB: &str = "user-42";
pub const AUD: &str = "api://orders";
/// The Amplify Central Application ID, and the `kid` its key is registered under.
pub const APP: &str = "8a2e5f1c-3b4d-4e6f-9a7b-0c1d2e3f4a5b";
pub const KID: &str = "gateway-key-1";
/// The HS256 secret (`JWT_SECRET` for the exported code).
pub const SECRET: &str = "a-shared-secret-of-at-least-32-bytes";
pub const NONCE: &str = "n-0S6_WzA2Mj";
pub const CLIENT: &str = "client-123";
pub const HTU: &str = "https://server.example/token";
pub const ACCESS_TOKEN: &str = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";

/// What signs a case's token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signer {
    /// The RSA key (`public.pem` and the `jwks.json` entry verify it).
    Rsa,
    /// The P-256 key (DPoP proofs carry its public JWK; nothing else verifies it).
    P256,
    /// HMAC with [`SECRET`].
    Secret,
    /// HMAC with the bytes of `public.pem`: the algorithm confusion attack.
    PublicPemAsSecret,
}

/// A library whose exported code judges the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Library {
    PyJwt,
    NodeJose,
}

/// A library that refuses what the policy accepts, documented.
#[derive(Clone)]
pub struct Stricter {
    pub library: Library,
    /// Why the library refuses.
    pub why: &'static str,
    /// What its error says (a substring).
    pub error: &'static str,
}

/// One row of the table.
#[derive(Clone)]
pub struct Case {
    pub name: &'static str,
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    pub signer: Signer,
    /// Change one signature character after signing.
    pub tampered: bool,
    /// A DPoP proof whose `jwk` header is the private JWK (else the public one).
    pub private_jwk: bool,
    pub policy: Policy,
    /// The moment judged, Unix seconds.
    pub at: i64,
    /// The core's answer (and every library's, unless it is stricter here).
    pub accept: bool,
    /// For a rejected case, the core rule that must fail (its `RuleOutcome` id).
    pub fails: Option<&'static str>,
    /// Libraries that reject what the policy accepts: the library, why, and the error it must
    /// refuse with.
    pub stricter: Vec<Stricter>,
}

impl Case {
    fn new(name: &'static str, policy: Policy) -> Case {
        Case {
            name,
            header: object(json!({"alg": "RS256", "typ": "JWT"})),
            claims: object(
                json!({"iss": ISS, "sub": SUB, "aud": AUD, "iat": T0, "exp": T0 + HOUR}),
            ),
            signer: Signer::Rsa,
            tampered: false,
            private_jwk: false,
            policy,
            at: AT,
            accept: true,
            fails: None,
            stricter: Vec::new(),
        }
    }

    fn at(mut self, at: i64) -> Case {
        self.at = at;
        self
    }

    fn claim(mut self, name: &str, value: Value) -> Case {
        self.claims.insert(name.to_owned(), value);
        self
    }

    fn without(mut self, name: &str) -> Case {
        self.claims.remove(name);
        self
    }

    fn header(mut self, name: &str, value: Value) -> Case {
        self.header.insert(name.to_owned(), value);
        self
    }

    fn without_header(mut self, name: &str) -> Case {
        self.header.remove(name);
        self
    }

    fn signed(mut self, signer: Signer, alg: &str) -> Case {
        self.signer = signer;
        self.header("alg", json!(alg))
    }

    /// The policy rejects the case: the core's rule `rule` fails (others may too).
    fn fails(mut self, rule: &'static str) -> Case {
        self.accept = false;
        self.fails = Some(rule);
        self
    }

    fn stricter(mut self, library: Library, why: &'static str, error: &'static str) -> Case {
        self.stricter.push(Stricter {
            library,
            why,
            error,
        });
        self
    }
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// RS256, the issuer and the audience: what most APIs check.
fn basic() -> Policy {
    Policy {
        algorithms: strings(&["RS256"]),
        issuer: Some(ISS.to_owned()),
        audience: strings(&[AUD]),
        ..Policy::default()
    }
}

fn with(change: impl FnOnce(&mut Policy)) -> Policy {
    let mut policy = basic();
    change(&mut policy);
    policy
}

fn preset(preset: Preset, inputs: PresetInputs) -> Policy {
    preset
        .policy(&inputs)
        .unwrap_or_else(|e| panic!("{preset:?}: {e}"))
}

/// Every case, in the order the report lists them.
pub fn all() -> Vec<Case> {
    [
        time_cases(),
        claim_cases(),
        header_cases(),
        preset_cases(),
        dpop_cases(),
    ]
    .concat()
}

fn time_cases() -> Vec<Case> {
    let exp = T0 + HOUR;
    let leeway = |seconds| with(|p| p.leeway = seconds);
    let iat_required = |seconds| {
        with(|p| {
            p.required_claims = strings(&["iat"]);
            p.leeway = seconds;
        })
    };
    vec![
        Case::new("every rule met", basic()),
        Case::new("expired by one second", basic())
            .fails("exp")
            .at(exp + 1),
        Case::new("exactly at exp", basic()).fails("exp").at(exp),
        Case::new("one second before exp", basic()).at(exp - 1),
        Case::new("expired, within the leeway", leeway(60)).at(exp + 59),
        Case::new("expired, leeway used up", leeway(60))
            .fails("exp")
            .at(exp + 60),
        Case::new("nbf in the future", basic())
            .fails("nbf")
            .claim("nbf", json!(AT + 10)),
        Case::new("nbf within the leeway", leeway(30)).claim("nbf", json!(AT + 10)),
        Case::new("nbf exactly now", basic()).claim("nbf", json!(AT)),
        Case::new("iat in the future", iat_required(0))
            .fails("iat")
            .claim("iat", json!(AT + 120))
            .claim("exp", json!(AT + HOUR)),
        Case::new("iat in the future, within the leeway", iat_required(60))
            .claim("iat", json!(AT + 30)),
        Case::new("iat in the future, the policy silent on iat", basic())
            .claim("iat", json!(AT + 120))
            .claim("exp", json!(AT + HOUR))
            .stricter(
                Library::PyJwt,
                "PyJWT always refuses an iat in the future, whether the policy checks iat or not",
                "ImmatureSignatureError",
            ),
        Case::new(
            "lifetime over the maximum",
            with(|p| p.max_lifetime = Some(HOUR as u64 - 1)),
        )
        .fails("lifetime"),
        Case::new(
            "lifetime equal to the maximum",
            with(|p| p.max_lifetime = Some(HOUR as u64)),
        ),
        Case::new(
            "lifetime unknown: no iat",
            with(|p| p.max_lifetime = Some(HOUR as u64)),
        )
        .fails("lifetime")
        .without("iat"),
    ]
}

fn claim_cases() -> Vec<Case> {
    let audiences = |items: &[&str]| with(|p| p.audience = strings(items));
    let required = |claim: &str| with(|p| p.required_claims = strings(&[claim]));
    let subject = with(|p| p.subject = Some(SUB.to_owned()));
    vec![
        Case::new(
            "wrong audience among several",
            audiences(&[AUD, "api://stock"]),
        )
        .fails("aud")
        .claim("aud", json!(["api://billing", "api://users"])),
        Case::new(
            "right audience among several",
            audiences(&["api://stock", AUD]),
        )
        .claim("aud", json!(["api://billing", AUD])),
        Case::new(
            "aud a string, one of several expected",
            audiences(&[AUD, "api://stock"]),
        )
        .claim("aud", json!("api://stock")),
        Case::new("aud an array of one", basic()).claim("aud", json!([AUD])),
        Case::new("aud missing", basic())
            .fails("aud")
            .without("aud"),
        Case::new("no audience expected, the token has one", audiences(&[])),
        Case::new("wrong issuer", basic())
            .fails("iss")
            .claim("iss", json!("https://evil.example")),
        Case::new("issuer missing", basic())
            .fails("iss")
            .without("iss"),
        Case::new("wrong subject", subject.clone())
            .fails("sub")
            .claim("sub", json!("user-43")),
        Case::new("right subject", subject),
        Case::new("required claim missing", required("jti")).fails("required:jti"),
        Case::new("required claim present", required("jti")).claim("jti", json!("id-1")),
        Case::new("required claim present, its value null", required("jti"))
            .claim("jti", Value::Null)
            .stricter(
                Library::PyJwt,
                "PyJWT counts a claim whose value is null as missing",
                "MissingRequiredClaimError",
            ),
    ]
}

fn header_cases() -> Vec<Case> {
    let typ = |expected: &str| with(|p| p.typ = Some(expected.to_owned()));
    let algorithms = |names: &[&str]| with(|p| p.algorithms = strings(names));
    vec![
        Case::new("typ JWT, policy jwt", typ("jwt")),
        Case::new("typ application/at+jwt, policy at+jwt", typ("at+jwt"))
            .header("typ", json!("application/at+jwt")),
        Case::new(
            "typ AT+JWT, policy application/at+jwt",
            typ("application/at+jwt"),
        )
        .header("typ", json!("AT+JWT")),
        Case::new("typ JWT, policy at+jwt", typ("at+jwt")).fails("typ"),
        Case::new("typ missing, policy JWT", typ("JWT"))
            .fails("typ")
            .without_header("typ"),
        Case::new("alg not allowed", algorithms(&["PS256"])).fails("alg"),
        Case::new(
            "alg one of several allowed",
            algorithms(&["RS256", "PS256"]),
        )
        .signed(Signer::Rsa, "PS256"),
        Case::new("any algorithm (none listed)", algorithms(&[])),
        Case::new("HS256 signed with the public key (alg confusion)", basic())
            .fails("alg")
            .signed(Signer::PublicPemAsSecret, "HS256"),
        Case::new("HS256 with the shared secret", algorithms(&["HS256"]))
            .signed(Signer::Secret, "HS256"),
        Case::new("bad signature", basic())
            .fails("signature")
            .signed(Signer::Rsa, "RS256")
            .tamper(),
        Case::new("signed by another key", algorithms(&[]))
            .fails("signature")
            .signed(Signer::P256, "ES256"),
    ]
}

impl Case {
    fn tamper(mut self) -> Case {
        self.tampered = true;
        self
    }
}

fn amplify_token(policy: &Policy) -> Case {
    let mut case = Case::new("", policy.clone());
    case.header = gateway::header_members(KID);
    case.claims = gateway::claims(APP, T0, 600);
    case.at(T0 + 60)
}

fn preset_cases() -> Vec<Case> {
    let amplify = preset(
        Preset::Amplify,
        PresetInputs {
            application_id: Some(APP.to_owned()),
            ..PresetInputs::default()
        },
    );
    let oidc = |nonce: Option<&str>| {
        let inputs = PresetInputs {
            issuer: Some(ISS.to_owned()),
            audience: Some(CLIENT.to_owned()),
            nonce: nonce.map(str::to_owned),
            ..PresetInputs::default()
        };
        preset(Preset::Oidc, inputs)
    };
    let rfc9068 = preset(
        Preset::Rfc9068,
        PresetInputs {
            issuer: Some(ISS.to_owned()),
            audience: Some(AUD.to_owned()),
            ..PresetInputs::default()
        },
    );
    let named = |name, case: Case| Case { name, ..case };
    let id_token = |policy: Policy| {
        Case::new("", policy)
            .claim("aud", json!(CLIENT))
            .claim("nonce", json!(NONCE))
    };
    let access_token = |policy: &Policy| {
        Case::new("", policy.clone())
            .header("typ", json!("at+jwt"))
            .claim("client_id", json!(CLIENT))
            .claim("jti", json!("at-1"))
    };
    vec![
        named("Amplify: accepted", amplify_token(&amplify)),
        named(
            "Amplify: a day later",
            amplify_token(&amplify).at(T0 + 86_400).fails("exp"),
        ),
        named(
            "Amplify: kid missing",
            amplify_token(&amplify).without_header("kid").fails("kid"),
        ),
        named(
            "Amplify: kid of another key",
            amplify_token(&amplify)
                .header("kid", json!("retired-key"))
                .fails("signature"),
        ),
        named(
            "Amplify: iss != sub",
            amplify_token(&amplify)
                .claim("sub", json!("someone-else"))
                .fails("sub"),
        ),
        named(
            "Amplify: RS384",
            amplify_token(&amplify)
                .signed(Signer::Rsa, "RS384")
                .fails("alg"),
        ),
        named("OIDC: nonce right", id_token(oidc(Some(NONCE)))),
        named(
            "OIDC: nonce wrong",
            id_token(oidc(Some("another-nonce"))).fails("nonce"),
        ),
        named("OIDC: no nonce expected", id_token(oidc(None))),
        named(
            "OIDC: sub missing",
            id_token(oidc(None)).without("sub").fails("required:sub"),
        ),
        named("RFC 9068: accepted", access_token(&rfc9068)),
        named(
            "RFC 9068: typ missing",
            access_token(&rfc9068).without_header("typ").fails("typ"),
        ),
        named(
            "RFC 9068: typ JWT",
            access_token(&rfc9068)
                .header("typ", json!("JWT"))
                .fails("typ"),
        ),
        named(
            "RFC 9068: client_id missing",
            access_token(&rfc9068)
                .without("client_id")
                .fails("required:client_id"),
        ),
    ]
}

fn dpop_cases() -> Vec<Case> {
    let policy = preset(
        Preset::Dpop,
        PresetInputs {
            dpop: DpopRules {
                htm: Some("POST".to_owned()),
                htu: Some(HTU.to_owned()),
                access_token: Some(ACCESS_TOKEN.to_owned()),
            },
            ..PresetInputs::default()
        },
    );
    // The `jwk` header is filled in by the runner, from the P-256 key that signs.
    let proof = |name| {
        let mut case = Case::new(name, policy.clone()).signed(Signer::P256, "ES256");
        case.header = object(json!({"typ": "dpop+jwt", "alg": "ES256"}));
        case.claims = object(json!({
            "jti": format!("proof-{name}"),
            "htm": "POST",
            "htu": HTU,
            "iat": AT - 10,
            "ath": access_token_hash(ACCESS_TOKEN),
        }));
        case
    };
    vec![
        proof("DPoP: accepted"),
        proof("DPoP: ath wrong")
            .fails("ath")
            .claim("ath", json!(access_token_hash("another token"))),
        proof("DPoP: htm wrong")
            .fails("htm")
            .claim("htm", json!("GET")),
        proof("DPoP: htu of another path")
            .fails("htu")
            .claim("htu", json!("https://server.example/other")),
        proof("DPoP: htu with host case, default port, query")
            .claim("htu", json!("https://SERVER.example:443/token?x=1")),
        proof("DPoP: proof too old")
            .fails("dpop-age")
            .claim("iat", json!(AT - 301)),
        proof("DPoP: typ JWT")
            .fails("typ")
            .header("typ", json!("JWT")),
        proof("DPoP: private key in the jwk header")
            .fails("dpop-jwk")
            .private_jwk(),
    ]
}

impl Case {
    fn private_jwk(mut self) -> Case {
        self.private_jwk = true;
        self
    }
}
