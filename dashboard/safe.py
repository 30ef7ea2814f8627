"""Showing strings that come from the API (hackathon and team names, descriptions, URLs, error texts):
they are data, never markup. Streamlit renders markdown (links, images, HTML-like directives, `:color[]`,
`:material/icon:`, LaTeX) in titles, captions, metrics' labels and messages, so every API string drawn in
one of those goes through `md()`; and only http(s) URLs become links (`link()`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all leaves no
# markdown, directive, emoji shortcode or math delimiter for the renderer to act on.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: object, limit: int = 2000) -> str:
    """`text` as literal text inside markdown: one line, punctuation escaped, at most `limit` characters."""
    flat = " ".join(str(text).split())[:limit]
    return _PUNCTUATION.sub(r"\\\1", flat)


def md_block(text: object, limit: int = 2000) -> str:
    """Like md() but keeps the line breaks (for a description), each line escaped."""
    lines = str(text)[:limit].splitlines()
    return "  \n".join(_PUNCTUATION.sub(r"\\\1", " ".join(line.split())) for line in lines)


def link(url: object) -> str | None:
    """The URL when it is an absolute http(s) URL with a host, else None (a `javascript:` or `data:` URL
    must not become clickable)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in url for c in "\r\n\t "):
        return None
    return url.strip()


def usd(value: float | int | None) -> str:
    if value is None:
        return "–"
    value = float(value)
    # Analyses cost cents: two decimals would show a range of $0.04 to $0.05 as "$0.04 to $0.04".
    if abs(value) >= 1 or value == 0:
        return f"${value:,.2f}"
    return f"${value:,.3f}" if abs(value) >= 0.01 else f"${value:,.4f}"
