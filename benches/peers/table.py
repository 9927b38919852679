"""The peers table: the crate's times from criterion's estimates of this run, beside the
peers' times measured on the same assertions.

Usage: python3 table.py <criterion dir> <peer name>=<json file> ...
"""
import json
import os
import sys

GROUPS = {
    "HS256": "client_secret_jwt_HS256",
    "ES256": "private_key_jwt_ES256",
    "RS256": "private_key_jwt_RS256",
}


def median_ns(criterion, group, function):
    path = os.path.join(criterion, group, function, "new", "estimates.json")
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"]


def show(ns):
    return f"{ns / 1000:.1f} µs" if ns >= 10_000 else f"{ns:.0f} ns"


criterion = sys.argv[1]
peers = []
for arg in sys.argv[2:]:
    name, path = arg.split("=", 1)
    with open(path) as f:
        peers.append((name, json.load(f)))

head = ["alg", "floor", "prepared", "plain"]
for name, _ in peers:
    head += [name, f"{name}/floor", f"×{name} prep", f"×{name} plain"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for alg, group in GROUPS.items():
    floor = median_ns(criterion, group, "floor")
    prepared = median_ns(criterion, group, "prepared")
    plain = median_ns(criterion, group, "plain")
    row = [alg, show(floor), show(prepared), show(plain)]
    for _, times in peers:
        peer = times[alg]
        row += [
            show(peer),
            f"{peer / floor:.2f}",
            f"{peer / prepared:.2f}",
            f"{peer / plain:.2f}",
        ]
    print("| " + " | ".join(row) + " |")
print()
print("floor: the crate's bare verify of the same signing input (OpenSSL through josekit for")
print("ES256 and RS256, RustCrypto hmac for HS256); <peer>/floor: how far the peer sits above")
print("it, the most any verifier can lead that peer by; ×<peer>: the peer's time over the")
print("crate's (prepared, plain), per call on one core.")
