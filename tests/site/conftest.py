"""Sites built once per test session from the fixture projects, and a local HTTP server for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from local_http import serving
from site_helpers import build_fixture


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture project with one page per label."""
    return build_fixture(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def grouped_site(tmp_path_factory) -> Path:
    """The same project above the page threshold: labels share branch pages, one anchor each."""
    return build_fixture(tmp_path_factory.mktemp("grouped"), "label_pages_threshold: 3")


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site over HTTP on 127.0.0.1 (an ephemeral port), like a web server would serve it."""
    with serving(built_site) as url:
        yield url
