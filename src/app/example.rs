//! The example shown on first load: an RS256 token and the demo key pair that signed it
//! (made with `openssl genrsa 2048`; see `example/`). The private key is public knowledge:
//! it is a demonstration key, labelled as such in the page, never a key to use.

/// The example token: `{"alg":"RS256","typ":"JWT"}`, jwt.io's classic payload.
pub const TOKEN: &str = include_str!("example/example_token.txt");

/// The example's public key (SPKI PEM, as `openssl rsa -pubout` prints it).
pub const PUBLIC_KEY: &str = include_str!("example/example_public.pem");

/// The example's private key (PKCS#8 PEM). A demo key: anyone can read it in this source.
pub const PRIVATE_KEY: &str = include_str!("example/example_private.pem");
