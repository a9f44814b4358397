"""`taxgen serve` end to end: the site is served, and a changed taxonomy or guideline shows without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from site_helpers import copy_fixture

SERVE = "from taxgen.cli import run; run()"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, server: subprocess.Popen, timeout: float = 60) -> str:
    """The page once it contains ``text``; fails with the server's log when it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return page
        if server.poll() is not None:
            break
        time.sleep(0.3)
    server.terminate()
    log = server.communicate(timeout=10)[0]
    pytest.fail(f"{url} never showed {text!r}; taxgen serve said:\n{log[-3000:]}")


@pytest.fixture
def served(tmp_path):
    """The fixture project served by `taxgen serve` on a free local port."""
    project = copy_fixture(tmp_path)
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen([sys.executable, "-c", SERVE, "serve", "--project", str(project), "--dev-addr", address],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "NO_COLOR": "1"})
    try:
        yield project, f"http://{address}/", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_serve_rebuilds_pages_when_a_taxonomy_or_guideline_changes(served):
    project, url, server = served
    cat = url + "animals/labels/cat.html"
    wait_for(cat, "A small domestic feline with retractable claws and whiskers.", server)

    taxonomy = project / "taxonomies/animals/taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("A small domestic feline with retractable claws and whiskers.",
                                                     "A house cat, edited while the site is served."))
    page = wait_for(cat, "A house cat, edited while the site is served.", server)
    assert "retractable claws" not in page

    guideline = project / "guidelines/cats.md"
    guideline.write_text(guideline.read_text() + "\nA sentence added while the site is served.\n")
    wait_for(url + "animals/guidelines/cats.html", "A sentence added while the site is served.", server)
