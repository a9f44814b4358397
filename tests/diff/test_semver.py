"""The semver rules behind TD401-TD403."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taxgen.diff.semver import bumped_breaking, decreased, parse


@pytest.mark.parametrize("old, new, breaking", [
    ("1.2.3", "2.0.0", True),
    ("1.2.3", "1.3.0", False),
    ("1.2.3", "1.2.4", False),
    ("0.3.0", "0.4.0", True),  # while MAJOR is 0, MINOR is the compatibility line
    ("0.3.0", "0.3.9", False),
    ("0.9.0", "1.0.0", True),
    ("2.0.0", "1.0.0", False),
    ("1.0.0", "2.0.0-rc.1", True),
    ("1.0.0", "not-a-version", False),
])
def test_breaking_bumps(old, new, breaking):
    assert bumped_breaking(old, new) is breaking


@pytest.mark.parametrize("lower, higher", [
    ("1.0.0-alpha", "1.0.0"),
    ("1.0.0-alpha", "1.0.0-alpha.1"),
    ("1.0.0-alpha.2", "1.0.0-alpha.10"),
    ("1.0.0-alpha.beta", "1.0.0-beta"),
    ("1.0.0-rc.1", "1.0.0+build.5"),
    ("1.9.0", "1.10.0"),
])
def test_precedence(lower, higher):
    assert parse(lower) < parse(higher)
    assert decreased(higher, lower) and not decreased(lower, higher)


versions = st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)).map(lambda v: ".".join(map(str, v)))


@given(versions, versions)
def test_a_breaking_bump_is_always_an_increase(old, new):
    if bumped_breaking(old, new):
        assert parse(new) > parse(old)
        assert not decreased(old, new)


@given(versions)
def test_parse_orders_like_the_numbers(version):
    major, minor, patch = map(int, version.split("."))
    assert parse(version)[:3] == (major, minor, patch)
    assert not bumped_breaking(version, version) and not decreased(version, version)
