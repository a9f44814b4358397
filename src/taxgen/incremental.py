"""`taxgen check` again after an edit: only the edited taxonomy files are read and checked.

A check stores what it found in ``<build_dir>/.cache/check/state``: every input file's
content hash, the project's settings, and each diagnostic with where it came from. The next
check lists and hashes the files; when only taxonomy files changed, and each changed in its
prose alone (definitions, rules' and examples' texts: nothing the project rules read), it:

* reads just those files (their previous version comes from the document cache) and
  compares the two versions value by value, prose masked;
* runs the label rules (RuleInfo.scope == "label") over the labels of each changed file;
* keeps every other finding, since the project rules (the cross-file graph checks) would
  find exactly the same, and moves those located in a changed file to the new line and
  column of the same value (lines move when an edit adds or removes some).

Anything else (a file added, removed or renamed; a graph field such as an id, parent, name
or synonym changed; a golden, guideline or settings file edited; a file that does not parse
or fit the schema; a finding that cannot be placed exactly) makes it a full check, which
then stores the state for the next one. The result is always the one a full check gives:
tests compare the two after many kinds of edit. The state is marshal data behind a checksum
keyed with the same secret as the document cache (loading/cache.py); one that does not
verify is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from . import __version__
from .check import DiagnosticCounts, apply_settings, check_project, run_rules
from .diagnostics import Diagnostic, Location, Severity, sorted_diagnostics
from .loading import cache as document_cache
from .loading import schema
from .loading.fast import fast_path_enabled, gc_paused
from .loading.project import YAML_SUFFIXES, ProjectLoader, content_hash
from .loading.references import media_problem
from .model import Project
from .rules import RULES

STATE_FILE = ".cache/check/state"
FORMAT = b"taxgen-check-state-1\n"
_CROSS_FILE_LOADER_CODES = frozenset({"TG012", "TG207"})  # the loader's findings that compare files
# A re-check reads each edited file in both versions and compares them: when the edited
# files are more than a quarter of a big project, a full check is faster. (A small project
# takes milliseconds either way.)
_MOST_CHANGED = 4
_SMALL_PROJECT_BYTES = 1_000_000
_PROSE = "\0prose"  # what any prose text is compared as
_PROSE_FIELDS = {"use_when": (), "do_not_use_when": ("when",), "examples": ("text", "note"),
                 "near_misses": ("text", "why"), "attributes": ("description",)}
_TEXT_ITEMS = frozenset({"use_when", "do_not_use_when", "examples"})  # lists whose plain items are prose


@dataclass(frozen=True)
class CheckOutcome(DiagnosticCounts):
    """What `taxgen check` reports: the diagnostics and the size of the project."""

    diagnostics: tuple[Diagnostic, ...]
    files: int
    taxonomies: int
    labels: int
    rechecked: tuple[str, ...] | None = None  # the files a re-check read; None after a full check


def check_with_state(root: Path) -> CheckOutcome:
    """Check the project at ``root``, re-checking only what changed since the last check."""
    with gc_paused():  # as load_project does: loading makes millions of objects and no cycles
        return _check_with_state(root)


def _check_with_state(root: Path) -> CheckOutcome:
    loader = ProjectLoader(root)
    if not fast_path_enabled():  # the reference path: no cache of any kind
        return _full_check(loader, None)
    state_path = loader.root / loader.config.build_dir / STATE_FILE
    state = _read_state(state_path)
    if state is not None:
        outcome = _recheck(loader, state)
        if outcome is not None:
            _write_state(state_path, outcome[1])
            return outcome[0]
        loader = ProjectLoader(root)  # the re-check's loader may have read files: start afresh
    return _full_check(loader, state_path)


# ---- a full check, and the state it leaves ------------------------------------------------------
def _full_check(loader: ProjectLoader, state_path: Path | None) -> CheckOutcome:
    loaded = loader.load()
    result = check_project(loaded.project, loaded.diagnostics)
    project = result.project
    outcome = CheckOutcome(result.diagnostics, len(project.files), len(project.taxonomies), project.label_count)
    if state_path is not None:
        included = {path for taxonomy in project.taxonomies for path in taxonomy.files}
        files = {rel: (digest, loader.yaml_keys.get(rel, ""), rel in included) for rel, digest in loader.hashes.items()}
        _write_state(state_path, {
            "settings": _settings(loader), "discovered": _tuples(loader.discovered), "files": files,
            "media": tuple(loader.media_checks), "counts": (outcome.files, outcome.taxonomies, outcome.labels),
            "diagnostics": tuple((*_tuple(d), _origin(d)) for d in outcome.diagnostics)})
    return outcome


def _origin(diagnostic: Diagnostic) -> str:
    """"label": a label rule's (redone for an edited file); "file": the loader's about one file
    (a re-check needs the file to load cleanly); "project": anything that compares files."""
    info = RULES.get(diagnostic.code)
    if info is not None and info.check is not None:
        return "label" if info.scope == "label" else "project"
    return "project" if diagnostic.code in _CROSS_FILE_LOADER_CODES else "file"


def _settings(loader: ProjectLoader) -> tuple:
    return repr(loader.config), _tuples(loader.config_diagnostics)


# ---- a re-check ---------------------------------------------------------------------------------
def _recheck(loader: ProjectLoader, state: dict) -> tuple[CheckOutcome, dict] | None:
    """The outcome and the new state, or None when only a full check can tell."""
    if _settings(loader) != state["settings"]:
        return None
    config = loader.config
    taxonomy_files = loader.discover(config.taxonomies_dir, YAML_SUFFIXES)
    paths = taxonomy_files + loader.discover(config.guidelines_dir, (".md",))
    if _tuples(loader.discovered) != state["discovered"]:
        return None
    files = state["files"]
    if sorted(loader.rel(path) for path in paths) != sorted(files):
        return None
    changed, changed_bytes, all_bytes = [], 0, 0
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        all_bytes += len(raw)
        if content_hash(raw) != files[loader.rel(path)][0]:
            changed.append(path)
            changed_bytes += len(raw)
    if any(path not in taxonomy_files for path in changed):
        return None  # a guideline: its links and texts feed project rules
    if all_bytes > _SMALL_PROJECT_BYTES and changed_bytes * _MOST_CHANGED > all_bytes:
        return None  # comparing old and new costs more than checking everything again
    if any(media_problem(loader.root, reference) != _problem(verdict) for reference, verdict in state["media"]):
        return None  # a golden item's media file appeared, vanished or became a link
    files = dict(files)
    moves: dict[str, dict] = {}
    label_findings: list[Diagnostic] = []
    for path in changed:
        rel = loader.rel(path)
        reread = _reread(loader, path, files[rel])
        if reread is None:
            return None
        moves[rel], findings = reread
        label_findings += findings
        files[rel] = (loader.hashes[rel], loader.yaml_keys.get(rel, ""), files[rel][2])
    kept = _kept_findings(state["diagnostics"], moves)
    if kept is None:
        return None
    diagnostics = tuple(sorted_diagnostics([*(_diagnostic(d) for d in kept),
                                            *apply_settings(label_findings, config)]))
    for rel in moves:  # the edited files' previous documents are of no more use
        _forget(loader, state["files"][rel][1])
    files_count, taxonomies, labels = state["counts"]
    outcome = CheckOutcome(diagnostics, files_count, taxonomies, labels, tuple(sorted(moves)))
    new_state = dict(state, files=files,
                     diagnostics=tuple((*_tuple(d), _origin(d)) for d in diagnostics))
    return outcome, new_state


def _reread(loader: ProjectLoader, path: Path, entry: tuple) -> tuple[dict, list[Diagnostic]] | None:
    """For an edited taxonomy file whose graph is unchanged: where its values moved, and what
    the label rules find in it now. None when the edit is more than prose."""
    _digest, old_key, included = entry
    rel = loader.rel(path)
    old = loader.cache.get("", rel, old_key) if old_key and loader.cache is not None else None
    if old is None or "taxonomy" not in old.valid_for:
        return None
    before = len(loader.diagnostics)
    new = loader.parse(path)
    if new is None or len(loader.diagnostics) != before or "golden_items" in new.data:
        return None
    found, failed = schema.validate(new, "taxonomy")
    if found or failed or not _same_graph(old.data, new.data):
        return None
    moves = _moves(old, new)
    if not included:  # a part of an unknown taxonomy, or a second definition: its labels are not checked
        return moves, []
    project = Project(root=str(loader.root), config=loader.config, taxonomies=(loader.taxonomy_of_file(new),),
                      files=(rel,))
    return moves, run_rules(project, scope="label")


def _kept_findings(stored: tuple, moves: dict[str, dict]) -> list[tuple] | None:
    """The stored findings that still hold, those in edited files moved with their values."""
    kept = []
    for finding in stored:
        *diagnostic, origin = finding
        path, line, column = diagnostic[3:6]
        for index in (2, 6):  # a message or hint may name a place ("first defined at file:line:col")
            if diagnostic[index] and any(f"{rel}:" in diagnostic[index] for rel in moves):
                diagnostic[index] = _moved_places(diagnostic[index], moves)
                if diagnostic[index] is None:
                    return None
        if path in moves:
            if origin == "label":
                continue  # found again in the file as it is now
            if origin == "file":
                return None
            if line:
                moved = moves[path].get((line, column))
                if moved is None:
                    return None
                diagnostic[4:6] = moved
        kept.append(tuple(diagnostic))
    return kept


def _moved_places(text: str, moves: dict[str, dict]) -> str | None:
    """``text`` with each "file:line:col" of an edited file moved; None if one cannot be."""
    lost = False

    def move(match: re.Match) -> str:
        nonlocal lost
        moved = moves[match.group(1)].get((int(match.group(2)), int(match.group(3))))
        if moved is None:
            lost = True
            return match.group(0)
        return f"{match.group(1)}:{moved[0]}:{moved[1]}"

    names = "|".join(re.escape(rel) for rel in sorted(moves, key=len, reverse=True))
    text = re.sub(f"({names}):(\\d+):(\\d+)", move, text)
    return None if lost else text


def _same_graph(old: Any, new: Any) -> bool:
    """Whether two versions of a taxonomy file hold the same values but for label prose."""
    if type(old) is not type(new) or not isinstance(old, dict) or list(old) != list(new):
        return False
    for key, value in old.items():
        other = new[key]
        if key == "labels" and isinstance(value, list) and isinstance(other, list):
            if len(value) != len(other) or not all(_same(_masked(a), _masked(b)) for a, b in zip(value, other)):
                return False
        elif not _same(value, other):
            return False
    return True


def _masked(label: Any) -> Any:
    """A label mapping with each prose text replaced by the same placeholder."""
    if not isinstance(label, dict):
        return label
    out = {}
    for key, value in label.items():
        if key == "definition" and isinstance(value, str):
            value = _PROSE
        elif key in _PROSE_FIELDS and isinstance(value, list):
            value = [_masked_item(item, key) for item in value]
        out[key] = value
    return out


def _masked_item(item: Any, field: str) -> Any:
    if isinstance(item, str) and field in _TEXT_ITEMS:
        return _PROSE
    if isinstance(item, dict):
        prose = _PROSE_FIELDS[field]
        return {key: _PROSE if key in prose and isinstance(value, str) else value for key, value in item.items()}
    return item


def _same(a: Any, b: Any) -> bool:
    """Equal values of equal types, in the same order (== alone says 1 == 1.0 == True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and all(ka == kb and _same(va, vb) for (ka, va), (kb, vb) in zip(a.items(), b.items()))
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return a == b


def _moves(old, new) -> dict[tuple[int, int], tuple[int, int] | None]:
    """(line, column) of each value and key in ``old`` -> the same one's in ``new``; None where
    one old place held values that moved apart (a finding there cannot be placed)."""
    moves: dict[tuple[int, int], tuple[int, int] | None] = {}

    def pair(before, after) -> None:
        before, after = tuple(before), tuple(after)
        if moves.setdefault(before, after) != after:
            moves[before] = None

    pair(old.root, new.root)
    stack = [(old.data, new.data)]
    while stack:
        a, b = stack.pop()
        marks_a, marks_b = old.positions.get(id(a)), new.positions.get(id(b))
        items = list(zip(a.values(), b.values())) if isinstance(a, dict) else list(zip(a, b))
        if marks_a is not None and marks_b is not None:
            if isinstance(a, dict):
                for key in a:
                    for before, after in zip(marks_a[key], marks_b[key]):
                        pair(before, after)
            else:
                for before, after in zip(marks_a, marks_b):
                    pair(before, after)
        stack.extend((x, y) for x, y in items if isinstance(x, (dict, list)))
    return moves


def _forget(loader: ProjectLoader, key: str) -> None:
    if key and loader.cache is not None:
        loader.cache.forget(key)


# ---- the state file -----------------------------------------------------------------------------
def _tuple(diagnostic: Diagnostic) -> list:
    location = diagnostic.location
    return [diagnostic.code, diagnostic.severity.value, diagnostic.message, location.path, location.line,
            location.column, diagnostic.hint]


def _tuples(diagnostics) -> tuple:
    return tuple(tuple(_tuple(d)) for d in diagnostics)


def _diagnostic(stored: tuple) -> Diagnostic:
    code, severity, message, path, line, column, hint = stored
    return Diagnostic(code, Severity(severity), message, Location(path, line, column), hint)


def _problem(verdict) -> tuple[str, str] | None:
    return None if verdict is None else tuple(verdict)


@lru_cache(maxsize=1)
def _salt() -> bytes:
    """Everything besides the files that shapes a check: taxgen's version, code and schemas."""
    digest = hashlib.blake2b(FORMAT, digest_size=32)
    digest.update(f"{__version__}|{marshal.version}".encode())
    package = resources.files("taxgen")
    for folder in ("", "loading", "rules", "schemas"):
        entries = sorted(package.joinpath(folder).iterdir(), key=lambda entry: entry.name) if folder else \
            sorted(package.iterdir(), key=lambda entry: entry.name)
        for entry in entries:
            if entry.name.endswith((".py", ".json")):
                digest.update(f"{folder}/{entry.name}".encode() + entry.read_bytes())
    return digest.digest()


def _read_state(path: Path) -> dict | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    digest = document_cache.DIGEST_SIZE
    payload = raw[digest:]
    if len(raw) <= digest or document_cache.checksum(payload) != raw[:digest]:
        return None
    try:
        salt, state = marshal.loads(payload)
        if salt != _salt() or not isinstance(state, dict):
            return None
        return state
    except Exception:  # whatever is wrong with it, a full check replaces it
        return None


def _write_state(path: Path, state: dict) -> None:
    payload = marshal.dumps((_salt(), state))
    try:
        document_cache.write_entry(path, document_cache.checksum(payload), payload)
    except OSError:
        pass  # a state that cannot be written only costs speed
