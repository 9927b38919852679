# Shared by the end-to-end scripts of tests/e2e/: source it after `set -euo pipefail`.

# e2e_install PACKAGE...: installs Debian packages, without letting their services start
# (policy-rc.d, Debian Policy 9.3.3: a package's nginx or redis-server would take its
# default port).
e2e_install() {
  [ "$#" -gt 0 ] || return 0
  local made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
  [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
}

# e2e_stop PID...: asks each process to stop, waits up to five seconds, then kills it. Empty
# arguments are skipped.
e2e_stop() {
  local pid
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# e2e_start_nginx WRITE_CONF CA PROBE: starts nginx ($nginx_bin) from $work on a random
# loopback port, trying another when the port is taken. `WRITE_CONF PORT` prints the
# configuration; the server is up when `https://localhost:PORT$PROBE` answers, verified with
# the CA file CA. Sets nginx_pid and nginx_port, or exits with nginx's logs.
e2e_start_nginx() {
  local write_conf=$1 ca=$2 probe=$3 port
  nginx_port=
  for _ in $(seq 10); do
    port=$(( 20000 + RANDOM % 30000 ))
    "$write_conf" "$port" > "$work/nginx.conf"
    "$nginx_bin" -p "$work/nginx" -e "$work/nginx/logs/stderr.log" -c "$work/nginx.conf" &
    nginx_pid=$!
    for _ in $(seq 50); do
      if curl -s -o /dev/null --max-time 2 --cacert "$ca" "https://localhost:$port$probe" \
        --resolve "localhost:$port:127.0.0.1"; then
        nginx_port=$port
        return 0
      fi
      kill -0 "$nginx_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -TERM "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
    nginx_pid=
    echo "nginx could not start on port $port; trying another" >&2
  done
  cat "$work/nginx/logs/"*.log >&2
  echo "nginx did not start" >&2
  exit 1
}

# The tally of a script's checks. e2e_pass NAME and e2e_fail NAME WHY count and log through
# the script's `log`; e2e_summary LABEL prints the failures again, last, after any log dump
# (CI keeps only the tail of the output), then the counts; it returns non-zero on a failure.
e2e_passed=0
e2e_failures=()
e2e_pass() { e2e_passed=$((e2e_passed + 1)); log "PASS $1"; }
e2e_fail() { e2e_failures+=("$1: $2"); log "FAIL $1: $2"; }
e2e_failed() { [ "${#e2e_failures[@]}" -ne 0 ]; }
e2e_summary() {
  local failure
  for failure in "${e2e_failures[@]}"; do log "FAILED ${failure:0:600}"; done
  echo "$1: $e2e_passed passed, ${#e2e_failures[@]} failed"
  ! e2e_failed
}

# e2e_start_app NAME ARG...: starts the example token endpoint (./token_endpoint, built by the
# script) on a free loopback port with clients.json, server.json and ARG..., logging to
# NAME.out and NAME.err; adds its pid to app_pids and sets app_addr once it listens, or exits
# with its log.
e2e_start_app() {
  local name=$1 pid
  shift
  ./token_endpoint --listen 127.0.0.1:0 --clients clients.json --server server.json "$@" \
    > "$name.out" 2> "$name.err" &
  pid=$!
  app_pids+=("$pid")
  app_addr=
  for _ in $(seq 100); do
    app_addr=$(sed -n 's/^listening on //p' "$name.out")
    [ -z "$app_addr" ] || break
    kill -0 "$pid" 2>/dev/null || { cat "$name.err" >&2; log "token endpoint $name died"; exit 1; }
    sleep 0.1
  done
  [ -n "$app_addr" ] || { log "token endpoint $name did not start"; exit 1; }
}
