"""Benchmark: `taxgen check` against merely parsing the same YAML with PyYAML's C loader.

For each size a synthetic project (benchmarks/synthetic.py) is written once. Then, in fresh
subprocesses:

* floor: ``yaml.load(..., Loader=yaml.CSafeLoader)`` of every YAML file `check` reads;
* check: ``taxgen.check.check_path(root)`` in-process (load, schema, model, every rule), as it
  ships, from a cold start: the build folder (where a parse cache may live) is removed first;
* reference: the same with ``TAXGEN_PARSER=pyyaml``, the reference loader and validator alone.

Floor and check runs alternate, so a busy machine slows both alike; each time is the best
of ``--repeat`` runs. Peak memory (max RSS) is that of a process that runs one check only, plus
that of its read-ahead worker when it forks one (loading/readahead.py).
Targets at 100k labels: check/floor <= 1.5 and peak < 1.5 GB.

    python benchmarks/bench_check.py                        # 1k, 10k, 100k labels
    python benchmarks/bench_check.py --sizes 10000 --repeat 5
    python benchmarks/bench_check.py --profile 100000       # cProfile of one check, top 30 by cumulative time
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_synthetic_project  # noqa: E402

TARGET_RATIO = 1.5
TARGET_PEAK_MB = 1536
LABELS_PER_FILE = 10_000
REFERENCE = {"TAXGEN_PARSER": "pyyaml"}


def project_for(folder: Path, labels: int) -> Path:
    write_synthetic_project(folder, labels, files=max(1, labels // LABELS_PER_FILE))
    return folder


def yaml_files(root: Path) -> list[Path]:
    return sorted(root.joinpath("taxonomies").rglob("*.yaml"))


def floor_once(root: Path) -> float:
    import yaml

    start = time.perf_counter()
    for path in yaml_files(root):
        with open(path, "rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def check_once(root: Path):
    from taxgen.check import check_path

    shutil.rmtree(root / "build", ignore_errors=True)  # no cache from an earlier run
    start = time.perf_counter()
    result = check_path(root)
    return time.perf_counter() - start, result


def child_times(root: Path, repeat: int) -> dict:
    floor, check = [], []
    for _ in range(repeat):
        floor.append(floor_once(root))
        seconds, result = check_once(root)
        check.append(seconds)
    return {"floor": min(floor), "check": min(check), "errors": result.errors, "labels": result.project.label_count}


def child_peak(root: Path) -> dict:
    check_once(root)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: KiB
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the read-ahead worker (loading/readahead.py)
    return {"peak_mb": (own + worker) / 1024}  # as if both peaked at once


def in_subprocess(kind: str, root: Path, repeat: int, env: dict | None = None) -> dict:
    completed = subprocess.run([sys.executable, __file__, "--child", kind, str(root), "--repeat", str(repeat)],
                               capture_output=True, text=True, check=True, env={**os.environ, **(env or {})})
    return json.loads(completed.stdout)


def profile(labels: int) -> None:
    import cProfile
    import pstats

    from taxgen.check import check_path

    with tempfile.TemporaryDirectory() as tmp:
        root = project_for(Path(tmp), labels)
        profiler = cProfile.Profile()
        profiler.runcall(check_path, root)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "ROOT"), help=argparse.SUPPRESS)
    parser.add_argument("--profile", type=int, metavar="LABELS", help="profile one check of this many labels")
    args = parser.parse_args()
    if args.child:
        kind, root = args.child
        print(json.dumps(child_times(Path(root), args.repeat) if kind == "times" else child_peak(Path(root))))
        return
    if args.profile:
        profile(args.profile)
        return

    print(f"{'labels':>8} {'files':>5} {'YAML MB':>7} {'floor s':>8} {'check s':>8} {'ratio':>6} {'peak MB':>8}"
          f" | {'reference s':>11} {'ratio':>6} {'peak MB':>8}")
    missed = False
    for labels in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = project_for(Path(tmp), labels)
            files = yaml_files(root)
            size_mb = sum(p.stat().st_size for p in files) / 1e6
            shipped = in_subprocess("times", root, args.repeat)
            shipped_peak = in_subprocess("peak", root, 1)["peak_mb"]
            reference = in_subprocess("times", root, args.repeat, REFERENCE)
            reference_peak = in_subprocess("peak", root, 1, REFERENCE)["peak_mb"]
        for run in (shipped, reference):
            if run["errors"] or run["labels"] != labels:
                sys.exit(f"the synthetic project did not check clean: {run}")
        ratio = shipped["check"] / shipped["floor"]
        ok = ratio <= TARGET_RATIO and shipped_peak < TARGET_PEAK_MB
        missed |= not ok and labels >= 100_000
        print(f"{labels:>8,} {len(files):>5} {size_mb:>7.1f} {shipped['floor']:>8.2f} {shipped['check']:>8.2f} "
              f"{ratio:>6.2f} {shipped_peak:>8.0f} | {reference['check']:>11.2f} "
              f"{reference['check'] / reference['floor']:>6.2f} {reference_peak:>8.0f}  {'ok' if ok else 'MISSED'}")
    print(f"targets: check/floor <= {TARGET_RATIO} and peak < {TARGET_PEAK_MB} MB (as shipped, at 100k labels); "
          "reference = TAXGEN_PARSER=pyyaml (PyYAML events + jsonschema, no fast parser, no cache)")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
