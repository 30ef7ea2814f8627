"""The contract check: every request the dashboard sends and every answer the stand-in gives, against the
real backend's OpenAPI document (`shared/reference/vibejudge-openapi.json`), with openapi-core.

The document lists only 2xx and 422 answers; the other errors' bodies have the shapes the reference
describes (`vibejudge-api.md`), written below as JSON Schemas and checked with jsonschema. Authenticated
answers must carry the rate-limit and quota headers. Answers forced by a test's fault injection break the
contract on purpose and are not checked; requests that tests send by hand (not through the dashboard's
client) may be invalid on purpose, so only their answers are checked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import requests
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.responses.exceptions import ResponseNotFound

from api import USER_AGENT

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"
OPENAPI = REFERENCE / "vibejudge-openapi.json"

# Error bodies the document does not list, as the reference describes them.
_DETAIL = {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}
_MIDDLEWARE = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}},
               "not": {"required": ["detail"]}}
_BUDGET = {"allOf": [_MIDDLEWARE, {
    "required": ["level", "message", "details"],
    "properties": {"message": {"type": "string"}, "details": {
        "type": "object",
        "required": ["estimated_cost_usd", "current_spend_usd", "budget_limit_usd", "remaining_budget_usd"]}}}]}
_TOO_MANY = {"allOf": [_MIDDLEWARE, {"oneOf": [{"required": ["retry_after"]}, {"required": ["quota_reset"]}]}]}
ERROR_SHAPES = {400: _DETAIL, 401: _MIDDLEWARE, 402: _BUDGET, 403: _DETAIL, 404: _DETAIL, 429: _TOO_MANY, 500: _DETAIL}
# Where the document and the observed API disagree, the observed API wins (it is what the dashboard meets).
OBSERVED_NOT_DOCUMENTED = {
    "GET /api/v1/usage/export": "text/csv",  # observed 55-usage_export; the document says application/json
}
LIMIT_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-Quota-Limit",
                 "X-Quota-Remaining")


@dataclass
class Tally:
    """What the suite checked, printed at its end (see conftest.pytest_terminal_summary)."""

    requests: int = 0  # that passed request validation
    dashboard_requests: int = 0  # of those, sent by the dashboard's client
    responses_by_openapi: int = 0
    responses_by_error_shape: int = 0
    operations: set[str] = field(default_factory=set)  # "METHOD /template" of the document, met at least once


TALLY = Tally()


ROOT = "http://stand-in.test"  # one server URL for every stand-in (loaded once: it takes about a second)


@lru_cache(maxsize=None)
def _openapi(root: str = ROOT) -> OpenAPI:
    if not OPENAPI.is_file():
        raise AssertionError(f"the contract {OPENAPI} is missing: the dashboard tests need shared/reference beside "
                             "the repository")
    spec = json.loads(OPENAPI.read_text())
    spec["servers"] = [{"url": root}]
    return OpenAPI.from_dict(spec)


@lru_cache(maxsize=None)
def _templates() -> list[tuple[str, re.Pattern[str], str]]:
    spec = json.loads(OPENAPI.read_text())
    out = []
    for path, ops in spec["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")
        out.extend((method.upper(), pattern, f"{method.upper()} {path}") for method in ops)
    return out


def operations() -> int:
    """How many operations the document has."""
    return len(_templates())


def missing_operations(met: set[str]) -> list[str]:
    return sorted(name for _, _, name in _templates() if name not in met)


def _operation(method: str, path: str) -> str | None:
    for m, pattern, name in _templates():
        if m == method and pattern.match(path):
            return name
    return None


def _prepared(root: str, ex: Any) -> requests.PreparedRequest:
    req = requests.Request(ex.method, root + ex.target, headers=ex.request_headers,
                           data=ex.request_body or None).prepare()
    return req


def _response(ex: Any, req: requests.PreparedRequest) -> requests.Response:
    resp = requests.Response()
    resp.status_code = ex.status
    resp._content = ex.response_body
    resp.headers.update(ex.response_headers)
    resp.request = req
    return resp


def check(stub: Any) -> list[str]:
    """Every exchange the stand-in recorded, checked; the list of violations (empty when all hold)."""
    root = ROOT
    oa = _openapi()
    problems: list[str] = []
    for ex in stub.exchanges:
        if ex.faulted:
            continue
        what = f"{ex.method} {ex.target} -> {ex.status}"
        req = _prepared(root, ex)
        oreq = RequestsOpenAPIRequest(req)
        try:
            oa.validate_request(oreq)
        except PathError:  # no such path, server or method in the document
            if ex.request_headers.get("User-Agent", "").startswith(USER_AGENT):
                problems.append(f"{what}: the dashboard called a path the API does not have")
            continue
        except Exception as e:  # noqa: BLE001 - every kind of violation is reported the same way
            if ex.request_headers.get("User-Agent", "").startswith(USER_AGENT):
                problems.append(f"{what}: the dashboard's request breaks the contract: {e} {getattr(e, '__cause__', '')}")
        else:
            TALLY.requests += 1
            TALLY.dashboard_requests += ex.request_headers.get("User-Agent", "").startswith(USER_AGENT)
        op = _operation(ex.method, ex.target.split("?")[0])
        if op:
            TALLY.operations.add(op)
        observed = OBSERVED_NOT_DOCUMENTED.get(op or "")
        if observed and ex.status == 200:
            if not ex.response_headers.get("Content-Type", "").startswith(observed):
                problems.append(f"{what}: not {observed}, as the real API answers")
            continue
        try:
            oa.validate_response(oreq, RequestsOpenAPIResponse(_response(ex, req)))
            TALLY.responses_by_openapi += 1
        except ResponseNotFound:
            problems.extend(f"{what}: {p}" for p in _check_error(ex))
            TALLY.responses_by_error_shape += 1
        except Exception as e:  # noqa: BLE001
            problems.append(f"{what}: the answer breaks the contract: {e} {getattr(e, '__cause__', '')}")
        if ex.status not in (401,) and ex.request_headers.get("X-API-Key") and ex.target.startswith("/api/v1/") \
                and not ex.target.startswith(("/api/v1/public/", "/api/v1/organizers/login")):
            missing = [h for h in LIMIT_HEADERS if h not in ex.response_headers]
            if missing and not (ex.status == 429 and "X-Quota-Limit" in ex.response_headers) \
                    and not (ex.status == 429 and "Retry-After" in ex.response_headers):
                problems.append(f"{what}: an authenticated answer without {missing}")
    return problems


def _check_error(ex: Any) -> list[str]:
    schema = ERROR_SHAPES.get(ex.status)
    if schema is None:
        return [f"a status the API does not use ({ex.status})"]
    try:
        body = json.loads(ex.response_body)
    except ValueError:
        return ["an error body that is not JSON"]
    try:
        jsonschema.validate(body, schema)
    except jsonschema.ValidationError as e:
        return [f"an error body of the wrong shape: {e.message}"]
    if ex.status == 429 and "retry_after" in body and "Retry-After" not in ex.response_headers:
        return ["a per-second 429 without Retry-After"]
    return []
