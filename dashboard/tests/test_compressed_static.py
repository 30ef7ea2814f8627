"""compressed_static: the build step writes .gz copies, the middleware answers only for those files, only to
clients that take gzip, and hands everything else to Streamlit untouched."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import pytest

from compressed_static import IMMUTABLE, CompressedStatic, load_table, precompress

SCRIPT = b"function hello(){return 'hello';}\n" * 400


@pytest.fixture()
def static_dir(tmp_path: Path) -> Path:
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "static" / "media").mkdir()
    (tmp_path / "index.html").write_bytes(b"<!doctype html><html><head><script src='./static/js/main.1a2b.js'></script>"
                                          + b"<!-- padding -->" * 50 + b"</head></html>")
    (tmp_path / "static" / "js" / "main.1a2b.js").write_bytes(SCRIPT)
    (tmp_path / "static" / "js" / "tiny.js").write_bytes(b"x")  # gzip would make it larger: left alone
    (tmp_path / "static" / "media" / "font.woff2").write_bytes(bytes(range(256)) * 10)  # compressed already
    return tmp_path


class Downstream:
    """Stands for Streamlit: records what reached it and answers 200 "from streamlit"."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"from streamlit"})


def call(app, path: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str], bytes]:
    scope = {"type": "http", "method": method, "path": path,
             "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]}
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    return (start["status"], {k.decode(): v.decode() for k, v in start["headers"]},
            b"".join(m.get("body", b"") for m in sent[1:]))


def test_precompress_writes_gz_only_where_it_saves_bytes(static_dir: Path) -> None:
    files, before, after = precompress(static_dir)
    assert files == 2  # index.html and main.1a2b.js
    assert after < before / 5
    assert gzip.decompress((static_dir / "static/js/main.1a2b.js.gz").read_bytes()) == SCRIPT
    assert not (static_dir / "static/js/tiny.js.gz").exists()
    assert not (static_dir / "static/media/font.woff2.gz").exists()
    # The same bytes on every build (no time stamp inside), so image layers stay cached.
    first = (static_dir / "index.html.gz").read_bytes()
    precompress(static_dir)
    assert (static_dir / "index.html.gz").read_bytes() == first


def test_serves_the_gzip_copy_with_streamlits_cache_contract(static_dir: Path) -> None:
    precompress(static_dir)
    downstream = Downstream()
    app = CompressedStatic(downstream, directory=str(static_dir))
    status, headers, body = call(app, "/static/js/main.1a2b.js", accept_encoding="gzip, deflate, br")
    assert status == 200 and downstream.paths == []
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert headers["cache-control"] == IMMUTABLE
    assert headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert int(headers["content-length"]) == len(body) and gzip.decompress(body) == SCRIPT
    status, headers, body = call(app, "/", accept_encoding="gzip")
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert gzip.decompress(body) == (static_dir / "index.html").read_bytes()


def test_revalidation_of_index_is_a_304(static_dir: Path) -> None:
    precompress(static_dir)
    app = CompressedStatic(Downstream(), directory=str(static_dir))
    _, headers, _ = call(app, "/", accept_encoding="gzip")
    status, _, body = call(app, "/", accept_encoding="gzip", if_none_match=headers["etag"])
    assert status == 304 and body == b""
    status, _, _ = call(app, "/", accept_encoding="gzip", if_none_match='"something-else"')
    assert status == 200


def test_head_sends_headers_only(static_dir: Path) -> None:
    precompress(static_dir)
    status, headers, body = call(CompressedStatic(Downstream(), directory=str(static_dir)),
                                 "/static/js/main.1a2b.js", method="HEAD", accept_encoding="gzip")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0


@pytest.mark.parametrize("path,method,headers", [
    ("/static/js/main.1a2b.js", "GET", {}),  # no Accept-Encoding: identity
    ("/static/js/main.1a2b.js", "GET", {"accept_encoding": "br"}),
    ("/static/js/main.1a2b.js", "GET", {"accept_encoding": "gzip;q=0, br"}),
    ("/static/js/main.1a2b.js", "GET", {"accept_encoding": "gzip", "range": "bytes=0-10"}),
    ("/static/js/main.1a2b.js", "POST", {"accept_encoding": "gzip"}),
    ("/static/js/tiny.js", "GET", {"accept_encoding": "gzip"}),  # no .gz written
    ("/analysis", "GET", {"accept_encoding": "gzip"}),  # a page's address: Streamlit's own fallback
    ("/_stcore/health", "GET", {"accept_encoding": "gzip"}),
    ("/static/js/../../index.html", "GET", {"accept_encoding": "gzip"}),  # not a key of the table
    ("/static/js/main.1a2b.js.gz", "GET", {"accept_encoding": "gzip"}),
])
def test_everything_else_goes_to_streamlit(static_dir: Path, path: str, method: str, headers: dict) -> None:
    precompress(static_dir)
    downstream = Downstream()
    status, _, body = call(CompressedStatic(downstream, directory=str(static_dir)), path, method=method, **headers)
    assert (status, body, downstream.paths) == (200, b"from streamlit", [path])


def test_a_base_url_prefixes_every_path(static_dir: Path) -> None:
    precompress(static_dir)
    downstream = Downstream()
    app = CompressedStatic(downstream, directory=str(static_dir), base_url="/dash/")
    assert call(app, "/dash/static/js/main.1a2b.js", accept_encoding="gzip")[1]["content-encoding"] == "gzip"
    assert call(app, "/dash", accept_encoding="gzip")[1]["content-encoding"] == "gzip"
    call(app, "/static/js/main.1a2b.js", accept_encoding="gzip")
    assert downstream.paths == ["/static/js/main.1a2b.js"]


def test_a_gz_without_its_original_is_ignored(static_dir: Path) -> None:
    (static_dir / "orphan.js.gz").write_bytes(gzip.compress(b"x" * 100))
    assert "/orphan.js" not in load_table(static_dir)
