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
