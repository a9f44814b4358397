"""The canonical label schema against its published JSON Schema, and the generated annotation
schemas against the meta-schema and against valid and invalid annotation records."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from compile_helpers import cases, projects
from taxgen.compile import compile_project
from taxgen.targets.canonical import content_hash
from taxgen.targets.common import selectable

LABEL_SCHEMA = json.loads(resources.files("taxgen.schemas").joinpath("label-schema.schema.json").read_text("utf-8"))


def test_published_label_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(LABEL_SCHEMA)


@pytest.mark.parametrize("taxonomy, data", cases("canonical"))
def test_canonical_output_validates_against_the_published_schema(taxonomy, data):
    document = json.loads(data)
    Draft202012Validator(LABEL_SCHEMA).validate(document)
    assert [label["id"] for label in document["labels"]] == list(taxonomy.label_ids)
    body = {key: value for key, value in document.items() if key not in ("$schema", "format_version", "content_hash")}
    assert document["content_hash"] == content_hash(body)


def test_content_hash_changes_with_content_only(tmp_path):
    from dataclasses import replace

    from taxgen.targets.canonical import taxonomy_hash

    taxonomy = projects()["tools"].taxonomy("documents")
    moved = replace(taxonomy, source="elsewhere.yaml", position=(9, 9))
    assert taxonomy_hash(moved) == taxonomy_hash(taxonomy)
    renamed = replace(taxonomy, labels=tuple(replace(label, name=label.name + "!") if label.id == "other" else label
                                             for label in taxonomy.labels))
    assert taxonomy_hash(renamed) != taxonomy_hash(taxonomy)


@pytest.mark.parametrize("taxonomy, data", cases("annotation"))
def test_annotation_schema_is_valid_and_accepts_a_record_of_each_selectable_label(taxonomy, data):
    schema = json.loads(data)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for label in selectable(taxonomy):
        record = _record(taxonomy, [label.id])
        assert not list(validator.iter_errors(record)), (label.id, record)


@pytest.mark.parametrize("taxonomy, data", cases("annotation"))
def test_annotation_schema_rejects_deprecated_unselectable_and_unknown_ids(taxonomy, data):
    validator = Draft202012Validator(json.loads(data))
    allowed = {label.id for label in selectable(taxonomy)}
    for label_id in [*taxonomy.label_ids, "no-such-label"]:
        if label_id not in allowed:
            assert list(validator.iter_errors(_record(taxonomy, [label_id]))), label_id


def _record(taxonomy, label_ids: list[str]) -> dict:
    record = {"item": "item-1", "annotator": "ana", "taxonomy": taxonomy.id}
    kind = taxonomy.task.kind
    if kind == "single-label":
        return {**record, "label": label_ids[0]}
    if kind == "multi-label":
        return {**record, "labels": label_ids}
    region = {"spans": {"start": 0, "end": 4, "text": "Anna"}, "boxes": {"x": 1, "y": 2, "width": 3, "height": 4},
              "polygons": {"points": [[0, 0], [5, 0], [5, 5]]}}[kind]
    return {**record, "labels": [{"label": label_id, **region} for label_id in label_ids]}


ANNOTATIONS = {  # fixture taxonomy -> (valid records, invalid records)
    "documents": (
        [{"label": "finance.invoice", "attributes": {"currency": "USD", "total": 12.5, "handwritten": True}},
         {"item": 7, "label": "proof-of-address", "attributes": {"note": "PO box"}},
         {"label": "other"}],
        [{"label": "letter"},  # deprecated
         {"label": "finance"},  # a parent, and the task is leaf-only
         {"label": ["other"]},  # one label, not a list
         {"labels": ["other"]},  # 'label' is required
         {"label": "finance.invoice", "attributes": {"currency": "JPY"}},
         {"label": "finance.invoice", "attributes": {"colour": "red"}},
         {"label": "other", "taxonomy": "entities"}]),
    "entities": (
        [{"labels": [{"label": "person", "start": 0, "end": 4, "attributes": {"role": "customer"}},
                     {"label": "organisation", "start": 10, "end": 14}]},
         {"labels": []}],
        [{"labels": [{"label": "person", "start": 0}]},
         {"labels": [{"label": "person", "start": -1, "end": 2}]},
         {"labels": [{"label": "person", "start": 0, "end": 2, "attributes": {"role": "boss"}}]},
         {"labels": ["person"]}]),
    "outlines": (
        [{"labels": [{"label": "building", "points": [[0, 0], [1, 0], [1, 1]]}]}],  # parents allowed: not leaf-only
        [{"labels": [{"label": "building.house", "points": [[0, 0], [1, 0]]}]},
         {"labels": [{"label": "building.house", "points": [[0, 0, 0], [1, 0], [1, 1]]}]}]),
}


@pytest.mark.parametrize("taxonomy_id", sorted(ANNOTATIONS))
def test_annotation_records_valid_and_invalid(taxonomy_id):
    files = compile_project(projects()["tools"], ["annotation"]).files
    validator = Draft202012Validator(json.loads(files[f"{taxonomy_id}/annotation.schema.json"]))
    valid, invalid = ANNOTATIONS[taxonomy_id]
    for record in valid:
        assert not list(validator.iter_errors(record)), record
    for record in invalid:
        assert list(validator.iter_errors(record)), record


def test_multi_label_records_are_distinct_ids_with_attributes_by_label():
    files = compile_project(projects()["awkward"], ["annotation"]).files
    validator = Draft202012Validator(json.loads(files["long-names/annotation.schema.json"]))
    assert validator.is_valid({"labels": ["alpha", "kanji"]})
    assert validator.is_valid({"labels": []})
    assert not validator.is_valid({"labels": ["alpha", "alpha"]})
    assert not validator.is_valid({"labels": ["alpha"], "attributes": {"nope": {}}})
