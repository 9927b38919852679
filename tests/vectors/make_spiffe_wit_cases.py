#!/usr/bin/env python3
"""Writes examples/cases/spiffe_wit.json: SPIFFE WIT-SVID client authentication
(`spiffe_wit`, draft-ietf-oauth-spiffe-client-auth-02 §3.3), every rule accepted and refused.

A WIT-SVID is a WIMSE Workload Identity Token (draft-ietf-wimse-workload-creds §3.1, typ
`wit+jwt`) whose `sub` is a SPIFFE ID, sent in `OAuth-Client-Attestation`, with a Client
Attestation PoP (draft-ietf-oauth-attestation-based-client-auth §5.2) in
`OAuth-Client-Attestation-PoP`. Both JWTs are signed here with Python `cryptography` and a
minimal compact-JWS encoder, not by the crate; the trust domains' bundles mark WIT keys with
`"use": "wit-svid"` (§6). Each case has its `expect`; the RFC 7638 thumbprints are computed
here. Keys are generated on each run, so the file changes when re-run.

    python3 tests/vectors/make_spiffe_wit_cases.py
"""
import base64
import hashlib
import json
import os

from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
NOW = 1764300000
ISSUER = "https://as.example.com"
TOKEN = ISSUER + "/token"
SPIFFE_ID = "spiffe://example.org/my-oauth-client"
WIT_TYP = "wit+jwt"
POP_TYP = "oauth-client-attestation-pop+jwt"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64json(obj):
    return b64(json.dumps(obj, separators=(",", ":")).encode())


def reject(error, klass, status=None):
    e = {"outcome": "reject", "error": error, "class": klass}
    e["status"] = status or (400 if error in ("invalid_request", "use_fresh_attestation",
                                              "use_attestation_challenge") else 401)
    return e


def ec_jwk(key, crv, size):
    n = key.public_key().public_numbers()
    return {"kty": "EC", "crv": crv, "x": b64(n.x.to_bytes(size, "big")),
            "y": b64(n.y.to_bytes(size, "big"))}


def ed_jwk(key):
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": b64(raw)}


def thumbprint(jwk):
    # RFC 7638 §3: the required members, in lexicographic order, no whitespace.
    names = {"EC": ["crv", "kty", "x", "y"], "OKP": ["crv", "kty", "x"]}[jwk["kty"]]
    text = json.dumps({n: jwk[n] for n in names}, separators=(",", ":"), sort_keys=True)
    return b64(hashlib.sha256(text.encode()).digest())


def sign(alg, key, header, claims):
    signing_input = (b64json(header) + "." + b64json(claims)).encode()
    if alg in ("ES256", "ES384"):
        size, hash_ = {"ES256": (32, hashes.SHA256()), "ES384": (48, hashes.SHA384())}[alg]
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hash_)))
        sig = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    elif alg == "EdDSA":
        sig = key.sign(signing_input)
    elif alg == "HS256":
        h = hmac.HMAC(key, hashes.SHA256())
        h.update(signing_input)
        sig = h.finalize()
    elif alg == "none":
        sig = b""
    else:
        raise ValueError(alg)
    return signing_input.decode() + "." + b64(sig)


def flip(token):
    head, sig = token.rsplit(".", 1)
    raw = bytearray(base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)))
    raw[-1] ^= 1
    return head + "." + b64(bytes(raw))


# The trust domains' keys: example.org signs WITs with P-256 ("wit-1"), P-384 ("wit-384")
# and Ed25519 ("wit-ed"); its JWT-SVID key ("jwt-1", use jwt-svid) and a key without `use`
# ("plain") are no WIT keys. other.org has a WIT key of its own ("other-wit").
domain_p256 = ec.generate_private_key(ec.SECP256R1())
domain_p384 = ec.generate_private_key(ec.SECP384R1())
domain_ed = ed25519.Ed25519PrivateKey.generate()
domain_jwt = ec.generate_private_key(ec.SECP256R1())
domain_plain = ec.generate_private_key(ec.SECP256R1())
other_domain = ec.generate_private_key(ec.SECP256R1())
# The workload's key (cnf.jwk), an Ed25519 workload key, and a stranger's key.
workload = ec.generate_private_key(ec.SECP256R1())
workload_ed = ed25519.Ed25519PrivateKey.generate()
stranger = ec.generate_private_key(ec.SECP256R1())

EXAMPLE_BUNDLE = {"keys": [
    dict(ec_jwk(domain_p256, "P-256", 32), use="wit-svid", kid="wit-1"),
    dict(ec_jwk(domain_p384, "P-384", 48), use="wit-svid", kid="wit-384"),
    dict(ed_jwk(domain_ed), use="wit-svid", kid="wit-ed"),
    dict(ec_jwk(domain_jwt, "P-256", 32), use="jwt-svid", kid="jwt-1"),
    dict(ec_jwk(domain_plain, "P-256", 32), kid="plain"),
], "spiffe_sequence": 3, "spiffe_refresh_hint": 300}
OTHER_BUNDLE = {"keys": [dict(ec_jwk(other_domain, "P-256", 32), use="wit-svid", kid="other-wit")]}

WIT_KEYS = {"wit-1": ("ES256", domain_p256), "wit-384": ("ES384", domain_p384),
            "wit-ed": ("EdDSA", domain_ed), "jwt-1": ("ES256", domain_jwt),
            "plain": ("ES256", domain_plain), "other-wit": ("ES256", other_domain)}
WORKLOAD_JWK = dict(ec_jwk(workload, "P-256", 32), alg="ES256")
WORKLOAD_ED_JWK = dict(ed_jwk(workload_ed), alg="EdDSA")


def wit(claims=None, header=None, kid="wit-1", drop=(), key=None):
    """A WIT-SVID, draft §3.3's example shape, signed with the trust domain key `kid`."""
    alg, k = WIT_KEYS[kid]
    h = {"typ": WIT_TYP, "alg": alg, "kid": kid}
    h.update(header or {})
    h = {n: v for n, v in h.items() if v is not None}
    c = {"iss": "spiffe://example.org/my-spiffe-workload-api", "sub": SPIFFE_ID,
         "iat": NOW - 600, "exp": NOW + 3000, "cnf": {"jwk": WORKLOAD_JWK}}
    c.update(claims or {})
    for n in drop:
        c.pop(n, None)
    return sign(h["alg"], key if key is not None else k, h, c)


def pop(jti, claims=None, header=None, key=None, drop=()):
    """A Client Attestation PoP, signed with the workload key."""
    h = {"typ": POP_TYP, "alg": "ES256"}
    h.update(header or {})
    c = {"iss": SPIFFE_ID, "aud": ISSUER, "jti": jti, "iat": NOW - 5}
    c.update(claims or {})
    for n in drop:
        c.pop(n, None)
    return sign(h["alg"], key if key is not None else workload, h, c)


def server(**extra):
    s = {"issuer": ISSUER, "token_endpoint": TOKEN,
         "token_endpoint_auth_methods_supported": ["spiffe_wit", "spiffe_jwt",
                                                   "attest_jwt_client_auth", "client_secret_basic"],
         "spiffe_bundles": {"example.org": {"jwks": EXAMPLE_BUNDLE},
                            "other.org": {"jwks": OTHER_BUNDLE}}}
    s.update(extra)
    return {n: v for n, v in s.items() if v is not None}


CLIENT = {"client_id": SPIFFE_ID, "token_endpoint_auth_method": "spiffe_wit"}


def case(name, expect, w, p, client_id=SPIFFE_ID, client=None, srv=None, headers=()):
    body = "grant_type=client_credentials"
    if client_id is not None:
        body += "&client_id=" + client_id
    hs = [list(h) for h in headers]
    if w is not None:
        hs.append(["OAuth-Client-Attestation", w])
    if p is not None:
        hs.append(["OAuth-Client-Attestation-PoP", p])
    return {"name": name, "now": NOW, "request": {"headers": hs, "body": body},
            "client": client or CLIENT, "server": srv or server(), "expect": expect}


def accept(jti, client_id=SPIFFE_ID, spiffe_id=SPIFFE_ID, jwk=None):
    return {"outcome": "accept", "client_id": client_id, "method": "spiffe_wit",
            "spiffe_id": spiffe_id, "jti": jti,
            "attestation_key_thumbprint": thumbprint(jwk or WORKLOAD_JWK)}


ATTESTATION = "invalid_client_attestation"
WORKLOADS = "spiffe://example.org/workloads/api"
registered_elsewhere = {"client_id": "s6BhdRkqt3", "token_endpoint_auth_method": "spiffe_wit",
                        "spiffe_id": "spiffe://example.org/workloads/*"}
replayed = pop("pop-replayed")
cases = [
    # ---- accepted
    case("draft §3.3: the draft's example, client_id the SPIFFE ID", accept("pop-1"),
         wit(), pop("pop-1")),
    case("draft §3.3: without client_id the WIT's sub names the client", accept("pop-2"),
         wit(), pop("pop-2"), client_id=None),
    case("draft §5.1: spiffe_id ending /* beside another client_id",
         accept("pop-3", client_id="s6BhdRkqt3", spiffe_id=WORKLOADS),
         wit({"sub": WORKLOADS}), pop("pop-3", {"iss": WORKLOADS}), client_id="s6BhdRkqt3",
         client=registered_elsewhere),
    case("draft -10 §5.2: the PoP iss the client_id, beside a WIT for a /* spiffe_id",
         accept("pop-3b", client_id="s6BhdRkqt3", spiffe_id=WORKLOADS),
         wit({"sub": WORKLOADS}), pop("pop-3b", {"iss": "s6BhdRkqt3"}), client_id="s6BhdRkqt3",
         client=registered_elsewhere),
    case("draft -10 §5.2: the PoP iss neither the client_id nor the WIT's sub",
         reject(ATTESTATION, "credential"),
         wit({"sub": WORKLOADS}), pop("pop-3c", {"iss": "s6BhdRkqt4"}), client_id="s6BhdRkqt3",
         client=registered_elsewhere),
    case("WIMSE §3.1: an EdDSA WIT binding an Ed25519 workload key, EdDSA PoP",
         accept("pop-4", jwk=WORKLOAD_ED_JWK),
         wit({"cnf": {"jwk": WORKLOAD_ED_JWK}}, kid="wit-ed"),
         pop("pop-4", header={"alg": "EdDSA"}, key=workload_ed)),
    case("WIMSE §3.1: an ES384 WIT from the P-384 key", accept("pop-5"),
         wit(kid="wit-384"), pop("pop-5")),
    case("RFC 7515 §4.1.9: typ application/WIT+JWT, as a media type", accept("pop-6"),
         wit(header={"typ": "application/WIT+JWT"}), pop("pop-6")),
    case("draft -10 §8: the PoP carries a challenge the server accepts", accept("pop-7"),
         wit(), pop("pop-7", {"challenge": "chal-1"}),
         srv=server(client_attestation_challenges=["chal-1"],
                    client_attestation_next_challenge="chal-2")),
    case("draft §6.2.4, WIMSE §3.1: iss absent, an unknown claim ignored", accept("pop-8"),
         wit({"x-extra": True}, drop=["iss"]), pop("pop-8")),
    case("draft -10 §5.2: a fresh PoP jti, recorded", accept("pop-replayed"), wit(), replayed),
    # ---- refused: the WIT
    case("draft -10 §5.2: the same PoP jti again", reject(ATTESTATION, "replay"), wit(), replayed),
    case("WIMSE §3.1: typ JWT", reject(ATTESTATION, "policy"),
         wit(header={"typ": "JWT"}), pop("pop-r1")),
    case("draft §3.3.1: typ oauth-client-attestation+jwt is a client attester's, not a WIT",
         reject(ATTESTATION, "policy"),
         wit(header={"typ": "oauth-client-attestation+jwt"}), pop("pop-r2")),
    case("WIMSE §3.1: alg none", reject(ATTESTATION, "policy"),
         wit(header={"alg": "none"}), pop("pop-r3")),
    case("WIMSE §3.1: alg HS256", reject(ATTESTATION, "policy"),
         wit(header={"alg": "HS256"}, key=b"k" * 32), pop("pop-r4")),
    case("draft §6: signed with other.org's WIT key", reject(ATTESTATION, "credential"),
         wit(kid="other-wit"), pop("pop-r5")),
    case("draft §6: signed with example.org's key of use jwt-svid", reject(ATTESTATION, "credential"),
         wit(kid="jwt-1"), pop("pop-r6")),
    case("draft §6: a bundle key without use is no WIT key", reject(ATTESTATION, "credential"),
         wit(kid="plain"), pop("pop-r7")),
    case("draft §6: an unknown kid", reject(ATTESTATION, "credential"),
         wit(header={"kid": "nope"}), pop("pop-r8")),
    case("draft §3.3.1: a flipped signature bit", reject(ATTESTATION, "credential"),
         flip(wit()), pop("pop-r9")),
    case("WIMSE §3.1: no sub", reject(ATTESTATION, "credential"),
         wit(drop=["sub"]), pop("pop-r10")),
    case("WIMSE §3.1: no exp", reject(ATTESTATION, "credential"),
         wit(drop=["exp"]), pop("pop-r11")),
    case("WIMSE §3.1: no cnf", reject(ATTESTATION, "credential"),
         wit(drop=["cnf"]), pop("pop-r12")),
    case("WIMSE §3.1: cnf.jwk without alg", reject(ATTESTATION, "credential"),
         wit({"cnf": {"jwk": ec_jwk(workload, "P-256", 32)}}), pop("pop-r13")),
    case("WIMSE §3.1: cnf.jwk alg none", reject(ATTESTATION, "credential"),
         wit({"cnf": {"jwk": dict(WORKLOAD_JWK, alg="none")}}), pop("pop-r14")),
    case("RFC 7800 §3.2: cnf.jwk holds the private key", reject(ATTESTATION, "credential"),
         wit({"cnf": {"jwk": dict(WORKLOAD_JWK, d=b64(workload.private_numbers()
                                                      .private_value.to_bytes(32, "big")))}}),
         pop("pop-r15")),
    case("draft §3.3: sub is not a SPIFFE ID", reject("invalid_client", "credential"),
         wit({"sub": "my-oauth-client"}), pop("pop-r16", {"iss": "my-oauth-client"})),
    case("draft §5.1: sub is another workload than spiffe_id", reject("invalid_client", "credential"),
         wit({"sub": "spiffe://example.org/other"}),
         pop("pop-r17", {"iss": "spiffe://example.org/other"})),
    case("draft §5.1: /* matches whole path segments only", reject("invalid_client", "credential"),
         wit({"sub": "spiffe://example.org/workloadsx"}),
         pop("pop-r18", {"iss": "spiffe://example.org/workloadsx"}), client_id="s6BhdRkqt3",
         client=registered_elsewhere),
    case("WIMSE §3.1: exp passed beyond the skew: fetch a fresh WIT",
         reject("use_fresh_attestation", "time"), wit({"exp": NOW - 31}), pop("pop-r19")),
    case("RFC 7519 §4.1.6: iat ahead beyond the skew", reject(ATTESTATION, "time"),
         wit({"iat": NOW + 120}), pop("pop-r20")),
    # ---- refused: the PoP
    case("draft -10 §5.2: the PoP signed by another key than cnf.jwk",
         reject(ATTESTATION, "credential"), wit(), pop("pop-r21", key=stranger)),
    case("WIMSE §3.1: the PoP alg is not cnf.jwk's alg", reject(ATTESTATION, "policy"),
         wit({"cnf": {"jwk": WORKLOAD_ED_JWK}}),
         pop("pop-r22", header={"alg": "ES256"}, key=workload)),
    case("draft -10 §5.2: the PoP aud is the token endpoint", reject(ATTESTATION, "policy"),
         wit(), pop("pop-r23", {"aud": TOKEN})),
    case("draft -10 §5.2: the PoP has no jti", reject(ATTESTATION, "credential"),
         wit(), pop("unused", drop=["jti"])),
    case("draft -10 §5.2: the PoP is older than client_attestation_pop_max_age_seconds",
         reject(ATTESTATION, "time"), wit(), pop("pop-r24", {"iat": NOW - 400})),
    case("draft -10 §8: no challenge while the server issues them",
         dict(reject("use_attestation_challenge", "policy"), attestation_challenge="chal-2"),
         wit(), pop("pop-r25"),
         srv=server(client_attestation_challenges=["chal-1"],
                    client_attestation_next_challenge="chal-2")),
    # ---- refused: the request, the registration, the server
    case("draft §6: no bundle for the WIT's trust domain", reject("invalid_client", "registration"),
         wit(), pop("pop-r26"), srv=server(spiffe_bundles={"other.org": {"jwks": OTHER_BUNDLE}})),
    case("draft §6: the attestation trusted keys never stand in for the bundle",
         reject("invalid_client", "registration"), wit(), pop("pop-r27"),
         srv=server(spiffe_bundles=None,
                    client_attestation_trusted_keys={"keys": [ec_jwk(domain_p256, "P-256", 32)]})),
    case("RFC 6749 §2.3: Basic beside the WIT headers is two methods",
         reject("invalid_request", "malformed"), wit(), pop("pop-r28"), client_id=None,
         headers=[("Authorization", "Basic " + base64.b64encode(
             (SPIFFE_ID.replace(":", "%3A").replace("/", "%2F") + ":secret").encode()).decode())]),
    case("RFC 6749 §2.3: client_secret beside the WIT headers is two methods",
         reject("invalid_request", "malformed"), wit(), pop("pop-r29"),
         client_id=SPIFFE_ID + "&client_secret=secret"),
    case("RFC 7591 §2: the headers for a client registered for spiffe_jwt",
         reject("invalid_client", "policy"), wit(), pop("pop-r30"),
         client={"client_id": SPIFFE_ID, "token_endpoint_auth_method": "spiffe_jwt"}),
    case("draft -10: a WIT-SVID for an attest_jwt_client_auth client is no client attestation",
         reject(ATTESTATION, "policy"), wit(), pop("pop-r31"),
         client={"client_id": SPIFFE_ID, "token_endpoint_auth_method": "attest_jwt_client_auth"}),
    case("draft §4: the server does not list spiffe_wit", reject("invalid_client", "policy"),
         wit(), pop("pop-r32"),
         srv=server(token_endpoint_auth_methods_supported=["spiffe_jwt", "spiffe_x509"])),
    case("no FAPI profile allows spiffe_wit", reject("invalid_client", "policy"),
         wit(), pop("pop-r33"), srv=server(fapi_profile="fapi2")),
]

with open(os.path.join(ROOT, "examples", "cases", "spiffe_wit.json"), "w") as f:
    json.dump(cases, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(len(cases), "WIT-SVID cases")
