#!/usr/bin/env python3
"""Writes examples/cases/assertion_audience.json: client_secret_jwt assertions (HS256, made
here with Python's hmac and hashlib, not by the crate) whose `aud` names the issuer or an
endpoint URL, judged at each endpoint under each `assertion_audience` policy.

    python3 tests/vectors/make_audience_cases.py
"""
import base64
import hashlib
import hmac
import json
import os

NOW = 1764300000
ISSUER = "https://as.example.com"
URLS = {
    "token": ISSUER + "/token",
    "revocation": ISSUER + "/revoke",
    "introspection": ISSUER + "/introspect",
    "pushed_authorization": ISSUER + "/par",
    "backchannel_authentication": ISSUER + "/bc-authorize",
    "device_authorization": ISSUER + "/device",
}
CLIENT = "aud-client"
SECRET = "Yp3Kq8Vt2Ws6Xz9Ab4Cd7Ef1Gh5Jk0Lm3Np8Qr2St6Uv9Wx4Yz7Ac1Bd5Ce8Df0G"
ASSERTION_TYPE = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hs256(claims):
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64(json.dumps(claims, separators=(",", ":")).encode())
    mac = hmac.new(SECRET.encode(), f"{head}.{payload}".encode(), hashlib.sha256).digest()
    return f"{head}.{payload}.{b64(mac)}"


def server(policy):
    s = {
        "issuer": ISSUER,
        "token_endpoint": URLS["token"],
        "revocation_endpoint": URLS["revocation"],
        "introspection_endpoint": URLS["introspection"],
        "pushed_authorization_request_endpoint": URLS["pushed_authorization"],
        "backchannel_authentication_endpoint": URLS["backchannel_authentication"],
        "device_authorization_endpoint": URLS["device_authorization"],
        "token_endpoint_auth_methods_supported": ["client_secret_jwt"],
        "revocation_endpoint_auth_methods_supported": ["client_secret_jwt"],
        "introspection_endpoint_auth_methods_supported": ["client_secret_jwt"],
    }
    if policy:
        s["assertion_audience"] = policy
    return s


def refused_description(endpoint, policy):
    """The client's hint: the audience the server expects (the issuer identifier, public)."""
    prefix = "client assertion audience does not identify this server: "
    if policy == "issuer-or-called-endpoint":
        expected = json.dumps([ISSUER, URLS[endpoint]]).replace('", "', '", "')
        return (prefix + f"the audience must be one of {expected} (the issuer identifier or the "
                "URL of the endpoint called), alone")
    return prefix + f'the audience must be the issuer identifier "{ISSUER}" alone'


counter = 0


def case(name, endpoint, aud, policy, accepted):
    global counter
    counter += 1
    jti = f"aud-{counter}"
    token = hs256({"iss": CLIENT, "sub": CLIENT, "aud": aud, "exp": NOW + 60, "iat": NOW,
                   "jti": jti})
    expect = (
        {"outcome": "accept", "client_id": CLIENT, "method": "client_secret_jwt", "jti": jti}
        if accepted
        else {"outcome": "reject", "error": "invalid_client", "status": 401, "class": "policy",
              "description": refused_description(endpoint, policy)}
    )
    return {
        "name": name,
        "now": NOW,
        "endpoint": endpoint,
        "request": {"body": f"client_assertion_type={ASSERTION_TYPE}&client_assertion={token}"},
        "client": {"client_id": CLIENT, "client_secret": SECRET,
                   "token_endpoint_auth_method": "client_secret_jwt"},
        "server": server(policy),
        "expect": expect,
    }


cases = []
called = "issuer-or-called-endpoint"
for endpoint, url in URLS.items():
    cases.append(case(f"{called}: at {endpoint}, its own URL", endpoint, url, called, True))
    cases.append(case(f"{called}: at {endpoint}, the issuer", endpoint, ISSUER, called, True))
    if endpoint != "token":
        cases.append(case(f"{called}: at {endpoint}, the token endpoint URL is another endpoint's",
                          endpoint, URLS["token"], called, False))
cases += [
    case(f"{called}: at token, the pushed authorization URL", "token",
         URLS["pushed_authorization"], called, False),
    case(f"{called}: the issuer beside the token endpoint URL is not a sole audience", "token",
         [ISSUER, URLS["token"]], called, False),
    case("issuer (default): the issuer as a one-member array", "pushed_authorization", [ISSUER],
         None, True),
    case("issuer (default): the endpoint's own URL is refused (RFC 10070)",
         "pushed_authorization", URLS["pushed_authorization"], None, False),
    case("issuer-or-endpoint: the token endpoint URL stands at pushed authorization",
         "pushed_authorization", URLS["token"], "issuer-or-endpoint", True),
]

out = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "cases",
                   "assertion_audience.json")
with open(out, "w") as f:
    json.dump(cases, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(out)}")
