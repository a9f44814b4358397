"""`taxgen check` again after an edit: only the edited labels are read and checked.

A check stores what it found in ``<build_dir>/.cache/check/``: every input file's content
hash, the line where each of its labels starts and a copy of its text, the project's
settings, and each diagnostic with where it came from. The next check lists and hashes the
files. When only taxonomy files changed, each inside its labels and in their prose alone
(definitions, rules' and examples' texts, line breaks, comments: nothing the project rules
read), it:

* finds the labels each edit touched (the text both versions share at their start and at
  their end is left alone) and reads just those labels, in both versions, comparing them
  value by value with the prose masked;
* runs the label rules (RuleInfo.scope == "label") over the labels that changed;
* keeps every other finding, since the project rules (the cross-file graph checks) would
  find exactly the same, and moves those below an edit with their values (lines move when
  an edit adds or removes some).

Anything else (a file added, removed or renamed; a graph field such as an id, parent, name,
synonym or the number of examples changed; a taxonomy header, golden, guideline or settings
file edited; labels that do not parse or fit the schema on their own; an anchor or alias in
the edited part; a finding that cannot be placed exactly) makes it a full check, which then
stores the state for the next one. The result is always the one a full check gives: tests
compare the two after many kinds of edit. The state is marshal data behind a checksum keyed
with the same secret as the document cache (loading/cache.py); one that does not verify is
ignored, and a text copy is used only if its content hashes to the value the state holds, or if
it still has the signature (size, modification time, inode) it had when taxgen wrote it with
that content (as git's index trusts a file's stat data).
"""

from __future__ import annotations

import bisect
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
from .loading.fast import fast_path_enabled, gc_paused, parse
from .loading.project import YAML_SUFFIXES, ProjectLoader, content_hash, file_labels, label_starts
from .loading.references import media_problem
from .loading.yaml_source import YamlDocument, YamlError, plain_utf8
from .model import Project, Task, Taxonomy
from .rules import RULES

STATE_FILE = ".cache/check/state"
TEXT_FOLDER = "text"  # beside the state: each taxonomy file as last checked, named by its hash
FORMAT = b"taxgen-check-state-2\n"
_CROSS_FILE_LOADER_CODES = frozenset({"TG012", "TG207"})  # the loader's findings that compare files
# A re-check reads the edited labels in both versions and compares them: when they are more
# than a quarter of a big project, a full check is faster. (A small one takes milliseconds.)
_MOST_CHANGED = 4
_SMALL_PROJECT_BYTES = 1_000_000
_PROSE = "\0prose"  # what any prose text is compared as
_PROSE_FIELDS = {"use_when": (), "do_not_use_when": ("when",), "examples": ("text", "note"),
                 "near_misses": ("text", "why"), "attributes": ("description",)}
_TEXT_ITEMS = frozenset({"use_when", "do_not_use_when", "examples"})  # lists whose plain items are prose
# YAML's other line breaks, in UTF-8: the re-check counts lines by "\n" alone.
_OTHER_BREAKS = tuple(mark.encode() for mark in "\r\x85\u2028\u2029")
# An anchor (&a) or alias (*a) where a token may start: it would tie the part to the rest of the file.
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s,\[\]{}])[&*][^\s,\[\]{}]")


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
        outcome = _recheck(loader, state, state_path)
        if outcome is not None:
            _write_state(state_path, outcome[1])
            return outcome[0]
        loader = ProjectLoader(root)  # the re-check's loader may have read files: start afresh
    return _full_check(loader, state_path)


# ---- a full check, and the state it leaves ------------------------------------------------------
def _full_check(loader: ProjectLoader, state_path: Path | None) -> CheckOutcome:
    if state_path is not None:  # the files the loader reads ahead are copied as they are read
        loader.text_copies = state_path.parent / TEXT_FOLDER
    loaded = loader.load()
    result = check_project(loaded.project, loaded.diagnostics)
    project = result.project
    outcome = CheckOutcome(result.diagnostics, len(project.files), len(project.taxonomies), project.label_count)
    if state_path is not None:
        included = {path for taxonomy in project.taxonomies for path in taxonomy.files}
        texts = _TextStore(state_path.parent / TEXT_FOLDER)
        files, copies = {}, {}
        for rel, digest in loader.hashes.items():
            taxonomy_id, starts = loader.label_files.get(rel, ("", ()))
            if starts:
                kept, signature = texts.keep(loader.root / rel, digest, loader.copies.get(rel))
                if not kept:
                    starts = ()  # the file changed while it was checked: the next check reads it whole
                elif signature is not None:
                    copies[digest] = signature
            files[rel] = (digest, rel in included, taxonomy_id, starts)
        texts.prune({entry[0] for entry in files.values() if entry[3]})
        _write_state(state_path, {
            "settings": _settings(loader), "discovered": _tuples(loader.discovered), "files": files,
            "copies": copies,
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
def _recheck(loader: ProjectLoader, state: dict, state_path: Path) -> tuple[CheckOutcome, dict] | None:
    """The outcome and the new state, or None when only a full check can tell."""
    if _settings(loader) != state["settings"]:
        return None
    config = loader.config
    taxonomy_files = loader.discover(config.taxonomies_dir, YAML_SUFFIXES)
    paths = taxonomy_files + loader.discover(config.guidelines_dir, (".md",))
    if _tuples(loader.discovered) != state["discovered"]:
        return None
    files = dict(state["files"])
    if sorted(loader.rel(path) for path in paths) != sorted(files):
        return None
    changed, total = {}, 0
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        total += len(raw)
        digest = content_hash(raw)
        if digest != files[loader.rel(path)][0]:
            changed[path] = raw, digest
    if any(path not in taxonomy_files for path in changed):
        return None  # a guideline: its links and texts feed project rules
    if any(media_problem(loader.root, reference) != _problem(verdict) for reference, verdict in state["media"]):
        return None  # a golden item's media file appeared, vanished or became a link
    texts = _TextStore(state_path.parent / TEXT_FOLDER)
    edits: dict[str, _Edit] = {}
    label_findings: list[Diagnostic] = []
    for path, (raw, digest) in changed.items():
        rel = loader.rel(path)
        edit = _edited_labels(loader, rel, raw, files[rel], texts, total, state["copies"].get(files[rel][0]))
        if edit is None:
            return None
        edits[rel] = edit
        label_findings += edit.findings
        _old_digest, included, taxonomy_id, _starts = files[rel]
        files[rel] = (digest, included, taxonomy_id, edit.starts)
    kept = _kept_findings(state["diagnostics"], edits)
    if kept is None:
        return None
    copies = dict(state["copies"])
    for path, (raw, digest) in changed.items():
        old_digest = state["files"][loader.rel(path)][0]
        signature = texts.replace(old_digest, digest, raw)
        copies.pop(old_digest, None)
        if signature is not None:
            copies[digest] = signature
    diagnostics = tuple(sorted_diagnostics([*(_diagnostic(d) for d in kept),
                                            *apply_settings(label_findings, config)]))
    files_count, taxonomies, labels = state["counts"]
    outcome = CheckOutcome(diagnostics, files_count, taxonomies, labels, tuple(sorted(edits)))
    new_state = dict(state, files=files, copies=copies, diagnostics=tuple((*_tuple(d), _origin(d)) for d in diagnostics))
    return outcome, new_state


@dataclass(frozen=True)
class _Edit:
    """What changed in one file: the old lines first..last became new ones (shift lines more),
    with each value in between moved as ``moves`` says."""

    first: int
    last: int
    shift: int
    moves: dict
    findings: list[Diagnostic]
    starts: tuple[int, ...]
    relabelled: bool = True  # the label rules ran again over lines first..last

    def place(self, line: int, column: int) -> tuple[int, int] | None:
        """Where a place of the old file is in the new one; None if nothing is there now."""
        if line < self.first:
            return line, column
        if line > self.last:
            return line + self.shift, column
        return self.moves.get((line, column))


def _edited_labels(loader: ProjectLoader, rel: str, raw: bytes, entry: tuple, texts: "_TextStore",
                   total: int, signature: tuple | None = None) -> _Edit | None:
    """For a taxonomy file edited inside its labels, in their prose alone: where its values
    moved, and what the label rules find in the labels that changed (``signature``: of the copy of
    its old version, _TextStore.raw). None otherwise."""
    digest, included, taxonomy_id, starts = entry
    # Old and new are compared as bytes and only the lines that differ are decoded: decoding all
    # of a big file twice cost a fifth of a re-check. What lies outside them is the old text's,
    # which was checked (valid UTF-8); the lines that differ are decoded strictly below.
    old = texts.raw(digest, signature) if starts else None
    new = raw
    if old is None or not plain_utf8(old) or not plain_utf8(new):
        return None  # decode_source would not take the bytes as they are
    if _other_breaks(old) or _other_breaks(new):
        return None  # line numbers below count "\n" only, as YAML does without CR, NEL, LS and PS
    prefix = _common_prefix(old, new)
    if prefix == len(old) == len(new):
        return None
    suffix = _common_suffix(old, new, min(len(old), len(new)) - prefix)
    if old.count(b"\n", 0, prefix) + 1 < starts[0]:
        return _edited_head(rel, old, new, prefix, suffix, starts)
    region = _changed_region(old, new, prefix, suffix, starts)
    first_label, last_label, start, old_end, new_end = region
    if total > _SMALL_PROJECT_BYTES and (old_end - start) * _MOST_CHANGED > total:
        return None  # comparing old and new costs more than checking everything again
    try:  # whole lines: they start and end where a character does
        old_part, new_part = old[start:old_end].decode("utf-8"), new[start:new_end].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _ANCHOR_OR_ALIAS.search(old_part) or _ANCHOR_OR_ALIAS.search(new_part):
        return None  # an anchor or alias ties the part to the rest of the file
    first = starts[first_label]
    before, after = _labels_part(old_part, rel, first), _labels_part(new_part, rel, first)
    count = last_label - first_label + 1
    if before is None or after is None or len(before.data["labels"]) != count:
        return None
    if len(after.data["labels"]) != count or not all(
            _same(_masked(a), _masked(b)) for a, b in zip(before.data["labels"], after.data["labels"])):
        return None
    moved_starts = label_starts(after)
    if len(moved_starts) != count or _item_columns(after) != _item_columns(before):
        return None  # re-indented items would not belong to the file's list as they do to the part's
    check = YamlDocument(path=rel, data={"taxonomy": taxonomy_id, "labels": after.data["labels"]})
    found, failed = schema.validate(check, "taxonomy")
    if found or failed:
        return None
    lines = old_part.count("\n") + (not old_part.endswith("\n"))
    shift = new_part.count("\n") - old_part.count("\n")
    starts = (*starts[:first_label], *moved_starts, *(line + shift for line in starts[last_label + 1:]))
    findings = []
    if included:  # a part of an unknown taxonomy, or a second definition: its labels are not checked
        taxonomy = Taxonomy(id=taxonomy_id, title="", version="", task=Task(), labels=tuple(file_labels(after, taxonomy_id)))
        findings = run_rules(Project(root=str(loader.root), config=loader.config, taxonomies=(taxonomy,)), scope="label")
    return _Edit(first, first + lines - 1, shift, _moves(before, after), findings, starts)


def _other_breaks(raw: bytes) -> bool:
    """Whether the text holds a line break other than "\n" (in ASCII only "\r" can be one: the
    others' bytes are searched for only in other text, where finding them costs a scan each)."""
    return _OTHER_BREAKS[0] in raw or (not raw.isascii() and any(mark in raw for mark in _OTHER_BREAKS[1:]))


def _edited_head(rel: str, old: bytes, new: bytes, prefix: int, suffix: int,
                 starts: tuple[int, ...]) -> _Edit | None:
    """For an edit above the first label that leaves the data as it was (comments, blank
    lines, a different quoting): where the values there moved. None for any other edit."""
    common_lines = old.count(b"\n", 0, prefix)
    end = old.rfind(b"\n", 0, prefix) + 1
    for _ in range(starts[0] - common_lines - 1):  # on to the line where the first label starts
        end = old.find(b"\n", end) + 1
    if len(old) - suffix > end:
        return None  # the edit reaches into the labels
    try:
        old_head, new_head = old[:end].decode("utf-8"), new[:end + len(new) - len(old)].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _ANCHOR_OR_ALIAS.search(old_head) or _ANCHOR_OR_ALIAS.search(new_head):
        return None
    try:
        before, after = parse(old_head, rel), parse(new_head, rel)
    except YamlError:
        return None
    if not _same(before.data, after.data):
        return None
    shift = new_head.count("\n") - old_head.count("\n")
    return _Edit(1, starts[0] - 1, shift, _moves(before, after), [], tuple(line + shift for line in starts),
                 relabelled=False)


def _changed_region(old: bytes, new: bytes, prefix: int, suffix: int,
                    starts: tuple[int, ...]) -> tuple[int, int, int, int, int]:
    """The labels an edit below the first label's start touched: (first label, last label,
    offset where the first starts, offsets where the last ends in old and in new)."""
    common_lines = old.count(b"\n", 0, prefix)  # lines 1..common_lines are the same in both
    # Lines added or removed between two labels may belong to either: both are compared.
    first_label = bisect.bisect_right(starts, max(common_lines, starts[0])) - 1
    start = old.rfind(b"\n", 0, prefix) + 1  # where line common_lines + 1 starts
    for _ in range(common_lines + 1 - starts[first_label]):
        start = old.rfind(b"\n", 0, start - 1) + 1
    common_end = len(old) - suffix
    suffix_line = old.count(b"\n", 0, common_end) + 1  # the line where the common end begins
    last_label = bisect.bisect_right(starts, suffix_line) - 1
    if last_label + 1 == len(starts):
        return first_label, last_label, start, len(old), len(new)
    old_end = common_end
    for _ in range(starts[last_label + 1] - suffix_line):  # on to where the next label starts
        old_end = old.find(b"\n", old_end) + 1
    return first_label, last_label, start, old_end, old_end + len(new) - len(old)


def _common_prefix(a: bytes, b: bytes) -> int:
    """How many bytes ``a`` and ``b`` share at their start: compared a block at a time,
    the block halved once one differs (a few dozen comparisons, each at C speed)."""
    at, end, size = 0, min(len(a), len(b)), 1 << 16
    while size:
        while at + size <= end and a[at:at + size] == b[at:at + size]:
            at += size
        size >>= 1
    return at


def _common_suffix(a: bytes, b: bytes, most: int) -> int:
    """How many bytes ``a`` and ``b`` share at their end, at most ``most``."""
    at, size = 0, 1 << 16
    while size:
        while at + size <= most and a[len(a) - at - size:len(a) - at] == b[len(b) - at - size:len(b) - at]:
            at += size
        size >>= 1
    return at


def _labels_part(text: str, rel: str, first_line: int) -> YamlDocument | None:
    """Label items cut from a file (their first line is ``first_line`` there) read as a document
    of their own, with the positions they have in the file. None if they do not read as label
    items on their own."""
    try:
        doc = parse(f"labels:\n{text}", rel)
    except YamlError:
        return None
    if not isinstance(doc.data, dict) or list(doc.data) != ["labels"] or not isinstance(doc.data["labels"], list):
        return None
    offset = first_line - 2  # line 2 of that document is the part's first line

    def moved(mark):
        if isinstance(mark, dict):
            return {key: ((k[0] + offset, k[1]), (v[0] + offset, v[1])) for key, (k, v) in mark.items()}
        return [(line + offset, column) for line, column in mark]

    positions = {key: moved(mark) for key, mark in doc.positions.items()}
    return YamlDocument(path=rel, data=doc.data, positions=positions, root=(doc.root[0] + offset, doc.root[1]))


def _item_columns(doc: YamlDocument) -> list[int]:
    return [column for _line, column in doc.positions[id(doc.data["labels"])]]


def _kept_findings(stored: tuple, edits: dict[str, _Edit]) -> list[tuple] | None:
    """The stored findings that still hold, those below an edit moved with their values."""
    kept = []
    for finding in stored:
        *diagnostic, origin = finding
        path, line, column = diagnostic[3:6]
        for index in (2, 6):  # a message or hint may name a place ("first defined at file:line:col")
            if diagnostic[index] and any(f"{rel}:" in diagnostic[index] for rel in edits):
                diagnostic[index] = _moved_places(diagnostic[index], edits)
                if diagnostic[index] is None:
                    return None
        edit = edits.get(path)
        if edit is not None:
            if origin == "file" or not line:
                return None  # the loader's finding about a file that now loads cleanly
            if origin == "label" and edit.relabelled and edit.first <= line <= edit.last:
                continue  # about an edited label: found again in it as it is now
            moved = edit.place(line, column)
            if moved is None:
                return None
            diagnostic[4:6] = moved
        kept.append(tuple(diagnostic))
    return kept


def _moved_places(text: str, edits: dict[str, _Edit]) -> str | None:
    """``text`` with each "file:line:col" of an edited file moved; None if one cannot be."""
    lost = False

    def move(match: re.Match) -> str:
        nonlocal lost
        moved = edits[match.group(1)].place(int(match.group(2)), int(match.group(3)))
        if moved is None:
            lost = True
            return match.group(0)
        return f"{match.group(1)}:{moved[0]}:{moved[1]}"

    names = "|".join(re.escape(rel) for rel in sorted(edits, key=len, reverse=True))
    text = re.sub(f"({names}):(\\d+):(\\d+)", move, text)
    return None if lost else text


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


class _TextStore:
    """Copies of taxonomy files as last checked, named by their content hash: the old version
    an edit is compared with. A copy is used only if it hashes to its name, or if it still has
    the signature (loading/cache.entry_signature) it had when it was written with that content."""

    def __init__(self, folder: Path):
        self.folder = folder

    def raw(self, digest: str, signature: tuple | None = None) -> bytes | None:
        """The copy's bytes, if it is still the one kept (see above)."""
        copy = self.folder / digest
        try:
            trusted = signature is not None and document_cache.entry_signature(copy) == tuple(signature)
            raw = copy.read_bytes()
        except OSError:
            return None
        return raw if trusted or content_hash(raw) == digest else None

    def keep(self, path: Path, digest: str, signature: tuple | None = None) -> tuple[bool, tuple | None]:
        """Copy the file, if it still holds the content that was checked: whether the copy is
        there, and its signature when it is known to hold that content (``signature``: of the copy
        the loader's worker wrote)."""
        copy = self.folder / digest
        if signature is not None and document_cache.entry_signature(copy) == signature:
            return True, signature
        if copy.is_file():
            return True, None  # an earlier copy: raw() checks its hash
        try:
            raw = path.read_bytes()
            if content_hash(raw) != digest:
                return False, None
            document_cache.write_entry(copy, raw)
        except OSError:
            return False, None
        return True, document_cache.entry_signature(copy)

    def replace(self, old_digest: str, new_digest: str, raw: bytes) -> tuple | None:
        """Keep ``raw`` in place of the old copy; the new copy's signature (None if not written)."""
        try:
            document_cache.write_entry(self.folder / new_digest, raw)
        except OSError:
            return None
        if old_digest != new_digest:
            document_cache.delete_entry(self.folder / old_digest)
        return document_cache.entry_signature(self.folder / new_digest)

    def prune(self, digests: set[str]) -> None:
        """Delete the copies of versions no file has now."""
        try:
            names = [entry.name for entry in self.folder.iterdir()]
        except OSError:
            return
        for name in names:
            if name not in digests and not name.startswith("."):
                document_cache.delete_entry(self.folder / name)


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
