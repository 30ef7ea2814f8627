"""VibeJudge organizer dashboard: sign in, pick a hackathon, follow its submissions, analysis and results.

Run with `streamlit run dashboard/app.py`; the API it talks to is API_BASE_URL (see dashboard/README.md).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))  # so `import api` works however it is started

import api  # noqa: E402
import ui  # noqa: E402

VIEWS = Path(__file__).resolve().parent / "views"

log = logging.getLogger("vibejudge.dashboard")
if not log.handlers:  # one handler per process, however many reruns
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False

st.set_page_config(page_title="VibeJudge organizers", page_icon=":material/gavel:", layout="wide")

if ui.signed_in():
    pages = [
        st.Page(VIEWS / "hackathons.py", title="Hackathon", icon=":material/event:", default=True),
        st.Page(VIEWS / "analysis.py", title="Analysis", icon=":material/play_circle:"),
        st.Page(VIEWS / "leaderboard.py", title="Leaderboard", icon=":material/leaderboard:"),
    ]
else:
    pages = [st.Page(VIEWS / "sign_in.py", title="Sign in", icon=":material/login:", default=True)]

page = st.navigation(pages)

with st.sidebar:
    st.caption(f"API: `{api.base_url()}`")
    if ui.signed_in():
        st.button("Sign out", icon=":material/logout:", on_click=ui.sign_out)

try:
    if ui.signed_in():
        st.session_state[ui.CURRENT] = ui.pick_hackathon()
    page.run()
except Exception:  # the last guard: a bug must not show an organizer a traceback
    log.exception("page %s failed", page.title)
    st.error("Something went wrong while drawing this page. Reload it; if it keeps happening, tell the "
             "dashboard's maintainers the time it happened (the details are in the server log).",
             icon=":material/bug_report:")
