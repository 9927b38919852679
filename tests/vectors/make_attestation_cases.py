#!/usr/bin/env python3
"""Writes examples/cases/attest_jwt_client_auth.json: Client Attestation JWTs and their PoPs
(draft-ietf-oauth-attestation-based-client-auth-10), signed here with Python `cryptography`
and a minimal compact-JWS encoder, not by the crate; the attester's X.509 chain for the
`x5c` cases is made here too. Each case has its `expect`; the RFC 7638 thumbprints are
computed here. Keys are generated on each run, so the file changes when re-run.

    python3 tests/vectors/make_attestation_cases.py
"""
import base64
import datetime
import hashlib
import json
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID

NOW = 1764300000
ISSUER = "https://as.example.com"
CLIENT = "wallet-app"
SECRET = "gX1fBat3bV"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64json(obj):
    return b64(json.dumps(obj, separators=(",", ":")).encode())


def sign_es256(key, header, claims):
    signing_input = b64json(header) + "." + b64json(claims)
    der = key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    return signing_input + "." + b64(r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def sign_eddsa(key, header, claims):
    signing_input = b64json(header) + "." + b64json(claims)
    return signing_input + "." + b64(key.sign(signing_input.encode()))


def ec_jwk(key):
    n = key.public_key().public_numbers()
    return {"kty": "EC", "crv": "P-256", "x": b64(n.x.to_bytes(32, "big")),
            "y": b64(n.y.to_bytes(32, "big"))}


def ed_jwk(key):
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": b64(raw)}


def thumbprint(jwk):
    # RFC 7638 §3: required members, lexicographic order, no whitespace.
    names = {"EC": ["crv", "kty", "x", "y"], "OKP": ["crv", "kty", "x"]}[jwk["kty"]]
    text = json.dumps({n: jwk[n] for n in names}, separators=(",", ":"), sort_keys=True)
    return b64(hashlib.sha256(text.encode()).digest())


attester = ec.generate_private_key(ec.SECP256R1())
other_attester = ec.generate_private_key(ec.SECP256R1())
instance = ec.generate_private_key(ec.SECP256R1())
instance_ed = ed25519.Ed25519PrivateKey.generate()
stranger = ec.generate_private_key(ec.SECP256R1())
ATTESTER_JWK = dict(ec_jwk(attester), kid="attester-1", use="sig")
INSTANCE_JWK = ec_jwk(instance)
INSTANCE_ED_JWK = ed_jwk(instance_ed)

# The x5c chain: a CA (trust anchor) and the attester's certificate it issued.
ca_key = ec.generate_private_key(ec.SECP256R1())
leaf_key = ec.generate_private_key(ec.SECP256R1())
start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
end = datetime.datetime(2035, 1, 1, tzinfo=datetime.timezone.utc)
ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Attestation Test CA")])
ca_cert = (
    x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
    .public_key(ca_key.public_key()).serial_number(1).not_valid_before(start)
    .not_valid_after(end)
    .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
    .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                   critical=True)
    .sign(ca_key, hashes.SHA256())
)
leaf_cert = (
    x509.CertificateBuilder()
    .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Client Attester")]))
    .issuer_name(ca_name).public_key(leaf_key.public_key()).serial_number(2)
    .not_valid_before(start).not_valid_after(end)
    .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False),
                   critical=True)
    .sign(ca_key, hashes.SHA256())
)
CA_PEM = ca_cert.public_bytes(serialization.Encoding.PEM).decode()
X5C = [base64.b64encode(leaf_cert.public_bytes(serialization.Encoding.DER)).decode()]


def attestation(claims=None, header=None, key=attester, drop=(), cnf_jwk=None):
    h = {"alg": "ES256", "typ": "oauth-client-attestation+jwt", "kid": "attester-1"}
    h.update(header or {})
    c = {"iss": "https://attester.example.com", "sub": CLIENT, "iat": NOW - 60,
         "exp": NOW + 3600, "cnf": {"jwk": cnf_jwk or INSTANCE_JWK}}
    c.update(claims or {})
    for k in drop:
        c.pop(k, None)
    h = {k: v for k, v in h.items() if v is not None}
    return sign_es256(key, h, c)


jti_counter = [0]


def pop(claims=None, header=None, key=instance, drop=(), ed=False):
    jti_counter[0] += 1
    h = {"alg": "EdDSA" if ed else "ES256", "typ": "oauth-client-attestation-pop+jwt"}
    h.update(header or {})
    c = {"iss": CLIENT, "aud": ISSUER, "jti": "pop-%d" % jti_counter[0], "iat": NOW - 5}
    c.update(claims or {})
    for k in drop:
        c.pop(k, None)
    h = {k: v for k, v in h.items() if v is not None}
    if ed:
        return sign_eddsa(instance_ed, h, c), c["jti"]
    return sign_es256(key, h, c), c.get("jti")


def server(**extra):
    s = {"issuer": ISSUER, "token_endpoint": ISSUER + "/token",
         "token_endpoint_auth_methods_supported":
             ["attest_jwt_client_auth", "client_secret_basic", "private_key_jwt", "none"],
         "client_attestation_trusted_keys": {"keys": [ATTESTER_JWK]}}
    s.update(extra)
    return s


def client(method="attest_jwt_client_auth"):
    c = {"client_id": CLIENT, "token_endpoint_auth_method": method}
    if method == "client_secret_basic":
        c["client_secret"] = SECRET
    return c


def headers(att, p):
    h = []
    if att is not None:
        h.append(["OAuth-Client-Attestation", att])
    if p is not None:
        h.append(["OAuth-Client-Attestation-PoP", p])
    return h


def case(name, expect, att=None, p=None, extra_headers=(), body=None, srv=None, cl=None):
    return {
        "name": name,
        "now": NOW,
        "request": {
            "headers": headers(att, p) + [list(h) for h in extra_headers],
            "body": body if body is not None else "grant_type=authorization_code&code=abc&client_id=" + CLIENT,
        },
        "client": cl or client(),
        "server": srv or server(),
        "expect": expect,
    }


def accept(jti, tp=None, method="attest_jwt_client_auth"):
    e = {"outcome": "accept", "client_id": CLIENT, "method": method,
         "attestation_key_thumbprint": tp or thumbprint(INSTANCE_JWK)}
    if jti is not None:
        e["jti"] = jti
    return e


def reject(error, status, cls, **more):
    e = {"outcome": "reject", "error": error, "status": status, "class": cls}
    e.update(more)
    return e


ICA = ("invalid_client_attestation", 401)
cases = []
p, jti = pop()
cases.append(case("attestation and PoP, both ES256, accepted", accept(jti), attestation(), p))
replayed = p
p, jti = pop(ed=True)
cases.append(case("Ed25519 instance key, accepted with its RFC 7638 thumbprint",
                  accept(jti, thumbprint(INSTANCE_ED_JWK)),
                  attestation(cnf_jwk=INSTANCE_ED_JWK), p))
p, jti = pop()
cases.append(case("no client_id in the body: the attestation's sub names the client",
                  accept(jti), attestation(), p, body="grant_type=authorization_code&code=abc"))
p, jti = pop()
cases.append(case("typ with application/ prefix and upper case, accepted", accept(jti),
                  attestation(header={"typ": "application/OAuth-Client-Attestation+JWT"}), p))
p, jti = pop()
cases.append(case("x5c chain to a configured trust anchor, accepted", accept(jti),
                  attestation(header={"kid": None, "x5c": X5C}, key=leaf_key), p,
                  srv=server(client_attestation_trust_anchors=[CA_PEM],
                             client_attestation_trusted_keys=None)))
p, jti = pop(claims={"challenge": "chal-1"})
cases.append(case("PoP carries an issued challenge, accepted", accept(jti), attestation(), p,
                  srv=server(client_attestation_challenges=["chal-1"],
                             client_attestation_next_challenge="chal-2")))
p, jti = pop(claims={"aud": [ISSUER]})
cases.append(case("PoP aud an array of only the issuer, accepted", accept(jti), attestation(), p))
p, jti = pop()
cases.append(case("attestation iat within client_attestation_max_age_seconds, accepted",
                  accept(jti), attestation(), p,
                  srv=server(client_attestation_max_age_seconds=600)))
cases.append(case("replayed PoP jti", reject(*ICA, "replay"), attestation(), replayed))
p, _ = pop()
cases.append(case("PoP header missing", reject("invalid_request", 400, "malformed"),
                  attestation(), None))
p, _ = pop()
cases.append(case("attestation header missing", reject("invalid_request", 400, "malformed"),
                  None, p))
p, _ = pop()
cases.append(case("attestation header repeated", reject("invalid_request", 400, "malformed"),
                  attestation(), p, extra_headers=[("OAuth-Client-Attestation", attestation())]))
p, _ = pop()
cases.append(case("attestation not one compact JWS", reject("invalid_request", 400, "malformed"),
                  attestation() + "." + "AAAA", p))
p, _ = pop()
cases.append(case("attestation beside Basic credentials for an attest_jwt_client_auth client",
                  reject("invalid_request", 400, "malformed"), attestation(), p,
                  extra_headers=[("Authorization", "Basic " + base64.b64encode(
                      (CLIENT + ":" + SECRET).encode()).decode())]))
cases.append(case("DPoP header instead of the PoP (DPoP mode not supported)",
                  reject(*ICA, "policy"), attestation(), None,
                  extra_headers=[("DPoP", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA")]))
p, _ = pop()
cases.append(case("attestation typ JWT", reject(*ICA, "policy"),
                  attestation(header={"typ": "JWT"}), p))
p, _ = pop(header={"typ": "dpop+jwt"})
cases.append(case("PoP typ dpop+jwt", reject(*ICA, "policy"), attestation(), p))
p, _ = pop()
cases.append(case("attestation alg not in client_attestation_signing_alg_values_supported",
                  reject(*ICA, "policy"), attestation(), p,
                  srv=server(client_attestation_signing_alg_values_supported=["PS256"])))
p, _ = pop(header={"alg": "HS256"})
cases.append(case("PoP alg HS256 (a MAC, never accepted)", reject(*ICA, "policy"),
                  attestation(), p))
p, _ = pop()
cases.append(case("attestation signed by an untrusted attester key under the trusted kid",
                  reject(*ICA, "credential"), attestation(key=other_attester), p))
p, _ = pop()
cases.append(case("attestation kid names no trusted key", reject(*ICA, "credential"),
                  attestation(header={"kid": "attester-9"}), p))
p, _ = pop()
cases.append(case("x5c chain with no configured trust anchor", reject(*ICA, "credential"),
                  attestation(header={"kid": None, "x5c": X5C}, key=leaf_key), p))
p, _ = pop(key=stranger)
cases.append(case("PoP signed by a key other than cnf.jwk", reject(*ICA, "credential"),
                  attestation(), p))
p, _ = pop()
cases.append(case("attestation without cnf", reject(*ICA, "credential"),
                  attestation(drop=("cnf",)), p))
p, _ = pop()
cases.append(case("cnf.jwk holding the private key d", reject(*ICA, "credential"),
                  attestation(cnf_jwk=dict(INSTANCE_JWK, d=b64(
                      instance.private_numbers().private_value.to_bytes(32, "big")))), p))
p, _ = pop()
cases.append(case("attestation without exp", reject(*ICA, "credential"),
                  attestation(drop=("exp",)), p))
p, _ = pop()
cases.append(case("attestation without sub", reject(*ICA, "credential"),
                  attestation(drop=("sub",)), p, body="grant_type=authorization_code&code=abc"))
p, _ = pop(drop=("jti",))
cases.append(case("PoP without jti", reject(*ICA, "credential"), attestation(), p))
p, _ = pop(drop=("iat",))
cases.append(case("PoP without iat", reject(*ICA, "credential"), attestation(), p))
p, _ = pop(drop=("aud",))
cases.append(case("PoP without aud", reject(*ICA, "credential"), attestation(), p))
p, _ = pop(claims={"aud": ISSUER + "/token"})
cases.append(case("PoP aud the token endpoint, not the issuer", reject(*ICA, "policy"),
                  attestation(), p))
p, _ = pop(claims={"aud": [ISSUER, "https://other.example.com"]})
cases.append(case("PoP aud an array with another audience", reject(*ICA, "policy"),
                  attestation(), p))
p, _ = pop(claims={"iat": NOW - 400})
cases.append(case("PoP iat older than the default 300 s plus skew", reject(*ICA, "time"),
                  attestation(), p))
p, _ = pop(claims={"iat": NOW + 120})
cases.append(case("PoP iat ahead of the clock beyond the skew", reject(*ICA, "time"),
                  attestation(), p))
p, _ = pop(claims={"exp": NOW - 100})
cases.append(case("PoP exp passed", reject(*ICA, "time"), attestation(), p))
p, _ = pop()
cases.append(case("attestation exp passed", reject("use_fresh_attestation", 400, "time"),
                  attestation(claims={"exp": NOW - 100}), p))
p, _ = pop()
cases.append(case("attestation older than client_attestation_max_age_seconds",
                  reject("use_fresh_attestation", 400, "time"),
                  attestation(claims={"iat": NOW - 7200}), p,
                  srv=server(client_attestation_max_age_seconds=600)))
p, _ = pop()
cases.append(case("attestation without iat under client_attestation_max_age_seconds",
                  reject("use_fresh_attestation", 400, "time"), attestation(drop=("iat",)), p,
                  srv=server(client_attestation_max_age_seconds=600)))
p, _ = pop()
cases.append(case("PoP without the challenge the server requires",
                  reject("use_attestation_challenge", 400, "policy",
                         attestation_challenge="chal-2"), attestation(), p,
                  srv=server(client_attestation_challenges=["chal-1"],
                             client_attestation_next_challenge="chal-2")))
p, _ = pop(claims={"challenge": "chal-old"})
cases.append(case("PoP with a challenge the server does not accept",
                  reject("use_attestation_challenge", 400, "policy",
                         attestation_challenge="chal-2"), attestation(), p,
                  srv=server(client_attestation_challenges=["chal-1"],
                             client_attestation_next_challenge="chal-2")))
p, _ = pop()
cases.append(case("body client_id differs from the attestation's sub",
                  reject("invalid_client", 401, "credential"),
                  attestation(claims={"sub": "another-app"}), p))
p, _ = pop()
cases.append(case("registration does not allow attest_jwt_client_auth",
                  reject("invalid_client", 401, "policy"), attestation(), p,
                  cl=client("private_key_jwt") | {"jwks": {"keys": [INSTANCE_JWK]}}))
basic = [("Authorization", "Basic " + base64.b64encode((CLIENT + ":" + SECRET).encode()).decode())]
p, jti = pop()
cases.append(case("additional signal: Basic authenticates, the attestation is verified",
                  {"outcome": "accept", "client_id": CLIENT, "method": "client_secret_basic",
                   "attestation_key_thumbprint": thumbprint(INSTANCE_JWK)},
                  attestation(), p, extra_headers=basic, cl=client("client_secret_basic")))
p, _ = pop(key=stranger)
cases.append(case("additional signal: a bad PoP refuses the request",
                  reject(*ICA, "credential"), attestation(), p, extra_headers=basic,
                  cl=client("client_secret_basic")))
cases.append(case("additional signal required by client_attestation_pop_methods_supported",
                  reject(*ICA, "policy"), None, None, extra_headers=basic,
                  cl=client("client_secret_basic"),
                  srv=server(client_attestation_pop_methods_supported=["attest_jwt_client_auth"])))
cases.append(case("additional signal optional when the list holds none",
                  {"outcome": "accept", "client_id": CLIENT, "method": "client_secret_basic"},
                  None, None, extra_headers=basic, cl=client("client_secret_basic"),
                  srv=server(client_attestation_pop_methods_supported=["none"])))
p, _ = pop()
cases.append(case("FAPI 2.0 does not allow attest_jwt_client_auth",
                  reject("invalid_client", 401, "policy"), attestation(), p,
                  srv=server(fapi_profile="fapi2")))

out = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "cases",
                   "attest_jwt_client_auth.json")
with open(out, "w") as f:
    json.dump(cases, f, indent=2)
    f.write("\n")
print("wrote %d cases to %s" % (len(cases), os.path.normpath(out)))
