"""What the stand-in VibeJudge API knows and does: organizers and their keys, hackathons, submissions,
analysis jobs, scorecards; one handler per route, answering as the real backend does (quirks included,
each marked QUIRK below, from ../../../shared/reference/vibejudge-api.md and the observed responses).

The HTTP side (auth, limits, the 402 budget rule, faults, logging) is in server.py; this module only
holds state and answers already-authenticated calls.
"""

from __future__ import annotations

import copy
import re
import secrets
import statistics
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import validation
from errors import ApiError, Invalid, detail

JOB_COST_PER_SUBMISSION_USD = 0.053  # what POST /analyze quotes (QUIRK: not the estimate's figure)
AGENT_COST_USD = {"bug_hunter": 0.0021, "performance": 0.0019, "innovation": 0.0106, "ai_detection": 0.0012}
AGENT_MODEL = {"bug_hunter": "amazon.nova-lite-v1:0", "performance": "amazon.nova-lite-v1:0",
               "innovation": "anthropic.claude-sonnet-4", "ai_detection": "amazon.nova-micro-v1:0"}
TIERS = {"free": (10, 100, 10.0), "starter": (20, 500, 50.0), "pro": (50, 5000, 500.0),
         "enterprise": (100, 50000, 5000.0)}  # rate per second, daily quota, budget


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_key() -> str:
    return "vj_live_" + secrets.token_urlsafe(24)[:32]


def _score_of(sub_id: str) -> float:
    """A deterministic score for a submission the stand-in analyzes (50 to 95)."""
    return round(50 + (zlib.crc32(sub_id.encode()) % 451) / 10, 1)


def recommendation_for(score: float) -> str:
    if score >= 85:
        return "strong_contender"
    if score >= 70:
        return "solid_submission"
    if score >= 55:
        return "needs_improvement"
    return "concerns_flagged"


@dataclass
class Backend:
    """All the data, mutated by the handlers; server.py holds the lock around every call."""

    organizers: list[dict[str, Any]]
    hackathons: list[dict[str, Any]]
    keys: dict[str, dict[str, Any]] = field(default_factory=dict)  # key string -> APIKeyResponse record
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)  # hack_id -> the latest job
    progress_step: int = 2  # submissions a running job finishes per status poll
    daily_quota: int = 100  # of every key, unless its record says otherwise
    rate_per_second: int = 10

    @classmethod
    def from_fixtures(cls, fixtures: dict[str, Any], **settings: Any) -> "Backend":
        data = copy.deepcopy(fixtures)
        b = cls(organizers=data["organizers"], hackathons=data["hackathons"], **settings)
        for org in b.organizers:
            for key in org.get("api_keys", []):
                b._add_key(org, key)
        return b

    # -- keys ----------------------------------------------------------------------------------------
    def _add_key(self, org: dict[str, Any], key: str, **overrides: Any) -> dict[str, Any]:
        rate, _quota, budget = TIERS[org.get("tier", "free")]
        record = {"created_at": now(), "updated_at": now(), "api_key_id": f"key-{len(self.keys) + 1:03d}",
                  "organizer_id": org["org_id"], "hackathon_id": None, "tier": org.get("tier", "free"),
                  "rate_limit_per_second": self.rate_per_second if org.get("tier", "free") == "free" else rate,
                  "daily_quota": self.daily_quota, "budget_limit_usd": budget, "active": True, "expires_at": None,
                  "deprecated": False, "deprecated_at": None, "total_requests": 0, "total_cost_usd": 0.0,
                  "last_used_at": None}
        record.update(overrides)
        self.keys[key] = record
        return record

    def key_record(self, key: str | None) -> dict[str, Any] | None:
        return self.keys.get(key) if key else None

    def organizer(self, org_id: str) -> dict[str, Any]:
        return next(o for o in self.organizers if o["org_id"] == org_id)

    def _key_by_id(self, org: dict[str, Any], key_id: str) -> tuple[str, dict[str, Any]]:
        for key, rec in self.keys.items():
            if rec["api_key_id"] == key_id:
                if rec["organizer_id"] != org["org_id"]:
                    raise detail(403, "You do not have permission to access this API key")
                return key, rec
        raise detail(404, "API key not found")

    # -- lookups -------------------------------------------------------------------------------------
    def hackathon(self, org: dict[str, Any], hack_id: str) -> dict[str, Any]:
        for h in self.hackathons:
            if h["hack_id"] == hack_id:
                if h["org_id"] != org["org_id"]:
                    raise detail(403, "You do not have permission to access this hackathon")
                return h
        raise detail(404, "Hackathon not found")

    def find_hackathon(self, hack_id: str) -> dict[str, Any] | None:
        return next((h for h in self.hackathons if h["hack_id"] == hack_id), None)

    def submission(self, org: dict[str, Any], sub_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        for h in self.hackathons:
            for s in h["submissions"]:
                if s["sub_id"] == sub_id:
                    if h["org_id"] != org["org_id"]:
                        raise detail(403, "You do not have permission to access this submission")
                    return h, s
        raise detail(404, "Submission not found")


# -- what each kind of record looks like on the wire ----------------------------------------------------
HACKATHON_FIELDS = ("created_at", "updated_at", "hack_id", "org_id", "name", "description", "status", "start_date",
                    "end_date", "rubric", "agents_enabled", "ai_policy_mode", "submission_count", "budget_limit_usd")


def hackathon_out(h: dict[str, Any]) -> dict[str, Any]:
    return {k: (len(h["submissions"]) if k == "submission_count" else copy.deepcopy(h.get(k)))
            for k in HACKATHON_FIELDS}


def hackathon_item(h: dict[str, Any]) -> dict[str, Any]:
    """QUIRK: list items are short: no dates, no description, no rubric."""
    return {"hack_id": h["hack_id"], "name": h["name"], "status": h["status"],
            "submission_count": len(h["submissions"]), "created_at": h["created_at"]}


def submission_item(s: dict[str, Any]) -> dict[str, Any]:
    """QUIRK: no `team_members`; `rank` is always null."""
    return {"sub_id": s["sub_id"], "team_name": s["team_name"], "repo_url": s["repo_url"], "status": s["status"],
            "overall_score": s.get("overall_score"), "rank": None, "total_cost_usd": s.get("total_cost_usd"),
            "created_at": s["created_at"], "error_message": s.get("error_message"),
            "disqualification_reason": s.get("disqualification_reason")}


def _weighted(h: dict[str, Any], s: dict[str, Any]) -> dict[str, dict[str, float]] | None:
    if s.get("overall_score") is None:
        return None
    out = {}
    for i, d in enumerate(h["rubric"]["dimensions"]):
        raw = max(0.0, min(10.0, round(s["overall_score"] / 10 + ((zlib.crc32((s["sub_id"] + d["name"]).encode())
                                                                    % 21) - 10) / 20, 1)))
        out[d["name"]] = {"raw": raw, "weight": d["weight"], "weighted": round(raw * d["weight"] * 10, 2)}
    return out


def _agent_scores(h: dict[str, Any], s: dict[str, Any]) -> list[dict[str, Any]]:
    if s.get("overall_score") is None:
        return []
    out = []
    for agent in h["agents_enabled"]:
        score = round(s["overall_score"] / 10, 1)
        out.append({"agent_name": agent, "overall_score": score, "confidence": 0.8,
                    "summary": f"{agent.replace('_', ' ').capitalize()} review of {s['team_name']}.",
                    "scores": {"overall": score},
                    # QUIRK: numbers inside evidence arrive as strings
                    "evidence": [{"file": "src/main.py", "line": "42", "finding": "Unchecked error from an API call",
                                  "severity": "medium", "confidence": "0.7"}],
                    "observations": {}})
    return out


def _pick(seed: str, options: list[Any] | tuple[Any, ...]) -> Any:
    return options[zlib.crc32(seed.encode()) % len(options)]


def _analysis_details(h: dict[str, Any], s: dict[str, Any]) -> dict[str, Any]:
    """What the analysis found besides the scores: repository facts (RepoMeta), team dynamics, strategy and
    actionable feedback, derived from the submission's id so a scorecard reads the same each time. Only a
    scored submission has them (observed 36/37: null and [] before the analysis). A record may carry its
    own (a fixture or a test sets `repo_meta: None` etc.): the real API leaves them empty for many scored
    submissions too."""
    if s.get("overall_score") is None:
        return {"repo_meta": None, "team_dynamics": None, "strategy_analysis": None, "actionable_feedback": []}
    sid = s["sub_id"]
    n = lambda what, lo, hi: lo + zlib.crc32((sid + what).encode()) % (hi - lo + 1)  # noqa: E731
    contributors = n("contributors", 1, 4)
    commits = n("commits", 18, 160)
    first = datetime.fromisoformat(s["created_at"]) - timedelta(hours=n("start", 40, 70))
    hours = float(n("hours", 20, 60))
    runs = n("runs", 0, 30) if n("ci", 0, 3) else 0
    python = n("python", 45, 85)
    repo_meta = {"commit_count": commits, "branch_count": n("branches", 1, 6), "contributor_count": contributors,
                 "primary_language": "Python",
                 # bytes of code per language, as GitHub's languages API counts them
                 "languages": {"Python": python * 1000, "TypeScript": (95 - python) * 1000, "Dockerfile": 5000},
                 "total_files": n("files", 25, 140), "total_lines": n("lines", 1800, 12000), "has_readme": True,
                 "has_tests": not any("test" in w.lower() for w in s.get("weaknesses", [])), "has_ci": runs > 0, "has_dockerfile": n("docker", 0, 1) == 1,
                 "first_commit_at": first.isoformat(timespec="seconds"),
                 "last_commit_at": (first + timedelta(hours=hours)).isoformat(timespec="seconds"),
                 "development_duration_hours": hours, "workflow_run_count": runs,
                 "workflow_success_rate": round(n("success", 60, 100) / 100, 2) if runs else 0.0}
    people = ["maya", "tomas", "lin", "priya"][:contributors]
    shares = [n(p, 10, 40) for p in people]
    team_dynamics = {
        "team_size": contributors,
        "collaboration_score": round(n("collab", 50, 95) / 10, 1),
        "workload_balance": "solo project" if contributors == 1 else _pick(sid + "balance", (
            "balanced", "one contributor wrote most of the code", "front end and back end split cleanly")),
        "commit_share_pct": {p: round(100 * x / sum(shares), 1) for p, x in zip(people, shares)},
        "observations": [_pick(sid + "obs1", ("Small, frequent commits with descriptive messages",
                                              "Most work landed in the last six hours", "Pull requests reviewed before merging")),
                         _pick(sid + "obs2", ("Late-night commits on both nights", "Work spread evenly over the event",
                                              "Tests written alongside features"))],
        "red_flags": [] if n("flag", 0, 4) else ["Large commit of generated code just before the deadline"],
    }
    strategy_analysis = {
        "approach": _pick(sid + "approach", ("Narrow scope, working end to end first", "Prototype of the core idea, polished demo",
                                             "Ambitious architecture, partly finished")),
        "maturity": _pick(sid + "maturity", ("prototype", "working demo", "production-minded")),
        "test_strategy": "unit tests for the core logic" if repo_meta["has_tests"] else "no automated tests",
        "tradeoffs": ["Kept a single service instead of microservices", "Mocked the payment provider"],
        "confidence": round(n("confidence", 60, 95) / 100, 2),
    }
    feedback = [{"priority": "high" if i == 0 else "medium", "category": _pick(sid + w, ("testing", "reliability", "documentation")),
                 "finding": w, "recommendation": f"Address this before the next demo: {w.lower()}.",
                 "effort": _pick(sid + w + "effort", ("small", "medium")), "file": "src/main.py",
                 "code_example": "def test_start_page_loads(client):\n    assert client.get('/').status_code == 200"}
                for i, w in enumerate(s.get("weaknesses", []))]
    out = {"repo_meta": repo_meta, "team_dynamics": team_dynamics, "strategy_analysis": strategy_analysis,
           "actionable_feedback": feedback}
    return {k: copy.deepcopy(s[k]) if k in s else v for k, v in out.items()}


def submission_out(h: dict[str, Any], s: dict[str, Any]) -> dict[str, Any]:
    return {"created_at": s["created_at"], "updated_at": s.get("updated_at", s["created_at"]), "sub_id": s["sub_id"],
            "hack_id": h["hack_id"], "team_name": s["team_name"], "repo_url": s["repo_url"], "status": s["status"],
            "overall_score": s.get("overall_score"), "rank": None, "recommendation": s.get("recommendation"),
            "repo_meta": _analysis_details(h, s)["repo_meta"], "weighted_scores": _weighted(h, s), "strengths": list(s.get("strengths", [])),
            "weaknesses": list(s.get("weaknesses", [])),
            "agent_scores": {a["agent_name"]: a["overall_score"] for a in _agent_scores(h, s)},
            "total_cost_usd": s.get("total_cost_usd"), "total_tokens": s.get("total_tokens"),
            "analysis_duration_ms": s.get("analysis_duration_ms"), "analyzed_at": s.get("analyzed_at"),
            "disqualification_reason": s.get("disqualification_reason"), "error_message": s.get("error_message")}


def scorecard_out(h: dict[str, Any], s: dict[str, Any]) -> dict[str, Any]:
    out = submission_out(h, s)
    out.pop("error_message")
    out["agent_scores"] = _agent_scores(h, s)
    out.update(_analysis_details(h, s))
    return out


# -- routes -------------------------------------------------------------------------------------------
Handler = Callable[..., tuple[int, Any]]
ROUTES: list[tuple[str, re.Pattern[str], bool, Handler]] = []  # method, path, needs a key, handler


def route(method: str, pattern: str, *, auth: bool = True) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        ROUTES.append((method, re.compile(pattern), auth, fn))
        return fn

    return register


def find_route(method: str, path: str) -> tuple[Handler, dict[str, str], bool] | None:
    """The handler for a path relative to /api/v1 (None: 404); a path that exists for another method is
    treated alike (FastAPI would say 405, which the dashboard never meets)."""
    for m, pattern, auth, fn in ROUTES:
        match = pattern.fullmatch(path)
        if match and m == method:
            return fn, match.groupdict(), auth
    return None


def _hack_path(name: str) -> str:
    return r"/hackathons/(?P<hack_id>[^/]+)" + name


# organizers
@route("POST", "/organizers", auth=False)
def register(b: Backend, org: None, body: dict, query: dict) -> tuple[int, Any]:
    inv = Invalid()
    validation.email(inv, body)
    if not isinstance(body.get("name"), str) or not 1 <= len(body.get("name") or "") <= 100:
        inv.add(("body", "name"), "String should have at least 1 character", body.get("name"), "string_too_short",
                {"min_length": 1})
    inv.raise_if_any()
    if any(o["email"].lower() == body["email"].lower() for o in b.organizers):
        raise detail(400, f"Email {body['email']} is already registered")
    org = {"org_id": f"org-{len(b.organizers) + 1:03d}", "email": body["email"], "name": body["name"],
           "organization": body.get("organization"), "tier": "free", "created_at": now(), "updated_at": now(),
           "api_keys": []}
    b.organizers.append(org)
    key = new_key()
    b._add_key(org, key)
    return 201, {**me_out(b, org), "api_key": key}


@route("POST", "/organizers/login", auth=False)
def login(b: Backend, org: None, body: dict, query: dict) -> tuple[int, Any]:
    """QUIRK: e-mail only (a password is ignored); issues a new key and deactivates the old ones."""
    inv = Invalid()
    validation.email(inv, body)
    inv.raise_if_any()
    found = next((o for o in b.organizers if o["email"].lower() == body["email"].lower()), None)
    if found is None:
        raise detail(404, "Organizer not found")
    for rec in b.keys.values():
        if rec["organizer_id"] == found["org_id"]:
            rec["active"] = False
    key = new_key()
    b._add_key(found, key)
    return 200, {"org_id": found["org_id"], "api_key": key}


def me_out(b: Backend, org: dict[str, Any]) -> dict[str, Any]:
    return {"created_at": org.get("created_at", now()), "updated_at": org.get("updated_at", now()),
            "org_id": org["org_id"], "email": org["email"], "name": org["name"],
            "organization": org.get("organization"), "tier": org.get("tier", "free"),
            "hackathon_count": sum(1 for h in b.hackathons if h["org_id"] == org["org_id"])}


@route("GET", "/organizers/organizers/me")  # QUIRK: the router's prefix doubled, answered alike
@route("GET", "/organizers/me")
def me(b: Backend, org: dict, body: dict, query: dict) -> tuple[int, Any]:
    return 200, me_out(b, org)


# hackathons
@route("GET", "/hackathons")
def list_hackathons(b: Backend, org: dict, body: dict, query: dict) -> tuple[int, Any]:
    """QUIRK: `limit` and `cursor` are checked but ignored: one page with everything."""
    limit = query.get("limit", ["20"])[0]
    if not limit.isdigit() or not 1 <= int(limit) <= 100:
        raise ApiError(422, {"detail": [{"type": "greater_than_equal", "loc": ["query", "limit"],
                                         "msg": "Input should be greater than or equal to 1", "input": limit,
                                         "ctx": {"ge": 1}}]})
    mine = [hackathon_item(h) for h in b.hackathons if h["org_id"] == org["org_id"]]
    return 200, {"hackathons": mine, "next_cursor": None, "has_more": False}


@route("POST", "/hackathons")
def create_hackathon(b: Backend, org: dict, body: dict, query: dict) -> tuple[int, Any]:
    validation.hackathon(body, partial=False)
    rubric = {"name": "Default Rubric", "version": "1.0", "max_score": 100.0, **body["rubric"]}
    rubric["dimensions"] = [{"description": "", **d} for d in rubric["dimensions"]]
    h = {"created_at": now(), "updated_at": now(), "hack_id": f"hack-{secrets.token_hex(4)}", "org_id": org["org_id"],
         "name": body["name"], "description": body.get("description", ""), "status": "draft",
         "start_date": body.get("start_date"), "end_date": body.get("end_date"), "rubric": rubric,
         "agents_enabled": body["agents_enabled"], "ai_policy_mode": body.get("ai_policy_mode", "ai_assisted"),
         "budget_limit_usd": body.get("budget_limit_usd"), "submissions": []}
    b.hackathons.append(h)
    return 201, hackathon_out(h)


@route("GET", _hack_path(""))
def get_hackathon(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    return 200, hackathon_out(b.hackathon(org, hack_id))


@route("PUT", _hack_path(""))
def update_hackathon(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.hackathon(org, hack_id)
    validation.hackathon(body, partial=True)
    for k, v in body.items():
        if k in HACKATHON_FIELDS and v is not None:
            h[k] = copy.deepcopy(v)
    h["updated_at"] = now()
    return 200, hackathon_out(h)


@route("DELETE", _hack_path(""))
def delete_hackathon(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    b.hackathons.remove(b.hackathon(org, hack_id))
    b.jobs.pop(hack_id, None)
    return 204, None


@route("POST", _hack_path("/activate"))
def activate(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.hackathon(org, hack_id)
    if h["status"] != "draft":
        raise detail(400, f"Cannot activate hackathon in {h['status']} status. Only DRAFT hackathons can be activated.")
    h["status"] = "configured"
    return 200, hackathon_out(h)


@route("GET", _hack_path("/stats"))
def stats(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.hackathon(org, hack_id)
    pending = sum(1 for s in h["submissions"] if s["status"] == "pending")
    # QUIRK: verified_count and participant_count are always 0
    return 200, {"submission_count": len(h["submissions"]), "verified_count": 0, "pending_count": pending,
                 "participant_count": 0, "hackathon_status": h["status"]}


# submissions
def _add_submissions(b: Backend, h: dict[str, Any], body: dict) -> tuple[int, Any]:
    items = validation.submissions(body)
    seen = {s["repo_url"].lower() for s in h["submissions"]}
    for item in items:
        if item["repo_url"].lower() in seen:  # QUIRK: a duplicate is a 500
            raise detail(500, f"Failed to create submissions: Duplicate submission: Repository '{item['repo_url']}' "
                              "has already been submitted to this hackathon")
        seen.add(item["repo_url"].lower())
    created = []
    for item in items:
        s = {"sub_id": f"sub-{secrets.token_hex(4)}", "team_name": item["team_name"], "repo_url": item["repo_url"],
             "status": "pending", "created_at": now()}
        h["submissions"].append(s)
        created.append(submission_item(s))
    return 201, {"created": len(created), "submissions": created, "hackathon_submission_count": len(h["submissions"])}


@route("POST", _hack_path("/submissions"))
def add_submissions(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    return _add_submissions(b, b.hackathon(org, hack_id), body)


@route("GET", _hack_path("/submissions"))
def list_submissions(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.hackathon(org, hack_id)
    return 200, {"submissions": [submission_item(s) for s in h["submissions"]], "next_cursor": None,
                 "has_more": False}


@route("GET", r"/submissions/(?P<sub_id>[^/]+)")
def get_submission(b: Backend, org: dict, body: dict, query: dict, sub_id: str) -> tuple[int, Any]:
    return 200, submission_out(*b.submission(org, sub_id))


@route("DELETE", r"/submissions/(?P<sub_id>[^/]+)")
def delete_submission(b: Backend, org: dict, body: dict, query: dict, sub_id: str) -> tuple[int, Any]:
    h, s = b.submission(org, sub_id)
    h["submissions"].remove(s)
    return 204, None


@route("GET", r"/submissions/(?P<sub_id>[^/]+)/scorecard")
def scorecard(b: Backend, org: dict, body: dict, query: dict, sub_id: str) -> tuple[int, Any]:
    return 200, scorecard_out(*b.submission(org, sub_id))


@route("GET", r"/submissions/(?P<sub_id>[^/]+)/individual-scorecards")
def individual(b: Backend, org: dict, body: dict, query: dict, sub_id: str) -> tuple[int, Any]:
    h, s = b.submission(org, sub_id)
    return 200, {"sub_id": sub_id, "hack_id": h["hack_id"], "team_name": s["team_name"], "scorecards": [],
                 "total_count": 0}


@route("GET", r"/submissions/(?P<sub_id>[^/]+)/costs")
def submission_costs(b: Backend, org: dict, body: dict, query: dict, sub_id: str) -> tuple[int, Any]:
    h, s = b.submission(org, sub_id)
    return 200, {"sub_id": sub_id, "total_cost_usd": s.get("total_cost_usd") or 0.0, "total_tokens": 0,
                 "total_input_tokens": 0, "total_output_tokens": 0, "analysis_duration_ms": 0, "agents": [],
                 "component_performance": [], "total_component_duration_ms": 0}


# analysis
def _range(expected: float, low: float, high: float) -> dict[str, float]:
    return {"low": round(expected * low, 4), "expected": round(expected, 4), "high": round(expected * high, 4)}


@route("POST", _hack_path("/analyze/estimate"))
def estimate(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.hackathon(org, hack_id)
    pending = sum(1 for s in h["submissions"] if s["status"] == "pending")
    if not pending:  # QUIRK: a normal state, answered as an error
        raise detail(400, "No pending submissions to analyze")
    per = sum(AGENT_COST_USD[a] for a in h["agents_enabled"])
    total = per * pending
    budget = h.get("budget_limit_usd")
    check = None if budget is None else {"budget_limit_usd": budget, "within_budget": total * 1.2 <= budget,
                                         "budget_utilization_pct": round(100 * total / budget, 1)}
    return 200, {"hack_id": hack_id, "submission_count": pending, "agents_enabled": list(h["agents_enabled"]),
                 "estimate": {"total_cost_usd": _range(total, 0.8, 1.2), "per_submission_cost_usd": _range(per, 0.8, 1.2),
                              "cost_by_agent": {a: {"model": AGENT_MODEL[a], "estimated_usd": round(AGENT_COST_USD[a] * pending, 4)}
                                                for a in h["agents_enabled"]},
                              "estimated_duration_minutes": _range(pending * 30 / 60, 0.7, 1.5)},
                 "budget_check": check}


@route("POST", _hack_path("/analyze"))
def analyze(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.hackathon(org, hack_id)
    if body is None:
        raise ApiError(422, {"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]})
    job = b.jobs.get(hack_id)
    if job and job["status"] in ("queued", "running"):  # QUIRK: 500, not 409
        raise detail(500, "Failed to trigger analysis: Analysis already in progress")
    wanted = body.get("submission_ids")
    subs = [s for s in h["submissions"] if (s["sub_id"] in wanted if wanted else s["status"] == "pending")]
    cost = round(len(subs) * JOB_COST_PER_SUBMISSION_USD, 4)
    budget = h.get("budget_limit_usd")
    if budget is not None and cost > budget:
        raise detail(500, f"Failed to trigger analysis: Estimated cost ${cost:.2f} exceeds budget limit ${budget:.2f}")
    job = {"job_id": f"job-{secrets.token_hex(4)}", "hack_id": hack_id, "status": "queued", "sub_ids":
           [s["sub_id"] for s in subs], "done": [], "failed": [], "created_at": now(), "estimated_cost_usd": cost}
    b.jobs[hack_id] = job
    return 202, {"job_id": job["job_id"], "hack_id": hack_id, "status": "queued", "total_submissions": len(subs),
                 "completed_submissions": 0, "failed_submissions": 0, "estimated_cost_usd": cost,
                 "estimated_duration_minutes": None, "started_at": None, "completed_at": None,
                 "created_at": job["created_at"]}


analyze.body_required = True  # type: ignore[attr-defined]  # a missing body is a 422 here, {} elsewhere


def _finish(h: dict[str, Any], s: dict[str, Any]) -> bool:
    """Analyzes one submission: a score and the scorecard's content, or a failure for a repository named
    `broken` (so the dashboard's error column has something to show). True when it scored."""
    s["updated_at"] = s["analyzed_at"] = now()
    if "broken" in s["repo_url"]:
        s.update(status="failed", error_message="Repository could not be cloned: not found", total_cost_usd=0.0)
        return False
    score = _score_of(s["sub_id"])
    s.update(status="completed", overall_score=score, recommendation=recommendation_for(score),
             total_cost_usd=round(sum(AGENT_COST_USD[a] for a in h["agents_enabled"]), 4), total_tokens=4200,
             analysis_duration_ms=31000, strengths=["Clear README", "Working demo"],
             weaknesses=["Few tests"])
    return True


@route("GET", _hack_path("/analyze/status"))
def analysis_status(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.hackathon(org, hack_id)
    job = b.jobs.get(hack_id)
    if job is None:
        raise detail(404, "No analysis jobs found for this hackathon")
    # The stand-in moves a job on at each poll (queued -> running -> completed), so a demo and a test see it
    # progress without waiting; the real one moves on its own time.
    if job["status"] == "queued":
        job["status"] = "running"
        for s in h["submissions"]:
            if s["sub_id"] in job["sub_ids"]:
                s["status"] = "analyzing"
    elif job["status"] == "running":
        todo = [i for i in job["sub_ids"] if i not in job["done"] and i not in job["failed"]]
        for sub_id in todo[: b.progress_step]:
            s = next((x for x in h["submissions"] if x["sub_id"] == sub_id), None)
            (job["done"] if s is None or _finish(h, s) else job["failed"]).append(sub_id)
        if len(job["done"]) + len(job["failed"]) >= len(job["sub_ids"]):
            job["status"] = "completed"
            h["status"] = "completed" if h["status"] in ("configured", "analyzing") else h["status"]
    total = len(job["sub_ids"])
    finished = len(job["done"]) + len(job["failed"])
    errors = [{"sub_id": i, "team_name": next((s["team_name"] for s in h["submissions"] if s["sub_id"] == i), "?"),
               "error": "Repository could not be cloned: not found"} for i in job["failed"]]
    return 200, {"job_id": job["job_id"], "hack_id": hack_id, "status": job["status"],
                 "progress": {"total_submissions": total, "completed": len(job["done"]), "failed": len(job["failed"]),
                              "remaining": total - finished,
                              "percent_complete": round(100.0 * finished / total, 1) if total else 100.0},
                 "current_submission": None, "cost_so_far": None, "errors": errors, "started_at": None,
                 "estimated_completion": None}


# results
def _scored(h: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted((s for s in h["submissions"] if s["status"] == "completed" and s.get("overall_score") is not None),
                  key=lambda s: s["overall_score"], reverse=True)


@route("GET", _hack_path("/leaderboard"))
def leaderboard(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.hackathon(org, hack_id)
    scored = _scored(h)
    if not scored:  # QUIRK: a normal state, answered as an error
        raise detail(400, "No scored submissions available")
    scores = [s["overall_score"] for s in scored]
    buckets = {"90-100": 0, "80-89": 0, "70-79": 0, "60-69": 0, "0-59": 0}
    for x in scores:
        buckets["90-100" if x >= 90 else "80-89" if x >= 80 else "70-79" if x >= 70 else "60-69" if x >= 60 else "0-59"] += 1
    rows = [{"rank": i + 1, "sub_id": s["sub_id"], "team_name": s["team_name"], "overall_score": s["overall_score"],
             "dimension_scores": {k: v["raw"] for k, v in (_weighted(h, s) or {}).items()},
             "recommendation": "solid_submission"}  # QUIRK: always this; the scorecard has the real one
            for i, s in enumerate(scored)]
    return 200, {"hackathon": {"hack_id": hack_id, "name": h["name"], "submission_count": len(h["submissions"]),
                               "analyzed_count": len(scored), "ai_policy_mode": h["ai_policy_mode"]},
                 "leaderboard": rows,
                 "statistics": {"mean_score": round(statistics.fmean(scores), 2),
                                "median_score": round(statistics.median(scores), 2),
                                "std_dev": round(statistics.pstdev(scores), 2), "highest_score": max(scores),
                                "lowest_score": min(scores), "score_distribution": buckets}}


@route("GET", _hack_path("/intelligence"))
def intelligence(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.hackathon(org, hack_id)
    scored = _scored(h)
    top = [{"team_name": s["team_name"], "sub_id": s["sub_id"], "overall_score": s["overall_score"],
            "key_strengths": list(s.get("strengths", [])), "sponsor_interest_flags": []} for s in scored[:5]]
    return 200, {"hack_id": hack_id, "hackathon_name": h["name"], "total_submissions": len(h["submissions"]),
                 "top_performers": top,
                 "hiring_intelligence": {"backend_candidates": [], "frontend_candidates": [], "devops_candidates": [],
                                         "full_stack_candidates": [], "must_interview": []},
                 "technology_trends": {"most_used": [["Python", len(scored)], ["TypeScript", len(scored) // 2]]
                                       if scored else [], "emerging": [], "popular_stacks": []},
                 "common_issues": [], "standout_moments": [], "prize_recommendations": [],
                 "next_hackathon_recommendations": [], "sponsor_follow_up_actions": []}


@route("GET", _hack_path("/costs"))
def hackathon_costs(b: Backend, org: dict, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.hackathon(org, hack_id)
    analyzed = [s for s in h["submissions"] if s.get("total_cost_usd")]
    total = round(sum(s["total_cost_usd"] for s in analyzed), 4)
    limit = h.get("budget_limit_usd")
    budget = None if limit is None else {"limit_usd": limit, "used_usd": total, "remaining_usd": round(limit - total, 4),
                                         "utilization_pct": round(100 * total / limit, 2)}
    return 200, {"hack_id": hack_id, "total_cost_usd": total, "total_input_tokens": 0, "total_output_tokens": 0,
                 "submissions_analyzed": len(analyzed),
                 "avg_cost_per_submission": round(total / len(analyzed), 4) if analyzed else 0.0,
                 "cost_by_agent": {}, "cost_by_model": {}, "budget": budget,
                 "optimization_tips": ["Use a smaller model for the performance agent",
                                       "Disable agents a rubric does not use",
                                       "Analyze only pending submissions"]}


# API keys
def _key_out(rec: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(rec)


@route("GET", "/api-keys")
def list_keys(b: Backend, org: dict, body: dict, query: dict) -> tuple[int, Any]:
    mine = [_key_out(r) for r in b.keys.values() if r["organizer_id"] == org["org_id"]]
    return 200, {"api_keys": mine, "total": len(mine)}


@route("POST", "/api-keys")
def create_key(b: Backend, org: dict, body: dict, query: dict) -> tuple[int, Any]:
    key = new_key()
    overrides = {k: body[k] for k in ("hackathon_id", "rate_limit_per_second", "daily_quota", "budget_limit_usd",
                                      "expires_at") if body.get(k) is not None}
    rec = b._add_key(org, key, **overrides)
    return 201, {**_key_out(rec), "api_key": key}


@route("GET", r"/api-keys/(?P<key_id>[^/]+)")
def get_key(b: Backend, org: dict, body: dict, query: dict, key_id: str) -> tuple[int, Any]:
    return 200, _key_out(b._key_by_id(org, key_id)[1])


@route("PATCH", r"/api-keys/(?P<key_id>[^/]+)")
def update_key(b: Backend, org: dict, body: dict, query: dict, key_id: str) -> tuple[int, Any]:
    _, rec = b._key_by_id(org, key_id)
    rec.update({k: v for k, v in body.items() if k in ("tier", "rate_limit_per_second", "daily_quota",
                                                       "budget_limit_usd", "expires_at") and v is not None})
    rec["updated_at"] = now()
    return 200, _key_out(rec)


@route("DELETE", r"/api-keys/(?P<key_id>[^/]+)")
def revoke_key(b: Backend, org: dict, body: dict, query: dict, key_id: str) -> tuple[int, Any]:
    _, rec = b._key_by_id(org, key_id)
    rec["active"] = False  # QUIRK: the key then gets 401 "API key inactive"
    return 204, None


@route("POST", r"/api-keys/(?P<key_id>[^/]+)/rotate")
def rotate_key(b: Backend, org: dict, body: dict, query: dict, key_id: str) -> tuple[int, Any]:
    _, old = b._key_by_id(org, key_id)
    # QUIRK: the old key keeps working (deprecated, with a grace period)
    old.update(deprecated=True, deprecated_at=now())
    key = new_key()
    rec = b._add_key(org, key, tier=old["tier"], daily_quota=old["daily_quota"],
                     rate_limit_per_second=old["rate_limit_per_second"], budget_limit_usd=old["budget_limit_usd"])
    return 200, {**_key_out(rec), "api_key": key}


# usage
@route("GET", "/usage/summary")
def usage_summary(b: Backend, org: dict, body: dict, query: dict) -> tuple[int, Any]:
    start, end = query.get("start_date", [None])[0], query.get("end_date", [None])[0]
    if not start or not end:  # QUIRK: a 500 without dates
        raise detail(500, "Failed to get usage summary: 'NoneType' object has no attribute 'strftime'")
    try:
        d0, d1 = datetime.fromisoformat(start).date(), datetime.fromisoformat(end).date()
    except ValueError:
        raise detail(400, "Invalid date format. Use YYYY-MM-DD") from None
    days = [(d0 + timedelta(days=i)).isoformat() for i in range(max(0, (d1 - d0).days) + 1)][:366]
    mine = [r for r in b.keys.values() if r["organizer_id"] == org["org_id"]]
    total = sum(r["total_requests"] for r in mine)
    return 200, {"api_key_prefix": "vj_live_", "start_date": start, "end_date": end, "total_requests": total,
                 "successful_requests": total, "failed_requests": 0, "total_cost_usd": 0.0, "endpoints_used": {},
                 "daily_breakdown": [{"date": d, "requests": total if d == days[-1] else 0,
                                      "successful": total if d == days[-1] else 0, "failed": 0, "cost_usd": 0.0}
                                     for d in days] if days else [], "error": None}


@route("GET", "/usage/export")
def usage_export(b: Backend, org: dict, body: dict, query: dict) -> tuple[int, Any]:
    """text/csv (the document says JSON). QUIRK: without dates, a 200 whose body is an error message."""
    start, end = query.get("start_date", [None])[0], query.get("end_date", [None])[0]
    if not start or not end:
        return 200, b"Error exporting CSV: 'NoneType' object has no attribute 'strftime'"
    _, summary = usage_summary(b, org, body, query)
    # The reference names no columns for the export: these are the usage summary's daily breakdown
    # (DailyUsageBreakdown), one row a day of the range, which is what the stand-in knows.
    rows = ["date,requests,successful,failed,cost_usd"] + [
        f"{d['date']},{d['requests']},{d['successful']},{d['failed']},{d['cost_usd']}" for d in summary["daily_breakdown"]]
    return 200, ("\n".join(rows) + "\n").encode()


# public (no key)
@route("GET", "/public/hackathons", auth=False)
def public_hackathons(b: Backend, org: None, body: dict, query: dict) -> tuple[int, Any]:
    return 200, {"hackathons": [{"hack_id": h["hack_id"], "name": h["name"], "description": h.get("description", ""),
                                 "start_date": h.get("start_date"), "end_date": h.get("end_date"),
                                 "submission_count": len(h["submissions"])}
                                for h in b.hackathons if h["status"] == "configured"]}


@route("POST", r"/public/hackathons/(?P<hack_id>[^/]+)/submissions", auth=False)
def public_submit(b: Backend, org: None, body: dict, query: dict, hack_id: str) -> tuple[int, Any]:
    h = b.find_hackathon(hack_id)
    if h is None:
        raise detail(404, "Hackathon not found")
    return _add_submissions(b, h, body)
