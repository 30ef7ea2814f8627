"""The intelligence report (GET /hackathons/{id}/intelligence) as tables and a chart: top performers,
candidates to interview, technology trends, sponsor follow-ups. Every value is the API's: text shown as
text, lists that are not what the contract says skipped."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import safe


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value if isinstance(v, (str, int, float))] if isinstance(value, list) else []


def render(report: dict[str, Any]) -> None:
    top = _dicts(report.get("top_performers"))
    if top:
        st.markdown("**Top performers**")
        st.dataframe(pd.DataFrame([{"Team": str(t.get("team_name", "?")), "Score": t.get("overall_score"),
                                    "Key strengths": ", ".join(_strings(t.get("key_strengths")))} for t in top]),
                     hide_index=True, width="stretch")
    hiring = report.get("hiring_intelligence") if isinstance(report.get("hiring_intelligence"), dict) else {}
    must = _dicts(hiring.get("must_interview"))
    st.markdown("**Candidates to interview**")
    if must:
        st.dataframe(pd.DataFrame([{"Name": str(c.get("contributor_name", "?")), "Role": str(c.get("role", "")),
                                    "Commits": c.get("commit_count"),
                                    "Expertise": ", ".join(_strings(c.get("expertise_areas")))} for c in must]),
                     hide_index=True, width="stretch")
    else:
        st.caption("None named by the analysis.")
    trends = report.get("technology_trends") if isinstance(report.get("technology_trends"), dict) else {}
    used = [(str(t[0]), t[1]) for t in trends.get("most_used") or []
            if isinstance(t, list) and len(t) == 2 and isinstance(t[1], int) and not isinstance(t[1], bool)]
    st.markdown("**Technology trends**")
    if used:
        st.bar_chart(pd.DataFrame(used, columns=["Technology", "Teams"]), x="Technology", y="Teams",
                     horizontal=True, height=28 * min(len(used), 10) + 60)
    else:
        st.caption("No technology data yet.")
    emerging = _strings(trends.get("emerging"))
    if emerging:
        st.caption("Emerging: " + safe.md(", ".join(emerging)))
    actions = _strings(report.get("sponsor_follow_up_actions"))
    st.markdown("**Sponsor follow-ups**")
    if actions:
        for a in actions:
            st.markdown(f"- {safe.md(a)}")
    else:
        st.caption("None.")
