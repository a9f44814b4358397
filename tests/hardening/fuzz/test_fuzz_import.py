"""Fuzz `taxgen import` in every format with mutated seed files and generated ones.

Half the examples write to --out (import alone); the others import into a copy of a project
(--project), which also runs `taxgen check` on the written files. Options vary too:
--taxonomy-id, --task-kind, --language, --column, --force, --no-placeholders, -v.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz_helpers import copy_project, fuzz_settings, invoke
from import_inputs import SEEDS, generated_import_file, mutated_import_file

FORMATS = sorted(SEEDS)
COLUMN_ROLES = ["id", "name", "parent", "definition", "synonyms", "color", "hotkey", "examples", "status",
                "replaced_by", "nope"]


@st.composite
def import_options(draw, fmt: str) -> list[str]:
    options = []
    if draw(st.booleans()):
        options += ["--taxonomy-id", draw(st.sampled_from(["imported", "a", "x-1", "pets"]))]
    if draw(st.booleans()):
        options += ["--task-kind", draw(st.sampled_from(["single-label", "multi-label", "spans", "boxes", "polygons"]))]
    if fmt == "skos" and draw(st.booleans()):
        options += ["--language", draw(st.sampled_from(["en", "de", "fr", "", "en-GB"]))]
    if fmt == "csv":
        for role in draw(st.lists(st.sampled_from(COLUMN_ROLES), max_size=2, unique=True)):
            options += ["--column", f"{role}={draw(st.sampled_from(['id', 'name', 'Label', 'broader', 'x']))}"]
    flags = st.lists(st.sampled_from(["--force", "--no-placeholders", "-v"]), unique=True)
    return options + draw(flags)


def run_import(fmt: str, suffix: str, data: bytes, options: list[str], into_project: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"input{suffix}"
        source.write_bytes(data)
        where = ["--project", copy_project("pets", Path(tmp))] if into_project else ["--out", Path(tmp) / "out"]
        invoke(["import", fmt, source, *where, *options])


@pytest.mark.parametrize("fmt", FORMATS)
@fuzz_settings(examples=45)
@given(data=st.data(), into_project=st.booleans())
def test_import_survives_mutated_files(fmt, data, into_project):
    suffix, content = data.draw(mutated_import_file(fmt), label="input")
    run_import(fmt, suffix, content, data.draw(import_options(fmt), label="options"), into_project)


@pytest.mark.parametrize("fmt", FORMATS)
@fuzz_settings(examples=30)
@given(data=st.data(), into_project=st.booleans())
def test_import_survives_generated_files(fmt, data, into_project):
    suffix, content = data.draw(generated_import_file(fmt), label="input")
    run_import(fmt, suffix, content, data.draw(import_options(fmt), label="options"), into_project)
