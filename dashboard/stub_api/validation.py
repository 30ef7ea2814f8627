"""Request validation as the real API does it (its pydantic models), answered as 422 with `detail` items.

Written by hand because the stand-in is standard library only (it also runs on the image's bare
interpreter); the contract tests check these answers against the OpenAPI document's schemas.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from errors import Invalid

AGENTS = ("bug_hunter", "performance", "innovation", "ai_detection")
AI_POLICIES = ("full_vibe", "ai_assisted", "traditional", "custom")
TEAM_NAME = re.compile(r"^[a-zA-Z0-9 _-]+$")
REPO_URL = re.compile(r"^https://github\.com/[\w\-\.]+/[\w\-\.]+/?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _string(inv: Invalid, loc: tuple, value: Any, *, min_len: int = 0, max_len: int | None = None) -> bool:
    if not isinstance(value, str):
        inv.add(loc, "Input should be a valid string", value, "string_type")
        return False
    if len(value) < min_len:
        inv.add(loc, f"String should have at least {min_len} character{'s' if min_len > 1 else ''}", value,
                "string_too_short", {"min_length": min_len})
        return False
    if max_len is not None and len(value) > max_len:
        inv.add(loc, f"String should have at most {max_len} characters", value, "string_too_long",
                {"max_length": max_len})
        return False
    return True


def _number(inv: Invalid, loc: tuple, value: Any, lo: float, hi: float) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        inv.add(loc, "Input should be a valid number", value, "float_type")
        return False
    if value < lo:
        inv.add(loc, f"Input should be greater than or equal to {lo}", value, "greater_than_equal", {"ge": lo})
        return False
    if value > hi:
        inv.add(loc, f"Input should be less than or equal to {hi}", value, "less_than_equal", {"le": hi})
        return False
    return True


def _enum(inv: Invalid, loc: tuple, value: Any, allowed: tuple[str, ...]) -> bool:
    if value not in allowed:
        expected = ", ".join(f"'{a}'" for a in allowed[:-1]) + f" or '{allowed[-1]}'"
        inv.add(loc, f"Input should be {expected}", value, "enum", {"expected": expected})
        return False
    return True


def _datetime(inv: Invalid, loc: tuple, value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        inv.add(loc, "Input should be a valid datetime", value, "datetime_from_date_parsing",
                {"error": "invalid datetime"})
        return None


def email(inv: Invalid, body: dict[str, Any]) -> None:
    if "email" not in body:
        inv.missing(("body", "email"), body)
    elif not isinstance(body["email"], str) or not EMAIL.match(body["email"]):
        inv.add(("body", "email"), "value is not a valid email address: An email address must have an @-sign.",
                body["email"], "value_error", {"reason": "An email address must have an @-sign."})


def hackathon(body: dict[str, Any], *, partial: bool) -> None:
    """HackathonCreate (partial=False) or HackathonUpdate (every field optional)."""
    inv = Invalid()
    present = lambda k: k in body and (body[k] is not None or not partial)  # noqa: E731
    for name in ("name", "rubric", "agents_enabled"):
        if not partial and name not in body:
            inv.missing(("body", name), body)
    if present("name"):
        _string(inv, ("body", "name"), body["name"], min_len=1, max_len=200)
    if present("description"):
        _string(inv, ("body", "description"), body["description"], max_len=2000)
    start = _datetime(inv, ("body", "start_date"), body.get("start_date"))
    end = _datetime(inv, ("body", "end_date"), body.get("end_date"))
    if start and end and end <= start:
        inv.add(("body", "end_date"), "Value error, end_date must be after start_date", body["end_date"],
                ctx={"error": {}})
    if present("ai_policy_mode"):
        _enum(inv, ("body", "ai_policy_mode"), body["ai_policy_mode"], AI_POLICIES)
    if present("budget_limit_usd") and body["budget_limit_usd"] is not None:
        _number(inv, ("body", "budget_limit_usd"), body["budget_limit_usd"], 0.01, 10000.0)
    rubric_agents: set[str] = set()
    if present("rubric"):
        rubric = body["rubric"]
        dims = rubric.get("dimensions") if isinstance(rubric, dict) else None
        if not isinstance(dims, list) or not 1 <= len(dims) <= 10:
            inv.add(("body", "rubric", "dimensions"), "List should have at least 1 item after validation, not 0"
                    if not dims else "List should have at most 10 items after validation", dims, "too_short"
                    if not dims else "too_long")
        else:
            ok = True
            for i, d in enumerate(dims):
                loc = ("body", "rubric", "dimensions", i)
                if not isinstance(d, dict):
                    inv.add(loc, "Input should be a valid dictionary", d, "dict_type")
                    ok = False
                    continue
                ok &= _string(inv, loc + ("name",), d.get("name"), min_len=1, max_len=50)
                ok &= _number(inv, loc + ("weight",), d.get("weight"), 0.0, 1.0)
                if _enum(inv, loc + ("agent",), d.get("agent"), AGENTS):
                    rubric_agents.add(d["agent"])
                else:
                    ok = False
            if ok:
                total = sum(float(d["weight"]) for d in dims)
                if abs(total - 1.0) > 0.001:
                    inv.add(("body", "rubric", "dimensions"),
                            f"Value error, Dimension weights must sum to 1.0, got {total:.4f}", dims,
                            ctx={"error": {}})
    if present("agents_enabled"):
        agents = body["agents_enabled"]
        if not isinstance(agents, list) or not (1 <= len(agents) <= 4 or partial and agents):
            inv.add(("body", "agents_enabled"), "List should have at least 1 item after validation, not 0",
                    agents, "too_short", {"field_type": "List", "min_length": 1, "actual_length": 0})
        else:
            for i, a in enumerate(agents):
                _enum(inv, ("body", "agents_enabled", i), a, AGENTS)
            missing = rubric_agents - set(agents)
            if missing and not inv.errors:
                inv.add(("body", "agents_enabled"),
                        f"Value error, Rubric references agents not in agents_enabled: {sorted(missing)}", agents,
                        ctx={"error": {}})
    inv.raise_if_any()


def submissions(body: dict[str, Any]) -> list[dict[str, str]]:
    """SubmissionBatchCreate: 1 to 500 `{team_name, repo_url}`, names and GitHub URLs by pattern."""
    inv = Invalid()
    subs = body.get("submissions")
    if "submissions" not in body:
        inv.missing(("body", "submissions"), body)
    elif not isinstance(subs, list) or not 1 <= len(subs) <= 500:
        inv.add(("body", "submissions"), "List should have at least 1 item after validation, not 0", subs,
                "too_short")
    else:
        for i, s in enumerate(subs):
            loc = ("body", "submissions", i)
            if not isinstance(s, dict):
                inv.add(loc, "Input should be a valid dictionary", s, "dict_type")
                continue
            for name in ("team_name", "repo_url"):
                if name not in s:
                    inv.missing(loc + (name,), s)
            if "team_name" in s and _string(inv, loc + ("team_name",), s["team_name"], min_len=1, max_len=50) \
                    and not TEAM_NAME.match(s["team_name"]):
                inv.add(loc + ("team_name",), f"String should match pattern '{TEAM_NAME.pattern}'", s["team_name"],
                        "string_pattern_mismatch", {"pattern": TEAM_NAME.pattern})
            if "repo_url" in s and _string(inv, loc + ("repo_url",), s["repo_url"]) \
                    and not REPO_URL.match(s["repo_url"]):
                inv.add(loc + ("repo_url",), f"String should match pattern '{REPO_URL.pattern}'", s["repo_url"],
                        "string_pattern_mismatch", {"pattern": REPO_URL.pattern})
    inv.raise_if_any()
    return subs
