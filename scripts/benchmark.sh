#!/usr/bin/env bash
# Builds Cairn, starts it on a fresh data directory (embedded profile, port 18080 on 127.0.0.1),
# runs the load generator and stops Cairn. Extra arguments go to the generator, e.g.
#   scripts/benchmark.sh --points 500000 --runs 10000 --clients 4 --phases ingest,history,search
# Scoring through a local deployment (needs the model server built, as the root build does):
#   scripts/benchmark.sh --clients 4 --phases score --score-requests 5000 --score-rate 500
# BENCH_DATA=<dir> keeps the data directory (and reuses it if it exists), e.g. to populate 100,000 runs once
# and time searches over them again later with --phases search-queries --project <id> --runs 100000.
# BENCH_JAVA_OPTS adds JVM options to Cairn's, e.g. a profile of the run:
#   BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/cairn.jfr,settings=profile" scripts/benchmark.sh ...
# or other model-server JVM options (-Dcairn.deployments.local.jvm-options[0]=-Xmx512m ...[1]=...).
# BENCH_JAR runs another build of Cairn (default backend/target/cairn.jar), e.g. a copy of the previous commit's
# for A/B runs; -Dcairn.deployments.local.model-server-home=<dir> in BENCH_JAVA_OPTS does the same for the
# model server.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18080}
JAR=${BENCH_JAR:-backend/target/cairn.jar}
HEAP=${BENCH_HEAP:-2g}
if [ -n "${BENCH_DATA:-}" ]; then
  DATA=$BENCH_DATA
  mkdir -p "$DATA"
  trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
else
  DATA=$(mktemp -d /tmp/cairn-bench-XXXXXX)
  trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -ntp -q -DskipTests package
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
java -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" \
  --cairn.data-dir="$DATA" > "$DATA/cairn.log" 2>&1 &
PID=$!
for _ in $(seq 1 "${BENCH_START_SECONDS:-300}"); do
  if curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null; then break; fi
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null || { tail -50 "$DATA/cairn.log"; exit 1; }

echo "machine: $(nproc --all) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(free -g | awk '/Mem/{print $2}') GiB; Cairn heap $HEAP; data in $DATA"
java scripts/benchmark/Benchmark.java --url "http://127.0.0.1:$PORT" --token-file "$DATA/bootstrap-token" \
  --cairn-pid "$PID" "$@"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
