"""CI runs the atheris target of the loader (fuzz/loader_target.py) for a bounded time.

The target starts from the committed seed corpus (fuzz/corpus/loader); inputs it finds go to
a temporary folder, crashes to another. The run must end by its time limit with no crash,
timeout or out-of-memory report, after a real number of runs. TAXGEN_ATHERIS_SECONDS sets the
time (default 45; 0 skips the test, e.g. for a quick local run).
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from fuzz_helpers import REPO

TARGET = REPO / "fuzz" / "loader_target.py"
CORPUS = REPO / "fuzz" / "corpus" / "loader"
SECONDS = int(os.environ.get("TAXGEN_ATHERIS_SECONDS", "45"))
MEMORY_LIMIT = 4 * 1024 ** 3  # address space of the fuzzing process; libFuzzer's own RSS limit is lower


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_seed_corpus_is_committed():
    seeds = list(CORPUS.iterdir())
    assert len(seeds) >= 50
    assert all(seed.read_bytes()[:1] in (b"\0", b"\1", b"\2", b"\3") for seed in seeds)


@pytest.mark.skipif(SECONDS <= 0, reason="TAXGEN_ATHERIS_SECONDS=0")
def test_loader_target_finds_nothing(tmp_path):
    pytest.importorskip("atheris", reason="atheris is in the test extras; pip install -e '.[test]'")
    found, crashes = tmp_path / "found", tmp_path / "crashes"
    found.mkdir()
    crashes.mkdir()
    command = [sys.executable, str(TARGET), str(found), str(CORPUS), f"-max_total_time={SECONDS}", "-timeout=20",
               "-rss_limit_mb=2048", "-max_len=65536", "-print_final_stats=1", f"-artifact_prefix={crashes}/"]
    memory = "/dev/shm" if os.path.isdir("/dev/shm") else None  # the target's project folder: faster in memory
    with tempfile.TemporaryDirectory(prefix="taxgen-atheris-", dir=memory) as work:
        run = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=SECONDS + 120,
                             preexec_fn=_bounded, env={**os.environ, "TAXGEN_ATHERIS_WORK": work})
    log = run.stderr[-6000:]
    assert run.returncode == 0, f"exit {run.returncode}; libFuzzer says:\n{log}"
    assert not list(crashes.iterdir()), f"crash inputs saved: {sorted(p.name for p in crashes.iterdir())}\n{log}"
    runs = re.search(r"Done (\d+) runs", run.stderr)
    assert runs and int(runs.group(1)) >= 200, f"the target hardly ran:\n{log}"
