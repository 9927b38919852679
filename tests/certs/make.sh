#!/usr/bin/env bash
# Regenerates the X.509 test certificates in this directory with OpenSSL, an X.509
# implementation independent of the crate's (x509-cert, rustls-webpki). Private keys live in a
# temporary directory and are thrown away: the tests need only the certificates.
#
# Validity periods are fixed (`openssl ca -startdate/-enddate`), so the certificates do not rot:
# the tests judge them at fixed instants (see NOW in tests/mtls.rs).
#
#   bash tests/certs/make.sh           # rewrites *.pem, *.jwks.json and thumbprints.txt
#   bash tests/certs/make.sh keyusage  # rewrites only the keyUsage / SAN URI section (below)
#
# Then regenerate the case files that embed these certificates:
#
#   python3 tests/certs/make_cases.py
#
# The keyUsage / SAN URI section has its own root (ku-root-ca.pem), so that it can be made
# alone, leaving the other certificates byte-identical; no case file embeds it.
set -euo pipefail
section=${1:-all}
case $section in all | keyusage) ;; *) echo "usage: $0 [keyusage]" >&2; exit 2 ;; esac
cd "$(dirname "$0")"
out=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

LONG_START=20250101000000Z
LONG_END=20991231235959Z

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
commonName = optional

[root_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[issuing_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = @client_san
[client_san]
DNS.1 = client.example.com
DNS.2 = alt.Example.NET
URI.1 = https://client.example.com/agent
IP.1 = 192.0.2.10
IP.2 = 2001:db8::1
email.1 = client-admin@Example.COM
[plain_client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
[server_only]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:client.example.com
[no_eku]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
authorityKeyIdentifier = keyid
subjectAltName = DNS:client.example.com
[self_signed]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth

# ----- the keyUsage / SAN URI section -----
# A CA (cA=TRUE) whose keyUsage does not allow keyCertSign (RFC 5280 §4.2.1.3, §6.1.4 (n)).
[ca_no_cert_sign]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
# A CA whose keyUsage is not DER of a BIT STRING (a BOOLEAN TRUE, in OpenSSL's
# arbitrary-extension syntax).
[ca_malformed_key_usage]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, DER:01:01:FF
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
# Client certificates whose keyUsage does not allow digitalSignature, has none, or is not DER
# of a BIT STRING.
[client_key_encipherment]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:client.example.com
[client_no_key_usage]
basicConstraints = critical, CA:FALSE
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:client.example.com
[client_malformed_key_usage]
basicConstraints = critical, CA:FALSE
keyUsage = critical, DER:01:01:FF
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:client.example.com
# A SAN URI whose scheme and host are in upper case (RFC 5280 §7.4).
[client_uri_upper_host]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
subjectAltName = URI:HTTPS://Client.Example.COM/agent
CNF
mkdir new
touch index.txt
echo 1000 > serial

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
rsa_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

# sign NAME SUBJECT ISSUER_CERT ISSUER_KEY EXTENSIONS START END [KEY]
# Issues NAME.pem for NAME.key (made if absent) with the given subject, in the given order.
sign() {
  local name=$1 subject=$2 issuer_cert=$3 issuer_key=$4 ext=$5 start=$6 end=$7
  [ -f "$name.key" ] || ec_key "$name.key"
  openssl req -new -key "$name.key" -multivalue-rdn -utf8 -subj "$subject" -out "$name.csr"
  if [ "$issuer_cert" = self ]; then
    openssl ca -batch -config ca.cnf -selfsign -keyfile "$name.key" -in "$name.csr" \
      -out "$name.pem" -preserveDN -multivalue-rdn -utf8 -extensions "$ext" \
      -startdate "$start" -enddate "$end" -notext 2>/dev/null
  else
    openssl ca -batch -config ca.cnf -cert "$issuer_cert" -keyfile "$issuer_key" \
      -in "$name.csr" -out "$name.pem" -preserveDN -multivalue-rdn -utf8 -extensions "$ext" \
      -startdate "$start" -enddate "$end" -notext 2>/dev/null
  fi
}

b64url() { basenc --base64url -w0 | tr -d '='; }
# The main client's subject: an escaped comma and a multi-valued RDN.
CLIENT_DN="/C=JP/ST=Tokyo/O=Example\, Inc./OU=Engineering+UID=4326385670/CN=client.example.com"

if [ "$section" = all ]; then

# The trusted hierarchy: an RSA root and an ECDSA issuing CA.
rsa_key root-ca.key
sign root-ca "/C=JP/O=oauth-client-auth tests/CN=Test Root CA" self "" root_ca $LONG_START $LONG_END
sign issuing-ca "/C=JP/O=oauth-client-auth tests/CN=Test Issuing CA" \
  root-ca.pem root-ca.key issuing_ca $LONG_START $LONG_END

# The main client: a subject with an escaped comma and a multi-valued RDN, every SAN type.
sign client "$CLIENT_DN" issuing-ca.pem issuing-ca.key client $LONG_START $LONG_END
# Same subject, expired (2020) and not yet valid (2090).
cp client.key client-expired.key
sign client-expired "$CLIENT_DN" issuing-ca.pem issuing-ca.key client \
  20200101000000Z 20210101000000Z
cp client.key client-not-yet-valid.key
sign client-not-yet-valid "$CLIENT_DN" issuing-ca.pem issuing-ca.key client \
  20900101000000Z $LONG_END
# Fit for TLS servers only (EKU serverAuth), and with no EKU at all.
sign client-server-eku "/CN=client.example.com" issuing-ca.pem issuing-ca.key server_only \
  $LONG_START $LONG_END
sign client-no-eku "/CN=client.example.com" issuing-ca.pem issuing-ca.key no_eku \
  $LONG_START $LONG_END

# A foreign CA issuing a certificate with the very same subject and SANs.
sign foreign-ca "/C=JP/O=Elsewhere/CN=Foreign CA" self "" root_ca $LONG_START $LONG_END
sign client-foreign-ca "$CLIENT_DN" foreign-ca.pem foreign-ca.key client $LONG_START $LONG_END

# Self-signed clients (self_signed_tls_client_auth): an ECDSA one and an RSA one.
sign self-signed "/CN=self-signed.example.com" self "" self_signed $LONG_START $LONG_END
rsa_key self-signed-rsa.key
sign self-signed-rsa "/O=Example/CN=self-signed-rsa.example.com" self "" self_signed \
  $LONG_START $LONG_END

for name in root-ca issuing-ca client client-expired client-not-yet-valid client-server-eku \
  client-no-eku foreign-ca client-foreign-ca self-signed self-signed-rsa; do
  openssl x509 -in "$name.pem" -out "$out/$name.pem"
done

# The JWK Set a self-signed client registers: the public key and x5c[0] (RFC 7517 §4.7:
# standard base64 of the DER, not base64url).
{
  # The SubjectPublicKeyInfo of a P-256 key ends with the 64 bytes of the point: x then y.
  openssl pkey -in self-signed.key -pubout -outform DER | tail -c 64 > point.bin
  x=$(head -c 32 point.bin | b64url)
  y=$(tail -c 32 point.bin | b64url)
  x5c=$(openssl x509 -in self-signed.pem -outform DER | base64 -w0)
  x5c_rsa=$(openssl x509 -in self-signed-rsa.pem -outform DER | base64 -w0)
  printf '{"keys": [\n'
  printf '  {"kty": "EC", "crv": "P-256", "use": "sig", "kid": "ec-1",\n'
  printf '   "x": "%s", "y": "%s",\n   "x5c": ["%s"]},\n' "$x" "$y" "$x5c"
  printf '  {"kty": "RSA", "kid": "rsa-1", "x5c": ["%s"]}\n' "$x5c_rsa"
  printf ']}\n'
} > "$out/self-signed.jwks.json"
fi

# ----- the keyUsage / SAN URI section (bash make.sh keyusage) -----
# A second hierarchy, ECDSA throughout: a root, an issuing CA that may sign certificates, and
# a CA (cA=TRUE) whose keyUsage is digitalSignature only, so it may not (RFC 5280 §4.2.1.3,
# §6.1.4 (n)). What `openssl verify` says of each chain is in README.md in this directory.
sign ku-root-ca "/C=JP/O=oauth-client-auth tests/CN=Test keyUsage Root CA" self "" root_ca \
  $LONG_START $LONG_END
sign ku-issuing-ca "/C=JP/O=oauth-client-auth tests/CN=Test keyUsage Issuing CA" \
  ku-root-ca.pem ku-root-ca.key issuing_ca $LONG_START $LONG_END
sign ku-ca-no-cert-sign "/C=JP/O=oauth-client-auth tests/CN=Test CA without keyCertSign" \
  ku-root-ca.pem ku-root-ca.key ca_no_cert_sign $LONG_START $LONG_END
# The issuing CA's key and subject again, in a certificate without keyCertSign: another
# issuer for every certificate the issuing CA signed.
cp ku-issuing-ca.key ku-issuing-ca-no-cert-sign.key
sign ku-issuing-ca-no-cert-sign "/C=JP/O=oauth-client-auth tests/CN=Test keyUsage Issuing CA" \
  ku-root-ca.pem ku-root-ca.key ca_no_cert_sign $LONG_START $LONG_END
sign ku-ca-malformed "/C=JP/O=oauth-client-auth tests/CN=Test CA with a malformed keyUsage" \
  ku-root-ca.pem ku-root-ca.key ca_malformed_key_usage $LONG_START $LONG_END
# The main client's subject and SANs from each of the three CAs.
sign client-ku "$CLIENT_DN" ku-issuing-ca.pem ku-issuing-ca.key client $LONG_START $LONG_END
sign client-ku-ca-no-cert-sign "$CLIENT_DN" ku-ca-no-cert-sign.pem ku-ca-no-cert-sign.key \
  client $LONG_START $LONG_END
sign client-ku-ca-malformed "$CLIENT_DN" ku-ca-malformed.pem ku-ca-malformed.key client \
  $LONG_START $LONG_END
# Leaves whose keyUsage is keyEncipherment only, absent, or malformed.
sign client-ku-key-encipherment "/CN=client.example.com" ku-issuing-ca.pem ku-issuing-ca.key \
  client_key_encipherment $LONG_START $LONG_END
sign client-ku-absent "/CN=client.example.com" ku-issuing-ca.pem ku-issuing-ca.key \
  client_no_key_usage $LONG_START $LONG_END
sign client-ku-malformed "/CN=client.example.com" ku-issuing-ca.pem ku-issuing-ca.key \
  client_malformed_key_usage $LONG_START $LONG_END
# SAN URI HTTPS://Client.Example.COM/agent.
sign client-uri-upper-host "/CN=client.example.com" ku-issuing-ca.pem ku-issuing-ca.key \
  client_uri_upper_host $LONG_START $LONG_END

for name in ku-root-ca ku-issuing-ca ku-ca-no-cert-sign ku-issuing-ca-no-cert-sign \
  ku-ca-malformed client-ku client-ku-ca-no-cert-sign client-ku-ca-malformed client-ku-key-encipherment client-ku-absent \
  client-ku-malformed client-uri-upper-host; do
  openssl x509 -in "$name.pem" -out "$out/$name.pem"
done

# x5t#S256 of every certificate (RFC 8705 §3.1), computed by OpenSSL.
cd "$out"
for pem in *.pem; do
  printf '%s %s\n' "${pem%.pem}" \
    "$(openssl x509 -in "$pem" -outform DER | openssl dgst -sha256 -binary | b64url)"
done > thumbprints.txt
echo "wrote $(ls *.pem | wc -l) certificates and thumbprints.txt to $out"
