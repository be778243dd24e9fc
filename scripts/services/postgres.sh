#!/usr/bin/env bash
# PostgreSQL for the cluster profile and its tests: Debian's server binaries on a private port and data
# directory, listening on 127.0.0.1 only.
# Usage: scripts/services/postgres.sh fetch|start|stop|status
# Env:   WORK (default <repo>/.services/postgres), PG_PORT (15432), PG_DB, PG_USER, PG_PASSWORD (all "cairn")
# PostgreSQL refuses to run as root: as root, the server runs as the system user "postgres".
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-$REPO/.services/postgres}
PORT=${PG_PORT:-15432}
DB=${PG_DB:-cairn}
DB_USER=${PG_USER:-cairn}
DB_PASSWORD=${PG_PASSWORD:-cairn}

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_server() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --clear-groups -- "$@"; else "$@"; fi
}

fetch() {
  if [ -z "$(bindir)" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
  fi
  echo "postgres: $("$(bindir)/postgres" --version)"
}

start() {
  local bin; bin=$(bindir)
  [ -n "$bin" ] || { echo "postgres: not installed; run '$0 fetch'" >&2; exit 1; }
  mkdir -p "$WORK"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$WORK"; fi
  if [ ! -f "$WORK/data/PG_VERSION" ]; then
    local pwfile="$WORK/pw"
    as_server sh -c "umask 077; echo '$DB_PASSWORD' > '$pwfile'"
    as_server "$bin/initdb" -D "$WORK/data" -U "$DB_USER" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 \
      --locale=C.UTF-8 > "$WORK/initdb.log"
    rm -f "$pwfile"
  fi
  if status >/dev/null 2>&1; then echo "postgres: already running on 127.0.0.1:$PORT"; return; fi
  local t0; t0=$(date +%s)
  as_server "$bin/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $WORK -c fsync=on -c max_connections=200" start > /dev/null \
    || { tail -30 "$WORK/server.log"; exit 1; }
  PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres -qc "CREATE DATABASE $DB"
  echo "postgres: up on 127.0.0.1:$PORT after $(( $(date +%s) - t0 )) s (database $DB, user $DB_USER), log $WORK/server.log"
}

stop() {
  local bin; bin=$(bindir)
  if [ -f "$WORK/data/postmaster.pid" ]; then
    as_server "$bin/pg_ctl" -D "$WORK/data" -m fast -w stop > /dev/null && echo "postgres: stopped"
  else
    echo "postgres: not running"
  fi
}

status() {
  "$(bindir)/pg_isready" -h 127.0.0.1 -p "$PORT" -q && echo "postgres: running on 127.0.0.1:$PORT" && return 0
  echo "postgres: not running"; return 1
}

case "${1:-}" in
  fetch|start|stop|status) "$1" ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
