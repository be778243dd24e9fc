#!/usr/bin/env bash
# Trains the Iris MLP on a dl4j compute target of a running Cairn:
#   CAIRN_TOKEN=$(cat data/bootstrap-token) compute-agents/samples/iris/submit-dl4j.sh <projectId> <dl4jTargetId>
# 1. uploads iris.csv as an artifact of a data run "iris-data" in the project (its bytes then live in Cairn),
# 2. adds a version of the dataset "iris" (created if missing) pointing at that artifact, with its SHA-256,
# 3. submits a run with the MLP configuration iris-mlp.json (or NETWORK) and that dataset version as its input,
# and prints the run id. An agent built from compute-agents/agent-dl4j serving the target trains it and uploads
# model/model.zip with model/registration.json (the body of POST /models/{id}/versions, but the run id).
# Needs curl and jq. Environment: CAIRN_URL (default http://localhost:8080), CAIRN_TOKEN, CAIRN_ORG (optional),
# EPOCHS (default 30), NORMALIZE (none, standardize or minmax; default none: the features as they are), NETWORK
# (the configuration file in this directory: iris-mlp.json by default, or iris-graph.json, a ComputationGraph).
set -euo pipefail
PROJECT=${1:?usage: submit-dl4j.sh <projectId> <dl4jTargetId>}
TARGET=${2:?usage: submit-dl4j.sh <projectId> <dl4jTargetId>}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=iris-dataset.sh
. "$HERE/iris-dataset.sh"

NETWORK=${NETWORK:-iris-mlp.json}
call -X POST "$API/compute/targets/$TARGET/runs" -d "$(jq -n --rawfile conf "$HERE/$NETWORK" \
    --arg project "$PROJECT" --arg version "$VERSION" --arg epochs "${EPOCHS:-30}" \
    --arg normalize "${NORMALIZE:-none}" --arg name "iris-dl4j-${NETWORK#iris-}" \
    '{projectId: $project, name: ($name | rtrimstr(".json")), spec: {entrypoint: $conf,
      parameters: {epochs: $epochs, batchSize: "16", labelColumn: "species", seed: "42", normalize: $normalize},
      inputs: [$version], environment: {resources: {cpu: 1, memoryMb: 1024}}, timeoutSeconds: 600}}')" | jq -r .runId
