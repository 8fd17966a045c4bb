#!/usr/bin/env bash
# A throwaway PostgreSQL prepared like a Supabase project, for tests (not a product):
# Debian's PostgreSQL 15 (installed if missing), a new cluster on a free port, Supabase's roles
# and auth schema (supabase/test/supabase-base.sql), then supabase/migrations/*.sql in order and
# supabase/seed.sql if present.
#
#   scripts/local-supabase.sh start DIR   prints PGHOST/PGPORT/PGUSER/PGDATABASE lines for DIR
#   scripts/local-supabase.sh stop DIR    stops that cluster and removes DIR
set -euo pipefail

cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
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

case "$cmd" in
  start)
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
    psql -q -v ON_ERROR_STOP=1 -f "$root/supabase/test/supabase-base.sql" >/dev/null
    for migration in "$root"/supabase/migrations/*.sql; do
      [ -e "$migration" ] && psql -q -v ON_ERROR_STOP=1 -f "$migration" >/dev/null
    done
    [ -f "$root/supabase/seed.sql" ] && psql -q -v ON_ERROR_STOP=1 -f "$root/supabase/seed.sql" >/dev/null
    printf 'PGHOST=%s\nPGPORT=%s\nPGUSER=%s\nPGDATABASE=%s\n' "$PGHOST" "$PGPORT" "$PGUSER" "$PGDATABASE"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -w -s -m fast stop || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
