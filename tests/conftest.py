"""Shared test helpers: fixture projects are folders under tests/fixtures/, snapshots under tests/snapshots/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
SNAPSHOTS = TESTS / "snapshots"
REPO = TESTS.parent


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def repo_root() -> Path:
    return REPO


def assert_snapshot(name: str, actual: str | bytes) -> None:
    """Compare with tests/snapshots/NAME; TAXGEN_UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / name
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if os.environ.get("TAXGEN_UPDATE_SNAPSHOTS") or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if not os.environ.get("TAXGEN_UPDATE_SNAPSHOTS") and os.environ.get("CI"):
            pytest.fail(f"snapshot {name} was missing (written now); commit it")
        return
    expected = path.read_bytes()
    assert data == expected, f"snapshot {name} differs; rerun with TAXGEN_UPDATE_SNAPSHOTS=1 if intended"


@pytest.fixture
def snapshot():
    return assert_snapshot
