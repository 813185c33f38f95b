"""A LibreTranslate-compatible HTTP server on 127.0.0.1 for tests, with failure modes.

Answers are deterministic (:func:`translate_text`). ``mode`` decides what happens to
``/translate`` requests after the first ``fail_after`` ones (answered normally), for
``fail_count`` requests (None: for good): ``normal``, ``slow`` (answers after ``delay``),
``hung`` (answers only when the server stops), ``error`` (HTTP 500), ``ratelimit`` (HTTP 429
with ``Retry-After``), ``garbage`` (200 with a body that is not JSON), ``close`` (drops the
connection without an answer), ``interrupt`` (simulates Ctrl-C in the main thread, then hangs).
"""

from __future__ import annotations

import _thread
import contextlib
import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

MODES = (
    "normal",
    "slow",
    "hung",
    "error",
    "ratelimit",
    "garbage",
    "close",
    "interrupt",
)

# A few real renderings, so that a demonstration reads naturally; everything else is hashed.
KNOWN = {
    "三社联动": "three-society linkage",
    "四水共治": "four-water co-governance",
}

LANGUAGE_NAMES = {"en": "English", "zh": "Chinese", "zh-Hans": "Chinese (Simplified)"}

# Longest a hung request is held before the handler gives up by itself.
HANG_LIMIT = 30.0


def translate_text(text: str) -> str:
    """The server's deterministic "translation" of ``text`` (ASCII, unique per text).

    >>> translate_text("三社联动")
    'three-society linkage'
    >>> translate_text("未知") == translate_text("未知") != translate_text("未知的")
    True
    """
    if text in KNOWN:
        return KNOWN[text]
    return "mt " + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


class LibreTranslateServer:
    """A LibreTranslate look-alike: ``POST /translate`` (``q`` a string or a list), ``GET /languages``.

    :param languages: the language codes it accepts (an older server: ``zh``; newer: ``zh-Hans``).
    :param api_key: when set, requests without this key get HTTP 403.
    """

    def __init__(
        self,
        *,
        mode: str = "normal",
        fail_after: int = 0,
        fail_count: int | None = None,
        retry_after: str | None = "0",
        delay: float = 0.0,
        languages: tuple[str, ...] = ("zh", "en"),
        api_key: str | None = None,
    ) -> None:
        self.mode = mode
        self.fail_after = fail_after
        self.fail_count = fail_count
        self.retry_after = retry_after
        self.delay = delay
        self.languages = languages
        self.api_key = api_key
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL to pass as ``--url`` (with the trailing slash deep-translator needs)."""
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def translate_requests(self) -> list[dict[str, Any]]:
        """The ``/translate`` requests received so far, in order."""
        with self._lock:
            return [r for r in self.requests if r["path"] == "/translate"]

    @property
    def texts(self) -> list[str]:
        """Every text the server was asked to translate, in order, batches flattened."""
        texts: list[str] = []
        for request in self.translate_requests:
            q = request["q"]
            texts.extend(q if isinstance(q, list) else [q])
        return texts

    def start(self) -> LibreTranslateServer:
        """Listen on 127.0.0.1 on a free port, serving from a daemon thread."""
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.02},  # so that stop() returns at once
            name="libretranslate-test",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hung requests and stop listening."""
        self._release.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LibreTranslateServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record(self, record: dict[str, Any]) -> str:
        """Log a request; return the mode that applies to it."""
        with self._lock:
            self.requests.append(record)
            if record["path"] != "/translate":
                return "normal"
            number = sum(1 for r in self.requests if r["path"] == "/translate")
        failing = number - self.fail_after
        if failing <= 0 or (self.fail_count is not None and failing > self.fail_count):
            return "normal"
        return self.mode

    def _hang(self) -> None:
        self._release.wait(HANG_LIMIT)


class _Handler(BaseHTTPRequestHandler):
    owner: LibreTranslateServer

    def log_message(self, fmt: str, *args: Any) -> None:
        """Keep test output quiet."""

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.owner._record({"path": path, "method": "GET"})
        if path != "/languages":
            self._json(404, {"error": "Not Found"})
            return
        codes = list(self.owner.languages)
        self._json(
            200,
            [
                {"code": c, "name": LANGUAGE_NAMES.get(c, c), "targets": codes}
                for c in codes
            ],
        )

    def do_POST(self) -> None:
        split = urlsplit(self.path)
        params = _params(split.query, self._body(), self.headers.get("Content-Type"))
        mode = self.owner._record({"path": split.path, "method": "POST", **params})
        if split.path != "/translate":
            self._json(404, {"error": "Not Found"})
            return
        if mode in ("hung", "interrupt"):
            if mode == "interrupt":
                _thread.interrupt_main()  # what Ctrl-C does, delivered to the main thread
            self.owner._hang()
            self._close()
            return
        if mode == "slow":
            time.sleep(self.owner.delay)
        elif mode == "close":
            self._close()
            return
        elif mode == "garbage":
            self._send(200, b"<html>Bad gateway</html>", "text/html")
            return
        elif mode == "error":
            self._json(500, {"error": "Internal Server Error"})
            return
        elif mode == "ratelimit":
            headers = (
                {"Retry-After": self.owner.retry_after}
                if self.owner.retry_after is not None
                else {}
            )
            self._json(429, {"error": "Too many request limits violations"}, headers)
            return
        self._translate(params)

    def _translate(self, params: dict[str, Any]) -> None:
        owner = self.owner
        if owner.api_key is not None and params.get("api_key") != owner.api_key:
            self._json(403, {"error": "Invalid API key"})
            return
        for key in ("source", "target"):
            if params.get(key) not in owner.languages:
                self._json(400, {"error": f"{params.get(key)} is not supported"})
                return
        q = params.get("q")
        if isinstance(q, list) and all(isinstance(t, str) for t in q):
            self._json(200, {"translatedText": [translate_text(t) for t in q]})
        elif isinstance(q, str):
            self._json(200, {"translatedText": translate_text(q)})
        else:
            self._json(400, {"error": "Invalid request: missing q parameter"})

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _json(
        self, status: int, data: Any, headers: dict[str, str] | None = None
    ) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json", headers)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _close(self) -> None:
        # Drop the connection without a status line: the client sees it closed mid-request.
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _params(query: str, body: bytes, content_type: str | None) -> dict[str, Any]:
    """Request parameters as LibreTranslate reads them: a JSON body, or form and query fields."""
    if content_type and content_type.startswith("application/json"):
        data = json.loads(body.decode("utf-8") or "{}")
        return data if isinstance(data, dict) else {}
    fields = parse_qs(query) | parse_qs(body.decode("utf-8"))
    return {k: v[0] if len(v) == 1 else v for k, v in fields.items()}


@pytest.fixture(name="libre_server")
def libre_server_fixture() -> Iterator[LibreTranslateServer]:
    """A running :class:`LibreTranslateServer` in normal mode; tests set ``mode`` and friends.

    Import ``libre_server_fixture`` into a test module to use the fixture ``libre_server``.
    """
    with LibreTranslateServer() as server:
        yield server


def closed_port_url() -> str:
    """A loopback URL where nothing listens (the port was just freed): connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
