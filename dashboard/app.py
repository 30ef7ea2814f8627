"""VibeJudge organizer dashboard: sign in, pick a hackathon, manage its submissions, run the analysis and
read the results.

Run with `streamlit run dashboard/app.py`; the API it talks to is API_BASE_URL (see dashboard/README.md).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))  # so `import api` works however it is started

import api  # noqa: E402
import safe  # noqa: E402
import signin_form  # noqa: E402
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

try:
    api_base = api.base_url()
except api.ConfigError as e:  # no key is sent anywhere until the deployment is fixed
    st.error(f"The dashboard is misconfigured: {safe.md(e)}", icon=":material/settings:")
    st.stop()

# Every page exists whether or not the organizer is signed in, so a reload or a link to /analysis never
# meets "Page not found": signed out, each page draws the sign-in form at its own address (see
# signin_form) and, once signed in, itself. The menu shows only what can be used: signed out, Sign in and
# the participants' Submit a project (public routes, no key), signed in everything but Sign in.
signed_in = ui.signed_in()
shown = "visible" if signed_in else "hidden"
PAGES = {  # page file (its name is its address, /analysis) -> (title, icon, needs a hackathon picked)
    "sign_in.py": ("Sign in", ":material/login:", False),
    "hackathons.py": ("Hackathon", ":material/event:", True),
    "analysis.py": ("Analysis", ":material/play_circle:", True),
    "leaderboard.py": ("Leaderboard", ":material/leaderboard:", True),
    "new_hackathon.py": ("New hackathon", ":material/add_circle:", False),
    "settings.py": ("Settings", ":material/settings:", False),
    "submit.py": ("Submit a project", ":material/upload:", False),
}
VISIBILITY = {"sign_in.py": "hidden" if signed_in else "visible", "submit.py": "visible"}
pages = {
    name: st.Page(VIEWS / name, title=title, icon=icon,
                  default=(name == "hackathons.py") if signed_in else (name == "sign_in.py"),
                  visibility=VISIBILITY.get(name, shown))
    for name, (title, icon, _) in PAGES.items()
}
page = st.navigation(list(pages.values()))
needs_hackathon = next(PAGES[n][2] for n, p in pages.items() if p is page)

with st.sidebar:
    st.caption(f"API: {safe.md(api_base)}")
    if signed_in:
        st.button("Sign out", icon=":material/logout:", on_click=ui.sign_out)
    quota = st.empty()  # filled after the page ran, with what it spent

try:
    if signed_in:
        st.session_state[ui.CURRENT] = ui.pick_hackathon(required=needs_hackathon)
        if page is not pages["sign_in.py"]:  # that one moves on to the Hackathon page at once
            signin_form.show_new_key()
    page.run()
except Exception:  # the last guard: a bug must not show an organizer a traceback
    log.exception("page %s failed", page.title)
    st.error("Something went wrong while drawing this page. Reload it; if it keeps happening, tell the "
             "dashboard's maintainers the time it happened (the details are in the server log).",
             icon=":material/bug_report:")
finally:
    ui.show_quota(quota)
