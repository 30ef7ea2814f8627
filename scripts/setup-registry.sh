#!/usr/bin/env bash
# Installs Debian's docker-registry (the Docker Distribution registry), the local stand-in for ECR that
# the deploy script's emulated test pushes to. Only installs: the test starts its own instance on a
# free loopback port with its own storage, and stops it.
set -euo pipefail
if command -v docker-registry >/dev/null 2>&1; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq docker-registry >/dev/null
echo "docker-registry installed"
