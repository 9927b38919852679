#!/usr/bin/env bash
# End to end, against a real Redis (Debian's redis-server, started here on a free loopback port):
# - tests/redis_replay.rs: of 64 concurrent commits of one assertion, exactly one is accepted;
# - two instances of examples/token_endpoint.rs (feature redis) share the Redis: the same
#   private_key_jwt assertion, sent to both at once, is accepted once and refused once as a
#   replay; the key's expiry in Redis is the assertion's exp plus the clock skew; once that has
#   passed, the key is gone and the replay is refused as expired, not remembered;
# - Redis stopped: 503 temporarily_unavailable with Retry-After, no acceptance; Redis restarted
#   on the same port: a fresh assertion is accepted again;
# - the example built without the redis feature refuses --redis-url at start-up;
# - benches/redis_replay.rs runs once in test mode.
# The client's key and its ES256 assertions are made by Python's `cryptography`, not by this
# crate. Everything listens on 127.0.0.1 and is stopped on exit.
#
#   bash tests/e2e/redis_replay.sh   # run by .ci/run; installs redis-server, curl, python3 if missing
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/e2e/lib.bash
. tests/e2e/lib.bash

log() { printf 'redis e2e: %s\n' "$*" >&2; }

# --- tools: redis-server and redis-cli, curl, python3 with cryptography (CI: root, Debian) ---
redis_bin=$(command -v redis-server || true)
[ -n "$redis_bin" ] || [ ! -x /usr/bin/redis-server ] || redis_bin=/usr/bin/redis-server
missing=()
[ -n "$redis_bin" ] || missing+=(redis-server)
command -v redis-cli >/dev/null || missing+=(redis-tools)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
python3 -c 'import cryptography' 2>/dev/null || missing+=(python3-cryptography)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  e2e_install "${missing[@]}"
  redis_bin=$(command -v redis-server || echo /usr/bin/redis-server)
fi

# --- builds: the example without and with the redis feature, the test, the bench ---
work=$(mktemp -d)
repo=$PWD
cargo build --locked --quiet --example token_endpoint
cp target/debug/examples/token_endpoint "$work/token_endpoint-plain"
cargo build --locked --quiet --features redis --example token_endpoint
cp target/debug/examples/token_endpoint "$work/token_endpoint"
cargo test --locked --quiet --features redis --test redis_replay --no-run
cargo bench --locked --quiet --features redis --bench redis_replay --no-run
started=$(date +%s)

redis_pid=
app_pids=()
cleanup() {
  e2e_stop "${app_pids[@]}" "$redis_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work"
mkdir redis

# start_redis PORT: starts redis-server on 127.0.0.1:PORT, without persistence; fails if it
# does not answer PING within 5 s.
start_redis() {
  "$redis_bin" --port "$1" --bind 127.0.0.1 --save '' --appendonly no --dir "$work/redis" \
    --logfile "$work/redis/redis.log" &
  redis_pid=$!
  for _ in $(seq 50); do
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" != PONG ] || return 0
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=
  return 1
}
redis_port=
for _ in $(seq 10); do
  port=$(( 20000 + RANDOM % 30000 ))
  if start_redis "$port"; then redis_port=$port; break; fi
  log "redis-server could not start on port $port; trying another"
done
[ -n "$redis_port" ] || { cat redis/redis.log >&2 || true; log "redis-server did not start"; exit 1; }
redis_url="redis://127.0.0.1:$redis_port"
rcli() { redis-cli -h 127.0.0.1 -p "$redis_port" "$@"; }
log "redis-server $("$redis_bin" --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') on 127.0.0.1:$redis_port"

# --- the client's key and assertions, by Python's cryptography ---
cat > jws.py <<'EOF'
"""keygen KEY.pem: makes a P-256 key, prints its public JWK.
sign KEY.pem CLIENT_ID AUDIENCE EXP: prints a fresh jti and an ES256 client assertion."""
import base64, json, sys, time, uuid
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

def compact(value):
    return b64(json.dumps(value, separators=(",", ":")).encode())

if sys.argv[1] == "keygen":
    key = ec.generate_private_key(ec.SECP256R1())
    with open(sys.argv[2], "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    n = key.public_key().public_numbers()
    print(json.dumps({"kty": "EC", "crv": "P-256", "kid": "e2e",
                      "x": b64(n.x.to_bytes(32, "big")), "y": b64(n.y.to_bytes(32, "big"))}))
elif sys.argv[1] == "sign":
    with open(sys.argv[2], "rb") as f:
        key = serialization.load_pem_private_key(f.read(), None)
    client, audience, exp = sys.argv[3], sys.argv[4], int(sys.argv[5])
    jti = str(uuid.uuid4())
    claims = {"iss": client, "sub": client, "aud": audience, "iat": int(time.time()),
              "exp": exp, "jti": jti}
    signing_input = compact({"alg": "ES256", "kid": "e2e", "typ": "JWT"}) + "." + compact(claims)
    r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    print(jti, signing_input + "." + b64(r.to_bytes(32, "big") + s.to_bytes(32, "big")))
EOF
client_id=redis-e2e-client
issuer=https://as.e2e.example
skew=2
jwk=$(python3 jws.py keygen client.pem)
cat > clients.json <<EOF
[{"client_id": "$client_id", "token_endpoint_auth_method": "private_key_jwt",
  "jwks": {"keys": [$jwk]}}]
EOF
cat > server.json <<EOF
{"issuer": "$issuer", "token_endpoint": "$issuer/token",
 "token_endpoint_auth_methods_supported": ["private_key_jwt"],
 "clock_skew_seconds": $skew}
EOF
# sign EXP: sets jti and assertion
jti=
assertion=
sign() { read -r jti assertion < <(python3 jws.py sign client.pem "$client_id" "$issuer" "$1"); }
# The Redis key of a jti (src/redis_store.rs: prefix, client id length, client id, jti).
key_of() { printf 'oauth-client-auth:jti:%s:%s:%s' "${#client_id}" "$client_id" "$1"; }

# --- two instances of the token endpoint, sharing the Redis ---
e2e_start_app a --redis-url "$redis_url"
addr_a=$app_addr
e2e_start_app b --redis-url "$redis_url"
addr_b=$app_addr
log "token endpoints on $addr_a and $addr_b"

# --- the checks ---
pass() { e2e_pass "$@"; }
fail() { e2e_fail "$@"; }
# post ADDR NAME: POSTs $assertion to the token endpoint at ADDR; prints the HTTP status, keeps
# the body in NAME.json and the headers in NAME.headers.
post() {
  curl -sS --max-time 10 -o "$2.json" -D "$2.headers" -w '%{http_code}' "http://$1/token" \
    -d "grant_type=client_credentials" \
    -d "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer" \
    -d "client_assertion=$assertion" 2>/dev/null || echo "no answer"
}

# 1. 64 concurrent commits of one assertion against this Redis (tests/redis_replay.rs).
if (cd "$repo" && REDIS_URL=$redis_url cargo test --locked --quiet --features redis \
  --test redis_replay) > rust-test.out 2>&1; then
  pass "64 concurrent commits of one assertion: exactly one accepted (tests/redis_replay.rs)"
else
  fail "64 concurrent commits of one assertion (tests/redis_replay.rs)" "$(tail -20 rust-test.out)"
fi

# 2. The same assertion sent to both instances at once: one 200, one 401 replay.
exp=$(( $(date +%s) + 60 ))
sign "$exp"
shared_jti=$jti
post "$addr_a" a > a.status &
post_a=$!
post "$addr_b" b > b.status &
post_b=$!
wait "$post_a" "$post_b" || true
statuses="$(cat a.status) $(cat b.status)"
case "$statuses" in
  "200 401") refused=b ;;
  "401 200") refused=a ;;
  *) refused= ;;
esac
if [ -n "$refused" ] && grep -qF '"error":"invalid_client"' "$refused.json" &&
  grep -qF 'already been used' "$refused.json"; then
  pass "one assertion sent to two instances at once: one 200, one 401 invalid_client replay ($refused refused)"
else
  fail "one assertion sent to two instances at once" "statuses $statuses; $(cat a.json b.json)"
fi

# 3. Its key in Redis expires at exp + skew.
key=$(key_of "$shared_jti")
want=$(( (exp + skew) * 1000 ))
got=$(rcli PEXPIRETIME "$key" 2>&1 || true)
scanned=$(rcli --scan --pattern 'oauth-client-auth:jti:*' | grep -cFx "$key" || true)
if [[ $got =~ ^[0-9]+$ ]] && [ "$scanned" = 1 ] && [ $(( got - want )) -le 1500 ] &&
  [ $(( want - got )) -le 1500 ]; then
  pass "the key expires at exp + skew ($(( got - want )) ms from $want)"
else
  fail "the key expires at exp + skew" "PEXPIRETIME $got, want $want ± 1500, found by SCAN: $scanned"
fi

# 4. After exp + skew the key is gone, and the replay is judged on exp: expired, not "used".
exp=$(( $(date +%s) + 2 ))
sign "$exp"
first=$(post "$addr_a" short)
# The key lasts until exp + skew (plus under a second, the request time's fraction); the server
# refuses from exp + skew + 1 on.
while [ "$(date +%s)" -le $(( exp + skew + 1 )) ]; do sleep 0.2; done
exists=$(rcli EXISTS "$(key_of "$jti")" 2>&1 || true)
second=$(post "$addr_b" short-replay)
if [ "$first" = 200 ] && [ "$exists" = 0 ] && [ "$second" = 401 ] &&
  grep -qF 'expired' short-replay.json && ! grep -qF 'already been used' short-replay.json &&
  grep -qF 'the client assertion expired at' b.err; then
  pass "a replay after exp + skew: key gone, 401 expired, not remembered as used"
else
  fail "a replay after exp + skew" "first $first, EXISTS $exists, replay $second $(cat short-replay.json)"
fi

# 5. Redis stopped: 503 temporarily_unavailable with Retry-After, from both instances.
rcli shutdown nosave > /dev/null 2>&1 || true
wait "$redis_pid" 2>/dev/null || true
redis_pid=
outage_ok=1
outage_detail=
for side in a b; do
  addr=$addr_a
  [ "$side" = a ] || addr=$addr_b
  sign $(( $(date +%s) + 60 ))
  status=$(post "$addr" "outage-$side")
  if [ "$status" != 503 ] || ! grep -qF '"error":"temporarily_unavailable"' "outage-$side.json" ||
    ! grep -qi '^Retry-After: [0-9]' "outage-$side.headers"; then
    outage_ok=
    outage_detail+="$side: $status $(cat "outage-$side.json") "
  fi
done
if [ -n "$outage_ok" ] && grep -qF 'replay store is unavailable' a.err; then
  pass "Redis stopped: both instances answer 503 temporarily_unavailable with Retry-After"
else
  fail "Redis stopped" "${outage_detail:-the log does not name the store failure}"
fi

# 6. Redis restarted on the same port: a fresh assertion is accepted again by both instances,
# once the connections are re-established (each attempt with a new assertion, up to ~10 s).
if start_redis "$redis_port"; then
  deadline=$(( $(date +%s) + 10 ))
  recovered=
  for side in a b; do
    addr=$addr_a
    [ "$side" = a ] || addr=$addr_b
    status=
    while [ "$(date +%s)" -le "$deadline" ]; do
      sign $(( $(date +%s) + 60 ))
      status=$(post "$addr" "recovered-$side")
      [ "$status" != 200 ] || break
      sleep 0.5
    done
    [ "$status" = 200 ] || break
    recovered+=$side
  done
  if [ "$recovered" = ab ]; then
    pass "Redis restarted: a fresh assertion is accepted again ($(( 10 - deadline + $(date +%s) )) s)"
  else
    fail "Redis restarted" "last answer $status $(cat recovered-*.json 2>/dev/null)"
  fi
else
  fail "Redis restarted" "redis-server did not start again on port $redis_port"
fi

# 7. Built without the redis feature, the example refuses --redis-url at start-up.
if ./token_endpoint-plain --listen 127.0.0.1:0 --clients clients.json --server server.json \
  --redis-url "$redis_url" > plain.out 2> plain.err; then
  fail "without the redis feature, --redis-url is refused" "it ran: $(cat plain.out)"
elif grep -qF 'without the redis feature' plain.err && ! grep -q '^listening on' plain.out; then
  pass "without the redis feature, --redis-url is refused at start-up"
else
  fail "without the redis feature, --redis-url is refused" "$(cat plain.err)"
fi

# 8. The benchmark, once in test mode (each benched request must be accepted).
if (cd "$repo" && REDIS_URL=$redis_url cargo bench --locked --quiet --features redis \
  --bench redis_replay -- --test) > bench.out 2>&1; then
  pass "benches/redis_replay.rs runs in test mode"
else
  fail "benches/redis_replay.rs in test mode" "$(tail -20 bench.out)"
fi

log "checks took $(( $(date +%s) - started ))s after the builds"
if e2e_failed; then
  for side in a b; do log "token endpoint $side log:"; cat "$side.err" >&2; done
fi
e2e_summary "redis replay"
