"""PyJWT: jwt.decode with a key built once, on the assertions the crate's bench wrote.

Usage: python verify_pyjwt.py <material dir>
"""
import json
import sys
import time

import jwt

directory = sys.argv[1]
with open(f"{directory}/claims.json") as f:
    claims = json.load(f)
# The assertions are dated at the bench's fixed NOW: PyJWT takes the clock from the system,
# so the leeway moves its "now" back to the bench's (exp, nbf and iat are still checked).
leeway = time.time() - claims["now"] + 60


def median_ns(verify, batch, rounds=15):
    for _ in range(batch):
        verify()
    per_call = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        for _ in range(batch):
            verify()
        per_call.append((time.perf_counter_ns() - start) / batch)
    per_call.sort()
    return per_call[len(per_call) // 2]


result = {}
for alg, batch in (("HS256", 20000), ("ES256", 2000), ("RS256", 2000)):
    with open(f"{directory}/{alg}.jwt") as f:
        token = f.read()
    with open(f"{directory}/{alg}.key.json") as f:
        material = json.load(f)
    key = material["secret"] if alg == "HS256" else jwt.PyJWK(material, alg).key

    def verify(token=token, key=key, alg=alg):
        return jwt.decode(
            token,
            key,
            algorithms=[alg],
            audience=claims["aud"],
            issuer=claims["iss"],
            leeway=leeway,
            options={"require": ["exp", "iat", "iss", "sub", "aud", "jti"]},
        )

    verify()  # raises if the assertion is refused
    result[alg] = median_ns(verify, batch)
print(json.dumps(result))
