#!/usr/bin/env bash
# Creates .venv (git-ignored) with the pinned Python tools: cfn-lint, pytest and the dashboard's
# dependencies; checkov and the AWS tools in venvs of their own below it. Re-runs pip only when a requirements file changed.
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

# checkov lives in a venv of its own: its pins clash with the dashboard's (packaging<24 among others).
checkov_venv=.venv/checkov
[ -x "$checkov_venv/bin/python" ] || python3 -m venv "$checkov_venv"
checkov_want=$( { echo "python $(python3 --version 2>&1)"; cat requirements-checkov.txt; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$checkov_venv/.requirements.sha" 2>/dev/null)" != "$checkov_want" ]; then
  echo "installing checkov from requirements-checkov.txt"
  "$checkov_venv/bin/pip" install --quiet --disable-pip-version-check -r requirements-checkov.txt
  echo "$checkov_want" > "$checkov_venv/.requirements.sha"
fi

# The emulator and the AWS/SAM CLIs live in a venv of their own (their pins clash with the dashboard's).
aws_venv=.venv/aws-tools
[ -x "$aws_venv/bin/python" ] || python3 -m venv "$aws_venv"
aws_want=$( { echo "python $(python3 --version 2>&1)"; cat requirements-aws.txt; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$aws_venv/.requirements.sha" 2>/dev/null)" != "$aws_want" ]; then
  echo "installing the AWS emulator and CLIs from requirements-aws.txt"
  "$aws_venv/bin/pip" install --quiet --disable-pip-version-check -r requirements-aws.txt
  echo "$aws_want" > "$aws_venv/.requirements.sha"
fi
