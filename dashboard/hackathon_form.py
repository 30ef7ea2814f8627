"""The hackathon form (create and edit): the fields the API takes, checked as the API checks them before
anything is sent, and the API's own 422 details shown under the field they are about.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from typing import Any

import pandas as pd
import streamlit as st

import ui
from api import ApiError

AGENTS = ["bug_hunter", "performance", "innovation", "ai_detection"]  # the API's AgentName
AI_POLICIES = ["ai_assisted", "full_vibe", "traditional", "custom"]  # its AIPolicyMode
FIELDS = ("name", "description", "dates", "rubric", "agents_enabled", "ai_policy_mode", "budget_limit_usd")
DEFAULT_DIMENSIONS = [
    {"name": "Code quality", "weight": 0.4, "agent": "bug_hunter", "description": "Correctness and robustness"},
    {"name": "Performance", "weight": 0.3, "agent": "performance", "description": "Speed and resource use"},
    {"name": "Innovation", "weight": 0.3, "agent": "innovation", "description": "Originality of the idea"},
]


def _to_date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _iso(d: date | None, end: bool = False) -> str | None:
    if d is None:
        return None
    return datetime.combine(d, time(23, 59, 59) if end else time(0, 0), timezone.utc).isoformat()


def validate(body: dict[str, Any]) -> dict[str, str]:
    """The API's own rules (its HackathonCreate model), so a mistake is caught before a request is spent."""
    errors: dict[str, str] = {}
    name = body.get("name", "")
    if not 1 <= len(name) <= 200:
        errors["name"] = "A name is needed (at most 200 characters)."
    if len(body.get("description", "")) > 2000:
        errors["description"] = "At most 2000 characters."
    if body.get("start_date") and body.get("end_date") and body["end_date"] <= body["start_date"]:
        errors["dates"] = "The end must be after the start."
    dims = body.get("rubric", {}).get("dimensions", [])
    if not 1 <= len(dims) <= 10:
        errors["rubric"] = "The rubric needs 1 to 10 dimensions."
    elif any(not 1 <= len(d["name"]) <= 50 for d in dims):
        errors["rubric"] = "Every dimension needs a name of at most 50 characters."
    elif any(not 0 <= d["weight"] <= 1 for d in dims):
        errors["rubric"] = "Every weight is between 0 and 1."
    elif any(d["agent"] not in AGENTS for d in dims):
        errors["rubric"] = f"Every dimension needs an agent: one of {', '.join(AGENTS)}."
    elif abs(sum(d["weight"] for d in dims) - 1.0) > 0.001:
        errors["rubric"] = f"The weights must add up to 1.0; they add up to {sum(d['weight'] for d in dims):.3f}."
    agents = body.get("agents_enabled", [])
    if not 1 <= len(agents) <= 4:
        errors["agents_enabled"] = "Enable at least one agent."
    elif "rubric" not in errors and {d["agent"] for d in dims} - set(agents):
        missing = sorted({d["agent"] for d in dims} - set(agents))
        errors["agents_enabled"] = f"The rubric uses agents that are not enabled: {', '.join(missing)}."
    budget = body.get("budget_limit_usd")
    if budget is not None and not 0.01 <= budget <= 10000:
        errors["budget_limit_usd"] = "A budget is between $0.01 and $10,000."
    return errors


def api_errors(err: ApiError) -> dict[str, str]:
    """A 422's items by form field (the first part of their location after "body")."""
    out: dict[str, str] = {}
    for where, msg in err.field_errors:
        first = where.split(".")[0]
        key = "dates" if first in ("start_date", "end_date") else first if first in FIELDS else "form"
        out[key] = f"{out[key]} {msg}" if key in out else msg
    return out


def _dimensions(initial: dict[str, Any] | None) -> pd.DataFrame:
    dims = (initial or {}).get("rubric", {}).get("dimensions") or DEFAULT_DIMENSIONS
    return pd.DataFrame([{k: d.get(k, "") for k in ("name", "weight", "agent", "description")} for d in dims])


def render(key: str, initial: dict[str, Any] | None, submit_label: str) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """Draws the form. Returns (the body to send, or None when not submitted or invalid; the placeholders
    under each field, for ui.show_field_errors after the API answered)."""
    initial = initial or {}
    slots: dict[str, Any] = {}
    with st.form(key):
        name = st.text_input("Name", value=initial.get("name", ""), max_chars=200)
        slots["name"] = st.empty()
        description = st.text_area("Description", value=initial.get("description", ""), max_chars=2000)
        slots["description"] = st.empty()
        cols = st.columns(2)
        start = cols[0].date_input("Start date", value=_to_date(initial.get("start_date")), format="YYYY-MM-DD")
        end = cols[1].date_input("End date", value=_to_date(initial.get("end_date")), format="YYYY-MM-DD")
        slots["dates"] = st.empty()
        st.markdown("**Rubric**: one row per scoring dimension; the weights add up to 1.0.")
        table = st.data_editor(
            _dimensions(initial), num_rows="dynamic", key=f"{key}-dims", width="stretch", hide_index=True,
            column_config={
                "name": st.column_config.TextColumn("Dimension", max_chars=50, required=True),
                "weight": st.column_config.NumberColumn("Weight", min_value=0.0, max_value=1.0, step=0.05,
                                                        required=True),
                "agent": st.column_config.SelectboxColumn("Agent", options=AGENTS, required=True),
                "description": st.column_config.TextColumn("Description", max_chars=500),
            })
        slots["rubric"] = st.empty()
        agents = st.multiselect("Agents enabled", AGENTS,
                                default=initial.get("agents_enabled") or ["bug_hunter", "performance", "innovation"])
        slots["agents_enabled"] = st.empty()
        policy = initial.get("ai_policy_mode", "ai_assisted")
        mode = st.selectbox("AI policy", AI_POLICIES, index=AI_POLICIES.index(policy) if policy in AI_POLICIES else 0,
                            help="How the use of AI tools by teams is judged.")
        slots["ai_policy_mode"] = st.empty()
        budget = st.number_input("Budget limit (USD, 0 for none)", min_value=0.0, max_value=10000.0, step=1.0,
                                 value=float(initial.get("budget_limit_usd") or 0.0))
        slots["budget_limit_usd"] = st.empty()
        slots["form"] = st.empty()
        submitted = st.form_submit_button(submit_label, type="primary")
    if not submitted:
        return None, slots
    dims = []
    for row in table.to_dict("records"):
        if all(v is None or v == "" or (isinstance(v, float) and pd.isna(v)) for v in row.values()):
            continue  # an empty row the editor added
        weight = row.get("weight")
        dims.append({"name": str(row.get("name") or "").strip(),
                     "weight": float(weight) if weight is not None and not pd.isna(weight) else -1.0,
                     "agent": row.get("agent") or "", "description": str(row.get("description") or "")[:500]})
    body: dict[str, Any] = {
        "name": name.strip(), "description": description, "start_date": _iso(start), "end_date": _iso(end, end=True),
        "rubric": {"name": initial.get("rubric", {}).get("name", "Default Rubric"), "dimensions": dims},
        "agents_enabled": agents, "ai_policy_mode": mode, "budget_limit_usd": budget or None,
    }
    errors = validate(body)
    if errors:
        ui.show_field_errors(slots, errors)
        return None, slots
    return body, slots
