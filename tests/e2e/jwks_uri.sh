#!/usr/bin/env bash
# End to end, over real HTTPS: examples/token_endpoint.rs (feature jwks-fetch) authenticates
# private_key_jwt clients that register a jwks_uri, whose JWK Sets nginx (Debian's package)
# serves on a free loopback port with a certificate from a test CA made here by OpenSSL. The
# nginx access log counts the fetches. It shows:
# - an assertion accepted with the fetched key; a second one served from the cache, no fetch;
# - the file rotated to a new kid: the first assertion under it causes one refetch, accepted;
# - 100 assertions naming unknown kids within the refetch interval: at most one fetch;
# - a 2 MB response refused (with Content-Length, and chunked without it): 503;
# - a server that stalls (1 byte per second): 503 within the total timeout;
# - Cache-Control: max-age=0 with an ETag: revalidated with a 304;
# - jwks_uri on private, link-local and (without --jwks-allow-loopback) loopback addresses
#   refused, with no connection;
# - nginx stopped while a stale cached set is within the grace period: accepted, and the log
#   says the stale set is used;
# - the example built without the feature refuses the --jwks-* flags at start-up.
# Assertions are signed (ES256) by Python's `cryptography`, not by this crate. Everything
# listens on 127.0.0.1 and is stopped on exit.
#
#   bash tests/e2e/jwks_uri.sh   # run by .ci/run; installs nginx, curl, openssl, python3 if missing
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/e2e/lib.bash
. tests/e2e/lib.bash

log() { printf 'jwks_uri e2e: %s %s\n' "$(date +%T)" "$*" >&2; }

# --- tools: nginx, curl, openssl, python3 with cryptography (CI: root, Debian) ---
nginx_bin=$(command -v nginx || true)
[ -n "$nginx_bin" ] || [ ! -x /usr/sbin/nginx ] || nginx_bin=/usr/sbin/nginx
missing=()
[ -n "$nginx_bin" ] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
command -v python3 >/dev/null || missing+=(python3)
python3 -c 'import cryptography' 2>/dev/null || missing+=(python3-cryptography)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  e2e_install "${missing[@]}"
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
fi

# --- builds: the example with and without the jwks-fetch feature ---
work=$(mktemp -d)
chmod 755 "$work" # nginx workers may run as nobody
cargo build --locked --quiet --example token_endpoint
cp target/debug/examples/token_endpoint "$work/token_endpoint-plain"
cargo build --locked --quiet --features jwks-fetch --example token_endpoint
cp target/debug/examples/token_endpoint "$work/token_endpoint"
started=$(date +%s)

nginx_pid=
app_pids=()
cleanup() {
  e2e_stop "$nginx_pid" "${app_pids[@]}"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work"

# --- the test CA and nginx's certificate, by OpenSSL ---
cat > ext.cnf <<'EOF'
[req]
distinguished_name = req_dn
[req_dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign
[server]
basicConstraints = critical, CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
EOF
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -subj "/CN=JWKS E2E CA" -days 2 -config ext.cnf \
  -extensions ca -out ca.pem 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server.key 2>/dev/null
openssl req -new -key server.key -subj "/CN=localhost" -config ext.cnf -out server.csr 2>/dev/null
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile ext.cnf -extensions server -out server.pem 2>/dev/null

# --- the clients' keys and assertions, by Python's cryptography ---
cat > jws.py <<'EOF'
"""keygen KEY.pem KID: makes a P-256 key, prints its public JWK with that kid.
sign KEY.pem KID CLIENT_ID AUDIENCE: prints an ES256 client assertion (60 s, fresh jti).
flood KEY.pem CLIENT_ID AUDIENCE URL N: posts N assertions naming unknown kids, 20 at a time;
prints the count of each HTTP status."""
import base64, collections, concurrent.futures, json, sys, time, urllib.error, urllib.parse
import urllib.request, uuid
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

def compact(value):
    return b64(json.dumps(value, separators=(",", ":")).encode())

def sign(key, kid, client, audience):
    now = int(time.time())
    claims = {"iss": client, "sub": client, "aud": audience, "iat": now, "exp": now + 60,
              "jti": str(uuid.uuid4())}
    signing_input = compact({"alg": "ES256", "kid": kid, "typ": "JWT"}) + "." + compact(claims)
    r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    return signing_input + "." + b64(r.to_bytes(32, "big") + s.to_bytes(32, "big"))

def load(path):
    with open(path, "rb") as f:
        return serialization.load_pem_private_key(f.read(), None)

def post(url, assertion):
    body = urllib.parse.urlencode({
        "grant_type": "client_credentials",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion}).encode()
    try:
        with urllib.request.urlopen(url, body, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code

if sys.argv[1] == "keygen":
    key = ec.generate_private_key(ec.SECP256R1())
    with open(sys.argv[2], "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    n = key.public_key().public_numbers()
    print(json.dumps({"kty": "EC", "crv": "P-256", "kid": sys.argv[3], "use": "sig",
                      "x": b64(n.x.to_bytes(32, "big")), "y": b64(n.y.to_bytes(32, "big"))}))
elif sys.argv[1] == "sign":
    print(sign(load(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]))
elif sys.argv[1] == "flood":
    key, client, audience, url, n = load(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
    assertions = [sign(key, "unknown-%d-%s" % (i, uuid.uuid4()), client, audience) for i in range(n)]
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        counts = collections.Counter(pool.map(lambda a: post(url, a), assertions))
    print(" ".join("%s:%d" % item for item in sorted(counts.items())))
EOF

issuer=https://as.e2e.example
interval=4 # --jwks-refetch-interval, seconds
mkdir -p www/keys www/etag www/slow www/big www/chunked nginx/logs nginx/tmp
# jwk_set FILE JWK...: writes a JWK Set
jwk_set() { local f=$1; shift; local IFS=,; printf '{"keys":[%s]}\n' "$*" > "$f"; }
for name in cache rot flood grace etag slow; do
  python3 jws.py keygen "$name.pem" "$name-1" > "$name.jwk"
done
python3 jws.py keygen rot-2.pem rot-2 > rot-2.jwk
jwk_set www/keys/cache.json "$(cat cache.jwk)"
jwk_set www/keys/rot.json "$(cat rot.jwk)"
jwk_set www/keys/flood.json "$(cat flood.jwk)"
jwk_set www/etag/etag.json "$(cat etag.jwk)"
jwk_set www/etag/grace.json "$(cat grace.jwk)"
jwk_set www/slow/slow.json "$(cat slow.jwk)"
python3 -c 'import json; print(json.dumps({"keys": [], "padding": "x" * (2 * 1024 * 1024)}))' > www/big/big.json
cp www/big/big.json www/chunked/big.json

# --- nginx: serves www/ over HTTPS on a free loopback port ---
# nginx_conf PORT: the configuration, listening on 127.0.0.1:PORT.
nginx_conf() {
  local port=$1
  cat <<EOF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log info;
events { worker_connections 256; }
http {
  access_log $work/nginx/logs/access.log;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  types { application/json json; }
  server {
    listen 127.0.0.1:$port ssl;
    server_name localhost;
    ssl_certificate $work/server.pem;
    ssl_certificate_key $work/server.key;
    root $work/www;
    # Cache-Control: max-age=300.
    location /keys/ { expires 5m; }
    # Revalidate every time; nginx sends an ETag and answers If-None-Match with 304.
    location /etag/ { add_header Cache-Control "max-age=0"; }
    # A server that stalls: one byte a second.
    location /slow/ { limit_rate 1; sendfile off; }
    # With Content-Length.
    location /big/ { }
    # SSI drops Content-Length: the body arrives chunked, its size known only while reading.
    location /chunked/ { ssi on; ssi_types application/json; }
  }
}
EOF
}
e2e_start_nginx nginx_conf ca.pem "/keys/cache.json"
log "nginx on 127.0.0.1:$nginx_port"
: > nginx/logs/access.log # forget the start-up probe
base="https://localhost:$nginx_port"

# --- the registrations ---
client() { printf '{"client_id": "%s", "token_endpoint_auth_method": "private_key_jwt", "jwks_uri": "%s"}' "$1" "$2"; }
cat > clients.json <<EOF
[$(client cache "$base/keys/cache.json"),
 $(client rot "$base/keys/rot.json"),
 $(client flood "$base/keys/flood.json"),
 $(client etag "$base/etag/etag.json"),
 $(client grace "$base/etag/grace.json"),
 $(client slow "$base/slow/slow.json"),
 $(client big "$base/big/big.json"),
 $(client chunked "$base/chunked/big.json"),
 $(client private "https://10.255.255.1/jwks.json"),
 $(client metadata "https://169.254.169.254/latest/jwks.json"),
 $(client plainhttp "http://localhost:$nginx_port/keys/cache.json")]
EOF
cat > server.json <<EOF
{"issuer": "$issuer", "token_endpoint": "$issuer/token",
 "token_endpoint_auth_methods_supported": ["private_key_jwt"]}
EOF

# --- the token endpoints: one allowed to reach loopback, one not ---
e2e_start_app app --jwks-ca ca.pem --jwks-allow-loopback --jwks-min-ttl 1 \
  --jwks-refetch-interval "$interval"
app=$app_addr
e2e_start_app strict --jwks-ca ca.pem
strict=$app_addr
log "token endpoints on $app (loopback allowed) and $strict"

# --- the checks ---
pass() { e2e_pass "$@"; }
fail() { e2e_fail "$@"; }
# post ADDR NAME KEY KID CLIENT: POSTs a fresh assertion; prints the status; body in NAME.json,
# headers in NAME.headers.
post() {
  local assertion
  assertion=$(python3 jws.py sign "$3" "$4" "$5" "$issuer")
  curl -sS --max-time 30 -o "$2.json" -D "$2.headers" -w '%{http_code}' "http://$1/token" \
    -d "grant_type=client_credentials" \
    -d "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer" \
    -d "client_assertion=$assertion" 2>/dev/null || echo "no answer"
}
# fetches PATH [STATUS]: how many GETs of PATH nginx logged (with that status).
fetches() { grep -c "\"GET $1 HTTP/1.1\" ${2:-}" nginx/logs/access.log || true; }
wait_interval() { sleep "$interval"; sleep 0.5; }

# 1. Accepted with the fetched key; the second from the cache.
first=$(post "$app" cache1 cache.pem cache-1 cache)
second=$(post "$app" cache2 cache.pem cache-1 cache)
n=$(fetches /keys/cache.json)
if [ "$first $second $n" = "200 200 1" ] && grep -qF '"client_id":"cache"' cache2.json; then
  pass "accepted with the fetched key, then from the cache: 1 fetch for 2 assertions"
else
  fail "fetched key, then the cache" "statuses $first $second, fetches $n; $(cat cache1.json cache2.json)"
fi

# 2. Rotation: the file now holds a new kid; the first assertion under it refetches once.
first=$(post "$app" rot1 rot.pem rot-1 rot)
jwk_set www/keys/rot.json "$(cat rot-2.jwk)"
# nginx's ETag is the file's mtime in seconds and its size: both key sets have the same size,
# so a rewrite within the second of the first would revalidate as unchanged (304). Move the
# mtime on, as any real rotation some seconds later would.
touch -d "@$(( $(date +%s) + 2 ))" www/keys/rot.json
wait_interval
rotated=$(post "$app" rot2 rot-2.pem rot-2 rot)
again=$(post "$app" rot3 rot-2.pem rot-2 rot)
old=$(post "$app" rot4 rot.pem rot-1 rot)
n=$(fetches /keys/rot.json)
if [ "$first $rotated $again $old $n" = "200 200 200 401 2" ] &&
  grep -qF 'an assertion'"'"'s key was not in the cached set' app.err; then
  pass "rotated to a new kid: one refetch, accepted; the old kid refused with no fetch (2 fetches)"
else
  fail "rotation" "statuses $first $rotated $again $old, fetches $n; $(cat rot2.json rot4.json)"
fi

# 3. 100 assertions naming unknown kids, after the interval has passed: at most one fetch.
first=$(post "$app" flood0 flood.pem flood-1 flood)
wait_interval
before=$(fetches /keys/flood.json)
flood_started=$(date +%s%N)
counts=$(python3 jws.py flood flood.pem flood "$issuer" "http://$app/token" 100)
flood_ms=$(( ($(date +%s%N) - flood_started) / 1000000 ))
after=$(fetches /keys/flood.json)
if [ "$first" = 200 ] && [ "$counts" = "401:100" ] && [ $(( after - before )) -le 1 ]; then
  pass "100 assertions with unknown kids: all 401, $(( after - before )) fetch ($flood_ms ms)"
elif [ "$flood_ms" -ge $(( interval * 1000 )) ] && [ "$counts" = "401:100" ]; then
  fail "100 unknown kids" "they took $flood_ms ms, longer than the ${interval} s interval; fetches $(( after - before ))"
else
  fail "100 unknown kids" "first $first, statuses $counts, fetches $before -> $after"
fi

# 4. A 2 MB response, with Content-Length and chunked: refused, 503, the log names the limit.
# (The chunked one really comes without Content-Length: curl sees Transfer-Encoding: chunked.)
curl -sS --max-time 10 --cacert ca.pem -o /dev/null -D chunked.probe "$base/chunked/big.json" \
  --resolve "localhost:$nginx_port:127.0.0.1" || true
for kind in big chunked; do
  status=$(post "$app" "$kind" cache.pem cache-1 "$kind")
  if [ "$kind" = chunked ] && { ! grep -qi '^transfer-encoding: chunked' chunked.probe ||
    grep -qi '^content-length' chunked.probe; }; then
    fail "a 2 MB chunked response" "nginx sent it with a length: $(cat chunked.probe)"
  elif [ "$status" = 503 ] && grep -qF '"error":"temporarily_unavailable"' "$kind.json" &&
    grep -qF "jwks_uri $base/$kind/big.json: fetch failed (first use): the client's jwks_uri could not be fetched (the response is larger than 262144 bytes)" app.err; then
    pass "a 2 MB response ($kind) refused: 503 temporarily_unavailable"
  else
    fail "a 2 MB response ($kind)" "status $status $(cat "$kind.json")"
  fi
done

# 5. A server that stalls: 503 with Retry-After within the 5 s total timeout.
t0=$(date +%s%N)
status=$(post "$app" slow slow.pem slow-1 slow)
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ "$status" = 503 ] && [ "$ms" -lt 8000 ] && grep -qi '^Retry-After: [0-9]' slow.headers &&
  grep -qF 'jwks_uri '"$base"'/slow/slow.json: fetch failed' app.err; then
  pass "a stalling key server: 503 with Retry-After after $ms ms"
else
  fail "a stalling key server" "status $status after $ms ms; $(cat slow.json)"
fi

# 6. Cache-Control: max-age=0 with an ETag: once the interval has passed, revalidated by 304.
first=$(post "$app" etag1 etag.pem etag-1 etag)
wait_interval
second=$(post "$app" etag2 etag.pem etag-1 etag)
full=$(fetches /etag/etag.json 200)
revalidated=$(fetches /etag/etag.json 304)
if [ "$first $second $full $revalidated" = "200 200 1 1" ] &&
  grep -qF "jwks_uri $base/etag/etag.json: revalidated, 304 Not Modified" app.err; then
  pass "max-age=0 with an ETag: revalidated with If-None-Match, 304, accepted"
else
  fail "max-age=0 with an ETag" "statuses $first $second, 200s $full, 304s $revalidated"
fi

# 7. Refused addresses: private and link-local literals, plain http, and loopback by name on
# the instance that does not allow it (nginx sees no request).
status=$(post "$app" private cache.pem cache-1 private)
if [ "$status" = 401 ] && grep -qF "jwks_uri cannot be fetched: its host is a private address" app.err; then
  pass "jwks_uri on a private address (10.255.255.1): refused, invalid_client"
else
  fail "jwks_uri on a private address" "status $status $(cat private.json)"
fi
status=$(post "$app" metadata cache.pem cache-1 metadata)
if [ "$status" = 401 ] && grep -qF "its host is a link-local address" app.err; then
  pass "jwks_uri on the link-local metadata address (169.254.169.254): refused"
else
  fail "jwks_uri on a link-local address" "status $status $(cat metadata.json)"
fi
status=$(post "$app" plainhttp cache.pem cache-1 plainhttp)
if [ "$status" = 401 ] && grep -qF "its scheme is not https" app.err; then
  pass "jwks_uri over plain http: refused"
else
  fail "jwks_uri over plain http" "status $status $(cat plainhttp.json)"
fi
before=$(fetches /keys/cache.json)
status=$(post "$strict" loopback cache.pem cache-1 cache)
after=$(fetches /keys/cache.json)
if [ "$status" = 401 ] && [ "$before" = "$after" ] &&
  grep -qF "jwks_uri cannot be fetched: its host is a loopback address" strict.err; then
  pass "localhost without --jwks-allow-loopback: refused after resolving, no connection"
else
  fail "localhost without --jwks-allow-loopback" "status $status, fetches $before -> $after; $(cat loopback.json)"
fi

# 8. nginx stopped while the cached set is stale but within the grace period: accepted.
first=$(post "$app" grace1 grace.pem grace-1 grace)
kill -TERM "$nginx_pid" 2>/dev/null || true
wait "$nginx_pid" 2>/dev/null || true
nginx_pid=
wait_interval
second=$(post "$app" grace2 grace.pem grace-1 grace)
if [ "$first $second" = "200 200" ] &&
  grep -qF "jwks_uri $base/etag/grace.json: fetch failed (the cached set expired)" app.err &&
  grep -qF "keeps using the cached key set" app.err; then
  pass "key server down, stale set within grace: accepted, and the log says so"
else
  fail "key server down within grace" "statuses $first $second; $(cat grace2.json)"
fi

# 9. Built without the feature, the example refuses the --jwks-* flags at start-up.
if ./token_endpoint-plain --listen 127.0.0.1:0 --clients clients.json --server server.json \
  --jwks-allow-loopback > plain.out 2> plain.err; then
  fail "without the jwks-fetch feature, --jwks-* are refused" "it ran: $(cat plain.out)"
elif grep -qF 'need the jwks-fetch feature' plain.err && ! grep -q '^listening on' plain.out; then
  pass "without the jwks-fetch feature, --jwks-allow-loopback is refused at start-up"
else
  fail "without the jwks-fetch feature, --jwks-* are refused" "$(cat plain.err)"
fi

log "checks took $(( $(date +%s) - started ))s after the builds"
if e2e_failed; then
  for name in app strict; do log "token endpoint $name log:"; cat "$name.err" >&2; done
  log "nginx access log:"
  cat nginx/logs/access.log >&2 || true
fi
e2e_summary jwks_uri
