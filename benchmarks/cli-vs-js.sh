#!/usr/bin/env bash
# `clawdbot chat` (Native AOT, the whole process, stdout to /dev/null) against the official AWS SDK for JavaScript
# decoding the same reply in-process, measured side by side in one run. Both read the same captured ConverseStream
# body of DELTAS text deltas (EventStreamRecordings.TextDeltas), served over HTTP/1.1 by LocalBedrock on loopback
# (benchmarks/StreamServer). Runs alternate, JS then CLI; prints each median and the ratio JS / CLI.
#
#   benchmarks/cli-vs-js.sh [runs] [deltas]      (default 5 runs each, 500,000 deltas, after three warm-up runs each:
#                                                 the stream server runs under the JIT, and its first calls are slower)
#
# Needs clang (Native AOT), node and npm (`npm ci` in tests/interop/js, done here when node_modules is missing).
# Builds go to a temporary artifacts folder; the repository's bin/obj are not touched. With strace installed, also
# counts the CLI's write(2) calls for one run.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${1:-5}
deltas=${2:-500000}
model=amazon.nova-pro-v1:0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The SDK warns on every run that later versions will need a newer node; the warning is no result.
export NODE_NO_WARNINGS=1

work=$(mktemp -d "${TMPDIR:-/tmp}/clawdbot-cli-vs-js.XXXXXX")
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
common=(-c Release --artifacts-path "$work/artifacts" -nodeReuse:false -p:UseSharedCompilation=false -clp:NoSummary -v:q)

if [[ ! -d tests/interop/js/node_modules ]]; then
  (cd tests/interop/js && npm ci --no-audit --no-fund >&2)
fi
mkdir -p "$work/js"
cp benchmarks/cli-vs-js.mjs "$work/js/"
ln -s "$repo/tests/interop/js/node_modules" "$work/js/node_modules"

echo "Publishing the CLI (Native AOT) and the stream server..." >&2
dotnet publish samples/Clawdbot.Cli/Clawdbot.Cli.csproj "${common[@]}" -o "$work/aot" -p:PublishAot=true >&2
dotnet publish benchmarks/StreamServer/StreamServer.csproj "${common[@]}" -o "$work/server" >&2

# The server answers every ConverseStream call to $model with the same body; it stops when its stdin closes.
mkfifo "$work/server-in"
dotnet "$work/server/StreamServer.dll" "$model" "$deltas" < "$work/server-in" > "$work/server-out" &
server_pid=$!
exec 3> "$work/server-in"
until [[ -s $work/server-out ]]; do
  kill -0 "$server_pid" 2> /dev/null || { echo "the stream server did not start" >&2; exit 1; }
  sleep 0.1
done
read -r endpoint region key secret bytes < "$work/server-out"
echo "Serving $deltas deltas ($bytes bytes) at $endpoint" >&2

mkdir -p "$work/run/home"
cat > "$work/run/models.json5" <<JSON5
{
  models: {
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.$region.amazonaws.com",
        api: "bedrock-converse-stream",
        models: [{ id: "$model", name: "Nova Pro" }],
      },
    },
    bedrockDiscovery: { enabled: false },
  },
  agents: { defaults: { model: { primary: "amazon-bedrock/$model" } } },
}
JSON5
cd "$work/run"
unset AWS_PROFILE AWS_SESSION_TOKEN CLAWDBOT_CONFIG_PATH || true
export HOME="$work/run/home" AWS_EC2_METADATA_DISABLED=true AWS_REGION="$region" \
  AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_ENDPOINT_URL_BEDROCK_RUNTIME="$endpoint"

js_ms() { node "$work/js/cli-vs-js.mjs" "$endpoint" "$region" "$model" | cut -d' ' -f1; }
cli_ms() {
  local start end
  start=$(date +%s%N)
  "$work/aot/clawdbot" chat hi > /dev/null 2> "$work/cli-err"
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000 ))" | awk '{ printf "%.1f\n", $1 / 1000 }'
}

# Each must work, and see every delta, before it is timed.
read -r _ js_deltas js_chars < <(node "$work/js/cli-vs-js.mjs" "$endpoint" "$region" "$model")
cli_chars=$("$work/aot/clawdbot" chat hi 2> "$work/cli-err" | wc -c)
[[ $js_deltas == "$deltas" ]] || { echo "JS saw $js_deltas deltas, expected $deltas" >&2; exit 1; }
[[ $cli_chars == $((js_chars + 1)) ]] || { echo "the CLI wrote $cli_chars bytes, expected $((js_chars + 1)): $(cat "$work/cli-err")" >&2; exit 1; }

for _ in 1 2; do js_ms > /dev/null; cli_ms > /dev/null; done

js=(); cli=()
# A second's pause before each timed run lets the server and the machine settle from the run before (the server's
# own collection after sending 90 MB, the other process's exit), so neither side pays for the other's tail.
for run in $(seq "$runs"); do
  sleep 1
  js+=("$(js_ms)")
  sleep 1
  cli+=("$(cli_ms)")
  echo "run $run: js ${js[-1]} ms, cli ${cli[-1]} ms" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
js_median=$(median "${js[@]}"); cli_median=$(median "${cli[@]}")
awk -v j="$js_median" -v c="$cli_median" -v n="$runs" -v d="$deltas" 'BEGIN {
  printf "median of %d runs, %d deltas: JS SDK in-process %.0f ms, clawdbot chat whole process %.0f ms: %.1fx\n", n, d, j, c, j / c
}'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg); dotnet $(dotnet --version), node $(node --version)"

if command -v strace > /dev/null 2>&1; then
  strace -f -c -e trace=write -o "$work/strace" "$work/aot/clawdbot" chat hi > /dev/null 2>&1 || true
  echo "write(2) calls of one clawdbot chat run: $(awk '$NF == "write" { print $4 }' "$work/strace")"
fi
