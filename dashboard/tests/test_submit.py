"""The participants' page, Submit a project: public routes (no key), so it works signed out and signed in,
checks a submission as the API does, and shows the API's refusals under their field."""

from __future__ import annotations

import json

import pytest
import streamlit
from conftest import PAGES, assert_clean, button, errors, open_page, texts
from streamlit.testing.v1 import AppTest

from stub_api.server import StubApi

OPEN = ["hack-spring-2026", "hack-budget-bash", "hack-other"]  # the configured ones, whoever organizes them


def signed_out(app: AppTest) -> AppTest:
    app.switch_page(PAGES["submit"])
    return app.run()


def submit(app: AppTest, team: str, repo: str, hack_id: str | None = None) -> AppTest:
    if hack_id:
        app.selectbox(key="submit-to").select(hack_id).run()
    next(t for t in app.text_input if t.label == "Team name").input(team)
    next(t for t in app.text_input if t.label == "Repository URL").input(repo)
    return button(app, "Submit").click().run()


def public_posts(stub: StubApi) -> list[str]:
    return [r for r in stub.requests if r.startswith("stub-api POST /api/v1/public/")]


def test_signed_out_a_participant_submits_without_signing_in(app: AppTest, stub: StubApi) -> None:
    signed_out(app)
    assert_clean(app)
    assert [t.value for t in app.title] == ["Submit a project"]  # not the sign-in form
    assert app.selectbox(key="submit-to").options == ["Spring Build Week 2026", "Budget Bash", "Someone Else's Hack"]
    said = texts(app)
    assert "2026-03-02 to 2026-03-09 · 7 submitted so far" in said and "A week of building with AI agents." in said
    submit(app, "Walk In", "https://github.com/example/walk-in")
    assert_clean(app)
    assert public_posts(stub) == ["stub-api POST /api/v1/public/hackathons/hack-spring-2026/submissions -> 201"]
    assert "Submitted Walk In to Spring Build Week 2026." in texts(app)
    added = stub.state.backend.find_hackathon("hack-spring-2026")["submissions"][-1]
    assert (added["team_name"], added["status"]) == ("Walk In", "pending")
    app.run()
    assert "8 submitted so far" in texts(app)  # the list read again after a submission
    assert all("X-API-Key" not in ex.request_headers for ex in stub.exchanges)


def test_signed_in_it_works_alike_and_never_sends_the_key(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "submit")
    assert_clean(app)
    submit(app, "Late Team", "https://github.com/example/late-team", hack_id="hack-other")
    assert_clean(app)
    assert public_posts(stub) == ["stub-api POST /api/v1/public/hackathons/hack-other/submissions -> 201"]
    public = [ex for ex in stub.exchanges if ex.target.startswith("/api/v1/public/")]
    assert len(public) == 2 and all("X-API-Key" not in ex.request_headers for ex in public)


def test_a_bad_team_name_and_url_are_named_before_sending(app: AppTest, stub: StubApi) -> None:
    signed_out(app)
    submit(app, "Bad!", "https://gitlab.com/x/y")
    assert_clean(app)
    assert public_posts(stub) == []
    assert errors(app) == ["The team name must be 1 to 50 letters, digits, spaces, - or _.",
                           "The repository must be https://github.com/OWNER/REPO."]


def test_the_api_s_422_details_are_shown_under_their_field(app: AppTest, stub: StubApi) -> None:
    stub.fail("POST", "/public/hackathons/.+/submissions", 422, times=1, body=json.dumps({"detail": [
        {"type": "string_pattern_mismatch", "loc": ["body", "submissions", 0, "repo_url"],
         "msg": "String should match pattern '^https://github\\.com/[\\w\\-\\.]+/[\\w\\-\\.]+/?$'",
         "input": "x", "ctx": {"pattern": "^https://github\\.com/"}}]}).encode())
    signed_out(app)
    submit(app, "Walk In", "https://github.com/example/walk-in")
    assert_clean(app)
    assert errors(app) == ["String should match pattern '^https://github\\.com/[\\w\\-\\.]+/[\\w\\-\\.]+/?$'"]
    order = [getattr(n, "label", None) or getattr(n, "value", None) for n in app.main
             if type(n).__name__ in ("TextInput", "Error")]
    assert order[order.index("Repository URL") + 1].startswith("String should match pattern")
    assert "Submitted" not in texts(app)


def test_a_duplicate_repository_is_the_api_s_message(app: AppTest, stub: StubApi) -> None:
    signed_out(app)
    submit(app, "Again", "https://github.com/example/aurora")
    assert_clean(app)
    assert any(e.startswith("Could not submit the project.") and "Duplicate submission" in e for e in errors(app))


def test_no_open_hackathon_is_said_plainly(app: AppTest, stub: StubApi) -> None:
    for h in stub.state.backend.hackathons:
        h["status"] = "completed"
    signed_out(app)
    assert_clean(app)
    assert errors(app) == []
    assert "No hackathon is open for submissions right now." in texts(app)
    assert not app.text_input


def test_a_failure_to_list_them_is_a_message_and_refresh_reads_again(app: AppTest, stub: StubApi) -> None:
    stub.fail("GET", "/public/hackathons", 503, times=1)
    signed_out(app)
    assert_clean(app)
    assert errors(app) == ["Could not load the hackathons open for submissions. The VibeJudge API had a problem (503). "
                           "Try again in a minute; if it persists, the service is down. The API said: Service "
                           "Unavailable"]
    assert not app.text_input
    button(app, "Refresh the list").click().run()
    assert_clean(app)
    assert app.selectbox(key="submit-to").options == ["Spring Build Week 2026", "Budget Bash", "Someone Else's Hack"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_menu_shows_the_page_signed_out_and_signed_in(app: AppTest, stub: StubApi, monkeypatch: pytest.MonkeyPatch,
                                                          signed_in: bool) -> None:
    made: dict[str, str] = {}
    real = streamlit.Page

    def page(*args, **kw):
        made[kw["title"]] = kw.get("visibility", "visible")
        return real(*args, **kw)

    monkeypatch.setattr(streamlit, "Page", page)
    if signed_in:
        app.session_state["api_key"] = stub.demo_key
    app.run()
    assert_clean(app)
    visible = [title for title, v in made.items() if v == "visible"]
    assert visible == (["Hackathon", "Analysis", "Leaderboard", "New hackathon", "Settings", "Submit a project"]
                       if signed_in else ["Sign in", "Submit a project"])
