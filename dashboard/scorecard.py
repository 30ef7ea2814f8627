"""One team's scorecard beyond its scores (GET /submissions/{id}/scorecard): the repository's facts
(`repo_meta`, the RepoMeta schema), the team dynamics, the strategy and the actionable feedback.

The API leaves these null or empty for many submissions, so each is drawn only when it came, and one quiet
caption names the missing ones. `team_dynamics`, `strategy_analysis` and the feedback's items are typed
only as "an object" in the OpenAPI document: they are drawn by what each value is (text, a number, a list,
a table), never by field names the document does not promise, and every string stays text (tables, code
blocks, or safe.md), as everywhere else.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

import safe

MAX_ITEMS = 50  # rows or entries of one loosely typed section: a broken API cannot make the page endless
TITLE_KEYS = ("finding", "title", "issue", "summary", "description")  # what a feedback item is about, if named
ADVICE_KEYS = ("recommendation", "suggestion", "action", "fix")
SCALARS = (str, int, float, bool, type(None))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _label(key: object) -> str:
    return str(key).replace("_", " ").strip().capitalize()[:80] or "?"


def _text(value: Any) -> str:
    """A scalar as a table cell (always a string: a column of mixed types cannot become a table)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)[:2000]


def _when(value: Any) -> str | None:
    """An ISO date-time as `2026-03-04 10:00 UTC`; anything else as escaped text, or None when absent."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return safe.md(value, 40)
    offset = t.utcoffset()
    return t.strftime("%Y-%m-%d %H:%M") + (" UTC" if offset is not None and not offset.total_seconds() else "")


def _percent(rate: float) -> str:
    # RepoMeta's workflow_success_rate is a "rate" without a unit; a fraction (0 to 1) is read as one, a
    # larger number as a percentage already.
    return f"{rate * 100:.0f}%" if 0 <= rate <= 1 else f"{rate:.0f}%"


def repo_facts(meta: Any) -> bool:
    """RepoMeta as metrics and captions; False (nothing drawn) when the API gave none."""
    if not isinstance(meta, dict) or not meta:
        return False
    st.markdown("**Repository**")
    counts = [("Commits", _int(meta.get("commit_count"))), ("Contributors", _int(meta.get("contributor_count"))),
              ("Files", _int(meta.get("total_files"))), ("Lines", _int(meta.get("total_lines")))]
    hours = _num(meta.get("development_duration_hours"))
    runs = _int(meta.get("workflow_run_count"))
    rate = _num(meta.get("workflow_success_rate"))
    shown = [(label, f"{v:,}") for label, v in counts if v is not None]
    if hours is not None:
        shown.append(("Development hours", f"{hours:,.0f}" if hours >= 10 else f"{hours:.1f}"))
    if runs is not None:
        shown.append(("Workflow runs", f"{runs:,}"))
        if runs and rate is not None:  # a success rate of no runs means nothing
            shown.append(("Workflow success", _percent(rate)))
    for row in range(0, len(shown), 4):  # four a row: seven in one would cut their labels short
        for col, (label, value) in zip(st.columns(4), shown[row:row + 4]):
            col.metric(label, value)
    present = {"README": meta.get("has_readme"), "tests": meta.get("has_tests"), "CI": meta.get("has_ci"),
               "Dockerfile": meta.get("has_dockerfile")}
    has = [k for k, v in present.items() if v is True]
    lacks = [k for k, v in present.items() if v is False]
    if has or lacks:
        st.caption(" · ".join(part for part in (f"Has: {', '.join(has)}" if has else "",
                                                f"Missing: {', '.join(lacks)}" if lacks else "") if part))
    languages = {str(k): v for k, v in meta.get("languages").items() if _num(v) is not None and v > 0} \
        if isinstance(meta.get("languages"), dict) else {}
    total = sum(languages.values())
    if total:  # bytes per language or shares: either way, each one's part of the whole
        top = sorted(languages.items(), key=lambda kv: kv[1], reverse=True)[:8]
        st.caption("Languages: " + " · ".join(f"{safe.md(k, 40)} {100 * v / total:.0f}%" for k, v in top))
    elif isinstance(meta.get("primary_language"), str) and meta["primary_language"].strip():
        st.caption(f"Primary language: {safe.md(meta['primary_language'], 40)}")
    first, last = _when(meta.get("first_commit_at")), _when(meta.get("last_commit_at"))
    if first or last:
        st.caption(f"First commit {first or '–'} · last commit {last or '–'}")
    return True


def loose_section(title: str, value: Any) -> bool:
    """A loosely typed object (team dynamics, strategy): its plain values as one table, its lists and
    objects each under their own label. False (nothing drawn) when the API gave none."""
    if not isinstance(value, dict) or not value:
        return False
    st.markdown(f"**{title}**")
    _loose(value)
    return True


def _loose(data: dict[str, Any]) -> None:
    rows: list[dict[str, str]] = []
    nested: list[tuple[str, Any]] = []
    for key, value in list(data.items())[:MAX_ITEMS]:
        if isinstance(value, SCALARS):
            rows.append({"Aspect": _label(key), "Value": _text(value)})
        elif isinstance(value, (list, dict)) and not value:
            rows.append({"Aspect": _label(key), "Value": "none"})
        else:
            nested.append((_label(key), value))
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    for label, value in nested:
        if isinstance(value, list) and all(isinstance(v, SCALARS) for v in value):
            st.markdown(f"{safe.md(label)}:  \n" + "  \n".join(f"· {safe.md(_text(v))}" for v in value[:MAX_ITEMS]))
        elif isinstance(value, dict) and all(isinstance(v, SCALARS) for v in value.values()):
            st.caption(safe.md(label))
            st.dataframe(pd.DataFrame([{"": str(k), "Value": _text(v)} for k, v in list(value.items())[:MAX_ITEMS]]),
                         hide_index=True, width="stretch")
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
            st.caption(safe.md(label))
            st.dataframe(pd.DataFrame([{str(k): _text(x) if isinstance(x, SCALARS) else json.dumps(x, default=str)[:500]
                                        for k, x in v.items()} for v in value[:MAX_ITEMS]]),
                         hide_index=True, width="stretch")
        else:  # deeper than that: shown as the JSON it is, as text
            st.caption(safe.md(label))
            st.text(json.dumps(value, ensure_ascii=False, default=str)[:2000])


def _first_text(item: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, str | None]:
    for k in keys:
        if isinstance(item.get(k), str) and item[k].strip():
            return k, item[k]
    return None, None


def feedback(items: Any) -> bool:
    """The actionable feedback, one expander an item (what, how to fix it, code examples as code); False
    when there is none."""
    items = [i for i in items if isinstance(i, dict) and i] if isinstance(items, list) else []
    if not items:
        return False
    st.markdown("**Actionable feedback**")
    for n, item in enumerate(items[:MAX_ITEMS]):
        title_key, title = _first_text(item, TITLE_KEYS)
        advice_key, advice = _first_text(item, ADVICE_KEYS)
        priority = item.get("priority")
        head = " · ".join(s for s in (str(priority) if isinstance(priority, (str, int)) else "", title or "") if s)
        with st.expander(safe.md(head or f"Item {n + 1}", 200), expanded=n == 0):
            if advice:
                st.markdown(safe.md_block(advice))
            rest, code = [], []
            for k, v in item.items():
                if k in (title_key, advice_key, "priority"):
                    continue
                if isinstance(v, str) and ("code" in k or "example" in k or "snippet" in k):
                    code.append(v)
                elif isinstance(v, SCALARS):
                    rest.append(f"{safe.md(_label(k))}: {safe.md(_text(v), 200)}")
                else:
                    rest.append(f"{safe.md(_label(k))}: {safe.md(json.dumps(v, default=str), 300)}")
            if rest:
                st.caption(" · ".join(rest))
            for text in code[:5]:
                st.code(text[:4000], language=None)  # a code block shows text as it is
    return True


def render_details(card: dict[str, Any]) -> None:
    """The four sections that came with this scorecard, and one quiet line naming those that did not."""
    missing = [name for name, drawn in (
        ("repository facts", repo_facts(card.get("repo_meta"))),
        ("team dynamics", loose_section("Team dynamics", card.get("team_dynamics"))),
        ("strategy", loose_section("Strategy", card.get("strategy_analysis"))),
        ("actionable feedback", feedback(card.get("actionable_feedback"))),
    ) if not drawn]
    if missing:
        st.caption(f"Not in this scorecard: {', '.join(missing)}.")
