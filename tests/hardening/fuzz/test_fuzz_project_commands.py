"""Fuzz `check`, `compile`, `build` and `diff` with mutated seed files and generated projects.

Every example runs the real CLI in-process on a fresh copy of a project and asserts
fuzz_helpers.assert_survived: exit 0, 1 or 2 with a message, no exception, no traceback, no
network, within a hard time limit.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from fuzz_helpers import SEED_FILES, copy_project, fuzz_settings, invoke
from project_inputs import generated_project, mutated_seed_file, write_project

TARGETS = ["canonical", "annotation", "label-studio", "labelbox", "cvat", "argilla", "doccano", "sagemaker",
           "prodigy", "spacy", "skos", "csv"]


def with_file(tmp: str, seed: str, rel: str, data: bytes) -> Path:
    project = copy_project(seed, Path(tmp))
    (project / rel).write_bytes(data)
    return project


@fuzz_settings(examples=160)
@given(change=mutated_seed_file(), fmt=st.sampled_from(["text", "json", "github", "sarif"]), strict=st.booleans())
@example(change=("pets", "taxonomies/pets/taxonomy.yaml", b"taxonomy: {id: pets, title: x, version: 1.0.0, "
                 b"task: {kind: single-label, data: text}}\nlabels: [{id: a, name: A, parent: [a, a]}]\n"),
         fmt="text", strict=False)
def test_check_survives_mutated_files(change, fmt, strict):
    seed, rel, data = change
    with tempfile.TemporaryDirectory() as tmp:
        project = with_file(tmp, seed, rel, data)
        invoke(["check", "--project", project, "--format", fmt] + (["--strict"] if strict else []))


@fuzz_settings(examples=100)
@given(change=mutated_seed_file([f for f in SEED_FILES if f[0] != "site"]),
       targets=st.lists(st.sampled_from(TARGETS), max_size=2, unique=True))
def test_compile_survives_mutated_files(change, targets):
    seed, rel, data = change
    with tempfile.TemporaryDirectory() as tmp:
        project = with_file(tmp, seed, rel, data)
        invoke(["compile", "--project", project] + [arg for t in targets for arg in ("--target", t)])


@fuzz_settings(examples=100)
@given(files=generated_project(), targets=st.lists(st.sampled_from(TARGETS), max_size=2, unique=True))
def test_check_and_compile_survive_generated_projects(files, targets):
    with tempfile.TemporaryDirectory() as tmp:
        project = write_project(Path(tmp) / "p", files)
        invoke(["check", "--project", project, "--format", "json"])
        invoke(["compile", "--project", project, "--out", Path(tmp) / "out"]
               + [arg for t in targets for arg in ("--target", t)])


# `taxgen build` runs MkDocs (about half a second an example): fewer examples, mostly generated
# projects, which pass check far more often than mutated ones and so reach the site pages.
@fuzz_settings(examples=20, deadline_seconds=30)
@given(files=generated_project())
def test_build_survives_generated_projects(files):
    with tempfile.TemporaryDirectory() as tmp:
        project = write_project(Path(tmp) / "p", files)
        invoke(["build", "--project", project, "--site-dir", Path(tmp) / "built-site"], seconds=120)


@fuzz_settings(examples=12, deadline_seconds=30)
@given(change=mutated_seed_file([f for f in SEED_FILES if f[0] == "site" and f[1] != "mkdocs.yml"], texts_only=True))
def test_build_survives_mutated_files(change):
    seed, rel, data = change
    with tempfile.TemporaryDirectory() as tmp:
        project = with_file(tmp, seed, rel, data)
        invoke(["build", "--project", project, "--site-dir", Path(tmp) / "built-site"], seconds=120)


@fuzz_settings(examples=80)
@given(change=mutated_seed_file(), fmt=st.sampled_from(["text", "markdown", "json"]), swap=st.booleans(),
       allow=st.booleans())
def test_diff_survives_mutated_folders(change, fmt, swap, allow):
    seed, rel, data = change
    with tempfile.TemporaryDirectory() as tmp:
        old = copy_project(seed, Path(tmp) / "old")
        new = with_file(str(Path(tmp) / "new"), seed, rel, data)
        old, new = (new, old) if swap else (old, new)
        invoke(["diff", old, new, "--format", fmt, "--map", Path(tmp) / "map.json"]
               + (["--allow-breaking"] if allow else []))


@fuzz_settings(examples=30)
@given(before=generated_project(), after=generated_project())
def test_diff_survives_generated_projects(before, after):
    with tempfile.TemporaryDirectory() as tmp:
        old = write_project(Path(tmp) / "old", before)
        new = write_project(Path(tmp) / "new", after)
        invoke(["diff", old, new, "--format", "json", "--map", Path(tmp) / "map.json"])


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=fuzz", "-c", "user.email=fuzz@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


@fuzz_settings(examples=12)
@given(change=mutated_seed_file([f for f in SEED_FILES if f[0] == "pets"]),
       rev=st.sampled_from(["HEAD~1", "HEAD", "main"]))
def test_diff_survives_mutated_git_revisions(change, rev):
    """The same through git: the mutated file is committed on top of the seed and read back with git cat-file."""
    seed, rel, data = change
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(seed, Path(tmp))
        _git(project, "init", "-q", "-b", "main")
        _git(project, "add", "-A")
        _git(project, "commit", "-q", "-m", "seed")
        (project / rel).write_bytes(data)
        _git(project, "commit", "-q", "--allow-empty", "-am", "mutated")
        invoke(["diff", rev, "HEAD", "--project", project])
