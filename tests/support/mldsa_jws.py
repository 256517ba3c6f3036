"""ML-DSA JWS (RFC 9964) made and checked by an independent implementation: Python's
`cryptography` (50, installed by tests/support/toolchain.sh's ensure_pyjwt), which has FIPS 204
ML-DSA but no JOSE, so the compact JWS is assembled here by hand (RFC 7515 section 7.1).

  mldsa_jws.py make NN     a new ML-DSA-NN key and a token it signed; prints JSON: the public
                           key as SPKI PEM and as an AKP JWK, the private key as PKCS#8 PEM and
                           as an AKP JWK (`priv` = the seed), and the token
  mldsa_jws.py check       reads {"token", "public_pem"} JSON on stdin; exits 0 when the
                           token's ML-DSA signature verifies (empty context), 1 when it does not

Used by tests/e2e/mldsa.test.mjs (the page)."""
import base64, json, sys
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import mldsa


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make(level: str) -> dict:
    alg = f"ML-DSA-{level}"
    key = getattr(mldsa, f"MLDSA{level}PrivateKey").generate()
    public = key.public_key()
    header = b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    payload = b64(json.dumps({"sub": "python", "iss": "cryptography"}).encode())
    signature = key.sign(f"{header}.{payload}".encode())
    jwk = {"kty": "AKP", "alg": alg, "pub": b64(public.public_bytes_raw())}
    return {
        "public_pem": public.public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode(),
        "public_jwk": jwk,
        "private_pem": key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()).decode(),
        "private_jwk": {**jwk, "priv": b64(key.private_bytes_raw())},
        "token": f"{header}.{payload}.{b64(signature)}",
    }


def check(question: dict) -> bool:
    public = s.load_pem_public_key(question["public_pem"].encode())
    header, payload, signature = question["token"].split(".")
    try:
        public.verify(unb64(signature), f"{header}.{payload}".encode())
        return True
    except InvalidSignature:
        return False


if __name__ == "__main__":
    if sys.argv[1] == "make":
        print(json.dumps(make(sys.argv[2])))
    else:
        sys.exit(0 if check(json.load(sys.stdin)) else 1)
