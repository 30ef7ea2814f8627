"""The API client on its own: configuration, the three error shapes, and what a hostile or broken API
cannot do to it (redirects, huge or slow answers, plain-http URLs)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest

import api
from stub_api.server import StubApi


def test_base_url_and_timeout_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("API_BASE_URL", raising=False)
    monkeypatch.delenv("API_TIMEOUT_SECONDS", raising=False)
    assert api.base_url() == "http://localhost:8000/api/v1"
    assert api.timeout_s() == 20.0
    monkeypatch.setenv("API_BASE_URL", "https://x.execute-api.eu-west-1.amazonaws.com/dev/api/v1/")
    assert api.base_url() == "https://x.execute-api.eu-west-1.amazonaws.com/dev/api/v1"


@pytest.mark.parametrize("url", ["http://localhost:8000/api/v1", "http://127.0.0.1:9/api/v1", "http://[::1]:8000/api/v1",
                                 "http://vibejudge-api:8000/api/v1", "https://api.example.com/api/v1"])
def test_https_or_a_local_host(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("API_BASE_URL", url)
    assert api.base_url() == url


@pytest.mark.parametrize("url", ["http://api.example.com/api/v1", "http://10.0.0.5/api/v1", "ftp://localhost/api/v1",
                                 "https://user:pw@api.example.com/api/v1", "api.example.com/api/v1"])
def test_any_other_api_base_url_is_refused(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("API_BASE_URL", url)
    with pytest.raises(api.ConfigError):
        api.base_url()


@pytest.mark.parametrize("value, expected", [("5", 5.0), ("60", 29.0), ("0", 0.1), ("soon", 20.0)])
def test_the_timeout_stays_under_the_backend_s_30_s(monkeypatch: pytest.MonkeyPatch, value: str, expected: float) -> None:
    monkeypatch.setenv("API_TIMEOUT_SECONDS", value)
    assert api.timeout_s() == expected


def test_every_call_carries_the_key_header_no_redirects_and_a_timeout() -> None:
    seen = {}

    class Recorder:
        trust_env = True

        def request(self, method, url, **kw):
            seen.update(method=method, url=url, **kw)
            raise api.requests.ConnectionError("no network in this test")

    client = api.VibeJudgeClient("vj_secret", base="http://api.test/api/v1", timeout=7, session=Recorder())
    with pytest.raises(api.ApiError) as err:
        client.stats("hack 1/2")
    assert seen["url"] == "http://api.test/api/v1/hackathons/hack%201%2F2/stats"  # ids are escaped
    assert seen["headers"]["X-API-Key"] == "vj_secret"
    assert seen["allow_redirects"] is False and seen["timeout"] == (7, 7)
    assert err.value.kind == "unreachable"
    assert "vj_secret" not in repr(client) and "vj_secret" not in str(err.value)


# -- the API's own explanation, whichever of its three shapes it used -------------------------------------
@pytest.mark.parametrize("status, body, said", [
    (404, {"detail": "Hackathon not found"}, "Hackathon not found"),
    (401, {"error": "API key inactive"}, "API key inactive"),
    (402, {"error": "Budget limit exceeded", "level": "submission", "message": "Per-submission cost limit exceeded.",
           "details": {}}, "Per-submission cost limit exceeded."),
    (500, {"detail": "Failed to trigger analysis: Analysis already in progress"}, "Analysis already in progress"),
])
def test_the_api_s_explanation_is_kept(stub: StubApi, status: int, body: dict, said: str) -> None:
    stub.fail("GET", "/hackathons", status, body=json.dumps(body).encode())
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient(stub.demo_key, base=stub.url).hackathons()
    assert err.value.status == status and said in err.value.api_message and said in err.value.message


def test_an_inactive_key_says_what_happened(stub: StubApi) -> None:
    api.VibeJudgeClient(base=stub.url).login("organizer@example.com")  # deactivates the demo key
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient(stub.demo_key, base=stub.url).hackathons()
    assert err.value.status == 401 and "no longer active" in err.value.message


def test_a_422_s_items_are_kept_by_field(stub: StubApi) -> None:
    # Forced: the dashboard never sends what the schema refuses (the contract check would fail the test).
    stub.fail("POST", "/hackathons/.+/submissions", 422, body=json.dumps({"detail": [
        {"type": "string_pattern_mismatch", "loc": ["body", "submissions", 1, "team_name"], "msg": "String should "
         "match pattern", "input": "Bad!", "ctx": {"pattern": "^[a-zA-Z0-9 _-]+$"}}]}).encode())
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient(stub.demo_key, base=stub.url).add_submissions(
            "hack-spring-2026", [{"team_name": "Fine", "repo_url": "https://github.com/a/b"},
                                 {"team_name": "Good", "repo_url": "https://github.com/a/c"}])
    assert err.value.status == 422
    assert err.value.field_errors[0][0] == "submissions.1.team_name"


def test_the_normal_states_are_recognised(stub: StubApi) -> None:
    client = api.VibeJudgeClient(stub.demo_key, base=stub.url)
    with pytest.raises(api.ApiError) as nothing_pending:
        client.estimate("hack-winter-2025")
    with pytest.raises(api.ApiError) as nothing_scored:
        client.leaderboard("hack-empty")
    client.start_analysis("hack-spring-2026")
    with pytest.raises(api.ApiError) as running:
        client.start_analysis("hack-spring-2026")
    assert nothing_pending.value.nothing_pending and nothing_scored.value.nothing_scored
    assert running.value.analysis_running and not running.value.transient


def test_the_quota_headers_are_reported(stub: StubApi) -> None:
    seen = []
    api.VibeJudgeClient(stub.demo_key, base=stub.url, on_limits=seen.append).hackathons()
    assert seen == [api.Limits(100, 99)]


def test_a_spent_quota_is_not_transient(stub: StubApi) -> None:
    stub.fail("GET", "/hackathons", 429, body=b'{"error": "Daily quota exceeded. Resets at midnight UTC", "quota_reset": 1}')
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient(stub.demo_key, base=stub.url).hackathons()
    assert err.value.quota_exhausted and not err.value.transient and "quota" in err.value.message


@pytest.mark.parametrize("body", [b"[]", b'{"estimate": {"total_cost_usd": {"expected": "cheap"}}}', b'{"estimate": true}'])
def test_an_estimate_that_breaks_the_contract_is_malformed(stub: StubApi, body: bytes) -> None:
    stub.fail("POST", "/hackathons/.+/analyze/estimate", 200, body=body)
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient(stub.demo_key, base=stub.url).estimate("hack-spring-2026")
    assert err.value.kind == "malformed"


# -- a hostile or broken API ----------------------------------------------------------------------------
def test_a_redirect_is_an_error_and_the_key_does_not_follow_it(stub: StubApi) -> None:
    catcher = StubApi(rate_per_second=1000).start()  # where the redirect points: must see no request
    try:
        stub.fail("GET", "/hackathons", 307, body=b"", headers={"Location": catcher.url + "/hackathons"})
        with pytest.raises(api.ApiError) as err:
            api.VibeJudgeClient(stub.demo_key, base=stub.url).hackathons()
        assert err.value.kind == "redirect" and "307" in err.value.message
        assert catcher.requests == []
    finally:
        catcher.stop()


@pytest.fixture
def raw_server() -> Iterator[tuple[str, list]]:
    """A bare TCP server whose answer a test scripts byte by byte: [(bytes, pause after), ...]."""
    script: list = []
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    stop = threading.Event()

    def serve() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            with conn:
                conn.recv(65536)
                try:
                    for data, pause in script:
                        conn.sendall(data)
                        time.sleep(pause)
                except OSError:
                    pass

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/api/v1", script
    stop.set()
    t.join(timeout=2)
    sock.close()


def test_a_body_sent_slowly_is_cut_at_the_deadline(raw_server) -> None:
    url, script = raw_server
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 37\r\n\r\n"
    script.extend([(head, 0.0)] + [(bytes([c]), 0.4) for c in b'{"hackathons": [], "has_more": false}'])
    started = time.monotonic()
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient("k", base=url, timeout=1.5).hackathons()
    assert err.value.kind == "timeout"
    assert time.monotonic() - started < 6.0  # 37 bytes at 0.4 s each would take 15 s (slack for a busy machine)


def test_a_body_that_stops_arriving_is_a_timeout(raw_server) -> None:
    url, script = raw_server
    script.append((b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 37\r\n\r\n{", 4.0))
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient("k", base=url, timeout=1.0).hackathons()
    assert err.value.kind == "timeout"


def test_a_body_cut_short_is_malformed(raw_server) -> None:
    url, script = raw_server
    script.append((b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 37\r\n\r\n{", 0.0))
    with pytest.raises(api.ApiError) as err:  # the server closes the connection after one byte
        api.VibeJudgeClient("k", base=url, timeout=5).hackathons()
    assert err.value.kind == "malformed"


def test_a_huge_declared_body_is_refused_unread(raw_server) -> None:
    url, script = raw_server
    script.append((b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 300000000\r\n\r\n{", 0.5))
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient("k", base=url, timeout=5).hackathons()
    assert err.value.kind == "too_large"


def test_a_huge_undeclared_body_is_cut_at_the_cap(raw_server) -> None:
    url, script = raw_server
    chunk = b"x" * 65536
    script.append((b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n", 0.0))
    script.extend([(chunk, 0.0)] * (api.MAX_RESPONSE_BYTES // len(chunk) + 20))
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient("k", base=url, timeout=10).hackathons()
    assert err.value.kind == "too_large"


# -- the CSV export: the same transport, a text answer ----------------------------------------------------
def test_the_usage_export_is_csv_bytes_read_through_the_same_transport(stub: StubApi) -> None:
    seen = []
    data = api.VibeJudgeClient(stub.demo_key, base=stub.url, on_limits=seen.append).usage_csv("2026-03-01", "2026-03-03")
    assert data.decode().splitlines() == ["date,requests,successful,failed,cost_usd", "2026-03-01,0,0,0,0.0",
                                          "2026-03-02,0,0,0,0.0", "2026-03-03,1,1,0,0.0"]
    assert seen and seen[-1].quota_remaining == 99  # the quota headers, as for every call
    assert stub.requests[-1] == "stub-api GET /api/v1/usage/export?start_date=2026-03-01&end_date=2026-03-03 -> 200"


@pytest.mark.parametrize("body, content_type, kind, said", [
    # QUIRK (observed 55-usage_export): a failed export is a 200 text/csv whose body is the error
    (b"Error exporting CSV: 'NoneType' object has no attribute 'strftime'", "text/csv; charset=utf-8", "http",
     "The API could not export the usage. The API said: Error exporting CSV: 'NoneType' object has no attribute"),
    (b"<html>A proxy's page</html>", "text/html", "malformed", "cannot read (not CSV)"),
])
def test_an_export_that_is_not_a_csv_file_is_an_error(stub: StubApi, body: bytes, content_type: str, kind: str,
                                                      said: str) -> None:
    stub.fail("GET", "/usage/export", 200, body=body, headers={"Content-Type": content_type})
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient(stub.demo_key, base=stub.url).usage_csv("2026-03-01", "2026-03-03")
    assert err.value.kind == kind and said in err.value.message


def test_an_export_larger_than_the_cap_is_refused(raw_server) -> None:
    url, script = raw_server
    script.append((b"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 300000000\r\n\r\ndate", 0.5))
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient("k", base=url, timeout=5).usage_csv("2026-03-01", "2026-03-03")
    assert err.value.kind == "too_large"
