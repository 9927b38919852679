#!/usr/bin/env bash
# Regenerates the X.509-SVIDs and SPIFFE trust domain authorities in this directory with the
# OpenSSL CLI, an X.509 implementation independent of the crate's (x509-cert, rustls-webpki).
# Private keys live in a temporary directory and are thrown away.
#
# Validity periods are fixed (`openssl ca -startdate/-enddate`) so that nothing rots: the tests
# and cases judge them at NOW = 1764300000 (2025-11-28).
#
#   bash tests/certs/spiffe/make.sh
#   python3 tests/vectors/make_spiffe_cases.py   # then rewrite the case files embedding them
#
# What each file is: see README.md here.
set -euo pipefail
cd "$(dirname "$0")"
out=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

START=20250101000000Z
END=20991231235959Z

cat > ca.cnf <<'CNF'
[ca]
default_ca = test_ca
[test_ca]
database = ./index.txt
new_certs_dir = ./new
serial = ./serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none
[policy_any]
organizationName = optional
commonName = optional

# X509-SVID §3.2, §4: signing certificates: cA true, keyCertSign (and cRLSign), the trust
# domain's own SPIFFE ID (no path) as URI SAN.
[root_example]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
subjectAltName = URI:spiffe://example.org
[intermediate_example]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = URI:spiffe://example.org
[root_other]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
subjectAltName = URI:spiffe://other.org

# X509-SVID §4: a leaf SVID: cA false, keyUsage critical digitalSignature, EKU serverAuth
# and clientAuth, exactly one URI SAN.
[svid]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $ENV::SAN
[svid_ca_true]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, keyCertSign
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $ENV::SAN
[svid_key_cert_sign]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyCertSign
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $ENV::SAN
[svid_crl_sign]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, cRLSign
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $ENV::SAN
[svid_key_encipherment]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $ENV::SAN
[svid_no_key_usage]
basicConstraints = critical, CA:FALSE
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $ENV::SAN
[svid_server_eku]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
[svid_no_eku]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
subjectAltName = $ENV::SAN
CNF
mkdir new
touch index.txt
echo 2000 > serial

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# sign NAME SUBJECT ISSUER EXTENSIONS [START END] — ISSUER is "self" or a NAME made before.
sign() {
  local name=$1 subject=$2 issuer=$3 ext=$4 start=${5:-$START} end=${6:-$END}
  [ -f "$name.key" ] || ec_key "$name.key"
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
  if [ "$issuer" = self ]; then
    openssl ca -batch -config ca.cnf -selfsign -keyfile "$name.key" -in "$name.csr" \
      -out "$name.pem" -preserveDN -extensions "$ext" -startdate "$start" -enddate "$end" -notext 2>/dev/null
  else
    openssl ca -batch -config ca.cnf -cert "$issuer.pem" -keyfile "$issuer.key" \
      -in "$name.csr" -out "$name.pem" -preserveDN -extensions "$ext" -startdate "$start" \
      -enddate "$end" -notext 2>/dev/null
  fi
  cp "$name.pem" "$out/$name.pem"
}

export SAN=URI:spiffe://example.org
sign example-root "/O=SPIFFE/CN=example.org root" self root_example
sign example-intermediate "/O=SPIFFE/CN=example.org intermediate" example-root intermediate_example
export SAN=URI:spiffe://other.org
sign other-root "/O=SPIFFE/CN=other.org root" self root_other

ID=spiffe://example.org/my-oauth-client
svid() { local name=$1 san=$2 issuer=$3 ext=${4:-svid}; shift 4 || shift $#
  SAN=$san sign "$name" "/O=SPIRE/CN=$name" "$issuer" "$ext" "$@"; }
svid svid "URI:$ID" example-root svid
svid svid-via-intermediate "URI:$ID" example-intermediate svid
svid svid-workload "URI:spiffe://example.org/workloads/api" example-root svid
svid svid-two-uris "URI:$ID, URI:spiffe://example.org/other" example-root svid
svid svid-dns-only "DNS:my-oauth-client.example.org" example-root svid
svid svid-https-uri "URI:https://example.org/my-oauth-client" example-root svid
svid svid-root-id "URI:spiffe://example.org" example-root svid
svid svid-bad-id "URI:spiffe://example.org/my-oauth-client/" example-root svid
svid svid-ca-true "URI:$ID" example-root svid_ca_true
svid svid-key-cert-sign "URI:$ID" example-root svid_key_cert_sign
svid svid-crl-sign "URI:$ID" example-root svid_crl_sign
svid svid-key-encipherment "URI:$ID" example-root svid_key_encipherment
svid svid-no-key-usage "URI:$ID" example-root svid_no_key_usage
svid svid-server-eku "URI:$ID" example-root svid_server_eku
svid svid-no-eku "URI:$ID" example-root svid_no_eku
SAN="URI:$ID" sign svid-expired "/O=SPIRE/CN=svid-expired" example-root svid 20200101000000Z 20210101000000Z
# The example.org SPIFFE ID, issued by the other trust domain's authority.
svid svid-foreign-issuer "URI:$ID" other-root svid
svid svid-other-domain "URI:spiffe://other.org/my-oauth-client" other-root svid

cd "$out"
# What generic RFC 5280 validation (OpenSSL, no SPIFFE rules) says of each, for README.md.
for f in svid*.pem; do
  openssl verify -x509_strict -purpose sslclient -attime 1764300000 -CAfile example-root.pem \
    -untrusted example-intermediate.pem "$f" 2>&1 | tail -1
done > verify.txt || true
