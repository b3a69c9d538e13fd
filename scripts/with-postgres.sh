#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server on 127.0.0.1 and OPENIDV_TEST_POSTGRES_URL set.
# Installs Debian's postgresql package when it is missing (needs root, as in CI).
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ]; then
  echo "with-postgres: installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

port=${OPENIDV_TEST_PG_PORT:-55432}
dir=$(mktemp -d /tmp/openidv-pg.XXXXXX)
owner=postgres
id -u "$owner" >/dev/null 2>&1 || owner=$(id -un)
chown "$owner" "$dir"
as_owner() { if [ "$(id -un)" = "$owner" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi; }

as_owner "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
cleanup() { as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_owner "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres openidv_test

export OPENIDV_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/openidv_test"
"$@"
