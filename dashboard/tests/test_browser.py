"""An organizer's walk through the dashboard in a real browser (tests/browser/walkthrough.mjs: Debian's
Chromium driven by playwright-core, against the stand-in): what AppTest cannot see, such as the browser
sending back a widget's old value. About a minute; `pytest -m "not browser"` leaves it out. It lives under
tests/ so that the image (.dockerignore) leaves it and its screenshots out."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parents[1]
ROOT = DASHBOARD.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.mark.browser
def test_an_organizer_walks_through_the_dashboard_in_chromium() -> None:
    node = shutil.which("node")
    if node is None or not Path(CHROMIUM).exists() or not (ROOT / "node_modules" / "playwright-core").is_dir():
        pytest.skip("needs node, Chromium and the project's node_modules (npm ci)")
    script = DASHBOARD / "tests" / "browser" / "walkthrough.mjs"
    run = subprocess.run([node, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1].endswith(" passed, 0 failed")
