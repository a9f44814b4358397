"""Every file every target writes for the fixture projects, as golden files under
tests/snapshots/compile/<project>/ (TAXGEN_UPDATE_SNAPSHOTS=1 rewrites them)."""

from __future__ import annotations

import pytest

from compile_helpers import FIXTURE_PROJECTS, compiled
from taxgen.targets import TARGETS


def _files():
    for project in FIXTURE_PROJECTS:
        for path in sorted(compiled()[project].files):
            yield pytest.param(project, path, id=f"{project}/{path}")


@pytest.mark.parametrize("project, path", list(_files()))
def test_snapshot(project, path, snapshot):
    snapshot(f"compile/{project}/{path}", compiled()[project].files[path])


def test_one_taxonomy_has_a_snapshot_of_every_target():
    files = compiled()["tools"].files
    assert {f"documents/{target.file}" for target in TARGETS.values()} <= set(files)
