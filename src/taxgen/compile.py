"""Compile a project's taxonomies into files for labeling tools and pipelines.

``compile_project`` is pure: model in, ``{relative path: bytes}`` and diagnostics out, with one
folder per taxonomy (``sentiment/label-studio.xml``) and ``index.json`` listing every file with
its sha256. ``write_output`` then replaces the output folder as a whole, so a failed compile or
write leaves the previous outputs untouched.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

from .diagnostics import Diagnostic, Location, Severity, sorted_diagnostics
from .loading.config import CONFIG_FILE
from .model import Project, Taxonomy
from .targets import TARGETS, Target
from .targets.canonical import taxonomy_hash
from .targets.common import NOT_APPLICABLE, UNKNOWN_TARGET, json_text
from .writer import current_umask, replace_folder, staging_folder, write_files

INDEX = "index.json"


class Compiled(NamedTuple):
    files: Mapping[str, bytes]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)


class OutputError(Exception):
    """The output folder cannot be (re)placed; the message says why."""


def compile_project(project: Project, targets: Iterable[str] | None = None) -> Compiled:
    """Every taxonomy through every chosen target; nothing is written.

    ``targets``: names from ``TARGETS``; default the project's ``targets`` option, else all. A
    target that cannot take a taxonomy leaves its file out with a warning (a tool limit) or a
    note (the tool does not do this kind of task); for targets chosen by name, see below.
    """
    chosen, explicit, diagnostics = _choose(project, targets)
    files: dict[str, bytes] = {}
    entries = []
    refusals: list[tuple[str, Diagnostic]] = []
    for taxonomy in sorted(project.taxonomies, key=lambda t: t.id):
        entry, taxonomy_files, taxonomy_refusals = _compile_taxonomy(taxonomy, chosen)
        files.update(taxonomy_files)
        entries.append(entry)
        refusals += taxonomy_refusals
    compiled_somewhere = {name for entry in entries for name in entry["files"]}
    for target_name, diagnostic in refusals:
        # Asked for by name: a tool limit is an error; "the tool does not do this task" only when
        # the target compiled for no taxonomy at all (`--target cvat` on a mixed project is fine).
        if explicit and (diagnostic.code != NOT_APPLICABLE or target_name not in compiled_somewhere):
            diagnostic = replace(diagnostic, severity=Severity.ERROR)
        diagnostics.append(diagnostic)
    files[INDEX] = json_text({"generator": "taxgen", "taxonomies": entries}).encode("utf-8")
    return Compiled(files, tuple(sorted_diagnostics(diagnostics)))


def _choose(project: Project, targets: Iterable[str] | None) -> tuple[list[Target], bool, list[Diagnostic]]:
    if targets is not None:
        names = list(dict.fromkeys(targets))
        unknown = [n for n in names if n not in TARGETS]
        if unknown:
            raise ValueError(f"unknown targets: {', '.join(unknown)}")  # the CLI offers only known names
        return [TARGETS[n] for n in names], True, []
    if project.config.targets:
        diagnostics = [
            Diagnostic(UNKNOWN_TARGET, Severity.ERROR, f"unknown compile target '{name}' in the taxgen targets option",
                       Location(CONFIG_FILE), _known_targets_hint(name))
            for name in project.config.targets if name not in TARGETS]
        names = dict.fromkeys(n for n in project.config.targets if n in TARGETS)
        return [TARGETS[n] for n in names], True, diagnostics
    return list(TARGETS.values()), False, []


def _known_targets_hint(name: str) -> str:
    close = difflib.get_close_matches(name, list(TARGETS), n=1)
    return f"did you mean '{close[0]}'?" if close else f"targets: {', '.join(TARGETS)}"


def _compile_taxonomy(taxonomy: Taxonomy, chosen: list[Target]) \
        -> tuple[dict, dict[str, bytes], list[tuple[str, Diagnostic]]]:
    files: dict[str, bytes] = {}
    listed: dict[str, dict] = {}
    skipped: dict[str, str] = {}
    refusals: list[tuple[str, Diagnostic]] = []
    for target in chosen:
        problems = target.check(taxonomy)
        if problems:
            refusals += [(target.name, problem) for problem in problems]
            skipped[target.name] = f"{problems[0].code}: {problems[0].message}"
            continue
        path = f"{taxonomy.id}/{target.file}"
        data = target.render(taxonomy)
        files[path] = data
        listed[target.name] = {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    entry = {"id": taxonomy.id, "title": taxonomy.title, "version": taxonomy.version,
             "content_hash": taxonomy_hash(taxonomy), "files": listed, "skipped": skipped}
    return entry, files, refusals


def write_output(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Replace ``folder`` with exactly ``files``: written to a sibling folder, then swapped in.

    Refuses a folder that holds anything but a previous compile (no index.json), so that
    ``--out`` pointed at the wrong place cannot delete someone's files.
    """
    folder = folder.resolve()
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not (folder / INDEX).is_file())):
        raise OutputError(f"{folder} exists and is not a taxgen output folder (no {INDEX}); "
                          "choose an empty or new folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    with staging_folder(folder) as staging:
        _publish_modes(staging, write_files(staging, files))
        replace_folder(staging, folder)
    return [folder / rel for rel in sorted(files)]


def _publish_modes(staging: Path, written: list[Path]) -> None:
    """Temporary files and folders are private (0600/0700); outputs get the usual umask modes,
    so that a web server or a teammate can read them."""
    umask = current_umask()
    for path in {p.parent for p in written} | {staging}:
        path.chmod(0o777 & ~umask)
    for path in written:
        path.chmod(0o666 & ~umask)
