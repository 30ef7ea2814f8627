"""Signing in: with an API key; with the organizer's e-mail (the API then issues a NEW key and deactivates
the old one, so this is said before, and the new key shown after); or registering a new organizer.

Drawn by the Sign in page, and by every other page while signed out (a reload or a link to /analysis
shows this form at that address, and the page itself once signed in).
"""

from __future__ import annotations

import streamlit as st

import ui
from api import ApiError, VibeJudgeClient

NEW_KEY = "new_api_key"  # a key the API just issued, shown once after the rerun that signs in
EMAIL_WARNING = ("Signing in by e-mail makes the API **issue a new API key and deactivate your current one**: "
                 "scripts, other browsers and colleagues using the old key will get \"API key inactive\" until "
                 "they switch to the new key, which is shown once after you sign in. The API asks for no password.")


def _try(api_key: str) -> bool:
    """A key is valid when GET /hackathons answers 200; the answer also fills the picker."""
    try:
        found = VibeJudgeClient(api_key, on_limits=ui.remember_limits).hackathons()
    except ApiError as e:
        ui.show_error(e, "sign in")
        return False
    ui.sign_in(api_key, found)
    return True


def render() -> None:
    st.title("VibeJudge organizer dashboard")
    st.write("Sign in to run your hackathons: submissions, AI analysis, results.")
    by_key, by_email, register = st.tabs(["API key", "E-mail", "Register"])

    with by_key:
        with st.form("sign-in-key"):
            key = st.text_input("API key", type="password", placeholder="vj_...")
            use_key = st.form_submit_button("Sign in", type="primary")

    with by_email:
        st.warning(EMAIL_WARNING, icon=":material/key:")
        with st.form("sign-in-email"):
            email = st.text_input("E-mail")
            understood = st.checkbox("I understand: my current API key stops working")
            use_email = st.form_submit_button("Issue a new key and sign in")

    with register:
        with st.form("register"):
            r_email = st.text_input("Your e-mail", key="register-email")
            r_name = st.text_input("Your name", key="register-name")
            r_org = st.text_input("Organization (optional)", key="register-org")
            use_register = st.form_submit_button("Register")

    if use_key:
        if not key.strip():
            st.warning("Paste your API key first.")
        elif _try(key.strip()):
            st.rerun()

    if use_email:
        if "@" not in email:
            st.warning("Enter the e-mail address you registered with.")
        elif not understood:
            st.warning("Tick the box first: signing in by e-mail deactivates your current API key.")
        else:
            try:
                new_key = VibeJudgeClient().login(email.strip())
            except ApiError as e:
                if e.status == 404:
                    st.error("No organizer is registered with that e-mail. Register first.", icon=":material/error:")
                else:
                    ui.show_error(e, "sign in")
            else:
                if _try(new_key):
                    st.session_state[NEW_KEY] = new_key
                    st.rerun()

    if use_register:
        if "@" not in r_email or not r_name.strip():
            st.warning("Enter your e-mail and your name.")
        else:
            try:
                org = VibeJudgeClient().register(r_email.strip(), r_name.strip(), r_org.strip() or None)
            except ApiError as e:
                ui.show_error(e, "register")
            else:
                if _try(org["api_key"]):
                    st.session_state[NEW_KEY] = org["api_key"]
                    st.rerun()


def show_new_key() -> None:
    """After a sign-in that issued a key: the key, once, to copy (the API never shows it again)."""
    key = st.session_state.pop(NEW_KEY, None)
    if key:
        st.success("The API issued a new key for you. Copy it now: it is not shown again, and your previous key "
                   "no longer works.", icon=":material/key:")
        st.code(key, language=None)  # a code block shows text as it is, never as markdown
