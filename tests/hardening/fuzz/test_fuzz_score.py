"""Fuzz `taxgen score`: annotation files (JSON Lines and CSV) mutated from the score fixtures or
generated from the record format, scored against the score fixture project (itself mutated
in some examples). Options vary: --taxonomy, --format, --out."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from fuzz_helpers import (CSV_TOKENS, FIXTURES, JSON_TOKENS, SEED_FILES, copy_project, csv_dump, fuzz_settings, invoke,
                          json_dump, junk, mutated, texts)
from project_inputs import mutated_seed_file

ANNOTATIONS = FIXTURES / "score" / "annotations"
SEEDS = sorted(p.name for p in ANNOTATIONS.iterdir() if p.suffix in (".jsonl", ".csv"))
LABELS = ["billing", "billing.refund", "billing.invoice", "delivery.late", "delivery.damaged", "other", "legacy",
          "product.price", "product.quality", "service", "nowhere", "tickets/other", ""]
ITEMS = ["t1", "t2", "t3", "t4", "t5", "n1", "m1", "m2", "x"]
FIELDS = ["item", "annotator", "label", "labels", "taxonomy"]

label_values = st.sampled_from(LABELS) | texts
record_values = {
    "item": st.sampled_from(ITEMS) | st.integers() | junk,
    "annotator": st.sampled_from(["ana", "ben", "cy"]) | st.integers() | junk,
    "label": label_values | junk,
    "labels": st.lists(label_values | st.fixed_dictionaries({"label": label_values, "start": st.integers()}),
                       max_size=3) | junk,
    "taxonomy": st.sampled_from(["tickets", "topics", "nope"]) | junk,
}


@st.composite
def jsonl_records(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        keys = draw(st.lists(st.sampled_from(FIELDS) | texts, max_size=5, unique=True))
        record = {key: draw(record_values.get(key, junk)) for key in keys}
        lines.append(json_dump(record) if draw(st.integers(0, 9)) else draw(junk.map(json_dump)))
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n", b"\r\n"]))


@st.composite
def csv_records(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(FIELDS + ["comment"]) | texts, min_size=1, max_size=6))
    cell = st.sampled_from(LABELS + ITEMS + ["ana", "ben", "a|b", "a;b c"]) | texts
    rows = draw(st.lists(st.lists(cell, min_size=len(header) - 1, max_size=len(header) + 1), max_size=10))
    return csv_dump([header, *rows])


@st.composite
def annotation_file(draw) -> tuple[str, bytes]:
    """(suffix, bytes): a fixture file mutated, or records generated."""
    how = draw(st.sampled_from(["mutated", "jsonl", "csv"]))
    if how == "jsonl":
        return ".jsonl", draw(jsonl_records())
    if how == "csv":
        return ".csv", draw(csv_records())
    name = draw(st.sampled_from(SEEDS))
    suffix = Path(name).suffix
    return suffix, draw(mutated((ANNOTATIONS / name).read_bytes(), CSV_TOKENS if suffix == ".csv" else JSON_TOKENS))


options = st.tuples(st.sampled_from([[], ["--taxonomy", "tickets"], ["--taxonomy", "topics"], ["--taxonomy", "nope"]]),
                    st.sampled_from([[], ["--format", "json"], ["--format", "markdown"], ["--out", "report.json"],
                                     ["--out", "report.md"]])).map(lambda pair: pair[0] + pair[1])


@fuzz_settings(examples=120)
@given(files=st.lists(annotation_file(), min_size=1, max_size=3), extra=options)
@example(files=[(".jsonl", b'{"item": "t1", "annotator": "ana", "labels": [{"label": ["x"]}]}\n')], extra=[])
@example(files=[(".csv", b"item,annotator,labels\nt1,ana,\nt1,ben,|||\n")], extra=["--taxonomy", "tickets"])
def test_score_survives_annotation_files(files, extra):
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project("score", Path(tmp))
        paths = []
        for index, (suffix, data) in enumerate(files):
            path = Path(tmp) / f"annotations-{index}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        extra = [str(Path(tmp) / arg) if arg.startswith("report.") else arg for arg in extra]
        invoke(["score", *paths, "--project", project, *extra])


@fuzz_settings(examples=40)
@given(change=mutated_seed_file([f for f in SEED_FILES if f[0] == "score"]), name=st.sampled_from(SEEDS))
def test_score_survives_mutated_projects(change, name):
    seed, rel, data = change
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(seed, Path(tmp))
        (project / rel).write_bytes(data)
        invoke(["score", ANNOTATIONS / name, "--project", project])
