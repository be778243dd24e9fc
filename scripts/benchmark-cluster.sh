#!/usr/bin/env bash
# The cluster profile's benchmark (docs/performance.md, "Cluster profile"): in one run, on this machine,
#  1. the raw limits: Cassandra writes of the same metric rows straight through the driver, and Kafka sends of
#     the same event bytes (io.cairn.tools.RawRates, from the built jar);
#  2. Cairn on the cluster profile (PostgreSQL, Kafka, Cassandra, Elasticsearch from scripts/services/, started
#     here if not running and stopped again), on a fresh database, keyspace, topic and index, port 18080, with the
#     load generator: ingestion, history, run search, and a replay of the run-metrics projection;
#  3. Cairn's durable ingestion as a ratio of the raw Cassandra rate.
# Extra arguments go to the load generator, e.g.
#   scripts/benchmark-cluster.sh --points 2000000 --clients 4 --runs 100000 --phases ingest,history,search,replay
# The servers' ports come from the same variables as scripts/services/*.sh (PG_PORT, KAFKA_PORT, CQL_PORT,
# ES_PORT); BENCH_PORT (default 18080) is Cairn's.
# RAW_POINTS (default 2,000,000) sizes the raw measurements; SKIP_BUILD=1 uses the jar as built; BENCH_KEEP=1 keeps
# the run's database and Elasticsearch indexes (dropped at the end otherwise); BENCH_JAVA_OPTS
# adds JVM options to Cairn's (a JFR profile, for instance); BENCH_SEARCH_ENGINE (default elasticsearch, the
# profile's) picks what answers run search: elasticsearch or sql. A faster search population:
# --populate mlflow (two MLflow requests per run instead of three) with more --clients.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18080}
HEAP=${BENCH_HEAP:-2g}
RAW_POINTS=${RAW_POINTS:-2000000}
SERVICES=(postgres kafka cassandra elasticsearch)
DATA=$(mktemp -d /tmp/cairn-bench-cluster-XXXXXX)
SUFFIX=$(date +%s)
PID=
started=()
DB=cairn_bench_$SUFFIX
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  # the run's database and Elasticsearch indexes go too, unless BENCH_KEEP=1 (the Cassandra keyspace and the Kafka
  # topic stay: no client for them here)
  if [ -z "${BENCH_KEEP:-}" ]; then
    PGPASSWORD=${PG_PASSWORD:-cairn} psql -h 127.0.0.1 -p "${PG_PORT:-15432}" -U "${PG_USER:-cairn}" -d postgres \
      -qc "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
    for index in cairn-search-v1 cairn-runs-v1; do
      curl -sf -X DELETE "http://127.0.0.1:${ES_PORT:-19200}/bench-$SUFFIX-$index" > /dev/null 2>&1 || true
    done
  fi
  for service in "${started[@]}"; do scripts/services/"$service".sh stop || true; done
  rm -rf "$DATA"
}
trap cleanup EXIT

for service in "${SERVICES[@]}"; do
  if ! scripts/services/"$service".sh status >/dev/null 2>&1; then
    scripts/services/"$service".sh fetch
    scripts/services/"$service".sh start
    started+=("$service")
  fi
done
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -ntp -q -DskipTests package
fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp backend/target/cairn.jar -Dloader.main=io.cairn.tools.RawRates \
  org.springframework.boot.loader.launch.PropertiesLauncher --points "$RAW_POINTS" \
  --cassandra "127.0.0.1:${CQL_PORT:-19042}" --kafka "127.0.0.1:${KAFKA_PORT:-19092}" | tee "$DATA/raw.txt"

PGPASSWORD=${PG_PASSWORD:-cairn} psql -h 127.0.0.1 -p "${PG_PORT:-15432}" -U "${PG_USER:-cairn}" -d postgres \
  -qc "CREATE DATABASE $DB"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
SPRING_PROFILES_ACTIVE=cluster CAIRN_DB_URL="jdbc:postgresql://127.0.0.1:${PG_PORT:-15432}/$DB" \
  CAIRN_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${KAFKA_PORT:-19092}" CAIRN_CASSANDRA_CONTACT_POINTS="127.0.0.1:${CQL_PORT:-19042}" \
  CAIRN_ES_URL="http://127.0.0.1:${ES_PORT:-19200}" CAIRN_KAFKA_TOPIC="cairn.events.bench-$SUFFIX" CAIRN_CASSANDRA_KEYSPACE="cairn_bench_$SUFFIX" \
  CAIRN_ES_INDEX_PREFIX="bench-$SUFFIX-" CAIRN_SEARCH_ENGINE="${BENCH_SEARCH_ENGINE:-elasticsearch}" \
  java -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -jar backend/target/cairn.jar --server.address=127.0.0.1 --server.port="$PORT" \
  --cairn.data-dir="$DATA" > "$DATA/cairn.log" 2>&1 &
PID=$!
for _ in $(seq 1 180); do
  if curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null; then break; fi
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null || { tail -50 "$DATA/cairn.log"; exit 1; }
echo "Cairn on the cluster profile: database $DB, keyspace cairn_bench_$SUFFIX, topic cairn.events.bench-$SUFFIX; heap $HEAP"

java scripts/benchmark/Benchmark.java --url "http://127.0.0.1:$PORT" --token-file "$DATA/bootstrap-token" --cairn-pid "$PID" "$@" \
  | tee "$DATA/cairn.txt"

raw=$(sed -n 's/^raw-cassandra: .*: \([0-9,]*\) points\/s.*/\1/p' "$DATA/raw.txt" | tr -d ,)
cairn=$(sed -n 's/^ingest: durable throughput \([0-9,]*\) points\/s.*/\1/p' "$DATA/cairn.txt" | tr -d ,)
if [ -n "$raw" ] && [ -n "$cairn" ]; then
  awk -v c="$cairn" -v r="$raw" 'BEGIN { printf "ratio: Cairn durable ingestion / raw Cassandra writes = %.2f (%d / %d points/s)\n", c / r, c, r }'
fi
