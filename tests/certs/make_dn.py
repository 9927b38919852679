#!/usr/bin/env python3
"""Writes the dn-*.pem certificates: self-signed client certificates whose subject is a single
common name that is, or looks like, "victim". They test tls_client_auth_subject_dn matching
(tests/mtls.rs) with names made by an X.509 implementation other than the crate's: Python
`cryptography` (48), which, unlike `openssl req -subj`, writes any character into a name,
NUL included.

    python3 tests/certs/make_dn.py

The keys are thrown away; the validity period is fixed (2025-2099), so the certificates do not
rot. Each run makes new keys, so the PEMs change: regenerate only to add a case.
"""
import datetime
import pathlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

HERE = pathlib.Path(__file__).resolve().parent
START = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
END = datetime.datetime(2099, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc)

# file name (dn-NAME.pem) -> (common name, ASN.1 string type)
CASES = {
    # Match a registered CN=victim: RFC 4518 equal, and shown alike.
    "victim": ("victim", _ASN1Type.UTF8String),
    "victim-capitalized": ("Victim", _ASN1Type.UTF8String),
    "victim-trailing-spaces": ("victim  ", _ASN1Type.UTF8String),
    "victim-fullwidth": ("\uff56\uff49\uff43\uff54\uff49\uff4d", _ASN1Type.UTF8String),
    "victim-bmp": ("victim", _ASN1Type.BMPString),
    # Another name to the CA, OpenSSL, Go and Java, which RFC 4518 §2.2 alone would make
    # "victim": refused.
    "soft-hyphen": ("vic\u00adtim", _ASN1Type.UTF8String),
    "soft-hyphen-bmp": ("vic\u00adtim", _ASN1Type.BMPString),
    "nul": ("vic\u0000tim", _ASN1Type.UTF8String),
    "zwsp": ("vic\u200btim", _ASN1Type.UTF8String),
    "rlo": ("vic\u202etim", _ASN1Type.UTF8String),
    # A tab, which RFC 4518 §2.2 makes a space: refused against CN=vic tim; its twin
    # matches.
    "tab": ("vic\ttim", _ASN1Type.UTF8String),
    "space": ("vic tim", _ASN1Type.UTF8String),
}


def certificate(common_name, string_type):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name, _type=string_type)])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(START)
        .not_valid_after(END)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )


for file, (common_name, string_type) in CASES.items():
    cert = certificate(common_name, string_type)
    # The subject as written, read back by cryptography: what the test expects inside.
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == common_name
    (HERE / f"dn-{file}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
print(f"wrote {len(CASES)} dn-*.pem certificates to {HERE}")
