"""The stand-in follows the contract the dashboard relies on, and logs each request without secrets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests
from conftest import closed_port

from stub_api.server import StubApi, parse_fault

SERVER = Path(__file__).resolve().parents[1] / "stub_api" / "server.py"


def call(stub: StubApi, method: str, path: str, key: str | None = "demo", **kw) -> requests.Response:
    headers = {"X-API-Key": stub.demo_key if key == "demo" else key} if key else {}
    return requests.request(method, stub.url + path, headers=headers, timeout=5, **kw)


def test_organizer_calls_need_the_key(stub: StubApi) -> None:
    assert call(stub, "GET", "/hackathons", key=None).status_code == 401
    assert call(stub, "GET", "/hackathons", key="vj_wrong").json() == {"detail": "Invalid or missing API key"}
    assert call(stub, "GET", "/hackathons").status_code == 200


def test_the_shapes_the_contract_names(stub: StubApi) -> None:
    listing = call(stub, "GET", "/hackathons").json()
    assert set(listing) == {"hackathons", "next_cursor", "has_more"}
    assert call(stub, "GET", "/organizers/me").json()["organization"] == "Example Hack Club"
    h = "/hackathons/hack-spring-2026"
    assert set(call(stub, "GET", h + "/stats").json()) == {"submission_count", "verified_count", "pending_count",
                                                          "participant_count"}
    assert len(call(stub, "GET", h + "/submissions").json()["submissions"]) == 5
    assert call(stub, "POST", h + "/analyze/estimate", json={}).json()["estimate"]["total_cost_usd"]["expected"] == 0.25
    assert call(stub, "GET", h + "/analyze/status").status_code == 404  # no job yet
    started = call(stub, "POST", h + "/analyze", json={})
    assert started.status_code == 202 and set(started.json()) >= {"job_id", "estimated_cost_usd"}
    states = [call(stub, "GET", h + "/analyze/status").json() for _ in range(5)]
    assert [s["status"] for s in states] == ["running", "running", "running", "completed", "completed"]
    assert states[-1]["progress"] == {"percent_complete": 100.0, "completed": 5, "failed": 0, "total_submissions": 5}
    board = call(stub, "GET", h + "/leaderboard").json()
    assert board["hackathon"]["analyzed_count"] == 4 and board["leaderboard"][0]["team_name"] == "Cirrus"
    assert call(stub, "GET", "/submissions/sub-cirrus/scorecard").json()["overall_score"] == 91.2
    assert call(stub, "GET", "/hackathons/nope/stats").status_code == 404
    assert requests.get(stub.url.removesuffix("/api/v1") + "/health", timeout=5).json() == {"status": "healthy"}


def test_over_budget_is_402(stub: StubApi) -> None:
    r = call(stub, "POST", "/hackathons/hack-tiny-budget/analyze", json={})
    assert r.status_code == 402 and r.json()["detail"].startswith("Budget exceeded")


def test_login_by_email_and_password(stub: StubApi) -> None:
    ok = call(stub, "POST", "/organizers/login", key=None, json={"email": "organizer@example.com", "password": "demo-password"})
    assert ok.json() == {"api_key": stub.demo_key}
    assert call(stub, "POST", "/organizers/login", key=None, json={"email": "organizer@example.com", "password": "x"}).status_code == 401
    assert call(stub, "POST", "/organizers/login", key=None, data=b"not json").status_code == 422


def test_faults_are_forced_for_as_many_requests_as_asked(stub: StubApi) -> None:
    stub.fail("GET", "/hackathons", 503, times=1)
    assert call(stub, "GET", "/hackathons").status_code == 503
    assert call(stub, "GET", "/hackathons").status_code == 200


def test_each_request_is_logged_on_one_line_without_headers_or_bodies(stub: StubApi, capfd: pytest.CaptureFixture[str]) -> None:
    call(stub, "POST", "/organizers/login", key=None, json={"email": "organizer@example.com", "password": "demo-password"})
    call(stub, "GET", "/hackathons?limit=2")
    out = capfd.readouterr().out
    assert stub.requests == ["stub-api POST /api/v1/organizers/login -> 200", "stub-api GET /api/v1/hackathons?limit=2 -> 200"]
    assert out.splitlines() == stub.requests
    assert stub.demo_key not in out and "demo-password" not in out


@pytest.mark.parametrize("text, status", [("GET /hackathons 503", 503), ("get /x malformed", 200), ("GET /x slow:2.5", 504)])
def test_command_line_faults(text: str, status: int) -> None:
    fault = parse_fault(text)
    assert fault.status == status and fault.method == text.split()[0].upper()


def test_runs_with_one_command() -> None:
    port = closed_port()
    proc = subprocess.Popen([sys.executable, str(SERVER), "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        banner = proc.stdout.readline()
        assert banner.strip() == f"stub-api listening; API_BASE_URL=http://127.0.0.1:{port}/api/v1"
        assert requests.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
