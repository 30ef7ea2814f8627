"""The container's health check: exit 0 only when Streamlit answers 200 with the body `ok`.

Standard library only (the image has no curl). The status alone is not enough: Streamlit answers 200 with
its index page for any unknown path, so a check on a wrong path would always pass; and while it starts or
stops, /_stcore/health answers 503 `unavailable`.

    python healthcheck.py [URL]     (default http://127.0.0.1:$STREAMLIT_SERVER_PORT/_stcore/health)
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT_S = 4.0


def healthy(url: str, timeout: float = TIMEOUT_S) -> tuple[bool, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - a fixed local URL
            body = resp.read(64).decode("utf-8", "replace").strip()
            status = resp.status
    except urllib.error.HTTPError as e:
        return False, f"HTTP {e.code}"
    except (OSError, ValueError) as e:
        return False, f"no answer ({type(e).__name__})"
    if status == 200 and body == "ok":
        return True, "HTTP 200 ok"
    return False, f"HTTP {status}, body {body[:20]!r} is not 'ok'"


def main(argv: list[str]) -> int:
    port = os.environ.get("STREAMLIT_SERVER_PORT", "8501")
    url = argv[1] if len(argv) > 1 else f"http://127.0.0.1:{port}/_stcore/health"
    ok, why = healthy(url)
    print(why)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
