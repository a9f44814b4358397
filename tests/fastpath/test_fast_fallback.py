"""Without the optional Rust packages (`taxgen[fast]` not installed) every file takes the
reference loader and the Python validator, the cache still works, and the diagnostics are
those of the reference path on every fixture project."""

from __future__ import annotations

import pytest
from fastpath_helpers import FIXTURES, check_both_ways, diagnostics_of, fixture_projects, located_model, prepared

from taxgen.loading import fast, fast_schema

PROJECTS = fixture_projects()


@pytest.fixture
def without_rust_packages(monkeypatch):
    monkeypatch.setattr(fast, "yaml_rs", None)
    monkeypatch.setattr(fast_schema, "jsonschema_rs", None)


def test_no_fast_parser_without_yaml_rs(without_rust_packages):
    assert fast.fast_parser_name() is None
    assert fast.parse("id: NO\n", "t.yaml").data == {"id": "NO"}


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_every_fixture_checks_as_the_reference(root, reference_path, tmp_path, without_rust_packages, private_cache):
    reference, cold, warm = check_both_ways(prepared(root, tmp_path), reference_path)
    assert diagnostics_of(cold) == diagnostics_of(reference) == diagnostics_of(warm)
    assert located_model(cold.project) == located_model(reference.project) == located_model(warm.project)
