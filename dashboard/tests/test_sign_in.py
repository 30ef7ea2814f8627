"""Signing in: by API key, by e-mail (no password; a clear warning that it issues a new key), registering;
the key stays in the session only; a link or reload lands on the page asked for once signed in."""

from __future__ import annotations

import logging

import pytest
from conftest import APP, PAGES, assert_clean, button, errors, texts
from streamlit.testing.v1 import AppTest

from stub_api.server import StubApi


def sign_in_with_key(at: AppTest, key: str) -> AppTest:
    at.run()
    at.text_input[0].input(key)
    return button(at, "Sign in").click().run()


def by_label(at: AppTest, label: str):
    return next(t for t in at.text_input if t.label == label)


def test_the_first_page_asks_to_sign_in_without_a_password_field(app: AppTest) -> None:
    app.run()
    assert_clean(app)
    assert app.title[0].value == "VibeJudge organizer dashboard"
    labels = [t.label for t in app.text_input]
    assert labels[:2] == ["API key", "E-mail"] and not any("assword" in label for label in labels)
    assert "api_key" not in app.session_state


def test_the_e_mail_tab_warns_that_it_issues_a_new_key(app: AppTest) -> None:
    app.run()
    warning = " ".join(w.value for w in app.warning)
    assert "issue a new API key and deactivate your current one" in warning


def test_a_valid_key_signs_in_and_lists_the_hackathons(app: AppTest, stub: StubApi) -> None:
    sign_in_with_key(app, stub.demo_key)
    assert_clean(app)
    assert app.session_state["api_key"] == stub.demo_key
    assert app.title[0].value == "Spring Build Week 2026"  # the hackathon page of the first hackathon
    assert app.sidebar.selectbox[0].value == "hack-spring-2026"
    assert "stub-api GET /api/v1/hackathons -> 200" in stub.requests


def test_a_rejected_key_is_a_message_and_no_session(app: AppTest, stub: StubApi) -> None:
    sign_in_with_key(app, "vj_not_a_key")
    assert_clean(app)
    assert any("rejected (401)" in e and "Invalid API key" in e for e in errors(app)), errors(app)
    assert "api_key" not in app.session_state


def test_an_empty_key_asks_for_one_without_calling_the_api(app: AppTest, stub: StubApi) -> None:
    sign_in_with_key(app, "   ")
    assert "Paste your API key first." in [w.value for w in app.warning]
    assert stub.requests == []


def test_e_mail_sign_in_needs_the_box_ticked_then_issues_and_shows_a_new_key(app: AppTest, stub: StubApi) -> None:
    old = stub.demo_key
    app.run()
    by_label(app, "E-mail").input("organizer@example.com")
    button(app, "Issue a new key and sign in").click().run()
    assert stub.requests == []  # not without the box ticked
    assert any("Tick the box first" in w.value for w in app.warning)
    app.checkbox[0].check()
    button(app, "Issue a new key and sign in").click().run()
    assert_clean(app)
    new = app.session_state["api_key"]
    assert new != old and new.startswith("vj_live_")
    assert stub.requests[:2] == ["stub-api POST /api/v1/organizers/login -> 200", "stub-api GET /api/v1/hackathons -> 200"]
    assert app.code[0].value == new  # shown once, to copy
    assert any("previous key no longer works" in s.value for s in app.success)
    app.run()
    assert not app.code  # not again


def test_an_unknown_e_mail_says_so(app: AppTest, stub: StubApi) -> None:
    app.run()
    by_label(app, "E-mail").input("nobody@example.com")
    app.checkbox[0].check()
    button(app, "Issue a new key and sign in").click().run()
    assert_clean(app)
    assert "No organizer is registered with that e-mail. Register first." in errors(app)
    assert "api_key" not in app.session_state


def test_register_signs_in_with_the_new_key(app: AppTest, stub: StubApi) -> None:
    app.run()
    by_label(app, "Your e-mail").input("new@example.com")
    by_label(app, "Your name").input("New Organizer")
    button(app, "Register").click().run()
    assert_clean(app)
    assert app.session_state["api_key"].startswith("vj_live_")
    assert "You have no hackathons yet" in texts(app)


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


@pytest.mark.parametrize("page, title", [("analysis", "Analysis: Spring Build Week 2026"),
                                         ("leaderboard", "Leaderboard: Spring Build Week 2026"),
                                         ("settings", "Settings")])
def test_a_link_or_reload_signed_out_shows_sign_in_then_that_page(app: AppTest, stub: StubApi, page: str,
                                                                   title: str) -> None:
    app.switch_page(PAGES[page])  # a new session at /analysis (a reload, or a link)
    app.run()
    assert_clean(app)
    assert app.title[0].value == "VibeJudge organizer dashboard"  # not "Page not found"
    app.text_input[0].input(stub.demo_key)
    button(app, "Sign in").click().run()
    assert_clean(app)
    assert app.title[0].value == title


def test_a_link_can_name_the_hackathon(app: AppTest, stub: StubApi) -> None:
    app.query_params["hack"] = "hack-winter-2025"
    sign_in_with_key(app, stub.demo_key)
    assert_clean(app)
    assert app.title[0].value == "Winter Jam 2025"
    assert app.query_params["hack"] == "hack-winter-2025"


def test_neither_key_is_logged(app: AppTest, stub: StubApi, caplog: pytest.LogCaptureFixture,
                               capfd: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("vibejudge").propagate = True  # let caplog see the dashboard's own logger too
    try:
        sign_in_with_key(app, stub.demo_key)
        [b for b in app.sidebar.button if b.label == "Sign out"][0].click().run()
        by_label(app, "E-mail").input("organizer@example.com")
        app.checkbox[0].check()
        button(app, "Issue a new key and sign in").click().run()
        new = app.session_state["api_key"]
    finally:
        logging.getLogger("vibejudge").propagate = False
    out, err = capfd.readouterr()
    logged = caplog.text + out + err
    assert "GET /hackathons -> 200" in logged  # the calls are logged...
    for secret in (stub.demo_key, new):
        assert secret not in logged  # ...without what authenticates them
