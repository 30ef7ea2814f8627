"""Sign in with an API key, or with email and password (which the API exchanges for the key)."""

import streamlit as st

import ui
from api import ApiError, VibeJudgeClient

st.title("VibeJudge organizer dashboard")
st.write("Sign in to follow your hackathons: submissions, AI analysis and the leaderboard.")

by_key, by_password = st.tabs(["API key", "Email and password"])

with by_key:
    with st.form("sign-in-key"):
        key = st.text_input("API key", type="password", placeholder="vj_...")
        use_key = st.form_submit_button("Sign in", type="primary")

with by_password:
    with st.form("sign-in-password"):
        email = st.text_input("Email")
        password = st.text_input("Password", type="password")
        use_password = st.form_submit_button("Sign in with email")


def _try(api_key: str) -> None:
    # A key is valid when GET /hackathons answers 200; the answer also fills the first page.
    try:
        found = VibeJudgeClient(api_key).hackathons()
    except ApiError as e:
        ui.show_error(e, "sign in")
        return
    ui.sign_in(api_key, found)
    st.rerun()


if use_key:
    if not key.strip():
        st.warning("Paste your API key first.")
    else:
        _try(key.strip())

if use_password:
    if not email.strip() or not password:
        st.warning("Enter both your email and your password.")
    else:
        try:
            _try(VibeJudgeClient().login(email.strip(), password))
        except ApiError as e:
            ui.show_error(e, "sign in")
