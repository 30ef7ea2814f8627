"""The VibeJudge API as the dashboard speaks it.

One method per call the dashboard makes (`../../shared/reference/vibejudge-api.md` is the contract). Every
way a call can go wrong (the API unreachable, too slow, an error status, a redirect, an answer too big or
not the JSON the contract promises) comes out as an `ApiError` whose `message` is fit to show an organizer
as it is (plain text: pages never render it as markdown); nothing else escapes.

A hostile or broken API cannot hurt the dashboard through this module: redirects are never followed (the
key would go along to wherever they point), an answer is read up to `MAX_RESPONSE_BYTES` and within one
deadline for the whole call, and API_BASE_URL must be https unless it names a local host. The key travels
only in the `X-API-Key` header and is never logged; the log has method, path, status and duration.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import quote, urlsplit

import requests
import urllib3

DEFAULT_BASE_URL = "http://localhost:8000/api/v1"
# The backend is a Lambda behind an HTTP API that gives up after about 30 s; waiting longer only hides it.
DEFAULT_TIMEOUT_S = 20.0
MAX_TIMEOUT_S = 29.0
# The largest answer the dashboard needs is a list of 500 submissions (about 200 kB); 300 MB from a broken
# API once took a 1 GiB task to 929 MB. Anything bigger than this is refused, unread.
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
MAX_PAGES = 10  # of a cursor-paged list, so a misbehaving cursor cannot loop forever
USER_AGENT = "vibejudge-dashboard/2"  # also lets the contract tests tell the dashboard's requests apart

log = logging.getLogger("vibejudge.dashboard.api")


class ConfigError(Exception):
    """API_BASE_URL is not one the dashboard may send keys to."""


def _local_host(host: str) -> bool:
    """localhost, a loopback address, or a single-label name (a container or service on the same private
    network, as the image's tests and the local run use); everything else is reached over the internet."""
    if host == "localhost" or host.endswith(".localhost") or "." not in host and ":" not in host:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def base_url() -> str:
    """API_BASE_URL, the API root including its /api/v1 prefix; https unless the host is local (the key
    must not cross a network in clear). Raises ConfigError otherwise."""
    url = (os.environ.get("API_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"API_BASE_URL must be an http(s) URL such as https://api.example.com/api/v1, not {url!r}.")
    if parts.scheme == "http" and not _local_host(parts.hostname):
        raise ConfigError("API_BASE_URL must use https (only a local API may use http): the API key would "
                          f"travel in clear to {parts.hostname}.")
    if parts.username or parts.password:
        raise ConfigError("API_BASE_URL must not carry a user name or password.")
    return url


def timeout_s() -> float:
    """API_TIMEOUT_SECONDS (default 20), kept under the backend's own limit: the whole call's deadline."""
    try:
        value = float(os.environ.get("API_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_S))
    except ValueError:
        value = DEFAULT_TIMEOUT_S
    return min(max(value, 0.1), MAX_TIMEOUT_S)


_STATUS_MESSAGES = {
    400: "The API refused the request (400).",
    401: "The API key was rejected (401). Sign in again with a valid key.",
    402: "The API refused to spend that much (402).",
    403: "This key may not do that (403): it belongs to another organizer's hackathon.",
    404: "Not found (404): it does not exist, or no longer does.",
    409: "Conflict (409): the API is already doing this, or the item already exists.",
    422: "The API found invalid fields (422).",
    429: "Too many requests (429): the API is rate limiting this key. Wait a moment, then try again.",
}


@dataclass
class ApiError(Exception):
    """A failed call, with a message for the page.

    `kind`: unreachable, timeout, http, redirect, too_large, malformed. `api_message` is the API's own
    explanation from whichever field it used (`detail`, `message` or `error`); `field_errors` are a 422's
    items as (field path, message), the path without the leading "body"."""

    kind: str
    message: str
    status: int | None = None
    api_message: str = ""
    field_errors: list[tuple[str, str]] = field(default_factory=list)
    quota_exhausted: bool = False

    def __str__(self) -> str:
        return self.message

    @property
    def analysis_running(self) -> bool:
        """QUIRK: the API answers a second start while a job runs with 500 "... Analysis already in progress"."""
        return self.status == 500 and "already in progress" in self.api_message.lower()

    @property
    def nothing_pending(self) -> bool:
        return self.status == 400 and "no pending submissions" in self.api_message.lower()

    @property
    def nothing_scored(self) -> bool:
        return self.status == 400 and "no scored submissions" in self.api_message.lower()

    @property
    def transient(self) -> bool:
        """Worth trying again later by itself (a poll): the network, a timeout, a 5xx or a per-second 429."""
        if self.kind in ("unreachable", "timeout"):
            return True
        return self.kind == "http" and (self.status == 429 and not self.quota_exhausted
                                        or (self.status or 0) >= 500 and not self.analysis_running)


def _one_line(text: str, limit: int = 300) -> str:
    return " ".join(str(text).split())[:limit]


def _explanation(body: Any) -> tuple[str, list[tuple[str, str]]]:
    """The API's explanation from any of its three error shapes: routes' `detail` (a string, or a 422's
    list of items), the budget middleware's `message`, the other middleware's `error`."""
    if not isinstance(body, dict):
        return "", []
    d = body.get("detail")
    if isinstance(d, list):
        items = []
        for item in d:
            if isinstance(item, dict):
                loc = [str(p) for p in item.get("loc", []) if p != "body"] if isinstance(item.get("loc"), list) else []
                items.append((".".join(loc) or "request", _one_line(item.get("msg", "invalid"), 200)))
        return "; ".join(f"{f}: {m}" for f, m in items)[:300], items
    for key in ("detail", "message", "error"):
        if isinstance(body.get(key), str) and body[key].strip():
            return _one_line(body[key]), []
    return "", []


def _error_for_status(status: int, body: Any, headers: Any) -> ApiError:
    api_message, fields = _explanation(body)
    quota = status == 429 and isinstance(body, dict) and "quota_reset" in body
    if quota:
        message = ("The API key's daily request quota is used up (429); it resets at midnight UTC. The dashboard "
                   "makes no more calls by itself until then.")
    elif status == 401 and "inactive" in api_message.lower():
        message = ("This API key is no longer active (401): a newer one replaced it (signing in by e-mail does "
                   "that) or it was revoked. Sign in again.")
    elif status in _STATUS_MESSAGES:
        message = _STATUS_MESSAGES[status]
    elif status >= 500:
        message = f"The VibeJudge API had a problem ({status}). Try again in a minute; if it persists, the service is down."
    else:
        message = f"The VibeJudge API answered with an unexpected status ({status})."
    if api_message:
        message = f"{message} The API said: {api_message}"
    return ApiError("http", message, status, api_message, fields, quota)


def _malformed(what: str) -> ApiError:
    return ApiError("malformed", f"The VibeJudge API sent an answer the dashboard cannot read ({what}). "
                                 "Check that API_BASE_URL points at the API, including its /api/v1 prefix.")


def _field(data: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = data.get(name)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise _malformed(f"'{name}' is missing or not what the contract says")
    return value


def _number(data: dict[str, Any], name: str) -> float:
    return float(_field(data, name, (int, float)))


def _q(value: str) -> str:
    return quote(str(value), safe="")


@dataclass
class Limits:
    """The rate-limit and quota headers of the last authenticated answer."""

    quota_limit: int | None = None
    quota_remaining: int | None = None

    @classmethod
    def from_headers(cls, headers: Any) -> "Limits | None":
        try:
            return cls(int(headers["X-Quota-Limit"]), int(headers["X-Quota-Remaining"]))
        except (KeyError, TypeError, ValueError):
            return None


class VibeJudgeClient:
    """A client for one organizer's key (None for the calls that need none, like login).

    `on_limits` is called with the quota headers of each answer that has them (the pages show the quota)."""

    def __init__(self, api_key: str | None = None, *, base: str | None = None, timeout: float | None = None,
                 session: requests.Session | None = None, on_limits: Callable[[Limits], None] | None = None):
        self._api_key = api_key
        self.base = (base or base_url()).rstrip("/")
        self.timeout = timeout if timeout is not None else timeout_s()
        self._session = session or requests.Session()
        self._session.trust_env = False  # no proxy or .netrc from the environment gets the key
        self._on_limits = on_limits

    def __repr__(self) -> str:  # never shows the key
        return f"VibeJudgeClient(base={self.base!r})"

    # -- transport -----------------------------------------------------------------------------------
    def _call(self, method: str, path: str, *, body: dict[str, Any] | None = None,
              params: dict[str, str] | None = None) -> dict[str, Any]:
        """A call whose answer is a JSON object (every call but the CSV export)."""
        raw, _ = self._send(method, path, body=body, params=params)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            raise _malformed("not JSON") from None
        if not isinstance(data, dict):
            raise _malformed("not a JSON object")
        return data

    def _send(self, method: str, path: str, *, body: dict[str, Any] | None = None,
              params: dict[str, str] | None = None, accept: str = "application/json") -> tuple[bytes, Any]:
        """The transport every call shares: no redirects, the size cap, one deadline, the quota headers, and
        an ApiError for any status from 300 on. The body of a 2xx as bytes, and the answer's headers."""
        # identity: a compressed answer could expand past the size cap inside one read
        headers = {"Accept": accept, "Accept-Encoding": "identity", "User-Agent": USER_AGENT}
        if self._api_key:
            headers["X-API-Key"] = self._api_key
        started = time.monotonic()
        deadline = started + self.timeout
        try:
            resp = self._session.request(method, self.base + path, json=body, params=params, headers=headers,
                                         timeout=(min(self.timeout, 10.0), self.timeout), allow_redirects=False,
                                         stream=True)
        except requests.Timeout:
            log.warning("%s %s timed out after %g s", method, path, self.timeout)
            raise self._timeout() from None
        except requests.RequestException as e:
            log.warning("%s %s failed: %s", method, path, type(e).__name__)
            raise ApiError("unreachable", f"Cannot reach the VibeJudge API at {self.base}. "
                                          "Check API_BASE_URL and that the API is running.") from None
        try:
            raw = self._read(resp, deadline, method, path)
        finally:
            resp.close()
        log.info("%s %s -> %s in %.0f ms", method, path, resp.status_code, (time.monotonic() - started) * 1000)
        limits = Limits.from_headers(resp.headers)
        if limits and self._on_limits:
            self._on_limits(limits)
        if 300 <= resp.status_code < 400:
            raise ApiError("redirect", f"The API answered with a redirect ({resp.status_code}), which the dashboard "
                                       "does not follow (the API key would go along). Check API_BASE_URL: https, "
                                       "the right host and the /api/v1 prefix.", resp.status_code)
        if resp.status_code >= 400:  # errors are JSON whatever the route answers when it works
            try:
                data = json.loads(raw) if raw else {}
            except ValueError:
                data = None
            raise _error_for_status(resp.status_code, data, resp.headers)
        return raw, resp.headers

    def _timeout(self) -> ApiError:
        return ApiError("timeout", f"The VibeJudge API did not answer within {self.timeout:g} s. "
                                   "It may be overloaded; try again in a moment.")

    def _read(self, resp: requests.Response, deadline: float, method: str, path: str) -> bytes:
        """The body, within the call's deadline (a body sent a byte at a time must not hold the page) and
        at most MAX_RESPONSE_BYTES (a huge body must not fill the task's memory)."""
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
            log.warning("%s %s: answer of %s bytes refused", method, path, declared)
            raise self._too_large()
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                if time.monotonic() > deadline:
                    log.warning("%s %s: answer not complete within %g s", method, path, self.timeout)
                    raise self._timeout()
                chunk = resp.raw.read1(64 * 1024, decode_content=False)  # what has arrived: the deadline is checked often
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    log.warning("%s %s: answer over %d bytes refused", method, path, MAX_RESPONSE_BYTES)
                    raise self._too_large()
                chunks.append(chunk)
        except urllib3.exceptions.ReadTimeoutError:
            log.warning("%s %s: the answer stopped arriving", method, path)
            raise self._timeout() from None
        except (urllib3.exceptions.HTTPError, OSError, ValueError) as e:  # a reset, a short or broken body
            log.warning("%s %s: reading the answer failed: %s", method, path, type(e).__name__)
            if "timed out" in str(e).lower() or isinstance(e, TimeoutError):
                raise self._timeout() from None
            raise _malformed("the answer was cut off") from None
        return b"".join(chunks)

    @staticmethod
    def _too_large() -> ApiError:
        return ApiError("too_large", f"The VibeJudge API sent an answer larger than {MAX_RESPONSE_BYTES // 1048576} MB, "
                                     "which the dashboard refuses to read. Check API_BASE_URL.")

    # -- organizers ----------------------------------------------------------------------------------
    def login(self, email: str) -> str:
        """POST /organizers/login `{email}`: a NEW key; the API deactivates the organizer's other keys."""
        data = self._call("POST", "/organizers/login", body={"email": email})
        key = _field(data, "api_key", str)
        if not key:
            raise _malformed("an empty api_key")
        return key

    def register(self, email: str, name: str, organization: str | None) -> dict[str, Any]:
        """POST /organizers (201): the organizer, including the one-time `api_key`."""
        data = self._call("POST", "/organizers", body={"email": email, "name": name, "organization": organization})
        _field(data, "api_key", str)
        return data

    def me(self) -> dict[str, Any]:
        return self._call("GET", "/organizers/me")

    # -- hackathons ----------------------------------------------------------------------------------
    def hackathons(self) -> list[dict[str, Any]]:
        """GET /hackathons, every page (the API ignores the cursor today; followed in case it stops)."""
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
        """GET /hackathons/{id}: the full record (the list's items have no dates or description)."""
        data = self._call("GET", f"/hackathons/{_q(hack_id)}")
        _field(data, "hack_id", str)
        return data

    def create_hackathon(self, fields: dict[str, Any]) -> dict[str, Any]:
        data = self._call("POST", "/hackathons", body=fields)
        _field(data, "hack_id", str)
        return data

    def update_hackathon(self, hack_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        data = self._call("PUT", f"/hackathons/{_q(hack_id)}", body=fields)
        _field(data, "hack_id", str)
        return data

    def delete_hackathon(self, hack_id: str) -> None:
        self._call("DELETE", f"/hackathons/{_q(hack_id)}")

    def activate(self, hack_id: str) -> dict[str, Any]:
        return self._call("POST", f"/hackathons/{_q(hack_id)}/activate")

    def stats(self, hack_id: str) -> dict[str, int]:
        """GET .../stats: the counts that mean something (verified and participants are always 0 today)."""
        data = self._call("GET", f"/hackathons/{_q(hack_id)}/stats")
        return {k: _field(data, k, int) for k in ("submission_count", "pending_count")}

    # -- submissions ---------------------------------------------------------------------------------
    def submissions(self, hack_id: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        params: dict[str, str] | None = None
        for _ in range(MAX_PAGES):
            data = self._call("GET", f"/hackathons/{_q(hack_id)}/submissions", params=params)
            items.extend(s for s in _field(data, "submissions", list) if isinstance(s, dict))
            cursor = data.get("next_cursor")
            if not data.get("has_more") or not cursor:
                break
            params = {"cursor": str(cursor)}
        return items

    def add_submissions(self, hack_id: str, subs: list[dict[str, str]]) -> int:
        """POST .../submissions `{submissions: [{team_name, repo_url}]}`; how many were created."""
        data = self._call("POST", f"/hackathons/{_q(hack_id)}/submissions", body={"submissions": subs})
        return int(_number(data, "created"))

    def delete_submission(self, sub_id: str) -> None:
        self._call("DELETE", f"/submissions/{_q(sub_id)}")

    def scorecard(self, sub_id: str) -> dict[str, Any]:
        data = self._call("GET", f"/submissions/{_q(sub_id)}/scorecard")
        _field(data, "sub_id", str)
        return data

    # -- analysis ------------------------------------------------------------------------------------
    def estimate(self, hack_id: str) -> dict[str, Any]:
        """POST .../analyze/estimate: `low`, `expected`, `high` (USD) and `submission_count` (the pending
        ones). 400 "No pending submissions to analyze" when there are none (see ApiError.nothing_pending)."""
        data = self._call("POST", f"/hackathons/{_q(hack_id)}/analyze/estimate")
        total = _field(_field(data, "estimate", dict), "total_cost_usd", dict)
        out = {k: _number(total, k) for k in ("low", "expected", "high")}
        out["submission_count"] = int(_number(data, "submission_count"))
        check = data.get("budget_check")
        out["within_budget"] = check.get("within_budget") if isinstance(check, dict) else None
        return out

    def start_analysis(self, hack_id: str, submission_ids: list[str] | None = None) -> dict[str, Any]:
        """POST .../analyze (202): `job_id`. The body is required (`{}` analyzes every pending submission)."""
        body: dict[str, Any] = {"submission_ids": submission_ids} if submission_ids else {}
        data = self._call("POST", f"/hackathons/{_q(hack_id)}/analyze", body=body)
        _field(data, "job_id", str)
        return data

    def analysis_status(self, hack_id: str) -> dict[str, Any]:
        """GET .../analyze/status: `status`, `job_id`, `progress` (numbers checked); 404 before any job."""
        data = self._call("GET", f"/hackathons/{_q(hack_id)}/analyze/status")
        _field(data, "status", str)
        progress = _field(data, "progress", dict)
        for k in ("percent_complete", "completed", "failed", "total_submissions"):
            _number(progress, k)
        return data

    # -- results -------------------------------------------------------------------------------------
    def leaderboard(self, hack_id: str) -> dict[str, Any]:
        """GET .../leaderboard: `hackathon` (counts), `leaderboard` (rows), `statistics`. 400 "No scored
        submissions available" when nothing is scored (see ApiError.nothing_scored)."""
        data = self._call("GET", f"/hackathons/{_q(hack_id)}/leaderboard")
        rows = _field(data, "leaderboard", list)
        data["leaderboard"] = [r for r in rows if isinstance(r, dict) and isinstance(r.get("overall_score"), (int, float))
                               and not isinstance(r.get("overall_score"), bool)]
        if not isinstance(data.get("hackathon"), dict):
            data["hackathon"] = {}
        if not isinstance(data.get("statistics"), dict):
            data["statistics"] = {}
        return data

    def intelligence(self, hack_id: str) -> dict[str, Any]:
        return self._call("GET", f"/hackathons/{_q(hack_id)}/intelligence")

    # -- public (no key: a participant's submission portal) ----------------------------------------------
    def public_hackathons(self) -> list[dict[str, Any]]:
        """GET /public/hackathons: the hackathons open for submissions (the API lists the configured ones)."""
        data = self._call("GET", "/public/hackathons")
        return [h for h in _field(data, "hackathons", list)
                if isinstance(h, dict) and isinstance(h.get("hack_id"), str) and isinstance(h.get("name"), str)]

    def public_submit(self, hack_id: str, team_name: str, repo_url: str) -> int:
        """POST /public/hackathons/{id}/submissions, the organizers' batch shape with one item; how many
        were created. Checked as the organizers' route is (422 per field, 500 for a duplicate)."""
        data = self._call("POST", f"/public/hackathons/{_q(hack_id)}/submissions",
                          body={"submissions": [{"team_name": team_name, "repo_url": repo_url}]})
        return int(_number(data, "created"))

    # -- settings ------------------------------------------------------------------------------------
    def api_keys(self) -> list[dict[str, Any]]:
        return [k for k in _field(self._call("GET", "/api-keys"), "api_keys", list) if isinstance(k, dict)]

    def create_api_key(self) -> dict[str, Any]:
        data = self._call("POST", "/api-keys", body={})
        _field(data, "api_key", str)
        return data

    def rotate_api_key(self, key_id: str) -> dict[str, Any]:
        data = self._call("POST", f"/api-keys/{_q(key_id)}/rotate")
        _field(data, "api_key", str)
        return data

    def revoke_api_key(self, key_id: str) -> None:
        self._call("DELETE", f"/api-keys/{_q(key_id)}")

    def usage(self, start: str, end: str) -> dict[str, Any]:
        """GET /usage/summary; both dates are needed (without them the API answers 500)."""
        return self._call("GET", "/usage/summary", params={"start_date": start, "end_date": end})

    def usage_csv(self, start: str, end: str) -> bytes:
        """GET /usage/export: the usage records as CSV (text/csv, though the OpenAPI document says JSON).
        QUIRK: when the export fails the API still answers 200 text/csv, its body an error message
        ("Error exporting CSV: ...", observed without dates, so both are always sent): that is an ApiError,
        never a file handed to the organizer. An empty answer is b""."""
        raw, headers = self._send("GET", "/usage/export", params={"start_date": start, "end_date": end},
                                  accept="text/csv")
        if raw.lstrip().lower().startswith(b"error exporting csv"):
            said = _one_line(raw.decode("utf-8", "replace"))
            raise ApiError("http", f"The API could not export the usage. The API said: {said}", 200, said)
        if raw and not str(headers.get("Content-Type", "")).lower().startswith("text/csv"):
            raise _malformed("not CSV")
        return raw
