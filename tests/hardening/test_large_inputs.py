"""100 MB inputs, made at test time (sparse files: no disk is used), for every command that reads a file.

Each is refused before it is read, with the limit in the message: 64 MiB for YAML and Markdown
(check, build, diff) and for migrate's maps and records, 16 MiB for import, 256 MiB for score (a
100 MB annotations file is about 1.5 million records: score reads it; see test_score_reads_100_mb).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from pathlib import Path

import pytest
from hardening_helpers import CORPUS, cli, console, copy_base

MB_100 = 100 * 1024 * 1024
SCORE_LIMIT = 256 * 1024 * 1024


def sparse(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@pytest.fixture
def never_read(monkeypatch):
    """Fails the test if a file of the given names is read whole."""
    names: set[str] = set()
    real = pathlib.Path.read_bytes

    def guarded(self):
        assert self.name not in names, f"{self} was read"
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", guarded)
    return names


def test_check_and_build_refuse_100_mb_taxonomies_and_guidelines_unread(tmp_path, never_read):
    project = copy_base(tmp_path)
    sparse(project / "taxonomies" / "huge.yaml", MB_100)
    sparse(project / "guidelines" / "huge.md", MB_100)
    never_read.update({"huge.yaml", "huge.md"})
    for command in ("check", "build"):
        result = cli(command, "--project", project)
        assert result.exit_code == 1
        for path in ("taxonomies/huge.yaml", "guidelines/huge.md"):
            assert (f"{path}:1:1: error TG007 file is 104,857,600 bytes, over the 67,108,864-byte limit"
                    in result.stdout + result.stderr)
    assert not (project / "site").exists()


def test_diff_refuses_a_version_with_a_100_mb_file(tmp_path, never_read):
    old, new = copy_base(tmp_path, "old"), copy_base(tmp_path, "new")
    sparse(new / "taxonomies" / "huge.yaml", MB_100)
    never_read.add("huge.yaml")
    result = cli("diff", old, new)
    assert result.exit_code == 1
    assert f"{new.as_posix()}/taxonomies/huge.yaml:1:1: error TG007 file is 104,857,600 bytes" in result.stderr


@pytest.mark.parametrize("fmt, suffix", [("label-studio", "xml"), ("labelbox", "json"), ("cvat", "json"),
                                         ("argilla", "json"), ("doccano", "json"), ("skos", "ttl"), ("csv", "csv")])
def test_import_refuses_100_mb_unread(tmp_path, never_read, fmt, suffix):
    source = sparse(tmp_path / f"huge.{suffix}", MB_100)
    never_read.add(source.name)
    result = cli("import", fmt, source, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{source}: error TI001 file is larger than 16 MiB, the import limit" in result.stderr
    assert not (tmp_path / "out").exists()


def test_migrate_refuses_100_mb_maps_and_records_unread(tmp_path, never_read):
    huge = sparse(tmp_path / "huge.jsonl", MB_100)
    never_read.add(huge.name)
    for args in (["--map", huge, CORPUS / "migrate" / "records.jsonl"], ["--map", CORPUS / "migrate" / "map.json", huge]):
        result = cli("migrate", *args, "--out", tmp_path / "out.jsonl")
        assert result.exit_code == 1
        assert f"{huge}:1:1: error TG007 file is 104,857,600 bytes, over the 67,108,864-byte limit" in result.stderr
        assert "migrate each" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_score_refuses_annotations_over_its_limit_unread(tmp_path, never_read):
    project = copy_base(tmp_path)
    huge = sparse(tmp_path / "huge.jsonl", SCORE_LIMIT + 1)
    never_read.add(huge.name)
    result = cli("score", huge, "--project", project)
    assert result.exit_code == 1
    assert f"{huge}:1:1: error TS001 file is 268,435,457 bytes, over the 268,435,456-byte limit" in result.stderr


def test_a_named_pipe_among_the_project_files_is_reported_not_waited_on(tmp_path):
    project = copy_base(tmp_path)
    os.mkfifo(project / "taxonomies" / "pipe.yaml")
    result = console("check", "--project", project, timeout=60)  # a read would block forever
    assert result.exit_code == 1
    assert "taxonomies/pipe.yaml: error TG010 cannot read file: not a regular file" in result.stdout


def test_score_reads_100_mb_of_annotations_in_bounded_time_and_memory(tmp_path):
    """1.6 million records, as in a large labeling project: scored, not refused."""
    project = copy_base(tmp_path)
    records = tmp_path / "records.jsonl"
    line = '{"item": "item-%05d", "annotator": "annotator-%02d", "label": "%s"}\n'
    labels = ("cat", "dog", "bird")
    with records.open("w") as out:
        written, index = 0, 0
        while written < MB_100:
            chunk = "".join(line % (i % 40_000, i % 37, labels[i % 3]) for i in range(index, index + 10_000))
            out.write(chunk)
            written, index = written + len(chunk), index + 10_000
    code = ("import resource, sys\nfrom taxgen.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n"
            "    print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); raise\n")
    done = subprocess.run([sys.executable, "-c", code, "score", str(records), "--project", str(project), "--format",
                           "json"], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    counts = json.loads(done.stdout)["records"]
    assert counts["read"] == index and counts["scored"] + counts["replaced"] == index  # a repeated answer replaces
    peak_kib = int(done.stderr.split("peak ")[1].split()[0])
    assert peak_kib < 3 * 1024 * 1024  # measured about 1.3 GB
