"""The content-hash cache under the build folder: where it lives, that a damaged or misfitting
entry is read again rather than trusted, that it keeps one entry per file, and that a cache
which cannot be written only costs speed. Diagnostics stay those of the reference path."""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

import pytest
from fastpath_helpers import assert_same_as_reference, diagnostics_of

from taxgen.check import check_path
from taxgen.loading import cache, lazy

@pytest.fixture(autouse=True)
def read_with_positions(monkeypatch):
    """The document cache keeps files read with positions; these tests make every file one. (A
    clean file read lazily, by yaml-rs alone, needs no cache: tests/fastpath/test_lazy.py.)"""
    monkeypatch.setattr(lazy, "read_lazily", lambda text, path, schema: None)


MKDOCS = "site_name: Cached\nplugins:\n  - taxgen:\n      rules: {TG403: off}\n"
FILES = {
    "taxonomy.yaml": """\
taxonomy:
  id: cached
  title: Cached
  version: 1.0.0
  task:
    kind: single-label
    data: text
labels:
  - id: root
    name: Root
    definition: The root topic.
    examples: [About the root.]
""",
    "part.yaml": """\
taxonomy: cached
labels:
  - id: leaf
    name: Leaf
    parent: root
    definition: A leaf topic.
    colour: red
    examples:
      - About a leaf.
""",
}


def write_project(tmp_path: Path, mkdocs: str = MKDOCS) -> Path:
    root = tmp_path / "project"
    (root / "taxonomies").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(mkdocs)
    for name, text in FILES.items():
        (root / "taxonomies" / name).write_text(text)
    return root


def entries(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


@pytest.fixture
def in_build_folder(monkeypatch):
    """The cache where it ships, under the project's build folder (not the tests' private one)."""
    monkeypatch.setattr(cache, "CACHE_FOLDER", ".cache/yaml")


def test_the_cache_lives_under_the_build_folder(tmp_path, in_build_folder):
    root = write_project(tmp_path)
    first = check_path(root)
    assert [d.code for d in first.diagnostics] == ["TG102"]  # colour: unknown key
    assert len(entries(root / "build" / ".cache" / "yaml")) == 2
    assert diagnostics_of(check_path(root)) == diagnostics_of(first)


def test_the_configured_build_folder_holds_it(tmp_path, in_build_folder):
    root = write_project(tmp_path, MKDOCS.replace("  - taxgen:\n", "  - taxgen:\n      build_dir: out\n"))
    check_path(root)
    assert not (root / "build").exists()
    assert len(entries(root / "out" / ".cache" / "yaml")) == 2


def test_the_reference_path_writes_no_cache(tmp_path, in_build_folder, reference_path):
    root = write_project(tmp_path)
    with reference_path:
        check_path(root)
    assert not (root / "build").exists()


def test_a_damaged_entry_is_read_again(tmp_path, private_cache, reference_path):
    root = write_project(tmp_path)
    check_path(root)
    for entry in entries(private_cache):
        raw = bytearray(entry.read_bytes())
        raw[len(raw) // 2] ^= 0xFF
        entry.write_bytes(bytes(raw))
    assert_same_as_reference(check_path(root), root, reference_path)


def test_an_entry_that_does_not_fit_its_data_is_read_again(tmp_path, private_cache, reference_path):
    """A valid checksum over positions that do not fit the data (a bug, or an entry made by hand)."""
    root = write_project(tmp_path)
    check_path(root)
    for entry in entries(private_cache):
        key, data, containers, marks, doc_root, plain, valid_for = marshal.loads(entry.read_bytes()[32:])
        marks[0] = dict(list(marks[0].items())[:-1])  # the top mapping loses the position of a key
        payload = marshal.dumps((key, data, containers, marks, doc_root, plain, valid_for))
        entry.write_bytes(cache.checksum(payload) + payload)
    assert all(cache.DocumentCache(private_cache).get(text, name) is None for name, text in FILES.items())
    assert_same_as_reference(check_path(root), root, reference_path)


def test_entries_not_made_with_this_users_key_are_never_unmarshalled(tmp_path, private_cache, reference_path,
                                                                      monkeypatch):
    """Entries committed to the repository (or made by anyone else) fail the keyed checksum."""
    root = write_project(tmp_path)
    check_path(root)
    for entry in entries(private_cache):  # as a pull request could craft them: a valid unkeyed checksum
        payload = entry.read_bytes()[32:]
        entry.write_bytes(hashlib.blake2b(payload, digest_size=32).digest() + payload)

    def refuse(data):
        raise AssertionError("marshal.loads on an entry nobody here made")

    monkeypatch.setattr(cache.marshal, "loads", refuse)
    assert all(cache.DocumentCache(private_cache).get(text, name) is None for name, text in FILES.items())
    assert_same_as_reference(check_path(root), root, reference_path)


def test_the_key_is_made_once_private_and_shared_by_later_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    cache._secret.cache_clear()
    try:
        first = cache._secret()
        key_file = tmp_path / "home-cache" / "taxgen" / "cache-key"
        assert key_file.read_bytes() == first and key_file.stat().st_mode & 0o077 == 0
        cache._secret.cache_clear()
        assert cache._secret() == first
    finally:
        cache._secret.cache_clear()


def test_entries_of_edited_and_removed_files_are_pruned(tmp_path, private_cache):
    root = write_project(tmp_path)
    check_path(root)
    before = entries(private_cache)
    part = root / "taxonomies" / "part.yaml"
    part.write_text(part.read_text().replace("A leaf topic.", "A leaf topic, edited."))
    check_path(root)
    after = entries(private_cache)
    assert len(after) == 2 and len(set(before) & set(after)) == 1
    part.unlink()
    check_path(root)
    assert len(entries(private_cache)) == 1


def test_a_cache_that_cannot_be_written_only_costs_speed(tmp_path, private_cache, reference_path):
    private_cache.parent.mkdir(parents=True, exist_ok=True)
    private_cache.write_text("a file where the cache folder would be")  # root ignores read-only modes
    root = write_project(tmp_path)
    assert_same_as_reference(check_path(root), root, reference_path)
    assert_same_as_reference(check_path(root), root, reference_path)
    assert private_cache.read_text() == "a file where the cache folder would be"
