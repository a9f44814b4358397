"""The I/O edge of the diff: a version of the project is a folder, or a git revision read with git.

A revision is never checked out: its files are listed with ``git ls-tree`` and read with one
``git cat-file --batch`` into a temporary folder, which is loaded like any project folder.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..check import apply_settings
from ..diagnostics import Diagnostic, Severity
from ..loading.config import CONFIG_FILE, read_config
from ..loading.project import load_project
from ..loading.yaml_source import MAX_FILE_BYTES
from ..model import Project
from ..writer import write_files

_REGULAR_MODES = {"100644", "100755"}
_SYMLINK_MODE = "120000"


class SourceError(Exception):
    """OLD or NEW cannot be read at all (no such folder or revision, git missing): a usage error."""


@dataclass(frozen=True)
class Version:
    spec: str  # as the user wrote it
    title: str  # for reports, e.g. "main (1a2b3c4d5e6f)"
    display_prefix: str  # prepended to project-relative paths, e.g. "old/" or "main:"
    project: Project
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    def display_path(self, rel: str) -> str:
        return self.display_prefix + rel


def open_version(spec: str, project_root: Path | None) -> Version:
    """Load ``spec``: an existing folder is a project root; anything else a revision of the
    repository holding ``project_root`` (required then)."""
    folder = Path(spec)
    if folder.is_dir():
        prefix = "" if folder.resolve() == Path.cwd().resolve() else folder.as_posix().rstrip("/") + "/"
        return _loaded(spec, f"{spec} (folder)", prefix, folder)
    if project_root is None:
        raise SourceError(f"'{spec}' is not a folder; to read a git revision, run inside the project or pass --project")
    return _revision(spec, project_root)


def _loaded(spec: str, title: str, prefix: str, root: Path) -> Version:
    loaded = load_project(root)
    diagnostics = apply_settings(loaded.diagnostics, loaded.project.config)
    shown = tuple(replace(d, location=replace(d.location, path=prefix + d.location.path)) for d in diagnostics)
    return Version(spec, title, prefix, loaded.project, shown)


def _revision(spec: str, project_root: Path) -> Version:
    if spec.startswith("-"):
        raise SourceError(f"'{spec}' is neither a folder nor a git revision")
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], project_root).decode().strip()).resolve()
    except SourceError as exc:
        raise SourceError(f"'{spec}' is not a folder, and it cannot be read as a git revision: {exc}") from None
    try:
        prefix = project_root.resolve().relative_to(top).as_posix()
    except ValueError:  # pragma: no cover - the project is inside the repository git reported
        raise SourceError(f"{project_root} is not inside the git repository at {top}")
    prefix = "" if prefix == "." else prefix + "/"
    commit = _resolve_commit(spec, top)
    with tempfile.TemporaryDirectory(prefix="taxgen-diff-") as tmp:
        root = Path(tmp)
        _extract(top, commit, [prefix + CONFIG_FILE], prefix, root)
        config, _ = read_config(root)  # its diagnostics are reported by the load below
        _extract(top, commit, [prefix + config.taxonomies_dir, prefix + config.guidelines_dir], prefix, root)
        return _loaded(spec, f"{spec} ({commit[:12]})", f"{spec}:{prefix}", root)


def _resolve_commit(spec: str, top: Path) -> str:
    try:
        out = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}"], top)
    except SourceError:
        raise SourceError(f"'{spec}' is neither a folder nor a git revision of {top}") from None
    return out.decode().strip()


def _extract(top: Path, commit: str, paths: list[str], prefix: str, dest: Path) -> None:
    """Copy the blobs under ``paths`` at ``commit`` into ``dest`` (paths relative to the project)."""
    listing = _git(["ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", *paths], top)
    entries, oversized = [], {}
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, sha, size = meta.decode().split()
        rel = path.decode("utf-8", "surrogateescape")
        if kind != "blob" or not rel.startswith(prefix) or mode not in (*_REGULAR_MODES, _SYMLINK_MODE):
            continue
        if mode in _REGULAR_MODES and int(size) > MAX_FILE_BYTES:
            oversized[rel[len(prefix):]] = int(size)  # never read from git: the loader refuses it by size
        else:
            entries.append((mode, sha, rel[len(prefix):]))
    _placeholders(dest, oversized)
    if not entries:
        return
    blobs = _cat_blobs(top, [sha for _, sha, _ in entries])
    files = {rel: blobs[sha] for mode, sha, rel in entries if mode in _REGULAR_MODES}
    write_files(dest, files)
    for mode, sha, rel in entries:
        if mode == _SYMLINK_MODE:  # recreated, so the loader reports links that leave the project
            link = dest / PurePosixPath(rel)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.fsdecode(blobs[sha]), link)


def _placeholders(dest: Path, sizes: dict[str, int]) -> None:
    """Sparse files of the blobs' sizes (no disk space, no bytes read), so that the loader reports
    an over-large file in a revision (TG007) exactly as it does in a folder."""
    write_files(dest, dict.fromkeys(sizes, b""))
    for rel, size in sizes.items():
        os.truncate(dest / PurePosixPath(rel), size)


def _cat_blobs(top: Path, shas: list[str]) -> dict[str, bytes]:
    """Contents of many blobs through one ``git cat-file --batch`` process."""
    unique = list(dict.fromkeys(shas))
    out = _git(["cat-file", "--batch"], top, stdin="".join(f"{sha}\n" for sha in unique).encode())
    blobs: dict[str, bytes] = {}
    offset = 0
    for sha in unique:
        header_end = out.index(b"\n", offset)
        _sha, _kind, size = out[offset:header_end].decode().split()
        start = header_end + 1
        blobs[sha] = out[start:start + int(size)]
        offset = start + int(size) + 1  # the content is followed by a newline
    return blobs


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except FileNotFoundError:
        raise SourceError("git is not installed; pass folders instead of revisions") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip() or f"git {args[0]} failed"
        raise SourceError(message)
    return done.stdout
