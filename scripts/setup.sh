#!/usr/bin/env bash
# Installs everything `npm test` needs on a fresh machine, idempotently:
# node modules, the Python virtual environment (.venv) with the pinned tools, Debian's Chromium, (when
# absent) the Docker engine, started in the background, and the dashboard's image (npm run image).
# Prints what it does; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '==> %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "Python tools in .venv"
bash scripts/setup-python.sh

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  step "Chromium (Debian's, headless: the container and capacity tests drive the dashboard with it)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

if [ "${SKIP_DOCKER:-}" != "1" ]; then
  step "Docker engine"
  bash scripts/setup-docker.sh
  step "dashboard image (local base and wheelhouse when missing, cached in .cache/; then docker build)"
  bash scripts/build-image.sh
  step "local registry (stand-in for ECR in the deploy test)"
  bash scripts/setup-registry.sh
fi
