"""Each signed-in page on its normal path, driven by AppTest against the stand-in API."""

from __future__ import annotations

from conftest import assert_clean, errors, open_page
from streamlit.testing.v1 import AppTest

from stub_api.server import StubApi


LIVE = "analysis-live-hack-spring-2026"


def start_button(at: AppTest):
    return next(b for b in at.button if b.label == "Start analysis")


# -- hackathon -----------------------------------------------------------------------------------------
def test_hackathon_page_shows_the_numbers_and_the_submissions(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon")
    assert_clean(app)
    assert app.title[0].value == "Spring Build Week 2026"
    assert {m.label: m.value for m in app.metric} == {
        "Submissions": "5", "Verified": "4", "Pending": "1", "Participants": "14"}
    table = app.dataframe[0].value
    assert list(table["Team"]) == ["Aurora", "Basalt", "Cirrus", "Delta Dash", "Ember"]
    assert list(table["Members"]) == [3, 2, 4, 2, 3]


def test_picking_another_hackathon_in_the_sidebar_shows_it(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon")
    app.sidebar.selectbox[0].select("hack-tiny-budget").run()
    assert_clean(app)
    assert app.title[0].value == "Budget Bash"
    assert {m.label: m.value for m in app.metric}["Submissions"] == "2"


def test_a_hackathon_without_submissions_says_so(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "hackathon", hack_id="hack-empty")
    assert_clean(app)
    assert "No submissions yet." in [i.value for i in app.info]


def test_an_organizer_without_hackathons_is_told_how_to_start(app: AppTest, stub: StubApi) -> None:
    stub.state.fixtures["hackathons"] = []
    open_page(app, stub, "hackathon")
    assert_clean(app)
    assert any("no hackathons yet" in i.value for i in app.info)


# -- analysis ------------------------------------------------------------------------------------------
def test_analysis_shows_the_estimate_before_it_can_start(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "analysis")
    assert_clean(app)
    assert [(m.label, m.value) for m in app.metric] == [("Expected cost of analyzing every submission", "$0.25")]
    assert start_button(app).disabled  # not before the estimate is accepted
    assert not any("/analyze -> " in r for r in stub.requests)
    app.checkbox[0].check().run()
    assert not start_button(app).disabled


def test_starting_an_analysis_then_following_its_progress_to_the_end(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "analysis")
    app.checkbox[0].check().run()
    start_button(app).click().run()
    assert_clean(app)
    assert app.success[0].value == "Analysis started: job `job-hack-spring-2026-1`, estimated $0.25."
    assert app.session_state[LIVE] is True  # polled every 5 s while it runs
    posts = [r for r in stub.requests if r.startswith("stub-api POST")]
    assert posts[-2:] == ["stub-api POST /api/v1/hackathons/hack-spring-2026/analyze/estimate -> 200",
                          "stub-api POST /api/v1/hackathons/hack-spring-2026/analyze -> 202"]
    seen = []
    for _ in range(6):  # each refresh polls the status once; the stand-in moves two submissions a poll
        seen.append(app.progress[0].value)
        if app.success and "complete" in app.success[-1].value:
            break
        next(b for b in app.button if b.label == "Refresh progress").click().run()
        assert_clean(app)
    assert seen == sorted(seen) and seen[-1] == 100, seen
    assert "Analysis complete: the leaderboard is ready." in [s.value for s in app.success]
    assert app.session_state[LIVE] is False  # and no longer once it is over


def test_a_job_started_elsewhere_is_followed_live(app: AppTest, stub: StubApi) -> None:
    import requests

    requests.post(stub.url + "/hackathons/hack-spring-2026/analyze", json={}, timeout=5,
                  headers={"X-API-Key": stub.demo_key})
    open_page(app, stub, "analysis")
    assert_clean(app)
    assert app.session_state[LIVE] is True
    assert app.progress[0].value < 100


def test_no_analysis_yet_is_information_not_an_error(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "analysis")
    assert "No analysis has been started for this hackathon yet." in [i.value for i in app.info]
    assert errors(app) == []


# -- leaderboard ---------------------------------------------------------------------------------------
def test_leaderboard_ranks_the_teams_in_a_chart_and_a_table(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "leaderboard")
    assert_clean(app)
    assert app.title[0].value == "Leaderboard: Spring Build Week 2026"
    assert {m.label: m.value for m in app.metric} == {"Submissions": "5", "Analyzed": "4"}
    assert len(app.get("vega_lite_chart")) == 1
    table = app.dataframe[0].value
    assert list(table["Team"]) == ["Cirrus", "Aurora", "Basalt", "Ember"]
    assert list(table["Rank"]) == [1, 2, 3, 4]
    assert list(table["Recommendation"])[:2] == ["must interview", "must interview"]


def test_a_leaderboard_with_nothing_analyzed_says_what_to_do(app: AppTest, stub: StubApi) -> None:
    open_page(app, stub, "leaderboard", hack_id="hack-tiny-budget")
    assert_clean(app)
    assert "Nothing analyzed yet: start an analysis on the Analysis page." in [i.value for i in app.info]
    assert app.get("vega_lite_chart") == []
