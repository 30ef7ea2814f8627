"""The organizer's profile, API keys (create, rotate, revoke), usage over a date range and its export as CSV."""

from datetime import date, timedelta

import pandas as pd
import streamlit as st

import safe
import ui
from api import ApiError

ui.require_sign_in()
client = ui.client()
st.title("Settings")

st.subheader("Profile")
if st.button("Show my profile", key="load-profile"):
    try:
        me = client.me()
    except ApiError as e:
        ui.show_error(e, "load your profile")
    else:
        st.session_state["profile"] = me
me = st.session_state.get("profile")
if me:
    st.markdown(f"**{safe.md(me.get('name', '?'))}** · {safe.md(me.get('email', ''))} · "
                f"{safe.md(me.get('organization') or 'no organization')}")
    st.caption(f"Tier: {safe.md(me.get('tier', '?'))} · hackathons: {me.get('hackathon_count', '?')}")

st.subheader("API keys")
st.caption("Each key has its own daily quota. Rotating issues a new key and keeps the old one working for a "
           "while; revoking stops a key at once (this session signs out if it was using it).")
if st.button("List my keys", key="load-keys"):
    try:
        st.session_state["api_keys"] = client.api_keys()
    except ApiError as e:
        ui.show_error(e, "list your API keys")
keys = st.session_state.get("api_keys")
if keys is not None:
    st.dataframe(pd.DataFrame([{"Key id": str(k.get("api_key_id")), "Active": bool(k.get("active")),
                                "Deprecated": bool(k.get("deprecated")), "Tier": str(k.get("tier")),
                                "Daily quota": k.get("daily_quota"), "Requests": k.get("total_requests"),
                                "Created": str(k.get("created_at", ""))[:19]} for k in keys]),
                 hide_index=True, width="stretch")
    ids = [str(k.get("api_key_id")) for k in keys if k.get("active")]
    cols = st.columns(3)
    if cols[0].button("Create a key", icon=":material/add:"):
        try:
            made = client.create_api_key()
        except ApiError as e:
            ui.show_error(e, "create a key")
        else:
            st.success("New key (copy it now; it is not shown again):", icon=":material/key:")
            st.code(made["api_key"], language=None)
            st.session_state.pop("api_keys", None)
    if ids:
        chosen = cols[1].selectbox("Key", ids, key="key-choice", label_visibility="collapsed")
        if cols[2].button("Rotate", icon=":material/autorenew:"):
            try:
                made = client.rotate_api_key(chosen)
            except ApiError as e:
                ui.show_error(e, "rotate the key")
            else:
                st.success("Rotated. The new key (copy it now):", icon=":material/key:")
                st.code(made["api_key"], language=None)
                st.session_state.pop("api_keys", None)

        def _revoke() -> None:
            try:
                client.revoke_api_key(chosen)
            except ApiError as e:
                ui.show_error(e, "revoke the key")
            else:
                st.session_state.pop("api_keys", None)
                st.rerun()

        ui.confirm("Revoke key", "revoke-key", _revoke,
                   warning=f"Revoke {safe.md(chosen)}? Anything using it gets \"API key inactive\" from now on.")

st.subheader("Usage")
c1, c2 = st.columns(2)
start = c1.date_input("From", value=date.today() - timedelta(days=6))
end = c2.date_input("To", value=date.today())
if st.button("Show usage", key="load-usage"):
    if end < start:
        st.warning("The end date is before the start date.")
    else:
        try:
            usage = client.usage(start.isoformat(), end.isoformat())
        except ApiError as e:
            ui.show_error(e, "load your usage")
        else:
            cols = st.columns(3)
            cols[0].metric("Requests", usage.get("total_requests", 0))
            cols[1].metric("Failed", usage.get("failed_requests", 0))
            cols[2].metric("Cost", safe.usd(usage.get("total_cost_usd", 0.0)))
            daily = [d for d in usage.get("daily_breakdown") or [] if isinstance(d, dict)]
            if daily:
                st.bar_chart(pd.DataFrame(daily), x="date", y="requests", height=220)

# The export is read only on a click (a request of the day's quota) and kept for the download button, which
# draws the page again when clicked; a file of other dates than those chosen is not offered.
EXPORT = "usage-export"
if st.button("Export usage as CSV", key="export-usage", icon=":material/table:"):
    st.session_state.pop(EXPORT, None)
    if end < start:
        st.warning("The end date is before the start date.")
    else:
        try:
            st.session_state[EXPORT] = (start, end, client.usage_csv(start.isoformat(), end.isoformat()))
        except ApiError as e:
            ui.show_error(e, "export your usage")
export = st.session_state.get(EXPORT)
if export and export[:2] == (start, end):
    data = export[2]
    if not data.strip():
        st.info("The API exported nothing for these dates.", icon=":material/info:")
    else:
        rows = max(0, len(data.decode("utf-8", "replace").splitlines()) - 1)  # less the header row
        st.download_button("Download usage CSV", data, file_name=f"usage-{start}-to-{end}.csv", mime="text/csv",
                           icon=":material/download:", on_click="ignore")
        st.caption(f"{rows} row{'s' if rows != 1 else ''}, {start} to {end}")
