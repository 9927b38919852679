#!/usr/bin/env bash
# Peers, side by side: node `jose` (jwtVerify) and PyJWT (jwt.decode), each with its key built
# once, against the crate on the same ES256, RS256 and HS256 assertions, in one run.
#
#   benches/peers/run.sh            # PEERS_SCRATCH=/some/dir to choose where the peers go
#
# The peers are installed into a scratch directory (default: $TMPDIR/oauth-client-auth-peers),
# never into the repository. Needs node and npm, python3 with venv, and the package
# registries (npm, PyPI).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
scratch=${PEERS_SCRATCH:-${TMPDIR:-/tmp}/oauth-client-auth-peers}
mkdir -p "$scratch"

# 1. The peers. jose 6 verifies through WebCrypto (asynchronous); jose 5's Node build through
#    node:crypto KeyObjects (synchronous underneath): both are measured.
if [ ! -f "$scratch/node_modules/jose/package.json" ] || [ ! -f "$scratch/node_modules/jose5/package.json" ]; then
    (cd "$scratch" && { [ -f package.json ] || npm init -y >/dev/null; } &&
        npm install --no-audit --no-fund jose@6 jose5@npm:jose@5 >/dev/null)
fi
if [ ! -x "$scratch/venv/bin/python" ]; then
    python3 -m venv "$scratch/venv"
    "$scratch/venv/bin/pip" install -q pyjwt cryptography
fi
echo "node $(node --version), jose $(node -p "require('$scratch/node_modules/jose/package.json').version") and $(node -p "require('$scratch/node_modules/jose5/package.json').version"), $("$scratch/venv/bin/python" -c 'import sys, jwt, cryptography; print(f"Python {sys.version.split()[0]}, PyJWT {jwt.__version__}, cryptography {cryptography.__version__}")')"
echo "load before: $(uptime)"

# 2. The crate: the bench groups of the three algorithms; with PEERS_DIR set, the bench writes
#    the assertions it measures and their keys there.
material="$scratch/material"
rm -rf "$material"
(cd "$repo" && PEERS_DIR="$material" cargo bench --bench authenticate -- \
    'client_secret_jwt_HS256|private_key_jwt_ES256|private_key_jwt_RS256' >"$scratch/crate.log")

# 3. The peers, on the same bytes, right after.
node "$repo/benches/peers/verify_jose.mjs" "$material" \
    "$scratch/node_modules/jose/dist/webapi/index.js" >"$scratch/jose6.json"
node "$repo/benches/peers/verify_jose.mjs" "$material" \
    "$scratch/node_modules/jose5/dist/node/esm/index.js" >"$scratch/jose5.json"
"$scratch/venv/bin/python" "$repo/benches/peers/verify_pyjwt.py" "$material" >"$scratch/pyjwt.json"
echo "load after: $(uptime)"

# 4. The table.
criterion=${CRITERION_HOME:-${CARGO_TARGET_DIR:-$repo/target}/criterion}
python3 "$repo/benches/peers/table.py" "$criterion" \
    "jose6=$scratch/jose6.json" "jose5=$scratch/jose5.json" "PyJWT=$scratch/pyjwt.json"
