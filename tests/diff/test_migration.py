"""The migration map applied to annotation records: round trips, human decisions, bad input."""

import json
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from taxgen.cli import main
from taxgen.diff import diff_projects
from taxgen.diff.migration import migrate_records, parse_migration_map
from taxgen.loading.project import load_project

CASES = Path(__file__).parent.parent / "fixtures" / "diff"
MIGRATING_CASES = ["label-renamed", "labels-merged", "label-merged-into-existing", "label-split", "label-removed",
                   "label-removed-after-deprecation", "label-deprecated-replaced", "leaf-became-parent",
                   "leaf-only-enabled", "taxonomy-removed", "pull-request"]


@lru_cache(maxsize=None)  # the model is immutable: load each case once
def versions(case: str):
    old = load_project(CASES / case / "old").project
    new = load_project(CASES / case / "new").project
    return old, new, diff_projects(old, new).migration_map


def labels_of(record: dict) -> list[str]:
    value = record["labels"] if "labels" in record else record["label"]
    if isinstance(value, str):
        return [value]
    return [item["label"] if isinstance(item, dict) else item for item in value]


def record_strategy(taxonomies: dict[str, list[str]]):
    """Records of the old version: one label, several, or spans, with or without a taxonomy field."""
    def for_taxonomy(taxonomy: str):
        ids = st.sampled_from(taxonomies[taxonomy])
        value = st.one_of(ids.map(lambda i: ("label", i)),
                          st.lists(ids, min_size=1, max_size=3, unique=True).map(lambda v: ("labels", v)),
                          st.lists(st.tuples(st.integers(0, 50), ids), min_size=1, max_size=3).map(
                              lambda spans: ("labels", [{"start": s, "end": s + 3, "label": i} for s, i in spans])))
        return value.map(lambda kv: {"taxonomy": taxonomy, "item": "x", kv[0]: kv[1]})
    return st.sampled_from(sorted(taxonomies)).flatmap(for_taxonomy)


@pytest.mark.parametrize("case", MIGRATING_CASES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_round_trip_every_record_ends_valid_or_in_review(case, data):
    old, new, mapping = versions(case)
    old_ids = {t.id: list(t.label_ids) for t in old.taxonomies}
    records = data.draw(st.lists(record_strategy(old_ids), min_size=1, max_size=12))
    text = "".join(json.dumps(r) + "\n" for r in records)

    result = migrate_records(mapping, text, "annotations.jsonl")

    assert not result.diagnostics
    assert len(result.records) + len(result.review) == result.total == len(records)
    undecided = {(t, old_id) for t, entries in mapping.items() for old_id, target in entries.items()
                 if not isinstance(target, str)}
    for line in result.records:
        record = json.loads(line)
        taxonomy = new.taxonomy(record["taxonomy"])
        assert taxonomy is not None and all(label in taxonomy for label in labels_of(record)), record
    for line in result.review:
        entry = json.loads(line)
        assert entry["record"] == records[entry["line"] - 1]
        assert entry["undecided"] and all((u["taxonomy"], u["label"]) in undecided for u in entry["undecided"])
    needing_review = sum(any((r["taxonomy"], label) in undecided for label in labels_of(r)) for r in records)
    assert len(result.review) == needing_review
    # migrating the migrated records again changes nothing
    again = migrate_records(mapping, "".join(line + "\n" for line in result.records), "migrated.jsonl")
    assert again.records == result.records and again.changed == 0 and not again.review


def test_rewrites_renamed_and_merged_labels_and_keeps_other_fields():
    _, _, mapping = versions("labels-merged")
    text = ('{"id": 1, "label": "dog", "annotator": "ann"}\n'
            '{"id": 2, "labels": ["cat", "dog", "parrot"]}\n'
            '{"id": 3, "labels": [{"start": 0, "end": 4, "label": "cat"}]}\n'
            '{"id":4,"label":"fox"}\n')
    result = migrate_records(mapping, text, "a.jsonl")
    assert [json.loads(line) for line in result.records] == [
        {"id": 1, "label": "pet-mammal", "annotator": "ann"},
        {"id": 2, "labels": ["pet-mammal", "parrot"]},  # the merge does not duplicate a label
        {"id": 3, "labels": [{"start": 0, "end": 4, "label": "pet-mammal"}]},
        {"id": 4, "label": "fox"},
    ]
    assert result.records[3] == '{"id":4,"label":"fox"}'  # an untouched record keeps its bytes
    assert result.changed == 3


def test_split_and_removed_labels_need_a_human():
    _, _, mapping = versions("pull-request")
    text = '{"label": "dog"}\n{"labels": ["cat", "fox"]}\n{"label": "cat"}\n'
    result = migrate_records(mapping, text, "a.jsonl")
    assert result.records == ('{"label": "cat"}',)
    assert [json.loads(line) for line in result.review] == [
        {"line": 1, "record": {"label": "dog"}, "undecided": [
            {"taxonomy": "animals", "label": "dog", "candidates": ["dog-small", "dog-large"],
             "reason": "split: choose one candidate"}]},
        {"line": 2, "record": {"labels": ["cat", "fox"]}, "undecided": [
            {"taxonomy": "animals", "label": "fox", "candidates": [], "reason": "removed: no successor"}]},
    ]


@pytest.mark.parametrize("line, code, column", [
    ('{"label": "dog"', "TM001", 16),
    ('["dog"]', "TM002", 1),
    ('{"class": "dog"}', "TM002", 1),
    ('{"label": 3}', "TM002", 1),
    ('{"labels": [{"name": "dog"}]}', "TM002", 1),
])
def test_bad_records_are_diagnostics_with_positions(line, code, column):
    _, _, mapping = versions("label-renamed")
    result = migrate_records(mapping, '{"label": "cat"}\n' + line + "\n", "a.jsonl")
    (diagnostic,) = result.diagnostics
    assert (diagnostic.code, diagnostic.path, diagnostic.line, diagnostic.column) == (code, "a.jsonl", 2, column)


def test_records_must_name_their_taxonomy_when_the_map_has_several():
    mapping = {"animals": {"dog": "hound"}, "plants": {"tree": None}}
    result = migrate_records(mapping, '{"label": "dog"}\n', "a.jsonl")
    assert [d.code for d in result.diagnostics] == ["TM003"]
    chosen = migrate_records(mapping, '{"label": "dog"}\n', "a.jsonl", taxonomy="animals")
    assert chosen.records == ('{"label": "hound"}',)


def test_a_named_label_field():
    result = migrate_records({"animals": {"dog": "hound"}}, '{"class": "dog", "label": "keep"}\n', "a.jsonl",
                             label_field="class")
    assert result.records == ('{"class": "hound", "label": "keep"}',)


@pytest.mark.parametrize("text, message", [
    ('{"animals": {"dog": "hound"', "not valid JSON"),
    ('["dog"]', "top level must be an object"),
    ('{"animals": ["dog"]}', "must map old label ids"),
    ('{"animals": {"dog": 3}}', "a target is a label id"),
])
def test_bad_migration_maps_are_diagnostics(text, message):
    mapping, diagnostics = parse_migration_map(text, "map.json")
    assert diagnostics and all(d.code == "TM101" for d in diagnostics)
    assert message in diagnostics[0].message


def test_migrate_cli_writes_records_and_review(tmp_path):
    runner = CliRunner()
    map_file, annotations = tmp_path / "map.json", tmp_path / "annotations.jsonl"
    assert runner.invoke(main, ["diff", str(CASES / "pull-request/old"), str(CASES / "pull-request/new"),
                                "--map", str(map_file)]).exit_code == 1
    annotations.write_text('{"label": "cat"}\n{"label": "dog"}\n')
    out = tmp_path / "migrated.jsonl"
    result = runner.invoke(main, ["migrate", "--map", str(map_file), str(annotations), "--out", str(out)])
    assert result.exit_code == 1  # a record needs a human decision
    assert out.read_text() == '{"label": "cat"}\n'
    review = tmp_path / "migrated.review.jsonl"
    assert json.loads(review.read_text())["undecided"][0]["candidates"] == ["dog-small", "dog-large"]
    assert "2 records, 0 rewritten, 1 need a human decision" in result.stderr


def test_migrate_cli_to_stdout_exits_0_when_everything_migrates(tmp_path):
    map_file, annotations = tmp_path / "map.json", tmp_path / "a.jsonl"
    map_file.write_text('{"animals": {"dog": "hound"}}')
    annotations.write_text('{"label": "dog"}\n')
    result = CliRunner().invoke(main, ["migrate", "--map", str(map_file), str(annotations)])
    assert result.exit_code == 0
    assert result.stdout == '{"label": "hound"}\n'
    assert not (tmp_path / "a.review.jsonl").exists()


def test_migrate_cli_bad_input_writes_nothing(tmp_path):
    map_file, annotations, out = tmp_path / "map.json", tmp_path / "a.jsonl", tmp_path / "out.jsonl"
    map_file.write_text('{"animals": {"dog": "hound"}}')
    annotations.write_bytes(b'{"label": "dog"}\n{"label": \n')
    result = CliRunner().invoke(main, ["migrate", "--map", str(map_file), str(annotations), "--out", str(out)])
    assert result.exit_code == 1
    assert f"{annotations}:2:" in result.stderr and "TM001" in result.stderr
    assert not out.exists()
    annotations.write_bytes(b'{"label": "\xff"}\n')
    result = CliRunner().invoke(main, ["migrate", "--map", str(map_file), str(annotations), "--out", str(out)])
    assert result.exit_code == 1 and "TG005" in result.stderr and not out.exists()
