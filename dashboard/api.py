"""The VibeJudge API as the dashboard speaks it.

One method per call the dashboard makes. Every way a call can go wrong (the API unreachable, too slow, an
error status, a body that is not the JSON the contract promises) comes out as an `ApiError` whose `message`
is fit to show an organizer as it is; nothing else escapes. The key travels only in the `X-API-Key` header
and is never logged; the log has method, path, status and duration.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests

DEFAULT_BASE_URL = "http://localhost:8000/api/v1"
# The backend is a Lambda behind an HTTP API that gives up after about 30 s; waiting longer only hides it.
DEFAULT_TIMEOUT_S = 20.0
MAX_TIMEOUT_S = 29.0
MAX_PAGES = 10  # of GET /hackathons, so a misbehaving cursor cannot loop forever

log = logging.getLogger("vibejudge.dashboard.api")


def base_url() -> str:
    """API_BASE_URL, the API root including its /api/v1 prefix."""
    return (os.environ.get("API_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")


def timeout_s() -> float:
    """API_TIMEOUT_SECONDS (default 20), kept under the backend's own limit."""
    try:
        value = float(os.environ.get("API_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_S))
    except ValueError:
        value = DEFAULT_TIMEOUT_S
    return min(max(value, 0.1), MAX_TIMEOUT_S)


_STATUS_MESSAGES = {
    400: "The API refused the request as invalid (400).",
    401: "The API key was rejected (401). Sign in again with a valid key.",
    402: "The hackathon's budget would be exceeded (402), so the API refused to start the analysis.",
    403: "This key may not do that (403).",
    404: "Not found (404): the hackathon or submission does not exist, or no longer does.",
    409: "Conflict (409): the API is already doing this, or the item already exists.",
    422: "The API could not process the request (422).",
    429: "Too many requests (429): the API is rate limiting this key. Wait a moment, then try again.",
}


@dataclass
class ApiError(Exception):
    """A failed call, with a message for the page. `kind` is one of: unreachable, timeout, http, malformed."""

    kind: str
    message: str
    status: int | None = None

    def __str__(self) -> str:
        return self.message


def _detail(resp: requests.Response) -> str:
    """The API's own explanation (FastAPI's `detail`), short and single-line, when it gave one."""
    try:
        detail = resp.json().get("detail")
    except (ValueError, AttributeError):
        return ""
    if not isinstance(detail, str):
        return ""
    detail = " ".join(detail.split())
    return detail[:200]


def _error_for_status(resp: requests.Response) -> ApiError:
    status = resp.status_code
    if status in _STATUS_MESSAGES:
        message = _STATUS_MESSAGES[status]
    elif status >= 500:
        message = f"The VibeJudge API had a problem ({status}). Try again in a minute; if it persists, the service is down."
    else:
        message = f"The VibeJudge API answered with an unexpected status ({status})."
    detail = _detail(resp)
    if detail:
        message = f"{message} The API said: {detail}"
    return ApiError("http", message, status)


def _malformed(what: str) -> ApiError:
    return ApiError("malformed", f"The VibeJudge API sent an answer the dashboard cannot read ({what}). "
                                 "Check that API_BASE_URL points at the API, including its /api/v1 prefix.")


def _field(data: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = data.get(name)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise _malformed(f"'{name}' is missing or not what the contract says")
    return value


class VibeJudgeClient:
    """A client for one organizer's key (None for the calls that need none, like login)."""

    def __init__(self, api_key: str | None = None, *, base: str | None = None, timeout: float | None = None,
                 session: requests.Session | None = None):
        self._api_key = api_key
        self.base = (base or base_url()).rstrip("/")
        self.timeout = timeout if timeout is not None else timeout_s()
        self._session = session or requests.Session()

    def __repr__(self) -> str:  # never shows the key
        return f"VibeJudgeClient(base={self.base!r})"

    # -- transport -----------------------------------------------------------------------------------
    def _call(self, method: str, path: str, *, body: dict[str, Any] | None = None,
              params: dict[str, str] | None = None) -> dict[str, Any]:
        headers = {"Accept": "application/json"}
        if self._api_key:
            headers["X-API-Key"] = self._api_key
        started = time.monotonic()
        try:
            resp = self._session.request(method, self.base + path, json=body, params=params, headers=headers,
                                         timeout=self.timeout)
        except requests.Timeout:
            log.warning("%s %s timed out after %g s", method, path, self.timeout)
            raise ApiError("timeout", f"The VibeJudge API did not answer within {self.timeout:g} s. "
                                      "It may be overloaded; try again in a moment.") from None
        except requests.RequestException as e:
            log.warning("%s %s failed: %s", method, path, type(e).__name__)
            raise ApiError("unreachable", f"Cannot reach the VibeJudge API at {self.base}. "
                                          "Check API_BASE_URL and that the API is running.") from None
        log.info("%s %s -> %s in %.0f ms", method, path, resp.status_code, (time.monotonic() - started) * 1000)
        if resp.status_code >= 400:
            raise _error_for_status(resp)
        try:
            data = resp.json()
        except ValueError:
            raise _malformed("not JSON") from None
        if not isinstance(data, dict):
            raise _malformed("not a JSON object")
        return data

    # -- organizers ----------------------------------------------------------------------------------
    def login(self, email: str, password: str) -> str:
        """POST /organizers/login; the organizer's API key."""
        data = self._call("POST", "/organizers/login", body={"email": email, "password": password})
        key = _field(data, "api_key", str)
        if not key:
            raise _malformed("an empty api_key")
        return key

    # -- hackathons ----------------------------------------------------------------------------------
    def hackathons(self) -> list[dict[str, Any]]:
        """GET /hackathons, every page (a key is valid when this answers 200)."""
        items: list[dict[str, Any]] = []
        params: dict[str, str] | None = None
        for _ in range(MAX_PAGES):
            data = self._call("GET", "/hackathons", params=params)
            page = _field(data, "hackathons", list)
            items.extend(h for h in page if isinstance(h, dict) and isinstance(h.get("hack_id"), str))
            cursor = data.get("next_cursor")
            if not data.get("has_more") or not cursor:
                break
            params = {"cursor": str(cursor)}
        return items

    def hackathon(self, hack_id: str) -> dict[str, Any]:
        return self._call("GET", f"/hackathons/{quote(hack_id, safe='')}")

    def stats(self, hack_id: str) -> dict[str, int]:
        data = self._call("GET", f"/hackathons/{quote(hack_id, safe='')}/stats")
        return {k: _field(data, k, int) for k in
                ("submission_count", "verified_count", "pending_count", "participant_count")}

    def submissions(self, hack_id: str) -> list[dict[str, Any]]:
        data = self._call("GET", f"/hackathons/{quote(hack_id, safe='')}/submissions")
        return [s for s in _field(data, "submissions", list) if isinstance(s, dict)]

    # -- analysis ------------------------------------------------------------------------------------
    def estimate(self, hack_id: str) -> float:
        """POST /hackathons/{id}/analyze/estimate; the expected cost in USD."""
        data = self._call("POST", f"/hackathons/{quote(hack_id, safe='')}/analyze/estimate", body={})
        total = _field(_field(data, "estimate", dict), "total_cost_usd", dict)
        return float(_field(total, "expected", (int, float)))

    def start_analysis(self, hack_id: str) -> dict[str, Any]:
        """POST /hackathons/{id}/analyze (202); `job_id` and `estimated_cost_usd`."""
        data = self._call("POST", f"/hackathons/{quote(hack_id, safe='')}/analyze", body={})
        _field(data, "job_id", str)
        return data

    def analysis_status(self, hack_id: str) -> dict[str, Any]:
        """GET /hackathons/{id}/analyze/status: `status`, `job_id` and `progress` (numbers checked)."""
        data = self._call("GET", f"/hackathons/{quote(hack_id, safe='')}/analyze/status")
        _field(data, "status", str)
        progress = _field(data, "progress", dict)
        for k in ("percent_complete", "completed", "failed", "total_submissions"):
            _field(progress, k, (int, float))
        return data

    def leaderboard(self, hack_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """GET /hackathons/{id}/leaderboard: the summary (`submission_count`, `analyzed_count`) and the rows."""
        data = self._call("GET", f"/hackathons/{quote(hack_id, safe='')}/leaderboard")
        summary = data.get("hackathon") if isinstance(data.get("hackathon"), dict) else {}
        rows = data.get("leaderboard", data.get("submissions"))
        if not isinstance(rows, list):
            raise _malformed("'leaderboard' is missing or not a list")
        return summary, [r for r in rows if isinstance(r, dict)]
