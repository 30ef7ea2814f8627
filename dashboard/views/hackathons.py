"""One hackathon: its details (GET /hackathons/{id}: the list's items have no dates or description), its
numbers, its submissions (add, delete), and managing it (edit, activate, delete)."""

import pandas as pd
import streamlit as st

import hackathon_form
import safe
import submission_input
import ui
from api import ApiError

hackathon = ui.require_hackathon()
hack_id = hackathon["hack_id"]
client = ui.client()
full = ui.details(hack_id) or hackathon  # the short item still names it when the details fail

st.title(safe.md(full.get("name", hack_id)))
if full.get("description"):
    st.markdown(safe.md_block(full["description"]))


def _day(value: object) -> str:
    return str(value)[:10] if value else "not set"


facts = [f"Status: {full.get('status', 'unknown')}"]
if full.get("start_date") or full.get("end_date"):
    facts.append(f"{_day(full.get('start_date'))} to {_day(full.get('end_date'))}")
elif "start_date" in full:  # the full record, without dates (the short list item has no such field)
    facts.append("no dates set")
if "budget_limit_usd" in full:
    facts.append(f"budget {safe.usd(full['budget_limit_usd'])}" if full["budget_limit_usd"] else "no budget limit")
if full.get("ai_policy_mode"):
    facts.append(f"AI policy: {full['ai_policy_mode'].replace('_', ' ')}")
facts.append(f"id {hack_id}")
st.caption(safe.md(" · ".join(facts)))
if isinstance(full.get("rubric"), dict) and full["rubric"].get("dimensions"):
    with st.expander("Rubric"):
        st.dataframe(pd.DataFrame([{"Dimension": d.get("name"), "Weight": d.get("weight"), "Agent": d.get("agent"),
                                    "Description": d.get("description", "")} for d in full["rubric"]["dimensions"]]),
                     hide_index=True, width="stretch")

ui.reload_button(hack_id, key="reload-hackathon")
try:
    stats = ui.cached("stats", hack_id, lambda: client.stats(hack_id))
except ApiError as e:
    ui.show_error(e, "load this hackathon's numbers")
else:
    # Only the counts the API fills: its verified and participant counts are always 0 today.
    cols = st.columns(2)
    cols[0].metric("Submissions", stats["submission_count"])
    cols[1].metric("Waiting for analysis", stats["pending_count"])

st.subheader("Submissions")
try:
    submissions = ui.cached("submissions", hack_id, lambda: client.submissions(hack_id))
except ApiError as e:
    ui.show_error(e, "load the submissions")
    submissions = None
if submissions == []:
    st.info("No submissions yet. Add them below.", icon=":material/info:")
elif submissions:
    def _note(s: dict) -> str:
        return str(s.get("disqualification_reason") or s.get("error_message") or "")

    table = pd.DataFrame({
        "Team": [str(s.get("team_name", "?")) for s in submissions],
        "Repository": [safe.link(s.get("repo_url")) for s in submissions],
        "Status": [str(s.get("status", "unknown")) for s in submissions],
        "Score": [s.get("overall_score") if isinstance(s.get("overall_score"), (int, float)) else None
                  for s in submissions],
        "Cost": [s.get("total_cost_usd") if isinstance(s.get("total_cost_usd"), (int, float)) else None
                 for s in submissions],
        "Error or disqualification": [_note(s) for s in submissions],
    })
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"Repository": st.column_config.LinkColumn("Repository"),
                                "Score": st.column_config.NumberColumn("Score", format="%.1f"),
                                "Cost": st.column_config.NumberColumn("Cost", format="$%.4f")})
    unsafe = [s for s in submissions if s.get("repo_url") and not safe.link(s.get("repo_url"))]
    if unsafe:
        st.caption(f"{len(unsafe)} repository address(es) are not http(s) links and are not shown as links.")

with st.expander("Add submissions"):
    how = st.radio("How", ["Type or paste", "Upload a CSV"], horizontal=True, key="add-how")
    with st.form("add-submissions", clear_on_submit=False):
        if how == "Type or paste":
            text = st.text_area("One submission a line: team name, repository URL",
                                placeholder="Aurora, https://github.com/example/aurora")
            upload = None
        else:
            text = ""
            upload = st.file_uploader("CSV with the columns team_name and repo_url", type=["csv"])
        add = st.form_submit_button("Add")
    if add:
        good, problems = (submission_input.parse_csv(upload.getvalue()) if upload is not None
                          else submission_input.parse_lines(text))
        if problems:
            st.error("Nothing was sent. " + safe.md("; ".join(problems[:10])), icon=":material/error:")
        elif not good:
            st.warning("Nothing to add.")
        else:
            try:
                created = client.add_submissions(hack_id, good)
            except ApiError as e:
                ui.show_error(e, "add the submissions")
            else:
                ui.forget(hack_id, listing=True)
                st.success(f"Added {created} submission(s).", icon=":material/check_circle:")
                st.rerun()

if submissions:
    with st.expander("Delete a submission"):
        by_id = {s["sub_id"]: s for s in submissions if isinstance(s.get("sub_id"), str)}
        sub_id = st.selectbox("Submission", list(by_id), format_func=lambda i: str(by_id[i].get("team_name", i)),
                              key="delete-sub")

        def _delete_submission() -> None:
            try:
                client.delete_submission(sub_id)
            except ApiError as e:
                ui.show_error(e, "delete the submission")
            else:
                ui.forget(hack_id, listing=True)
                st.rerun()

        if sub_id:
            ui.confirm("Delete submission", "delete-sub", _delete_submission,
                       warning=f"Delete {safe.md(by_id[sub_id].get('team_name', sub_id))} and its results? "
                               "This cannot be undone.")

pending = [s for s in submissions or [] if s.get("status") == "pending" and isinstance(s.get("sub_id"), str)]
if pending:
    with st.expander("Analyze one submission"):
        names = {s["sub_id"]: str(s.get("team_name", s["sub_id"])) for s in pending}
        one = st.selectbox("Pending submission", list(names), format_func=names.get, key="analyze-one")
        st.caption("Billed as one submission's analysis. The Analysis page estimates all pending ones at once.")
        if st.button("Analyze this one", icon=":material/play_circle:"):
            try:
                client.start_analysis(hack_id, [one])
            except ApiError as e:
                if e.analysis_running:
                    st.info("An analysis is already running for this hackathon; try again when it is done.",
                            icon=":material/info:")
                else:
                    ui.show_error(e, "start the analysis")
            else:
                st.session_state[f"analysis-live-{hack_id}"] = True  # the Analysis page follows it
                st.session_state.pop(f"analysis-job-{hack_id}", None)
                st.success(f"Analysis of {safe.md(names[one])} started.", icon=":material/play_circle:")
                st.page_link("views/analysis.py", label="Follow it on the Analysis page", icon=":material/arrow_forward:")

st.subheader("Manage")
if full.get("status") == "draft":
    st.info("This hackathon is a draft. Activate it to open it for analysis.", icon=":material/info:")
    if st.button("Activate", icon=":material/rocket_launch:"):
        try:
            client.activate(hack_id)
        except ApiError as e:
            ui.show_error(e, "activate the hackathon")
        else:
            ui.forget(hack_id, listing=True)
            st.rerun()

# The form (with its rubric table) is drawn only when asked: the page is redrawn at every interaction and
# most visits only read.
if st.toggle("Edit this hackathon", key=f"editing-{hack_id}"):
    body, slots = hackathon_form.render(f"edit-{hack_id}", full, "Save changes")
    if body is not None:
        try:
            client.update_hackathon(hack_id, body)
        except ApiError as e:
            if e.status == 422:
                ui.show_field_errors(slots, hackathon_form.api_errors(e))
            else:
                ui.show_error(e, "save the hackathon")
        else:
            ui.forget(hack_id, listing=True)
            st.rerun()


def _delete_hackathon() -> None:
    try:
        client.delete_hackathon(hack_id)
    except ApiError as e:
        ui.show_error(e, "delete the hackathon")
    else:
        ui.forget(hack_id, listing=True)
        ui.select_next(None)
        st.rerun()


ui.confirm("Delete hackathon", "delete-hack", _delete_hackathon,
           warning=f"Delete {safe.md(full.get('name', hack_id))} with all its submissions and results? "
                   "This cannot be undone.")
