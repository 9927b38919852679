#!/usr/bin/env python3
"""Writes the sample cases of hashed and rotated client secrets (case format, "Hashed and
rotated client secrets"): examples/cases/client_secret_hash.json, and the rotation cases at the
end of examples/cases/client_secret_basic.json, client_secret_post.json and
client_secret_jwt.json (cases whose name starts with "rotation: "; the others are kept as they
are). Hashes are made by argon2-cffi, pyca bcrypt, htpasswd -B and Python hashlib; the
client_secret_jwt MACs by Python's hmac. Regenerate from the repository root with:

    pip install argon2-cffi==25.1.0 bcrypt==5.0.0 && apt-get install apache2-utils
    python3 tests/vectors/secrets/make_secret_cases.py

Each case carries the `expect` member that tests/cases.rs checks. Salts are random: a re-run
writes other hashes with the same verdicts.
"""

import base64
import hashlib
import hmac
import json
import os
import pathlib
import subprocess
import urllib.parse

import argon2
import bcrypt

ROOT = pathlib.Path(__file__).resolve().parents[3]
CASES = ROOT / "examples" / "cases"
NOW = 1764300000
ISSUER = "https://as.example.com"
CLIENT = "s6BhdRkqt3"
SECRET = "gX1f Bat3+bV%é"
OTHER = "gX1f Bat3+bV%è"
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
REGISTRATION = "client registration is invalid"


def b64(data):
    return base64.b64encode(data).rstrip(b"=").decode()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def form(s):
    return urllib.parse.quote_plus(s, safe="")


def argon2_hash(secret, kind=argon2.Type.ID, m=19456, t=2, p=1):
    return argon2.PasswordHasher(time_cost=t, memory_cost=m, parallelism=p, type=kind).hash(secret)


def bcrypt_hash(secret, cost=10, prefix=b"2b"):
    return bcrypt.hashpw(secret.encode(), bcrypt.gensalt(rounds=cost, prefix=prefix)).decode()


def htpasswd_hash(secret, cost=5):
    line = subprocess.run(["htpasswd", "-nbB", "-C", str(cost), CLIENT, secret],
                          check=True, capture_output=True, text=True).stdout.strip()
    return line.split(":", 1)[1]


def scrypt_hash(secret, ln=14, r=8, p=1):
    salt = os.urandom(16)
    dk = hashlib.scrypt(secret.encode(), salt=salt, n=2**ln, r=r, p=p, dklen=32, maxmem=2**30)
    return f"$scrypt$ln={ln},r={r},p={p}${b64(salt)}${b64(dk)}"


def pbkdf2_hash(secret, digest="sha256", i=10000):
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac(digest, secret.encode(), salt, i)
    return f"$pbkdf2-{digest}$i={i},l={len(dk)}${b64(salt)}${b64(dk)}"


def server(methods=("client_secret_basic", "client_secret_post"), **policy):
    s = {"issuer": ISSUER, "token_endpoint": f"{ISSUER}/token",
         "token_endpoint_auth_methods_supported": list(methods)}
    s.update(policy)
    return s


def basic_request(secret, client_id=CLIENT):
    token = base64.b64encode(f"{form(client_id)}:{form(secret)}".encode()).decode()
    return {"headers": [["Authorization", f"Basic {token}"]], "body": "grant_type=client_credentials"}


def post_request(secret, client_id=CLIENT):
    return {"body": f"grant_type=client_credentials&client_id={form(client_id)}&client_secret={form(secret)}"}


def case(name, request, client, srv, expect):
    return {"name": name, "now": NOW, "request": request, "client": client, "server": srv,
            "expect": expect}


def accept(method, matched=None):
    e = {"outcome": "accept", "client_id": CLIENT, "method": method}
    if matched:
        e["matched_secret"] = matched
    return e


def reject(description, detail=None):
    e = {"outcome": "reject", "error": "invalid_client", "status": 401, "description": description}
    if detail:
        e["detail"] = "the client's registration is invalid: " + detail
    return e


def hashed(h, method="client_secret_basic", **more):
    c = {"client_id": CLIENT, "client_secret_hash": h, "token_endpoint_auth_method": method}
    c.update(more)
    return c


def rotating(entries, method):
    return {"client_id": CLIENT, "client_secrets": entries, "token_endpoint_auth_method": method}


# --- client_secret_hash.json ---
B = "client_secret_basic"
hash_cases = []
for name, h in [
    ("argon2id by argon2-cffi (m=19456, t=2, p=1)", argon2_hash(SECRET)),
    ("argon2i by argon2-cffi", argon2_hash(SECRET, argon2.Type.I, m=8192, t=3)),
    ("argon2d by argon2-cffi", argon2_hash(SECRET, argon2.Type.D, m=8192, t=1, p=2)),
    ("bcrypt $2b$ by pyca bcrypt (cost 10)", bcrypt_hash(SECRET)),
    ("bcrypt $2a$ by pyca bcrypt", bcrypt_hash(SECRET, 6, b"2a")),
    ("bcrypt $2y$ by htpasswd -B", htpasswd_hash(SECRET)),
    ("Spring {bcrypt} prefix", "{bcrypt}" + bcrypt_hash(SECRET, 6)),
    ("Spring {argon2} prefix", "{argon2}" + argon2_hash(SECRET, m=8192)),
    ("scrypt by hashlib, as a PHC string (ln=14, r=8, p=1)", scrypt_hash(SECRET)),
    ("pbkdf2-sha256 by hashlib, as a PHC string", pbkdf2_hash(SECRET)),
    ("pbkdf2-sha512 by hashlib, as a PHC string", pbkdf2_hash(SECRET, "sha512")),
]:
    hash_cases.append(case(f"{name}: the secret, form-decoded before hashing",
                           basic_request(SECRET), hashed(h), server(), accept(B)))
    hash_cases.append(case(f"{name}: another secret", basic_request(OTHER), hashed(h), server(),
                           reject("client authentication failed")))
h = argon2_hash(SECRET)
hash_cases += [
    case("client_secret_post against a hash", post_request(SECRET),
         hashed(h, "client_secret_post"), server(), accept("client_secret_post")),
    case("hash with client_secret_expires_at passed", basic_request(SECRET),
         hashed(h, client_secret_expires_at=NOW), server(), reject("client secret has expired")),
    case("hash with client_secret_expires_at ahead", basic_request(SECRET),
         hashed(h, client_secret_expires_at=NOW + 1), server(), accept(B)),
    case("client_secret beside client_secret_hash", basic_request(SECRET),
         hashed(h, client_secret=SECRET), server(),
         reject(REGISTRATION, "client_secret and client_secret_hash are both registered; register one of them")),
    case("client_secret_jwt with only a hash", {"body": "client_assertion_type=" + form(JWT_BEARER) +
                                                 "&client_assertion=e30.e30.c2ln"},
         hashed(h, "client_secret_jwt"), server(["client_secret_jwt"]), reject(REGISTRATION)),
    case("empty Basic password against a hash of the empty string", basic_request(""),
         hashed(bcrypt_hash("", 4)), server(), reject("client authentication failed")),
]
long72 = "Vq3u9xY7kP2mN8rT4wZ6aB1cD5eF0gH3jK7lM9nP2qR4sT6uV8wX0yZ2aC4eG6iK7lM9nP2q"
h72 = bcrypt_hash(long72, 4)
hash_cases += [
    case("bcrypt of a 72-byte secret", basic_request(long72), hashed(h72), server(), accept(B)),
    case("bcrypt: the 72-byte secret and one byte more never matches", basic_request(long72 + "x"),
         hashed(h72), server(), reject("client authentication failed")),
]
over = argon2_hash(SECRET, m=131072, t=1)
hash_cases += [
    case("argon2id over the default argon2_memory_kib", basic_request(SECRET), hashed(over), server(),
         reject(REGISTRATION, "client_secret_hash is not a usable secret hash: argon2_memory_kib 131072 "
                              "is over the bound 65536 of secret_hash_max_cost")),
    case("argon2id under a raised argon2_memory_kib", basic_request(SECRET), hashed(over),
         server(secret_hash_max_cost={"argon2_memory_kib": 131072}), accept(B)),
]
b10 = bcrypt_hash(SECRET, 10)
hash_cases += [
    case("bcrypt cost 10 under bcrypt_cost 9", basic_request(SECRET), hashed(b10),
         server(secret_hash_max_cost={"bcrypt_cost": 9}),
         reject(REGISTRATION, "client_secret_hash is not a usable secret hash: bcrypt_cost 10 is over "
                              "the bound 9 of secret_hash_max_cost")),
    case("bcrypt cost 10 under bcrypt_cost 10 (bounds are inclusive)", basic_request(SECRET), hashed(b10),
         server(secret_hash_max_cost={"bcrypt_cost": 10}), accept(B)),
    case("scrypt over scrypt_log_n, the other bounds at their defaults", basic_request(SECRET),
         hashed(scrypt_hash(SECRET, ln=12)), server(secret_hash_max_cost={"scrypt_log_n": 11}),
         reject(REGISTRATION, "client_secret_hash is not a usable secret hash: scrypt_log_n 12 is over "
                              "the bound 11 of secret_hash_max_cost")),
    case("pbkdf2 over the default pbkdf2_iterations", basic_request(SECRET),
         hashed("$pbkdf2-sha256$i=1000001,l=32$c2FsdHNhbHRzYWx0c2FsdA$" + b64(bytes(32))), server(),
         reject(REGISTRATION)),
]
for name, bad in [
    ("truncated argon2id string", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ"),
    ("argon2 version other than 19", "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$" + b64(bytes(32))),
    ("salt that is not base64", "$scrypt$ln=14,r=8,p=1$*salt*$" + b64(bytes(32))),
    ("unknown scheme (md5-crypt)", "$1$saltsalt$qjXMvbEw8oaL.CzflDugX/"),
    ("Spring {noop} prefix", "{noop}" + SECRET),
    ("the plaintext secret where the hash belongs", SECRET),
]:
    hash_cases.append(case(f"bad hash string: {name}", basic_request(SECRET), hashed(bad), server(),
                           reject(REGISTRATION)))

# --- rotation cases for the basic and post files ---


def rotation_cases(method, request):
    new_hash = argon2_hash("new-secret-2026")
    two = [{"id": "2025-old", "secret": "old-secret-2025", "expires_at": NOW + 86400},
           {"id": "2026-new", "hash": new_hash}]
    return [
        case("rotation: two live secrets, the old one matches", request("old-secret-2025"),
             rotating(two, method), server(), accept(method, "2025-old")),
        case("rotation: two live secrets, the new (hashed) one matches", request("new-secret-2026"),
             rotating(two, method), server(), accept(method, "2026-new")),
        case("rotation: a secret of neither entry", request("other-secret"),
             rotating(two, method), server(), reject("client authentication failed")),
        case("rotation: an entry whose expires_at is now is not tried", request("old-secret-2025"),
             rotating([dict(two[0], expires_at=NOW), two[1]], method), server(),
             reject("client authentication failed")),
        case("rotation: every entry expired", request("new-secret-2026"),
             rotating([dict(two[0], expires_at=NOW - 10), dict(two[1], expires_at=NOW)], method), server(),
             reject("client secret has expired")),
        case("rotation: duplicate ids", request("old-secret-2025"),
             rotating([two[0], dict(two[1], id="2025-old")], method), server(),
             reject(REGISTRATION, "client_secrets[1] repeats the id of an earlier entry")),
        case("rotation: an entry with both secret and hash, beside one that would match",
             request("old-secret-2025"),
             rotating([two[0], dict(two[1], secret="new-secret-2026")], method), server(),
             reject(REGISTRATION, "client_secrets[1] is invalid: it has both secret and hash")),
        case("rotation: an entry without id", request("old-secret-2025"),
             rotating([two[0], {"secret": "x-secret"}], method), server(),
             reject(REGISTRATION, "client_secrets[1] is invalid: id is missing")),
        case("rotation: client_secrets beside client_secret", request("old-secret-2025"),
             dict(rotating(two, method), client_secret="old-secret-2025"), server(),
             reject(REGISTRATION, "client_secrets cannot stand beside client_secret or client_secret_hash")),
        case("rotation: an empty client_secrets", request("old-secret-2025"),
             rotating([], method), server(),
             reject(REGISTRATION, "client_secrets is invalid: the array is empty")),
    ]


# --- rotation cases for client_secret_jwt ---
OLD_KEY = "Yp3Kq8Vt2Ws6Xz9Ab4Cd7Ef1Gh5Jk0Lm3Np8Qr2St6Uv9Wx4Yz7Ac1Bd5Ce8Df0G"
NEW_KEY = "Rt5Yh8Uj2Ik6Ol9Pa3Sd7Fg1Hj4Kl8Zx2Cv6Bn0Mq3We7Rt1Yu5Io9Pa4Sd8Fg2H"


def hs256(key, jti):
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = b64url(json.dumps({"iss": CLIENT, "sub": CLIENT, "aud": ISSUER, "iat": NOW,
                                "exp": NOW + 60, "jti": jti}, separators=(",", ":")).encode())
    signing_input = f"{header}.{claims}".encode()
    mac = hmac.new(key.encode(), signing_input, hashlib.sha256).digest()
    return f"{header}.{claims}.{b64url(mac)}"


def jwt_request(key, jti):
    return {"body": "grant_type=client_credentials&client_assertion_type=" + form(JWT_BEARER) +
            "&client_assertion=" + hs256(key, jti)}


J = "client_secret_jwt"
jwt_server = server([J])
jtwo = [{"id": "2025-old", "secret": OLD_KEY, "expires_at": NOW + 86400},
        {"id": "2026-new", "secret": NEW_KEY}]
jwt_cases = [
    case("rotation: HMAC under the old of two live secrets", jwt_request(OLD_KEY, "rot-1"),
         rotating(jtwo, J), jwt_server, dict(accept(J, "2025-old"), jti="rot-1")),
    case("rotation: HMAC under the new of two live secrets", jwt_request(NEW_KEY, "rot-2"),
         rotating(jtwo, J), jwt_server, dict(accept(J, "2026-new"), jti="rot-2")),
    case("rotation: a hashed entry keys no HMAC, the plaintext one does", jwt_request(NEW_KEY, "rot-3"),
         rotating([{"id": "hashed", "hash": argon2_hash(OLD_KEY)}, jtwo[1]], J), jwt_server,
         accept(J, "2026-new")),
    case("rotation: the expired entry's secret is not tried", jwt_request(OLD_KEY, "rot-4"),
         rotating([dict(jtwo[0], expires_at=NOW), jtwo[1]], J), jwt_server,
         reject("client authentication failed")),
    case("rotation: every entry expired", jwt_request(NEW_KEY, "rot-5"),
         rotating([dict(jtwo[0], expires_at=NOW - 1), dict(jtwo[1], expires_at=NOW)], J), jwt_server,
         reject("client secret has expired")),
    case("rotation: duplicate ids", jwt_request(OLD_KEY, "rot-6"),
         rotating([jtwo[0], dict(jtwo[1], id="2025-old")], J), jwt_server,
         reject(REGISTRATION, "client_secrets[1] repeats the id of an earlier entry")),
    case("rotation: only hashed entries", jwt_request(OLD_KEY, "rot-7"),
         rotating([{"id": "hashed", "hash": argon2_hash(OLD_KEY)}], J), jwt_server,
         reject(REGISTRATION)),
]


def write(path, cases):
    path.write_text(json.dumps(cases, indent=2, ensure_ascii=False) + "\n")


def replace_rotation(path, new):
    text = path.read_text()
    ascii_only = "\\u00" in text
    kept = [c for c in json.loads(text) if not c.get("name", "").startswith("rotation: ")]
    path.write_text(json.dumps(kept + new, indent=2, ensure_ascii=ascii_only) + "\n")


write(CASES / "client_secret_hash.json", hash_cases)
replace_rotation(CASES / "client_secret_basic.json", rotation_cases(B, basic_request))
replace_rotation(CASES / "client_secret_post.json", rotation_cases("client_secret_post", post_request))
replace_rotation(CASES / "client_secret_jwt.json", jwt_cases)
print(len(hash_cases), "hash cases; rotation cases in basic, post, jwt")
