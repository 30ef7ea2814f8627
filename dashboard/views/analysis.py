"""Analyze the pending submissions: the estimate first, then the job's progress, polled sparingly.

The API's normal states come as errors and are shown as guidance here: 400 "No pending submissions to
analyze" (nothing to do), 500 "Analysis already in progress" (a job runs: follow it), 404 on the status
(no job yet). The estimate accepted is the one figure shown for the cost: the job's own
`estimated_cost_usd` is priced differently by the API and would contradict it.
"""

import time

import streamlit as st

import polling
import safe
import ui
from api import ApiError

ACTIVE = ("queued", "running")
TICK_S = 5  # how often the progress section wakes up to see whether a poll is due (no request by itself)

hackathon = ui.require_hackathon()
hack_id = hackathon["hack_id"]
client = ui.client()
LIVE = f"analysis-live-{hack_id}"  # whether this hackathon's job was running when last polled
JOB = f"analysis-job-{hack_id}"  # the last status answer
POLLER = f"analysis-poller-{hack_id}"
STARTED = f"analysis-started-{hack_id}"  # the message of a start, shown after the rerun it causes
ESTIMATE = f"analysis-estimate-{hack_id}"  # the estimate or its error, kept until the submissions change

st.title(f"Analysis: {safe.md(hackathon.get('name', hack_id))}")


def _poller() -> polling.Poller:
    return st.session_state.setdefault(POLLER, polling.Poller())


def _poll(now: float) -> None:
    """One status request; the answer (or the transient failure) kept for drawing."""
    poller = _poller()
    try:
        job = client.analysis_status(hack_id)
    except ApiError as e:
        if e.status == 404:
            st.session_state[JOB] = None
            st.session_state[LIVE] = False
        elif e.status == 402:  # the budget rule also refuses GET status; the estimate section says why
            st.session_state[JOB] = {}
            st.session_state[LIVE] = False
        elif e.transient and st.session_state.get(LIVE):
            poller.after_failure(now)
            st.session_state[f"{JOB}-error"] = e
        else:
            st.session_state[JOB] = {}
            st.session_state[f"{JOB}-error"] = e
            st.session_state[LIVE] = False
        return
    st.session_state.pop(f"{JOB}-error", None)
    st.session_state[JOB] = job
    progress = job["progress"]
    poller.after_poll(now, int(progress["completed"]) + int(progress["failed"]))
    if st.session_state.get(LIVE) and job["status"] not in ACTIVE:
        st.session_state.pop(ESTIMATE, None)  # what is pending changed
        ui.forget(hack_id)
    st.session_state[LIVE] = job["status"] in ACTIVE


def _show() -> None:
    job = st.session_state.get(JOB)
    error = st.session_state.get(f"{JOB}-error")
    live = st.session_state.get(LIVE, False)
    if error is not None:
        if live:
            st.warning(f"The last progress check failed ({safe.md(error.message)}); trying again in "
                       f"{_poller().interval_s:.0f} s.", icon=":material/sync_problem:")
        else:
            ui.show_error(error, "read the analysis progress")
    if job is None:
        st.info("No analysis has been started for this hackathon yet.", icon=":material/info:")
        return
    if not job:
        return
    p = job["progress"]
    pct = max(0.0, min(100.0, float(p["percent_complete"])))
    # The progress text is markdown too: the status is the API's string.
    st.progress(pct / 100, text=f"{safe.md(job['status'].capitalize())}: {pct:.0f}% · {int(p['completed'])} of "
                                f"{int(p['total_submissions'])} analyzed, {int(p['failed'])} failed")
    if live:
        if polling.quota_allows(ui.quota_left()):
            left = ui.quota_left()  # the sidebar's figure is redrawn only with the whole page
            st.caption(f"Checked automatically every {_poller().interval_s:.0f} s while it runs (less often while "
                       "nothing changes, to spare the API's daily quota)"
                       + (f" · {left} API requests left today." if left is not None else "."))
        else:
            st.warning(f"Only {ui.quota_left()} API requests are left today, so progress is no longer checked "
                       "automatically. Use Refresh progress when you need it.", icon=":material/hourglass:")
    for err in job.get("errors") or []:
        if isinstance(err, dict):
            st.caption(f"{safe.md(err.get('team_name', '?'))}: {safe.md(err.get('error', ''))}")
    if job["status"] == "completed":
        st.success("Analysis complete: the leaderboard is ready.", icon=":material/check_circle:")
    elif job["status"] in ("failed", "cancelled"):
        st.error(f"The analysis {job['status']}.", icon=":material/error:")


def _progress() -> None:
    """Runs every TICK_S while a job runs, but asks the API only when the poller says a poll is due and
    the quota allows it; otherwise it redraws the last answer."""
    now = time.monotonic()
    was_live = st.session_state.get(LIVE, False)
    if JOB not in st.session_state or was_live and _poller().due(now) and polling.quota_allows(ui.quota_left()):
        _poll(now)
    _show()
    if st.button("Refresh progress", icon=":material/refresh:", key="refresh-progress"):
        _poll(time.monotonic())
        st.rerun()
    if st.session_state.get(LIVE, False) != was_live:
        st.rerun()  # start or stop the ticking


st.subheader("1. Cost estimate")
if st.button("Estimate again", icon=":material/sync:", key="estimate-again"):
    st.session_state.pop(ESTIMATE, None)  # submissions added or analyzed by another client meanwhile
if ESTIMATE not in st.session_state:
    try:
        st.session_state[ESTIMATE] = client.estimate(hack_id)
    except ApiError as e:
        # The API's normal states are kept like an estimate; a failure is not, so the next run tries again.
        st.session_state[ESTIMATE] = e if e.nothing_pending or e.status == 402 else None
        if st.session_state[ESTIMATE] is None:
            del st.session_state[ESTIMATE]
            ui.show_error(e, "estimate the cost of an analysis")
estimate = st.session_state.get(ESTIMATE)
if isinstance(estimate, ApiError):
    e, estimate = estimate, None
    if e.nothing_pending:
        st.info("Nothing to analyze: every submission has been analyzed (or there are none yet). Add submissions "
                "on the Hackathon page to analyze more.", icon=":material/task_alt:")
    else:  # 402: the API's budget rule
        st.warning(f"The API will not analyze this hackathon in one request (402): {safe.md(e.api_message)}",
                   icon=":material/payments:")
if estimate is not None:
    cols = st.columns(3)
    cols[0].metric("Expected cost", safe.usd(estimate["expected"]))
    cols[1].metric("Range", f"{safe.usd(estimate['low'])} to {safe.usd(estimate['high'])}")
    cols[2].metric("Submissions to analyze", estimate["submission_count"])
    if estimate.get("within_budget") is False:
        st.warning("The high end of this estimate is over the hackathon's budget.", icon=":material/payments:")

st.subheader("2. Start")
if STARTED in st.session_state:
    st.success(st.session_state.pop(STARTED), icon=":material/play_circle:")
running = bool(st.session_state.get(LIVE))
agreed = st.checkbox("I accept the estimated cost", disabled=estimate is None or running,
                     help="The analysis runs AI agents on every pending submission and is billed to this hackathon.")
if st.button("Start analysis", type="primary", disabled=estimate is None or not agreed or running):
    try:
        job = client.start_analysis(hack_id)
    except ApiError as e:
        if e.analysis_running:
            st.info("An analysis is already running for this hackathon: its progress is below.",
                    icon=":material/info:")
            st.session_state[LIVE] = True
        elif e.status == 402:
            st.error(f"The API refused to start the analysis (402): {safe.md(e.api_message)}",
                     icon=":material/payments:")
        else:
            ui.show_error(e, "start the analysis")
    else:
        st.session_state.pop(ESTIMATE, None)
        st.session_state[STARTED] = (f"Analysis started (job {safe.md(job['job_id'])}) at the accepted estimate "
                                     f"of about {safe.usd(estimate['expected'])}.")
        st.session_state[LIVE] = True
        st.session_state[POLLER] = polling.Poller(next_at=time.monotonic())  # first check straight away
        st.session_state.pop(JOB, None)
        st.rerun()  # drawn again with Start disabled and the progress ticking
if running:
    st.caption("Start is disabled while an analysis runs.")

st.subheader("3. Progress")
live = st.session_state.get(LIVE, False) and polling.quota_allows(ui.quota_left())
st.fragment(_progress, run_every=TICK_S if live else None)()
