#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL set to a throwaway PostgreSQL cluster: created in a temporary
# folder, listening on 127.0.0.1 only, on a free port, and removed when the command ends (whatever its
# exit status, which this script returns). Usage: scripts/with-postgres.sh npm test
#
# Needs PostgreSQL's server binaries (initdb, pg_ctl). With INSTALL_POSTGRES=1 and root, missing ones are
# installed from the distribution's packages (Debian: apt-get install postgresql). As root, the cluster
# runs as the postgres user (initdb refuses root).
set -euo pipefail

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  # Debian and Ubuntu keep them out of PATH, one folder per major version: the newest wins.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

bin=$(find_bin)
if [ -z "$bin" ] && [ "${INSTALL_POSTGRES:-}" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "with-postgres: installing PostgreSQL (apt-get)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
fi
if [ -z "$bin" ]; then
  echo "with-postgres: no initdb found; install PostgreSQL (Debian: apt-get install postgresql)" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tutor-pg.XXXXXX")
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$tmp"
  as_owner=(runuser -u postgres --)
fi
# A port the system says is free now; the cluster takes it a moment later.
port=$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap stop EXIT

# Trust on 127.0.0.1 only and no durability: a cluster for one test run, gone afterwards.
"${as_owner[@]}" "$bin/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
  >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 2; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$tmp/server.log" >&2; exit 2; }

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: $("$bin/postgres" --version) on 127.0.0.1:$port" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
