#!/usr/bin/env bash
# Creates .venv (git-ignored) with the pinned Python tools: cfn-lint, pytest and the dashboard's
# dependencies. Re-runs pip only when a requirements file changed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=.venv/.requirements.sha
want=$(cat requirements-tools.txt dashboard/requirements*.txt 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-tools.txt
  for f in dashboard/requirements.txt dashboard/requirements-dev.txt; do
    [ -f "$f" ] && .venv/bin/pip install --quiet --disable-pip-version-check -r "$f"
  done
  echo "$want" > "$stamp"
fi
