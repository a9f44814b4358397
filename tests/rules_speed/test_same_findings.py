"""Each rule made fast finds what it found before, in the same order: the same codes, messages,
hints and locations as its previous implementation (rules_speed_reference), on generated projects
full of collisions, unknown references, personal data and markup."""

import dataclasses

import pytest
from hypothesis import given, settings
from rules_speed_helpers import FIRST_LABEL_ROW, dirty_project, projects
from rules_speed_reference import REFERENCE

from taxgen.check import run_rules
from taxgen.model import Task, Taxonomy
from taxgen.rules import RULES, Context


class _NetworkxOnly(Context):
    """Cycles always looked for with networkx, as before the acyclicity shortcuts."""

    def has_cycle(self, taxonomy):
        return True


def _findings(code, project, context_class=Context):
    return list(RULES[code].check(context_class(project)))


def _previous_findings(code, project):
    if code in REFERENCE:
        return list(REFERENCE[code](Context(project)))
    return _findings(code, project, _NetworkxOnly)


COMPARED = sorted({*REFERENCE, "TG204", "TG205"})


@settings(max_examples=150, deadline=None)
@given(projects())
def test_every_fast_rule_finds_what_its_previous_loop_found(project):
    for code in COMPARED:
        assert _findings(code, project) == _previous_findings(code, project), code


@pytest.mark.parametrize("seed", [1, 2])
def test_a_large_dirty_project_gives_the_same_findings(seed):
    project = dirty_project(1500, seed)
    for code in COMPARED:
        found = _findings(code, project)
        assert found == _previous_findings(code, project), code
    assert {code for code in COMPARED if _findings(code, project)} >= {
        "TG201", "TG202", "TG203", "TG206", "TG212", "TG301", "TG302", "TG303", "TG304", "TG305", "TG401", "TG404",
        "TG405"}  # the project exercises the exact path of each


def _label_rows(diagnostics):
    """The findings about labels (not the taxonomy's own texts, golden items or guidelines)."""
    return {d for d in diagnostics if d.path == "t.yaml" and d.line >= FIRST_LABEL_ROW}


@settings(max_examples=100, deadline=None)
@given(projects())
def test_label_rules_find_for_each_label_alone_what_they_find_in_the_project(project):
    """A re-check runs the label rules over the labels an edit touched (incremental.py): a label's
    findings may not depend on the labels around it, whatever the pre-filters share between them."""
    whole = _label_rows(run_rules(project, scope="label"))
    alone = set()
    for label in project.taxonomies[0].labels:
        bare = Taxonomy(id="t", title="", version="", task=Task(), labels=(label,))
        single = dataclasses.replace(project, taxonomies=(bare,), golden_items=(), guidelines=())
        alone |= _label_rows(run_rules(single, scope="label"))
    assert alone == whole
