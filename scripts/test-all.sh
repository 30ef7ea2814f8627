#!/usr/bin/env bash
# The `npm test` gate. Runs each vitest project in its own run, one after the other, then the dashboard's
# pytest suite, and prints one closing line with the totals. One project at a time because the container,
# twin and emulator suites measure latencies and start servers: on a 2-core machine, running them beside the
# CPU-bound property suite would measure the neighbours, not the system.
# Usage: npm test [-- PROJECT ...]   (default: every project)
set -uo pipefail
cd "$(dirname "$0")/.."

all_projects=(rules properties cost report emulated container capacity)
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=("${all_projects[@]}" dashboard)

results=.cache/test-results
rm -rf "$results" && mkdir -p "$results"
passed=0; failed=0; broken=()

count() { # file -> "passed failed" from vitest's JSON report
  node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests + (r.success || r.numTotalTests ? 0 : 1))' "$1" 2>/dev/null || echo "0 1"
}

for p in "${projects[@]}"; do
  start=$SECONDS
  if [ "$p" = dashboard ]; then
    printf '\n==> dashboard (pytest)\n'
    .venv/bin/python -m pytest dashboard -q -p no:cacheprovider --junitxml="$results/dashboard.xml"
    rc=$?
    attr() { grep -o "$1=\"[0-9]*\"" "$results/dashboard.xml" 2>/dev/null | head -1 | tr -dc 0-9; }
    total=$(attr tests); failures=$(attr failures); errors=$(attr errors); skipped=$(attr skipped)
    n_fail=$(( ${failures:-0} + ${errors:-0} ))
    n_pass=${total:-0}
    n_pass=$(( n_pass - n_fail - ${skipped:-0} ))
    [ $rc -eq 0 ] || [ "$n_fail" -gt 0 ] || n_fail=1
  else
    printf '\n==> %s (vitest)\n' "$p"
    npx vitest run --project "$p" --reporter=default --reporter=json --outputFile.json="$results/$p.json"
    rc=$?
    read -r n_pass n_fail < <(count "$PWD/$results/$p.json")
    [ $rc -eq 0 ] || [ "$n_fail" -gt 0 ] || n_fail=1
  fi
  passed=$((passed + n_pass)); failed=$((failed + n_fail))
  [ $rc -eq 0 ] || broken+=("$p")
  printf '<== %s: %s passed, %s failed, %s s\n' "$p" "$n_pass" "$n_fail" "$((SECONDS - start))"
done

printf '\n'
[ ${#broken[@]} -eq 0 ] || printf 'failing suites: %s\n' "${broken[*]}"
printf 'total: %s passed, %s failed\n' "$passed" "$failed"
[ ${#broken[@]} -eq 0 ]
