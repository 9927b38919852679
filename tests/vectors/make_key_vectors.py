#!/usr/bin/env python3
"""Registered-key vectors made without this crate: Ed25519 public keys of small order and in
non-canonical encodings, and real Ed25519 keys beside them; JWKs that publish private key
members, and their public twins.

Writes tests/vectors/key_vectors.json, which tests/key_vectors.rs and the unit tests of
src/assertion/key.rs read. CI only reads the committed JSON. Regenerate from the repository
root with (Python 3, `cryptography` 48, `joserfc` 1.6):

    python3 -m venv /tmp/keyvec-venv
    /tmp/keyvec-venv/bin/pip install cryptography==48.0.0 joserfc==1.6.5
    /tmp/keyvec-venv/bin/python tests/vectors/make_key_vectors.py

The small-order points are computed here by plain arithmetic over p = 2^255 - 19 (RFC 8032
§5.1 curve constants), then checked against libsodium's published blocklist
(`ge25519_has_small_order` in libsodium's ed25519_ref10.c), so neither source is taken on
trust. Real keys come from `cryptography` (OpenSSL) from fixed seeds, and the committed
OpenSSL-made tests/vectors/keys/ed25519.pem. Ed25519 and RS256 signatures are deterministic;
the ES256 ones are not, so only those differ run to run, and any run's output must verify.

Each forged assertion carries the signature R = 01 00..00 (the neutral point), S = 0. The
script grinds its `jti` until OpenSSL (through `cryptography`) accepts the forgery under the
small-order key, when it ever does, and records that in `openssl_verifies_forgery`: those are
the keys that would let anyone sign as the client if they were used.

The private JWKs are `joserfc`'s export of the committed OpenSSL-made test keys in
tests/vectors/keys/ (see its README); those keys protect nothing. `joserfc` writes no
multi-prime RSA key, so the `oth` vector is the public RSA JWK with an `oth` member built here
from that key's own `p`, `dp` and `qi` (only the member's presence matters). The public twins
are `joserfc`'s public export of the same keys, each with an assertion `joserfc` signed.
"""

import base64
import json
import os
import sys

import cryptography
import joserfc
from joserfc import jws
from joserfc.jwk import ECKey, OctKey, OKPKey, RSAKey
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_pem_private_key,
)

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = 1764300000
ISSUER = "https://as.example.com"
CLIENT_ID = "key-vector-client"

# RFC 8032 §5.1: edwards25519.
P = 2**255 - 19
D = (-121665 * pow(121666, -1, P)) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)
assert SQRT_M1 * SQRT_M1 % P == P - 1

# libsodium's blocklist (ed25519_ref10.c, ge25519_has_small_order), compared with the sign
# bit cleared: 0, 1, two y of order-8 points, p - 1, p, p + 1.
LIBSODIUM_BLOCKLIST = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
]


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sqrt(a):
    """A square root mod p (p = 5 mod 8, RFC 8032 §5.1.3 step 3), or None."""
    r = pow(a, (P + 3) // 8, P)
    if r * r % P == a % P:
        return r
    r = r * SQRT_M1 % P
    return r if r * r % P == a % P else None


def on_curve(x, y):
    # -x^2 + y^2 = 1 + d x^2 y^2 (RFC 8032 §5.1)
    return (-x * x + y * y - 1 - D * x * x * y * y) % P == 0


def add(a, b):
    (x1, y1), (x2, y2) = a, b
    t = D * x1 * x2 * y1 * y2 % P
    x3 = (x1 * y2 + x2 * y1) * pow(1 + t, -1, P) % P
    y3 = (y1 * y2 + x1 * x2) * pow(1 - t, -1, P) % P
    return (x3, y3)


def order(point):
    acc, n = point, 1
    while acc != (0, 1):
        acc, n = add(acc, point), n + 1
        assert n <= 8, "not a small-order point"
    return n


def encode(y, sign):
    """RFC 8032 §5.1.2: y little-endian, the sign of x in the top bit. y may be >= p here."""
    raw = bytearray(y.to_bytes(32, "little"))
    raw[31] |= sign << 7
    return bytes(raw)


def small_order_points():
    """The eight points of order dividing 8: a point of order 8 and its multiples."""
    # 2P has y = 0 (order 4) when x^2 = -y^2; on the curve that is d y^4 + 2 y^2 - 1 = 0.
    for root in (sqrt(1 + D), P - sqrt(1 + D)):
        y = sqrt((root - 1) * pow(D, -1, P))
        if y is not None:
            break
    x = SQRT_M1 * y % P
    p8 = (x, y)
    assert on_curve(*p8) and order(p8) == 8
    points, acc = [], (0, 1)
    for _ in range(8):
        points.append(acc)
        acc = add(acc, p8)
    assert acc == (0, 1) and len(set(points)) == 8
    return points


def real_key(seed):
    return Ed25519PrivateKey.from_private_bytes(seed)


def raw_public(key):
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def jwk(x, kid):
    return {"kty": "OKP", "crv": "Ed25519", "x": b64(x), "kid": kid}


def claims(jti):
    return {"iss": CLIENT_ID, "sub": CLIENT_ID, "aud": ISSUER, "iat": NOW, "exp": NOW + 60,
            "jti": jti}


def signing_input(header, payload):
    dumps = lambda v: json.dumps(v, separators=(",", ":")).encode()
    return f"{b64(dumps(header))}.{b64(dumps(payload))}"


def sign(key, kid, jti):
    message = signing_input({"alg": "EdDSA", "kid": kid}, claims(jti))
    return f"{message}.{b64(key.sign(message.encode()))}"


FORGED_SIGNATURE = bytes([1]) + bytes(31) + bytes(32)


def forge(raw, kid, name):
    """An assertion with the forged signature; its jti is ground until OpenSSL accepts it
    under `raw`, if it ever does within 256 tries (1 in 8 at worst for a small-order key)."""
    try:
        public = Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        public = None
    message = None
    for attempt in range(256):
        jti = f"forged-{name}-{attempt}"
        message = signing_input({"alg": "EdDSA", "kid": kid}, claims(jti))
        if public is None:
            break
        try:
            public.verify(FORGED_SIGNATURE, message.encode())
            return f"{message}.{b64(FORGED_SIGNATURE)}", True
        except InvalidSignature:
            continue
    jti = f"forged-{name}-0"
    message = signing_input({"alg": "EdDSA", "kid": kid}, claims(jti))
    return f"{message}.{b64(FORGED_SIGNATURE)}", False


def ed25519_section():
    points = small_order_points()
    blocklist = {bytes.fromhex(h) for h in LIBSODIUM_BLOCKLIST}
    refused = []

    def add_refused(name, reason, raw, order_=None):
        kid = f"bad-{len(refused)}"
        assertion, forged = forge(raw, kid, str(len(refused)))
        entry = {"name": name, "reason": reason, "jwk": jwk(raw, kid),
                 "forged_assertion": assertion, "openssl_verifies_forgery": forged}
        if order_ is not None:
            entry["order"] = order_
        refused.append(entry)

    # The eight small-order points, canonically encoded.
    for (x, y) in points:
        raw = encode(y, x & 1)
        cleared = raw[:31] + bytes([raw[31] & 0x7F])
        assert cleared in blocklist, raw.hex()
        add_refused(f"small order {order((x, y))}: y = {y:#x}, x {'odd' if x & 1 else 'even'}",
                    "small_order", raw, order((x, y)))
    # x = 0 with the sign bit set ("negative zero", RFC 8032 §5.1.3 step 4): y = 1 and p - 1.
    for y in (1, P - 1):
        add_refused(f"small order, x = 0 with the sign bit set: y = {y:#x}", "small_order",
                    encode(y, 1), order((0, y)))
    # Every y >= p (RFC 8032 §5.1.3 step 1), with both sign bits; p and p + 1 are the
    # non-canonical 0 and 1 that libsodium lists.
    for y in range(P, 2**255):
        for sign_bit in (0, 1):
            add_refused(f"non-canonical y = p + {y - P}, sign bit {sign_bit}", "non_canonical",
                        encode(y, sign_bit))
    # Every blocklist entry is covered by the computed points or the y >= p range.
    raws = [base64.urlsafe_b64decode(r["jwk"]["x"] + "=") for r in refused]
    covered = {raw[:31] + bytes([raw[31] & 0x7F]) for raw in raws}
    assert blocklist <= covered

    # Accepting twins: real keys. The committed OpenSSL key, and keys from fixed seeds with
    # each sign bit.
    with open(os.path.join(HERE, "keys", "ed25519.pem"), "rb") as f:
        committed = load_pem_private_key(f.read(), password=None)
    twins = [("tests/vectors/keys/ed25519.pem (OpenSSL genpkey)", committed)]
    for want in (0, 1):
        for n in range(256):
            key = real_key(bytes([n]) * 32)
            if raw_public(key)[31] >> 7 == want:
                twins.append((f"seed {n:02x}*32, sign bit {want}", key))
                break
    accepted = []
    for i, (name, key) in enumerate(twins):
        kid = f"good-{i}"
        accepted.append({"name": name, "jwk": jwk(raw_public(key), kid),
                         "assertion": sign(key, kid, f"good-{i}")})
    return {"refused": refused, "accepted": accepted}


def private_members_section():
    def pem(name):
        with open(os.path.join(HERE, "keys", name), "rb") as f:
            return f.read()

    keys = [
        ("RSA", "RS256", RSAKey.import_key(pem("rsa-2048.pem"))),
        ("EC", "ES256", ECKey.import_key(pem("ec-p256.pem"))),
        ("OKP", "EdDSA", OKPKey.import_key(pem("ed25519.pem"))),
    ]
    refused, accepted = [], []
    for kty, alg, key in keys:
        private = key.as_dict(private=True)
        public = key.as_dict(private=False)
        kid = f"{kty.lower()}-key"
        header = {"alg": alg, "kid": kid}
        payload = json.dumps(claims(f"private-{kty}"), separators=(",", ":"))
        assertion = jws.serialize_compact(header, payload, key, algorithms=[alg])
        accepted.append({"name": f"{kty} public JWK", "jwk": dict(public, kid=kid),
                         "assertion": assertion})
        # The whole private JWK: `d` is the first private member looked for.
        refused.append({"name": f"{kty} private JWK as exported by joserfc", "member": "d",
                        "jwk": dict(private, kid=kid), "assertion": assertion})
        # Each private member alone beside the public ones.
        for member in ("d", "p", "q", "dp", "dq", "qi"):
            if member in private:
                refused.append({"name": f"{kty} public JWK with {member}", "member": member,
                                "jwk": dict(public, kid=kid, **{member: private[member]}),
                                "assertion": assertion})
        if kty == "RSA":
            oth = [{"r": private["p"], "d": private["dp"], "t": private["qi"]}]
            refused.append({"name": "RSA public JWK with oth", "member": "oth",
                            "jwk": dict(public, kid=kid, oth=oth), "assertion": assertion})
        if kty == "EC":
            secret = OctKey.import_key(b"a shared secret published as a key").as_dict()
            refused.append({"name": "EC public JWK with k", "member": "k",
                            "jwk": dict(public, kid=kid, k=secret["k"]),
                            "assertion": assertion})
            refused.append({"name": "oct JWK as exported by joserfc", "member": "k",
                            "jwk": dict(secret, kid="oct"), "assertion": assertion})
    return {"refused": refused, "accepted": accepted}


def utf8_section():
    """Assertions signed by the committed OpenSSL Ed25519 key (through `cryptography`) whose
    header or claims set, written here byte by byte, is not UTF-8 or escapes a lone surrogate
    in a member the crate does not read; and twins that differ only by being valid."""
    with open(os.path.join(HERE, "keys", "ed25519.pem"), "rb") as f:
        key = load_pem_private_key(f.read(), password=None)
    header = b'{"alg":"EdDSA","kid":"ed"'
    payload = (b'{"iss":"%s","sub":"%s","aud":"%s","iat":%d,"exp":%d'
               % (CLIENT_ID.encode(), CLIENT_ID.encode(), ISSUER.encode(), NOW, NOW + 60))

    def token(i, head_extra, claims_extra):
        h = header + head_extra + b"}"
        c = payload + b',"jti":"utf8-%d"' % i + claims_extra + b"}"
        message = f"{b64(h)}.{b64(c)}"
        return f"{message}.{b64(key.sign(message.encode()))}"

    cases = [
        # (name, part, rule, header extra, claims extra)
        ("overlong '/' (C0 AF) in an unknown header member", "header", "not_utf8",
         b',"x-note":"\xc0\xaf"', b""),
        ("overlong 3-octet '/' (E0 80 AF) in an unknown header member", "header", "not_utf8",
         b',"x-note":"\xe0\x80\xaf"', b""),
        ("octets FF FE in an unknown claim", "payload", "not_utf8",
         b"", b',"note":"\xff\xfe"'),
        ("a UTF-8-encoded surrogate (ED A0 80) in an unknown claim", "payload", "not_utf8",
         b"", b',"note":"\xed\xa0\x80"'),
        ("a truncated sequence (E2 82) in an unknown claim", "payload", "not_utf8",
         b"", b',"note":"\xe2\x82"'),
        ("FF in the name of an unknown claim", "payload", "not_utf8",
         b"", b',"n\xffte":1'),
        ("FF in an array in an unknown claim", "payload", "not_utf8",
         b"", b',"note":["a","\xff"]'),
        ("escaped lone high surrogate in an unknown claim", "payload", "lone_surrogate",
         b"", b',"note":"\\ud800"'),
        ("escaped lone low surrogate in an unknown header member", "header", "lone_surrogate",
         b',"x-note":"\\udc00"', b""),
        ("escaped high surrogate then a letter", "payload", "lone_surrogate",
         b"", b',"note":"\\ud800\\u0041"'),
        ("escaped low then high surrogate (reversed pair)", "payload", "lone_surrogate",
         b"", b',"note":"\\udc00\\ud800"'),
        ("escaped high surrogate then an escaped backslash", "payload", "lone_surrogate",
         b"", b',"note":"\\uD800\\\\udc00"'),
        ("escaped lone surrogate in an unknown member name", "header", "lone_surrogate",
         b',"\\udbff":1', b""),
        ("escaped lone surrogate nested in an unknown claim's object", "payload",
         "lone_surrogate", b"", b',"note":{"a":["\\ud83d"]}'),
        ("escaped lone surrogate in typ, a header member the crate reads", "header",
         "lone_surrogate", b',"typ":"JWT\\ud800"', b""),
    ]
    refused = [{"name": name, "part": part, "rule": rule,
                "assertion": token(i, head, claim)}
               for i, (name, part, rule, head, claim) in enumerate(cases)]
    twins = [
        ("UTF-8 text in an unknown header member and claim",
         b',"x-note":"\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80"',
         b',"note":"\xc3\xa9 \xf4\x8f\xbf\xbf"'),
        ("escaped surrogate pair in an unknown claim", b"", b',"note":"\\ud83d\\ude00"'),
        ("escaped surrogate pair in upper case", b"", b',"note":"\\uD83D\\uDE00"'),
        ("escaped backslash before 'ud800'", b',"x-note":"\\\\ud800"', b""),
        ("escaped non-surrogates next to surrogate values", b"",
         b',"note":"\\ud7ff\\ue000\\u00e9\\n"'),
    ]
    accepted = [{"name": name, "assertion": token(100 + i, head, claim)}
                for i, (name, head, claim) in enumerate(twins)]
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {"jwks": {"keys": [jwk(public, "ed")]}, "refused": refused, "accepted": accepted}


def main():
    out = {
        "generator": f"cryptography {cryptography.__version__}, joserfc {joserfc.__version__} "
                     "(tests/vectors/make_key_vectors.py)",
        "now": NOW,
        "issuer": ISSUER,
        "client_id": CLIENT_ID,
        "ed25519": ed25519_section(),
        "private_members": private_members_section(),
        "utf8": utf8_section(),
    }
    path = os.path.join(HERE, "key_vectors.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
