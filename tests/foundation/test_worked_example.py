"""The worked example in taxonomies/ and guidelines/ meets the bar issue 2 sets for it.

`taxgen check --strict` passes with no diagnostic at all; at least 40 labels over at least three
taxonomies for different tasks; a hierarchy three levels deep somewhere; every active leaf with a
definition, use / do-not-use rules, two positive examples, a near-miss and a golden item; and
guidelines for every taxonomy. (A deprecated leaf is kept for old annotations only: annotators
cannot choose it, and golden items may not expect it, TG210.)
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from taxgen.check import check_path
from taxgen.cli import main

REPO = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=None)
def project():
    return check_path(REPO).project


def active_leaves():
    for taxonomy in project().taxonomies:
        for label in taxonomy.labels:
            if taxonomy.is_leaf(label.id) and not label.deprecated:
                yield pytest.param(taxonomy, label, id=f"{taxonomy.id}/{label.id}")


def test_check_strict_on_the_repository_reports_nothing():
    result = CliRunner().invoke(main, ["check", "--project", str(REPO), "--strict", "--format", "json"])
    payload = json.loads(result.output)
    assert (result.exit_code, payload["diagnostics"]) == (0, [])
    assert payload["summary"]["errors"] == payload["summary"]["warnings"] == 0


def test_at_least_40_labels_in_three_taxonomies_for_different_tasks():
    taxonomies = project().taxonomies
    assert sum(len(t.label_ids) for t in taxonomies) >= 40
    tasks = {(t.task.kind, t.task.data) for t in taxonomies}
    assert len(taxonomies) >= 3 and len(tasks) >= 3
    assert {"single-label", "multi-label"} <= {kind for kind, _ in tasks}
    assert "document" in {data for _, data in tasks} or "spans" in {kind for kind, _ in tasks}


def test_a_hierarchy_is_at_least_three_levels_deep():
    depth = max(len(t.path(label_id)) for t in project().taxonomies for label_id in t.label_ids)
    assert depth >= 3


@pytest.mark.parametrize("taxonomy, label", list(active_leaves()))
def test_every_active_leaf_is_fully_documented(taxonomy, label):
    assert label.definition.strip()
    assert label.use_when and label.do_not_use_when
    assert len(label.examples) >= 2
    assert label.near_misses


@pytest.mark.parametrize("taxonomy, label", list(active_leaves()))
def test_every_active_leaf_has_a_golden_item(taxonomy, label):
    expected = {label_id for item in project().golden_for(taxonomy.id) for label_id in item.expected}
    assert label.id in expected


def test_every_taxonomy_has_a_guideline():
    covered = {guideline.taxonomy for guideline in project().guidelines}
    assert {t.id for t in project().taxonomies} <= covered


def test_sentiment_guidelines_define_each_class_and_sarcasm():
    text = " ".join(g.body.lower() for g in project().guidelines if g.taxonomy == "sentiment")
    for word in ("positive", "negative", "neutral", "mixed", "sarcas"):
        assert word in text, word
