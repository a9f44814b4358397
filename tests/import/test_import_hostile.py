"""Bad and hostile input: every case is a diagnostic, never a traceback, never a half import;
XML entities are never expanded and external references never followed."""

from __future__ import annotations

import pytest
from import_helpers import HOSTILE, run_import
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taxgen.diagnostics import Severity
from taxgen.importers import IMPORTERS, ImportOptions, import_data
from taxgen.importers.base import MAX_INPUT_BYTES

# file -> (format, expected error code)
REFUSED = {
    "xxe.xml": ("label-studio", "TI003"),
    "billion-laughs.xml": ("label-studio", "TI003"),
    "xxe.rdf": ("skos", "TI003"),
    "billion-laughs.rdf": ("skos", "TI003"),
    "remote-context.jsonld": ("skos", "TI003"),
    "broken.xml": ("label-studio", "TI002"),
    "broken.ttl": ("skos", "TI002"),
    "broken.json": ("labelbox", "TI002"),
    "latin1.csv": ("csv", "TI001"),
    "no-labels.xml": ("label-studio", "TI005"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_file_is_refused_with_a_located_diagnostic(name):
    fmt, code = REFUSED[name]
    result = run_import(fmt, HOSTILE / name)
    assert result.taxonomies == ()
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert [d.code for d in errors] == [code]
    assert errors[0].path == name
    text = " ".join(d.message for d in result.diagnostics)
    assert "root:" not in text and "lollol" not in text  # nothing of /etc/passwd, no expansion


def test_xxe_diagnostic_points_at_the_entity_declaration():
    result = run_import("label-studio", HOSTILE / "xxe.xml")
    (diagnostic,) = result.diagnostics
    assert diagnostic.line == 2 and "never expands entities" in diagnostic.message


def test_broken_xml_points_at_the_mismatched_tag():
    (diagnostic,) = run_import("label-studio", HOSTILE / "broken.xml").diagnostics
    assert (diagnostic.line, diagnostic.message) == (4, "not well-formed XML: mismatched tag")


def test_unknown_tags_are_warnings_and_the_rest_imports():
    result = run_import("label-studio", HOSTILE / "unknown-tags.xml")
    assert [label.id for t in result.taxonomies for label in t.labels] == ["B"]
    unknown = [(d.line, d.message) for d in result.diagnostics if d.code == "TI004"]
    assert unknown == [(3, "unknown tag <Lables>; skipped"), (6, "unexpected <Lable> inside a control; skipped")]


def test_wrong_json_shapes_are_diagnosed():
    result = run_import("labelbox", HOSTILE / "wrong-shapes.json")
    codes = [d.code for d in result.diagnostics]
    assert codes.count("TI010") == 4  # tools not a list, 42, option 7, nested options "x"
    assert [label.id for t in result.taxonomies for label in t.labels] == ["a"]


@pytest.mark.parametrize("fmt", sorted(IMPORTERS))
def test_huge_input_is_refused_before_parsing(fmt):
    data = b" " * (MAX_INPUT_BYTES + 1)
    result = import_data(fmt, data, ImportOptions(source="huge"))
    assert [d.code for d in result.diagnostics] == ["TI001"]


@pytest.mark.parametrize("fmt", sorted(IMPORTERS))
@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02", b"null", b"[]", b"{}", b"<View/>", b'"text"', b"[[[[[[[[" * 5000,
                                  b"{" * 100000, b"<a>" * 10000])
def test_degenerate_input_gives_diagnostics_not_exceptions(fmt, data):
    result = import_data(fmt, data, ImportOptions(source="x"))
    assert result.errors >= 1 and result.taxonomies == ()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(sorted(IMPORTERS)), data=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(fmt, data):
    result = import_data(fmt, data, ImportOptions(source="fuzz"))
    assert all(d.code.startswith("TI") for d in result.diagnostics)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["name", "tool", "type", "options", "value", "label", "text", "color", "attributes",
                         "input_type", "values", "settings", "questions", "classifications", "tools", "sublabels",
                         "suffix_key", "background_color", "default_value"]), inner, max_size=5),
    max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(fmt=st.sampled_from(["labelbox", "cvat", "argilla", "doccano"]), value=json_values)
def test_arbitrary_json_structures_never_raise(fmt, value):
    import json

    result = import_data(fmt, json.dumps(value).encode(), ImportOptions(source="fuzz.json"))
    for taxonomy in result.taxonomies:
        assert len({label.id.lower() for label in taxonomy.labels}) == len(taxonomy.labels)
