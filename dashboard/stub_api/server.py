"""A stand-in VibeJudge API for running and testing the dashboard without the real backend.

Standard library only, so it also runs inside the dashboard's image (or any Python 3.11). It behaves like
the real API as described in the project's reference (`shared/reference/vibejudge-api.md` and the
observed responses), quirks included; the contract tests check every answer against the backend's own
OpenAPI document. This module is the HTTP side, in the order the real backend's middleware runs:
- auth: `X-API-Key` on every organizer call; 401 `{"error": ...}` when missing, unknown or inactive;
- limits: 10 requests a second and a daily quota (100 on the FREE tier) per key, 429 `{"error": ...}`,
  with `X-RateLimit-*` and `X-Quota-*` headers on every authenticated answer;
- budget: 402 on any path containing `/analyze` once the hackathon has 16 or more submissions;
- then the route (backend.py), whose own errors are `{"detail": ...}`.

Each request is logged as one line on stdout, `stub-api GET /api/v1/hackathons -> 200`, so that a test can
see that the dashboard called it. Headers and bodies are never logged (they carry keys).

Faults can be forced to try the dashboard's error paths: in-process with `StubApi.fail(...)`, or on the
command line with `--fault 'GET /hackathons 503'` (repeatable; the status may also be `malformed` for a
200 answer whose body is not JSON, or `slow:SECONDS` for a delayed answer).

    python dashboard/stub_api/server.py --port 8000 [--daily-quota 100] [--rate-per-second 10]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script, from a copied folder too

import backend  # noqa: E402
from errors import ApiError, middleware  # noqa: E402

PREFIX = "/api/v1"
FIXTURES = Path(__file__).with_name("fixtures.json")
BUDGET_CAP_USD = 1.00  # the backend's per-request cost cap ...
BUDGET_COST_PER_SUBMISSION_USD = 0.063  # ... against its flat estimate: 16 submissions is the first refused


@dataclass
class Fault:
    """An answer forced on requests whose method and path (relative to /api/v1) match."""

    method: str
    path: str  # a regular expression matched against the whole path, e.g. "/hackathons/[^/]+/stats"
    status: int = 500
    body: bytes | None = None  # None: a JSON {"detail": ...}
    delay_s: float = 0.0
    times: int | None = None  # None: every matching request
    headers: dict[str, str] = field(default_factory=dict)

    def matches(self, method: str, path: str) -> bool:
        return self.method in (method, "*") and re.fullmatch(self.path, path) is not None


@dataclass
class Exchange:
    """One request and its answer, kept for the contract tests (which check both against the OpenAPI
    document). `faulted` marks an answer forced by a fault, which breaks the contract on purpose."""

    method: str
    target: str  # path and query, as sent
    request_headers: dict[str, str]
    request_body: bytes
    status: int
    response_headers: dict[str, str]
    response_body: bytes
    faulted: bool


@dataclass
class Reply:
    status: int
    body: Any = None  # JSON-serializable, bytes sent as they are, or None for no body
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class StubState:
    """The backend's data, the limits' counters, injected faults and the logs, behind one lock."""

    backend: backend.Backend
    faults: list[Fault] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    per_second: dict[tuple[str, int], int] = field(default_factory=dict)
    per_day: dict[tuple[str, str], int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    clock: Any = time.time  # seconds since the epoch; a test may fix it (the per-second limit)

    @property
    def fixtures(self) -> dict[str, Any]:
        """The live data, shaped as fixtures.json (tests change it in place)."""
        return {"organizers": self.backend.organizers, "hackathons": self.backend.hackathons}


def _midnight_utc() -> int:
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).date()
    return int(datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=timezone.utc).timestamp())


class _Handler(BaseHTTPRequestHandler):
    server_version = "vibejudge-stub/1"
    state: StubState  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # one line per request is written by _record, without client addresses or headers

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        parts = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        fault = self._take_fault(method, parts.path)
        if fault is not None:
            time.sleep(fault.delay_s)
            reply = (Reply(fault.status, fault.body, "text/html; charset=utf-8", dict(fault.headers))
                     if fault.body is not None else
                     Reply(fault.status, {"detail": HTTPStatus(fault.status).phrase}, headers=dict(fault.headers)))
        else:
            reply = self._reply(method, parts.path, parse_qs(parts.query), raw)
        payload = b"" if reply.body is None else reply.body if isinstance(reply.body, bytes) else \
            json.dumps(reply.body).encode()
        headers = {"Content-Type": reply.content_type, **reply.headers}
        self._record(Exchange(method, self.path, dict(self.headers.items()), raw, reply.status, headers, payload,
                              fault is not None))
        try:
            self.send_response(reply.status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test); nothing to answer

    def _record(self, exchange: Exchange) -> None:
        line = f"stub-api {exchange.method} {exchange.target} -> {exchange.status}"
        with self.state.lock:
            self.state.requests.append(line)
            self.state.exchanges.append(exchange)
        print(line, flush=True)

    def _take_fault(self, method: str, path: str) -> Fault | None:
        rel = path[len(PREFIX):].rstrip("/") if path.startswith(PREFIX + "/") else path
        with self.state.lock:
            for f in self.state.faults:
                if f.matches(method, rel) and f.times != 0:
                    if f.times is not None:
                        f.times -= 1
                    return f
        return None

    def _reply(self, method: str, path: str, query: dict[str, list[str]], raw: bytes) -> Reply:
        if path == "/health":
            return Reply(200, {"status": "healthy", "version": "1.0.0", "timestamp": backend.now(),
                               "services": {"dynamodb": {"available": True, "latency_ms": 3, "error": None}}})
        if not path.startswith(PREFIX + "/"):
            return Reply(404, {"detail": "Not Found"})
        rel = path[len(PREFIX):].rstrip("/") or "/"
        found = backend.find_route(method, rel)
        if found is None:
            return Reply(404, {"detail": "Not Found"})
        handler, params, auth = found
        limit_headers: dict[str, str] = {}
        try:
            with self.state.lock:
                org = None
                if auth:
                    org, limit_headers = self._authenticate()
                    self._budget(rel, params)
                body = self._json_body(raw)
                if body is None and not getattr(handler, "body_required", False):
                    body = {}
                status, data = handler(self.state.backend, org, body, query, **params)
            if isinstance(data, bytes):  # the CSV export
                return Reply(status, data, "text/csv; charset=utf-8",
                             {**limit_headers, "Content-Disposition": "attachment; filename=usage_export.csv"})
            return Reply(status, data, headers=limit_headers)
        except ApiError as e:
            return Reply(e.status, e.body, headers={**limit_headers, **e.headers})

    def _authenticate(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The real middleware, in its order: the key, then the per-second limit, then the daily quota."""
        key = self.headers.get("X-API-Key")
        if not key:
            raise middleware(401, "Missing X-API-Key header")
        rec = self.state.backend.key_record(key)
        if rec is None:
            raise middleware(401, "Invalid API key")
        if not rec["active"]:
            raise middleware(401, "API key inactive")
        second = int(self.state.clock())
        used_now = self.state.per_second.get((key, second), 0) + 1
        self.state.per_second = {k: v for k, v in self.state.per_second.items() if k[1] == second}
        self.state.per_second[(key, second)] = used_now
        rate = int(rec["rate_limit_per_second"])
        if used_now > rate:
            raise middleware(429, f"Rate limit exceeded: {rate} req/sec",
                             {"X-RateLimit-Limit": str(rate), "X-RateLimit-Remaining": "0",
                              "X-RateLimit-Reset": str(second + 1), "Retry-After": "1"}, retry_after=1)
        day = datetime.now(timezone.utc).date().isoformat()
        used_today = self.state.per_day.get((key, day), 0) + 1
        quota = int(rec["daily_quota"])
        if used_today > quota:
            reset = _midnight_utc()
            raise middleware(429, "Daily quota exceeded. Resets at midnight UTC",
                             {"X-Quota-Limit": str(quota), "X-Quota-Remaining": "0", "X-Quota-Reset": str(reset)},
                             quota_reset=reset)
        self.state.per_day[(key, day)] = used_today
        rec["total_requests"] += 1
        rec["last_used_at"] = backend.now()
        org = self.state.backend.organizer(rec["organizer_id"])
        return org, {"X-RateLimit-Limit": str(rate), "X-RateLimit-Remaining": str(max(0, rate - used_now)),
                     "X-RateLimit-Reset": str(second + 1), "X-Quota-Limit": str(quota),
                     "X-Quota-Remaining": str(max(0, quota - used_today))}

    def _budget(self, rel: str, params: dict[str, str]) -> None:
        """QUIRK: the budget middleware prices any path containing /analyze (even GET status) at $0.063 per
        submission of the hackathon and refuses above its $1.00 per-request cap, whatever the budget."""
        if "/analyze" not in rel or "hack_id" not in params:
            return
        h = self.state.backend.find_hackathon(params["hack_id"])
        cost = len(h["submissions"]) * BUDGET_COST_PER_SUBMISSION_USD if h else 0.0
        if cost > BUDGET_CAP_USD:
            raise middleware(402, "Budget limit exceeded", level="submission",
                             message=f"Per-submission cost limit exceeded. Estimated: ${cost:.4f}, "
                                     f"Limit: ${BUDGET_CAP_USD:.4f}",
                             details={"estimated_cost_usd": round(cost, 4), "current_spend_usd": round(cost, 4),
                                      "budget_limit_usd": BUDGET_CAP_USD,
                                      "remaining_budget_usd": round(BUDGET_CAP_USD - cost, 4)})

    @staticmethod
    def _json_body(raw: bytes) -> Any:
        if not raw:
            return None
        try:
            body = json.loads(raw)
        except ValueError:
            raise ApiError(422, {"detail": [{"type": "json_invalid", "loc": ["body", 0], "msg": "JSON decode error",
                                             "input": {}, "ctx": {"error": "Expecting value"}}]}) from None
        if not isinstance(body, dict):
            raise ApiError(422, {"detail": [{"type": "model_attributes_type", "loc": ["body"],
                                             "msg": "Input should be a valid dictionary or object to extract "
                                                    "fields from", "input": body}]})
        return body


class StubApi:
    """The stand-in server, started in a background thread (tests) or in the foreground (main).

    `daily_quota` and `rate_per_second` are the FREE tier's (100 and 10) unless given: tests that are not
    about the limits pass larger ones."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, fixtures: Path = FIXTURES, progress_step: int = 2,
                 daily_quota: int = 100, rate_per_second: int = 10):
        data = json.loads(fixtures.read_text())
        self.state = StubState(backend.Backend.from_fixtures(data, progress_step=progress_step,
                                                             daily_quota=daily_quota, rate_per_second=rate_per_second))
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
    def exchanges(self) -> list[Exchange]:
        with self.state.lock:
            return list(self.state.exchanges)

    @property
    def demo_key(self) -> str:
        """The first organizer's first fixture key (which a login by e-mail deactivates, as the API does)."""
        return self.state.backend.organizers[0]["api_keys"][0]

    def fail(self, method: str, path: str, status: int = 500, *, body: bytes | None = None,
             delay_s: float = 0.0, times: int | None = None, headers: dict[str, str] | None = None) -> None:
        """Forces an answer on matching requests (path relative to /api/v1, a regular expression)."""
        with self.state.lock:
            self.state.faults.append(Fault(method, path, status, body, delay_s, times, headers or {}))

    def start(self) -> "StubApi":
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="stub-api", daemon=True)  # a short poll: stop() is quick
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
    # Defaults far above the FREE tier: the capacity benchmark and the container test start the stand-in
    # with no options and send thousands of requests with one key. run-local.sh passes the real 100 and 10.
    parser.add_argument("--daily-quota", type=int, default=1_000_000, help="requests a day per key (FREE tier: 100)")
    parser.add_argument("--rate-per-second", type=int, default=10_000, help="requests a second per key (FREE tier: 10)")
    parser.add_argument("--fault", type=parse_fault, action="append", default=[],
                        help="force an answer, e.g. 'GET /hackathons 503' (repeatable)")
    args = parser.parse_args(argv)
    stub = StubApi(args.host, args.port, args.fixtures, daily_quota=args.daily_quota,
                   rate_per_second=args.rate_per_second)
    stub.state.faults.extend(args.fault)
    org = stub.state.backend.organizers[0]
    print(f"stub-api listening; API_BASE_URL={stub.url}", flush=True)
    print(f"stub-api demo sign-in: key {stub.demo_key}, or the e-mail {org['email']} (which issues a new key)",
          flush=True)
    try:
        stub.server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stub.server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
