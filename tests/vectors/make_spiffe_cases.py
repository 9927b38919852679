#!/usr/bin/env python3
"""Writes examples/cases/spiffe_x509.json and examples/cases/spiffe_jwt.json: SPIFFE client
authentication (draft-ietf-oauth-spiffe-client-auth-02), every rule accepted and refused.

The X.509-SVIDs and trust domain authorities are the OpenSSL-made certificates of
tests/certs/spiffe/ (`bash tests/certs/spiffe/make.sh` first, to remake them). The JWT-SVIDs
are signed here with Python `cryptography` and a minimal compact-JWS encoder, not by the
crate; their keys are generated on each run, so spiffe_jwt.json changes when re-run.

    python3 tests/vectors/make_spiffe_cases.py
"""
import base64
import json
import os

from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CERTS = os.path.join(ROOT, "tests", "certs", "spiffe")
NOW = 1764300000
ISSUER = "https://as.example.com"
TOKEN = ISSUER + "/token"
SPIFFE_ID = "spiffe://example.org/my-oauth-client"
JWT_SPIFFE = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-spiffe"
JWT_BEARER = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"


def pem(name):
    with open(os.path.join(CERTS, name + ".pem")) as f:
        return f.read()


def der_b64(name):
    body = "".join(l for l in pem(name).splitlines() if not l.startswith("-----"))
    return body  # standard base64 of the DER, as x5c wants (RFC 7517 §4.7)


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64json(obj):
    return b64(json.dumps(obj, separators=(",", ":")).encode())


def reject(error, klass, status=None):
    e = {"outcome": "reject", "error": error, "class": klass}
    e["status"] = status or (400 if error == "invalid_request" else 401)
    return e


# ---------------------------------------------------------------- X.509-SVID (spiffe_x509)

def x509_server(**extra):
    s = {"issuer": ISSUER, "token_endpoint": TOKEN,
         "token_endpoint_auth_methods_supported": ["spiffe_x509", "spiffe_jwt", "tls_client_auth"],
         "spiffe_bundles": {
             "example.org": {"x509_authorities": [pem("example-root")]},
             "other.org": {"x509_authorities": [pem("other-root")]},
         }}
    s.update(extra)
    return s


def x509_case(name, expect, cert="svid", chain=None, client_id=SPIFFE_ID, client=None,
              server=None, body=None):
    request = {"headers": [],
               "body": body if body is not None else
               "grant_type=client_credentials&client_id=" + client_id}
    if cert is not None:
        request["client_certificate"] = pem(cert)
    if chain:
        request["client_certificate_chain"] = [pem(c) for c in chain]
    return {"name": name, "now": NOW, "request": request,
            "client": client or {"client_id": SPIFFE_ID, "token_endpoint_auth_method": "spiffe_x509"},
            "server": server or x509_server(), "expect": expect}


def x509_accept(spiffe_id=SPIFFE_ID, client_id=SPIFFE_ID):
    return {"outcome": "accept", "client_id": client_id, "method": "spiffe_x509",
            "spiffe_id": spiffe_id}


registered_elsewhere = {"client_id": "s6BhdRkqt3", "token_endpoint_auth_method": "spiffe_x509",
                        "spiffe_id": SPIFFE_ID}
x509_cases = [
    x509_case("draft §3.2: the X.509-SVID, its SPIFFE ID as client_id", x509_accept()),
    x509_case("draft §5.1: spiffe_id registered beside another client_id",
              x509_accept(client_id="s6BhdRkqt3"), client=registered_elsewhere,
              client_id="s6BhdRkqt3"),
    x509_case("draft §3.2 item 1: the path through an intermediate presented",
              x509_accept(), cert="svid-via-intermediate", chain=["example-intermediate"]),
    x509_case("draft §3.2 item 1: without the intermediate the path is not found",
              reject("invalid_client", "credential"), cert="svid-via-intermediate"),
    x509_case("X509-SVID §6.2: the authorities as x509-svid entries of a SPIFFE bundle",
              x509_accept(), server=x509_server(spiffe_bundles={"example.org": {"jwks": {
                  "keys": [{"use": "x509-svid", "kty": "EC", "x5c": [der_b64("example-root")]}],
                  "spiffe_sequence": 1, "spiffe_refresh_hint": 300}}})),
    x509_case("draft §5.1: a spiffe_id ending /* matches a workload under it",
              x509_accept("spiffe://example.org/workloads/api"), cert="svid-workload",
              client={"client_id": SPIFFE_ID, "token_endpoint_auth_method": "spiffe_x509",
                      "spiffe_id": "spiffe://example.org/workloads/*"}),
    x509_case("draft §5.1: /* matches whole path segments only",
              reject("invalid_client", "credential"),
              client={"client_id": SPIFFE_ID, "token_endpoint_auth_method": "spiffe_x509",
                      "spiffe_id": "spiffe://example.org/my-oauth/*"}),
    x509_case("X509-SVID §4.4: no EKU is allowed, and keyAgreement beside digitalSignature",
              x509_accept(), cert="svid-no-eku"),
    x509_case("draft §3.2 item 5: the SVID's SPIFFE ID is not the registered one",
              reject("invalid_client", "credential"), cert="svid-workload"),
    x509_case("draft §3.2 item 5: another trust domain's SVID, under its own authority",
              reject("invalid_client", "credential"), cert="svid-other-domain"),
    x509_case("draft §6: example.org's SPIFFE ID issued by other.org's authority",
              reject("invalid_client", "credential"), cert="svid-foreign-issuer"),
    x509_case("draft §3.2 item 2, X509-SVID §5.2: two URI SANs",
              reject("invalid_client", "credential"), cert="svid-two-uris"),
    x509_case("draft §3.2 item 2, X509-SVID §2: no URI SAN",
              reject("invalid_client", "credential"), cert="svid-dns-only"),
    x509_case("X509-SVID §5.2: the URI SAN's scheme is not spiffe",
              reject("invalid_client", "credential"), cert="svid-https-uri"),
    x509_case("X509-SVID §5.2: a trust domain's own ID, no path",
              reject("invalid_client", "credential"), cert="svid-root-id"),
    x509_case("SPIFFE-ID §2.2: a trailing slash",
              reject("invalid_client", "credential"), cert="svid-bad-id"),
    x509_case("draft §3.2 item 3, X509-SVID §4.1: cA true",
              reject("invalid_client", "credential"), cert="svid-ca-true"),
    x509_case("X509-SVID §5.2: keyCertSign on a leaf",
              reject("invalid_client", "credential"), cert="svid-key-cert-sign"),
    x509_case("X509-SVID §5.2: cRLSign on a leaf",
              reject("invalid_client", "credential"), cert="svid-crl-sign"),
    x509_case("draft §3.2 item 4: keyUsage without digitalSignature",
              reject("invalid_client", "credential"), cert="svid-key-encipherment"),
    x509_case("X509-SVID §4.3: no keyUsage",
              reject("invalid_client", "credential"), cert="svid-no-key-usage"),
    x509_case("X509-SVID §4.4: an EKU without clientAuth",
              reject("invalid_client", "policy"), cert="svid-server-eku"),
    x509_case("RFC 5280 §6: an expired SVID",
              reject("invalid_client", "time"), cert="svid-expired"),
    x509_case("draft §6: no bundle for the SVID's trust domain",
              reject("invalid_client", "registration"),
              server=x509_server(spiffe_bundles={"other.org": {"x509_authorities": [pem("other-root")]}})),
    x509_case("draft §6.2.3: tls_client_auth_trust_anchors never stand in for the bundle",
              reject("invalid_client", "registration"),
              server=x509_server(spiffe_bundles=None, tls_client_auth_trust_anchors=[pem("example-root")])),
    x509_case("RFC 8705 §2: no client certificate", reject("invalid_client", "credential"), cert=None),
    x509_case("draft §3.2: the request MUST include client_id",
              reject("invalid_request", "malformed"), body="grant_type=client_credentials"),
    x509_case("RFC 8414 §2: the server does not list spiffe_x509",
              reject("invalid_client", "policy"),
              server=x509_server(token_endpoint_auth_methods_supported=["tls_client_auth"])),
    x509_case("draft §5.1: a spiffe_id that is not a SPIFFE ID is a registration error",
              reject("invalid_client", "registration"),
              client={"client_id": SPIFFE_ID, "token_endpoint_auth_method": "spiffe_x509",
                      "spiffe_id": "spiffe://Example.org/my-oauth-client"}),
    x509_case("draft §5.1: no spiffe_id, and a client_id that is no SPIFFE ID",
              reject("invalid_client", "registration"),
              client={"client_id": "s6BhdRkqt3", "token_endpoint_auth_method": "spiffe_x509"},
              client_id="s6BhdRkqt3"),
]
for c in x509_cases:
    if c["expect"]["outcome"] == "reject":
        c["expect"].pop("spiffe_id", None)
for c in x509_cases:
    if c["server"].get("spiffe_bundles") is None:
        c["server"].pop("spiffe_bundles", None)

# ---------------------------------------------------------------- JWT-SVID (spiffe_jwt)

ec_key = ec.generate_private_key(ec.SECP256R1())
ec384_key = ec.generate_private_key(ec.SECP384R1())
rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
other_key = ec.generate_private_key(ec.SECP256R1())
ed_key = ed25519.Ed25519PrivateKey.generate()


def ec_jwk(key, crv, size):
    n = key.public_key().public_numbers()
    return {"kty": "EC", "crv": crv, "x": b64(n.x.to_bytes(size, "big")),
            "y": b64(n.y.to_bytes(size, "big"))}


def rsa_jwk(key):
    n = key.public_key().public_numbers()
    return {"kty": "RSA", "n": b64(n.n.to_bytes(256, "big")), "e": b64(n.e.to_bytes(3, "big"))}


def ed_jwk(key):
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": b64(raw)}


def sign(alg, key, header, claims):
    signing_input = (b64json(header) + "." + b64json(claims)).encode()
    if alg.startswith("ES"):
        size, hash_ = {"ES256": (32, hashes.SHA256()), "ES384": (48, hashes.SHA384())}[alg]
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hash_)))
        sig = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    elif alg == "RS256":
        sig = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    elif alg == "PS256":
        sig = key.sign(signing_input, padding.PSS(mgf=padding.MGF1(hashes.SHA256()),
                                                  salt_length=32), hashes.SHA256())
    elif alg == "EdDSA":
        sig = key.sign(signing_input)
    elif alg == "HS256":
        h = hmac.HMAC(key, hashes.SHA256())
        h.update(signing_input)
        sig = h.finalize()
    elif alg == "none":
        sig = b""
    return signing_input.decode() + "." + b64(sig)


# The example.org bundle as a SPIFFE bundle endpoint serves it (SPIFFE Trust Domain and
# Bundle §4): JWT-SVID keys with `use` jwt-svid and a kid, an X.509 authority, and the
# bundle's own members.
EXAMPLE_BUNDLE = {"keys": [
    dict(ec_jwk(ec_key, "P-256", 32), use="jwt-svid", kid="ec-1"),
    dict(ec_jwk(ec384_key, "P-384", 48), use="jwt-svid", kid="ec384-1"),
    dict(rsa_jwk(rsa_key), use="jwt-svid", kid="rsa-1"),
    dict(ed_jwk(ed_key), use="jwt-svid", kid="ed-1"),
    {"use": "x509-svid", "kty": "EC", "x5c": [der_b64("example-root")]},
], "spiffe_sequence": 10, "spiffe_refresh_hint": 300}
OTHER_BUNDLE = {"keys": [dict(ec_jwk(other_key, "P-256", 32), use="jwt-svid", kid="other-1")]}

KEYS = {"ES256": (ec_key, "ec-1"), "ES384": (ec384_key, "ec384-1"), "RS256": (rsa_key, "rsa-1"),
        "PS256": (rsa_key, "rsa-1"), "EdDSA": (ed_key, "ed-1")}


def svid(claims=None, header=None, alg="ES256", key=None, drop=()):
    k, kid = KEYS.get(alg, (None, None))
    h = {"alg": alg, "kid": kid, "typ": "JWT"}
    h.update(header or {})
    h = {n: v for n, v in h.items() if v is not None}
    c = {"sub": SPIFFE_ID, "aud": [ISSUER], "iat": NOW - 10, "exp": NOW + 300}
    c.update(claims or {})
    for n in drop:
        c.pop(n, None)
    return sign(alg, key if key is not None else k, h, c)


def jwt_server(**extra):
    s = {"issuer": ISSUER, "token_endpoint": TOKEN,
         "token_endpoint_auth_methods_supported": ["spiffe_jwt", "spiffe_x509", "private_key_jwt"],
         "spiffe_bundles": {"example.org": {"jwks": EXAMPLE_BUNDLE},
                            "other.org": {"jwks": OTHER_BUNDLE}}}
    s.update(extra)
    return s


def jwt_case(name, expect, token, client_id=None, client=None, server=None,
             assertion_type=JWT_SPIFFE, headers=()):
    body = "grant_type=client_credentials"
    if client_id is not None:
        body += "&client_id=" + client_id
    if assertion_type is not None:
        body += "&client_assertion_type=" + assertion_type
    if token is not None:
        body += "&client_assertion=" + token
    return {"name": name, "now": NOW, "request": {"headers": [list(h) for h in headers], "body": body},
            "client": client or {"client_id": SPIFFE_ID, "token_endpoint_auth_method": "spiffe_jwt"},
            "server": server or jwt_server(), "expect": expect}


def jwt_accept(jti=None, spiffe_id=SPIFFE_ID, client_id=SPIFFE_ID, exp=NOW + 300):
    e = {"outcome": "accept", "client_id": client_id, "method": "spiffe_jwt",
         "spiffe_id": spiffe_id, "assertion_expires_at": exp}
    if jti:
        e["jti"] = jti
    return e


def flip(token):
    head, sig = token.rsplit(".", 1)
    raw = bytearray(base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)))
    raw[-1] ^= 1
    return head + "." + b64(bytes(raw))


cimd = {"client_id": "https://example.org/client/metadata.json",
        "token_endpoint_auth_method": "spiffe_jwt", "spiffe_id": "spiffe://example.org/client/*"}
replayed = svid({"jti": "svid-jti-1"})
jwt_cases = [
    jwt_case("draft §3.1: an ES256 JWT-SVID without jti, the client named by its sub", jwt_accept(), svid()),
    jwt_case("draft §3.1.1: the draft's own shape, aud an array holding the issuer",
             jwt_accept(), svid(), client_id=SPIFFE_ID),
    jwt_case("draft §3.1 item 5, §5.1: client_id a URL, spiffe_id ending /*",
             jwt_accept(spiffe_id="spiffe://example.org/client/1234",
                        client_id="https://example.org/client/metadata.json"),
             svid({"sub": "spiffe://example.org/client/1234"}),
             client_id="https%3A%2F%2Fexample.org%2Fclient%2Fmetadata.json", client=cimd),
    jwt_case("draft §5.1: /* matches whole path segments only",
             reject("invalid_client", "credential"),
             svid({"sub": "spiffe://example.org/client1234"}),
             client_id="https%3A%2F%2Fexample.org%2Fclient%2Fmetadata.json", client=cimd),
    jwt_case("JWT-SVID §2.1: RS256", jwt_accept(), svid(alg="RS256")),
    jwt_case("JWT-SVID §2.1, §2.3: PS256 with typ JOSE", jwt_accept(),
             svid(alg="PS256", header={"typ": "JOSE"})),
    jwt_case("JWT-SVID §2.1: ES384, no typ", jwt_accept(), svid(alg="ES384", header={"typ": None})),
    jwt_case("draft §3.1 item 1: jti optional, and recorded when present", jwt_accept("svid-jti-1"), replayed),
    jwt_case("RFC 7523 §3 item 7: the same jti again", reject("invalid_client", "replay"), replayed),
    jwt_case("JWT-SVID §2.1: EdDSA is not a JWT-SVID algorithm", reject("invalid_client", "policy"),
             svid(alg="EdDSA")),
    jwt_case("JWT-SVID §2.1: HS256 is refused", reject("invalid_client", "policy"),
             svid(alg="HS256", key=b"k" * 32, header={"kid": "ec-1"})),
    jwt_case("RFC 7523 §3 item 9: alg none", reject("invalid_client", "policy"),
             svid(alg="none", header={"kid": None})),
    jwt_case("JWT-SVID §2.3: typ client-authentication+jwt is not JWT or JOSE",
             reject("invalid_client", "policy"), svid(header={"typ": "client-authentication+jwt"})),
    jwt_case("draft §6.2.4: a key in the header is never followed", reject("invalid_client", "policy"),
             svid(header={"jwk": ec_jwk(ec_key, "P-256", 32)})),
    jwt_case("draft §3.1 item 1: no sub", reject("invalid_client", "credential"),
             svid(drop=["sub"]), client_id=SPIFFE_ID),
    jwt_case("SPIFFE-ID §2: sub is not a SPIFFE ID", reject("invalid_client", "credential"),
             svid({"sub": "my-oauth-client"}), client_id=SPIFFE_ID),
    jwt_case("draft §3.1 item 5: sub is another workload", reject("invalid_client", "credential"),
             svid({"sub": "spiffe://example.org/other"}), client_id=SPIFFE_ID),
    jwt_case("draft §3.1 item 5: sub in another trust domain, signed by its own key",
             reject("invalid_client", "credential"),
             svid({"sub": "spiffe://other.org/my-oauth-client"}, key=other_key,
                  header={"kid": "other-1"}), client_id=SPIFFE_ID),
    jwt_case("draft §6: example.org's sub signed with other.org's key, its kid",
             reject("invalid_client", "credential"), svid(key=other_key, header={"kid": "other-1"})),
    jwt_case("draft §6: example.org's sub signed with other.org's key, example.org's kid",
             reject("invalid_client", "credential"), svid(key=other_key)),
    jwt_case("draft §3.1 item 4: a flipped signature bit", reject("invalid_client", "credential"),
             flip(svid())),
    jwt_case("draft §3.1 item 1: no aud", reject("invalid_client", "credential"), svid(drop=["aud"])),
    jwt_case("draft §3.1 item 3: aud the token endpoint, under the default policy",
             reject("invalid_client", "policy"), svid({"aud": TOKEN})),
    jwt_case("draft §3.1 item 3: aud with a second value", reject("invalid_client", "policy"),
             svid({"aud": [ISSUER, "https://rs.example.com"]})),
    jwt_case("the crate's audience policy: issuer-or-endpoint accepts the token endpoint",
             jwt_accept(), svid({"aud": TOKEN}),
             server=jwt_server(assertion_audience="issuer-or-endpoint")),
    jwt_case("draft §3.1 item 1: no exp", reject("invalid_client", "credential"), svid(drop=["exp"])),
    jwt_case("draft §3.1 item 2: expired beyond the skew", reject("invalid_client", "time"),
             svid({"iat": NOW - 400, "exp": NOW - 31})),
    jwt_case("draft §3.1 item 2: expired within the 30 s skew", jwt_accept(exp=NOW - 29),
             svid({"iat": NOW - 400, "exp": NOW - 29})),
    jwt_case("RFC 7523 §3 item 4: a lifetime over max_assertion_lifetime_seconds",
             reject("invalid_client", "time"), svid({"exp": NOW + 7200})),
    jwt_case("draft §6: no JWT-SVID keys for the trust domain", reject("invalid_client", "registration"),
             svid(), server=jwt_server(spiffe_bundles={"other.org": {"jwks": OTHER_BUNDLE}})),
    jwt_case("draft §3.1: a jwt-bearer assertion for a spiffe_jwt client",
             reject("invalid_client", "policy"), svid(), assertion_type=JWT_BEARER),
    jwt_case("draft §3.1: a jwt-spiffe assertion for a private_key_jwt client",
             reject("invalid_client", "policy"), svid(), client_id="s6BhdRkqt3",
             client={"client_id": "s6BhdRkqt3", "token_endpoint_auth_method": "private_key_jwt",
                     "jwks": OTHER_BUNDLE | {"keys": [ec_jwk(other_key, "P-256", 32)]}}),
    jwt_case("RFC 7521 §4.2: a client_assertion without client_assertion_type",
             reject("invalid_request", "malformed"), svid(), assertion_type=None),
    jwt_case("RFC 7521 §4.2: the jwt-spiffe type without client_assertion",
             reject("invalid_request", "malformed"), None, client_id=SPIFFE_ID),
    jwt_case("RFC 6749 §2.3: Basic beside a JWT-SVID is two methods",
             reject("invalid_request", "malformed"), svid(),
             headers=[("Authorization", "Basic " + base64.b64encode(
                 (SPIFFE_ID.replace(":", "%3A") + ":secret").encode()).decode())]),
    jwt_case("draft §4: the server does not list spiffe_jwt", reject("invalid_client", "policy"),
             svid(), server=jwt_server(token_endpoint_auth_methods_supported=["spiffe_x509"])),
]

with open(os.path.join(ROOT, "examples", "cases", "spiffe_x509.json"), "w") as f:
    json.dump(x509_cases, f, indent=2, ensure_ascii=False)
    f.write("\n")
with open(os.path.join(ROOT, "examples", "cases", "spiffe_jwt.json"), "w") as f:
    json.dump(jwt_cases, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(len(x509_cases), "X.509-SVID cases,", len(jwt_cases), "JWT-SVID cases")
