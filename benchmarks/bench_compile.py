"""Benchmark: `taxgen compile` of every target against `taxgen check` of the same project.

A synthetic project (benchmarks/synthetic.py, one single-label taxonomy five or six levels
deep) is written once. Then, alternating so that a busy machine slows both alike, best of
``--repeat``:

* floor: ``yaml.load(..., Loader=yaml.CSafeLoader)`` of every taxonomy file, for scale;
* check: ``taxgen.check.check_path(root)`` in-process, from a cold start (no build folder);
* compile: ``compile_project`` of every target plus ``write_output`` of all files, on the
  project that check loaded (the CLI runs check first; this is what compiling adds).

Target at 100k labels: compile/check <= 1.0, so that a full build is at most twice a check.

    python benchmarks/bench_compile.py                      # 100,000 labels
    python benchmarks/bench_compile.py --labels 10000 --repeat 5
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_synthetic_project  # noqa: E402

TARGET_RATIO = 1.0
LABELS_PER_FILE = 10_000


def floor_once(root: Path) -> float:
    import yaml

    start = time.perf_counter()
    for path in sorted(root.joinpath("taxonomies").rglob("*.yaml")):
        with open(path, "rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def check_once(root: Path):
    from taxgen.check import check_path

    shutil.rmtree(root / "build", ignore_errors=True)
    start = time.perf_counter()
    result = check_path(root)
    return time.perf_counter() - start, result


def compile_once(project, out: Path) -> tuple[float, int, int]:
    from taxgen.compile import compile_project, write_output

    start = time.perf_counter()
    compiled = compile_project(project)
    write_output(out, compiled.files)
    return time.perf_counter() - start, len(compiled.files), sum(map(len, compiled.files.values()))


def per_target(project) -> list[tuple[str, float]]:
    """Seconds per target (check + render) for the one taxonomy, to see where compile time goes."""
    from taxgen.targets import TARGETS

    (taxonomy,) = project.taxonomies
    out = []
    for target in TARGETS.values():
        start = time.perf_counter()
        if not target.check(taxonomy):
            target.render(taxonomy)
        out.append((target.name, time.perf_counter() - start))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="taxgen-bench-compile-") as tmp:
        root = Path(tmp) / "project"
        write_synthetic_project(root, args.labels, files=max(1, args.labels // LABELS_PER_FILE))
        floors, checks, compiles = [], [], []
        for _ in range(args.repeat):
            floors.append(floor_once(root))
            seconds, result = check_once(root)
            checks.append(seconds)
            assert result.errors == 0, "the synthetic project must pass check"
            seconds, files, size = compile_once(result.project, Path(tmp) / "out")
            compiles.append(seconds)
        floor, check, compile_ = min(floors), min(checks), min(compiles)
        ratio = compile_ / check
        print(f"labels: {result.project.label_count:,}  files written: {files} ({size / 1e6:.1f} MB)")
        print(f"floor (PyYAML C loader): {floor:7.2f} s")
        print(f"check:                   {check:7.2f} s  ({check / floor:.2f}x floor)")
        print(f"compile (all targets):   {compile_:7.2f} s  ({compile_ / floor:.2f}x floor)")
        print(f"compile / check:         {ratio:7.2f}   (target <= {TARGET_RATIO:.1f})")
        print("per target (check + render):")
        for name, seconds in per_target(result.project):
            print(f"  {name:<13} {seconds:6.2f} s")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
