"""The image's HEALTHCHECK script: healthy only on 200 with the body `ok`."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from collections.abc import Iterator

import pytest
from conftest import closed_port

import healthcheck

ANSWERS = {
    "/_stcore/health": (200, b"ok"),
    "/healthz": (200, b"<!doctype html><html><body>Streamlit</body></html>"),  # the SPA fallback
    "/starting": (503, b"unavailable"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, body = ANSWERS.get(self.path, (404, b""))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_200_ok_is_healthy(server: str) -> None:
    assert healthcheck.main(["healthcheck.py", server + "/_stcore/health"]) == 0


@pytest.mark.parametrize("path, why", [("/healthz", "is not 'ok'"), ("/starting", "HTTP 503")])
def test_anything_else_is_unhealthy(server: str, path: str, why: str) -> None:
    ok, reason = healthcheck.healthy(server + path)
    assert not ok and why in reason
    assert healthcheck.main(["healthcheck.py", server + path]) == 1


def test_no_server_is_unhealthy() -> None:
    assert healthcheck.main(["healthcheck.py", f"http://127.0.0.1:{closed_port()}/_stcore/health"]) == 1


def test_the_default_url_is_streamlit_s_port(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    monkeypatch.setattr(healthcheck, "healthy", lambda url: (seen.append(url), (True, "HTTP 200 ok"))[1])
    monkeypatch.setenv("STREAMLIT_SERVER_PORT", "8501")
    assert healthcheck.main(["healthcheck.py"]) == 0
    assert seen == ["http://127.0.0.1:8501/_stcore/health"]
