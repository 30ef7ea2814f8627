#!/usr/bin/env bash
# Makes sure a Docker engine answers: installs Debian's docker.io when there is no daemon binary and
# starts dockerd in the background (its log in .cache/dockerd.log). No-op when `docker info` works.
set -euo pipefail
cd "$(dirname "$0")/.."
if docker info >/dev/null 2>&1; then exit 0; fi
if ! command -v dockerd >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io >/dev/null
fi
mkdir -p .cache
nohup dockerd > .cache/dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then echo "docker engine is up"; exit 0; fi
  sleep 1
done
echo "docker engine did not start; see .cache/dockerd.log" >&2
exit 1
