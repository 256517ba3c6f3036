//! The Go helpers a golang-jwt fragment needs beyond golang-jwt itself: reading a JWK (a
//! `jwks.json` entry or a DPoP proof's `jwk` header: golang-jwt reads PEM keys only) and
//! normalizing a DPoP `htu`. Fixed text: no policy value goes into it.

/// The packages [`KEY_FROM_JWK`] imports.
pub(super) const PACKAGES: [&str; 6] = [
    "crypto/ecdsa",
    "crypto/ed25519",
    "crypto/elliptic",
    "crypto/rsa",
    "encoding/base64",
    "math/big",
];

/// `keyFromJWK`: the key a JWK holds, as golang-jwt's verifiers take it.
pub(super) const KEY_FROM_JWK: &[&str] = &[
    "",
    "// keyFromJWK reads an RSA, EC (P-256, P-384, P-521), Ed25519 or oct JWK.",
    "func keyFromJWK(jwk map[string]any) (any, error) {",
    "\tmember := func(name string) []byte {",
    "\t\ttext, _ := jwk[name].(string)",
    "\t\tbytes, err := base64.RawURLEncoding.DecodeString(text)",
    "\t\tif err != nil {",
    "\t\t\treturn nil",
    "\t\t}",
    "\t\treturn bytes",
    "\t}",
    "\tcrv, _ := jwk[\"crv\"].(string)",
    "\tswitch jwk[\"kty\"] {",
    "\tcase \"RSA\":",
    "\t\tn, e := member(\"n\"), member(\"e\")",
    "\t\tif len(n) > 0 && len(e) > 0 && len(e) <= 4 {",
    "\t\t\texponent := int(new(big.Int).SetBytes(e).Int64())",
    "\t\t\treturn &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: exponent}, nil",
    "\t\t}",
    "\tcase \"EC\":",
    "\t\tcurves := map[string]elliptic.Curve{",
    "\t\t\t\"P-256\": elliptic.P256(), \"P-384\": elliptic.P384(), \"P-521\": elliptic.P521(),",
    "\t\t}",
    "\t\tx, y := member(\"x\"), member(\"y\")",
    "\t\tif curve, known := curves[crv]; known && len(x) > 0 && len(y) > 0 {",
    "\t\t\tpoint := &ecdsa.PublicKey{Curve: curve, X: new(big.Int).SetBytes(x), Y: new(big.Int).SetBytes(y)}",
    "\t\t\treturn point, nil",
    "\t\t}",
    "\tcase \"OKP\":",
    "\t\tif x := member(\"x\"); crv == \"Ed25519\" && len(x) == ed25519.PublicKeySize {",
    "\t\t\treturn ed25519.PublicKey(x), nil",
    "\t\t}",
    "\tcase \"oct\":",
    "\t\tif k := member(\"k\"); len(k) > 0 {",
    "\t\t\treturn k, nil",
    "\t\t}",
    "\t}",
    "\treturn nil, errors.New(\"the JWK is not a key golang-jwt can verify with\")",
    "}",
];

/// `normalizeHTU`: an `htu` as the policy compares it.
pub(super) const NORMALIZE_HTU: &[&str] = &[
    "",
    "// normalizeHTU drops query and fragment, lowercases scheme and host, drops the default port.",
    "func normalizeHTU(uri string) string {",
    "\tu, err := url.Parse(uri)",
    "\tif err != nil || u.Host == \"\" {",
    "\t\treturn \"\"",
    "\t}",
    "\tscheme, host := strings.ToLower(u.Scheme), strings.ToLower(u.Host)",
    "\thost = strings.TrimSuffix(host, map[string]string{\"https\": \":443\", \"http\": \":80\"}[scheme])",
    "\tpath := u.EscapedPath()",
    "\tif path == \"\" {",
    "\t\tpath = \"/\"",
    "\t}",
    "\treturn scheme + \"://\" + strings.TrimSuffix(host, \":\") + path",
    "}",
];
