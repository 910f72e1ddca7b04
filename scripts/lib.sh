# shellcheck shell=bash
# Shared by scripts/test and scripts/quickstart.

# Installs the npm dependencies when node_modules is missing or older than the lockfile, and generates the
# Prisma client when it is missing or older than the schema.
ensure_deps() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies"
    npm ci --no-audit --no-fund --loglevel=error >&2
  fi
  if [ ! -f packages/db/src/generated/prisma/client.ts ] ||
    [ prisma/schema.prisma -nt packages/db/src/generated/prisma/client.ts ]; then
    bash scripts/prisma-generate >&2
  fi
}
