"""What organizers manage: hackathons (create, edit, activate, delete), submissions (add, delete), and
their settings (profile, API keys, usage). Every request here also passes the contract check."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import assert_clean, button, errors, open_page, plain, texts
from streamlit.testing.v1 import AppTest

import hackathon_form
import submission_input
from stub_api.server import StubApi


def field(at: AppTest, kind: str, label: str):
    return next(w for w in getattr(at, kind) if w.label == label)


def posts(stub: StubApi, path: str) -> list[str]:
    return [r for r in stub.requests if r.startswith(f"stub-api POST /api/v1{path} ")]


# -- create ----------------------------------------------------------------------------------------------
def fill_new(at: AppTest, name: str = "Summer Sprint") -> None:
    field(at, "text_input", "Name").input(name)
    field(at, "text_area", "Description").input("Three days, one theme.")
    field(at, "date_input", "Start date").set_value(date(2026, 7, 1))
    field(at, "date_input", "End date").set_value(date(2026, 7, 3))
    field(at, "number_input", "Budget limit (USD, 0 for none)").set_value(20.0)


def test_create_a_hackathon_and_land_on_it(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "new")
    fill_new(app)
    button(app, "Create hackathon").click().run()
    assert_clean(app)
    assert app.title[0].value == "Summer Sprint"
    assert "Status: draft · 2026-07-01 to 2026-07-03 · budget $20.00" in texts(app)
    assert len(posts(stub, "/hackathons")) == 1
    made = stub.state.backend.hackathons[-1]
    assert [d["agent"] for d in made["rubric"]["dimensions"]] == ["bug_hunter", "performance", "innovation"]


def test_a_mistake_is_caught_before_sending_and_shown_by_its_field(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "new")
    fill_new(app)
    field(app, "multiselect", "Agents enabled").set_value(["bug_hunter"])
    field(app, "date_input", "End date").set_value(date(2026, 6, 1))
    button(app, "Create hackathon").click().run()
    assert_clean(app)
    assert posts(stub, "/hackathons") == []
    said = errors(app)
    assert "The end must be after the start." in said
    assert "The rubric uses agents that are not enabled: innovation, performance." in said


def test_the_api_s_422_details_go_under_their_field(app: AppTest, stub: StubApi) -> None:
    stub.fail("POST", "/hackathons", 422, times=1, body=json.dumps({"detail": [
        {"type": "string_too_long", "loc": ["body", "name"], "msg": "String should have at most 200 characters",
         "input": "x", "ctx": {"max_length": 200}},
        {"type": "value_error", "loc": ["body", "rubric", "dimensions"],
         "msg": "Value error, Dimension weights must sum to 1.0, got 0.9000", "input": [], "ctx": {"error": {}}}]}).encode())
    open_page(app, stub, "new")
    fill_new(app)
    button(app, "Create hackathon").click().run()
    assert_clean(app)
    assert app.title[0].value == "New hackathon"  # still on the form
    said = errors(app)
    assert "String should have at most 200 characters" in said
    assert "Value error, Dimension weights must sum to 1.0, got 0.9000" in said
    # In the page's order, each message comes right after its field's widget.
    order = [plain(str(getattr(n, "label", None) or getattr(n, "value", None))) for n in app.main
             if type(n).__name__ in ("TextInput", "TextArea", "DateInput", "Error", "Multiselect")]
    assert order[order.index("Name") + 1] == "String should have at most 200 characters"
    assert order[order.index("Agents enabled") - 1] == "Value error, Dimension weights must sum to 1.0, got 0.9000"


@pytest.mark.parametrize("change, problem", [
    ({"name": ""}, "name"),
    ({"rubric": {"dimensions": [{"name": "A", "weight": 0.5, "agent": "bug_hunter"}]}}, "rubric"),
    ({"rubric": {"dimensions": [{"name": "A", "weight": 1.0, "agent": "nobody"}]}}, "rubric"),
    ({"agents_enabled": []}, "agents_enabled"),
    ({"budget_limit_usd": 0.001}, "budget_limit_usd"),
    ({"description": "x" * 2001}, "description"),
])
def test_validation_follows_the_api_s_rules(change: dict, problem: str) -> None:
    body = {"name": "ok", "description": "", "start_date": None, "end_date": None,
            "rubric": {"dimensions": [{"name": "A", "weight": 1.0, "agent": "bug_hunter"}]},
            "agents_enabled": ["bug_hunter"], "ai_policy_mode": "ai_assisted", "budget_limit_usd": None}
    assert hackathon_form.validate(body) == {}
    assert list(hackathon_form.validate({**body, **change})) == [problem]


# -- edit, activate, delete ------------------------------------------------------------------------------
def test_edit_a_hackathon(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon")
    assert not any(w.label == "Name" for w in app.text_input)  # the form only when asked
    app.toggle(key="editing-hack-spring-2026").set_value(True).run()
    field(app, "text_input", "Name").set_value("Spring Build Week 2026 (edited)")
    button(app, "Save changes").click().run()
    assert_clean(app)
    assert app.title[0].value == "Spring Build Week 2026 \\(edited\\)"
    assert any(r.startswith("stub-api PUT /api/v1/hackathons/hack-spring-2026 -> 200") for r in stub.requests)
    assert app.sidebar.selectbox[0].format_func("hack-spring-2026").startswith("Spring Build Week 2026 (edited)")


def test_activate_a_draft(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon", hack_id="hack-empty")
    assert "This hackathon is a draft" in texts(app)
    button(app, "Activate").click().run()
    assert_clean(app)
    assert "Status: configured" in texts(app)


def test_delete_a_hackathon_after_confirming(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon", hack_id="hack-empty")
    button(app, "Delete hackathon").click().run()
    assert not any(r.startswith("stub-api DELETE") for r in stub.requests)  # not before the second click
    assert "cannot be undone" in texts(app)
    button(app, "Yes, delete hackathon").click().run()
    assert_clean(app)
    assert "stub-api DELETE /api/v1/hackathons/hack-empty -> 204" in stub.requests
    assert "hack-empty" not in app.sidebar.selectbox[0].options
    assert app.title[0].value == "Spring Build Week 2026"


# -- submissions -------------------------------------------------------------------------------------------
def test_add_submissions_by_pasting(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon", hack_id="hack-empty")
    box = next(t for t in app.text_area if t.label.startswith("One submission a line"))
    box.input("Nova, https://github.com/example/nova\nOrbit\thttps://github.com/example/orbit\n")
    button(app, "Add").click().run()
    assert_clean(app)
    assert [r for r in stub.requests if "POST" in r] == ["stub-api POST /api/v1/hackathons/hack-empty/submissions -> 201"]
    table = next(d.value for d in app.dataframe if "Team" in d.value.columns)
    assert list(table["Team"]) == ["Nova", "Orbit"]


def test_a_bad_line_is_named_and_nothing_is_sent(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon", hack_id="hack-empty")
    box = next(t for t in app.text_area if t.label.startswith("One submission a line"))
    box.input("Nova, https://github.com/example/nova\nBad!, https://gitlab.com/x/y\n")
    button(app, "Add").click().run()
    assert_clean(app)
    assert not any("POST" in r for r in stub.requests)
    assert any("line 2: the team name must be" in e for e in errors(app)), errors(app)


def test_a_duplicate_repository_is_the_api_s_message(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon")
    box = next(t for t in app.text_area if t.label.startswith("One submission a line"))
    box.input("Again, https://github.com/example/aurora")
    button(app, "Add").click().run()
    assert_clean(app)
    assert any("Duplicate submission" in e for e in errors(app)), errors(app)


def test_delete_a_submission_after_confirming(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon")
    app.selectbox(key="delete-sub").select("sub-ember").run()
    button(app, "Delete submission").click().run()
    button(app, "Yes, delete submission").click().run()
    assert_clean(app)
    assert "stub-api DELETE /api/v1/submissions/sub-ember -> 204" in stub.requests
    table = next(d.value for d in app.dataframe if "Team" in d.value.columns)
    assert "Ember" not in list(table["Team"])


@pytest.mark.parametrize("text, good, problem", [
    ("A, https://github.com/a/a\n\nB,https://github.com/b/b/", 2, None),
    ("A, https://github.com/a/a\nA2, https://github.com/a/a", 1, "listed twice"),
    ("No url here", 0, "line 1"),
    ("Évora, https://github.com/a/a", 0, "team name"),
])
def test_pasted_lines_are_checked_like_the_api(text: str, good: int, problem: str | None) -> None:
    ok, problems = submission_input.parse_lines(text)
    assert len(ok) == good
    assert (problem is None and not problems) or any(problem in p for p in problems)


def test_a_csv_needs_its_columns() -> None:
    ok, problems = submission_input.parse_csv(b"team_name,repo_url\nNova,https://github.com/example/nova\n")
    assert ok == [{"team_name": "Nova", "repo_url": "https://github.com/example/nova"}] and not problems
    assert submission_input.parse_csv(b"team,url\nNova,x\n")[1] == [
        "the first row must name the columns team_name and repo_url"]
    assert submission_input.parse_csv(b"\xff\xfe")[1] == ["the file is not UTF-8 text"]


# -- settings ----------------------------------------------------------------------------------------------
def test_settings_profile_keys_and_usage(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "settings")
    assert_clean(app)
    assert not any("/organizers/me" in r or "/api-keys" in r for r in stub.requests)  # only when asked
    button(app, "Show my profile").click().run()
    assert "Ada Organizer" in texts(app)
    button(app, "List my keys").click().run()
    keys = next(d.value for d in app.dataframe if "Key id" in d.value.columns)
    assert len(keys) == 1
    button(app, "Create a key").click().run()
    assert_clean(app)
    assert app.code[0].value.startswith("vj_live_")
    button(app, "List my keys").click().run()
    app.selectbox(key="key-choice").select("key-001").run()
    button(app, "Rotate").click().run()
    assert_clean(app)
    assert "Rotated. The new key (copy it now):" in texts(app)
    assert any(r.startswith("stub-api POST /api/v1/api-keys/key-001/rotate -> 200") for r in stub.requests)
    button(app, "Show usage").click().run()
    assert_clean(app)
    assert {m.label for m in app.metric} >= {"Requests", "Failed", "Cost"}


def export(app: AppTest) -> AppTest:
    field(app, "date_input", "From").set_value(date(2026, 3, 1))
    field(app, "date_input", "To").set_value(date(2026, 3, 7))
    return button(app, "Export usage as CSV").click().run()


def test_the_usage_export_is_read_on_click_then_offered_as_a_download(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "settings")
    assert not any("/usage/export" in r for r in stub.requests)  # only when asked
    assert not app.get("download_button")
    export(app)
    assert_clean(app)
    assert [r for r in stub.requests if "/usage/export" in r] == [
        "stub-api GET /api/v1/usage/export?start_date=2026-03-01&end_date=2026-03-07 -> 200"]
    assert app.get("download_button")[0].proto.label == "Download usage CSV"
    assert app.session_state["usage-export"][2].startswith(b"date,requests,successful,failed,cost_usd\n2026-03-01,")
    assert "7 rows, 2026-03-01 to 2026-03-07" in texts(app)
    app.run()  # a redraw (the download button's own click) keeps the file and reads nothing
    assert app.get("download_button") and sum("/usage/export" in r for r in stub.requests) == 1
    field(app, "date_input", "To").set_value(date(2026, 3, 8)).run()
    assert not app.get("download_button")  # not the file of these dates


@pytest.mark.parametrize("how, said", [
    ({"status": 500}, "Could not export your usage. The VibeJudge API had a problem (500)."),
    ({"status": 200, "body": b"Error exporting CSV: 'NoneType' object has no attribute 'strftime'",
      "headers": {"Content-Type": "text/csv; charset=utf-8"}},
     "Could not export your usage. The API could not export the usage. The API said: Error exporting CSV"),
])
def test_a_failed_usage_export_is_a_message_and_no_file(app: AppTest, stub: StubApi, how: dict, said: str) -> None:
    stub.fail("GET", "/usage/export", **how)
    open_page(app, stub, "settings")
    export(app)
    assert_clean(app)
    assert any(e.startswith(said) for e in errors(app)), errors(app)
    assert not app.get("download_button")


def test_an_empty_usage_export_says_so(app: AppTest, stub: StubApi) -> None:
    stub.fail("GET", "/usage/export", 200, body=b"", headers={"Content-Type": "text/csv; charset=utf-8"})
    open_page(app, stub, "settings")
    export(app)
    assert_clean(app)
    assert errors(app) == [] and not app.get("download_button")
    assert "The API exported nothing for these dates." in texts(app)


def test_revoking_the_session_s_own_key_then_says_so(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "settings")
    button(app, "List my keys").click().run()
    button(app, "Revoke key").click().run()
    button(app, "Yes, revoke key").click().run()
    assert_clean(app)
    assert any(r.startswith("stub-api DELETE /api/v1/api-keys/") for r in stub.requests)
    button(app, "List my keys").click().run()
    assert any("no longer active (401)" in e for e in errors(app)), errors(app)


def test_the_picker_keeps_a_hackathon_whose_label_changed(app: AppTest, stub: StubApi) -> None:
    # Its label shows the status: activating it changes the label, which once sent the picker back to
    # the first hackathon (found by the browser walkthrough).
    open_page(app, stub, "hackathon", hack_id="hack-empty")
    button(app, "Activate").click().run()
    assert app.sidebar.selectbox[0].value == "hack-empty"
    app.switch_page("views/analysis.py").run()
    assert_clean(app)
    assert app.title[0].value == "Analysis: Autumn Draft"


def test_analyze_one_submission(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon")
    app.selectbox(key="analyze-one").select("sub-gale").run()
    button(app, "Analyze this one").click().run()
    assert_clean(app)
    assert "Analysis of Gale started." in texts(app)
    job = stub.state.backend.jobs["hack-spring-2026"]
    assert job["sub_ids"] == ["sub-gale"]
    app.switch_page("views/analysis.py").run()
    assert_clean(app)
    assert app.progress  # the job of one submission, followed
    assert app.session_state["analysis-live-hack-spring-2026"] is True
