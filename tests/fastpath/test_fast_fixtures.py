"""On every fixture project, the fast path and the reference path give the same diagnostics
(codes, severities, messages, file:line:col, hints) and the same located model, with an empty
cache and from the cache."""

from __future__ import annotations

import pytest
from fastpath_helpers import FIXTURES, check_both_ways, diagnostics_of, fixture_projects, located_model, prepared

from taxgen.loading import fast
from taxgen.loading.yaml_source import decode_source

PROJECTS = fixture_projects()


def test_the_fast_parser_is_installed():
    # the test extra pins yaml-rs: without it every comparison below would be reference vs reference
    assert fast.fast_parser_name() is not None


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fast_path_matches_the_reference(root, reference_path, tmp_path):
    reference, cold, warm = check_both_ways(prepared(root, tmp_path), reference_path)
    assert diagnostics_of(cold) == diagnostics_of(reference)
    assert diagnostics_of(warm) == diagnostics_of(reference)
    assert located_model(cold.project) == located_model(reference.project)
    assert located_model(warm.project) == located_model(reference.project)


def test_most_fixture_files_take_the_fast_reader():
    """Otherwise the comparison above would mostly compare the reference with itself."""
    taken = given_up = 0
    for path in sorted(FIXTURES.rglob("*.y*ml")):
        try:
            text = decode_source(path.read_bytes(), path.name)
        except Exception:
            continue  # encoding errors never reach a parser
        if fast.read_simple(text, path.name) is None:
            given_up += 1
        else:
            taken += 1
    assert taken > 2 * given_up
