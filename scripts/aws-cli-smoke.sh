#!/usr/bin/env bash
# Runs the linear-regression sample training job through `kiln serve` with the Python AWS CLI, as a user
# would: create, wait, describe, list, tags, logs, stop, and an error, all over HTTP.
#
#   KILN_ENDPOINT=http://127.0.0.1:8080 scripts/aws-cli-smoke.sh   # against a running `kiln serve`
#   scripts/aws-cli-smoke.sh                                        # starts `./kiln serve` on a free port itself
#
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_DEFAULT_REGION); without them, dummy values are used, which an endpoint without
# kiln.auth.* credentials accepts. Prints "aws-cli-smoke: OK" and exits 0 when every step passes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-kiln}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-kiln}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_PAGER=""
command -v aws >/dev/null || { echo "aws-cli-smoke: the AWS CLI (aws) is not installed" >&2; exit 2; }

if [[ -z "${KILN_ENDPOINT:-}" ]]; then
  "$root/kiln" serve --port 0 --home "$work/home" >"$work/serve.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    KILN_ENDPOINT="$(sed -n 's/^Kiln endpoint listening on \(http[^ ]*\).*/\1/p' "$work/serve.out")"
    [[ -n "$KILN_ENDPOINT" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.out" >&2; exit 1; }
    sleep 0.2
  done
fi
[[ -n "${KILN_ENDPOINT:-}" ]] || { echo "aws-cli-smoke: kiln serve did not start" >&2; exit 1; }
echo "aws-cli-smoke: endpoint $KILN_ENDPOINT"

sm() { aws sagemaker --endpoint-url "$KILN_ENDPOINT" --output json "$@"; }
logs() { aws logs --endpoint-url "$KILN_ENDPOINT" --output json "$@"; }
fail() { echo "aws-cli-smoke: FAILED: $*" >&2; exit 1; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

# Polls DescribeTrainingJob until the job leaves InProgress/Stopping (the CLI's own waiter polls
# every 120 s, so it is called once the job has ended, to check that it agrees).
await_job() {
  local status=""
  for _ in $(seq 1 300); do
    status="$(sm describe-training-job --training-job-name "$1" | field '["TrainingJobStatus"]')"
    [[ "$status" != "InProgress" && "$status" != "Stopping" ]] && break
    sleep 0.5
  done
  sm wait training-job-completed-or-stopped --training-job-name "$1" || true
  echo "$status"
}

# The sample, with its relative file: URIs made absolute: the request travels over HTTP,
# so the server cannot know which directory the JSON file was in.
name="readme-sample-$(date +%s)-$$"
python3 - "$root/samples/training/linear-regression" "$name" >"$work/job.json" <<'PY'
import json, sys
sample, name = sys.argv[1], sys.argv[2]
job = json.load(open(sample + "/job.json"))
job["TrainingJobName"] = name
job["HyperParameters"]["epochs"] = "3"
job["AlgorithmSpecification"]["TrainingImage"] = "file://" + sample + "/train"
for channel in job["InputDataConfig"]:
    s3 = channel["DataSource"]["S3DataSource"]
    s3["S3Uri"] = "file://" + sample + "/" + s3["S3Uri"][len("file:"):]
json.dump(job, sys.stdout)
PY

arn="$(sm create-training-job --cli-input-json "file://$work/job.json" | field '["TrainingJobArn"]')"
[[ "$arn" == *":training-job/$name" ]] || fail "unexpected ARN $arn"
status="$(await_job "$name")"
[[ "$status" == "Completed" ]] || { sm describe-training-job --training-job-name "$name" >&2; fail "job ended $status"; }

describe="$(sm describe-training-job --training-job-name "$name")"
metrics="$(echo "$describe" | field '["FinalMetricDataList"]')"
[[ "$metrics" == *"validation:rmse"* ]] || fail "no final metrics in DescribeTrainingJob: $metrics"
[[ "$(echo "$describe" | field '["ModelArtifacts"]["S3ModelArtifacts"]')" == *"/$name/output/model.tar.gz" ]] || fail "no model artifacts"

listed="$(sm list-training-jobs --name-contains "$name" --status-equals Completed | field '["TrainingJobSummaries"][0]["TrainingJobName"]')"
[[ "$listed" == "$name" ]] || fail "ListTrainingJobs did not list $name"

tags="$(sm list-tags --resource-arn "$arn" | field '["Tags"]')"
[[ "$tags" == *"kiln-samples"* ]] || fail "the request's tags are missing: $tags"
sm add-tags --resource-arn "$arn" --tags Key=owner,Value=smoke >/dev/null
sm delete-tags --resource-arn "$arn" --tag-keys project
tags="$(sm list-tags --resource-arn "$arn" | field '["Tags"]')"
[[ "$tags" == "[{'Key': 'owner', 'Value': 'smoke'}]" ]] || fail "tags after add/delete: $tags"

stream="$(logs describe-log-streams --log-group-name /aws/sagemaker/TrainingJobs --log-stream-name-prefix "$name/" \
  | field '["logStreams"][0]["logStreamName"]')"
[[ "$stream" == "$name/algo-1-"* ]] || fail "unexpected log stream $stream"
events="$(logs get-log-events --log-group-name /aws/sagemaker/TrainingJobs --log-stream-name "$stream" --start-from-head \
  | field '["events"]')"
[[ "$events" == *"validation_rmse="* ]] || fail "the log lacks the training output"

# Stop a job that would run for a minute.
printf '#!/usr/bin/env bash\necho started\nsleep 60\n' >"$work/sleeper"
chmod +x "$work/sleeper"
python3 - "$work/job.json" "$work/sleeper" "$name-stop" >"$work/stop.json" <<'PY'
import json, sys
job = json.load(open(sys.argv[1]))
job["TrainingJobName"] = sys.argv[3]
job["AlgorithmSpecification"] = {"TrainingImage": "file://" + sys.argv[2], "TrainingInputMode": "File"}
del job["InputDataConfig"]
json.dump(job, sys.stdout)
PY
sm create-training-job --cli-input-json "file://$work/stop.json" >/dev/null
sm stop-training-job --training-job-name "$name-stop"
status="$(await_job "$name-stop")"
[[ "$status" == "Stopped" ]] || fail "stopped job ended $status"

# The service's errors reach the CLI as the cloud sends them.
if sm describe-training-job --training-job-name "$name-missing" 2>"$work/err"; then fail "missing job described"; fi
grep -q "ResourceNotFound" "$work/err" || fail "expected ResourceNotFound, got: $(cat "$work/err")"

echo "aws-cli-smoke: OK"
