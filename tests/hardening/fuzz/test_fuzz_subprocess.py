"""A few fuzz examples through the real console entry point, each in its own process with
bounded memory (RLIMIT_AS) and CPU time (RLIMIT_CPU) and a wall-clock timeout.

In-process runs (the other test files) are fast but cannot bound memory; these cannot be
many, but they run taxgen exactly as a user does (taxgen.cli:run, whose internal-error
message counts as a failure) and with inputs blown up to sizes where time and memory
matter: a token of the format repeated up to 200,000 times (deep nesting, long lines,
many entries).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fuzz_helpers import (CSV_TOKENS, JSON_TOKENS, MARKDOWN_TOKENS, SEED_FILES, XML_TOKENS, YAML_TOKENS, copy_project,
                          fuzz_settings, seed_bytes)
from import_inputs import SEEDS, seed_path

MEMORY_LIMIT = 3 * 1024 ** 3  # bytes of address space; a plain `taxgen check` maps about 1.1 GiB
CPU_SECONDS = 60
WALL_SECONDS = 120
ENTRY = "import sys; from taxgen.cli import run; sys.argv[0] = 'taxgen'; run()"


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_taxgen(args: list, cwd: Path) -> subprocess.CompletedProcess:
    """`taxgen ARGS` in a bounded process; asserts it survived (exit 0/1/2, no traceback, no internal error)."""
    command = [sys.executable, "-c", ENTRY, *map(str, args)]
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, errors="replace",
                              timeout=WALL_SECONDS, preexec_fn=_bounded, env={**os.environ, "NO_COLOR": "1"})
    except subprocess.TimeoutExpired:
        raise AssertionError(f"taxgen {' '.join(map(str, args))} still running after {WALL_SECONDS} s") from None
    shown = f"taxgen {' '.join(map(str, args))}: exit {done.returncode}\n{done.stderr[-3000:]}"
    assert done.returncode in (0, 1, 2), shown  # a signal (e.g. SIGXCPU, SIGSEGV) is negative
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, shown
    assert "MemoryError" not in done.stderr, shown
    if done.returncode:
        assert (done.stdout + done.stderr).strip(), shown
    return done


@st.composite
def amplified(draw, data: bytes, tokens: list[bytes]) -> bytes:
    """``data`` with one of its format's tokens repeated 1,000 to 200,000 times at some point."""
    token = draw(st.sampled_from(tokens))
    count = draw(st.sampled_from([1_000, 20_000, 200_000]))
    at = draw(st.integers(0, len(data)))
    return data[:at] + token * count + data[at:]


PROJECT_FILES = [f for f in SEED_FILES if f[0] == "pets"]
IMPORT_TOKENS = {"label-studio": XML_TOKENS, "csv": CSV_TOKENS, "labelbox": JSON_TOKENS, "cvat": JSON_TOKENS}


@fuzz_settings(examples=6, deadline_seconds=WALL_SECONDS)
@given(data=st.data(), command=st.sampled_from(["check", "compile", "diff"]))
def test_project_commands_survive_amplified_files_in_bounded_processes(data, command):
    seed, rel = data.draw(st.sampled_from(PROJECT_FILES), label="file")
    tokens = MARKDOWN_TOKENS if rel.endswith(".md") else YAML_TOKENS
    content = data.draw(amplified(seed_bytes(seed, rel), tokens), label="content")
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(seed, Path(tmp) / "new")
        (project / rel).write_bytes(content)
        args = {"check": ["check", "--project", project], "compile": ["compile", "--project", project],
                "diff": ["diff", copy_project(seed, Path(tmp) / "old"), project]}[command]
        run_taxgen(args, Path(tmp))


@fuzz_settings(examples=6, deadline_seconds=WALL_SECONDS)
@given(data=st.data(), fmt=st.sampled_from(sorted(IMPORT_TOKENS)))
def test_import_survives_amplified_files_in_bounded_processes(data, fmt):
    rel = SEEDS[fmt][0]
    content = data.draw(amplified(seed_path(rel).read_bytes(), IMPORT_TOKENS[fmt]), label="content")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / Path(rel).name
        source.write_bytes(content)
        run_taxgen(["import", fmt, source, "--out", Path(tmp) / "out"], Path(tmp))


@fuzz_settings(examples=3, deadline_seconds=WALL_SECONDS)
@given(content=amplified(b'{"item": "t1", "annotator": "ana", "label": "billing.refund"}\n', JSON_TOKENS + [b"\n"]))
def test_score_survives_amplified_annotations_in_a_bounded_process(content):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "annotations.jsonl"
        source.write_bytes(content)
        run_taxgen(["score", source, "--project", copy_project("score", Path(tmp))], Path(tmp))
