"""The "Norway problem": YAML 1.1 reads NO, on, yes, y as booleans and 012 as octal.

taxgen reads plain scalars by the YAML 1.2 core schema: words stay strings, so a label id
`NO` (Norway) is the string 'NO'. Scalars that are numbers, booleans or null in YAML 1.2 are
reported (TG101) with a hint to quote them, showing the text as written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from taxgen.check import check_path
from taxgen.cli import main

MKDOCS = "site_name: Countries\nplugins:\n  - taxgen:\n      rules: {TG403: off}\n"
LABEL = """\
taxonomy:
  id: countries
  title: Countries
  version: 1.0.0
  task: {{kind: single-label, data: text}}
labels:
  - id: {id}
    name: {name}
    definition: A country named in the text.
    synonyms: [{synonym}]
    hotkey: {hotkey}
    examples: [Oslo is lovely in May.]
"""
FIELDS = {"id": "norway", "name": "Norway", "synonym": "Kingdom of Norway", "hotkey": "k"}
FIELD_PATHS = {"id": "$.labels[0].id", "name": "$.labels[0].name", "synonym": "$.labels[0].synonyms[0]",
               "hotkey": "$.labels[0].hotkey"}
FIELD_COLUMNS = {"id": 9, "name": 11, "synonym": 16, "hotkey": 13}
FIELD_LINES = {"id": 7, "name": 8, "synonym": 10, "hotkey": 11}

WORDS_THAT_STAY_STRINGS = ["NO", "no", "No", "on", "On", "off", "OFF", "yes", "Yes", "y", "Y", "n", "N"]
NOT_STRINGS = {  # as written -> as loaded (shown in the message)
    "012": "12", "0o12": "10", "1e3": "1000.0", "0x1F": "31", "~": "null", "null": "null", "true": "true",
    "False": "false", ".inf": "Infinity", "-1": "-1",
}


def project_with(tmp_path: Path, **values: str) -> Path:
    project = tmp_path / "project"
    (project / "taxonomies").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(MKDOCS)
    (project / "taxonomies" / "countries.yaml").write_text(LABEL.format(**{**FIELDS, **values}))
    return project


@pytest.mark.parametrize("field", ["id", "name", "synonym"])
@pytest.mark.parametrize("word", WORDS_THAT_STAY_STRINGS)
def test_yaml11_booleans_stay_strings(tmp_path, field, word):
    result = check_path(project_with(tmp_path, **{field: word}))
    assert result.diagnostics == ()
    (label,) = result.project.taxonomies[0].labels
    loaded = {"id": label.id, "name": label.name, "synonym": label.synonyms[0]}[field]
    assert loaded == word and isinstance(loaded, str)


@pytest.mark.parametrize("word", ["y", "Y", "n", "N"])
def test_one_letter_hotkeys_y_and_n_stay_strings(tmp_path, word):
    result = check_path(project_with(tmp_path, hotkey=word))
    assert result.diagnostics == ()
    assert result.project.taxonomies[0].labels[0].hotkey == word


@pytest.mark.parametrize("field", sorted(FIELD_PATHS))
@pytest.mark.parametrize("written", sorted(NOT_STRINGS))
def test_non_string_scalars_are_reported_with_a_quote_it_hint(tmp_path, field, written):
    result = CliRunner().invoke(main, ["check", "--project", str(project_with(tmp_path, **{field: written})),
                                       "--format", "json"])
    assert result.exit_code == 1
    (diagnostic,) = json.loads(result.output)["diagnostics"]
    assert diagnostic == {
        "code": "TG101", "severity": "error", "path": "taxonomies/countries.yaml",
        "line": FIELD_LINES[field], "column": FIELD_COLUMNS[field],
        "message": f"{FIELD_PATHS[field]}: {NOT_STRINGS[written]} is not of type string",
        "hint": f'quote it to make it a string: "{written}"',
    }


def test_an_empty_value_asks_for_a_value(tmp_path):
    (diagnostic,) = check_path(project_with(tmp_path, name="")).diagnostics
    assert (diagnostic.code, diagnostic.message, diagnostic.hint) == (
        "TG101", "$.labels[0].name: null is not of type string", "give the field a value or remove it")


def test_quoted_scalars_are_strings(tmp_path):
    result = check_path(project_with(tmp_path, id='"012"', name="'1e3'", synonym='"true"', hotkey="'1'"))
    assert result.diagnostics == ()
    label = result.project.taxonomies[0].labels[0]
    assert (label.id, label.name, label.synonyms, label.hotkey) == ("012", "1e3", ("true",), "1")
