"""A stand-in VibeJudge API for running and testing the dashboard without the real backend.

Standard library only, so it also runs inside the dashboard's image (or any Python 3.11). It follows the
contract in the project's reference (every path below API_BASE_URL = http://HOST:PORT/api/v1, the key in
`X-API-Key`, FastAPI-style `{"detail": ...}` error bodies) over fixture data (fixtures.json beside it).

Each request is logged as one line on stdout, `stub-api GET /api/v1/hackathons -> 200`, so that a test can
see that the dashboard called it. Headers and bodies are never logged (they carry keys and passwords).

Faults can be injected to try the dashboard's error paths: in-process with `StubApi.fail(...)`, or on the
command line with `--fault 'GET /hackathons 503'` (repeatable; the status may also be `malformed` for a
200 answer whose body is not JSON, or `slow:SECONDS` for a delayed answer).

    python dashboard/stub_api/server.py --port 8000
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

PREFIX = "/api/v1"
FIXTURES = Path(__file__).with_name("fixtures.json")


@dataclass
class Fault:
    """An answer forced on requests whose method and path (relative to /api/v1) match."""

    method: str
    path: str  # a regular expression matched against the whole path, e.g. "/hackathons/[^/]+/stats"
    status: int = 500
    body: bytes | None = None  # None: a JSON {"detail": ...}
    delay_s: float = 0.0
    times: int | None = None  # None: every matching request

    def matches(self, method: str, path: str) -> bool:
        return self.method in (method, "*") and re.fullmatch(self.path, path) is not None


@dataclass
class Reply:
    status: int
    body: Any = None  # JSON-serializable, or bytes sent as they are
    content_type: str = "application/json"


class ApiError(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass
class StubState:
    """Fixture data, analysis jobs, injected faults and the request log, behind one lock."""

    fixtures: dict[str, Any]
    progress_step: int = 2  # submissions completed per status poll
    faults: list[Fault] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    # -- lookups -------------------------------------------------------------------------------------
    def organizer_for_key(self, key: str | None) -> dict[str, Any]:
        for org in self.fixtures["organizers"]:
            if key and key in org["api_keys"]:
                return org
        raise ApiError(401, "Invalid or missing API key")

    def hackathon(self, hack_id: str) -> dict[str, Any]:
        for h in self.fixtures["hackathons"]:
            if h["hack_id"] == hack_id:
                return h
        raise ApiError(404, f"Hackathon {hack_id} not found")

    def estimate_usd(self, h: dict[str, Any]) -> float:
        per = float(self.fixtures["cost_per_agent_per_submission_usd"])
        return round(per * len(h["submissions"]) * len(h["agents_enabled"]), 4)


def _public_hackathon(h: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in h.items() if k != "submissions"}
    out["submission_count"] = len(h["submissions"])
    return out


def _public_submission(s: dict[str, Any]) -> dict[str, Any]:
    return {k: s[k] for k in ("sub_id", "team_name", "repo_url", "team_members", "status")}


# -- routes: (method, path pattern) -> handler(state, match, org, body, query) ------------------------
Route = Callable[[StubState, re.Match[str], dict[str, Any], dict[str, Any], dict[str, list[str]]], Reply]
ROUTES: list[tuple[str, str, Route | None]] = []


def route(method: str, pattern: str) -> Callable[[Route], Route]:
    def register(fn: Route) -> Route:
        ROUTES.append((method, pattern, fn))
        return fn

    return register


@route("GET", "/organizers/me")
def _me(state, m, org, body, query):
    return Reply(200, {k: org[k] for k in ("name", "organization", "email", "tier")})


@route("GET", "/hackathons")
def _hackathons(state, m, org, body, query):
    limit = max(1, min(100, int(query.get("limit", ["20"])[0] or 20)))
    start = int(query.get("cursor", ["0"])[0] or 0)
    items = state.fixtures["hackathons"][start : start + limit]
    more = start + limit < len(state.fixtures["hackathons"])
    return Reply(200, {"hackathons": [_public_hackathon(h) for h in items],
                       "next_cursor": str(start + limit) if more else None, "has_more": more})


@route("GET", "/hackathons/(?P<id>[^/]+)")
def _hackathon(state, m, org, body, query):
    return Reply(200, _public_hackathon(state.hackathon(m["id"])))


@route("GET", "/hackathons/(?P<id>[^/]+)/stats")
def _stats(state, m, org, body, query):
    h = state.hackathon(m["id"])
    subs = h["submissions"]
    verified = sum(1 for s in subs if s["status"] == "verified")
    return Reply(200, {"submission_count": len(subs), "verified_count": verified,
                       "pending_count": len(subs) - verified, "participant_count": h["participant_count"]})


@route("GET", "/hackathons/(?P<id>[^/]+)/submissions")
def _submissions(state, m, org, body, query):
    return Reply(200, {"submissions": [_public_submission(s) for s in state.hackathon(m["id"])["submissions"]]})


@route("POST", "/hackathons/(?P<id>[^/]+)/analyze/estimate")
def _estimate(state, m, org, body, query):
    h = state.hackathon(m["id"])
    expected = state.estimate_usd(h)
    return Reply(200, {"estimate": {"submission_count": len(h["submissions"]),
                                    "total_cost_usd": {"low": round(expected * 0.7, 4), "expected": expected,
                                                       "high": round(expected * 1.5, 4)}}})


@route("POST", "/hackathons/(?P<id>[^/]+)/analyze")
def _analyze(state, m, org, body, query):
    h = state.hackathon(m["id"])
    if not h["submissions"]:
        raise ApiError(400, "This hackathon has no submissions to analyze")
    job = state.jobs.get(h["hack_id"])
    if job and job["status"] != "completed":
        raise ApiError(409, "An analysis is already running for this hackathon")
    expected = state.estimate_usd(h)
    if h.get("budget_limit_usd") is not None and expected > float(h["budget_limit_usd"]):
        raise ApiError(402, f"Budget exceeded: the analysis would cost ${expected:.2f}, "
                            f"the limit is ${float(h['budget_limit_usd']):.2f}")
    job_id = f"job-{h['hack_id']}-{len(state.jobs) + 1}"
    state.jobs[h["hack_id"]] = {"job_id": job_id, "status": "queued", "completed": 0, "failed": 0,
                                "total": len(h["submissions"])}
    return Reply(202, {"job_id": job_id, "estimated_cost_usd": expected, "status": "queued"})


@route("GET", "/hackathons/(?P<id>[^/]+)/analyze/status")
def _status(state, m, org, body, query):
    h = state.hackathon(m["id"])
    job = state.jobs.get(h["hack_id"])
    if job is None:
        raise ApiError(404, "No analysis job for this hackathon")
    # Every poll moves the job on, so a demo (and a test) sees queued -> running -> completed.
    if job["status"] == "queued":
        job["status"] = "running"
    elif job["status"] == "running":
        job["completed"] = min(job["total"], job["completed"] + state.progress_step)
        if job["completed"] >= job["total"]:
            job["status"] = "completed"
    total = job["total"]
    return Reply(200, {"status": job["status"], "job_id": job["job_id"],
                       "progress": {"percent_complete": round(100.0 * (job["completed"] + job["failed"]) / total, 1),
                                    "completed": job["completed"], "failed": job["failed"],
                                    "total_submissions": total}})


@route("GET", "/hackathons/(?P<id>[^/]+)/leaderboard")
def _leaderboard(state, m, org, body, query):
    h = state.hackathon(m["id"])
    scored = sorted((s for s in h["submissions"] if s.get("overall_score") is not None),
                    key=lambda s: s["overall_score"], reverse=True)
    rows = [{"rank": i + 1, "sub_id": s["sub_id"], "team_name": s["team_name"],
             "overall_score": s["overall_score"], "recommendation": s["recommendation"]}
            for i, s in enumerate(scored)]
    return Reply(200, {"hackathon": {"hack_id": h["hack_id"], "name": h["name"],
                                     "submission_count": len(h["submissions"]), "analyzed_count": len(rows)},
                       "leaderboard": rows})


@route("GET", "/submissions/(?P<sub>[^/]+)/scorecard")
def _scorecard(state, m, org, body, query):
    for h in state.fixtures["hackathons"]:
        for s in h["submissions"]:
            if s["sub_id"] == m["sub"] and s.get("overall_score") is not None:
                return Reply(200, {"sub_id": s["sub_id"], "team_name": s["team_name"],
                                   "overall_score": s["overall_score"], "recommendation": s["recommendation"]})
    raise ApiError(404, f"No scorecard for submission {m['sub']}")


class _Handler(BaseHTTPRequestHandler):
    server_version = "vibejudge-stub/1"
    state: StubState  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # one line per request is written by _record, without client addresses or headers

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        parts = urlsplit(self.path)
        reply = self._reply(method, parts.path, parse_qs(parts.query))
        self._record(method, self.path, reply.status)
        payload = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test); nothing to answer

    def _record(self, method: str, path: str, status: int) -> None:
        line = f"stub-api {method} {path} -> {status}"
        with self.state.lock:
            self.state.requests.append(line)
        print(line, flush=True)

    def _reply(self, method: str, path: str, query: dict[str, list[str]]) -> Reply:
        if path == "/health":
            return Reply(200, {"status": "healthy"})
        if not path.startswith(PREFIX + "/"):
            return Reply(404, {"detail": "Not Found"})
        rel = path[len(PREFIX):].rstrip("/") or "/"
        fault = self._take_fault(method, rel)
        if fault is not None:
            time.sleep(fault.delay_s)
            if fault.body is not None:
                return Reply(fault.status, fault.body, "text/html; charset=utf-8")
            return Reply(fault.status, {"detail": HTTPStatus(fault.status).phrase})
        try:
            body = self._json_body()
            with self.state.lock:
                if (method, rel) == ("POST", "/organizers/login"):
                    return self._login(body)
                for route_method, pattern, fn in ROUTES:
                    m = re.fullmatch(pattern, rel)
                    if m and route_method == method and fn is not None:
                        org = self.state.organizer_for_key(self.headers.get("X-API-Key"))
                        return fn(self.state, m, org, body, query)
            return Reply(404, {"detail": "Not Found"})
        except ApiError as e:
            return Reply(e.status, {"detail": e.detail})

    def _take_fault(self, method: str, rel: str) -> Fault | None:
        with self.state.lock:
            for f in self.state.faults:
                if f.matches(method, rel) and f.times != 0:
                    if f.times is not None:
                        f.times -= 1
                    return f
        return None

    def _json_body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        if not length:
            return {}
        try:
            body = json.loads(self.rfile.read(length))
        except ValueError:
            raise ApiError(422, "The request body is not valid JSON") from None
        if not isinstance(body, dict):
            raise ApiError(422, "The request body must be a JSON object")
        return body

    def _login(self, body: dict[str, Any]) -> Reply:
        for org in self.state.fixtures["organizers"]:
            if body.get("email") == org["email"] and body.get("password") == org["password"]:
                return Reply(200, {"api_key": org["api_keys"][0]})
        raise ApiError(401, "Invalid email or password")


class StubApi:
    """The stand-in server, started in a background thread (tests) or in the foreground (main)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, fixtures: Path = FIXTURES, progress_step: int = 2):
        self.state = StubState(fixtures=copy.deepcopy(json.loads(fixtures.read_text())), progress_step=progress_step)
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer((host, port), handler)
        self.server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """API_BASE_URL for this server (including the /api/v1 prefix)."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{PREFIX}"

    @property
    def requests(self) -> list[str]:
        with self.state.lock:
            return list(self.state.requests)

    @property
    def demo_key(self) -> str:
        return self.state.fixtures["organizers"][0]["api_keys"][0]

    def fail(self, method: str, path: str, status: int = 500, *, body: bytes | None = None,
             delay_s: float = 0.0, times: int | None = None) -> None:
        """Forces an answer on matching requests (path relative to /api/v1, a regular expression)."""
        with self.state.lock:
            self.state.faults.append(Fault(method, path, status, body, delay_s, times))

    def start(self) -> "StubApi":
        self._thread = threading.Thread(target=self.server.serve_forever, name="stub-api", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def parse_fault(text: str) -> Fault:
    """`METHOD PATH STATUS`, STATUS an HTTP status, `malformed` or `slow:SECONDS`."""
    try:
        method, path, what = text.split()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected 'METHOD PATH STATUS', got {text!r}") from None
    if what == "malformed":
        return Fault(method.upper(), path, 200, b"<html><body>Gateway says hello</body></html>")
    if what.startswith("slow:"):
        return Fault(method.upper(), path, 504, None, float(what.split(":", 1)[1]))
    return Fault(method.upper(), path, int(what))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A stand-in VibeJudge API with fixture data.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 in a container)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--fault", type=parse_fault, action="append", default=[],
                        help="force an answer, e.g. 'GET /hackathons 503' (repeatable)")
    args = parser.parse_args(argv)
    stub = StubApi(args.host, args.port, args.fixtures)
    stub.state.faults.extend(args.fault)
    org = stub.state.fixtures["organizers"][0]
    print(f"stub-api listening; API_BASE_URL={stub.url}", flush=True)
    print(f"stub-api demo sign-in: key {org['api_keys'][0]}, or {org['email']} / {org['password']}", flush=True)
    try:
        stub.server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stub.server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
