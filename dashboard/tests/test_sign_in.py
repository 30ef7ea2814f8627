"""The sign-in page: by API key or by email and password; the key stays in the session only."""

from __future__ import annotations

import logging

import pytest
from conftest import APP, assert_clean, errors
from streamlit.testing.v1 import AppTest

from stub_api.server import StubApi


def sign_in_with_key(at: AppTest, key: str) -> AppTest:
    at.run()
    at.text_input[0].input(key)
    return at.button[0].click().run()


def test_the_first_page_asks_to_sign_in(app: AppTest) -> None:
    app.run()
    assert_clean(app)
    assert app.title[0].value == "VibeJudge organizer dashboard"
    assert [t.label for t in app.text_input] == ["API key", "Email", "Password"]
    assert "api_key" not in app.session_state


def test_a_valid_key_signs_in_and_lists_the_hackathons(app: AppTest, stub: StubApi) -> None:
    sign_in_with_key(app, stub.demo_key)
    assert_clean(app)
    assert app.session_state["api_key"] == stub.demo_key
    # signed in: the hackathon page of the first hackathon, and the picker in the sidebar
    assert app.title[0].value == "Spring Build Week 2026"
    assert app.sidebar.selectbox[0].value == "hack-spring-2026"
    assert "stub-api GET /api/v1/hackathons -> 200" in stub.requests


def test_a_rejected_key_is_a_message_and_no_session(app: AppTest, stub: StubApi) -> None:
    sign_in_with_key(app, "vj_not_a_key")
    assert_clean(app)
    assert any("rejected (401)" in e for e in errors(app)), errors(app)
    assert "api_key" not in app.session_state


def test_an_empty_key_asks_for_one_without_calling_the_api(app: AppTest, stub: StubApi) -> None:
    sign_in_with_key(app, "   ")
    assert [w.value for w in app.warning] == ["Paste your API key first."]
    assert stub.requests == []


def test_email_and_password_are_exchanged_for_the_key(app: AppTest, stub: StubApi) -> None:
    app.run()
    app.text_input[1].input("organizer@example.com")
    app.text_input[2].input("demo-password")
    app.button[1].click().run()
    assert_clean(app)
    assert app.session_state["api_key"] == stub.demo_key
    assert stub.requests[:2] == ["stub-api POST /api/v1/organizers/login -> 200",
                                 "stub-api GET /api/v1/hackathons -> 200"]


def test_a_wrong_password_is_a_message(app: AppTest) -> None:
    app.run()
    app.text_input[1].input("organizer@example.com")
    app.text_input[2].input("wrong")
    app.button[1].click().run()
    assert_clean(app)
    assert any("(401)" in e and "Invalid email or password" in e for e in errors(app)), errors(app)
    assert "api_key" not in app.session_state


def test_sign_out_forgets_the_key(app: AppTest, stub: StubApi) -> None:
    sign_in_with_key(app, stub.demo_key)
    [b for b in app.sidebar.button if b.label == "Sign out"][0].click().run()
    assert_clean(app)
    assert "api_key" not in app.session_state
    assert app.title[0].value == "VibeJudge organizer dashboard"


def test_one_session_s_key_is_not_another_s(app: AppTest, stub: StubApi) -> None:
    sign_in_with_key(app, stub.demo_key)
    other = AppTest.from_file(APP, default_timeout=30).run()
    assert "api_key" not in other.session_state
    assert other.title[0].value == "VibeJudge organizer dashboard"


def test_neither_key_nor_password_is_logged(app: AppTest, stub: StubApi, caplog: pytest.LogCaptureFixture,
                                            capfd: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("vibejudge").propagate = True  # let caplog see the dashboard's own logger too
    try:
        sign_in_with_key(app, stub.demo_key)
        [b for b in app.sidebar.button if b.label == "Sign out"][0].click().run()
        app.text_input[1].input("organizer@example.com")
        app.text_input[2].input("demo-password")
        app.button[1].click().run()
    finally:
        logging.getLogger("vibejudge").propagate = False
    out, err = capfd.readouterr()
    logged = caplog.text + out + err
    assert "GET /hackathons -> 200" in logged  # the calls are logged...
    for secret in (stub.demo_key, "demo-password"):
        assert secret not in logged  # ...without what authenticates them
