"""Fixtures: the stand-in API on a free local port, and the dashboard in Streamlit's AppTest pointed at it.

Every test that uses the stand-in also checks, when it ends, every request and answer that went through it
against the real API's OpenAPI document (tests/contract.py): the stand-in cannot drift from the API, and
the dashboard cannot send what the API would refuse, without a test failing.
"""

from __future__ import annotations

import re
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

DASHBOARD = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(DASHBOARD))
sys.path.insert(0, str(DASHBOARD / "stub_api"))  # the stand-in's modules import each other by name

import contract  # noqa: E402
from stub_api.server import StubApi  # noqa: E402

APP = str(DASHBOARD / "app.py")
PAGES = {
    "hackathon": "views/hackathons.py",
    "analysis": "views/analysis.py",
    "leaderboard": "views/leaderboard.py",
    "new": "views/new_hackathon.py",
    "settings": "views/settings.py",
    "submit": "views/submit.py",
}
CRASH = "Something went wrong"  # the app's last-resort message: a test seeing it found a bug
OTHER_KEY = "vj_other_key_9876543210"  # the second organizer's fixture key


@contextmanager
def checked(server: StubApi) -> Iterator[StubApi]:
    """Runs the server for a test, then checks all its exchanges against the contract."""
    try:
        yield server
    finally:
        server.stop()
    problems = contract.check(server)
    assert not problems, "the contract is broken:\n" + "\n".join(problems[:20])


@pytest.fixture
def stub() -> Iterator[StubApi]:
    """The stand-in with the FREE tier's daily quota (100) and a per-second limit high enough for AppTest,
    which sends a page's calls faster than a person clicks (test_limits.py tests the real 10 a second)."""
    with checked(StubApi(progress_step=2, rate_per_second=1000).start()) as server:
        yield server


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


def plain(text: str) -> str:
    """Markdown source as the organizer reads it: the dashboard escapes API strings (safe.md)."""
    return re.sub(r"\\(.)", r"\1", text)


def errors(at: AppTest) -> list[str]:
    return [plain(e.value) for e in at.error]


def texts(at: AppTest) -> str:
    """Everything the page says in messages, captions, markdown and titles, as one string to search."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        parts.extend(plain(str(e.value)) for e in getattr(at, kind))
    return "\n".join(parts)


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r} among {[b.label for b in at.button]}"
    return found[0]


def assert_clean(at: AppTest) -> None:
    """No traceback in the page and no last-resort crash message."""
    assert not at.exception, [e.value for e in at.exception]
    assert not any(CRASH in e for e in errors(at)), errors(at)


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001 - pytest's hook
    t = contract.TALLY
    if t.requests or t.responses_by_openapi or t.responses_by_error_shape:
        terminalreporter.write_line(
            f"contract: {t.requests} requests ({t.dashboard_requests} from the dashboard's client) and "
            f"{t.responses_by_openapi} answers checked against the OpenAPI document, {t.responses_by_error_shape} "
            f"error answers against the reference's error shapes; {len(t.operations)} of the document's "
            f"{contract.operations()} operations met")
        missing = contract.missing_operations(t.operations)
        if missing:
            terminalreporter.write_line(f"contract: not met: {', '.join(missing)}")
