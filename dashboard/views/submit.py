"""Submit a project: the participants' form (GET /public/hackathons, POST /public/hackathons/{id}/submissions).

Both routes need no API key, so this page works signed out as well as signed in and never asks to sign in.
It never sends the organizer's key either: the routes do not need it, and a key goes nowhere it is not
needed (nor does a participant's submission spend the organizer's daily quota).
"""

import streamlit as st

import safe
import submission_input
import ui
from api import ApiError, VibeJudgeClient

OPEN = "public-hackathons"  # the list, read once a session: typing in the form must not read it again
FIELDS = ("team_name", "repo_url")

client = VibeJudgeClient()  # no key
st.title("Submit a project")
st.write("Pick the hackathon, then give your team's name and its public GitHub repository.")

st.button("Refresh the list", key="refresh-open", icon=":material/refresh:",
          on_click=lambda: st.session_state.pop(OPEN, None))
if OPEN not in st.session_state:
    try:
        st.session_state[OPEN] = client.public_hackathons()
    except ApiError as e:
        ui.show_error(e, "load the hackathons open for submissions")
        st.stop()
open_now = st.session_state[OPEN]
if not open_now:
    st.info("No hackathon is open for submissions right now. Its organizers open it when they activate it.",
            icon=":material/info:")
    st.stop()

by_id = {h["hack_id"]: h for h in open_now}
hack_id = st.selectbox("Hackathon to submit to", list(by_id), key="submit-to",
                       format_func=lambda i: str(by_id[i]["name"]))
chosen = by_id[hack_id]
dates = [str(chosen.get(k) or "")[:10] for k in ("start_date", "end_date")]
count = chosen.get("submission_count")
facts = [f"{safe.md(dates[0] or '?')} to {safe.md(dates[1] or '?')}" if any(dates) else "",
         f"{count} submitted so far" if isinstance(count, int) and not isinstance(count, bool) else ""]
if any(facts):
    st.caption(" · ".join(f for f in facts if f))
if isinstance(chosen.get("description"), str) and chosen["description"].strip():
    st.markdown(safe.md_block(chosen["description"]))

with st.form("submit-project"):
    team = st.text_input("Team name", max_chars=50, placeholder="Letters, digits, spaces, - and _")
    slots = {"team_name": st.empty()}
    repo = st.text_input("Repository URL", placeholder="https://github.com/OWNER/REPO")
    slots["repo_url"] = st.empty()
    send = st.form_submit_button("Submit", type="primary", icon=":material/send:")
    slots["form"] = st.empty()

if send:
    team, repo = team.strip(), repo.strip()
    problems = submission_input.check_one(team, repo)  # what the API would refuse, named before sending
    if not problems:
        try:
            client.public_submit(hack_id, team, repo)
        except ApiError as e:
            if e.status != 422:
                ui.show_error(e, "submit the project")
            # The API's own details, under their field (`submissions.0.repo_url` is the URL's).
            for where, message in e.field_errors:
                last = where.rsplit(".", 1)[-1]
                problems[last if last in FIELDS else "form"] = message
        else:
            st.session_state.pop(OPEN, None)  # its count changed
            ui.forget(hack_id)  # an organizer of it signed in here sees the new submission
            st.success(f"Submitted {safe.md(team)} to {safe.md(chosen['name'])}. The organizers will analyze it "
                       "with the others.", icon=":material/check_circle:")
    ui.show_field_errors(slots, problems)
