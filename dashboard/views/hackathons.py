"""One hackathon: its details, its numbers (GET .../stats) and its submissions."""

import pandas as pd
import streamlit as st

import ui
from api import ApiError

hackathon = ui.current_hackathon()
if hackathon is None:
    st.stop()
hack_id = hackathon["hack_id"]

st.title(hackathon.get("name", hack_id))
if hackathon.get("description"):
    st.write(hackathon["description"])
st.caption(f"Status: {hackathon.get('status', 'unknown')} · {hackathon.get('start_date', '?')} to "
           f"{hackathon.get('end_date', '?')} · id `{hack_id}`")

client = ui.client()
try:
    stats = client.stats(hack_id)
except ApiError as e:
    ui.show_error(e, "load this hackathon's numbers")
else:
    cols = st.columns(4)
    cols[0].metric("Submissions", stats["submission_count"])
    cols[1].metric("Verified", stats["verified_count"])
    cols[2].metric("Pending", stats["pending_count"])
    cols[3].metric("Participants", stats["participant_count"])

st.subheader("Submissions")
try:
    submissions = client.submissions(hack_id)
except ApiError as e:
    ui.show_error(e, "load the submissions")
else:
    if not submissions:
        st.info("No submissions yet.")
    else:
        table = pd.DataFrame(
            {
                "Team": [s.get("team_name", "?") for s in submissions],
                "Repository": [s.get("repo_url", "") for s in submissions],
                "Members": [len(s.get("team_members") or []) for s in submissions],
                "Status": [s.get("status", "unknown") for s in submissions],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={"Repository": st.column_config.LinkColumn("Repository")})
