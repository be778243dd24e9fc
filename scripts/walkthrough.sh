#!/usr/bin/env bash
# The README's curl walk-through, checked: runs against a running Cairn and fails on the first surprise.
#   scripts/walkthrough.sh [base-url] [token-file]
set -euo pipefail
BASE=${1:-http://localhost:8080}
TOKEN=$(cat "${2:-data/bootstrap-token}")
API=$BASE/api/v1
auth=(-H "Authorization: Bearer $TOKEN")
json=(-H "Content-Type: application/json")

call() { # method path [curl args...] -> body; fails unless 2xx
  local method=$1 path=$2; shift 2
  local out status
  out=$(curl -s -w '\n%{http_code}' "${auth[@]}" -X "$method" "$API$path" "$@")
  status=${out##*$'\n'}
  body=${out%$'\n'*}
  if [[ $status != 2* ]]; then echo "FAILED $method $path -> $status $body" >&2; exit 1; fi
  printf '%s' "$body"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

name="walkthrough-$(date +%s)"
project=$(call POST /projects "${json[@]}" -d "{\"name\": \"$name\", \"tags\": {\"team\": \"risk\"}}" | field "['id']")
run=$(call POST /runs "${json[@]}" -d "{\"projectId\": \"$project\", \"name\": \"baseline\",
  \"source\": {\"gitRepo\": \"https://git.example.com/churn.git\", \"gitCommit\": \"4f2a9c1d\", \"dirty\": false}}" | field "['id']")
echo "project $project, run $run"
call POST "/runs/$run/params" "${json[@]}" -d '{"params": {"lr": "0.01", "epochs": "10"}}' > /dev/null
call POST "/runs/$run/metrics" "${json[@]}" -H "Idempotency-Key: batch-1" -d '{"points": [
  {"key": "loss", "value": 0.9, "step": 0}, {"key": "loss", "value": 0.4, "step": 1},
  {"key": "acc", "value": 0.93, "step": 1}]}' > /dev/null
tmp=$(mktemp); head -c 100000 /dev/urandom > "$tmp"
sha=$(call PUT "/runs/$run/artifacts/model/model.zip" --data-binary @"$tmp" | field "['sha256']")
[ "$sha" = "$(sha256sum "$tmp" | cut -d' ' -f1)" ] || { echo "digest mismatch"; exit 1; }
call GET "/runs/$run/artifacts/model/model.zip" -o "$tmp.down" > /dev/null
cmp -s "$tmp" "$tmp.down" || { echo "download differs"; exit 1; }
rm -f "$tmp" "$tmp.down"
call POST "/runs/$run/finish" "${json[@]}" -d '{"status": "FINISHED"}' > /dev/null
for _ in $(seq 1 50); do
  points=$(call GET "/runs/$run/metrics/loss" | field "['points'].__len__()")
  [ "$points" = 2 ] && break; sleep 0.1
done
[ "$points" = 2 ] || { echo "metric history incomplete"; exit 1; }
found=$(call POST /runs/search "${json[@]}" -d "{\"projectIds\": [\"$project\"],
  \"filter\": \"metrics.acc > 0.9 and params.lr = '0.01'\", \"orderBy\": [\"metrics.acc DESC\"]}" | field "['runs'][0]['id']")
[ "$found" = "$run" ] || { echo "search did not find the run"; exit 1; }
echo "walk-through OK: params, metrics, artifact (sha256 $sha), finish, history, search"
