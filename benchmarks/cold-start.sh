#!/usr/bin/env bash
# Cold start of `clawdbot models list --json` (declared config, discovery off, so no network): the Native AOT
# executable against the JIT build (`dotnet clawdbot.dll`) and the same IL precompiled with ReadyToRun, measured side
# by side in one run. Uses hyperfine when installed (apt-get install hyperfine), else a bash loop over date +%s%N.
#
#   benchmarks/cold-start.sh [runs]      (default 20 runs each, after 3 warm-up runs)
#
# Builds go to a temporary artifacts folder; the repository's bin/obj are not touched. Needs clang for the AOT build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/clawdbot-cold-start.XXXXXX")
trap 'rm -rf "$work"' EXIT
project=samples/Clawdbot.Cli/Clawdbot.Cli.csproj
common=(-c Release --artifacts-path "$work/artifacts" -nodeReuse:false -p:UseSharedCompilation=false -clp:NoSummary -v:q)

echo "Publishing the CLI three ways (JIT, ReadyToRun, Native AOT)..." >&2
dotnet publish "$project" "${common[@]}" -o "$work/jit" >&2
dotnet publish "$project" "${common[@]}" -o "$work/r2r" -p:PublishReadyToRun=true --use-current-runtime --self-contained false >&2
dotnet publish "$project" "${common[@]}" -o "$work/aot" -p:PublishAot=true >&2

# A declared model and no discovery: the command reads the config and prints, nothing more.
mkdir -p "$work/run/home"
cat > "$work/run/models.json5" <<'JSON5'
{
  models: {
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
        api: "bedrock-converse-stream",
        models: [
          { id: "amazon.nova-pro-v1:0", name: "Nova Pro", input: ["text"], contextWindow: 300000, maxTokens: 5000,
            cost: { input: 0.8, output: 3.2, cacheRead: 0, cacheWrite: 0 } },
        ],
      },
    },
    bedrockDiscovery: { enabled: false },
  },
  agents: { defaults: { model: { primary: "amazon-bedrock/amazon.nova-pro-v1:0" } } },
}
JSON5
cd "$work/run"
export HOME="$work/run/home" AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE CLAWDBOT_CONFIG_PATH || true

aot="$work/aot/clawdbot models list --json"
jit="dotnet $work/jit/clawdbot.dll models list --json"
r2r="dotnet $work/r2r/clawdbot.dll models list --json"
for command in "$aot" "$jit" "$r2r"; do
  $command > /dev/null # each must work before it is timed
done
echo "Sizes: AOT $(du -sh "$work/aot/clawdbot" | cut -f1) executable; JIT $(du -sh "$work/jit" | cut -f1), ReadyToRun $(du -sh "$work/r2r" | cut -f1) folders (runtime not included)." >&2

if command -v hyperfine > /dev/null 2>&1; then
  hyperfine -N --warmup 3 --runs "$runs" -n aot "$aot" -n jit "$jit" -n readytorun "$r2r"
  exit 0
fi

# Fallback: mean wall-clock milliseconds over $runs runs, after 3 warm-up runs.
mean_ms() {
  local command=$1 total=0 start end
  for _ in 1 2 3; do $command > /dev/null; done
  for _ in $(seq "$runs"); do
    start=$(date +%s%N); $command > /dev/null; end=$(date +%s%N)
    total=$((total + end - start))
  done
  echo $((total / runs / 1000))
}
aot_us=$(mean_ms "$aot"); jit_us=$(mean_ms "$jit"); r2r_us=$(mean_ms "$r2r")
awk -v a="$aot_us" -v j="$jit_us" -v r="$r2r_us" -v n="$runs" 'BEGIN {
  printf "mean of %d runs: aot %.1f ms, jit %.1f ms, readytorun %.1f ms\n", n, a / 1000, j / 1000, r / 1000
  printf "aot is %.1fx faster than jit and %.1fx faster than readytorun; readytorun is %.2fx faster than jit\n", j / a, r / a, j / r
}'
