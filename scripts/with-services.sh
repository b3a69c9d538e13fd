#!/usr/bin/env bash
# Runs a command with throw-away PostgreSQL and Redis servers on 127.0.0.1, with
# OPENIDV_TEST_POSTGRES_URL and OPENIDV_TEST_REDIS_URL set (scripts/install-test-deps.sh installs them).
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || ! command -v redis-server >/dev/null; then
  bash "$(dirname "$0")/install-test-deps.sh"
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
redis_port=${OPENIDV_TEST_REDIS_PORT:-56379}
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
cleanup() {
  as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
as_owner "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres openidv_test
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export OPENIDV_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/openidv_test"
export OPENIDV_TEST_REDIS_URL="redis://127.0.0.1:$redis_port"
"$@"
