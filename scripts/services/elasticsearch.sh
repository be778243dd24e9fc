#!/usr/bin/env bash
# Elasticsearch for the cluster profile's global search and its tests: the 8.19 "integ-test-zip"
# distribution from Maven Central (no bundled JDK: it runs on the machine's Java 17), one single-node
# cluster listening on 127.0.0.1 only, security off.
# Usage: scripts/services/elasticsearch.sh fetch|start|stop|status
# Env:   WORK (default <repo>/.services/elasticsearch), ES_VERSION (8.19.21), ES_PORT (19200),
#        ES_TRANSPORT_PORT (19300), ES_HEAP (-Xms512m -Xmx512m), ES_RUN_AS (nobody)
# Elasticsearch refuses to run as root: as root, the server runs as ES_RUN_AS. The zip holds only the
# modules transport-netty4, x-pack-core/security and apm: no analysis-common, painless or rest-root
# ("GET /" answers 405), so Cairn uses the standard analyzer and the health API.
# Data and logs survive stop/start; delete $WORK/data for an empty cluster.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-$REPO/.services/elasticsearch}
VERSION=${ES_VERSION:-8.19.21}
PORT=${ES_PORT:-19200}
TRANSPORT_PORT=${ES_TRANSPORT_PORT:-19300}
HEAP=${ES_HEAP:--Xms512m -Xmx512m}
RUN_AS=${ES_RUN_AS:-nobody}
HOME_DIR=$WORK/elasticsearch-$VERSION
mkdir -p "$WORK"
cd "$WORK"

as_server() {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid="$RUN_AS" --regid="$(id -gn "$RUN_AS")" --clear-groups -- "$@"
  else
    "$@"
  fi
}

fetch() {
  if [ -x "$HOME_DIR/bin/elasticsearch" ]; then echo "elasticsearch: $VERSION already fetched"; return; fi
  rm -rf "$HOME_DIR"
  mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$VERSION:zip" -DoutputDirectory="$WORK"
  # The Maven unpack drops the executable bits.
  chmod +x "$HOME_DIR"/bin/* 2>/dev/null || true
  find "$HOME_DIR/lib/platform" -type f -exec chmod +x {} + 2>/dev/null || true
  echo "elasticsearch: fetched $VERSION into $HOME_DIR"
}

configure() {
  rm -rf conf tmp
  cp -r "$HOME_DIR/config" conf
  mkdir -p data logs tmp
  cat > conf/elasticsearch.yml <<CONF
cluster.name: cairn-test
node.name: cairn-test-1
discovery.type: single-node
network.host: 127.0.0.1
http.port: $PORT
transport.port: $TRANSPORT_PORT
path.data: $WORK/data
path.logs: $WORK/logs
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
CONF
  # No GC log files under the distribution's directory.
  sed -i 's#^-Xlog:gc.*#-Xlog:disable#' conf/jvm.options
  if [ "$(id -u)" = 0 ]; then
    chown -R "$RUN_AS" conf data logs tmp
    chmod o+rx "$WORK" 2>/dev/null || true
    # The server user must be able to walk down to $WORK.
    local dir=$WORK
    while [ "$dir" != / ]; do dir=$(dirname "$dir"); chmod o+x "$dir" 2>/dev/null || true; done
  fi
}

health() {
  curl -fs -m 2 "http://127.0.0.1:$PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

start() {
  [ -x "$HOME_DIR/bin/elasticsearch" ] || { echo "elasticsearch: not fetched; run '$0 fetch'" >&2; exit 1; }
  if status >/dev/null 2>&1; then echo "elasticsearch: already running on 127.0.0.1:$PORT"; return; fi
  configure
  local java_home; java_home=${ES_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
  local t0; t0=$(date +%s)
  # setpriv execs env, which execs bin/elasticsearch, which execs the CLI launcher's java: $! is the
  # launcher, and the launcher stops the server JVM it spawned when it is killed.
  nohup setsid bash -c "$(declare -f as_server); RUN_AS='$RUN_AS' as_server env ES_JAVA_HOME='$java_home' \
      ES_PATH_CONF='$WORK/conf' ES_TMPDIR='$WORK/tmp' ES_JAVA_OPTS='$HEAP' '$HOME_DIR/bin/elasticsearch'" \
    >> server.log 2>&1 &
  echo $! > server.pid
  for _ in $(seq 1 240); do
    health && break
    kill -0 "$(cat server.pid)" 2>/dev/null || { echo "elasticsearch: server died" >&2; tail -30 server.log; exit 1; }
    sleep 0.5
  done
  health || { echo "elasticsearch: not up after 120 s" >&2; tail -30 server.log; exit 1; }
  echo "elasticsearch: up on 127.0.0.1:$PORT after $(( $(date +%s) - t0 )) s, log $WORK/server.log"
}

stop() {
  if [ ! -f server.pid ]; then echo "elasticsearch: not running"; return; fi
  local pid; pid=$(cat server.pid)
  # The launcher and the server JVM share the process group started by setsid.
  kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    pgrep -g "$pid" >/dev/null 2>&1 || break
    sleep 0.5
  done
  kill -9 -- "-$pid" 2>/dev/null || true
  rm -f server.pid
  echo "elasticsearch: stopped"
}

status() {
  if [ -f server.pid ] && kill -0 "$(cat server.pid)" 2>/dev/null && health; then
    echo "elasticsearch: running on 127.0.0.1:$PORT"; return 0
  fi
  echo "elasticsearch: not running"; return 1
}

case "${1:-}" in
  fetch|start|stop|status) "$1" ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
