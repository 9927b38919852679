#!/usr/bin/env python3
"""Writes the sample case files examples/cases/client_secret_jwt.json and
examples/cases/private_key_jwt.json, with assertions signed by PyJWT.

Each case carries the `expect` member that tests/cases.rs checks, and
`cargo run --example verify -- FILE` prints the same verdicts. Cases in a file share one replay
cache, so a later case reusing an earlier `jti` is a replay. Regenerate from the repository
root with:

    python3 -m venv /tmp/jwtvec-venv
    /tmp/jwtvec-venv/bin/pip install pyjwt==2.15.1 cryptography==50.0.2
    /tmp/jwtvec-venv/bin/python tests/vectors/make_jwt_cases.py

Keys: the committed test keys in tests/vectors/keys/.
"""

import base64
import hashlib
import hmac
import json
import os

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEYS = os.path.join(ROOT, "tests", "vectors", "keys")
NOW = 1764300000
ISSUER = "https://as.example.com"
TOKEN = "https://as.example.com/token"
TYPE = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def key(name):
    with open(os.path.join(KEYS, name), "rb") as f:
        return load_pem_private_key(f.read(), password=None)


def public_jwk(kid, private):
    public = private.public_key()
    for algorithm in (RSAAlgorithm, ECAlgorithm, OKPAlgorithm):
        try:
            jwk = algorithm.to_jwk(public, as_dict=True)
            break
        except Exception:  # noqa: BLE001 - try the next key type
            continue
    jwk.pop("key_ops", None)
    jwk["kid"] = kid
    return jwk


def jws(alg, signing_key, claims, headers=None):
    encoder = jwt.PyJWS()
    if alg == "Ed25519":
        encoder.register_algorithm("Ed25519", OKPAlgorithm())
    payload = json.dumps(claims, separators=(",", ":")).encode()
    return encoder.encode(payload, signing_key, algorithm=alg, headers=headers or {})


def raw(header, claims, signature):
    return ".".join([b64(json.dumps(header, separators=(",", ":")).encode()),
                     b64(json.dumps(claims, separators=(",", ":")).encode()),
                     b64(signature)])


def body(assertion, extra=""):
    return f"grant_type=client_credentials{extra}&client_assertion_type={TYPE}&client_assertion={assertion}"


def claims(client_id, jti, **changes):
    c = {"iss": client_id, "sub": client_id, "aud": ISSUER, "iat": NOW, "exp": NOW + 60,
         "jti": jti}
    c.update(changes)
    return {k: v for k, v in c.items() if v is not None}


def accept(client_id, method, jti, exp=NOW + 60):
    return {"outcome": "accept", "client_id": client_id, "method": method, "jti": jti,
            "assertion_expires_at": exp}


def reject(description, error="invalid_client"):
    return {"outcome": "reject", "error": error,
            "status": 400 if error == "invalid_request" else 401, "description": description}


def case(name, request_body, client, server, expect):
    return {"name": name, "now": NOW, "request": {"body": request_body}, "client": client,
            "server": server, "expect": expect}


def flip_last_bit(token):
    head, signature = token.rsplit(".", 1)
    sig = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    sig[-1] ^= 1
    return f"{head}.{b64(bytes(sig))}"


def private_key_jwt_cases():
    cid = "pkj-client"
    rsa, p256, ed = key("rsa-2048.pem"), key("ec-p256.pem"), key("ed25519.pem")
    weak = key("rsa-1024.pem")
    jwks = {"keys": [public_jwk("rsa-1", rsa), public_jwk("ec-1", p256),
                     public_jwk("ed-1", ed)]}
    client = {"client_id": cid, "token_endpoint_auth_method": "private_key_jwt", "jwks": jwks}
    server = {"issuer": ISSUER, "token_endpoint": TOKEN,
              "token_endpoint_auth_methods_supported": ["private_key_jwt"]}
    method = "private_key_jwt"
    first = jws("ES256", p256, claims(cid, "pkj-1"), {"kid": "ec-1"})
    es_header = {"alg": "ES256", "kid": "ec-1"}
    es_claims = claims(cid, "pkj-zero")
    hmac_key = json.dumps(public_jwk("rsa-1", rsa)).encode()
    confused_input = raw({"alg": "HS256", "kid": "rsa-1"}, claims(cid, "pkj-hs"), b"")[:-1]
    confused = confused_input + "." + b64(
        hmac.new(hmac_key, confused_input.encode(), hashlib.sha256).digest())
    return [
        case("ES256 assertion whose kid names the key", body(first), client, server,
             accept(cid, method, "pkj-1")),
        case("PS256, explicitly typed client-authentication+jwt, no kid",
             body(jws("PS256", rsa, claims(cid, "pkj-2"), {"typ": "client-authentication+jwt"})),
             client, server, accept(cid, method, "pkj-2")),
        case("Ed25519 under its fully-specified name (RFC 9864)",
             body(jws("Ed25519", ed, claims(cid, "pkj-3"), {"kid": "ed-1"})), client, server,
             accept(cid, method, "pkj-3")),
        case("the first assertion again: its jti is a replay (RFC 7523 §3 item 7)", body(first),
             client, server, reject("client assertion has already been used")),
        case("aud is the token endpoint URL: refused by the default issuer policy (RFC 10070)",
             body(jws("ES256", p256, claims(cid, "pkj-4", aud=TOKEN), {"kid": "ec-1"})),
             client, server,
             reject("client assertion audience does not identify this server: the audience "
                    'must be the issuer identifier "https://as.example.com" alone')),
        case("the same kind of aud under assertion_audience issuer-or-endpoint",
             body(jws("ES256", p256, claims(cid, "pkj-5", aud=TOKEN), {"kid": "ec-1"})),
             client, dict(server, assertion_audience="issuer-or-endpoint"),
             accept(cid, method, "pkj-5")),
        case("aud as a one-member array under issuer-string",
             body(jws("ES256", p256, claims(cid, "pkj-6", aud=[ISSUER]), {"kid": "ec-1"})),
             client, dict(server, assertion_audience="issuer-string"),
             reject("client assertion audience does not identify this server: the audience "
                    'must be the issuer identifier "https://as.example.com" alone, as a JSON '
                    "string")),
        case("alg none", body(raw({"alg": "none"}, claims(cid, "pkj-none"), b"")), client,
             server, reject("client assertion is not signed")),
        case("HS256 keyed with the client's public JWK (algorithm confusion)", body(confused),
             client, server,
             reject("client assertion algorithm does not fit the registered method")),
        case("ES256 with r = s = 0", body(raw(es_header, es_claims, bytes(64))), client, server,
             reject("client authentication failed")),
        case("one signature bit flipped",
             body(flip_last_bit(jws("PS256", rsa, claims(cid, "pkj-flip"), {"kid": "rsa-1"}))),
             client, server, reject("client authentication failed")),
        case("kid names no registered key",
             body(jws("ES256", p256, claims(cid, "pkj-7"), {"kid": "ec-2"})), client, server,
             reject("client authentication failed")),
        case("a 1024-bit RSA key under fapi1-advanced",
             body(jws("PS256", weak, claims(cid, "pkj-8"), {"kid": "weak"})),
             dict(client, jwks={"keys": [public_jwk("weak", weak)]}),
             dict(server, fapi_profile="fapi1-advanced"),
             reject("registered key is too small")),
        case("RS256 under fapi1-advanced (PS256 and ES256 only)",
             body(jws("RS256", rsa, claims(cid, "pkj-9"), {"kid": "rsa-1"})), client,
             dict(server, fapi_profile="fapi1-advanced"),
             reject("client assertion algorithm not allowed by the server's security profile")),
        case("a DPoP proof offered as a client assertion",
             body(jws("ES256", p256, claims(cid, "pkj-10", htm="POST", htu=TOKEN),
                      {"typ": "dpop+jwt", "kid": "ec-1"})), client, server,
             reject("client assertion typ is not a client assertion")),
        case("a jku header is never followed",
             body(jws("ES256", p256, claims(cid, "pkj-11"),
                      {"kid": "ec-1", "jku": "https://attacker.example/jwks"})), client, server,
             reject("client assertion header names a key; keys come from the registration only")),
        case("exp passed 29 s ago: inside the 30 s skew",
             body(jws("ES256", p256, claims(cid, "pkj-12", iat=NOW - 89, exp=NOW - 29),
                      {"kid": "ec-1"})), client, server,
             accept(cid, method, "pkj-12", NOW - 29)),
        case("exp passed 30 s ago: outside the 30 s skew",
             body(jws("ES256", p256, claims(cid, "pkj-13", iat=NOW - 90, exp=NOW - 30),
                      {"kid": "ec-1"})), client, server,
             reject("client assertion expired 30 s before the server's time, beyond the "
                    "allowed clock skew of 30 s (31 s would be needed): check the client's "
                    "clock")),
        case("lifetime of exactly max_assertion_lifetime_seconds (3600)",
             body(jws("ES256", p256, claims(cid, "pkj-14", exp=NOW + 3600), {"kid": "ec-1"})),
             client, server, accept(cid, method, "pkj-14", NOW + 3600)),
        case("lifetime one second over the maximum",
             body(jws("ES256", p256, claims(cid, "pkj-15", exp=NOW + 3601), {"kid": "ec-1"})),
             client, server, reject("client assertion lifetime of 3601 s is longer than the 3600 s allowed")),
        case("client_id parameter names another client than the assertion (RFC 7521 §4.2)",
             body(jws("ES256", p256, claims(cid, "pkj-16"), {"kid": "ec-1"}),
                  "&client_id=someone-else"), client, server,
             reject("client authentication failed")),
        case("client_assertion without client_assertion_type",
             f"grant_type=client_credentials&client_assertion="
             f"{jws('ES256', p256, claims(cid, 'pkj-17'), {'kid': 'ec-1'})}", client, server,
             reject("client_assertion and client_assertion_type are both required",
                    "invalid_request")),
        case("registered jwks holds no usable key",
             body(jws("ES256", p256, claims(cid, "pkj-18"), {"kid": "ec-1"})),
             # An X25519 key (RFC 8037 §A.6) is for key agreement, never for signatures.
             dict(client, jwks={"keys": [{"kty": "OKP", "crv": "X25519",
                                          "x": "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}]}),
             server, reject("client registration is invalid")),
        case("registered jwks publishes a private member (RFC 7591 §2)",
             body(jws("ES256", p256, claims(cid, "pkj-19"), {"kid": "ec-1"})),
             dict(client, jwks={"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}), server,
             reject("client registration is invalid")),
    ]


def client_secret_jwt_cases():
    cid = "csj-client"
    secret = "Yp3Kq8Vt2Ws6Xz9Ab4Cd7Ef1Gh5Jk0Lm3Np8Qr2St6Uv9Wx4Yz7Ac1Bd5Ce8Df0G"
    assert len(secret) == 64
    client = {"client_id": cid, "client_secret": secret,
              "token_endpoint_auth_method": "client_secret_jwt"}
    server = {"issuer": ISSUER, "token_endpoint": TOKEN,
              "token_endpoint_auth_methods_supported": ["client_secret_jwt"]}
    method = "client_secret_jwt"
    key = secret.encode()
    first = jws("HS256", key, claims(cid, "csj-1"))
    short = secret[:32]
    return [
        case("HS256 keyed with the client secret", body(first), client, server,
             accept(cid, method, "csj-1")),
        case("HS512, explicitly typed",
             body(jws("HS512", key, claims(cid, "csj-2"), {"typ": "client-authentication+jwt"})),
             client, server, accept(cid, method, "csj-2")),
        case("the first assertion again: its jti is a replay", body(first), client, server,
             reject("client assertion has already been used")),
        case("MAC keyed with another secret",
             body(jws("HS256", b"another-secret-another-secret-another-secret", claims(cid, "csj-3"))),
             client, server, reject("client authentication failed")),
        case("a 32-octet secret is too short for HS512 (RFC 7518 §3.2)",
             body(jws("HS512", short.encode(), claims(cid, "csj-4"))),
             dict(client, client_secret=short), server,
             reject("client secret is too short for the client assertion algorithm")),
        case("expired client secret",
             body(jws("HS256", key, claims(cid, "csj-5"))),
             dict(client, client_secret_expires_at=NOW - 1), server,
             reject("client secret has expired")),
        case("RS256 offered for client_secret_jwt",
             body(jws("RS256", key_rsa(), claims(cid, "csj-6"))), client, server,
             reject("client assertion algorithm does not fit the registered method")),
        case("client_secret_jwt under fapi1-baseline",
             body(jws("HS256", key, claims(cid, "csj-7"))), client,
             dict(server, fapi_profile="fapi1-baseline"), accept(cid, method, "csj-7")),
        case("client_secret_jwt under fapi1-advanced",
             body(jws("HS256", key, claims(cid, "csj-8"))), client,
             dict(server, fapi_profile="fapi1-advanced"),
             reject("client authentication method not allowed by the server's security profile")),
        case("a SAML assertion type",
             body(jws("HS256", key, claims(cid, "csj-9"))).replace("jwt-bearer", "saml2-bearer"),
             client, server, reject("unsupported client_assertion_type", "invalid_request")),
        case("an encrypted JWT (five parts)",
             body(b64(b'{"alg":"dir","enc":"A128GCM"}') + "..aXY.Y3Q.dGFn", f"&client_id={cid}"),
             client, server, reject("client authentication failed")),
    ]


def key_rsa():
    return key("rsa-2048.pem")


def write(name, cases):
    path = os.path.join(ROOT, "examples", "cases", name)
    with open(path, "w") as f:
        json.dump(cases, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    write("private_key_jwt.json", private_key_jwt_cases())
    write("client_secret_jwt.json", client_secret_jwt_cases())
