"""loading.construct.builder makes the same objects as the dataclasses' own __init__, only faster."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taxgen.loading.construct import builder
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
