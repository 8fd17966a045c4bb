#!/usr/bin/env bash
# A local stand-in for a Supabase project, for trying sync on one machine and for tests (not a
# product): Debian's PostgreSQL 15 (installed if missing) in a new cluster on a free port, with
# Supabase's roles and auth schema (supabase/test/supabase-base.sql), supabase/migrations/*.sql
# in order and supabase/seed.sql; then the API emulator (tests/supabase-emulator) in front of it.
#
#   scripts/local-supabase.sh start [DIR]   database and API; prints SUPABASE_URL, SUPABASE_ANON_KEY,
#                                           SUPABASE_SERVICE_ROLE_KEY and PG* lines
#   scripts/local-supabase.sh db DIR        the database alone (what the server tests use)
#   scripts/local-supabase.sh stop [DIR]    stops both and removes DIR
#   scripts/local-supabase.sh api-stop [DIR] / api-start [DIR]
#                                           stops the API alone (the app goes offline; the data
#                                           stays) / starts it again on the same port
# DIR defaults to /tmp/eventos-local-supabase.
set -euo pipefail

usage() { echo "usage: $0 start [DIR] | db DIR | stop [DIR] | api-stop [DIR] | api-start [DIR]" >&2; exit 2; }
cmd="${1:-}"; dir="${2:-/tmp/eventos-local-supabase}"
case "$cmd" in start|stop|api-stop|api-start) ;; db) [ -n "${2:-}" ] || usage ;; *) usage ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  mkdir -p /tmp/eventos-apt-archives/partial
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    -o Dir::Cache::Archives=/tmp/eventos-apt-archives postgresql >/dev/null
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

# initdb refuses root: run the server as the postgres user when we are root.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_database() {
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$dir"
      runuser -u postgres -- test -x "$dir" || {
        echo "error: the postgres user cannot reach $dir: choose a folder whose parents are world-searchable (e.g. /tmp/x)" >&2
        exit 1
      }
    fi
    as_owner "$bin/initdb" -D "$dir/data" --no-sync -A trust -U postgres -E UTF8 >/dev/null
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start
    export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
    export PGOPTIONS="-c client_min_messages=warning"
    psql -q -v ON_ERROR_STOP=1 -f "$root/supabase/test/supabase-base.sql" >/dev/null
    for migration in "$root"/supabase/migrations/*.sql; do
      [ -e "$migration" ] && psql -q -v ON_ERROR_STOP=1 -f "$migration" >/dev/null
    done
    [ -f "$root/supabase/seed.sql" ] && psql -q -v ON_ERROR_STOP=1 -f "$root/supabase/seed.sql" >/dev/null
    printf 'PGHOST=%s\nPGPORT=%s\nPGUSER=%s\nPGDATABASE=%s\n' "$PGHOST" "$PGPORT" "$PGUSER" "$PGDATABASE" | tee "$dir/pg.env"
}

# The emulator's GoTrue side uses the admin connection; its PostgREST side connects as
# `authenticator` and switches role per request, as PostgREST does.
start_api() {
    (cd "$root" && cargo build -q -p eventos-supabase-emulator --bin supabase-emulator)
    local target="${CARGO_TARGET_DIR:-$root/target}"
    setsid "$target/debug/supabase-emulator" --port "${api_port:-0}" \
      --database-url "postgres://postgres@127.0.0.1:$PGPORT/postgres" >"$dir/api.env" 2>"$dir/api.log" &
    echo $! >"$dir/api.pid"
    for _ in $(seq 100); do
      grep -q '^SUPABASE_SERVICE_ROLE_KEY=' "$dir/api.env" 2>/dev/null && break
      kill -0 "$(cat "$dir/api.pid")" 2>/dev/null || { cat "$dir/api.log" >&2; exit 1; }
      sleep 0.1
    done
    cat "$dir/api.env"
}

case "$cmd" in
  db) start_database ;;
  start)
    [ ! -e "$dir" ] || { echo "error: $dir exists: run '$0 stop $dir' first" >&2; exit 1; }
    start_database
    start_api
    ;;
  api-stop)
    kill "$(cat "$dir/api.pid")" 2>/dev/null || true
    ;;
  api-start)
    [ -f "$dir/pg.env" ] || { echo "error: nothing started in $dir: run '$0 start $dir' first" >&2; exit 1; }
    PGPORT="$(sed -n 's/^PGPORT=//p' "$dir/pg.env")"
    api_port="$(sed -n 's|^SUPABASE_URL=.*:\([0-9]*\)$|\1|p' "$dir/api.env")"
    start_api
    ;;
  stop)
    if [ -f "$dir/api.pid" ]; then
      kill "$(cat "$dir/api.pid")" 2>/dev/null || true
    fi
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -w -s -m fast stop || true
    fi
    rm -rf "$dir"
    ;;
esac
