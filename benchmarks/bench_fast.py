"""Benchmark of issue 8: `taxgen check` against the fastest YAML parser's bare load of the same files.

A synthetic taxonomy in the issue's label shape (benchmarks/synthetic.py, ``shape="lean"``: id,
name, parent, definition, two synonyms and three examples per label; about 35 MB at 100k labels)
is written twice: as one file, and split across 100 files. For each layout, in fresh
subprocesses and alternating so that a busy machine slows them alike:

* floor: ``yaml_rs.loads`` of every taxonomy file (read and decoded too, as check does), the
  faster of a run with Python's garbage collector on and one with it off;
* cold: ``taxgen check`` (``incremental.check_with_state(root)``) with no cache (the build
  folder removed first), timed as load (parse, schema, model) plus the rest (rules, and the
  state kept for the next check); the peak memory is its process's max RSS plus that of its
  read-ahead worker (loading/readahead.py: on Linux with two processors, a forked process reads
  the files while the check builds the model);
* warm: the same after one label's definition was edited in one file, the state of the
  previous check present: it reads that file, compares the labels the edit touched with
  their previous version and keeps the rest of the findings (incremental.py). In the
  one-file layout that file is the whole taxonomy: the edit is found in it all the same;
* graph: then a label's parent changed in the same file (no target): a re-check cannot take
  that, so it is a full check (clean files are read by yaml-rs alone, loading/lazy.py);
* PyYAML: ``yaml.load(..., Loader=yaml.CSafeLoader)`` of the same files, for scale.

Imports happen before the clock starts, in every child alike. Each figure is the best of
``--repeat`` runs (peak memory: the largest). Targets (issue 8): cold/floor <= 3,
warm/cold <= 0.10, peak < 1 GB. Exits 1 when a target is missed.

    python benchmarks/bench_fast.py                          # 100k labels, 1 and 100 files, best of 3
    python benchmarks/bench_fast.py --labels 10000 --repeat 2
    python benchmarks/bench_fast.py --layouts 100 --no-pyyaml
    python benchmarks/bench_fast.py --profile 100            # cProfile of one cold check of that layout
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

TARGET_COLD_RATIO = 3.0
TARGET_WARM_RATIO = 0.10
TARGET_PEAK_MB = 1024
DEFINITION = "    definition: "
PARENT = "    parent: "


# ---- what each child process measures ------------------------------------------------------------
def taxonomy_files(root: Path) -> list[Path]:
    return sorted(root.joinpath("taxonomies").rglob("*.yaml"))


def floor_once(root: Path) -> dict:
    """The faster of two loads, with Python's garbage collector on and off: check pauses it
    while loading, so the floor may too (it matters for one big file)."""
    import gc

    import yaml_rs

    paths = taxonomy_files(root)
    seconds = []
    for collect in (True, False):
        if collect:
            gc.enable()
        else:
            gc.disable()
        start = time.perf_counter()
        loaded = [yaml_rs.loads(path.read_bytes().decode("utf-8"), parse_datetime=False) for path in paths]
        seconds.append(time.perf_counter() - start)
        del loaded
    return {"seconds": min(seconds)}


def pyyaml_once(root: Path) -> dict:
    import yaml

    paths = taxonomy_files(root)
    start = time.perf_counter()
    for path in paths:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    return {"seconds": time.perf_counter() - start}


def check_once(root: Path) -> dict:
    """One check as `taxgen check` runs it (incremental.check_with_state: a re-check of what
    changed when the state of an earlier check is there), timed as loading and the rest."""
    from taxgen import incremental
    from taxgen.loading.project import ProjectLoader

    loading = []
    original_load = ProjectLoader.load

    def timed_load(self):
        start = time.perf_counter()
        try:
            return original_load(self)
        finally:
            loading.append(time.perf_counter() - start)

    ProjectLoader.load = timed_load
    start = time.perf_counter()
    outcome = incremental.check_with_state(root)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "load": sum(loading), "rules": seconds - sum(loading),
            "errors": outcome.errors, "labels": outcome.labels,
            "read": "all" if outcome.rechecked is None else str(len(outcome.rechecked)),
            "peak_mb": _peak_mb()}


def _peak_mb() -> float:
    """The check's peak memory: its own, plus its read-ahead worker's (loading/readahead.py: a
    child, waited for, so counted in RUSAGE_CHILDREN) as if both peaked at once. Linux: KiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (own + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def cold_once(root: Path) -> dict:
    shutil.rmtree(root / "build", ignore_errors=True)  # no cache from an earlier run
    return check_once(root)


def breakdown_once(root: Path) -> dict:
    """Where a cold check's time goes: its stages and rules timed by wrapping them (one run, for
    the proportions; the wrappers add a little time)."""
    import dataclasses

    from taxgen.loading import cache, fast, fast_schema, lazy, project, readahead, yaml_source
    from taxgen.rules import RULES

    spent: dict[str, float] = {}

    def timed(name: str, function, consume: bool = False):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = function(*args, **kwargs)
                return list(result) if consume else result
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
        return wrapper

    fast._Reader.read = timed("located reader", fast._Reader.read)
    fast._same_as_fast_parser = timed("yaml-rs cross-check", fast._same_as_fast_parser)
    yaml_source.parse_yaml = timed("reference loader", yaml_source.parse_yaml)
    fast_schema.known_valid = timed("schema + cache write", fast_schema.known_valid)
    cache.DocumentCache.put = timed("cache write", cache.DocumentCache.put)
    project._labels_of = timed("model: labels", project._labels_of)
    project._built_ahead = timed("model: labels (files read ahead)", project._built_ahead)
    readahead.ReadAhead._receive = timed("read ahead: waiting for the worker, unmarshalling", readahead.ReadAhead._receive)
    readahead.Assembly.__init__ = timed("read ahead: label lines", readahead.Assembly.__init__)
    readahead.Assembly.add = timed("read ahead: label lines", readahead.Assembly.add)
    lazy.read_lazily = timed("lazy read", lazy.read_lazily)
    lazy._safe = timed("lazy read: guard", lazy._safe)
    lazy.certainly_valid = timed("lazy read: schema (jsonschema-rs)", lazy.certainly_valid)
    for code, info in list(RULES.items()):
        if info.check is not None:
            RULES[code] = dataclasses.replace(info, check=timed(f"rule {code} {info.name}", info.check, consume=True))
    measured = cold_once(root)
    spent["schema"] = spent.pop("schema + cache write", 0.0) - spent.get("cache write", 0.0)
    spent["lazy read: yaml-rs"] = (spent.pop("lazy read", 0.0) - spent.get("lazy read: guard", 0.0)
                                   - spent.get("lazy read: schema (jsonschema-rs)", 0.0))
    stages = sum(seconds for name, seconds in spent.items() if not name.startswith("rule "))
    spent["other loading (reading files, model, cache lookups)"] = measured["load"] - stages
    return {"load": measured["load"], "rules": measured["rules"], "spent": spent}


CHILDREN = {"floor": floor_once, "pyyaml": pyyaml_once, "cold": cold_once, "warm": check_once,
            "breakdown": breakdown_once}


def in_child(kind: str, root: Path) -> dict:
    """``kind`` measured in a fresh interpreter (nothing imported or cached in memory before)."""
    completed = subprocess.run([sys.executable, __file__, "--child", kind, str(root)],
                               capture_output=True, text=True, env=dict(os.environ))
    if completed.returncode != 0:
        sys.exit(f"the {kind} run failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout)


# ---- the parent: projects, edits, alternation, table ---------------------------------------------
def edited_file(root: Path, files: int) -> Path:
    """The file the warm check finds edited: the whole taxonomy, or one in the middle of 100."""
    paths = [path for path in taxonomy_files(root)]
    return paths[len(paths) // 2] if files > 1 else paths[0]


def edit_one_definition(path: Path, run: int) -> None:
    """Change the first label's definition in ``path``; every run writes a new text, so no cache hit."""
    text = path.read_text(encoding="utf-8")
    start = text.index(DEFINITION) + len(DEFINITION)
    end = text.index("\n", start)
    path.write_text(f"{text[:start]}Edited for warm run {run}, a message about billing.{text[end:]}",
                    encoding="utf-8")


def edit_one_parent(path: Path) -> None:
    """Move the first label with a parent in ``path`` under another root: a graph edit, which
    a re-check cannot take (every project rule runs again), the project still clean."""
    text = path.read_text(encoding="utf-8")
    start = text.index(PARENT) + len(PARENT)
    end = text.index("\n", start)
    root = "topic-000001" if text[start:end] != "topic-000001" else "topic-000002"
    path.write_text(f"{text[:start]}{root}{text[end:]}", encoding="utf-8")


def measure_layout(folder: Path, labels: int, files: int, repeat: int, pyyaml: bool, breakdown: bool) -> dict:
    project = write_synthetic_project(folder, labels, files=files, shape="lean")
    root = project.root
    target = edited_file(root, files)
    runs: dict[str, list[dict]] = {"floor": [], "cold": [], "warm": [], "graph": [], "pyyaml": []}
    for run in range(repeat):
        runs["floor"].append(in_child("floor", root))
        runs["cold"].append(in_child("cold", root))  # leaves the cache of the unedited project
        edit_one_definition(target, run)
        runs["warm"].append(in_child("warm", root))
        edit_one_parent(target)
        runs["graph"].append(in_child("warm", root))
        if pyyaml:
            runs["pyyaml"].append(in_child("pyyaml", root))
    for kind in ("cold", "warm", "graph"):
        for measured in runs[kind]:
            if measured["errors"] or measured["labels"] != labels:
                sys.exit(f"the synthetic project did not check clean ({kind}): {measured}")
    best = {kind: min(measured, key=lambda m: m["seconds"]) for kind, measured in runs.items() if measured}
    size_mb = sum(path.stat().st_size for path in taxonomy_files(root)) / 1e6
    return {"files": files, "size_mb": size_mb, "best": best,
            "peak_mb": max(measured["peak_mb"] for measured in runs["cold"]),
            "breakdown": in_child("breakdown", root) if breakdown else None}


def report(layouts: list[dict], labels: int, repeat: int) -> bool:
    """Print the table; True when every target is met."""
    print(f"{labels:,} labels (issue 8 shape), best of {repeat}; times in seconds, imports excluded")
    print(f"{'files':>5} {'MB':>5} | {'floor':>6} {'cold':>6} {'(load':>6} {'rest)':>6} {'warm':>6} "
          f"{'re-read':>7} {'graph':>6} {'PyYAML':>7} | {'cold/floor':>10} {'warm/cold':>9} {'peak MB':>8} {'PyYAML/cold':>11}")
    met = True
    for layout in layouts:
        best = layout["best"]
        floor, cold, warm = best["floor"]["seconds"], best["cold"]["seconds"], best["warm"]["seconds"]
        pyyaml = best["pyyaml"]["seconds"] if "pyyaml" in best else float("nan")
        cold_ratio, warm_ratio, peak = cold / floor, warm / cold, layout["peak_mb"]
        met &= cold_ratio <= TARGET_COLD_RATIO and warm_ratio <= TARGET_WARM_RATIO and peak < TARGET_PEAK_MB
        print(f"{layout['files']:>5} {layout['size_mb']:>5.1f} | {floor:>6.2f} {cold:>6.2f} "
              f"{best['cold']['load']:>6.2f} {best['cold']['rules']:>6.2f} {warm:>6.2f} "
              f"{best['warm']['read']:>7} {best['graph']['seconds']:>6.2f} "
              f"{pyyaml:>7.2f} | {_mark(cold_ratio, TARGET_COLD_RATIO, '.2f'):>10} "
              f"{_mark(warm_ratio, TARGET_WARM_RATIO, '.2f'):>9} {_mark(peak, TARGET_PEAK_MB, '.0f'):>8} "
              f"{pyyaml / cold:>11.1f}")
    print(f"targets: cold/floor <= {TARGET_COLD_RATIO}, warm/cold <= {TARGET_WARM_RATIO}, peak < {TARGET_PEAK_MB} MB "
          "(* = missed). floor = yaml_rs.loads of the same files; warm = after editing one label's definition in "
          "one file (1 file: the whole taxonomy); re-read = the files the warm check read again ('all': it checked "
          "everything); rest = rules and the check's state; graph = a check after a label's parent changed "
          "in that file (a full check; no target)")
    for layout in layouts:
        if layout["breakdown"]:
            print_breakdown(layout)
    return met


def print_breakdown(layout: dict) -> None:
    """The stages of one cold check, in seconds and in floors (the best floor of the run)."""
    floor = layout["best"]["floor"]["seconds"]
    spent = layout["breakdown"]["spent"]
    print(f"\nwhere a cold check's time goes, {layout['files']} file(s) (one instrumented run; x = times the floor):")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        if seconds >= 0.01:
            print(f"  {seconds:7.2f} s {seconds / floor:6.1f} x  {name}")


def _mark(value: float, target: float, spec: str) -> str:
    return f"{value:{spec}}" + ("" if value <= target else "*")


def profile(labels: int, files: int) -> None:
    import cProfile
    import pstats

    from taxgen.check import check_path

    with tempfile.TemporaryDirectory(prefix="taxgen-bench-fast-") as tmp:
        root = write_synthetic_project(Path(tmp), labels, files=files, shape="lean").root
        profiler = cProfile.Profile()
        profiler.runcall(check_path, root)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=int, default=100_000)
    parser.add_argument("--layouts", type=int, nargs="+", default=[1, 100], metavar="FILES",
                        help="how many files the taxonomy is split across (default: 1 and 100)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pyyaml", dest="pyyaml", action="store_false", help="skip the PyYAML load (slow)")
    parser.add_argument("--no-breakdown", dest="breakdown", action="store_false",
                        help="skip the instrumented run that shows where a cold check's time goes")
    parser.add_argument("--profile", type=int, metavar="FILES", help="profile one cold check of this layout")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, root = args.child
        print(json.dumps(CHILDREN[kind](Path(root))))
        return 0
    if args.profile:
        profile(args.labels, args.profile)
        return 0
    layouts = []
    for files in args.layouts:
        with tempfile.TemporaryDirectory(prefix="taxgen-bench-fast-") as tmp:
            layouts.append(measure_layout(Path(tmp), args.labels, files, args.repeat, args.pyyaml, args.breakdown))
    return 0 if report(layouts, args.labels, args.repeat) else 1


if __name__ == "__main__":
    sys.exit(main())
