#!/usr/bin/env bash
# Installs everything `npm test` needs on a fresh machine, idempotently:
# node modules, the Python virtual environment (.venv) with the pinned tools, and (when absent) the
# Docker engine, started in the background. Prints what it does; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '==> %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "Python tools in .venv"
bash scripts/setup-python.sh

if [ "${SKIP_DOCKER:-}" != "1" ]; then
  step "Docker engine"
  bash scripts/setup-docker.sh
  step "local registry (stand-in for ECR in the deploy test)"
  bash scripts/setup-registry.sh
fi
