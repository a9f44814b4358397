"""Fixtures of the fast-path tests: a private cache folder and a switch to the reference loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from taxgen.loading import cache, fast


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch) -> Path:
    """Cache entries go to a temporary folder, never into the fixture projects' build/."""
    folder = tmp_path / "cache"
    # CACHE_FOLDER is joined to the project's build folder: an absolute path replaces it
    monkeypatch.setattr(cache, "CACHE_FOLDER", str(folder))
    return folder


@pytest.fixture
def reference_path(monkeypatch):
    """A context in which the loader takes the reference path only."""
    class Switch:
        def __enter__(self):
            monkeypatch.setenv(fast.PARSER_VARIABLE, "pyyaml")

        def __exit__(self, *exc):
            monkeypatch.delenv(fast.PARSER_VARIABLE, raising=False)

    return Switch()
