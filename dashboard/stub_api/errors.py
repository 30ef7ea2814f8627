"""The three shapes of error body the real VibeJudge API sends, so the stand-in sends exactly those.

- middleware (auth, rate limit, quota, budget): `{"error": str, ...extra}`; 401, 402, 429.
- routes (FastAPI's HTTPException): `{"detail": str}`; 400, 403, 404, 500.
- request validation (pydantic): 422 `{"detail": [{type, loc, msg, input, ctx}]}`.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An answer other than success: the status, the body and any extra headers."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None):
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body
        self.headers = headers or {}


def detail(status: int, message: str) -> ApiError:
    """A route's error: `{"detail": "..."}`."""
    return ApiError(status, {"detail": message})


def middleware(status: int, error: str, headers: dict[str, str] | None = None, **extra: Any) -> ApiError:
    """A middleware's error: `{"error": "...", ...}` (no `detail`)."""
    return ApiError(status, {"error": error, **extra}, headers)


class Invalid:
    """Collects pydantic-style validation errors for one request; `raise_if_any` sends them as one 422."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def add(self, loc: tuple[str | int, ...], msg: str, value: Any, type_: str = "value_error",
            ctx: dict[str, Any] | None = None) -> None:
        item: dict[str, Any] = {"type": type_, "loc": list(loc), "msg": msg, "input": value}
        if ctx is not None:
            item["ctx"] = ctx
        self.errors.append(item)

    def missing(self, loc: tuple[str | int, ...], value: Any) -> None:
        self.add(loc, "Field required", value, "missing")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ApiError(422, {"detail": self.errors})
