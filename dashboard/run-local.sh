#!/usr/bin/env bash
# One command for a newcomer: the stand-in VibeJudge API on :8000 and the dashboard on :8501 against it.
# The stand-in enforces the FREE tier's limits (100 requests a day, 10 a second), as the real API does.
# Ctrl-C stops both. Needs the project's venv (bash scripts/setup-python.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
[ -x "$py" ] || { echo "no .venv: run bash scripts/setup-python.sh first" >&2; exit 1; }
"$py" dashboard/stub_api/server.py --port "${STUB_PORT:-8000}" --daily-quota "${DAILY_QUOTA:-100}" \
  --rate-per-second 10 &
stub=$!
trap 'kill "$stub" 2>/dev/null' EXIT
STREAMLIT_RUNNER_POST_SCRIPT_GC=false API_BASE_URL="http://127.0.0.1:${STUB_PORT:-8000}/api/v1" "$py" -m streamlit run dashboard/serve.py \
  --server.headless true --browser.gatherUsageStats false --server.port "${PORT:-8501}"
