"""The API client on its own: configuration, paging, shapes, and what an error message carries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import api
from stub_api.server import FIXTURES, StubApi


def test_base_url_and_timeout_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("API_BASE_URL", raising=False)
    monkeypatch.delenv("API_TIMEOUT_SECONDS", raising=False)
    assert api.base_url() == "http://localhost:8000/api/v1"
    assert api.timeout_s() == 20.0
    monkeypatch.setenv("API_BASE_URL", "https://x.execute-api.eu-west-1.amazonaws.com/dev/api/v1/")
    assert api.base_url() == "https://x.execute-api.eu-west-1.amazonaws.com/dev/api/v1"


@pytest.mark.parametrize("value, expected", [("5", 5.0), ("60", 29.0), ("0", 0.1), ("soon", 20.0)])
def test_the_timeout_stays_under_the_backend_s_30_s(monkeypatch: pytest.MonkeyPatch, value: str, expected: float) -> None:
    monkeypatch.setenv("API_TIMEOUT_SECONDS", value)
    assert api.timeout_s() == expected


def test_every_call_carries_the_key_header_and_a_timeout() -> None:
    seen = {}

    class Recorder:
        def request(self, method, url, **kw):
            seen.update(method=method, url=url, **kw)
            raise api.requests.ConnectionError("no network in this test")

    client = api.VibeJudgeClient("vj_secret", base="http://api.test/api/v1", timeout=7, session=Recorder())
    with pytest.raises(api.ApiError) as err:
        client.stats("hack 1/2")
    assert seen["url"] == "http://api.test/api/v1/hackathons/hack%201%2F2/stats"  # ids are escaped
    assert seen["headers"]["X-API-Key"] == "vj_secret"
    assert seen["timeout"] == 7
    assert err.value.kind == "unreachable"
    assert "vj_secret" not in repr(client) and "vj_secret" not in str(err.value)


def test_hackathons_follows_the_cursor_across_pages(tmp_path: Path) -> None:
    data = json.loads(FIXTURES.read_text())
    template = data["hackathons"][0]
    data["hackathons"] = [dict(template, hack_id=f"hack-{i:02d}", name=f"Hack {i}") for i in range(45)]
    fixtures = tmp_path / "many.json"
    fixtures.write_text(json.dumps(data))
    stub = StubApi(fixtures=fixtures).start()
    try:
        found = api.VibeJudgeClient(stub.demo_key, base=stub.url).hackathons()
    finally:
        stub.stop()
    assert [h["hack_id"] for h in found] == [f"hack-{i:02d}" for i in range(45)]
    assert stub.requests == ["stub-api GET /api/v1/hackathons -> 200",
                             "stub-api GET /api/v1/hackathons?cursor=20 -> 200",
                             "stub-api GET /api/v1/hackathons?cursor=40 -> 200"]


def test_the_api_s_own_detail_is_kept_short_and_on_one_line(stub: StubApi) -> None:
    stub.fail("GET", "/hackathons", 409, body=json.dumps({"detail": "line one\nline two " + "x" * 500}).encode())
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient(stub.demo_key, base=stub.url).hackathons()
    assert err.value.status == 409
    assert "The API said: line one line two xxx" in err.value.message
    assert "\n" not in err.value.message and len(err.value.message) < 400


@pytest.mark.parametrize("body", [b"[]", b'{"estimate": {"total_cost_usd": {"expected": "cheap"}}}', b'{"estimate": true}'])
def test_an_estimate_that_breaks_the_contract_is_malformed(stub: StubApi, body: bytes) -> None:
    stub.fail("POST", "/hackathons/.+/analyze/estimate", 200, body=body)
    with pytest.raises(api.ApiError) as err:
        api.VibeJudgeClient(stub.demo_key, base=stub.url).estimate("hack-spring-2026")
    assert err.value.kind == "malformed"


def test_a_boolean_is_not_a_count(stub: StubApi) -> None:
    stub.fail("GET", "/hackathons/.+/stats", 200, body=b'{"submission_count": true, "verified_count": 1, '
                                                     b'"pending_count": 0, "participant_count": 1}')
    with pytest.raises(api.ApiError, match="submission_count"):
        api.VibeJudgeClient(stub.demo_key, base=stub.url).stats("hack-spring-2026")


def test_login_returns_the_key(stub: StubApi) -> None:
    assert api.VibeJudgeClient(base=stub.url).login("organizer@example.com", "demo-password") == stub.demo_key
