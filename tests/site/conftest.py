"""Sites built once per test session from the fixture projects, and a local HTTP server for them."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from site_helpers import build_fixture


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture project with one page per label."""
    return build_fixture(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def grouped_site(tmp_path_factory) -> Path:
    """The same project above the page threshold: labels share branch pages, one anchor each."""
    return build_fixture(tmp_path_factory.mktemp("grouped"), "label_pages_threshold: 3")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site over HTTP on 127.0.0.1 (an ephemeral port), like a web server would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
