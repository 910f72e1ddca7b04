# shellcheck shell=bash
# Sourced by scripts/test-env and scripts/quickstart. Finds a Postgres server to use, or installs and starts one.
# postgres_env_up prints POSTGRES_URL=<server url> (the `postgres` database, used to create others) on stdout.

pg_answers() { node -e '
  const c = new (require("pg").Client)({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
  c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));' "$1" 2>/dev/null; }

# The server URL for a database URL: same server and credentials, database `postgres`.
pg_server_url() { node -e 'const u = new URL(process.argv[1]); u.pathname = "/postgres"; console.log(u.toString())' "$1"; }

postgres_env_up() {
  local url
  if [ -n "${DATABASE_URL:-}" ]; then
    url=$(pg_server_url "$DATABASE_URL")
    if pg_answers "$url"; then echo "POSTGRES_URL=$url"; return; fi
    log "DATABASE_URL does not answer; looking for a local Postgres instead"
  fi
  url="postgresql://postgres@127.0.0.1:5432/postgres"
  if pg_answers "$url"; then echo "POSTGRES_URL=$url"; return; fi
  # A local server of our own: Debian's package, reached over its Unix socket as the superuser role `root`
  # (peer authentication, so no password exists anywhere).
  url="postgresql://root@localhost/postgres?host=/var/run/postgresql"
  if ! pg_answers "$url"; then
    apt_ensure pg_ctlcluster postgresql
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] || { log "postgresql is installed but has no cluster; run pg_createcluster"; return 1; }
    log "starting Postgres $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'root'\"" | grep -q 1 ||
      su postgres -c "createuser --superuser root"
  fi
  pg_answers "$url" || { log "Postgres does not answer at $url"; return 1; }
  echo "POSTGRES_URL=$url"
}
