#!/usr/bin/env bash
# Trains a Spark ML logistic regression on Iris on a spark compute target of a running Cairn:
#   CAIRN_TOKEN=$(cat data/bootstrap-token) compute-agents/samples/iris/submit-spark.sh <projectId> <sparkTargetId>
# 1. uploads iris.csv as an artifact of a data run "iris-data" in the project (its bytes then live in Cairn),
# 2. adds a version of the dataset "iris" (created if missing) pointing at that artifact, with its SHA-256,
# 3. submits a run of the built-in job (StringIndexer → VectorAssembler → StandardScaler → LogisticRegression) with
#    that dataset version as its input,
# and prints the run id. Iris is tiny: the driver JVM gets JAVA_TOOL_OPTIONS for a quick start (C1 JIT only, serial GC:
# less than half the CPU time of the defaults, which suit long jobs). An agent built from compute-agents/agent-spark serving the target trains it and uploads
# model/pipeline.zip with model/registration.json (the body of POST /models/{id}/versions, but the run id).
# Needs curl and jq. Environment: CAIRN_URL (default http://localhost:8080), CAIRN_TOKEN, CAIRN_ORG (optional),
# MAX_ITER (default 100), LABEL_COLUMN (default species).
set -euo pipefail
PROJECT=${1:?usage: submit-spark.sh <projectId> <sparkTargetId>}
TARGET=${2:?usage: submit-spark.sh <projectId> <sparkTargetId>}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=iris-dataset.sh
. "$HERE/iris-dataset.sh"

call -X POST "$API/compute/targets/$TARGET/runs" -d "$(jq -n \
    --arg project "$PROJECT" --arg version "$VERSION" --arg maxIter "${MAX_ITER:-100}" \
    --arg labelColumn "${LABEL_COLUMN:-species}" \
    '{projectId: $project, name: "iris-spark-logreg", spec: {entrypoint: "logistic-regression",
      parameters: {labelColumn: $labelColumn, maxIter: $maxIter, regParam: "0.01", trainFraction: "0.8", seed: "42",
                   scaleFeatures: "true"},
      inputs: [$version], timeoutSeconds: 600,
      environment: {resources: {cpu: 1, memoryMb: 1536},
                    variables: {JAVA_TOOL_OPTIONS: "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}}}}')" | jq -r .runId
