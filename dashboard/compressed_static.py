"""Streamlit's own front-end files (index.html and the hashed JavaScript, CSS and JSON bundles), served
gzip-compressed from memory.

Why: Streamlit serves these files uncompressed, and the ALB does not compress either, so a first visit
moved 2.3 MB and cost the task about 90 ms of CPU (the file responses stream through Streamlit's
middleware in 64 KB chunks). The files are compressed once, when the image is built (`python
compressed_static.py DIR`, see the Dockerfile), and this middleware answers with the `.gz` file's bytes in
one message: about 0.7 MB for a first visit.

What it serves: only a path that names a file for which a `.gz` was written at build time (a fixed table
read at start, so a request path never reaches the file system), to a GET or HEAD whose Accept-Encoding
allows gzip and that asks for no byte range. Everything else goes on to Streamlit unchanged, which also
serves the same files uncompressed to clients that cannot take gzip. Cache headers are Streamlit's own
contract: index.html is revalidated on every visit (an ETag answers it with a 304), hashed bundles are
immutable for a year.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable

from streamlit.web.server.starlette.starlette_server_config import STATIC_ASSET_CACHE_MAX_AGE_SECONDS

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# Text formats worth compressing; fonts (woff2) and images are compressed already.
COMPRESSIBLE = (".js", ".mjs", ".css", ".json", ".html", ".svg", ".txt", ".map", ".wasm")
INDEX = "index.html"
# Streamlit's own lifetime for hashed bundles, read from it so both answers always agree.
IMMUTABLE = f"public, immutable, max-age={STATIC_ASSET_CACHE_MAX_AGE_SECONDS}"


@dataclass(frozen=True)
class Compressed:
    body: bytes
    content_type: str
    cache_control: str
    etag: str


def precompress(directory: Path) -> tuple[int, int, int]:
    """Writes NAME.gz next to every compressible file that gzip makes smaller; returns (files, bytes before,
    bytes after). Run when the image is built, so no request ever pays for compression."""
    files = before = after = 0
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        raw = path.read_bytes()
        packed = gzip.compress(raw, compresslevel=9, mtime=0)  # mtime 0: the same bytes on every build
        if len(packed) >= len(raw):
            continue
        path.with_name(path.name + ".gz").write_bytes(packed)
        files, before, after = files + 1, before + len(raw), after + len(packed)
    return files, before, after


def load_table(directory: Path) -> dict[str, Compressed]:
    """URL path ("/static/js/index.1a2b.js", "/" for index.html) -> its compressed answer, for every file
    that has a .gz written by precompress."""
    table: dict[str, Compressed] = {}
    for gz in directory.rglob("*.gz"):
        original = gz.with_name(gz.name[:-3])
        if not original.is_file():
            continue
        relative = original.relative_to(directory).as_posix()
        body = gz.read_bytes()
        content_type = mimetypes.guess_type(original.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
            content_type += "; charset=utf-8"
        is_index = relative == INDEX
        entry = Compressed(body=body, content_type=content_type,
                           cache_control="no-cache" if is_index or relative == "manifest.json" else IMMUTABLE,
                           etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        table["/" + relative] = entry
        if is_index:
            table["/"] = entry
    return table


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _accepts_gzip(accept_encoding: str) -> bool:
    for part in accept_encoding.split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class CompressedStatic:
    """ASGI middleware in front of Streamlit (st.App's `middleware`): answers from the table, or passes on."""

    def __init__(self, app: App, directory: str | None = None, base_url: str = "") -> None:
        self.app = app
        if directory is None:
            from streamlit import file_util

            directory = file_util.get_static_dir()
        self.prefix = "/" + base_url.strip("/") if base_url.strip("/") else ""
        self.table = load_table(Path(directory))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        entry = self._entry(scope)
        if entry is None:
            await self.app(scope, receive, send)
            return
        headers = [(b"content-type", entry.content_type.encode()), (b"cache-control", entry.cache_control.encode()),
                   (b"etag", entry.etag.encode()), (b"vary", b"Accept-Encoding")]
        if entry.etag in [t.strip() for t in _header(scope, b"if-none-match").split(",")]:
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers += [(b"content-encoding", b"gzip"), (b"content-length", str(len(entry.body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else entry.body})

    def _entry(self, scope: Scope) -> Compressed | None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or _header(scope, b"range"):
            return None
        path = scope.get("path", "")
        if self.prefix:
            if path != self.prefix and not path.startswith(self.prefix + "/"):
                return None
            path = path[len(self.prefix):] or "/"
        entry = self.table.get(path)
        if entry is None or not _accepts_gzip(_header(scope, b"accept-encoding")):
            return None
        return entry


if __name__ == "__main__":
    # Build step: python compressed_static.py [DIR] (default: the installed Streamlit's static directory).
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1] in ("-h", "--help")):
        print("usage: python compressed_static.py [STATIC_DIR]  (writes NAME.gz beside each compressible file)")
        sys.exit(0 if len(sys.argv) == 2 else 2)
    if len(sys.argv) == 2:
        target = Path(sys.argv[1])
    else:
        from streamlit import file_util

        target = Path(file_util.get_static_dir())
    if not target.is_dir():
        print(f"compressed_static: {target} is not a directory", file=sys.stderr)
        sys.exit(2)
    n, raw, packed = precompress(target)
    print(f"compressed_static: {n} files, {raw / 1e6:.1f} MB -> {packed / 1e6:.1f} MB gzip in {os.fspath(target)}")
