"""What the pages share: the session's client, the hackathon picker, the quota shown, how an API failure
is shown, and the session's cache of reads.

The API key lives only in `st.session_state` (one browser tab's session, in this process's memory): never
in a cache shared between sessions, a query string, a cookie or a log. Reads are cached in the session
(the FREE tier allows 100 requests a day) and dropped when the dashboard itself changes what they show.
"""

from __future__ import annotations

from typing import Any, Callable

import streamlit as st

import safe
from api import ApiError, Limits, VibeJudgeClient

KEY = "api_key"
HACKATHONS = "hackathons"
HACK_ID = "hack_id"
CURRENT = "current_hackathon"
DETAILS = "hackathon_details"  # hack_id -> the full record (GET /hackathons/{id})
READS = "hackathon_reads"  # (what, hack_id) -> a cached read (see cached)
LIMITS = "api_limits"  # the last quota headers seen
QUERY_HACK = "hack"  # ?hack=<id>: a link to one hackathon's page
URL_READ = "url_read"  # whether ?hack= was applied to the picker in this session


def signed_in() -> bool:
    return bool(st.session_state.get(KEY))


def remember_limits(limits: Limits) -> None:
    st.session_state[LIMITS] = limits


def client() -> VibeJudgeClient:
    return VibeJudgeClient(st.session_state.get(KEY), on_limits=remember_limits)


def quota_left() -> int | None:
    limits = st.session_state.get(LIMITS)
    return limits.quota_remaining if isinstance(limits, Limits) else None


def show_quota(where: Any) -> None:
    """The requests left today from the API's X-Quota-Remaining header (what the page just spent included)."""
    limits = st.session_state.get(LIMITS)
    if isinstance(limits, Limits) and limits.quota_remaining is not None:
        where.caption(f"API requests left today: {limits.quota_remaining} of {limits.quota_limit}")


def sign_in(api_key: str, hackathons: list[dict[str, Any]]) -> None:
    st.session_state[KEY] = api_key
    st.session_state[HACKATHONS] = hackathons
    wanted = st.query_params.get(QUERY_HACK)
    ids = {h["hack_id"] for h in hackathons}
    if wanted in ids:
        st.session_state[HACK_ID] = wanted
    elif hackathons and st.session_state.get(HACK_ID) not in ids:
        st.session_state[HACK_ID] = hackathons[0]["hack_id"]


def sign_out() -> None:
    for k in list(st.session_state.keys()):
        del st.session_state[k]


def show_error(err: ApiError, doing: str) -> None:
    """The failure as a message in the page (plain text); a rejected key also offers to sign in again."""
    st.error(f"Could not {doing}. {safe.md(err.message)}", icon=":material/error:")
    if err.status == 401 and signed_in():
        st.button("Sign in again", on_click=sign_out, key=f"resign-{doing}")


def show_field_errors(slots: dict[str, Any], errors: dict[str, str]) -> None:
    """Each message in the slot under its field (an `st.empty()` by field name), or in `slots["form"]`."""
    for field, message in errors.items():
        slots.get(field, slots["form"]).error(safe.md(message), icon=":material/error:")


def cached(what: str, hack_id: str, read: Callable[[], Any]) -> Any:
    """One hackathon's read (its stats, submissions, leaderboard), kept in the session until forget() or
    the page's reload button: searching, sorting or opening a form redraws the page, and must not spend
    the daily quota each time. A failure is not kept (the ApiError goes to the caller)."""
    reads = st.session_state.setdefault(READS, {})
    if (what, hack_id) not in reads:
        reads[(what, hack_id)] = read()
    return reads[(what, hack_id)]


def reload_button(hack_id: str, key: str) -> None:
    """Reads this hackathon's data again (what the analysis or another client changed meanwhile)."""
    st.button("Reload from the API", icon=":material/sync:", key=key, on_click=forget, args=(hack_id,))


def forget(hack_id: str | None = None, *, listing: bool = False) -> None:
    """Drops cached reads after the dashboard changed something: one hackathon's reads, and the list."""
    if hack_id is not None:
        st.session_state.get(DETAILS, {}).pop(hack_id, None)
        reads = st.session_state.get(READS, {})
        for k in [k for k in reads if k[1] == hack_id]:
            del reads[k]
        st.session_state.pop(f"analysis-estimate-{hack_id}", None)  # see views/analysis.py
    if listing:
        st.session_state.pop(HACKATHONS, None)


def hackathons(refresh: bool = False) -> list[dict[str, Any]] | None:
    """The organizer's hackathons (short items), fetched once per session or on refresh; None after a failure."""
    if refresh or HACKATHONS not in st.session_state:
        try:
            st.session_state[HACKATHONS] = client().hackathons()
        except ApiError as e:
            show_error(e, "load your hackathons")
            return None
    return st.session_state[HACKATHONS]


def details(hack_id: str) -> dict[str, Any] | None:
    """The full record of one hackathon (dates, description, rubric), cached in the session; None after a
    failure (shown)."""
    cache = st.session_state.setdefault(DETAILS, {})
    if hack_id not in cache:
        try:
            cache[hack_id] = client().hackathon(hack_id)
        except ApiError as e:
            show_error(e, "load this hackathon")
            return None
    return cache[hack_id]


def _refresh_list() -> None:
    st.session_state.pop(HACKATHONS, None)
    st.session_state.pop(DETAILS, None)


def refresh_button(where: Any = st, key: str = "refresh-list") -> None:
    where.button("Refresh the list", icon=":material/refresh:", on_click=_refresh_list, key=key)


def _label(h: dict[str, Any]) -> str:
    return f"{h.get('name', h['hack_id'])} ({h.get('status', 'unknown')})"


def pick_hackathon(required: bool = True) -> dict[str, Any] | None:
    """The hackathon chosen in the sidebar (drawn by the app on every page, so the choice follows the
    organizer across pages, and kept in the URL as ?hack=<id> so a link or a reload lands on it).
    A failure to list them is shown in the page, and None returned; so is having none."""
    items = hackathons()
    if items is None:
        return None
    if not items:
        if required:
            st.info("You have no hackathons yet. Create one on the **New hackathon** page, or refresh the list "
                    "if you created one elsewhere.", icon=":material/info:")
            refresh_button(key="refresh-empty")
        return None
    by_id = {h["hack_id"]: h for h in items}
    if not st.session_state.get(URL_READ):  # the link's hackathon, once; then the picker decides
        st.session_state[URL_READ] = True
        if st.query_params.get(QUERY_HACK) in by_id:
            st.session_state[HACK_ID] = st.query_params[QUERY_HACK]
    ids = list(by_id)
    current = st.session_state.get(HACK_ID)
    if current not in by_id:
        current = ids[0]
    with st.sidebar:
        # No widget key: the choice is kept in HACK_ID and passed as `index`. A keyed selectbox loses its
        # choice when the options' labels change (a hackathon activated or renamed: its label shows the
        # name and status; the browser sends back the old label) and snaps back to the first hackathon.
        # An unkeyed one is a new widget whenever its labels or index change.
        hack_id = st.selectbox("Hackathon", options=ids, index=ids.index(current),
                               format_func=lambda i: _label(by_id[i]))
        refresh_button()
    st.session_state[HACK_ID] = hack_id
    if hack_id != current:
        # Drawn again at once as a widget at the new index: the one on screen was made with the old index,
        # and the organizer's next pick in it would be lost when the index (so the widget) changes. This
        # rerun stops before the page draws anything or calls the API.
        st.rerun()
    st.query_params[QUERY_HACK] = hack_id
    return by_id[hack_id]


def select_next(hack_id: str | None) -> None:
    """Makes the picker show this hackathon from the next run on (a created one; None after a deletion)."""
    if hack_id is None:
        st.session_state.pop(HACK_ID, None)
    else:
        st.session_state[HACK_ID] = hack_id


def current_hackathon() -> dict[str, Any] | None:
    """The hackathon the app picked for this run (see app.py); pages show nothing more without one."""
    return st.session_state.get(CURRENT)


def confirm(label: str, key: str, action: Callable[[], None], *, warning: str) -> None:
    """A destructive action behind a second, explicit click."""
    if st.button(label, key=f"{key}-ask", icon=":material/delete:"):
        st.session_state[f"{key}-confirm"] = True
    if st.session_state.get(f"{key}-confirm"):
        st.warning(warning, icon=":material/warning:")
        cols = st.columns(2)
        if cols[0].button(f"Yes, {label.lower()}", key=f"{key}-yes", type="primary"):
            st.session_state.pop(f"{key}-confirm", None)
            action()
        if cols[1].button("Cancel", key=f"{key}-no"):
            st.session_state.pop(f"{key}-confirm", None)
            st.rerun()


def require_sign_in() -> None:
    """Signed out (a reload, a link): the sign-in form at this page's address; the page once signed in."""
    if not signed_in():
        import signin_form  # here, not at the top: signin_form uses this module

        signin_form.render()
        st.stop()


def require_hackathon() -> dict[str, Any]:
    """The signed-in page's hackathon, or the page stops (the picker already said why there is none)."""
    require_sign_in()
    hackathon = current_hackathon()
    if hackathon is None:
        st.stop()
    return hackathon
