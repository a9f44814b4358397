"""Runs every taxgen command that writes or prints outputs, in one process, for test_determinism.py.

    python determinism_driver.py WORKDIR

WORKDIR holds the inputs (project/, old/, new/, records.jsonl, labels.ttl, labels.csv); the
outputs go to WORKDIR/out/: each command's standard output and error as files (through the real
file descriptors, so the locale's encoding applies), the files it writes, and the exit codes.
TAXGEN_TEST_LISTING=natural|reverse|shuffle-<seed> reorders every directory listing the process
makes (os.listdir, os.scandir and so os.walk, glob and pathlib), as another file system would.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

COMMANDS = {
    "check-json": ["check", "--project", "project", "--format", "json"],
    "check-sarif": ["check", "--project", "project", "--format", "sarif"],
    "check-text": ["check", "--project", "project"],
    "compile": ["compile", "--project", "project", "--out", "out/compiled"],
    "build": ["build", "--project", "project", "--site-dir", "out/site"],
    "diff-text": ["diff", "old", "new", "--allow-breaking"],
    "diff-markdown": ["diff", "old", "new", "--format", "markdown", "--allow-breaking"],
    "diff-json": ["diff", "old", "new", "--format", "json", "--map", "out/map.json", "--allow-breaking"],
    "migrate": ["migrate", "--map", "out/map.json", "records.jsonl", "--out", "out/migrated.jsonl"],
    "score-text": ["score", "records.jsonl", "--project", "project", "--taxonomy", "animals"],
    "score-json": ["score", "records.jsonl", "--project", "project", "--taxonomy", "animals", "--format", "json"],
    "score-markdown": ["score", "records.jsonl", "--project", "project", "--taxonomy", "animals", "--out",
                       "out/score.md"],
    "import-skos": ["import", "skos", "labels.ttl", "--taxonomy-id", "imported", "--out", "out/import-skos"],
    "import-csv": ["import", "csv", "labels.csv", "--taxonomy-id", "imported", "--out", "out/import-csv"],
}
UNSTABLE_STDERR = {"build"}  # MkDocs logs how long the build took (to WORKDIR/logs/, not compared)


def reorder_listings(order: str) -> None:
    if order == "natural":
        return
    shuffle = random.Random(int(order.split("-")[1])).shuffle if order.startswith("shuffle") else None

    def arrange(items: list) -> list:
        if shuffle is None:
            return items[::-1]
        shuffle(items)
        return items

    real_listdir, real_scandir = os.listdir, os.scandir

    def listdir(path="."):
        return arrange(real_listdir(path))

    def scandir(path="."):
        with real_scandir(path) as entries:
            return _Listing(arrange(list(entries)))

    os.listdir, os.scandir = listdir, scandir


class _Listing:
    """What os.scandir returns: an iterator that is also a context manager."""

    def __init__(self, entries: list):
        self._entries = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._entries)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def close(self) -> None:
        pass


def run(name: str, args: list[str], out: Path) -> int:
    """One command with its standard output and error going to files, as a shell would redirect them."""
    from taxgen.cli import main

    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    stderr_file = (out.parent / "logs" if name in UNSTABLE_STDERR else out) / f"{name}.stderr"
    stderr_file.parent.mkdir(exist_ok=True)
    with open(out / f"{name}.stdout", "wb") as stdout, open(stderr_file, "wb") as stderr:
        os.dup2(stdout.fileno(), 1)
        os.dup2(stderr.fileno(), 2)
        try:
            main(args, standalone_mode=False)
            code = 0
        except SystemExit as exc:
            code = exc.code or 0
        except Exception as exc:  # a click usage error, or a bug: the exit code says which
            code = getattr(exc, "exit_code", 99)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
    return code


def main() -> None:
    work = Path(sys.argv[1])
    os.chdir(work)
    out = work / "out"
    out.mkdir()
    reorder_listings(os.environ.get("TAXGEN_TEST_LISTING", "natural"))
    codes = {name: run(name, args, out) for name, args in COMMANDS.items()}
    (out / "exit-codes.json").write_text(json.dumps(codes, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
