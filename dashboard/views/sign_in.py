"""The Sign in page (the first page while signed out; see signin_form for what it offers). Signed in, it
hands over to the Hackathon page: a rerun keeps the page it ran on, so this is how sign-in moves on."""

import streamlit as st

import signin_form
import ui

if ui.signed_in():
    st.switch_page("views/hackathons.py")
signin_form.render()
