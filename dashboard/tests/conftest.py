"""Fixtures: the stand-in API on a free local port, and the dashboard in Streamlit's AppTest pointed at it."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

DASHBOARD = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(DASHBOARD))

from stub_api.server import StubApi  # noqa: E402

APP = str(DASHBOARD / "app.py")
PAGES = {
    "hackathon": "views/hackathons.py",
    "analysis": "views/analysis.py",
    "leaderboard": "views/leaderboard.py",
}
CRASH = "Something went wrong"  # the app's last-resort message: a test seeing it found a bug


@pytest.fixture
def stub() -> Iterator[StubApi]:
    server = StubApi(progress_step=2).start()
    yield server
    server.stop()


@pytest.fixture
def app(stub: StubApi, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard, not signed in, talking to the stub (timeouts short so the timeout path is quick)."""
    monkeypatch.setenv("API_BASE_URL", stub.url)
    monkeypatch.setenv("API_TIMEOUT_SECONDS", "1")
    return AppTest.from_file(APP, default_timeout=30)


def open_page(at: AppTest, stub: StubApi, page: str, hack_id: str | None = None) -> AppTest:
    """Signed in with the stub's demo key (as the sign-in page leaves the session), on one page."""
    at.session_state["api_key"] = stub.demo_key
    if hack_id:
        at.session_state["hack_id"] = hack_id
    at.switch_page(PAGES[page])
    return at.run()


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def assert_clean(at: AppTest) -> None:
    """No traceback in the page and no last-resort crash message."""
    assert not at.exception, [e.value for e in at.exception]
    assert not any(CRASH in e for e in errors(at)), errors(at)
