#!/usr/bin/env bash
# Rewrites PublicAPI.Unshipped.txt of the shipped packages from what the compiler sees as their public API.
#
# Microsoft.CodeAnalysis.PublicApiAnalyzers reports every public symbol missing from PublicAPI.*.txt (RS0016) and
# every listed symbol that no longer exists (RS0017). This script empties each Unshipped file, rebuilds with warnings
# left as warnings, and writes the reported symbols back, sorted: a symbol new since the Shipped file is listed as
# is, a shipped symbol that is gone as *REMOVED*<symbol>. PublicAPI.Shipped.txt is never changed (moving the
# Unshipped lines into it is the release step). Review the diff: each line is a promise.
#
#   eng/update-public-api.sh            rewrite the files
#   eng/update-public-api.sh --check    rewrite nothing; exit 1 (and print the diff) if a file is out of date
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
projects=(src/Clawdbot.Sdk src/Clawdbot.Sdk.Testing)
check=false
[[ "${1:-}" == "--check" ]] && check=true

work=$(mktemp -d)
saved=$(mktemp -d)
trap 'rm -rf "$work"; if [[ -d "$saved" ]]; then for p in "${projects[@]}"; do [[ -f "$saved/${p//\//_}" ]] && cp "$saved/${p//\//_}" "$p/PublicAPI.Unshipped.txt"; done; rm -rf "$saved"; fi' EXIT

for p in "${projects[@]}"; do
  [[ -f "$p/PublicAPI.Shipped.txt" ]] || printf '#nullable enable\n' > "$p/PublicAPI.Shipped.txt"
  [[ -f "$p/PublicAPI.Unshipped.txt" ]] && cp "$p/PublicAPI.Unshipped.txt" "$saved/${p//\//_}"
  printf '#nullable enable\n' > "$p/PublicAPI.Unshipped.txt"
done

# One build of the last project compiles them all (Testing references the runtime); --no-incremental makes the
# analyzer run even when the outputs are up to date. Other warnings stay warnings here: the normal build judges them.
log="$work/build.log"
if ! dotnet build src/Clawdbot.Sdk.Testing -c Release --no-incremental -nologo -clp:NoSummary \
    -p:TreatWarningsAsErrors=false > "$log" 2>&1; then
  grep -E ': error ' "$log" | sort -u >&2 || tail -n 40 "$log" >&2
  echo "update-public-api: the build failed; the PublicAPI files are left as they were." >&2
  exit 1
fi

status=0
for p in "${projects[@]}"; do
  csproj=$(cd "$p" && ls ./*.csproj | head -n 1)
  csproj="$root/$p/${csproj#./}"
  out="$work/${p//\//_}.txt"
  {
    grep -F "[$csproj" "$log" | grep -F 'warning RS0016:' \
      | sed -E "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API.*/\1/" || true
    grep -F "[$csproj" "$log" | grep -F 'warning RS0017:' \
      | sed -E "s/.*warning RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found.*/*REMOVED*\1/" || true
  } | LC_ALL=C sort -u > "$work/symbols"
  { printf '#nullable enable\n'; cat "$work/symbols"; } > "$out"

  before="$saved/${p//\//_}"
  if $check; then
    if ! diff -u --label "$p/PublicAPI.Unshipped.txt (in the tree)" --label "$p/PublicAPI.Unshipped.txt (the build)" "$before" "$out"; then
      status=1
    fi
  else
    cp "$out" "$before"   # what the trap restores is now the new file
    echo "$p/PublicAPI.Unshipped.txt: $(($(wc -l < "$out") - 1)) symbols"
  fi
done

if $check && [[ $status -ne 0 ]]; then
  echo "update-public-api: the public API changed; run eng/update-public-api.sh and review the diff." >&2
fi
exit $status
