"""Fixture projects for compile tests, loaded and compiled once per session (at collection,
so tests can be parametrized by taxonomy)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from taxgen.check import check_path
from taxgen.compile import compile_project
from taxgen.targets import TARGETS

TESTS = Path(__file__).resolve().parents[1]
FIXTURES = TESTS / "fixtures" / "compile"
REPO = TESTS.parent
FIXTURE_PROJECTS = ("tools", "awkward")


def load(root: Path):
    result = check_path(root)
    assert result.errors == 0, [f"{d.location} {d.message}" for d in result.diagnostics if d.severity.value == "error"]
    return result.project


@lru_cache(maxsize=None)
def projects() -> dict:
    """Every project whose taxonomies the tools must accept: the fixtures and the repo's examples."""
    out = {name: load(FIXTURES / name) for name in FIXTURE_PROJECTS}
    out["repo"] = check_path(REPO).project  # its check is a test of its own, not a collection error
    return out


@lru_cache(maxsize=None)
def compiled() -> dict:
    return {name: compile_project(project) for name, project in projects().items()}


def cases(target: str) -> list:
    """pytest params (taxonomy, file bytes): every taxonomy of every project the target compiled."""
    found = []
    for name, project in projects().items():
        for taxonomy in project.taxonomies:
            data = compiled()[name].files.get(f"{taxonomy.id}/{TARGETS[target].file}")
            if data is not None:
                found.append(pytest.param(taxonomy, data, id=f"{name}/{taxonomy.id}"))
    return found
