"""What a hostile or broken API cannot do through the pages: inject markdown, make a `javascript:` URL
clickable, or get the key sent in clear. (The client's own defences are in test_api.py.)"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import APP, assert_clean, open_page
from streamlit.testing.v1 import AppTest

import safe
from stub_api.server import StubApi

EVIL_NAME = "[Click me](javascript:alert(1)) **bold** :red[alarm] <img src=x onerror=alert(1)> $x^2$"
EVIL_URL = "javascript:alert(document.cookie)"


@pytest.fixture
def hostile(stub: StubApi) -> StubApi:
    h = stub.state.backend.find_hackathon("hack-spring-2026")
    h["name"] = EVIL_NAME
    h["description"] = "# Heading\n[phish](https://evil.example) ![img](https://evil.example/x.png)"
    h["submissions"][0]["repo_url"] = EVIL_URL  # stored by another client; our schema check is the API's job
    h["submissions"][1]["team_name"] = "**Team** [x](javascript:1)"
    h["submissions"][0]["strengths"] = ["[free money](https://evil.example)"]
    h["submissions"][0]["team_dynamics"] = {"[lead](https://evil.example)": "**all** of it", "notes": [EVIL_NAME]}
    h["submissions"][0]["strategy_analysis"] = {"approach": EVIL_NAME, "links": {"x": "[y](javascript:1)"}}
    h["submissions"][0]["actionable_feedback"] = [{"priority": ":red[urgent]", "finding": EVIL_NAME,
                                                   "recommendation": "[fix](https://evil.example)",
                                                   "code_example": "<script>alert(1)</script>"}]
    return stub


def rendered_markdown(at: AppTest) -> list[str]:
    out = []
    for kind in ("title", "markdown", "caption", "info", "warning", "success", "error"):
        out.extend(str(e.value) for e in getattr(at, kind))
    return out


@pytest.mark.parametrize("text", [EVIL_NAME, "[a](javascript:x)", "line\nbreak", ":material/home: *x* `y` $z$"])
def test_md_leaves_nothing_for_markdown_to_act_on(text: str) -> None:
    escaped = safe.md(text)
    unescaped_specials = [c for i, c in enumerate(escaped) if c in "[]()*_`$:<>#!" and (i == 0 or escaped[i - 1] != "\\")]
    assert unescaped_specials == [] and "\n" not in escaped


@pytest.mark.parametrize("url, ok", [("https://github.com/a/b", True), ("http://x.test/y", True),
                                     (EVIL_URL, False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,x", False),
                                     ("//evil.example/x", False), ("https://", False), ("https://a.test/\nx", False)])
def test_only_http_urls_become_links(url: str, ok: bool) -> None:
    assert (safe.link(url) is not None) is ok


@pytest.mark.parametrize("page", ["hackathon", "analysis", "leaderboard"])
def test_api_strings_are_never_rendered_as_markdown(app: AppTest, hostile: StubApi, page: str) -> None:
    open_page(app, hostile, page)
    assert_clean(app)
    for source in rendered_markdown(app):
        assert "[Click me](javascript" not in source and "**bold**" not in source and ":red[" not in source
        assert "](https://evil.example)" not in source
    titles = [t.value for t in app.title]
    assert titles and all("\\[Click me\\]" in t for t in titles)


def test_the_public_submit_page_shows_api_strings_as_text(app: AppTest, hostile: StubApi) -> None:
    app.switch_page("views/submit.py").run()  # signed out: what a participant sees
    assert_clean(app)
    assert app.selectbox(key="submit-to").options[0] == EVIL_NAME  # an option is plain text, never markdown
    sources = rendered_markdown(app)
    assert any("\\# Heading" in m for m in sources)
    for source in sources:
        assert "[Click me](javascript" not in source and "**bold**" not in source and ":red[" not in source
        assert "](https://evil.example)" not in source


def test_a_javascript_repository_url_is_not_a_link(app: AppTest, hostile: StubApi) -> None:
    open_page(app, hostile, "hackathon")
    table = next(d.value for d in app.dataframe if "Repository" in d.value.columns)
    assert pd.isna(table["Repository"].iloc[0])  # not handed to the LinkColumn
    assert table["Repository"].iloc[2] == "https://github.com/example/cirrus"
    assert any("not http(s) links" in c.value for c in app.caption)


def test_a_scorecard_s_strings_are_text(app: AppTest, hostile: StubApi) -> None:
    open_page(app, hostile, "leaderboard")
    app.selectbox(key="scorecard-hack-spring-2026").select("sub-aurora").run()
    assert_clean(app)
    assert any("\\[free money\\]\\(https\\:\\/\\/evil\\.example\\)" in m.value for m in app.markdown)
    assert any("not an http(s) address" in c.value for c in app.caption)
    for source in rendered_markdown(app) + [e.label for e in app.expander]:
        assert "[Click me](javascript" not in source and "**bold**" not in source and ":red[" not in source
        assert "](https://evil.example)" not in source and "**all**" not in source
    assert "<script>alert(1)</script>" in [c.value for c in app.code]  # shown as the text it is


@pytest.mark.parametrize("url", ["http://api.example.com/api/v1", "ftp://localhost/api/v1"])
def test_a_plain_http_api_base_url_stops_the_app_before_any_key_is_sent(stub: StubApi, url: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_BASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert any("The dashboard is misconfigured" in e.value for e in at.error)
    assert not at.text_input  # no sign-in form to type a key into
