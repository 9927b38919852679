#!/usr/bin/env python3
"""Writes tests/vectors/secrets/secret_vectors.json: client secret hashes made by tools that are
not this crate, for tests/secret_vectors.rs.

    pip install argon2-cffi==25.1.0 bcrypt==5.0.0     # the Python tools
    apt-get install apache2-utils                     # htpasswd (2.4)
    python3 tests/vectors/secrets/make_secret_vectors.py

Each vector records the tool and the exact call or command that made its hash, the secret, and
a `client` registration holding the hash (`client_secret_hash`). `expect` is `accept` (the
secret authenticates and `wrong` does not) or `over_cost` (a registration error under the
default `secret_hash_max_cost`, found without hashing). Salts are random: a re-run writes other
hashes of the same secrets.

The PHC strings of scrypt and PBKDF2 are written here from hashlib's raw output, as the PHC
string format says: `$scrypt$ln=…,r=…,p=…$<salt>$<hash>` and `$pbkdf2-sha256$i=…,l=…$<salt>$<hash>`,
salt and hash unpadded standard base64 of the bytes (hashlib hashes the salt bytes).
"""

import base64
import hashlib
import json
import os
import pathlib
import subprocess

import argon2
import bcrypt

OUT = pathlib.Path(__file__).resolve().parent / "secret_vectors.json"


def b64(data):
    return base64.b64encode(data).rstrip(b"=").decode()


def client(hash_string):
    return {
        "client_id": "s6BhdRkqt3",
        "client_secret_hash": hash_string,
        "token_endpoint_auth_method": "client_secret_post",
    }


vectors = []


def add(name, tool, command, secret, hash_string, expect="accept", wrong=None):
    v = {"name": name, "tool": tool, "command": command, "secret": secret}
    if expect == "accept":
        v["wrong"] = wrong if wrong is not None else secret[:-1] + chr(ord(secret[-1]) ^ 1)
    v["expect"] = expect
    v["client"] = client(hash_string)
    vectors.append(v)


SECRET = "gX1f Bat3+bV%é:&="  # form-encoding matters: space, +, %, non-ASCII, : & =

# --- argon2-cffi (libargon2) ---
for name, kwargs in [
    ("argon2id, OWASP parameters", dict(time_cost=2, memory_cost=19456, parallelism=1, type=argon2.Type.ID)),
    ("argon2id, argon2-cffi defaults (RFC 9106 second choice)", dict(type=argon2.Type.ID)),
    ("argon2i", dict(time_cost=3, memory_cost=32768, parallelism=2, type=argon2.Type.I)),
    ("argon2d", dict(time_cost=2, memory_cost=19456, parallelism=1, type=argon2.Type.D)),
    ("argon2id at every default bound (inclusive)", dict(time_cost=10, memory_cost=65536, parallelism=4, type=argon2.Type.ID)),
]:
    h = argon2.PasswordHasher(**kwargs).hash(SECRET)
    call = ", ".join(f"{k}={v}" for k, v in kwargs.items()).replace("Type.", "argon2.Type.")
    add(name, "argon2-cffi 25.1.0", f"argon2.PasswordHasher({call}).hash(secret)", SECRET, h)
h = argon2.PasswordHasher(time_cost=1, memory_cost=131072, parallelism=1).hash(SECRET)
add("argon2id over argon2_memory_kib", "argon2-cffi 25.1.0",
    "argon2.PasswordHasher(time_cost=1, memory_cost=131072, parallelism=1).hash(secret)",
    SECRET, h, expect="over_cost")
h = argon2.PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1).hash(SECRET)
add("argon2id with Spring's {argon2} prefix", "argon2-cffi 25.1.0, then '{argon2}' prepended",
    "'{argon2}' + argon2.PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1).hash(secret)",
    SECRET, "{argon2}" + h)

# --- bcrypt (pyca) ---
for name, prefix, cost in [("bcrypt $2b$", b"2b", 10), ("bcrypt $2a$", b"2a", 10), ("bcrypt $2b$ cost 12", b"2b", 12)]:
    h = bcrypt.hashpw(SECRET.encode(), bcrypt.gensalt(rounds=cost, prefix=prefix)).decode()
    add(name, "bcrypt 5.0.0 (pyca)",
        f"bcrypt.hashpw(secret.encode(), bcrypt.gensalt(rounds={cost}, prefix={prefix!r}))", SECRET, h)
h = bcrypt.hashpw(SECRET.encode(), bcrypt.gensalt(rounds=10)).decode()
add("bcrypt with Spring's {bcrypt} prefix", "bcrypt 5.0.0 (pyca), then '{bcrypt}' prepended",
    "'{bcrypt}' + bcrypt.hashpw(secret.encode(), bcrypt.gensalt(rounds=10))", SECRET, "{bcrypt}" + h)
long72 = "Vq3u9xY7kP2mN8rT4wZ6aB1cD5eF0gH3jK7lM9nP2qR4sT6uV8wX0yZ2aC4eG6iK7lM9nP2q"
assert len(long72.encode()) == 72
h = bcrypt.hashpw(long72.encode(), bcrypt.gensalt(rounds=4)).decode()
# The wrong secret is the right one and one byte more: bcrypt would read only its first 72.
add("bcrypt of a 72-byte secret; the same plus one byte is refused", "bcrypt 5.0.0 (pyca)",
    "bcrypt.hashpw(secret.encode(), bcrypt.gensalt(rounds=4))", long72, h, wrong=long72 + "x")
h = bcrypt.hashpw(SECRET.encode(), bcrypt.gensalt(rounds=15)).decode()
add("bcrypt over bcrypt_cost", "bcrypt 5.0.0 (pyca)",
    "bcrypt.hashpw(secret.encode(), bcrypt.gensalt(rounds=15))", SECRET, h, expect="over_cost")

# --- htpasswd -B (Apache apr-util bcrypt, $2y$) ---
HT_SECRET = "htpasswd-Secret-42"
for cost in (5, 12):
    cmd = ["htpasswd", "-nbB", "-C", str(cost), "s6BhdRkqt3", HT_SECRET]
    line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
    add(f"htpasswd -B cost {cost} ($2y$)", "htpasswd (apache2-utils 2.4)",
        " ".join(cmd[:-1]) + " '<secret>'", HT_SECRET, line.split(":", 1)[1])

# --- hashlib.scrypt, written as PHC ---
for ln, r, p, expect in [(14, 8, 1, "accept"), (15, 8, 1, "accept"), (17, 8, 1, "accept"), (18, 8, 1, "over_cost")]:
    salt = os.urandom(16)
    dk = hashlib.scrypt(SECRET.encode(), salt=salt, n=2**ln, r=r, p=p, dklen=32, maxmem=2**30)
    add(f"scrypt ln={ln} r={r} p={p}", "Python hashlib.scrypt (OpenSSL)",
        f"hashlib.scrypt(secret.encode(), salt=os.urandom(16), n=2**{ln}, r={r}, p={p}, dklen=32, maxmem=2**30)",
        SECRET, f"$scrypt$ln={ln},r={r},p={p}${b64(salt)}${b64(dk)}", expect=expect)

# --- hashlib.pbkdf2_hmac, written as PHC ---
for digest, i, expect in [("sha256", 600000, "accept"), ("sha512", 210000, "accept"), ("sha256", 1000001, "over_cost")]:
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac(digest, SECRET.encode(), salt, i)
    add(f"pbkdf2-{digest} i={i}", "Python hashlib.pbkdf2_hmac (OpenSSL)",
        f"hashlib.pbkdf2_hmac('{digest}', secret.encode(), os.urandom(16), {i})",
        SECRET, f"$pbkdf2-{digest}$i={i},l={len(dk)}${b64(salt)}${b64(dk)}", expect=expect)

OUT.write_text(json.dumps(vectors, indent=2, ensure_ascii=False) + "\n")
print(f"{len(vectors)} vectors in {OUT}")
