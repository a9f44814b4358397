"""Helpers of the site tests (a module of its own: `from conftest import` is ambiguous across test folders)."""

from __future__ import annotations

import shutil
from pathlib import Path

from taxgen.site.build import build_site

FIXTURE = Path(__file__).parent.parent / "fixtures" / "site" / "hostile"


def copy_fixture(tmp: Path, options: str = "golden_items: show") -> Path:
    """The fixture project in ``tmp``; ``options`` replace its `golden_items: show` line of taxgen options."""
    project = tmp / "project"
    shutil.copytree(FIXTURE, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("golden_items: show", options))
    return project


def build_fixture(tmp: Path, options: str = "golden_items: show") -> Path:
    """Build a copy of the fixture project; returns the site folder."""
    build_site(copy_fixture(tmp, options), tmp / "site")
    return tmp / "site"
