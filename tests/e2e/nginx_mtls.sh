#!/usr/bin/env bash
# End to end, over real TLS: curl (with OpenSSL-made client certificates)
#   -> nginx (Debian's package; terminates TLS, ssl_verify_client optional_no_ca,
#             proxy_set_header X-Ssl-Cert $ssl_client_escaped_cert)
#   -> examples/token_endpoint.rs (axum, this crate, tls_client_auth_trust_anchors set)
# and checks the HTTP status and OAuth JSON of each answer: tls_client_auth by subject DN and by
# SAN, self_signed_tls_client_auth, certificates that must be refused, no certificate, and a
# forged certificate header. Everything listens on 127.0.0.1 and is stopped on exit.
#
#   bash tests/e2e/nginx_mtls.sh        # run by .ci/run; installs nginx and curl if missing
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/e2e/lib.bash
. tests/e2e/lib.bash

log() { printf 'e2e: %s\n' "$*" >&2; }

# --- tools: nginx, curl, openssl (CI runs as root on a fresh Debian machine) ---
nginx_bin=$(command -v nginx || true)
[ -n "$nginx_bin" ] || [ ! -x /usr/sbin/nginx ] || nginx_bin=/usr/sbin/nginx
missing=()
[ -n "$nginx_bin" ] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  e2e_install "${missing[@]}"
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
fi

cargo build --locked --quiet --example token_endpoint
app_bin=target/debug/examples/token_endpoint
started=$(date +%s)

work=$(mktemp -d)
chmod 755 "$work" # nginx workers may run as nobody
app_pid=
nginx_pid=
cleanup() {
  e2e_stop "$nginx_pid" "$app_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- certificates, by OpenSSL ---
repo=$PWD
cd "$work"
ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
cat > ext.cnf <<'EOF'
[req]
distinguished_name = req_dn
[req_dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
[san_client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:san-client.example.com, IP:2001:db8::7
[server]
basicConstraints = critical, CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
EOF
# self_signed NAME SUBJECT EXTENSIONS
self_signed() {
  ec_key "$1.key"
  openssl req -x509 -new -key "$1.key" -subj "$2" -days 2 -config ext.cnf \
    -extensions "$3" -out "$1.pem" 2>/dev/null
}
# issued NAME SUBJECT EXTENSIONS: issued by ca.pem
issued() {
  ec_key "$1.key"
  openssl req -new -key "$1.key" -subj "$2" -config ext.cnf -out "$1.csr" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile ext.cnf -extensions "$3" -out "$1.pem" 2>/dev/null
}
self_signed ca "/CN=E2E Client CA" ca
self_signed server "/CN=localhost" server
issued dn-client "/C=JP/O=Example, Inc./CN=dn-client" client
issued san-client "/CN=san-client" san_client
self_signed self-client "/CN=self-client" client
# Not issued by the CA, with the very subject of dn-client.
self_signed rogue "/C=JP/O=Example, Inc./CN=dn-client" client

thumbprint() {
  openssl x509 -in "$1" -outform DER | openssl dgst -sha256 -binary | basenc --base64url -w0 | tr -d '='
}
json_string() { awk 'BEGIN { ORS = "" } { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print sep $0; sep = "\\n" }' "$1"; }

# --- the authorization server's configuration ---
x5c=$(openssl x509 -in self-client.pem -outform DER | base64 -w0)
cat > clients.json <<EOF
[
  {"client_id": "dn-client", "token_endpoint_auth_method": "tls_client_auth",
   "tls_client_auth_subject_dn": "CN=dn-client,O=Example\\\\, Inc.,C=JP"},
  {"client_id": "san-client", "token_endpoint_auth_method": "tls_client_auth",
   "tls_client_auth_san_ip": "2001:0db8:0:0:0:0:0:7"},
  {"client_id": "self-client", "token_endpoint_auth_method": "self_signed_tls_client_auth",
   "jwks": {"keys": [{"kty": "EC", "crv": "P-256", "x5c": ["$x5c"]}]}},
  {"client_id": "secret-client", "token_endpoint_auth_method": "client_secret_basic",
   "client_secret": "e2e-secret"}
]
EOF
cat > server.json <<EOF
{"issuer": "https://127.0.0.1",
 "token_endpoint_auth_methods_supported":
   ["tls_client_auth", "self_signed_tls_client_auth", "client_secret_basic"],
 "tls_client_auth_trust_anchors": ["$(json_string ca.pem)"]}
EOF

# --- start the token endpoint, then nginx in front of it ---
"$repo/$app_bin" --listen 127.0.0.1:0 --clients clients.json --server server.json \
  --cert-header X-Ssl-Cert > app.out 2> app.err &
app_pid=$!
app_addr=
for _ in $(seq 100); do
  app_addr=$(sed -n 's/^listening on //p' app.out)
  [ -z "$app_addr" ] || break
  kill -0 "$app_pid" 2>/dev/null || { cat app.err >&2; log "token endpoint died"; exit 1; }
  sleep 0.1
done
[ -n "$app_addr" ] || { log "token endpoint did not start"; exit 1; }
log "token endpoint on $app_addr"

mkdir -p nginx/logs nginx/tmp
# nginx_conf PORT: the configuration, listening on 127.0.0.1:PORT.
nginx_conf() {
  local port=$1
  cat <<EOF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log info;
events { worker_connections 64; }
http {
  access_log $work/nginx/logs/access.log;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$port ssl;
    server_name localhost;
    ssl_certificate $work/server.pem;
    ssl_certificate_key $work/server.key;
    # Ask for a client certificate, let any through: the application validates it against
    # tls_client_auth_trust_anchors (self-signed client certificates must pass too).
    ssl_verify_client optional_no_ca;
    location = /token {
      # Replaces any X-Ssl-Cert a client sends; empty (so, not sent) without a certificate.
      proxy_set_header X-Ssl-Cert \$ssl_client_escaped_cert;
      proxy_pass http://$app_addr/token;
    }
  }
}
EOF
}
e2e_start_nginx nginx_conf server.pem "/"
log "nginx on 127.0.0.1:$nginx_port"

# --- the requests ---
url="https://localhost:$nginx_port/token"
# check NAME WANT_STATUS 'JSON FRAGMENT'|'header:TEXT'|'log:TEXT'... -- CURL ARGS...
# (POSTs to $url; log:TEXT is looked for in what the endpoint logged for this request: a
# refusal reads the same to every client, the log says why)
check() {
  local name=$1 want_status=$2
  shift 2
  local fragments=()
  while [ "$1" != -- ]; do fragments+=("$1"); shift; done
  shift
  local status logged
  logged=$(wc -l < app.err)
  status=$(curl -sS --max-time 10 --cacert server.pem --resolve "localhost:$nginx_port:127.0.0.1" \
    -o body.json -D headers.txt -w '%{http_code}' "$url" "$@") ||
    status="curl failed"
  local ok=1 f
  [ "$status" = "$want_status" ] || ok=
  for f in "${fragments[@]}"; do
    if [[ $f == header:* ]]; then
      grep -qiF "${f#header:}" headers.txt || ok=
    elif [[ $f == log:* ]]; then
      tail -n "+$((logged + 1))" app.err | grep -qF "${f#log:}" || ok=
    else
      grep -qF "$f" body.json || ok=
    fi
  done
  if [ -n "$ok" ]; then
    e2e_pass "$name ($status)"
  else
    e2e_fail "$name" "want $want_status ${fragments[*]}; got $status $(cat body.json); logged: $(tail -n "+$((logged + 1))" app.err)"
  fi
}
form='grant_type=client_credentials&client_id'
escaped_dn_cert=$(awk 'BEGIN { ORS = "" } { print sep $0; sep = "%0A" }' dn-client.pem | sed 's/ /%20/g; s/+/%2B/g; s/\//%2F/g; s/=/%3D/g')

check "tls_client_auth by subject DN" 200 \
  '"client_auth_method":"tls_client_auth"' "\"x5t#S256\":\"$(thumbprint dn-client.pem)\"" \
  -- --cert dn-client.pem --key dn-client.key -d "$form=dn-client"
check "tls_client_auth by SAN iPAddress (another IPv6 text form)" 200 \
  '"client_id":"san-client"' "\"x5t#S256\":\"$(thumbprint san-client.pem)\"" \
  -- --cert san-client.pem --key san-client.key -d "$form=san-client"
check "self_signed_tls_client_auth" 200 \
  '"client_auth_method":"self_signed_tls_client_auth"' \
  "\"x5t#S256\":\"$(thumbprint self-client.pem)\"" \
  -- --cert self-client.pem --key self-client.key -d "$form=self-client"
check "same subject DN from an untrusted issuer is refused" 401 \
  '"error":"invalid_client"' 'log:does not chain to a configured trust anchor' \
  -- --cert rogue.pem --key rogue.key -d "$form=dn-client"
check "another client's certificate is refused" 401 \
  '"error":"invalid_client"' 'log:is not the registered tls_client_auth_subject_dn' \
  -- --cert san-client.pem --key san-client.key -d "$form=dn-client"
check "unregistered certificate for self_signed_tls_client_auth is refused" 401 \
  '"error":"invalid_client"' 'log:is none of the 1 certificates registered in jwks' \
  -- --cert dn-client.pem --key dn-client.key -d "$form=self-client"
check "no client certificate is refused" 401 \
  '"error":"invalid_client"' 'log:needs a TLS client certificate and none was presented' \
  -- -d "$form=dn-client"
check "a forged X-Ssl-Cert header is replaced by nginx" 401 \
  '"error":"invalid_client"' 'log:needs a TLS client certificate and none was presented' \
  -- -H "X-Ssl-Cert: $escaped_dn_cert" -d "$form=dn-client"
# The control: the same forged header, sent straight to the application, authenticates. This is
# why the proxy must strip it, and why only the proxy may reach the application.
url="http://$app_addr/token" check "the forged header sent around nginx would authenticate" 200 \
  '"client_id":"dn-client"' \
  -- -H "X-Ssl-Cert: $escaped_dn_cert" -d "$form=dn-client"
check "no client_id is invalid_request" 400 \
  '"error":"invalid_request"' \
  -- --cert dn-client.pem --key dn-client.key -d 'grant_type=client_credentials'
check "client_secret_basic with a wrong secret challenges" 401 \
  '"error":"invalid_client"' 'header:WWW-Authenticate: Basic' \
  -- -u secret-client:wrong -d 'grant_type=client_credentials'
check "client_secret_basic with a certificate is bound to it" 200 \
  '"client_auth_method":"client_secret_basic"' "\"x5t#S256\":\"$(thumbprint self-client.pem)\"" \
  -- -u secret-client:e2e-secret --cert self-client.pem --key self-client.key \
  -d 'grant_type=client_credentials'

log "requests took $(( $(date +%s) - started ))s after the build"
if e2e_failed; then
  log "token endpoint log:"
  cat app.err >&2
fi
e2e_summary e2e
