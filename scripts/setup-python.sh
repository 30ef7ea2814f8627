#!/usr/bin/env bash
# Creates .venv (git-ignored) with the pinned Python tools: cfn-lint, pytest and the dashboard's
# dependencies; checkov and the AWS tools in venvs of their own below it. Re-runs pip only when a requirements file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# venv DIR WHAT REQUIREMENTS...: DIR holds exactly these pins; pip runs only when the files (or Python) changed
# since the stamp DIR/.requirements.sha was written.
venv() {
  local dir=$1 what=$2; shift 2
  local reqs=("$@") args=() want
  [ -x "$dir/bin/python" ] || python3 -m venv "$dir"
  want=$( { echo "python $(python3 --version 2>&1)"; cat "${reqs[@]}"; } | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$dir/.requirements.sha" 2>/dev/null)" != "$want" ]; then
    for f in "${reqs[@]}"; do args+=(-r "$f"); done
    echo "installing $what from ${reqs[*]}"
    "$dir/bin/pip" install --quiet --disable-pip-version-check "${args[@]}"
    echo "$want" > "$dir/.requirements.sha"
  fi
}

reqs=()
for f in requirements-tools.txt dashboard/requirements.txt dashboard/requirements-dev.txt; do
  [ -f "$f" ] && reqs+=("$f")
done
venv .venv "Python tools" "${reqs[@]}"
# checkov lives in a venv of its own: its pins clash with the dashboard's (packaging<24 among others).
venv .venv/checkov checkov requirements-checkov.txt
# The emulator and the AWS/SAM CLIs live in a venv of their own (their pins clash with the dashboard's).
venv .venv/aws-tools "the AWS emulator and CLIs" requirements-aws.txt
