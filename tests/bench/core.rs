//! Native criterion benchmarks of the JOSE core (`src/jose`), for profiling outside the browser.
//!
//! What is measured (keys are generated once, outside the timed loops, with
//! `jose::keys::generate` from a seeded ChaCha20; RSA keys are 2048-bit):
//!
//! - `sign_<alg>` / `verify_<alg>`: `sign::sign_bytes` / `verify::verify_bytes` of the browser
//!   benchmark's signing input (a gateway token's header and claims, as in `tests/bench/wasm.rs`),
//!   for RS256, PS256, ES256, ES384, ES512, EdDSA, HS256 and ML-DSA-44/65/87 (an ML-DSA
//!   signature includes expanding the key from its PKCS#8 seed, as the worker does per signature);
//! - `decode_verify_rs256`: `token::decode` of that RS256 token plus `verify_token_lenient`, as the
//!   page does when a token is pasted;
//! - `decode`: `token::decode` of the demo token (`app::example::TOKEN`, RS256);
//! - `parse_pkcs8_rsa2048`, `parse_spki_rsa2048`, `parse_jwks`: `parse_private_key` of the demo
//!   PKCS#8 PEM RSA-2048 key, `parse_public_keys` of its SPKI PEM public key, and of a JWKS with
//!   an RSA-2048, a P-256, a P-384 and an Ed25519 public key;
//! - `lint`: `lints::lint` of the decoded demo token with its verification key;
//! - `keygen_p256`, `keygen_ed25519`, `keygen_ml_dsa_65`, `keygen_rsa2048`: `keys::generate`; RSA key generation is
//!   slow and its time varies with how soon primes are found, so it runs in its own group with 10
//!   flat samples.
//!
//! The names match the browser benchmarks (`tests/bench/run.mjs`) where both exist, and measure
//! the same Rust calls as its Rust rows, except that the browser's RSA rows use the demo key (the
//! same size) and its `keygen_*` rows also export the key (PEM, JWK, thumbprint).
//!
//! Run everything, or filter by name (a regular expression on the benchmark id):
//!
//! ```text
//! cargo bench --bench core
//! cargo bench --bench core -- sign_rs256
//! ```
//!
//! Reports are plain text (criterion is built without plotters); the bench profile is the release
//! profile (LTO, one codegen unit), so the first build takes a while.

// criterion is a native-only dev-dependency: on wasm32 this target is an empty program.
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches, native::slow);

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod input;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{Criterion, SamplingMode, criterion_group};
    use jwt_debugger::app::example;
    use jwt_debugger::jose::keys::{
        KeyKind, PrivateKey, PublicKey, generate, jwks, parse_private_key, parse_public_keys,
    };
    use jwt_debugger::jose::lints::{LintContext, lint};
    use jwt_debugger::jose::sign::sign_bytes;
    use jwt_debugger::jose::token::decode;
    use jwt_debugger::jose::verify::{verify_bytes, verify_token, verify_token_lenient};
    use jwt_debugger::jose::{Algorithm, base64url};
    use rand_chacha::ChaCha20Rng;
    use rand_core::SeedableRng;

    use super::input::signing_input;

    /// A fixed "now" for the lints: a minute after the demo token's `iat`.
    const NOW: i64 = 1_516_239_022 + 60;

    /// A deterministic RNG, so every run benchmarks the same keys.
    fn rng() -> ChaCha20Rng {
        ChaCha20Rng::from_seed([7; 32])
    }

    /// One algorithm to sign and verify with: its key, the signing input and a signature.
    struct Case {
        name: &'static str,
        alg: Algorithm,
        key: PrivateKey,
        public: PublicKey,
        input: String,
        signature: Vec<u8>,
    }

    impl Case {
        fn new(name: &'static str, alg: Algorithm, key: PrivateKey, rng: &mut ChaCha20Rng) -> Case {
            let input = signing_input(alg);
            let signature =
                sign_bytes(alg, &key, input.as_bytes(), rng).expect("the key fits the alg");
            let public = key.public_key();
            verify_bytes(alg, &public, input.as_bytes(), &signature)
                .expect("a fresh signature verifies");
            Case {
                name,
                alg,
                key,
                public,
                input,
                signature,
            }
        }

        /// The compact token: the signing input and the signature.
        fn token(&self) -> String {
            format!("{}.{}", self.input, base64url::encode(&self.signature))
        }
    }

    fn key(kind: KeyKind, rng: &mut ChaCha20Rng) -> PrivateKey {
        generate(kind, rng).expect("key generation from a seeded RNG succeeds")
    }

    /// `sign_<alg>` and `verify_<alg>` for each algorithm.
    fn sign_verify(c: &mut Criterion) {
        let mut rng = rng();
        let cases = [
            ("rs256", Algorithm::RS256, KeyKind::Rsa2048),
            ("ps256", Algorithm::PS256, KeyKind::Rsa2048),
            ("es256", Algorithm::ES256, KeyKind::P256),
            ("es384", Algorithm::ES384, KeyKind::P384),
            ("es512", Algorithm::ES512, KeyKind::P521),
            ("eddsa", Algorithm::EdDSA, KeyKind::Ed25519),
            ("hs256", Algorithm::HS256, KeyKind::Hmac256),
            ("ml_dsa_44", Algorithm::MlDsa44, KeyKind::MlDsa44),
            ("ml_dsa_65", Algorithm::MlDsa65, KeyKind::MlDsa65),
            ("ml_dsa_87", Algorithm::MlDsa87, KeyKind::MlDsa87),
        ]
        .map(|(name, alg, kind)| Case::new(name, alg, key(kind, &mut rng), &mut rng));
        for case in &cases {
            c.bench_function(&format!("sign_{}", case.name), |b| {
                b.iter(|| {
                    sign_bytes(
                        black_box(case.alg),
                        black_box(&case.key),
                        black_box(case.input.as_bytes()),
                        &mut rng,
                    )
                    .expect("signing succeeds")
                })
            });
            c.bench_function(&format!("verify_{}", case.name), |b| {
                b.iter(|| {
                    verify_bytes(
                        black_box(case.alg),
                        black_box(&case.public),
                        black_box(case.input.as_bytes()),
                        black_box(&case.signature),
                    )
                    .expect("the signature matches")
                })
            });
        }
        // As the page does on paste (and the browser benchmark): decode, then verify leniently.
        let rs256 = cases[0].token();
        let public = &cases[0].public;
        c.bench_function("decode_verify_rs256", |b| {
            b.iter(|| {
                let token = decode(black_box(&rs256)).expect("the RS256 token decodes");
                verify_token_lenient(&token, black_box(public)).expect("the RS256 token verifies")
            })
        });
    }

    fn demo_public_key() -> PublicKey {
        parse_public_keys(example::PUBLIC_KEY)
            .expect("the demo public key parses")
            .swap_remove(0)
            .key
    }

    /// `decode` and `lint` of the demo token.
    fn token(c: &mut Criterion) {
        c.bench_function("decode", |b| {
            b.iter(|| decode(black_box(example::TOKEN)).expect("the demo token decodes"))
        });
        let public = demo_public_key();
        let token = decode(example::TOKEN).expect("the demo token decodes");
        verify_token(&token, &public).expect("the demo token verifies with the demo key");
        let ctx = LintContext::at(NOW).with_key(&public);
        c.bench_function("lint", |b| {
            b.iter(|| lint(black_box(&token), black_box(&ctx)))
        });
    }

    /// `parse_pkcs8_rsa2048`, `parse_spki_rsa2048` and `parse_jwks`.
    fn parse(c: &mut Criterion) {
        c.bench_function("parse_pkcs8_rsa2048", |b| {
            b.iter(|| {
                parse_private_key(black_box(example::PRIVATE_KEY)).expect("the demo key parses")
            })
        });
        c.bench_function("parse_spki_rsa2048", |b| {
            b.iter(|| {
                parse_public_keys(black_box(example::PUBLIC_KEY)).expect("the demo key parses")
            })
        });
        let mut rng = rng();
        let published: Vec<_> = [
            (KeyKind::Rsa2048, "RS256"),
            (KeyKind::P256, "ES256"),
            (KeyKind::P384, "ES384"),
            (KeyKind::Ed25519, "EdDSA"),
        ]
        .into_iter()
        .map(|(kind, alg)| key(kind, &mut rng).public_key().to_published_jwk(alg))
        .collect();
        let set = jwks(&published).to_string();
        assert_eq!(parse_public_keys(&set).expect("the JWKS parses").len(), 4);
        c.bench_function("parse_jwks", |b| {
            b.iter(|| parse_public_keys(black_box(&set)).expect("the JWKS parses"))
        });
    }

    /// `keygen_p256`, `keygen_ed25519` and `keygen_ml_dsa_65` (each iteration draws a new key
    /// from the same RNG).
    fn keygen(c: &mut Criterion) {
        let mut rng = rng();
        for (name, kind) in [
            ("keygen_p256", KeyKind::P256),
            ("keygen_ed25519", KeyKind::Ed25519),
            ("keygen_ml_dsa_65", KeyKind::MlDsa65),
        ] {
            c.bench_function(name, |b| b.iter(|| key(black_box(kind), &mut rng)));
        }
    }

    /// `keygen_rsa2048`: tens of milliseconds per key with a wide spread, so 10 flat samples.
    fn keygen_rsa(c: &mut Criterion) {
        let mut rng = rng();
        let mut group = c.benchmark_group("keygen_rsa2048");
        group.sample_size(10).sampling_mode(SamplingMode::Flat);
        group.bench_function("generate", |b| {
            b.iter(|| key(black_box(KeyKind::Rsa2048), &mut rng))
        });
        group.finish();
    }

    criterion_group!(benches, sign_verify, token, parse, keygen);
    criterion_group!(slow, keygen_rsa);
}
