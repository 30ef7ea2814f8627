"""What the pages share: the session's client, the hackathon picker and how an API failure is shown.

The API key lives only in `st.session_state` (one browser tab's session, in this process's memory): never
in a cache shared between sessions, a query string, a cookie or a log.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from api import ApiError, VibeJudgeClient

KEY = "api_key"
HACKATHONS = "hackathons"
HACK_ID = "hack_id"
CURRENT = "current_hackathon"


def signed_in() -> bool:
    return bool(st.session_state.get(KEY))


def client() -> VibeJudgeClient:
    return VibeJudgeClient(st.session_state.get(KEY))


def sign_in(api_key: str, hackathons: list[dict[str, Any]]) -> None:
    st.session_state[KEY] = api_key
    st.session_state[HACKATHONS] = hackathons
    if hackathons and st.session_state.get(HACK_ID) not in {h["hack_id"] for h in hackathons}:
        st.session_state[HACK_ID] = hackathons[0]["hack_id"]


def sign_out() -> None:
    for k in list(st.session_state.keys()):
        del st.session_state[k]


def show_error(err: ApiError, doing: str) -> None:
    """The failure as a message in the page; a rejected key also offers to sign in again."""
    st.error(f"Could not {doing}. {err.message}", icon=":material/error:")
    if err.status == 401 and signed_in():
        st.button("Sign in again", on_click=sign_out, key=f"resign-{doing}")


def hackathons(refresh: bool = False) -> list[dict[str, Any]] | None:
    """The organizer's hackathons, fetched once per session (or on refresh); None after a failure."""
    if refresh or HACKATHONS not in st.session_state:
        try:
            st.session_state[HACKATHONS] = client().hackathons()
        except ApiError as e:
            show_error(e, "load your hackathons")
            return None
    return st.session_state[HACKATHONS]


def pick_hackathon() -> dict[str, Any] | None:
    """The hackathon chosen in the sidebar (drawn by the app on every page, so the choice survives page
    changes); a failure to list them is shown in the page, and None returned."""
    items = hackathons()
    if items is None:
        return None
    if not items:
        st.info("You have no hackathons yet. Create one with the VibeJudge API, then refresh.")
        return None
    by_id = {h["hack_id"]: h for h in items}
    if st.session_state.get(HACK_ID) not in by_id:
        st.session_state[HACK_ID] = items[0]["hack_id"]
    with st.sidebar:
        hack_id = st.selectbox(
            "Hackathon",
            options=list(by_id),
            format_func=lambda i: f"{by_id[i].get('name', i)} ({by_id[i].get('status', 'unknown')})",
            key=HACK_ID,
        )
        if st.button("Refresh the list", icon=":material/refresh:"):
            st.session_state.pop(HACKATHONS, None)
            st.rerun()
    return by_id[hack_id]


def current_hackathon() -> dict[str, Any] | None:
    """The hackathon the app picked for this run (see app.py); pages show nothing more without one."""
    return st.session_state.get(CURRENT)


def usd(value: float) -> str:
    return f"${value:,.2f}" if value >= 0.01 or value == 0 else f"${value:,.4f}"
