#!/usr/bin/env python3
"""Writes examples/cases/tls_client_auth.json and self_signed_tls_client_auth.json from the
certificates in this directory. Every expected certificate_thumbprint is OpenSSL's, read from
thumbprints.txt (see make.sh), not the crate's.

    python3 tests/certs/make_cases.py
"""
import base64
import json
import pathlib
import urllib.parse

HERE = pathlib.Path(__file__).resolve().parent
CASES = HERE.parent.parent / "examples" / "cases"
NOW = 1764300000
THUMBPRINTS = dict(line.split() for line in (HERE / "thumbprints.txt").read_text().splitlines())


def pem(name):
    return (HERE / f"{name}.pem").read_text()


def der_b64(name):
    body = "".join(l for l in pem(name).splitlines() if not l.startswith("-----"))
    return base64.b64encode(base64.b64decode(body)).decode()


def nginx_escaped(text):
    # $ssl_client_escaped_cert: everything but unreserved characters percent-encoded.
    return urllib.parse.quote(text, safe="-._~")


def nginx_folded(text):
    # $ssl_client_cert: a tab after every line break but the last, which is dropped.
    return text.rstrip("\n").replace("\n", "\n\t")


SERVER = {
    "issuer": "https://as.example.com",
    "token_endpoint": "https://as.example.com/token",
    "token_endpoint_auth_methods_supported": [
        "tls_client_auth",
        "self_signed_tls_client_auth",
        "private_key_jwt",
    ],
}
ANCHORED = dict(SERVER, tls_client_auth_trust_anchors=[pem("root-ca")])
CLIENT_DN = r"CN=client.example.com,OU=Engineering+UID=4326385670,O=Example\, Inc.,ST=Tokyo,C=JP"
BODY = "grant_type=client_credentials&client_id={}"


def case(name, client, cert, expect, server=SERVER, chain=()):
    request = {"body": BODY.format(client["client_id"])}
    if cert is not None:
        request["client_certificate"] = cert
    if chain:
        request["client_certificate_chain"] = list(chain)
    return {"name": name, "now": NOW, "request": request, "client": client, "server": server,
            "expect": expect}


def accept(client_id, method, cert_name):
    return {"outcome": "accept", "client_id": client_id, "method": method,
            "certificate_thumbprint": THUMBPRINTS[cert_name]}


def reject(description):
    return {"outcome": "reject", "error": "invalid_client", "status": 401,
            "description": description}


def tls(client_id="mtls-client", **registered):
    return dict({"client_id": client_id, "token_endpoint_auth_method": "tls_client_auth"},
                **registered)


TLS = "tls_client_auth"
tls_cases = [
    case("subject DN, URL-encoded PEM as nginx $ssl_client_escaped_cert forwards it",
         tls(tls_client_auth_subject_dn=CLIENT_DN), nginx_escaped(pem("client")),
         accept("mtls-client", TLS, "client")),
    case("subject DN compared as a name: case, spacing and a reordered multi-valued RDN",
         tls(tls_client_auth_subject_dn=r"cn=CLIENT.example.com, uid=4326385670+ou=engineering, "
             r"o=Example\2C Inc., st=Tokyo, c=jp"),
         pem("client"), accept("mtls-client", TLS, "client")),
    case("subject DN written in encoding order is another name (RFC 4514 §2.1)",
         tls(tls_client_auth_subject_dn=r"C=JP,ST=Tokyo,O=Example\, Inc.,"
             r"OU=Engineering+UID=4326385670,CN=client.example.com"),
         pem("client"),
         reject("client authentication failed")),
    case("SAN dNSName compares case-insensitively",
         tls(tls_client_auth_san_dns="ALT.example.net"), pem("client"),
         accept("mtls-client", TLS, "client")),
    case("SAN iPAddress in another IPv6 textual form (RFC 5952 §8)",
         tls(tls_client_auth_san_ip="2001:0db8:0:0:0:0:0:1"), pem("client"),
         accept("mtls-client", TLS, "client")),
    case("SAN iPAddress not in the certificate",
         tls(tls_client_auth_san_ip="192.0.2.11"), pem("client"),
         reject("client authentication failed")),
    case("SAN uniformResourceIdentifier path compares exactly",
         tls(tls_client_auth_san_uri="https://client.example.com/Agent"), pem("client"),
         reject("client authentication failed")),
    case("SAN rfc822Name: domain case-insensitive, nginx $ssl_client_cert tab-folded PEM",
         tls(tls_client_auth_san_email="client-admin@example.com"), nginx_folded(pem("client")),
         accept("mtls-client", TLS, "client")),
    case("chain to a trust anchor through the presented intermediate",
         tls(tls_client_auth_subject_dn=CLIENT_DN), pem("client"),
         accept("mtls-client", TLS, "client"), server=ANCHORED, chain=[pem("issuing-ca")]),
    case("expired certificate under trust anchors",
         tls(tls_client_auth_subject_dn=CLIENT_DN), pem("client-expired"),
         reject("the TLS client certificate has expired"), server=ANCHORED,
         chain=[pem("issuing-ca")]),
    case("same subject from a foreign CA under trust anchors",
         tls(tls_client_auth_subject_dn=CLIENT_DN), pem("client-foreign-ca"),
         reject("client authentication failed"),
         server=ANCHORED, chain=[pem("foreign-ca")]),
    case("certificate for TLS servers only (EKU serverAuth) under trust anchors",
         tls(tls_client_auth_san_dns="client.example.com"), pem("client-server-eku"),
         reject("the TLS client certificate is not valid for client authentication"),
         server=ANCHORED, chain=[pem("issuing-ca")]),
    case("two tls_client_auth_* parameters registered (RFC 8705 §2.1.2)",
         tls(tls_client_auth_subject_dn=CLIENT_DN, tls_client_auth_san_dns="client.example.com"),
         pem("client"), reject("client registration is invalid")),
    case("registered subject DN that is not an RFC 4514 string",
         tls(tls_client_auth_subject_dn="CN=client.example.com;O=Example"), pem("client"),
         reject("client registration is invalid")),
    case("no client certificate (nginx forwards an empty header)",
         tls(tls_client_auth_subject_dn=CLIENT_DN), "",
         reject("client authentication failed")),
    case("certificate header that does not decode",
         tls(tls_client_auth_subject_dn=CLIENT_DN), "-----BEGIN%20CERTIFICATE-----%0AMIIB%ZZ",
         reject("client authentication failed")),
]

SELF = "self_signed_tls_client_auth"
MTLS_JWKS = json.loads((HERE / "rfc8705-appendix-a.jwks.json").read_text())
SEED_JWKS = json.loads((HERE / "seed-client-example-com.jwks.json").read_text())
OWN_JWKS = json.loads((HERE / "self-signed.jwks.json").read_text())


def self_signed(jwks, client_id="self-signed-client"):
    return {"client_id": client_id, "token_endpoint_auth_method": SELF, "jwks": jwks}


mtls = pem("rfc8705-appendix-a")
self_cases = [
    case("RFC 8705 Appendix A certificate as PEM", self_signed(MTLS_JWKS), mtls,
         accept("self-signed-client", SELF, "rfc8705-appendix-a")),
    case("RFC 8705 Appendix A certificate, URL-encoded (nginx $ssl_client_escaped_cert)",
         self_signed(MTLS_JWKS), nginx_escaped(mtls),
         accept("self-signed-client", SELF, "rfc8705-appendix-a")),
    case("RFC 8705 Appendix A certificate, tab-folded (nginx $ssl_client_cert)",
         self_signed(MTLS_JWKS), nginx_folded(mtls),
         accept("self-signed-client", SELF, "rfc8705-appendix-a")),
    case("RFC 8705 Appendix A certificate as base64 DER", self_signed(MTLS_JWKS),
         der_b64("rfc8705-appendix-a"),
         accept("self-signed-client", SELF, "rfc8705-appendix-a")),
    case("RFC 8705 Appendix A certificate as an RFC 9440 Client-Cert byte sequence",
         self_signed(MTLS_JWKS), ":" + der_b64("rfc8705-appendix-a") + ":",
         accept("self-signed-client", SELF, "rfc8705-appendix-a")),
    case("the X-Ssl-Cert value nginx sent in the seed slides",
         self_signed(SEED_JWKS), (HERE / "seed-nginx-x-ssl-cert.txt").read_text().strip(),
         accept("self-signed-client", SELF, "seed-client-example-com")),
    case("second registered key (RSA) of the JWK Set", self_signed(OWN_JWKS),
         nginx_escaped(pem("self-signed-rsa")),
         accept("self-signed-client", SELF, "self-signed-rsa")),
    case("certificate not registered in jwks", self_signed(OWN_JWKS), nginx_escaped(mtls),
         reject("client authentication failed")),
    case("no client certificate", self_signed(MTLS_JWKS), None,
         reject("client authentication failed")),
    case("jwks without any x5c certificate (RFC 8705 §2.2)",
         self_signed({"keys": [{k: v for k, v in MTLS_JWKS["keys"][0].items() if k != "x5c"}]}),
         mtls, reject("client registration is invalid")),
]

for file, cases in [("tls_client_auth.json", tls_cases),
                    ("self_signed_tls_client_auth.json", self_cases)]:
    (CASES / file).write_text(json.dumps(cases, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {CASES / file}")
