#!/usr/bin/env bash
# Benchmark (not a test): the offline compliance report without containers, as `npm run verify` runs it
# (fresh synthesis, rules, property suite, cost model), timed per stage and end to end. Target: under
# 60 s on a 2-core machine. Usage: bash scripts/bench-verify.sh [extra verify options]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
start=$(date +%s.%N)
status=0
npx tsx scripts/verify.ts --no-containers --timing --out "$out" "$@" || status=$?
end=$(date +%s.%N)
# Exit 1 (something fails) still measures the run; only exit 2 means the report could not run.
if [ "$status" -ge 2 ]; then echo "bench-verify: the report could not run (exit $status)" >&2; exit "$status"; fi
awk -v s="$start" -v e="$end" -v c="$status" 'BEGIN { printf "bench-verify: offline report without containers took %.1f s wall clock (exit %d)\n", e - s, c }' >&2
