"""Every failure the API can give is a clear message in the page, on every page, never a traceback."""

from __future__ import annotations

import pytest
from conftest import assert_clean, closed_port, errors, open_page, texts
from streamlit.testing.v1 import AppTest

from stub_api.server import StubApi

# How the stand-in fails (see StubApi.fail), and what the organizer must read then.
FAULTS: dict[str, tuple[dict, str]] = {
    "timeout": ({"status": 504, "delay_s": 2.0}, "did not answer within 1 s"),  # API_TIMEOUT_SECONDS=1
    "401": ({"status": 401}, "The API key was rejected (401)"),
    "402": ({"status": 402}, "(402)"),
    "404": ({"status": 404}, "Not found (404)"),
    "429": ({"status": 429}, "Too many requests (429)"),
    "500": ({"status": 500}, "had a problem (500)"),
    "503": ({"status": 503}, "had a problem (503)"),
    "not JSON": ({"status": 200, "body": b"<html><body>A proxy's error page</body></html>"}, "cannot read (not JSON)"),
    "JSON of the wrong shape": ({"status": 200, "body": b'{"unexpected": true}'}, "cannot read"),
}


HACKATHON_PAGES = ["hackathon", "analysis", "leaderboard"]


def shows(at: AppTest, text: str) -> bool:
    return text in texts(at)


@pytest.mark.parametrize("fault", list(FAULTS))
def test_sign_in_failure_is_a_message(app: AppTest, stub: StubApi, fault: str) -> None:
    how, message = FAULTS[fault]
    stub.fail("GET", "/hackathons", **how)
    app.run()
    app.text_input[0].input(stub.demo_key)
    app.button[0].click().run()
    assert_clean(app)
    assert any(e.startswith("Could not sign in. ") and message in e for e in errors(app)), errors(app)
    assert "api_key" not in app.session_state


def test_unreachable_api_is_a_message(app: AppTest, stub: StubApi, monkeypatch: pytest.MonkeyPatch) -> None:
    dead = f"http://127.0.0.1:{closed_port()}/api/v1"
    monkeypatch.setenv("API_BASE_URL", dead)
    app.run()
    app.text_input[0].input(stub.demo_key)
    app.button[0].click().run()
    assert_clean(app)
    assert shows(app, f"Cannot reach the VibeJudge API at {dead}. Check API_BASE_URL"), errors(app)


@pytest.mark.parametrize("page", HACKATHON_PAGES)
@pytest.mark.parametrize("fault", list(FAULTS))
def test_page_failure_is_a_message(app: AppTest, stub: StubApi, page: str, fault: str) -> None:
    how, message = FAULTS[fault]
    stub.fail("*", "/hackathons/.+", **how)  # everything the page asks about the hackathon
    open_page(app, stub, page)
    assert_clean(app)
    assert shows(app, message), errors(app)


@pytest.mark.parametrize("page", HACKATHON_PAGES)
def test_page_with_the_api_gone_is_a_message(app: AppTest, stub: StubApi, page: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_BASE_URL", f"http://127.0.0.1:{closed_port()}/api/v1")
    open_page(app, stub, page)
    assert_clean(app)
    assert shows(app, "Could not load your hackathons. Cannot reach the VibeJudge API"), errors(app)


def test_a_key_rejected_later_offers_to_sign_in_again(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon")
    stub.fail("*", "/hackathons/.+", status=401)
    next(b for b in app.button if b.label == "Reload from the API").click().run()
    again = [b for b in app.button if b.label == "Sign in again"]
    assert again, [b.label for b in app.button]
    again[0].click().run()
    assert_clean(app)
    assert "api_key" not in app.session_state
    assert app.title[0].value == "VibeJudge organizer dashboard"


def test_a_hackathon_deleted_meanwhile_is_not_found(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon")
    stub.state.backend.hackathons.pop(0)  # gone, but still listed in this session
    next(b for b in app.button if b.label == "Reload from the API").click().run()
    assert_clean(app)
    assert shows(app, "Could not load this hackathon's numbers. Not found (404)"), errors(app)


def test_rate_limited_start_is_a_message(app: AppTest, stub: StubApi) -> None:
    stub.fail("POST", "/hackathons/.+/analyze", status=429,
              body=b'{"error": "Rate limit exceeded: 10 req/sec", "retry_after": 1}', headers={"Retry-After": "1"})
    open_page(app, stub, "analysis")
    app.checkbox[0].check().run()
    next(b for b in app.button if b.label == "Start analysis").click().run()
    assert_clean(app)
    assert shows(app, "Could not start the analysis. Too many requests (429)"), errors(app)


def test_a_spent_quota_says_when_it_resets(app: AppTest, stub: StubApi) -> None:
    stub.fail("GET", "/hackathons/.+/stats", status=429,
              body=b'{"error": "Daily quota exceeded. Resets at midnight UTC", "quota_reset": 1796256000}')
    open_page(app, stub, "hackathon")
    assert_clean(app)
    assert shows(app, "daily request quota is used up (429); it resets at midnight UTC"), errors(app)


def test_an_inactive_key_says_why_and_offers_to_sign_in_again(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon")
    import requests  # the organizer signed in by e-mail elsewhere: this session's key is deactivated

    requests.post(stub.url + "/organizers/login", json={"email": "organizer@example.com"}, timeout=5)
    app.session_state["hackathon_details"] = {}
    app.run()
    assert_clean(app)
    assert shows(app, "This API key is no longer active (401)"), errors(app)
    assert shows(app, "The API said: API key inactive"), errors(app)
    assert any(b.label == "Sign in again" for b in app.button)


def test_a_bug_in_a_page_is_a_message_not_a_traceback(app: AppTest, stub: StubApi,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import api

    def broken(self, hack_id):  # not an ApiError: a programming error the last guard must catch
        raise KeyError("oops")

    monkeypatch.setattr(api.VibeJudgeClient, "stats", broken)
    open_page(app, stub, "hackathon")
    assert not app.exception
    assert any("Something went wrong while drawing this page" in e for e in errors(app)), errors(app)
