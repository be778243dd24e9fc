#!/usr/bin/env bash
# The whole test suite (README, "Quick start", second command):
#  1. `mvn verify` on embedded defaults: aggregate and HTTP tests on H2, the web UI's unit tests, and the
#     browser tests against the built jar;
#  2. the backend's tests again on the cluster profile's servers (`-Pcluster-tests`: PostgreSQL, Kafka,
#     Cassandra, Elasticsearch, and Keycloak for per-organization SSO),
#     which this script starts from scripts/services/ and stops again (servers already running are reused
#     and left running).
# Extra arguments go to both Maven runs, e.g. scripts/test.sh -Dtest='RunApiTest'.
set -euo pipefail
cd "$(dirname "$0")/.."

export AXONIQ_UPDATE_CHECKER_DISABLED=${AXONIQ_UPDATE_CHECKER_DISABLED:-true}
SERVICES=(postgres kafka cassandra elasticsearch keycloak)

started=()
cleanup() {
  for service in "${started[@]}"; do scripts/services/"$service".sh stop || true; done
}
trap cleanup EXIT

# Fetch one after the other (Maven downloads), then start in parallel and wait for every one to answer.
logs=$(mktemp -d)
pids=()
for service in "${SERVICES[@]}"; do
  if ! scripts/services/"$service".sh status >/dev/null 2>&1; then
    scripts/services/"$service".sh fetch
    scripts/services/"$service".sh start > "$logs/$service.log" 2>&1 &
    pids+=("$!")
    started+=("$service")
  fi
done
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "${started[$i]} did not start:" >&2
    cat "$logs/${started[$i]}.log" >&2
    exit 1
  fi
  cat "$logs/${started[$i]}.log"
done

mvn -B -ntp verify "$@"
# -am: the backend's tests start a real compute agent from compute-agents/agent-core, built first
mvn -B -ntp -pl backend -am -DskipWeb -DskipITs -Pcluster-tests test "$@"
