"""A warm re-check re-reads only the edited file, yet the cross-file graph checks stay complete.

A taxonomy split over three files is checked once (the cache fills), then one file is
edited so that a problem spans files: a cycle through labels of two files, a parent that an
unchanged (cached) file names but the edited file no longer defines, a label id defined
again. The warm check must take the unchanged files from the cache and still report exactly
what the reference path reports, at the same file:line:col.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastpath_helpers import assert_same_as_reference

from taxgen.check import check_path
from taxgen.loading import cache, lazy

@pytest.fixture(autouse=True)
def read_with_positions(monkeypatch):
    """The document cache keeps files read with positions; these tests make every file one. (A
    clean file read lazily, by yaml-rs alone, needs no cache: tests/fastpath/test_lazy.py.)"""
    monkeypatch.setattr(lazy, "read_lazily", lambda text, path, schema: None)


MKDOCS = "site_name: Split\nplugins:\n  - taxgen:\n      rules: {TG403: off}\n"
HEADER = """\
taxonomy:
  id: split
  title: Split taxonomy
  version: 1.0.0
  task:
    kind: single-label
    data: text
labels:
"""


def labels_yaml(*labels: tuple[str, str | None]) -> str:
    """Label entries: (id, parent or None)."""
    out = []
    for label, parent in labels:
        out.append(f"  - id: {label}\n    name: Label {label}\n")
        if parent:
            out.append(f"    parent: {parent}\n")
        out.append(f"    definition: The {label} topic.\n    examples: [About {label}.]\n")
    return "".join(out)


FILES = {
    "taxonomy.yaml": HEADER + labels_yaml(("root", None), ("alpha", None)),
    "part-1.yaml": "taxonomy: split\nlabels:\n" + labels_yaml(("beta", "root"), ("gamma", "beta")),
    "part-2.yaml": "taxonomy: split\nlabels:\n" + labels_yaml(("delta", "gamma")),
}
EDITS = {  # what is changed in part-1.yaml, and the rule that must see it
    "cycle through two files": (("parent: root", "parent: delta"), "TG204"),
    "parent removed from the edited file": (("  - id: gamma\n", "  - id: epsilon\n"), "TG202"),
    "id defined again": (("id: beta", "id: alpha"), "TG201"),
}


def split_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    folder = root / "taxonomies" / "split"
    folder.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS)
    for name, text in FILES.items():
        (folder / name).write_text(text)
    return root


@pytest.fixture
def cache_reads(monkeypatch) -> list:
    """(file, whether the cache had it) for every file the loader looks up."""
    seen: list = []
    original = cache.DocumentCache.get

    def get(self, text, rel, key=None):
        found = original(self, text, rel, key)
        seen.append((rel, found is not None))
        return found

    monkeypatch.setattr(cache.DocumentCache, "get", get)
    return seen


@pytest.mark.parametrize("edit", EDITS, ids=EDITS)
def test_warm_check_after_one_edit_reports_cross_file_problems(tmp_path, reference_path, cache_reads, edit):
    (old, new), code = EDITS[edit]
    root = split_project(tmp_path)
    assert check_path(root).diagnostics == ()  # cold: fills the cache
    edited = root / "taxonomies" / "split" / "part-1.yaml"
    edited.write_text(edited.read_text().replace(old, new, 1))
    cache_reads.clear()

    warm = check_path(root)

    assert sorted(cache_reads) == [("taxonomies/split/part-1.yaml", False), ("taxonomies/split/part-2.yaml", True),
                                   ("taxonomies/split/taxonomy.yaml", True)]
    assert code in {d.code for d in warm.diagnostics}
    assert_same_as_reference(warm, root, reference_path)


def test_a_problem_in_a_cached_file_is_located_there(tmp_path, cache_reads):
    """delta (part-2.yaml, unchanged, from the cache) loses its parent when part-1.yaml is edited."""
    root = split_project(tmp_path)
    check_path(root)
    edited = root / "taxonomies" / "split" / "part-1.yaml"
    edited.write_text(edited.read_text().replace("id: gamma", "id: gamma-2", 1))
    cache_reads.clear()

    (diagnostic,) = check_path(root).diagnostics

    assert ("taxonomies/split/part-2.yaml", True) in cache_reads
    assert (diagnostic.code, diagnostic.path, diagnostic.line, diagnostic.column) == (
        "TG202", "taxonomies/split/part-2.yaml", 5, 13)
    assert "gamma" in diagnostic.message
