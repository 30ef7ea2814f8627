"""The ranked results of the analysis, as a table and a chart."""

import pandas as pd
import streamlit as st

import ui
from api import ApiError

hackathon = ui.current_hackathon()
if hackathon is None:
    st.stop()
hack_id = hackathon["hack_id"]

st.title(f"Leaderboard: {hackathon.get('name', hack_id)}")
try:
    summary, rows = ui.client().leaderboard(hack_id)
except ApiError as e:
    ui.show_error(e, "load the leaderboard")
    st.stop()

cols = st.columns(2)
if isinstance(summary.get("submission_count"), int):
    cols[0].metric("Submissions", summary["submission_count"])
cols[1].metric("Analyzed", summary.get("analyzed_count", len(rows)))

scored = [r for r in rows if isinstance(r.get("overall_score"), (int, float))]
if not scored:
    st.info("Nothing analyzed yet: start an analysis on the Analysis page.")
    st.stop()

table = pd.DataFrame(
    {
        "Rank": [r.get("rank") for r in scored],
        "Team": [str(r.get("team_name", "?")) for r in scored],
        "Score": [float(r["overall_score"]) for r in scored],
        "Recommendation": [str(r.get("recommendation") or "").replace("_", " ") for r in scored],
    }
).sort_values("Score", ascending=False)

st.bar_chart(table, x="Team", y="Score", sort="-Score", horizontal=True, height=40 * len(table) + 60)
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"Score": st.column_config.ProgressColumn("Score", min_value=0, max_value=100,
                                                                      format="%.1f")})
