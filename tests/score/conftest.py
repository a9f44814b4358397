"""The fixture project of the score tests, loaded once."""

from __future__ import annotations

import pytest
from score_helpers import PROJECT

from taxgen.check import check_path


@pytest.fixture(scope="session")
def project():
    result = check_path(PROJECT)
    assert not result.errors, result.diagnostics
    return result.project
