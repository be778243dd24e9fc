#!/usr/bin/env bash
# Apache Kafka for the cluster profile and its tests: one KRaft process (broker + controller) from the
# Maven Central jars, listening on 127.0.0.1 only.
# Usage: scripts/services/kafka.sh fetch|start|stop|status
# Env:   WORK (default <repo>/.services/kafka), KAFKA_VERSION (4.4.0), KAFKA_PORT (19092),
#        KAFKA_CONTROLLER_PORT (19093), KAFKA_HEAP (-Xms256m -Xmx512m)
# The log directory survives stop/start (format runs once); delete $WORK/data for a fresh broker.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-$REPO/.services/kafka}
VERSION=${KAFKA_VERSION:-4.4.0}
PORT=${KAFKA_PORT:-19092}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
HEAP=${KAFKA_HEAP:--Xms256m -Xmx512m}
mkdir -p "$WORK"
cd "$WORK"

java_cmd() { java -cp "lib/*" $HEAP -Dlog4j2.configurationFile=log4j2.properties "$@"; }

fetch() {
  if [ -f "lib/kafka_2.13-$VERSION.jar" ]; then echo "kafka: $VERSION already fetched"; return; fi
  cat > pom.xml <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>io.cairn.services</groupId><artifactId>kafka-server</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>2.25.5</version></dependency>
  </dependencies>
</project>
POM
  rm -rf lib
  mvn -B -q -ntp dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime
  echo "kafka: fetched $VERSION into $WORK/lib"
}

configure() {
  cat > log4j2.properties <<'CONF'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
CONF
  cat > server.properties <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$WORK/data
num.partitions=4
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
CONF
}

start() {
  [ -d lib ] || { echo "kafka: not fetched; run '$0 fetch'" >&2; exit 1; }
  if status >/dev/null 2>&1; then echo "kafka: already running on 127.0.0.1:$PORT"; return; fi
  configure
  if [ ! -f data/meta.properties ]; then
    java_cmd kafka.tools.StorageTool format -t "$(java_cmd kafka.tools.StorageTool random-uuid | tail -1)" \
      -c server.properties > format.log
  fi
  local t0; t0=$(date +%s)
  nohup java -cp "lib/*" $HEAP -Dlog4j2.configurationFile=log4j2.properties kafka.Kafka server.properties \
    >> broker.log 2>&1 &
  echo $! > broker.pid
  for _ in $(seq 1 240); do
    kill -0 "$(cat broker.pid)" 2>/dev/null || { echo "kafka: broker died" >&2; tail -30 broker.log; exit 1; }
    grep -q "Kafka Server started" broker.log 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break
    sleep 0.5
  done
  status >/dev/null || { echo "kafka: not up after 120 s" >&2; tail -30 broker.log; exit 1; }
  echo "kafka: up on 127.0.0.1:$PORT after $(( $(date +%s) - t0 )) s, log $WORK/broker.log"
}

stop() {
  if [ ! -f broker.pid ]; then echo "kafka: not running"; return; fi
  local pid; pid=$(cat broker.pid)
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f broker.pid
  # "Kafka Server started" of this run must not satisfy the next start's wait.
  [ -f broker.log ] && mv broker.log "broker.$(date +%s).log"
  echo "kafka: stopped"
}

status() {
  if [ -f broker.pid ] && kill -0 "$(cat broker.pid)" 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then
    echo "kafka: running on 127.0.0.1:$PORT"; return 0
  fi
  echo "kafka: not running"; return 1
}

case "${1:-}" in
  fetch|start|stop|status) "$1" ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
