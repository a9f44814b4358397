"""loading.construct's builders make the same objects as the dataclasses' own __init__, only faster."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taxgen.loading.construct import builder, positional_builder
from taxgen.loading.project import build_label
from taxgen.loading.yaml_source import parse_yaml
from taxgen.model import Example, Label, NearMiss, Rule

TEXTS = st.text(max_size=8)
IDS = st.tuples(TEXTS, TEXTS)
LABEL_FIELDS = st.fixed_dictionaries(
    {"id": TEXTS, "name": TEXTS, "taxonomy": TEXTS},
    optional={"definition": TEXTS, "parents": IDS, "synonyms": IDS, "color": st.none() | TEXTS,
              "status": st.sampled_from(["active", "deprecated"]), "source": TEXTS,
              "position": st.tuples(st.integers(1, 9), st.integers(1, 9)),
              "examples": st.lists(st.builds(Example, text=TEXTS), max_size=2).map(tuple)})


def same(made, expected) -> None:
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert vars(made) == vars(expected) and type(made) is type(expected)


@given(LABEL_FIELDS)
def test_a_label_is_the_one_its_init_makes(values):
    same(builder(Label)(**values), Label(**values))


@pytest.mark.parametrize("cls, values", [
    (Example, {"text": "A cat.", "source": "t.yaml", "position": (3, 9)}),
    (Rule, {"text": "A dog.", "instead": "dog"}),
    (NearMiss, {"text": "A fox.", "why": "Wild.", "use": None, "field_positions": {"use": (2, 3)}}),
])
def test_items_are_the_ones_their_init_makes(cls, values):
    same(builder(cls)(**values), cls(**values))


def test_what_it_makes_stays_frozen():
    label = builder(Label)(id="a", name="A", taxonomy="t")
    with pytest.raises(dataclasses.FrozenInstanceError):
        label.name = "B"


@given(st.lists(TEXTS, min_size=len(dataclasses.fields(Label)), max_size=len(dataclasses.fields(Label))))
def test_the_positional_builder_takes_the_fields_in_their_order(values):
    names = [field.name for field in dataclasses.fields(Label)]
    same(positional_builder(Label)(*values), Label(**dict(zip(names, values))))


LABEL_WITH_EVERY_FIELD = """\
labels:
  - id: a
    name: A
    definition: " Defined. "
    parent: p
    synonyms: [s1, s2]
    use_when: [u]
    do_not_use_when: [{when: w, instead: i}]
    related: [r]
    confusable_with: [c]
    examples: [e1, {text: e2, note: n}]
    near_misses: [{text: nt, why: nw, use: nu}]
    color: "#123456"
    hotkey: k
    status: deprecated
    replaced_by: rb
    renamed_from: [rf]
    sensitivity: pii
    attributes: [{name: an, type: string}]
"""


def test_build_label_gives_every_field_its_own_value():
    """build_label calls the positional builder: a value in the wrong place shows here."""
    doc = parse_yaml(LABEL_WITH_EVERY_FIELD, "t.yaml")
    label = build_label(doc, doc.data["labels"][0], "tax", (2, 5))
    assert {field.name: getattr(label, field.name) for field in dataclasses.fields(Label)
            if field.name not in ("do_not_use_when", "examples", "near_misses", "attributes",
                                  "field_positions")} == {
        "source": "t.yaml", "position": (2, 5), "id": "a", "name": "A", "taxonomy": "tax",
        "definition": "Defined.", "parents": ("p",), "synonyms": ("s1", "s2"), "use_when": ("u",),
        "related": ("r",), "confusable_with": ("c",), "color": "#123456", "hotkey": "k",
        "status": "deprecated", "replaced_by": ("rb",), "renamed_from": ("rf",), "sensitivity": "pii"}
    assert [(rule.text, rule.instead) for rule in label.do_not_use_when] == [("w", "i")]
    assert [(example.text, example.note) for example in label.examples] == [("e1", ""), ("e2", "n")]
    assert [(near.text, near.why, near.use) for near in label.near_misses] == [("nt", "nw", "nu")]
    assert [(attribute.name, attribute.type) for attribute in label.attributes] == [("an", "string")]
    assert label.where("synonyms", 1).line == 6 and label.where("parent").line == 5
