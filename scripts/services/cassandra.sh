#!/usr/bin/env bash
# Apache Cassandra for the cluster profile and its tests: one node (CassandraDaemon from the Maven Central
# cassandra-all jars, in its own JVM), CQL on 127.0.0.1 only.
# Usage: scripts/services/cassandra.sh fetch|start|stop|status
# Env:   WORK (default <repo>/.services/cassandra), CASSANDRA_VERSION (5.0.9), CQL_PORT (19042),
#        CASSANDRA_STORAGE_PORT (17000), CASSANDRA_JMX_PORT (17199), CASSANDRA_HEAP (-Xms1g -Xmx1g)
# Data survives stop/start; delete $WORK/data for a fresh node.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-$REPO/.services/cassandra}
VERSION=${CASSANDRA_VERSION:-5.0.9}
CQL_PORT=${CQL_PORT:-19042}
STORAGE_PORT=${CASSANDRA_STORAGE_PORT:-17000}
JMX_PORT=${CASSANDRA_JMX_PORT:-17199}
HEAP=${CASSANDRA_HEAP:--Xms1g -Xmx1g}
mkdir -p "$WORK"
cd "$WORK"

fetch() {
  if [ -f "lib/cassandra-all-$VERSION.jar" ]; then echo "cassandra: $VERSION already fetched"; return; fi
  cat > pom.xml <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>io.cairn.services</groupId><artifactId>cassandra-server</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.cassandra</groupId><artifactId>cassandra-all</artifactId><version>$VERSION</version></dependency>
  </dependencies>
</project>
POM
  rm -rf lib
  mvn -B -q -ntp dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime
  echo "cassandra: fetched $VERSION into $WORK/lib"
}

configure() {
  mkdir -p conf
  cat > conf/cassandra.yaml <<CONF
cluster_name: cairn
num_tokens: 16
allocate_tokens_for_local_replication_factor: 1
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
commitlog_sync: periodic
commitlog_sync_period: 10000ms
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:$STORAGE_PORT"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: $STORAGE_PORT
native_transport_port: $CQL_PORT
start_native_transport: true
endpoint_snitch: SimpleSnitch
authenticator: AllowAllAuthenticator
authorizer: AllowAllAuthorizer
concurrent_reads: 8
concurrent_writes: 8
concurrent_counter_writes: 8
memtable_allocation_type: heap_buffers
disk_access_mode: mmap_index_only
CONF
  cat > conf/logback.xml <<'CONF'
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
CONF
  # The module flags are those of Cassandra's conf/jvm17-server.options; the last block shortens a
  # single node's start.
  cat > conf/jvm.options <<CONF
-Xss256k
-XX:+UseG1GC
-XX:+ParallelRefProcEnabled
-XX:MaxTenuringThreshold=1
-XX:+ExitOnOutOfMemoryError
-Djava.net.preferIPv4Stack=true
-Djdk.attach.allowAttachSelf=true
--add-exports java.base/jdk.internal.misc=ALL-UNNAMED
--add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED
--add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED
--add-exports java.rmi/sun.rmi.server=ALL-UNNAMED
--add-exports java.sql/java.sql=ALL-UNNAMED
--add-exports java.base/java.lang.ref=ALL-UNNAMED
--add-exports jdk.unsupported/sun.misc=ALL-UNNAMED
--add-exports jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
--add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED
--add-opens java.base/java.lang.module=ALL-UNNAMED
--add-opens java.base/jdk.internal.loader=ALL-UNNAMED
--add-opens java.base/jdk.internal.ref=ALL-UNNAMED
--add-opens java.base/jdk.internal.reflect=ALL-UNNAMED
--add-opens java.base/jdk.internal.math=ALL-UNNAMED
--add-opens java.base/jdk.internal.module=ALL-UNNAMED
--add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED
--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
--add-opens java.base/sun.nio.ch=ALL-UNNAMED
--add-opens java.base/java.io=ALL-UNNAMED
--add-opens java.base/java.lang.reflect=ALL-UNNAMED
--add-opens jdk.compiler/com.sun.tools.javac=ALL-UNNAMED
--add-opens java.base/java.lang=ALL-UNNAMED
--add-opens java.base/java.util=ALL-UNNAMED
-Dio.netty.tryReflectionSetAccessible=true
-Dio.netty.allocator.useCacheForAllThreads=true
-Dio.netty.allocator.maxOrder=11
-Dcassandra-foreground=yes
-Dcassandra.skip_wait_for_gossip_to_settle=0
-Dcassandra.ring_delay_ms=1000
-Dcassandra.superuser_setup_delay_ms=0
-Dcassandra.jmx.local.port=$JMX_PORT
-Dcassandra.config=file://$WORK/conf/cassandra.yaml
-Dcassandra.storagedir=$WORK/data
-Dcassandra.logdir=$WORK/data/logs
-Dlogback.configurationFile=$WORK/conf/logback.xml
-javaagent:$WORK/lib/jamm-0.4.0.jar
CONF
}

cql_open() { (exec 3<>/dev/tcp/127.0.0.1/"$CQL_PORT") 2>/dev/null; }

start() {
  [ -d lib ] || { echo "cassandra: not fetched; run '$0 fetch'" >&2; exit 1; }
  if status >/dev/null 2>&1; then echo "cassandra: already running on 127.0.0.1:$CQL_PORT"; return; fi
  configure
  mkdir -p data/logs
  local t0; t0=$(date +%s)
  # shellcheck disable=SC2086
  nohup java @conf/jvm.options $HEAP -cp "conf:lib/*" org.apache.cassandra.service.CassandraDaemon \
    > cassandra.log 2>&1 &
  echo $! > cassandra.pid
  for _ in $(seq 1 360); do
    cql_open && break
    kill -0 "$(cat cassandra.pid)" 2>/dev/null || { echo "cassandra: died" >&2; tail -40 cassandra.log; exit 1; }
    sleep 0.5
  done
  cql_open || { echo "cassandra: CQL not up after 180 s" >&2; tail -40 cassandra.log; exit 1; }
  echo "cassandra: CQL up on 127.0.0.1:$CQL_PORT after $(( $(date +%s) - t0 )) s, log $WORK/cassandra.log"
}

stop() {
  if [ ! -f cassandra.pid ]; then echo "cassandra: not running"; return; fi
  local pid; pid=$(cat cassandra.pid)
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f cassandra.pid
  echo "cassandra: stopped"
}

status() {
  if [ -f cassandra.pid ] && kill -0 "$(cat cassandra.pid)" 2>/dev/null && cql_open; then
    echo "cassandra: running on 127.0.0.1:$CQL_PORT"; return 0
  fi
  echo "cassandra: not running"; return 1
}

case "${1:-}" in
  fetch|start|stop|status) "$1" ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
