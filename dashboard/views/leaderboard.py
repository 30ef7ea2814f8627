"""The ranked results: the top teams as a chart, every team in a table (search, sort, pages, CSV), and one
team's scorecard (its scores and evidence here; repository facts, team dynamics, strategy and feedback in
scorecard.py).

The leaderboard's `recommendation` is always "solid_submission" today (a backend quirk), so it is not
shown; the scorecard (one request, for the team the organizer opens) has the real one.
"""

import pandas as pd
import streamlit as st

import insights
import safe
import scorecard
import ui
from api import ApiError

TOP_N = 10  # teams in the chart, whatever the hackathon's size (the chart's height is bounded)
PAGE_SIZE = 25
RECOMMENDATIONS = {"strong_contender": "Strong contender", "solid_submission": "Solid submission",
                   "needs_improvement": "Needs improvement", "concerns_flagged": "Concerns flagged"}

hackathon = ui.require_hackathon()
hack_id = hackathon["hack_id"]
client = ui.client()

st.title(f"Leaderboard: {safe.md(hackathon.get('name', hack_id))}")
ui.reload_button(hack_id, key="reload-leaderboard")
try:
    board = ui.cached("leaderboard", hack_id, lambda: client.leaderboard(hack_id))
except ApiError as e:
    if e.nothing_scored:
        st.info("Nothing analyzed yet: start an analysis on the Analysis page; the ranking appears here once "
                "submissions are scored.", icon=":material/hourglass_empty:")
    else:
        ui.show_error(e, "load the leaderboard")
    st.stop()

summary, rows, stats = board["hackathon"], board["leaderboard"], board["statistics"]
cols = st.columns(3)
if isinstance(summary.get("submission_count"), int):
    cols[0].metric("Submissions", summary["submission_count"])
cols[1].metric("Analyzed", summary.get("analyzed_count", len(rows)))
if isinstance(stats.get("mean_score"), (int, float)):
    cols[2].metric("Mean score", f"{stats['mean_score']:.1f}")

table = pd.DataFrame({
    "Rank": [r.get("rank") if isinstance(r.get("rank"), int) else None for r in rows],
    "Team": [str(r.get("team_name", "?")) for r in rows],
    "Score": [float(r["overall_score"]) for r in rows],
    "sub_id": [str(r.get("sub_id", "")) for r in rows],
})

top = table.nlargest(TOP_N, "Score")
st.subheader(f"Top {len(top)}" if len(table) > TOP_N else "Scores")
# 28 px a bar, never more than TOP_N bars: the chart no longer grows with the hackathon.
st.bar_chart(top, x="Team", y="Score", sort="-Score", horizontal=True, height=28 * len(top) + 60)

st.subheader("All teams")
c1, c2, c3 = st.columns([2, 1, 1])
search = c1.text_input("Search teams", placeholder="Team name")
order = c2.selectbox("Sort by", ["Rank", "Score (low first)", "Team"])
shown = table[table["Team"].str.contains(search, case=False, regex=False)] if search else table
shown = {"Rank": shown.sort_values(["Score"], ascending=False),
         "Score (low first)": shown.sort_values(["Score"], ascending=True),
         "Team": shown.sort_values(["Team"], key=lambda s: s.str.lower())}[order]
pages = max(1, -(-len(shown) // PAGE_SIZE))
page = c3.number_input("Page", min_value=1, max_value=pages, value=1, step=1) if pages > 1 else 1
view = shown.iloc[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
st.dataframe(view.drop(columns=["sub_id"]), hide_index=True, width="stretch",
             column_config={"Score": st.column_config.ProgressColumn("Score", min_value=0, max_value=100,
                                                                      format="%.1f")})
st.caption(f"{len(shown)} of {len(table)} teams" + (f" · page {page} of {pages}" if pages > 1 else ""))
st.download_button("Download CSV", table.drop(columns=["sub_id"]).to_csv(index=False).encode(),
                   file_name=f"leaderboard-{hack_id}.csv", mime="text/csv", icon=":material/download:")

st.subheader("Insights")
INSIGHTS = f"insights-{hack_id}"
if st.button("Show insights", icon=":material/insights:", help="Candidates to interview, technology trends and "
             "sponsor follow-ups (one API request)."):
    try:
        st.session_state[INSIGHTS] = client.intelligence(hack_id)
    except ApiError as e:
        ui.show_error(e, "load the insights")
if isinstance(st.session_state.get(INSIGHTS), dict):
    insights.render(st.session_state[INSIGHTS])

st.subheader("Scorecard")
by_sub = {r["sub_id"]: r["Team"] for r in table.to_dict("records") if r["sub_id"]}
sub_id = st.selectbox("Team", [None, *by_sub], format_func=lambda i: "Choose a team" if i is None else by_sub[i],
                      key=f"scorecard-{hack_id}")
if sub_id:
    try:
        card = client.scorecard(sub_id)
    except ApiError as e:
        ui.show_error(e, "load the scorecard")
        st.stop()
    score = card.get("overall_score")
    rec = card.get("recommendation")
    c1, c2 = st.columns(2)
    c1.metric("Overall score", f"{score:.1f}" if isinstance(score, (int, float)) else "–")
    c2.metric("Recommendation", RECOMMENDATIONS.get(rec, safe.md(rec) if rec else "–"))
    link = safe.link(card.get("repo_url"))
    st.caption(f"Repository: {safe.md(link)}" if link else "Repository: not an http(s) address")
    weighted = card.get("weighted_scores")
    if isinstance(weighted, dict) and weighted:
        st.dataframe(pd.DataFrame([{"Dimension": str(k), "Score (0-10)": v.get("raw"), "Weight": v.get("weight"),
                                    "Weighted": v.get("weighted")} for k, v in weighted.items() if isinstance(v, dict)]),
                     hide_index=True, width="stretch")
    s_col, w_col = st.columns(2)
    with s_col:
        st.markdown("**Strengths**")
        for item in card.get("strengths") or []:
            st.markdown(f"- {safe.md(item)}")
    with w_col:
        st.markdown("**Weaknesses**")
        for item in card.get("weaknesses") or []:
            st.markdown(f"- {safe.md(item)}")
    scorecard.render_details(card)
    for agent in card.get("agent_scores") or []:
        if not isinstance(agent, dict):
            continue
        with st.expander(f"{safe.md(str(agent.get('agent_name', 'agent')).replace('_', ' '))}: "
                         f"{agent.get('overall_score', '–')} / 10"):
            st.text(str(agent.get("summary", "")))
            evidence = [e for e in agent.get("evidence") or [] if isinstance(e, dict)]
            if evidence:  # numbers inside evidence arrive as strings: shown as text
                st.dataframe(pd.DataFrame([{k: str(v) for k, v in e.items()} for e in evidence]), hide_index=True,
                             width="stretch")
