"""Every writer writes atomically; a failure in the middle of a write leaves the previous output.

The audit below finds every module of taxgen that writes to the file system itself; all the
others go through ``taxgen.writer`` (a temporary file in the same folder, then a rename; a whole
output folder is built beside the old one and swapped in). Each command that writes is then
made to fail in the middle of writing, and the previous output must still be there, whole.
Killing real processes is in test_kill.py; where `build` may write and delete, in test_site_dir.py.
"""

from __future__ import annotations

import ast
import errno
import json
import os
import shutil
import warnings
from pathlib import Path

import pytest
from hardening_helpers import CORPUS, REPO, cli, copy_base, tree

from taxgen import writer

# module -> why it may touch the file system itself
DIRECT_WRITERS = {
    "writer.py": "the writer: temporary file + rename, folder swap",
    "compile.py": "builds the output folder beside the old one (through the writer) and swaps it in",
    "site/build.py": "MkDocs builds into a folder beside the site, swapped in by the writer",
    "loading/cache.py": "cache entries: temporary file + rename, checked by their hash when read",
    "diff/sources.py": "recreates a git revision's links in its own temporary folder",
    "loading/readahead.py": "opens the ends of its worker's pipe (os.fdopen); its copies go through cache.PendingEntry",
}
_MODULE_CALLS = {("os", n) for n in ("replace", "rename", "remove", "unlink", "symlink", "link", "mkdir", "makedirs",
                                     "rmdir", "chmod", "truncate", "fdopen", "open", "write")} | \
    {("shutil", n) for n in ("copy", "copy2", "copyfile", "copytree", "move", "rmtree")} | \
    {("tempfile", n) for n in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory")}
_PATH_METHODS = {"write_text", "write_bytes", "touch", "unlink", "symlink_to", "hardlink_to", "rmdir", "mkdir", "chmod"}


def _writes(path: Path) -> list[int]:
    """Lines of ``path`` that write, create or delete files."""
    lines = []
    with warnings.catch_warnings():  # a module's own warnings (an invalid escape) are not this test's business
        warnings.simplefilter("ignore")
        parsed = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(parsed):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        module = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else None
        if module and (module, func.attr) in _MODULE_CALLS:
            lines.append(node.lineno)
        elif isinstance(func, ast.Attribute) and func.attr in _PATH_METHODS:
            lines.append(node.lineno)
        elif isinstance(func, ast.Name) and func.id == "open":
            modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
            modes += [k.value.value for k in node.keywords if k.arg == "mode" and isinstance(k.value, ast.Constant)]
            if any(set(str(mode)) & set("wax+") for mode in modes):
                lines.append(node.lineno)
    return lines


def test_only_the_known_modules_write_files_themselves():
    source = REPO / "src" / "taxgen"
    found = {path.relative_to(source).as_posix(): _writes(path) for path in sorted(source.rglob("*.py"))}
    writing = {name for name, lines in found.items() if lines}
    assert writing == set(DIRECT_WRITERS), (
        f"{sorted(writing - set(DIRECT_WRITERS))} write files themselves: use taxgen.writer.write_atomic / "
        "write_files / replace_folder instead (or add the module here with the reason it is safe)")


@pytest.fixture
def disk_full_on_the_second_file(monkeypatch):
    """The writer's second file fails while being written, as on a full disk."""
    real, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(writer.os, "fsync", fsync)
    return calls


def no_temporary_files(folder: Path) -> None:
    assert [p.name for p in folder.rglob("*") if p.name.endswith(".tmp") or ".new-" in p.name] == []


def test_score_out_keeps_the_previous_report_when_the_write_fails(tmp_path, monkeypatch):
    project = copy_base(tmp_path)
    records = CORPUS / "migrate" / "records.jsonl"
    out = tmp_path / "report.json"
    assert cli("score", records, "--project", project, "--out", out).exit_code == 0
    before = out.read_bytes()
    monkeypatch.setattr(writer.os, "replace", _failing_replace)
    result = cli("score", records, "--project", project, "--out", out, "--format", "markdown")
    assert result.exit_code == 2 and f"cannot write {out}: Input/output error" in result.stderr
    assert out.read_bytes() == before
    no_temporary_files(tmp_path)


def _failing_replace(src, dst):
    raise OSError(errno.EIO, "Input/output error")


def test_migrate_out_and_diff_map_keep_their_previous_files_when_the_write_fails(tmp_path, monkeypatch):
    old, new = copy_base(tmp_path, "old"), copy_base(tmp_path, "new")
    taxonomy = new / "taxonomies" / "animals" / "taxonomy.yaml"
    renamed = taxonomy.read_text().replace("  - id: dog\n", "  - id: hound\n    renamed_from: dog\n")
    taxonomy.write_text(renamed)
    golden = new / "taxonomies" / "animals" / "golden.yaml"
    golden.write_text(golden.read_text().replace("expected: dog", "expected: hound"))
    map_file, migrated = tmp_path / "map.json", tmp_path / "migrated.jsonl"
    map_file.write_text("previous map\n")
    migrated.write_text("previous records\n")
    monkeypatch.setattr(writer.os, "replace", _failing_replace)
    failed = cli("diff", old, new, "--map", map_file, "--allow-breaking")
    assert failed.exit_code == 2 and f"cannot write {map_file}" in failed.stderr
    monkeypatch.undo()
    assert map_file.read_text() == "previous map\n"
    assert cli("diff", old, new, "--map", map_file, "--allow-breaking").exit_code == 0
    mapping = json.loads(map_file.read_text())
    monkeypatch.setattr(writer.os, "replace", _failing_replace)
    result = cli("migrate", "--map", map_file, CORPUS / "migrate" / "records.jsonl", "--out", migrated)
    assert result.exit_code == 2 and f"cannot write {migrated}" in result.stderr
    assert migrated.read_text() == "previous records\n"
    assert mapping["animals"]["dog"] == "hound"
    no_temporary_files(tmp_path)


def test_import_force_keeps_the_previous_taxonomy_when_the_write_fails(tmp_path, monkeypatch):
    source = tmp_path / "labels.csv"
    source.write_text("id,name,definition\ncat,Cat,A feline.\n")
    out = tmp_path / "out"
    assert cli("import", "csv", source, "--out", out).exit_code == 0
    before = tree(out)
    source.write_text("id,name,definition\ncat,Cat,A feline.\ndog,Dog,A canine.\n")
    monkeypatch.setattr(writer.os, "replace", _failing_replace)
    result = cli("import", "csv", source, "--out", out, "--force")
    assert result.exit_code == 2 and "cannot write to" in result.stderr
    assert tree(out) == before
    no_temporary_files(tmp_path)


def test_init_leaves_no_half_written_file(tmp_path, disk_full_on_the_second_file):
    target = tmp_path / "new-project"
    result = cli("init", target)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    for path in target.rglob("*"):  # what was written is whole: the first file only
        if path.is_file():
            assert path.stat().st_size > 0
    assert len([p for p in target.rglob("*") if p.is_file()]) == 1
    no_temporary_files(tmp_path)


def test_compile_keeps_the_previous_outputs_when_the_disk_fills(tmp_path, monkeypatch):
    project = copy_base(tmp_path)
    assert cli("compile", "--project", project).exit_code == 0
    schemas = project / "build" / "schemas"
    before = tree(schemas)
    taxonomy = project / "taxonomies" / "animals" / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("A small domesticated feline.", "A feline."))
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer.os, "fsync", fsync)
    result = cli("compile", "--project", project)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert tree(schemas) == before
    no_temporary_files(project / "build")


def test_a_failed_build_leaves_the_previous_site(tmp_path):
    project = copy_base(tmp_path)
    assert cli("build", "--project", project).exit_code == 0
    site = project / "site"
    before = tree(site)
    (project / "docs" / "index.md").write_text("# Animal sightings\n\n[a broken link](missing.md)\n")
    result = cli("build", "--project", project)  # --strict: the warning fails the build, after MkDocs wrote its pages
    assert result.exit_code == 1 and "the site was not built" in result.stderr
    assert tree(site) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_a_build_failing_while_mkdocs_writes_leaves_the_previous_site(tmp_path, monkeypatch):
    import mkdocs.utils

    project = copy_base(tmp_path)
    assert cli("build", "--project", project).exit_code == 0
    before = tree(project / "site")
    real, calls = mkdocs.utils.write_file, []

    def write_file(content, output_path):
        calls.append(output_path)
        if len(calls) == 10:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", write_file)
    result = cli("build", "--project", project)
    assert result.exit_code == 2 and "cannot write the site: No space left on device" in result.stderr
    assert len(calls) == 10
    assert tree(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_new_files_get_the_usual_modes(tmp_path):
    umask = os.umask(0o022)
    try:
        assert cli("init", tmp_path / "p").exit_code == 0
        assert cli("build", "--project", tmp_path / "p").exit_code == 0
    finally:
        os.umask(umask)
    modes = {oct(p.stat().st_mode & 0o777) for p in (tmp_path / "p").rglob("*")
             if not p.is_symlink() and ".cache" not in p.parts}  # the loader's cache is private
    assert modes <= {"0o644", "0o755"}, modes
    shutil.rmtree(tmp_path / "p")
