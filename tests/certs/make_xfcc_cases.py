#!/usr/bin/env python3
"""Appends to examples/cases/tls_client_auth.json the cases of Envoy's x-forwarded-client-cert
header, built here with Python's urllib.parse.quote from tests/certs/client.pem (not by the
crate). Re-running it replaces the cases it made before.

    python3 tests/certs/make_xfcc_cases.py
"""
import copy
import json
import os
import urllib.parse

HERE = os.path.dirname(__file__)
CASES = os.path.join(HERE, "..", "..", "examples", "cases", "tls_client_auth.json")
PREFIX = "Envoy x-forwarded-client-cert"

with open(os.path.join(HERE, "client.pem")) as f:
    pem = f.read()
cert = urllib.parse.quote(pem, safe="")

with open(CASES) as f:
    cases = [c for c in json.load(f) if not c["name"].startswith(PREFIX)]
base = copy.deepcopy(cases[0])  # the subject-DN client, accepted with client.pem
accepted = base["expect"]


def case(name, header, expect):
    c = copy.deepcopy(base)
    c["name"] = f"{PREFIX}: {name}"
    c["request"]["client_certificate"] = header
    c["expect"] = expect
    return c


undecodable = {"outcome": "reject", "error": "invalid_client", "status": 401,
               "class": "credential",
               "description": "client authentication failed"}
cases += [
    case("the Cert of the only element",
         f'Hash=0f1e;Cert="{cert}";Subject="CN=client.example.com,O=Example\\, Inc."',
         accepted),
    case("the first of two elements is the client's",
         f'By=spiffe://example.org/edge;Cert="{cert}";URI=,By=spiffe://example.org/inner;Hash=ab',
         accepted),
    case("a quoted Subject holding ';', ',' and an escaped quote before the Cert",
         f'Subject="CN=\\"a;b\\",O=c";Cert="{cert}"', accepted),
    case("the first element has no Cert, the second has",
         f'Hash=0f1e;Subject="CN=x",Cert="{cert}"', undecodable),
    case("an unclosed quote", f'Cert="{cert}', undecodable),
]
with open(CASES, "w") as f:
    json.dump(cases, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(f"{len(cases)} cases in {os.path.normpath(CASES)}")
