# Sourced by submit-dl4j.sh and submit-spark.sh (bash, with HERE set to this folder): the Cairn API helpers and
# iris.csv as a dataset version. Defines API, auth, call() and VERSION:
# 1. uploads iris.csv as an artifact of a data run "iris-data" in $PROJECT (its bytes then live in Cairn),
# 2. adds a version of the dataset "iris" (created if missing) pointing at that artifact, with its SHA-256.
# Environment: CAIRN_URL (default http://localhost:8080), CAIRN_TOKEN, CAIRN_ORG (optional).
API=${CAIRN_URL:-http://localhost:8080}/api/v1
auth=(-H "Authorization: Bearer ${CAIRN_TOKEN:?set CAIRN_TOKEN to a personal access token}")
[ -n "${CAIRN_ORG:-}" ] && auth+=(-H "Cairn-Org: $CAIRN_ORG")
call() { curl -sSf "${auth[@]}" -H "Content-Type: application/json" "$@"; }

DATA_RUN=$(call -X POST "$API/runs" -d "{\"projectId\": \"$PROJECT\", \"name\": \"iris-data\"}" | jq -r .id)
curl -sSf "${auth[@]}" -X PUT --data-binary @"$HERE/iris.csv" "$API/runs/$DATA_RUN/artifacts/iris.csv" >/dev/null
call -X POST "$API/runs/$DATA_RUN/finish" -d '{"status": "FINISHED"}' >/dev/null

DATASET=$(call "$API/datasets?maxResults=1000" | jq -r '.datasets[] | select(.name == "iris") | .id' | head -1)
if [ -z "$DATASET" ]; then
  DATASET=$(call -X POST "$API/datasets" -d '{"name": "iris", "description": "Fisher Iris (UCI, CC BY 4.0)"}' | jq -r .id)
fi
VERSION=$(call -X POST "$API/datasets/$DATASET/versions" -d "$(jq -n \
    --arg uri "$API/runs/$DATA_RUN/artifacts/iris.csv" \
    --arg digest "sha256:$(sha256sum "$HERE/iris.csv" | cut -d' ' -f1)" \
    --argjson size "$(wc -c < "$HERE/iris.csv")" \
    '{uri: $uri, digest: $digest, size: $size, schema: [
       {name: "sepal_length", type: "double"}, {name: "sepal_width", type: "double"},
       {name: "petal_length", type: "double"}, {name: "petal_width", type: "double"},
       {name: "species", type: "string"}]}')" | jq -r .id)
