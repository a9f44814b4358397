"""Benchmark: `taxgen diff` of two N-label taxonomies differing in 1% of their labels, against
`taxgen check` of one of them (target: diff <= 2x check), both run in-process through the CLI.

The old version is the shared synthetic project (benchmarks/synthetic.py); the new one is derived
from it by editing 1% of its labels. A floor measured in the same run, parsing the same YAML with
PyYAML's C loader, puts both in scale.

    python benchmarks/bench_diff.py                 # 100,000 labels
    python benchmarks/bench_diff.py --labels 10000 --repeat 3
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml
from click.testing import CliRunner

from taxgen.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SyntheticProject, write_synthetic_project  # noqa: E402

TARGET_RATIO = 2.0
FILES = 10  # the taxonomy is split over this many files, as a big one would be
_ENTRY = re.compile(r"(?m)^(?=  - id: )")
_ID = re.compile(r"(?<![\w-])topic-\d{6}\b")


def plan_changes(old: SyntheticProject, seed: int = 7) -> dict[str, str]:
    """4/5 of 1% of the labels change: leaves renamed, redefined, moved or removed in equal parts
    (the last fifth of the 1% is added labels)."""
    rng = random.Random(seed)
    picked = rng.sample(old.leaf_ids, len(old.label_ids) // 100 * 4 // 5)
    kinds = ("rename", "redefine", "move", "remove")
    return {label_id: kinds[n % len(kinds)] for n, label_id in enumerate(picked)}


def changed_entry(entry: str, label_id: str, change: str | None) -> str:
    if change == "remove":
        return ""
    if change == "rename":
        return entry.replace(f"  - id: {label_id}\n", f"  - id: renamed-{label_id}\n    renamed_from: {label_id}\n", 1)
    if change == "redefine":
        return entry.replace("    definition: The message ", "    definition: As revised, the message ", 1)
    if change == "move":
        return re.sub(r"(?m)^    parent: .*$", "    parent: topic-000000", entry, count=1)
    return entry


def write_new_version(old: SyntheticProject, root: Path, changes: dict[str, str]) -> None:
    """The old project with ``changes`` applied and the rest of the 1% added, version 2.0.0."""
    shutil.copytree(old.root, root)
    renamed = {label_id: f"renamed-{label_id}" for label_id, change in changes.items() if change == "rename"}
    files = [root / path.relative_to(old.root) for path in old.taxonomy_files]
    for path in files:
        entries = _ENTRY.split(path.read_text())
        out = [entries[0].replace("  version: 1.0.0\n", "  version: 2.0.0\n")]
        for entry in entries[1:]:
            label_id = entry[len("  - id: "):entry.index("\n")]
            out.append(changed_entry(entry, label_id, changes.get(label_id)))
        text = _ID.sub(lambda match: renamed.get(match.group(0), match.group(0)), "".join(out))
        path.write_text(text.replace("renamed_from: renamed-", "renamed_from: "))
    golden = root / old.golden_file.relative_to(old.root)
    golden.write_text(_ID.sub(lambda match: renamed.get(match.group(0), match.group(0)), golden.read_text()))
    added = len(old.label_ids) // 100 - len(changes)
    with files[-1].open("a") as handle:
        for n in range(added):
            handle.write(f"  - id: added-{n:06d}\n    name: Added label {n}\n    parent: topic-000000\n"
                         f"    definition: A label added in the new version, number {n}.\n")


def timed(function, repeat: int, *roots: Path) -> float:
    """Best time of ``repeat`` cold runs: build output (the loader's cache) is removed before each."""
    best = float("inf")
    for _ in range(repeat):
        for root in roots:
            shutil.rmtree(root / "build", ignore_errors=True)
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def run(labels: int, repeat: int) -> float:
    with tempfile.TemporaryDirectory(prefix="taxgen-bench-diff-") as tmp:
        old_project = write_synthetic_project(Path(tmp) / "old", labels=labels, files=FILES, seed=0)
        old, new = old_project.root, Path(tmp) / "new"
        changes = plan_changes(old_project)
        write_new_version(old_project, new, changes)
        files = sorted(old.rglob("*.yaml"))
        runner = CliRunner()

        def floor() -> None:
            for path in files:
                yaml.load(path.read_text(), Loader=yaml.CSafeLoader)

        def check() -> None:
            result = runner.invoke(main, ["check", "--project", str(old)])
            assert result.exit_code in (0, 1), result.output

        def diff() -> None:
            result = runner.invoke(main, ["diff", str(old), str(new), "--format", "markdown"])
            assert result.exit_code == 0, result.output[-2000:]
            assert "TD103" in result.output and "TD102" in result.output

        t_floor, t_check, t_diff = timed(floor, repeat), timed(check, repeat, old), timed(diff, repeat, old, new)
    ratio = t_diff / t_check
    print(f"labels: {labels:,} ({labels // 100:,} differ: {len(changes):,} renamed/redefined/moved/removed, "
          f"{labels // 100 - len(changes):,} added), best of {repeat}")
    print(f"floor  (PyYAML C parse of one version): {t_floor:8.2f} s")
    print(f"check  (one version):                   {t_check:8.2f} s  = {t_check / t_floor:5.2f} x floor")
    print(f"diff   (both versions, markdown):       {t_diff:8.2f} s  = {t_diff / t_floor:5.2f} x floor")
    print(f"diff / check: {ratio:.2f} (target <= {TARGET_RATIO}) {'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")
    return ratio


def main_() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    return 0 if run(args.labels, args.repeat) <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main_())
