#!/usr/bin/env bash
# Keycloak for the per-organization SSO tests: keycloak-quarkus-dist from Maven Central in dev mode (embedded
# H2 file database, plain HTTP) on 127.0.0.1 only, with the realm "cairn-test" imported from
# scripts/services/keycloak/cairn-test-realm.json (a confidential client "cairn" and users with groups).
# Usage: scripts/services/keycloak.sh fetch|start|stop|status
# Env:   WORK (default <repo>/.services/keycloak), KC_VERSION (26.7.3), KC_PORT (18180),
#        KC_HEAP (-Xms256m -Xmx512m), KC_JAVA_HOME (the java on PATH; Keycloak documents 21+, 17 ran here)
# The first start runs Quarkus' build step (35-140 s here), later ones take 15-75 s (less on an idle machine).
# The realm is imported when it does not exist yet: delete $WORK/keycloak-$KC_VERSION/data/h2 (server stopped)
# to re-import a changed realm file.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-$REPO/.services/keycloak}
VERSION=${KC_VERSION:-26.7.3}
PORT=${KC_PORT:-18180}
HEAP=${KC_HEAP:--Xms256m -Xmx512m}
REALM_FILE=$REPO/scripts/services/keycloak/cairn-test-realm.json
REALM=cairn-test
KC_JAVA_HOME=${KC_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
HOME_DIR=$WORK/keycloak-$VERSION
mkdir -p "$WORK"
cd "$WORK"

fetch() {
  if [ -x "$HOME_DIR/bin/kc.sh" ]; then echo "keycloak: $VERSION already fetched"; return; fi
  mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -DoutputDirectory="$WORK" \
    -DmarkersDirectory="$WORK/.markers"
  chmod +x "$HOME_DIR"/bin/*.sh
  echo "keycloak: fetched $VERSION into $HOME_DIR"
}

ready() {
  curl -fs -m 2 "http://127.0.0.1:$PORT/realms/$REALM/.well-known/openid-configuration" > /dev/null
}

start() {
  [ -x "$HOME_DIR/bin/kc.sh" ] || { echo "keycloak: not fetched; run '$0 fetch'" >&2; exit 1; }
  if status > /dev/null 2>&1; then echo "keycloak: already running on http://127.0.0.1:$PORT"; return; fi
  mkdir -p "$HOME_DIR/data/import"
  cp "$REALM_FILE" "$HOME_DIR/data/import/"
  local t0; t0=$(date +%s)
  # kc.sh runs the server as its child and forwards SIGTERM to it. The bootstrap admin (admin/admin) exists only
  # in this test server's master realm.
  JAVA_HOME="$KC_JAVA_HOME" JAVA_OPTS_KC_HEAP="$HEAP" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    nohup "$HOME_DIR/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$PORT" --hostname-strict=false \
    --import-realm >> keycloak.log 2>&1 &
  echo $! > keycloak.pid
  for _ in $(seq 1 600); do
    kill -0 "$(cat keycloak.pid)" 2>/dev/null || { echo "keycloak: died" >&2; tail -30 keycloak.log; exit 1; }
    ready && break
    sleep 0.5
  done
  ready || { echo "keycloak: not up after 300 s" >&2; tail -30 keycloak.log; exit 1; }
  echo "keycloak: up on http://127.0.0.1:$PORT (realm $REALM) after $(( $(date +%s) - t0 )) s, log $WORK/keycloak.log"
}

stop() {
  if [ ! -f keycloak.pid ]; then echo "keycloak: not running"; return; fi
  local pid server
  pid=$(cat keycloak.pid)
  server=$(pgrep -f "kc.script.pid=$pid" | head -1 || true)
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { [ -n "$server" ] && kill -0 "$server" 2>/dev/null; } || break
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  if [ -n "$server" ]; then kill -9 "$server" 2>/dev/null || true; fi
  rm -f keycloak.pid
  echo "keycloak: stopped"
}

status() {
  if [ -f keycloak.pid ] && kill -0 "$(cat keycloak.pid)" 2>/dev/null && ready; then
    echo "keycloak: running on http://127.0.0.1:$PORT (realm $REALM)"; return 0
  fi
  echo "keycloak: not running"; return 1
}

case "${1:-}" in
  fetch|start|stop|status) "$1" ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
