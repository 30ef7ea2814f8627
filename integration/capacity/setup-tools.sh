#!/usr/bin/env bash
# Installs, from Debian's packages and only when absent, what the twin and the browser check run:
# HAProxy (the ALB stand-in), openssl (the throwaway certificate), Chromium (the real first page load).
# Idempotent; the twin and the Chromium check call it themselves on a fresh machine.
set -euo pipefail
missing=()
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${1:-}" = "--with-chromium" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "==> apt-get install ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
