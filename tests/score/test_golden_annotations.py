"""Every golden item of the example project, answered with its expected labels, is a legal annotation:
it validates against the compiled annotation schema (compile target `annotation`) and scores full marks."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from score_helpers import REPO

from taxgen.check import check_path
from taxgen.score import Problems, parse_annotations, score_records
from taxgen.targets import annotation

# Golden items say which labels an item gets, not where: a region needs some geometry to be a record.
REGION = {"spans": {"start": 0, "end": 1}, "boxes": {"x": 0, "y": 0, "width": 1, "height": 1},
          "polygons": {"points": [[0, 0], [1, 0], [0, 1]]}}


def golden_record(item, taxonomy) -> dict:
    record = {"item": item.id, "annotator": "golden", "taxonomy": taxonomy.id}
    kind = taxonomy.task.kind
    if kind == "single-label":
        record["label"] = item.expected[0]
    elif kind == "multi-label":
        record["labels"] = list(item.expected)
    else:
        record["labels"] = [{"label": label, **REGION[kind]} for label in item.expected]
    return record


@pytest.fixture(scope="module")
def example():
    result = check_path(REPO)
    assert not result.errors
    return result.project


def test_every_golden_item_is_a_valid_annotation_record(example):
    checked = 0
    for taxonomy in example.taxonomies:
        validator = Draft202012Validator(annotation.schema(taxonomy))
        for item in example.golden_for(taxonomy.id):
            errors = [error.message for error in validator.iter_errors(golden_record(item, taxonomy))]
            assert errors == [], (taxonomy.id, item.id, errors)
            checked += 1
    assert checked == len(example.golden_items) > 0
    assert {t.task.kind for t in example.taxonomies} >= {"single-label", "multi-label"}


def test_golden_answers_score_full_marks(example):
    text = "".join(json.dumps(golden_record(item, taxonomy)) + "\n"
                   for taxonomy in example.taxonomies for item in example.golden_for(taxonomy.id))
    problems = Problems()
    report = score_records(example, parse_annotations(text, "golden.jsonl", problems), problems).to_dict()
    assert problems.diagnostics() == []
    assert len(report["taxonomies"]) == len(example.taxonomies)
    for section in report["taxonomies"]:
        golden = section["golden"]
        assert (golden["accuracy"], golden["partial_credit"], golden["macro_f1"]) == (1.0, 1.0, 1.0), section["taxonomy"]
        assert golden["confused_pairs"] == []
