# shellcheck shell=bash
# Sourced by scripts/test-env (which defines ROOT and log, and sources tools.sh first).
# A private slapd with a small test directory, independent of Debian's own slapd configuration in /etc/ldap.
#   ldap_env_up    idempotent; prints LDAP_URL, LDAP_BIND_DN, … on stdout
#   ldap_env_down  stops exactly the slapd ldap_env_up started, by pid

LDAP_DIR=/var/lib/berth-ldap
LDAP_PIDFILE="$LDAP_DIR/slapd.pid"
LDAP_LOCAL_URL=ldap://127.0.0.1:3389
LDAP_SUFFIX=dc=berth,dc=test
LDAP_ADMIN_DN="cn=admin,$LDAP_SUFFIX"
LDAP_ADMIN_PASSWORD=berth-ldap-admin

# The ldap-utils tools, ignoring /etc/ldap/ldap.conf and ~/.ldaprc, bound as the directory's root.
ldap_admin() { LDAPNOINIT=1 "$1" -x -H "$LDAP_LOCAL_URL/" -D "$LDAP_ADMIN_DN" -w "$LDAP_ADMIN_PASSWORD" "${@:2}"; }

# slapd_alive PID: a slapd runs as PID (a zombie, killed but not yet reaped, does not count).
slapd_alive() {
  awk '/^Name:/ { name = $2 } /^State:/ { state = $2 } END { exit !(name == "slapd" && state != "Z") }' \
    "/proc/$1/status" 2>/dev/null
}

ldap_pid_alive() {
  local pid
  pid=$(cat "$LDAP_PIDFILE" 2>/dev/null) && [ -n "$pid" ] && slapd_alive "$pid"
}

# The last entry of the test directory exists: slapd answers and the directory is loaded.
# ldap_has DN: the private slapd answers and holds DN (exit 32 when it answers without it).
ldap_has() { ldap_admin ldapsearch -o nettimeout=2 -LLL -s base -b "$1" dn >/dev/null 2>&1; }

ldap_loaded() { ldap_has "cn=globex-viewers,ou=groups,$LDAP_SUFFIX"; }

ldap_env_up() {
  if ! ldap_pid_alive || ! ldap_loaded; then ldap_start && ldap_load || return 1; fi
  echo "LDAP_URL=$LDAP_LOCAL_URL"
  echo "LDAP_BIND_DN=$LDAP_ADMIN_DN"
  echo "LDAP_BIND_PASSWORD=$LDAP_ADMIN_PASSWORD"
  echo "LDAP_SEARCH_BASE=ou=people,$LDAP_SUFFIX"
  echo "LDAP_GROUP_BASE=ou=groups,$LDAP_SUFFIX"
}

ldap_start() {
  if ! command -v slapd >/dev/null 2>&1; then
    # The package must not build a configuration or database of its own: ours lives in $LDAP_DIR.
    echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
  fi
  apt_ensure slapd slapd ldap-utils || return 1
  apt_ensure ldapsearch ldap-utils || return 1
  if ldap_pid_alive; then
    if ldap_has "$LDAP_SUFFIX"; then return 0; fi
    log "the private slapd does not answer; restarting it"
    ldap_env_down
  fi
  [ -d "$LDAP_DIR/slapd.d" ] || ldap_configure || return 1
  log "starting a private slapd on $LDAP_LOCAL_URL (log: $LDAP_DIR/slapd.log)"
  # In the foreground (-d 0) of its own session, so its errors land in the log; a low descriptor limit because
  # slapd sizes its tables by it, and a container's can be huge.
  (ulimit -n 1024 && exec setsid /usr/sbin/slapd -h "$LDAP_LOCAL_URL/" -F "$LDAP_DIR/slapd.d" -d 0 \
    >>"$LDAP_DIR/slapd.log" 2>&1 </dev/null) &
  local i rc
  for i in $(seq 50); do
    rc=0; ldap_has "$LDAP_SUFFIX" || rc=$?
    # 32 (no such object): slapd answers, the directory is not loaded yet.
    if [ "$rc" = 0 ] || [ "$rc" = 32 ]; then return 0; fi
    sleep 0.2
  done
  tail -n 20 "$LDAP_DIR/slapd.log" >&2
  log "slapd did not start"
  return 1
}

# Builds cn=config in $LDAP_DIR/slapd.d (a temporary directory first, so a failure leaves nothing half-built).
ldap_configure() {
  log "configuring the private slapd in $LDAP_DIR"
  mkdir -p "$LDAP_DIR/data"
  rm -rf "$LDAP_DIR/slapd.d.tmp" && mkdir "$LDAP_DIR/slapd.d.tmp"
  local root_pw
  root_pw=$(slappasswd -s "$LDAP_ADMIN_PASSWORD")
  /usr/sbin/slapadd -n0 -F "$LDAP_DIR/slapd.d.tmp" >>"$LDAP_DIR/slapd.log" 2>&1 <<EOF || { tail -n 20 "$LDAP_DIR/slapd.log" >&2; log "slapadd -n0 failed"; return 1; }
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: $LDAP_PIDFILE
olcArgsFile: $LDAP_DIR/slapd.args

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif

include: file:///etc/ldap/schema/cosine.ldif

include: file:///etc/ldap/schema/inetorgperson.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcDbDirectory: $LDAP_DIR/data
olcSuffix: $LDAP_SUFFIX
olcRootDN: $LDAP_ADMIN_DN
olcRootPW: $root_pw
olcDbIndex: objectClass eq
olcDbIndex: mail eq
olcDbIndex: member eq
olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none
olcAccess: {1}to * by users read by * none
EOF
  rm -rf "$LDAP_DIR/slapd.d" && mv "$LDAP_DIR/slapd.d.tmp" "$LDAP_DIR/slapd.d"
}

# alice (acme-owners), bob (globex-viewers) and carol (no group); acme-viewers has no members but the schema
# requires one, so it lists the admin.
ldap_load() {
  ldap_loaded && return 0
  log "loading the test directory"
  local alice bob carol
  alice=$(slappasswd -s alice-pass) bob=$(slappasswd -s bob-pass) carol=$(slappasswd -s carol-pass)
  # -c: carry on past entries an interrupted earlier load already added; ldap_loaded decides success.
  ldap_admin ldapadd -c >>"$LDAP_DIR/load.log" 2>&1 <<EOF || true
dn: $LDAP_SUFFIX
objectClass: dcObject
objectClass: organization
dc: berth
o: Berth test directory

dn: ou=people,$LDAP_SUFFIX
objectClass: organizationalUnit
ou: people

dn: ou=groups,$LDAP_SUFFIX
objectClass: organizationalUnit
ou: groups

dn: uid=alice,ou=people,$LDAP_SUFFIX
objectClass: inetOrgPerson
uid: alice
cn: Alice
sn: Alice
mail: alice@acme.test
userPassword: $alice

dn: uid=bob,ou=people,$LDAP_SUFFIX
objectClass: inetOrgPerson
uid: bob
cn: Bob
sn: Bob
mail: bob@globex.test
userPassword: $bob

dn: uid=carol,ou=people,$LDAP_SUFFIX
objectClass: inetOrgPerson
uid: carol
cn: Carol
sn: Carol
mail: carol@acme.test
userPassword: $carol

dn: cn=acme-owners,ou=groups,$LDAP_SUFFIX
objectClass: groupOfNames
cn: acme-owners
member: uid=alice,ou=people,$LDAP_SUFFIX

dn: cn=acme-viewers,ou=groups,$LDAP_SUFFIX
objectClass: groupOfNames
cn: acme-viewers
member: $LDAP_ADMIN_DN

dn: cn=globex-viewers,ou=groups,$LDAP_SUFFIX
objectClass: groupOfNames
cn: globex-viewers
member: uid=bob,ou=people,$LDAP_SUFFIX
EOF
  ldap_loaded || { tail -n 20 "$LDAP_DIR/load.log" >&2; log "could not load the test directory"; return 1; }
}

ldap_env_down() {
  ldap_pid_alive || { log "no private slapd to stop"; return 0; }
  local pid i; pid=$(cat "$LDAP_PIDFILE")
  kill "$pid" 2>/dev/null || true
  for i in $(seq 50); do slapd_alive "$pid" || break; sleep 0.2; done
  if slapd_alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$LDAP_PIDFILE"
  log "stopped the private slapd ($pid)"
}
