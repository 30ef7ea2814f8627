"""Start an analysis, cost estimate first, and follow its progress."""

import streamlit as st

import ui
from api import ApiError

ACTIVE = ("queued", "running")

hackathon = ui.current_hackathon()
if hackathon is None:
    st.stop()
hack_id = hackathon["hack_id"]
client = ui.client()
LIVE = f"analysis-live-{hack_id}"  # whether this hackathon's job was running when last polled

st.title(f"Analysis: {hackathon.get('name', hack_id)}")


def _status() -> dict | None:
    """The current job, or None when none was ever started (the API answers 404 then)."""
    try:
        return client.analysis_status(hack_id)
    except ApiError as e:
        if e.status == 404:
            return None
        ui.show_error(e, "read the analysis progress")
        return {}


def _show(job: dict | None) -> None:
    if job is None:
        st.info("No analysis has been started for this hackathon yet.")
        return
    if not job:
        return
    p = job["progress"]
    pct = max(0.0, min(100.0, float(p["percent_complete"])))
    st.progress(pct / 100, text=f"{job['status'].capitalize()}: {pct:.0f}% · {int(p['completed'])} of "
                                f"{int(p['total_submissions'])} analyzed, {int(p['failed'])} failed")
    st.caption(f"Job `{job.get('job_id', '?')}`" + (" · refreshes every 5 s" if job["status"] in ACTIVE else ""))
    if job["status"] == "completed":
        st.success("Analysis complete: the leaderboard is ready.", icon=":material/check_circle:")
    st.button("Refresh progress", icon=":material/refresh:")


def _progress() -> None:
    """One status poll. The page polls every 5 s only while a job runs: when that changes, it is drawn
    again with (or without) the polling."""
    job = _status()
    _show(job)
    active = bool(job) and job["status"] in ACTIVE
    if active != st.session_state.get(LIVE, False):
        st.session_state[LIVE] = active
        st.rerun()


st.subheader("1. Cost estimate")
try:
    expected = client.estimate(hack_id)
except ApiError as e:
    ui.show_error(e, "estimate the cost of an analysis")
    expected = None
else:
    st.metric("Expected cost of analyzing every submission", ui.usd(expected))

st.subheader("2. Start")
agreed = st.checkbox("I accept the estimated cost", disabled=expected is None,
                     help="The analysis runs AI agents on every submission and is billed to this hackathon.")
if st.button("Start analysis", type="primary", disabled=expected is None or not agreed):
    try:
        job = client.start_analysis(hack_id)
    except ApiError as e:
        ui.show_error(e, "start the analysis")
    else:
        cost = job.get("estimated_cost_usd")
        st.success(f"Analysis started: job `{job['job_id']}`"
                   + (f", estimated {ui.usd(float(cost))}." if isinstance(cost, (int, float)) else "."))
        st.session_state[LIVE] = True

st.subheader("3. Progress")
st.fragment(_progress, run_every=5 if st.session_state.get(LIVE) else None)()
