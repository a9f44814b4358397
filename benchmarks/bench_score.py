"""Benchmark: `taxgen score` of one million annotation records (target: under 30 s), against a floor.

A synthetic project (a 60-label, two-level single-label taxonomy with golden items) and a JSON
Lines file of records are written once; then, in-process:

* floor: ``json.loads`` of every line, the least any scorer of this file must do;
* score: read, parse, check against the taxonomy, score against the golden items and between
  annotators, and render the JSON report (what `taxgen score FILE --out report.json` does
  after loading the project).

Two shapes of data, each with 1,000,000 records by default:

* ``production``: 200,000 items, each labeled by 5 of 60 annotators; 2,000 of them golden;
* ``calibration``: 5,000 golden items, each answered by 200 annotators (every pair of
  annotators shares every item, the heaviest case for Cohen's kappa by pair).

    python benchmarks/bench_score.py
    python benchmarks/bench_score.py --records 200000 --shapes production --repeat 3
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 30.0
PARENTS, CHILDREN = 12, 5  # 12 parents with 5 leaves each: 72 labels, 60 selectable


def write_project(root: Path, golden_items: int) -> list[str]:
    """A project with one taxonomy `bench`; returns the selectable (leaf) label ids."""
    leaves = [f"p{p}.c{c}" for p in range(PARENTS) for c in range(CHILDREN)]
    lines = ["taxonomy:", "  id: bench", "  title: Benchmark", "  version: 1.0.0", "  task:",
             "    kind: single-label", "labels:"]
    for p in range(PARENTS):
        lines += [f"  - id: p{p}", f"    name: Parent {p}", f"    definition: Parent label {p}."]
        for c in range(CHILDREN):
            lines += [f"  - id: p{p}.c{c}", f"    name: Child {p}.{c}", f"    parent: p{p}",
                      f"    definition: Leaf label {p}.{c}.", f"    examples: [\"An example of {p}.{c}.\"]"]
    folder = root / "taxonomies" / "bench"
    folder.mkdir(parents=True)
    (folder / "taxonomy.yaml").write_text("\n".join(lines) + "\n")
    rng = random.Random(1)
    golden = ["taxonomy: bench", "golden_items:"]
    for index in range(golden_items):
        golden.append(f"  - {{id: g{index}, input: \"Golden item {index}.\", expected: {leaves[index % len(leaves)]}, "
                      "rationale: Synthetic.}")
    (folder / "golden.yaml").write_text("\n".join(golden) + "\n")
    (root / "mkdocs.yml").write_text("site_name: bench\nplugins:\n  - taxgen\n")
    rng.shuffle(leaves)
    return leaves


def write_records(path: Path, leaves: list[str], records: int, shape: str) -> None:
    """Answers that are right 70% of the time, else a sibling (20%) or any leaf (10%)."""
    rng = random.Random(2)
    if shape == "production":
        raters, pool, golden = 5, 60, 2_000
    else:
        raters, pool, golden = 200, 200, 5_000
    items = max(1, records // raters)
    with path.open("w") as out:
        for item in range(items):
            item_id = f"g{item}" if shape == "calibration" or item < golden else f"i{item}"
            truth = leaves[item % len(leaves)] if item_id.startswith("g") else rng.choice(leaves)
            parent = truth.split(".")[0]
            for annotator in rng.sample(range(pool), raters):
                roll = rng.random()
                label = truth if roll < 0.7 else f"{parent}.c{rng.randrange(CHILDREN)}" if roll < 0.9 \
                    else rng.choice(leaves)
                out.write(json.dumps({"item": item_id, "annotator": f"annotator-{annotator:03d}", "label": label}))
                out.write("\n")


def floor(path: Path) -> float:
    start = time.perf_counter()
    loads = json.loads
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            loads(line)
    return time.perf_counter() - start


def score(project, path: Path) -> tuple[float, dict]:
    from taxgen.score import Problems, decode_annotations, parse_annotations, score_records
    from taxgen.score.reporters import FORMATS

    start = time.perf_counter()
    problems = Problems()
    text = decode_annotations(path.read_bytes(), str(path), problems)
    report = score_records(project, parse_annotations(text, str(path), problems), problems)
    FORMATS["json"](report.to_dict())
    elapsed = time.perf_counter() - start
    assert not problems.errors, problems.diagnostics()[:3]
    return elapsed, report.to_dict()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--shapes", nargs="+", choices=["production", "calibration"],
                        default=["production", "calibration"])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    from taxgen.check import check_path

    failed = False
    for shape in args.shapes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            leaves = write_project(root, 5_000)
            project = check_path(root).project
            path = root / "annotations.jsonl"
            write_records(path, leaves, args.records, shape)
            base = min(floor(path) for _ in range(args.repeat))
            runs = [score(project, path) for _ in range(args.repeat)]
            seconds = min(run[0] for run in runs)
            section = runs[0][1]["taxonomies"][0]
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            verdict = "ok" if seconds < TARGET_SECONDS else "TOO SLOW"
            failed |= seconds >= TARGET_SECONDS
            print(f"{shape:<12} {args.records:>9,} records  score {seconds:6.2f} s  floor (json.loads) {base:5.2f} s  "
                  f"ratio {seconds / base:4.1f}x  peak {peak:6.0f} MB  target < {TARGET_SECONDS:.0f} s: {verdict}")
            print(f"{'':12} {section['golden']['answers']:,} golden answers, "
                  f"{len(section['agreement']['cohen_kappa']):,} annotator pairs, "
                  f"Krippendorff's alpha {section['agreement']['krippendorff_alpha']['value']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
