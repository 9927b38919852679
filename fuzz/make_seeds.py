#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora, fuzz/seeds/<target>/, from the crate's own test material.

    python3 fuzz/make_seeds.py              # rewrite fuzz/seeds/ (commit the result)
    python3 fuzz/make_seeds.py --out DIR    # write DIR/<target>/ instead (fuzz/run.sh does this)

Python 3 standard library only. Deterministic: on unchanged sources a re-run writes the same
files (ES256 signatures use RFC 6979 nonces), so `git status fuzz/seeds` shows what changed.

Sources, read afresh on every run:
  - every case file, examples/cases/*.json, and every JSON file under tests/vectors/ (any
    shape): request bodies, Authorization headers, client assertions (any string shaped like a
    compact JWS), certificates (any string holding a PEM certificate, `client_certificate`,
    `client_certificate_chain`, `x5c`, `tls_client_auth_trust_anchors`), subject DN strings,
    client and server metadata, whole cases and whole files;
  - every PEM certificate file under tests/;
  - fuzz/fixtures/: the certificates, the registered clients and the test ES256 key that the
    targets use, from which this script also builds client assertions (valid ones, signed with
    the fixture keys, and one variant per header or claims rule) and cases for the assertion and
    certificate methods.
Each certificate is written in every input form the crate reads: PEM, URL-encoded PEM (nginx
$ssl_client_escaped_cert), tab-folded PEM (nginx $ssl_client_cert), base64 DER, RFC 9440
`:BASE64:`, and DER. Files are named by the SHA-1 of their content, as libFuzzer names them.
"""

import argparse
import base64
import hashlib
import hmac
import json
import pathlib
import re
import shutil
import urllib.parse

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
FIXTURES = FUZZ / "fixtures"
TARGETS = [
    "form_body",
    "authorization_header",
    "client_assertion",
    "certificate_input",
    "subject_dn",
    "metadata_json",
    "case_json",
    "attestation_headers",
    "spiffe_id",
]
# Larger inputs are left out: the crate refuses them by size before parsing anyway.
MAX_SEED_BYTES = 64 * 1024
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
JWS_RE = re.compile(r"^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$")
PEM_RE = re.compile(r"-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --- ES256 with RFC 6979 deterministic nonces (P-256, SHA-256), so that re-runs are stable ---

P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
G = (
    0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
    0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
)


def point_add(p1, p2):
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % P == 0:
        return None
    if p1 == p2:
        lam = (3 * x1 * x1 - 3) * pow(2 * y1, -1, P) % P
    else:
        lam = (y2 - y1) * pow(x2 - x1, -1, P) % P
    x3 = (lam * lam - x1 - x2) % P
    return (x3, (lam * (x1 - x3) - y1) % P)


def point_mul(k, point):
    result = None
    while k:
        if k & 1:
            result = point_add(result, point)
        point = point_add(point, point)
        k >>= 1
    return result


def es256_sign(d, message):
    h = hashlib.sha256(message).digest()
    e = int.from_bytes(h, "big")
    x = d.to_bytes(32, "big")
    h1 = (e % N).to_bytes(32, "big")
    v, k = b"\x01" * 32, b"\x00" * 32
    k = hmac.new(k, v + b"\x00" + x + h1, "sha256").digest()
    v = hmac.new(k, v, "sha256").digest()
    k = hmac.new(k, v + b"\x01" + x + h1, "sha256").digest()
    v = hmac.new(k, v, "sha256").digest()
    while True:
        v = hmac.new(k, v, "sha256").digest()
        nonce = int.from_bytes(v, "big")
        if 1 <= nonce < N:
            r = point_mul(nonce, G)[0] % N
            s = pow(nonce, -1, N) * (e + r * d) % N
            if r and s:
                return r.to_bytes(32, "big") + s.to_bytes(32, "big")
        k = hmac.new(k, v + b"\x00", "sha256").digest()
        v = hmac.new(k, v, "sha256").digest()


# --- collecting ---


class Seeds:
    def __init__(self):
        self.by_target = {t: set() for t in TARGETS}

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode()
        if len(data) <= MAX_SEED_BYTES:
            self.by_target[target].add(data)

    def write(self, out, clear):
        for target, items in self.by_target.items():
            d = out / target
            if clear and d.exists():
                shutil.rmtree(d)
            d.mkdir(parents=True, exist_ok=True)
            for data in items:
                (d / hashlib.sha1(data).hexdigest()).write_bytes(data)
            print(f"{target:22} {len(items):4} seeds")


def source_files():
    files = sorted((ROOT / "examples" / "cases").glob("*.json"))
    files += sorted((ROOT / "tests" / "vectors").glob("**/*.json"))
    return files


def form_pairs(body):
    try:
        return urllib.parse.parse_qsl(body, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return []


def is_case(obj):
    return isinstance(obj, dict) and {"request", "client", "server"} <= obj.keys()


def walk(value, seeds, found):
    """Collects from any JSON value, whatever the file's shape."""
    if isinstance(value, list):
        for item in value:
            walk(item, seeds, found)
    elif isinstance(value, dict):
        if is_case(value):
            seeds.add("case_json", compact(value))
        for key, item in value.items():
            if key == "body" and isinstance(item, str):
                seeds.add("form_body", item)
                for name, v in form_pairs(item):
                    if name == "client_assertion":
                        found["assertions"].add(v)
            elif key == "headers" and isinstance(item, list):
                for pair in item:
                    if isinstance(pair, list) and len(pair) == 2 and all(
                        isinstance(p, str) for p in pair
                    ):
                        if pair[0].lower() == "authorization":
                            found["authorization"].add(pair[1])
                # attestation_headers: the two header values of a case, newline-separated.
                values = {p[0].lower(): p[1] for p in item
                          if isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)}
                att = values.get("oauth-client-attestation")
                pop = values.get("oauth-client-attestation-pop")
                if att is not None or pop is not None:
                    seeds.add("attestation_headers", (att or "") + "\n" + (pop or ""))
            elif key in ("client_certificate", "client_certificate_chain", "x5c",
                         "tls_client_auth_trust_anchors"):
                for cert in item if isinstance(item, list) else [item]:
                    if isinstance(cert, str):
                        found["certificates"].add(cert)
            elif key == "tls_client_auth_subject_dn" and isinstance(item, str):
                seeds.add("subject_dn", item)
            elif key in ("spiffe_id", "client_id") and isinstance(item, str) \
                    and item.startswith("spiffe:"):
                seeds.add("spiffe_id", item)
            elif key == "client_assertion" and isinstance(item, str):
                found["assertions"].add(item)
            if key in ("client", "server") and isinstance(item, dict):
                seeds.add("metadata_json", compact(item))
            walk(item, seeds, found)
    elif isinstance(value, str):
        if JWS_RE.match(value) and value.startswith("eyJ"):
            found["assertions"].add(value)
        if "-----BEGIN CERTIFICATE-----" in value:
            found["certificates"].add(value)


# --- certificate forms ---


def der_of(text):
    """The DER certificates in a textual input: PEM blocks (plain, URL-encoded or folded), or
    a base64 DER string such as an `x5c` member."""
    text = urllib.parse.unquote(text) if "%" in text else text
    blocks = PEM_RE.findall(text)
    bodies = [b[len("-----BEGIN CERTIFICATE-----"):-len("-----END CERTIFICATE-----")]
              for b in blocks] or [text]
    out = []
    for body in bodies:
        try:
            out.append(base64.b64decode(re.sub(r"\s", "", body), validate=True))
        except ValueError:
            pass
    return out


def certificate_forms(der):
    b64 = base64.b64encode(der).decode()
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    pem_lines = ["-----BEGIN CERTIFICATE-----", *lines, "-----END CERTIFICATE-----"]
    pem = "\n".join(pem_lines) + "\n"
    return [
        pem,
        pem.replace("\n", "\r\n"),
        urllib.parse.quote(pem, safe=""),  # nginx $ssl_client_escaped_cert
        "\n\t".join(pem_lines) + "\n",  # nginx $ssl_client_cert
        " ".join(pem_lines),  # the folded header after unfolding
        b64,
        "\n".join(lines),
        f":{b64}:",  # RFC 9440 Client-Cert
        der,
    ]


# --- built assertions and cases ---


def assertion_variants(client_id, issuer, token_endpoint, now, alg, kid):
    header = {"alg": alg, "typ": "JWT"}
    if kid:
        header["kid"] = kid
    claims = {"iss": client_id, "sub": client_id, "aud": issuer, "jti": "fuzz-jti-1",
              "iat": now, "exp": now + 300}
    h, c = dict, dict
    yield header, claims
    yield h(header, typ="client-authentication+jwt"), claims
    yield h(header, typ="application/Client-Authentication+JWT"), claims
    yield h(header, typ="dpop+jwt"), claims
    yield h(header, typ=7), claims
    yield {k: v for k, v in header.items() if k != "typ"}, claims
    yield h(header, kid="no-such-key"), claims
    yield h(header, alg="none"), claims
    yield h(header, alg="HS256" if alg != "HS256" else "ES256"), claims
    yield h(header, crit=["exp"], exp=1), claims
    yield h(header, jku="https://attacker.example/jwks", x5u="https://attacker.example/c"), claims
    yield header, c(claims, aud=[issuer])
    yield header, c(claims, aud=[issuer, "https://other.example"])
    yield header, c(claims, aud=token_endpoint)
    yield header, c(claims, aud="https://other.example")
    yield header, c(claims, sub="someone-else")
    yield header, c(claims, iss="someone-else")
    yield header, {k: v for k, v in claims.items() if k != "jti"}
    yield header, {k: v for k, v in claims.items() if k != "exp"}
    yield header, c(claims, jti=17)
    yield header, c(claims, exp=now - 100)
    yield header, c(claims, exp=now + 86400)
    yield header, c(claims, nbf=now + 600)
    yield header, c(claims, iat=now + 600)
    yield header, c(claims, exp=2**63 - 1, iat=-(2**63), nbf=-(2**63))
    yield header, c(claims, exp=1.5e308)
    yield header, c(claims, exp=str(now + 300))
    yield header, c(claims, exp=now + 300.5)


def build(seeds, found):
    fx = json.loads((FIXTURES / "fixtures.json").read_text())
    es_jwk = json.loads((FIXTURES / "es256.jwk").read_text())
    d = int.from_bytes(b64url_decode(es_jwk["d"]), "big")
    now, server = fx["now"], fx["server"]
    issuer, token_endpoint = server["issuer"], server["token_endpoint"]
    clients = fx["clients"]

    seeds.add("metadata_json", compact(server))

    # attestation_headers "S" mode: four parts the target signs with the fixture ES256 key,
    # which it trusts as the attester's and which cnf.jwk names.
    public = {k: es_jwk[k] for k in ("kty", "crv", "x", "y")}
    att_h = compact({"alg": "ES256", "typ": "oauth-client-attestation+jwt", "kid": es_jwk["kid"]})
    att_c = compact({"sub": "fuzz-es256", "iat": now - 60, "exp": now + 600,
                     "cnf": {"jwk": public}})
    pop_h = compact({"alg": "ES256", "typ": "oauth-client-attestation-pop+jwt"})
    pop_c = compact({"iss": "fuzz-es256", "aud": issuer, "jti": "j1", "iat": now,
                     "challenge": "c1"})
    seeds.add("attestation_headers", "S" + "\n".join([att_h, att_c, pop_h, pop_c]))
    for client in clients.values():
        seeds.add("metadata_json", compact(client))
        if client.get("tls_client_auth_subject_dn"):
            seeds.add("subject_dn", client["tls_client_auth_subject_dn"])

    # Client assertions: signed with the fixture keys, raw and in the "E"/"H" (sign here) modes.
    signers = {
        "private_key_jwt": ("E", "ES256", es_jwk["kid"], lambda m: es256_sign(d, m)),
        "client_secret_jwt": ("H", "HS256", None, lambda m: hmac.new(
            clients["client_secret_jwt"]["client_secret"].encode(), m, "sha256").digest()),
    }
    valid = {}
    for name, (mode, alg, kid, sign) in signers.items():
        cid = clients[name]["client_id"]
        for header, claims in assertion_variants(cid, issuer, token_endpoint, now, alg, kid):
            h, c = compact(header), compact(claims)
            seeds.add("client_assertion", f"{mode}{h}\n{c}")
            signing_input = f"{b64url(h.encode())}.{b64url(c.encode())}"
            jws = f"{signing_input}.{b64url(sign(signing_input.encode()))}"
            found["assertions"].add(jws)
            if name not in valid:
                valid[name] = jws
                # The valid assertion without its signature, and with another one's.
                found["assertions"].add(f"{signing_input}.")
                found["assertions"].add(f"{signing_input}.{b64url(bytes(64))}")
    found["assertions"].update(["", ".", "..", "a.b.c", "eyJ.eyJ.", "a.b.c.d.e"])

    for jws in sorted(found["assertions"]):
        seeds.add("client_assertion", jws)
        parts = jws.split(".")
        if len(parts) == 3:
            try:
                decoded = b64url_decode(parts[0]) + b"\n" + b64url_decode(parts[1])
            except ValueError:
                continue
            for mode in (b"E", b"H"):
                seeds.add("client_assertion", mode + decoded)

    # Bodies and Authorization headers.
    for name, jws in valid.items():
        cid = clients[name]["client_id"]
        body = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": cid,
                                       "client_assertion_type": JWT_BEARER,
                                       "client_assertion": jws})
        seeds.add("form_body", body)
        seeds.add("case_json", compact({
            "now": now, "request": {"body": body}, "client": clients[name], "server": server}))
    seeds.add("form_body", "")
    seeds.add("form_body", "client_id=public-app&client_id=&a=%zz&&=&b")
    basic = "Basic " + base64.b64encode(b"s6BhdRkqt3:gX1fBat3bV").decode()
    found["authorization"].update([basic, "Bearer abc", "Basic", "Basic  x", "Basic ==="])
    for value in sorted(found["authorization"]):
        seeds.add("authorization_header", value)
        scheme, _, credentials = value.partition(" ")
        if scheme.lower() == "basic":
            seeds.add("authorization_header", credentials)

    # Certificates in every form, and cases for the certificate methods.
    for pem in sorted(FIXTURES.glob("*.pem")) + sorted((ROOT / "tests").glob("**/*.pem")):
        text = pem.read_text(errors="replace")
        if "-----BEGIN CERTIFICATE-----" in text:
            found["certificates"].add(text)
    for text in sorted(found["certificates"]):
        seeds.add("certificate_input", text)
        for der in der_of(text):
            for form in certificate_forms(der):
                seeds.add("certificate_input", form)
    leaf = (FIXTURES / "leaf.pem").read_text()
    mtls = (FIXTURES / "mtls.pem").read_text()
    anchored = dict(server, tls_client_auth_trust_anchors=[(FIXTURES / "root.pem").read_text()])
    for cert in (leaf, mtls):
        seeds.add("case_json", compact({
            "now": now,
            "request": {"body": "client_id=fuzz-tls-dn", "client_certificate": cert},
            "client": clients["tls_subject_dn"], "server": anchored}))
    seeds.add("metadata_json", compact(anchored))
    for name, cert in [("tls_subject_dn", leaf), ("tls_san_dns", leaf), ("tls_san_ip", leaf),
                       ("tls_subject_dn_mtls", urllib.parse.quote(mtls, safe="")),
                       ("self_signed_mtls", mtls)]:
        client = clients[name]
        seeds.add("case_json", compact({
            "now": now,
            "request": {"body": f"client_id={urllib.parse.quote(client['client_id'])}",
                        "client_certificate": cert},
            "client": client, "server": server}))

    # RFC 4514 DN strings, including the examples of RFC 4514 §4.
    for dn in [
        "CN=mtls", "cn=mtls", "CN = mtls", "2.5.4.3=mtls", "CN=#0c046d746c73",
        "CN=client.example.com+OU=Fuzz,O=Example\\, Inc.,ST=\\E6\\9D\\B1\\E4\\BA\\AC,C=JP",
        "UID=jsmith,DC=example,DC=net", "OU=Sales+CN=J. Smith,DC=example,DC=net",
        'CN=James \\"Jim\\" Smith\\, III,DC=example,DC=net',
        "CN=Before\\0dAfter,DC=example,DC=net", "1.3.6.1.4.1.1466.0=#04024869,DC=example,DC=com",
        "CN=Lu\\C4\\8Di\\C4\\87", "CN=\\ lead,O=trail\\ ,OU=\\#hash", "emailAddress=a@b,C=JP",
        "", "CN=", "=x", "CN=a,", "CN=a+", "CN=a\\", "CN=\\zz", "CN=#", "CN=#0", "CN=a;O=b",
    ]:
        seeds.add("subject_dn", dn)


def spiffe_seeds(seeds):
    """SPIFFE-ID §2's examples, and one input breaking each rule."""
    for text in [
        "spiffe://trust-domain-name/path", "spiffe://staging.example.com/payments/mysql",
        "spiffe://k8s-west.example.com/ns/staging/sa/default", "spiffe://example.org",
        "spiffe://example.org/*", "spiffe://example.org/client/*", "spiffe://a/.../b_c-D.9",
        "", "spiffe://", "spiffe:///a", "SPIFFE://example.org/a", "spiffe://Example.org/a",
        "spiffe://example.org:443/a", "spiffe://u@example.org/a", "spiffe://example.org/a?q",
        "spiffe://example.org/a#f", "spiffe://example.org/", "spiffe://example.org//a",
        "spiffe://example.org/./a", "spiffe://example.org/a/..", "spiffe://example.org/a%2F",
        "spiffe://example.org/*/a", "spiffe://example.org/a/**",
        "spiffe://example.org/" + "a" * 2027, "spiffe://example.org/" + "a" * 2028,
        "spiffe://" + "d" * 255 + "/a", "spiffe://" + "d" * 256 + "/a",
    ]:
        seeds.add("spiffe_id", text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path,
                        help="write DIR/<target>/ without clearing it (default: rewrite "
                             "fuzz/seeds/)")
    args = parser.parse_args()
    seeds = Seeds()
    found = {"assertions": set(), "authorization": set(), "certificates": set()}
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        seeds.add("case_json", text)
        try:
            walk(json.loads(text), seeds, found)
        except json.JSONDecodeError:
            print(f"make_seeds: {path.relative_to(ROOT)} is not JSON; used whole only")
    build(seeds, found)
    spiffe_seeds(seeds)
    seeds.write(args.out or FUZZ / "seeds", clear=args.out is None)


if __name__ == "__main__":
    main()
