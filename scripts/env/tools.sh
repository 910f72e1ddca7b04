# shellcheck shell=bash
# Sourced by scripts/test-env and scripts/quickstart (which define ROOT and log).

# apt_ensure BINARY PACKAGE...: installs the packages unless BINARY is on the PATH (or is an existing path).
# Runs `apt-get update` only when an install fails without it.
apt_ensure() {
  local binary=$1; shift
  if command -v "$binary" >/dev/null 2>&1 || [ -x "$binary" ]; then return 0; fi
  log "installing $* (apt log: /var/log/berth-apt.log)"
  export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
  # Packages must not start services (no system dockerd, no system Postgres cluster start through init scripts).
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  local rc=0
  { apt-get install -y -qq "$@" || { apt-get update -qq && apt-get install -y -qq "$@"; }; } \
    >>/var/log/berth-apt.log 2>&1 || rc=$?
  rm -f /usr/sbin/policy-rc.d
  [ "$rc" -eq 0 ] || { tail -n 20 /var/log/berth-apt.log >&2; log "could not install $*"; }
  return "$rc"
}

# Chromium for Playwright; pebble and its challenge test server for the certificate tests; openssl.
tools_env_up() {
  apt_ensure /usr/bin/chromium chromium
  apt_ensure pebble pebble
  apt_ensure openssl openssl
  echo "CHROMIUM_PATH=/usr/bin/chromium"
}
