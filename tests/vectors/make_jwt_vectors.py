#!/usr/bin/env python3
"""Client-assertion vectors signed by an independent JOSE implementation: PyJWT.

Writes tests/vectors/jwt_vectors_pyjwt.json, which tests/jwt_vectors.rs verifies through
`oauth_client_auth::authenticate`. CI only reads the committed JSON; it needs neither Python
nor PyJWT. Regenerate from the repository root with:

    python3 -m venv /tmp/jwtvec-venv
    /tmp/jwtvec-venv/bin/pip install pyjwt==2.15.1 cryptography==50.0.2
    /tmp/jwtvec-venv/bin/python tests/vectors/make_jwt_vectors.py

The keys are the committed OpenSSL-made test keys in tests/vectors/keys/ (see its README).
The public JWKs are PyJWT's own export of them, so key import is tested too. ECDSA signatures
and EdDSA come from `cryptography`, assembled by PyJWT; nothing here uses this crate's code.
Signing is not deterministic for ECDSA, PSS and so the output differs run to run; any run's
output must verify. `now` is fixed, so the vectors never expire.
"""

import json
import os
import sys

import cryptography
import jwt
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = 1764300000
ISSUER = "https://as.example.com"
TOKEN_ENDPOINT = "https://as.example.com/token"
CLIENT_ID = "vector-client"
# 64 octets: long enough for HS512 (RFC 7518 section 3.2).
CLIENT_SECRET = "pyjwt-vector-secret-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"
assert len(CLIENT_SECRET) == 64

KEYS = {
    "rsa": "rsa-2048.pem",
    "p256": "ec-p256.pem",
    "p384": "ec-p384.pem",
    "p521": "ec-p521.pem",
    "ed": "ed25519.pem",
}

# (alg, key id or None for the client secret)
ALGORITHMS = [
    ("HS256", None),
    ("HS384", None),
    ("HS512", None),
    ("RS256", "rsa"),
    ("RS384", "rsa"),
    ("RS512", "rsa"),
    ("PS256", "rsa"),
    ("PS384", "rsa"),
    ("PS512", "rsa"),
    ("ES256", "p256"),
    ("ES384", "p384"),
    ("ES512", "p521"),
    ("EdDSA", "ed"),
    ("Ed25519", "ed"),
]


def private_key(name):
    with open(os.path.join(HERE, "keys", name), "rb") as f:
        return load_pem_private_key(f.read(), password=None)


def public_jwk(kid, key):
    public = key.public_key()
    for algorithm in (RSAAlgorithm, ECAlgorithm, OKPAlgorithm):
        try:
            jwk = algorithm.to_jwk(public, as_dict=True)
            break
        except Exception:  # noqa: BLE001 - try the next key type
            continue
    else:
        raise SystemExit(f"no JWK export for {kid}")
    jwk["kid"] = kid
    jwk["use"] = "sig"
    return jwk


def jws_for(alg):
    """A PyJWS that knows `alg`. PyJWT names EdDSA only; RFC 9864's fully-specified
    `Ed25519` is the same algorithm with Ed25519 keys, registered under that name."""
    jws = jwt.PyJWS()
    if alg == "Ed25519":
        jws.register_algorithm("Ed25519", OKPAlgorithm())
    return jws


def sign(alg, key, claims, headers):
    payload = json.dumps(claims, separators=(",", ":")).encode()
    return jws_for(alg).encode(payload, key, algorithm=alg, headers=headers)


def main():
    keys = {kid: private_key(name) for kid, name in KEYS.items()}
    jwks = {"keys": [public_jwk(kid, key) for kid, key in keys.items()]}
    vectors = []
    for i, (alg, kid) in enumerate(ALGORITHMS):
        method = "client_secret_jwt" if kid is None else "private_key_jwt"
        key = CLIENT_SECRET.encode() if kid is None else keys[kid]
        explicitly_typed = i % 2 == 0
        headers = {"typ": "client-authentication+jwt" if explicitly_typed else "JWT"}
        # Half the vectors name their key; without a kid, the one key that fits is used.
        if kid is not None and i % 3 != 0:
            headers["kid"] = kid
        jti = f"pyjwt-{alg}"
        claims = {
            "iss": CLIENT_ID,
            "sub": CLIENT_ID,
            # RFC 10070 allows the issuer as a string or as a one-member array.
            "aud": ISSUER if i % 2 == 0 else [ISSUER],
            "iat": NOW,
            "nbf": NOW,
            "exp": NOW + 300,
            "jti": jti,
        }
        vectors.append({
            "name": f"{alg} by PyJWT",
            "alg": alg,
            "method": method,
            "jti": jti,
            "exp": NOW + 300,
            "explicitly_typed": explicitly_typed,
            "assertion": sign(alg, key, claims, headers),
        })

    # Assertions the crate must refuse, each for one rule.
    base = {"iss": CLIENT_ID, "sub": CLIENT_ID, "aud": ISSUER, "iat": NOW, "exp": NOW + 300}
    weak = private_key("rsa-1024.pem")
    refused = [
        {
            "name": "RS256 by a 1024-bit RSA key",
            "rule": "key_too_small",
            "method": "private_key_jwt",
            "jwks": {"keys": [public_jwk("weak", weak)]},
            "assertion": sign("RS256", weak, dict(base, jti="pyjwt-weak"), {"kid": "weak"}),
        },
        {
            "name": "alg none",
            "rule": "unsecured",
            "method": "private_key_jwt",
            "assertion": jwt.encode(dict(base, jti="pyjwt-none"), None, algorithm="none"),
        },
        {
            "name": "a DPoP proof",
            "rule": "typ_not_allowed",
            "method": "private_key_jwt",
            "assertion": sign(
                "ES256", keys["p256"], dict(base, jti="pyjwt-dpop", htm="POST",
                                            htu=TOKEN_ENDPOINT),
                {"typ": "dpop+jwt", "kid": "p256"}),
        },
        {
            "name": "aud is the token endpoint URL",
            "rule": "audience_endpoint_url",
            "method": "private_key_jwt",
            "assertion": sign("PS256", keys["rsa"],
                              dict(base, aud=TOKEN_ENDPOINT, jti="pyjwt-aud"), {"kid": "rsa"}),
        },
    ]

    out = {
        "generator": f"PyJWT {jwt.__version__}, cryptography {cryptography.__version__} "
                     "(tests/vectors/make_jwt_vectors.py)",
        "now": NOW,
        "issuer": ISSUER,
        "token_endpoint": TOKEN_ENDPOINT,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "jwks": jwks,
        "vectors": vectors,
        "refused": refused,
    }
    path = os.path.join(HERE, "jwt_vectors_pyjwt.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(f"wrote {len(vectors)} vectors and {len(refused)} refused ones to {path}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
