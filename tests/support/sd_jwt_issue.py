"""An SD-JWT+KB made by the SD-JWT reference implementation (PyPI `sd-jwt`, pinned in
tests/support/toolchain.sh): an issuer and a holder key (P-256), six selectively disclosable
claims with decoys, and a presentation of two of them bound to the verifier's aud and nonce.
Prints JSON: the issuer's public JWK, the issuance and the presentation. Used by
tests/sdjwt_interop.rs (the command line) and tests/e2e/sdjwt.test.mjs (the page)."""
import json, sys, time
from jwcrypto.jwk import JWK
from sd_jwt.common import SDObj
from sd_jwt.holder import SDJWTHolder
from sd_jwt.issuer import SDJWTIssuer

issuer_key = JWK.generate(kty="EC", crv="P-256")
holder_key = JWK.generate(kty="EC", crv="P-256")
now = int(time.time())
claims = {
    "iss": "https://issuer.example", "iat": now, "exp": now + 3600, "sub": "user-7",
    SDObj("given_name"): "Erika", SDObj("family_name"): "Mustermann",
    SDObj("email"): "erika@example.com",
    "address": {SDObj("locality"): "Berlin", SDObj("street_address"): "Heidestr. 17"},
    "nationalities": [SDObj("DE"), "FR"],
}
issuer = SDJWTIssuer(claims, issuer_key, holder_key, sign_alg="ES256", add_decoy_claims=True)
holder = SDJWTHolder(issuer.sd_jwt_issuance)
holder.create_presentation(
    {"given_name": True, "address": {"locality": True}},
    nonce="n-42", aud="https://verifier.example", holder_key=holder_key, sign_alg="ES256",
)
print(json.dumps({
    "issuer_jwk": issuer_key.export_public(as_dict=True),
    "issuance": issuer.sd_jwt_issuance,
    "presentation": holder.sd_jwt_presentation,
}))
