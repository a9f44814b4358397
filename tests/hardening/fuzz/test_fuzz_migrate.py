"""Fuzz `taxgen migrate`: annotation records (JSON Lines) and migration maps (JSON), generated
from the formats and mutated, never crash it; it rewrites, sends to review, or reports."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fuzz_helpers import JSON_TOKENS, fuzz_settings, invoke, json_dump, junk, mutated, restructured, texts

# The kinds of entry `taxgen diff --map` writes: a rename, a split, a removal; one taxonomy each.
SEED_MAP = {"animals": {"dog": "domestic-dog", "cat": ["cat-small", "cat-large"], "parrot": None}}
SEED_RECORDS = [{"item": "i1", "annotator": "ana", "label": "dog"},
                {"item": "i2", "annotator": "ben", "labels": ["cat", "dog"], "taxonomy": "animals"},
                {"item": "i3", "annotator": "cy", "labels": [{"start": 0, "end": 3, "label": "parrot"}]}]
LABELS = ["dog", "cat", "parrot", "other", ""]

label_values = st.sampled_from(LABELS) | texts | junk
records = st.fixed_dictionaries({}, optional={
    "item": st.sampled_from(["i1", "i2"]) | junk, "annotator": st.sampled_from(["ana"]) | junk,
    "label": label_values, "labels": st.lists(label_values | st.fixed_dictionaries({"label": label_values}), max_size=3)
    | junk, "taxonomy": st.sampled_from(["animals", "other"]) | junk})


@st.composite
def annotations(draw) -> bytes:
    lines = b"\n".join(json_dump(record) for record in SEED_RECORDS)
    if draw(st.booleans()):
        return draw(mutated(lines, JSON_TOKENS))
    return b"\n".join(draw(st.lists(records.map(json_dump) | junk.map(json_dump), max_size=8)))


migration_maps = st.one_of(
    restructured(SEED_MAP, json_dump),
    mutated(json_dump(SEED_MAP), JSON_TOKENS),
    st.dictionaries(st.sampled_from(["animals", "x"]) | texts,
                    st.dictionaries(st.sampled_from(LABELS) | texts, junk, max_size=4) | junk,
                    max_size=2).map(json_dump),
)


@fuzz_settings(examples=60)
@given(mapping=migration_maps, records=annotations(), field=st.sampled_from([[], ["--field", "labels"]]),
       taxonomy=st.sampled_from([[], ["--taxonomy", "animals"]]))
def test_migrate_survives_maps_and_records(mapping, records, field, taxonomy):
    with tempfile.TemporaryDirectory() as tmp:
        map_path, records_path = Path(tmp) / "map.json", Path(tmp) / "annotations.jsonl"
        map_path.write_bytes(mapping)
        records_path.write_bytes(records)
        invoke(["migrate", "--map", map_path, records_path, "--out", Path(tmp) / "out.jsonl", *field, *taxonomy])
