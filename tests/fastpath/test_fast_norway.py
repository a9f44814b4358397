"""The "Norway problem" on both loading paths, for every field the issue names.

YAML 1.1 turns ``NO``, ``ON``, ``yes``, ``off`` into booleans and ``012``, ``0b101``, ``1_000`` or
``1:20`` into numbers. taxgen reads plain scalars by the YAML 1.2 core schema whatever the
parser: those words stay the strings they are written as, and what YAML 1.2 does read as a
number, boolean or null (``012``, ``1e3``, ``true``, ``~``) gets a TG101 that says how to
quote it. Each scalar goes into a label's id, name, synonym (flow and block lists) and hotkey;
the fast path (fast reader checked against yaml-rs, then the cache) and the reference path
(TAXGEN_PARSER=pyyaml) must give the same model and the same diagnostics.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastpath_helpers import check_both_ways, diagnostics_of, located_model

from taxgen.loading import fast

# YAML 1.1 booleans, and 1.1 numbers and timestamps that YAML 1.2 reads as text.
STAY_STRINGS = ["NO", "No", "no", "ON", "On", "on", "OFF", "Off", "off", "YES", "Yes", "yes", "Y", "y", "N", "n",
                "0b101", "1_000", "2001-12-14", "0x", "1e", "0o8"]
# What YAML 1.2 reads as something other than text: as written -> as the message shows it.
NOT_STRINGS = {"012": "12", "0o12": "10", "0x1F": "31", "1e3": "1000.0", "1E3": "1000.0", "-1": "-1", "+1": "1",
               "1.": "1.0", ".5": "0.5", ".inf": "Infinity", "-.INF": "-Infinity", "true": "true", "False": "false",
               "TRUE": "true", "null": "null", "Null": "null", "~": "null", "0": "0", "7": "7"}

MKDOCS = "site_name: Countries\nplugins:\n  - taxgen:\n      rules: {TG403: off}\n"
HEADER = """\
taxonomy:
  id: countries
  title: Countries
  version: 1.0.0
  task:
    kind: single-label
    data: text
labels:
"""
FIELDS = {"id": "norway", "name": "Norway", "synonym": "Kingdom of Norway", "hotkey": "k"}
LABEL = """\
  - id: {id}
    name: {name}
    definition: A country named in the text.
    synonyms: [{synonym}, Noreg]
    hotkey: {hotkey}
    examples:
      - Oslo is lovely in May.
"""
BLOCK_SYNONYMS = """\
  - id: norway
    name: Norway
    definition: A country named in the text.
    synonyms:
      - {synonym}
      - Noreg
    examples:
      - Oslo is lovely in May.
"""
FIELD_LINES = {"id": 9, "name": 10, "synonym": 12, "hotkey": 13}
FIELD_PATHS = {"id": "$.labels[0].id", "name": "$.labels[0].name", "synonym": "$.labels[0].synonyms[0]",
               "hotkey": "$.labels[0].hotkey"}
CASES = [(field, word) for field in FIELDS for word in STAY_STRINGS + sorted(NOT_STRINGS)]


def taxonomy_text(field: str, word: str, block: bool = False) -> str:
    if block:
        return HEADER + BLOCK_SYNONYMS.format(synonym=word)
    return HEADER + LABEL.format(**{**FIELDS, field: word})


def project(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "project"
    (root / "taxonomies").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS)
    (root / "taxonomies" / "countries.yaml").write_text(text)
    return root


def loaded_value(result, field: str):
    (label,) = result.project.taxonomies[0].labels
    return {"id": label.id, "name": label.name, "synonym": label.synonyms[0], "hotkey": label.hotkey}[field]


def check_both(root: Path, reference_path):
    """(reference, fast with an empty cache, fast from the cache): all three must agree."""
    reference, cold, warm = check_both_ways(root, reference_path)
    for result in (cold, warm):
        assert diagnostics_of(result) == diagnostics_of(reference)
        assert located_model(result.project) == located_model(reference.project)
    return reference


@pytest.mark.parametrize(("field", "word"), CASES, ids=[f"{field}={word}" for field, word in CASES])
def test_every_scalar_in_every_field_on_both_paths(tmp_path, reference_path, field, word):
    text = taxonomy_text(field, word)
    assert fast.read_simple(text, "countries.yaml") is not None  # the fast reader itself reads it
    result = check_both(project(tmp_path, text), reference_path)
    if word not in STAY_STRINGS:
        (diagnostic,) = [d for d in result.diagnostics if d.code == "TG101"]
        assert diagnostic.message == f"{FIELD_PATHS[field]}: {NOT_STRINGS[word]} is not of type string"
        assert diagnostic.hint == f'quote it to make it a string: "{word}"'
        assert (diagnostic.path, diagnostic.line) == ("taxonomies/countries.yaml", FIELD_LINES[field])
    elif field == "hotkey" and len(word) > 1:
        (diagnostic,) = result.diagnostics  # the text as written, too long for a hotkey
        assert diagnostic.message == f"{FIELD_PATHS[field]}: {word!r} is too long"
    else:
        assert result.diagnostics == ()
        assert loaded_value(result, field) == word


@pytest.mark.parametrize("word", ["NO", "yes", "off", "012", "1e3", "~"])
def test_block_list_synonyms_on_both_paths(tmp_path, reference_path, word):
    text = taxonomy_text("synonym", word, block=True)
    assert fast.read_simple(text, "countries.yaml") is not None
    result = check_both(project(tmp_path, text), reference_path)
    if word in STAY_STRINGS:
        assert result.diagnostics == () and loaded_value(result, "synonym") == word
    else:
        (diagnostic,) = result.diagnostics
        assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("TG101", 13, 9)
        assert diagnostic.hint == f'quote it to make it a string: "{word}"'


@pytest.mark.parametrize("quote", ["'", '"'])
@pytest.mark.parametrize("word", ["NO", "012", "1e3", "true", "~"])
def test_quoted_scalars_are_text_on_both_paths(tmp_path, reference_path, quote, word):
    quoted = f"{quote}{word}{quote}"
    root = project(tmp_path, HEADER + LABEL.format(id="norway", name=quoted, synonym=quoted, hotkey="k"))
    result = check_both(root, reference_path)
    assert result.diagnostics == ()
    assert (loaded_value(result, "name"), loaded_value(result, "synonym")) == (word, word)
