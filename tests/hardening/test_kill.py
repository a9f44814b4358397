"""A `taxgen compile` or `taxgen build` killed (SIGKILL) in the middle of writing leaves the previous
outputs byte for byte, or the new ones complete: never a mix, never half a file.

Each run is a real process. The test watches the folder it writes into (beside the output
folder) and kills it once it has written one file, half of them, all but one, and all of the
new files (then it is swapping the folders in, or cleaning up).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from hardening_helpers import copy_base, tree

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_COLOR": "1"}  # MkDocs' sitemap dates: reproducible


def make_project(tmp_path: Path, taxonomies: int, labels_each: int) -> Path:
    """The base project with enough taxonomies that writing the outputs takes a while."""
    project = copy_base(tmp_path)
    for number in range(taxonomies):
        labels = "".join(f"  - id: l{i:02d}\n    name: Label {number}-{i}\n    definition: Version A, label {i}.\n"
                         f"    examples: [Example {i}.]\n" for i in range(labels_each))
        (project / "taxonomies" / f"t{number:02d}.yaml").write_text(
            f"taxonomy:\n  id: t{number:02d}\n  title: Taxonomy {number}\n  version: 1.0.0\n"
            f"  task: {{kind: single-label, data: text}}\nlabels:\n{labels}")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("golden_items: show", "golden_items: show\n      rules: {TG403: 'off'}"))
    return project


def to_version_b(project: Path) -> None:
    for path in (project / "taxonomies").glob("t*.yaml"):
        path.write_text(path.read_text().replace("Version A", "Version B"))


def staging(out: Path) -> list[str]:
    """The folders runs write into beside ``out`` (each with its lock file, see writer.staging_folder)."""
    found = glob.glob(os.path.join(glob.escape(str(out.parent)), f".{glob.escape(out.name)}.new-*"))
    return [path for path in found if os.path.isdir(path)]


def leftovers(out: Path) -> list[str]:
    """Staging folders and their lock files."""
    return glob.glob(os.path.join(glob.escape(str(out.parent)), f".{glob.escape(out.name)}.new-*"))


def start(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from taxgen.cli import run; run()", *map(str, args)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)


def written(out: Path) -> int:
    """Files in the folder(s) a run is writing beside ``out``."""
    return sum(len(files) for folder in staging(out) for _, _, files in os.walk(folder))


def run_and_kill(args, out: Path, after_files: int) -> tuple[bool, int]:
    """Run taxgen and SIGKILL it once it has written ``after_files`` files beside ``out``.
    Returns whether it was still running then, and how many files it had written."""
    process = start(*args)
    deadline = time.monotonic() + 120
    while process.poll() is None and written(out) < after_files:
        assert time.monotonic() < deadline
        time.sleep(0.0005)
    running = process.poll() is None
    if running:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=120)
    return running, written(out)


def kill_at_every_stage(args, out: Path, old: dict, new: dict) -> list[tuple[bool, int, bool]]:
    """Kill runs after 1 file, half, all but one and all of the new files are written."""
    saved = out.parent / "saved-old-outputs"
    shutil.copytree(out, saved, symlinks=True)
    outcomes = []
    for after in sorted({1, len(new) // 2, len(new) - 1, len(new)}):
        shutil.rmtree(out)
        shutil.copytree(saved, out, symlinks=True)
        for leftover in staging(out):
            shutil.rmtree(leftover)
        for lock in leftovers(out):
            os.unlink(lock)
        running, partial = run_and_kill(args, out, after)
        found = tree(out)
        assert found in (old, new), f"killed after {after} files: a mix of old and new outputs"
        outcomes.append((running, partial, found == new))
    shutil.rmtree(saved)
    return outcomes


def assert_kills_landed_mid_write(outcomes) -> None:
    mid_write = [o for o in outcomes if o[0] and o[1] and not o[2]]
    assert len(mid_write) >= 2, outcomes  # killed with files half way written: the old outputs stayed


def test_killing_compile_mid_write_leaves_the_old_or_the_new_outputs(tmp_path):
    project = make_project(tmp_path, taxonomies=6, labels_each=20)  # about 80 files, each synced to disk
    out = project / "build" / "schemas"
    args = ("compile", "--project", project, "--out", out)
    assert start(*args).wait() == 0
    old = tree(out)
    to_version_b(project)
    reference = tmp_path / "reference"
    assert start("compile", "--project", project, "--out", reference).wait() == 0
    new = tree(reference)
    assert old != new and len(new) == len(old) > 60
    assert_kills_landed_mid_write(kill_at_every_stage(args, out, old, new))


def test_the_next_run_deletes_what_a_killed_run_left(tmp_path):
    """A killed compile leaves its half-written folder; the next compile deletes it (its lock is
    free), and leaves alone the folder of a run still going (its lock held)."""
    import fcntl

    project = make_project(tmp_path, taxonomies=6, labels_each=20)
    out = project / "build" / "schemas"
    args = ("compile", "--project", project, "--out", out)
    assert start(*args).wait() == 0
    to_version_b(project)
    running, partial = run_and_kill(args, out, 20)
    assert running and partial and len(staging(out)) == 1
    busy = out.parent / ".schemas.new-busyrun"
    busy.mkdir()
    with open(f"{busy}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        assert start(*args).wait() == 0
        assert sorted(leftovers(out)) == [str(busy), f"{busy}.lock"]
    assert start(*args).wait() == 0  # the lock is free now: a run that died
    assert leftovers(out) == []


def test_killing_build_mid_write_leaves_the_old_or_the_new_site(tmp_path):
    project = make_project(tmp_path, taxonomies=1, labels_each=3)  # about 110 files
    out = project / "site"
    args = ("build", "--project", project)
    assert start(*args).wait() == 0
    old = tree(out)
    to_version_b(project)
    reference = tmp_path / "reference-site"
    assert start("build", "--project", project, "--site-dir", reference).wait() == 0
    new = tree(reference)
    assert old != new and len(new) == len(old) > 100
    assert_kills_landed_mid_write(kill_at_every_stage(args, out, old, new))
    for leftover in (project / "build").iterdir():  # compiled schemas: swapped in whole as well
        assert leftover.name in ("schemas", ".cache") or leftover.name.startswith(".schemas.new-")
