# shellcheck shell=bash
# Sourced by scripts/test-env and scripts/quickstart (which define ROOT and log, and source tools.sh first).
# A private single-node Swarm: its own dockerd and local test images.
#   docker_env_up    idempotent; prints DOCKER_HOST=unix://… on stdout
#   docker_env_down  stops exactly the dockerd docker_env_up started, by pid
# One per machine, not per checkout: two engines in one network namespace fight over the swarm port (2377), the
# bridges and the iptables chains, so every clone of the project (CI's fresh clone too) shares this one.

DOCKER_DIR=${BERTH_DOCKER_DIR:-/var/lib/berth-docker}
DOCKER_RUN=/run/berth-docker # short: unix socket paths are limited to ~100 bytes
DOCKER_SOCK="$DOCKER_RUN/docker.sock"
DOCKER_PIDFILE="$DOCKER_RUN/dockerd.pid"

private_docker() { docker -H "unix://$DOCKER_SOCK" "$@"; }

docker_env_up() {
  apt_ensure dockerd docker.io iptables
  mkdir -p "$DOCKER_DIR/data" "$DOCKER_RUN"
  if ! private_docker version >/dev/null 2>&1; then
    log "starting a private dockerd (log: $DOCKER_DIR/dockerd.log)"
    # Its own bridge and address pools, so it never clashes with another engine on this machine.
    setsid /usr/sbin/dockerd \
      --data-root "$DOCKER_DIR/data" --exec-root "$DOCKER_RUN/exec" --pidfile "$DOCKER_PIDFILE" \
      -H "unix://$DOCKER_SOCK" --bip 172.31.240.1/24 --default-address-pool base=172.31.0.0/17,size=24 \
      >"$DOCKER_DIR/dockerd.log" 2>&1 </dev/null &
    local i
    for i in $(seq 60); do private_docker version >/dev/null 2>&1 && break; sleep 1; done
    private_docker version >/dev/null 2>&1 || { tail -n 20 "$DOCKER_DIR/dockerd.log" >&2; log "dockerd did not start"; return 1; }
  fi
  if [ "$(private_docker info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
    log "initialising a single-node swarm"
    private_docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  fi
  docker_test_images
  echo "DOCKER_HOST=unix://$DOCKER_SOCK"
}

# berth-test/busybox:1 (sh, httpd, sleep, …) and berth-test/node:20-slim (the host's node with the C libraries it
# and Berth's native modules link: the stand-in for node:20-bookworm-slim that Berth's image is built on in tests),
# built with `docker import` because no registry is reachable.
docker_test_images() {
  if ! private_docker image inspect berth-test/busybox:1 >/dev/null 2>&1; then
    apt_ensure /bin/busybox busybox-static
    local root; root=$(mktemp -d)
    mkdir -p "$root/bin" "$root/tmp" "$root/etc"
    cp /bin/busybox "$root/bin/busybox"
    local applet
    for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"; done
    echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
    tar -C "$root" -c . | private_docker import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' - berth-test/busybox:1 >/dev/null
    rm -rf "$root"
    log "built berth-test/busybox:1"
  fi
  if ! private_docker image inspect berth-test/node:20-slim >/dev/null 2>&1; then
    local node root lib; node=$(readlink -f "$(command -v node)"); root=$(mktemp -d)
    mkdir -p "$root/usr/bin" "$root/tmp"
    cp "$node" "$root/usr/bin/node"
    for lib in $(ldd "$node" "$ROOT"/node_modules/@node-rs/argon2-linux-*/*.node 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | sort -u); do
      mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib"
    done
    tar -C "$root" -c . | private_docker import --change 'CMD ["/usr/bin/node"]' - berth-test/node:20-slim >/dev/null
    rm -rf "$root"
    log "built berth-test/node:20-slim"
  fi
}

docker_env_down() {
  [ -f "$DOCKER_PIDFILE" ] || { log "no private dockerd to stop"; return 0; }
  local pid i; pid=$(cat "$DOCKER_PIDFILE")
  kill "$pid" 2>/dev/null || true
  for i in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$DOCKER_PIDFILE"
  log "stopped the private dockerd ($pid)"
}
