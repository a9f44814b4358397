"""Benchmark: `taxgen diff` of two N-label taxonomies differing in 1% of their labels, against
`taxgen check` of one of them (target: diff <= 2x check), both run in-process through the CLI.

A floor measured in the same run, parsing the same YAML with PyYAML's C loader, puts both in scale.

    python benchmarks/bench_diff.py                 # 100,000 labels
    python benchmarks/bench_diff.py --labels 10000 --repeat 3
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml
from click.testing import CliRunner

from taxgen.cli import main

TARGET_RATIO = 2.0
FILES = 10  # the taxonomy is split over this many files, as a big one would be
FANOUT = 10


def label_entry(index: int, parent: int | None, *, label_id: str | None = None, definition: str | None = None,
                renamed_from: str | None = None) -> str:
    lines = [f"  - id: {label_id or f'l{index}'}", f"    name: Label {index}"]
    if renamed_from:
        lines.append(f"    renamed_from: {renamed_from}")
    if parent is not None:
        lines.append(f"    parent: l{parent}")
    lines.append(f"    definition: {definition or f'Items about topic number {index}.'}")
    lines.append(f"    synonyms: [topic {index}]")
    lines.append(f"    examples: [An item about topic {index}.]")
    return "\n".join(lines) + "\n"


def plan_changes(count: int, seed: int = 7) -> dict[int, str]:
    """4/5 of 1% of the labels change: renamed, redefined, moved or removed in equal parts
    (the last fifth of the 1% is added labels)."""
    rng = random.Random(seed)
    leaves = range(count // FANOUT + 1, count)  # labels with no children: safe to remove or rename
    picked = rng.sample(leaves, count // 100 * 4 // 5)
    kinds = ("rename", "redefine", "move", "remove")
    return {index: kinds[n % len(kinds)] for n, index in enumerate(picked)}


def write_project(root: Path, count: int, changes: dict[int, str], version: str) -> None:
    (root / "taxonomies").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Benchmark\nplugins:\n  - taxgen\n")
    header = ("taxonomy:\n  id: big\n  title: Big\n  version: " + version + "\n"
              "  task: {kind: single-label, data: text, leaf_only: false}\nlabels:\n")
    chunks: list[list[str]] = [[] for _ in range(FILES)]
    for index in range(count):
        change = changes.get(index)
        parent = None if index < FANOUT else index // FANOUT + (change == "move")
        if change == "remove":
            continue
        entry = label_entry(index, parent,
                            label_id=f"r{index}" if change == "rename" else None,
                            renamed_from=f"l{index}" if change == "rename" else None,
                            definition=f"Items about topic number {index}, revised." if change == "redefine" else None)
        chunks[index * FILES // count].append(entry)
    if changes:  # the rest of the 1% is new labels
        for n in range(count // 100 - len(changes)):
            chunks[-1].append(label_entry(count + n, n % FANOUT, label_id=f"new{n}"))
    for number, chunk in enumerate(chunks):
        head = header if number == 0 else "taxonomy: big\nlabels:\n"
        (root / "taxonomies" / f"part{number:02d}.yaml").write_text(head + "".join(chunk))


def timed(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def run(labels: int, repeat: int) -> float:
    with tempfile.TemporaryDirectory(prefix="taxgen-bench-diff-") as tmp:
        old, new = Path(tmp) / "old", Path(tmp) / "new"
        changes = plan_changes(labels)
        write_project(old, labels, {}, "1.0.0")
        write_project(new, labels, changes, "2.0.0")
        files = sorted((old / "taxonomies").glob("*.yaml"))
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

        t_floor, t_check, t_diff = timed(floor, repeat), timed(check, repeat), timed(diff, repeat)
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
