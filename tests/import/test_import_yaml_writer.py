"""The shared YAML writer: whatever text a tool holds comes back unchanged through taxgen's
own loader (quoting of NO, yes, numbers, '#', ': ', leading dashes, multi-line text)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from import_helpers import new_project
from hypothesis import given, settings
from hypothesis import strategies as st

from taxgen.importers import ImportOptions
from taxgen.importers.base import LabelSet, Reporter
from taxgen.importers.emit import SCHEMA_ID, taxonomy_yaml
from taxgen.loading.project import load_project
from taxgen.model import Task
from taxgen.writer import write_files

TRICKY = ["NO", "no", "yes", "Off", "on", "null", "~", "true", "1", "0x1F", "1e3", "0o17", ".inf", "1:20",
          "- dash", "a: b", "#hash", "'quoted'", '"double"', "[list]", "{map}", "*alias", "&anchor", "!tag",
          "%percent", "@at", "`tick`", "|", ">", "tab\there", "trailing ", " leading", "two\nlines", "€uro",
          "日本語", "2024-01-01", "=", "?", ",comma"]
text = st.one_of(st.sampled_from(TRICKY),
                 st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Zl", "Zp")), min_size=1, max_size=30))


def _roundtrip(names: list[str], definitions: list[str], hotkeys: list[str]):
    labels = LabelSet("tricky", Reporter("t"))
    for name, definition, hotkey in zip(names, definitions, hotkeys):
        labels.add(name, definition=definition, hotkey=hotkey, synonyms=[definition[:20]])
    taxonomy = labels.taxonomy("Tricky", Task())
    with tempfile.TemporaryDirectory() as tmp:
        root = new_project(Path(tmp))
        write_files(root, {"taxonomies/tricky/taxonomy.yaml": taxonomy_yaml(taxonomy)})
        loaded = load_project(root)
    return taxonomy, loaded


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(text, text, st.sampled_from(["", "1", "a", "N", "0"])), min_size=1, max_size=6))
def test_any_text_survives_the_writer_and_loader(rows):
    names, definitions, hotkeys = map(list, zip(*rows))
    taxonomy, loaded = _roundtrip(names, definitions, hotkeys)
    assert [d for d in loaded.diagnostics if d.severity.value == "error"] == []
    (back,) = loaded.project.taxonomies
    assert [(l.id, l.name, l.definition, l.synonyms, l.hotkey) for l in back.labels] == \
        [(l.id, l.name, l.definition, l.synonyms, l.hotkey) for l in taxonomy.labels]


def test_schema_line_comes_first_and_ids_that_yaml_would_misread_are_quoted():
    taxonomy, _ = _roundtrip(["NO", "yes", "1"], ["", "", ""], ["1", "", ""])
    text = taxonomy_yaml(taxonomy)
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_ID}\n")
    assert "- id: 'NO'\n" in text and "- id: 'yes'\n" in text and "- id: '1'\n" in text and "hotkey: '1'" in text


def test_multiline_definitions_are_literal_blocks():
    labels = LabelSet("t", Reporter("t"))
    labels.add("A", definition="First line.\nSecond line.")
    assert "definition: |-\n    First line.\n    Second line.\n" in taxonomy_yaml(labels.taxonomy("T", Task()))


def test_ids_are_unique_case_insensitively_and_valid():
    labels = LabelSet("t", Reporter("t"))
    ids = [labels.add(name).id for name in ["Person", "person", "PERSON", "Bird species / Owl", "!!!", "Ünïcödé"]]
    assert ids == ["Person", "person-2", "PERSON-3", "bird-species-owl", "label", "unicode"]


def test_a_value_repeated_at_one_place_is_one_label():
    reporter = Reporter("t")
    labels = LabelSet("t", reporter)
    first, again = labels.add("Two"), labels.add("Two")
    assert first is again and len(labels.drafts) == 1
    assert [d.code for d in reporter.diagnostics] == ["TI007"]
    assert labels.add("Two", parent=first.id).id == "Two.Two"  # the same value elsewhere in a hierarchy is kept


def test_options_base_id_from_the_file_name():
    assert ImportOptions(source="/x/My Labels.v2.json").base_id == "my-labels-v2"
    assert ImportOptions(source="123.csv").base_id == "imported"
