#!/usr/bin/env bash
# Creates .venv (git-ignored) with the pinned Python tools: cfn-lint, pytest and the dashboard's
# dependencies. Re-runs pip only when a requirements file changed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=.venv/.requirements.sha
reqs=()
for f in requirements-tools.txt dashboard/requirements.txt dashboard/requirements-dev.txt; do
  [ -f "$f" ] && reqs+=("$f")
done
want=$( { echo "python $(python3 --version 2>&1)"; cat "${reqs[@]}"; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  args=()
  for f in "${reqs[@]}"; do args+=(-r "$f"); done
  echo "installing Python tools from ${reqs[*]}"
  .venv/bin/pip install --quiet --disable-pip-version-check "${args[@]}"
  echo "$want" > "$stamp"
fi
