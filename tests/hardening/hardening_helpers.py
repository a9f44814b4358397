"""Helpers of the hardening tests (a module of its own: `from conftest import` is ambiguous across test folders)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from taxgen.cli import main

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures" / "hardening"
BASE = FIXTURES / "base"
CORPUS = FIXTURES / "corpus"
HOSTILE_YAML = TESTS / "fixtures" / "hostile"  # the YAML corpus of tests/foundation/test_hostile_inputs.py
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


def copy_base(tmp_path: Path, name: str = "project") -> Path:
    """A fresh copy of the base project (it passes `taxgen check --strict` and builds)."""
    project = tmp_path / name
    shutil.copytree(BASE, project, ignore=shutil.ignore_patterns("build", "site"))
    return project


def cli(*args: str | Path) -> Run:
    """`taxgen ARGS` in this process; a Python exception escaping the command fails the test."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"taxgen {' '.join(map(str, args))} raised") from result.exception
    run = Run(result.exit_code, result.stdout, result.stderr)
    assert_no_crash(run)
    return run


def console(*args: str | Path, env: dict | None = None, cwd: Path | None = None, timeout: float = 120,
            preload: str | None = None) -> Run:
    """`taxgen ARGS` as its own process (the console entry point); ``preload`` names a module of this
    folder imported first (e.g. ``reorder_fs``)."""
    code = (f"import {preload}; " if preload else "") + "from taxgen.cli import run; run()"
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    if preload:
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), environment.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, env=environment,
                          cwd=cwd, timeout=timeout)
    run = Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
    assert_no_crash(run)
    return run


def assert_no_crash(run: Run) -> None:
    """Exit 0, 1 or 2 with messages: never a traceback, never taxgen's internal-error line."""
    assert run.exit_code in (0, 1, 2), run
    assert "Traceback" not in run.text, run.text[-3000:]
    assert "internal error" not in run.text, run.text[-3000:]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (links not followed) by relative path, with its bytes; links as '-> target'."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):  # links to folders are listed, not followed
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[rel] = b"-> " + os.fsencode(os.readlink(path))
            elif path.is_file():
                out[rel] = path.read_bytes()
    return dict(sorted(out.items()))


# ---- auditing built HTML: nothing from a project may become live markup ----

MARKER = "TGXSS"  # every payload of the markup fixture names it
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster", "background",
                  "cite", "ping", "codebase", "manifest", "lowsrc", "dynsrc"}
NEVER = {"iframe", "object", "embed", "frame", "frameset", "applet", "base"}  # neither the theme nor taxgen writes them
_BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)


class Audit(HTMLParser):
    """Collects every live element or attribute that could run a payload."""

    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where, self.found, self.open = where, [], []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)
        if tag in NEVER:
            self.found.append(f"<{tag}>")
        if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs):
            self.found.append("<meta http-equiv=refresh>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=>")
            squeezed = re.sub(r"[\x00-\x20]", "", value)  # browsers ignore these inside a scheme
            if name in URL_ATTRIBUTES and (_BAD_SCHEME.match(squeezed) or MARKER in value):
                self.found.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "style" and MARKER in value:
                self.found.append(f"<{tag} style=...{MARKER}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        if self.open and self.open[-1] in ("script", "style") and MARKER in data:
            self.found.append(f"<{self.open[-1]}> holding {MARKER}")


def audit(html: str, where: str) -> list[str]:
    parser = Audit(where)
    parser.feed(html)
    parser.close()
    return [f"{where}: {finding}" for finding in parser.found]
