#!/usr/bin/env bash
# Regenerates the X.509 test certificates in this directory with OpenSSL, an X.509
# implementation independent of the crate's (x509-cert, rustls-webpki). Private keys live in a
# temporary directory and are thrown away: the tests need only the certificates.
#
# Validity periods are fixed (`openssl ca -startdate/-enddate`), so the certificates do not rot:
# the tests judge them at fixed instants (see NOW in tests/mtls.rs).
#
#   bash tests/certs/make.sh        # rewrites *.pem, *.jwks.json and thumbprints.txt
#
# Then regenerate the case files that embed these certificates:
#
#   python3 tests/certs/make_cases.py
set -euo pipefail
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

# The trusted hierarchy: an RSA root and an ECDSA issuing CA.
rsa_key root-ca.key
sign root-ca "/C=JP/O=oauth-client-auth tests/CN=Test Root CA" self "" root_ca $LONG_START $LONG_END
sign issuing-ca "/C=JP/O=oauth-client-auth tests/CN=Test Issuing CA" \
  root-ca.pem root-ca.key issuing_ca $LONG_START $LONG_END

# The main client: a subject with an escaped comma and a multi-valued RDN, every SAN type.
CLIENT_DN="/C=JP/ST=Tokyo/O=Example\, Inc./OU=Engineering+UID=4326385670/CN=client.example.com"
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

b64url() { basenc --base64url -w0 | tr -d '='; }

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

# x5t#S256 of every certificate (RFC 8705 §3.1), computed by OpenSSL.
cd "$out"
for pem in *.pem; do
  printf '%s %s\n' "${pem%.pem}" \
    "$(openssl x509 -in "$pem" -outform DER | openssl dgst -sha256 -binary | b64url)"
done > thumbprints.txt
echo "wrote $(ls *.pem | wc -l) certificates and thumbprints.txt to $out"
