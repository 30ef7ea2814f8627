"""Create a hackathon: the form checks what the API checks; the API's own 422 details go under the field."""

import streamlit as st

import hackathon_form
import ui
from api import ApiError

ui.require_sign_in()
st.title("New hackathon")
st.write("It starts as a draft: add submissions, then activate it on its page to analyze them.")

body, slots = hackathon_form.render("new-hackathon", None, "Create hackathon")
if body is not None:
    try:
        created = ui.client().create_hackathon(body)
    except ApiError as e:
        if e.status == 422:
            ui.show_field_errors(slots, hackathon_form.api_errors(e))
        else:
            ui.show_error(e, "create the hackathon")
    else:
        ui.forget(listing=True)
        ui.select_next(created["hack_id"])
        st.switch_page("views/hackathons.py")
