"""Apply a migration map to annotation records (JSON Lines). Pure: text in, text and diagnostics out.

A record is a JSON object whose label field (``label`` or ``labels`` unless named) holds a label
id, a list of ids, or a list of objects with a ``label`` key (spans, boxes). Its taxonomy is
its ``taxonomy`` field, else the one given, else the map's only taxonomy. A label the map sends
to one id is rewritten; a label it sends to candidates (a split) or to nothing (a removal) is not
guessed at: the record goes to the review list with what a human has to decide.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from .. import jsontext
from ..diagnostics import Diagnostic, Location, Severity
from .changes import Target

# Diagnostic codes of `taxgen migrate`
BAD_JSON, BAD_RECORD, NO_TAXONOMY, BAD_MAP = "TM001", "TM002", "TM003", "TM101"
LABEL_FIELDS = ("label", "labels")

MigrationMap = Mapping[str, Mapping[str, Target]]


@dataclass(frozen=True)
class MigrationResult:
    records: tuple[str, ...] = ()  # output lines: records migrated or needing no change
    review: tuple[str, ...] = ()  # lines for records that need a human decision
    diagnostics: tuple[Diagnostic, ...] = ()
    total: int = 0
    changed: int = 0


def _error(code: str, message: str, location: Location, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, location, hint)


def parse_migration_map(text: str, path: str) -> tuple[dict[str, dict[str, Target]], list[Diagnostic]]:
    """The map written by ``taxgen diff --map``: ``{taxonomy: {old_id: new_id | [candidates] | null}}``."""
    try:
        data = jsontext.loads(text)
    except jsontext.DuplicateKey as exc:
        return {}, [_error(BAD_MAP, f"migration map: {exc.message}", Location(path, exc.line, exc.column),
                           "keep one of the two")]
    except json.JSONDecodeError as exc:
        return {}, [_error(BAD_MAP, f"migration map is not valid JSON: {exc.msg}", Location(path, exc.lineno, exc.colno),
                           "write it with `taxgen diff OLD NEW --map FILE`")]
    except RecursionError:  # json's parser recurses; a map is two levels deep
        return {}, [_error(BAD_MAP, "migration map is nested too deeply", Location(path, 1, 1),
                           "write it with `taxgen diff OLD NEW --map FILE`")]
    problems = []
    mapping: dict[str, dict[str, Target]] = {}
    if not isinstance(data, dict):
        problems.append("the top level must be an object of taxonomies")
        data = {}
    for taxonomy, entries in data.items():
        if not isinstance(entries, dict):
            problems.append(f"'{taxonomy}' must map old label ids to targets")
            continue
        mapping[taxonomy] = {}
        for old_id, target in entries.items():
            if isinstance(target, list) and all(isinstance(t, str) for t in target):
                mapping[taxonomy][old_id] = tuple(target)
            elif target is None or isinstance(target, str):
                mapping[taxonomy][old_id] = target
            else:
                problems.append(f"'{taxonomy}' / '{old_id}': a target is a label id, a list of ids, or null")
    return mapping, [_error(BAD_MAP, f"migration map: {p}", Location(path)) for p in problems]


@dataclass
class _Record:
    """One record being migrated: what was rewritten and what a human must decide."""

    taxonomy: str
    entries: Mapping[str, Target]
    undecided: list[dict] = field(default_factory=list)
    changed: bool = False

    def label(self, old_id: str) -> str:
        if old_id not in self.entries:
            return old_id
        target = self.entries[old_id]
        if isinstance(target, str):
            self.changed = True
            return target
        self.undecided.append({"taxonomy": self.taxonomy, "label": old_id, "candidates": list(target or ()),
                               "reason": "split: choose one candidate" if target else "removed: no successor"})
        return old_id

    def value(self, value: Any) -> Any:
        """The label field rewritten, or a ValueError for a shape taxgen does not know."""
        if isinstance(value, str):
            return self.label(value)
        if not isinstance(value, list):
            raise ValueError
        out: list = []
        for item in value:
            if isinstance(item, str):
                new = self.label(item)
                if new not in out:  # a merge can turn [a, b] into [c, c]
                    out.append(new)
            elif isinstance(item, dict) and isinstance(item.get("label"), str):
                out.append({**item, "label": self.label(item["label"])})
            else:
                raise ValueError
        return out


def migrate_records(mapping: MigrationMap, text: str, path: str, *, label_field: str | None = None,
                    taxonomy: str | None = None) -> MigrationResult:
    """Rewrite every record of a JSON Lines text with ``mapping``."""
    records: list[str] = []
    review: list[str] = []
    diagnostics: list[Diagnostic] = []
    total = changed = 0
    default_taxonomy = taxonomy or (next(iter(mapping)) if len(mapping) == 1 else None)
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        total += 1
        outcome = _migrate_line(mapping, line, Location(path, number, 1), label_field, default_taxonomy)
        if isinstance(outcome, Diagnostic):
            diagnostics.append(outcome)
            continue
        record, state = outcome
        if state is None or not state.undecided:
            changed += bool(state and state.changed)
            records.append(json.dumps(record, ensure_ascii=False) if state and state.changed else line.rstrip("\r"))
        else:
            original = json.loads(line)
            review.append(json.dumps({"line": number, "record": original, "undecided": state.undecided},
                                     ensure_ascii=False))
    return MigrationResult(tuple(records), tuple(review), tuple(diagnostics), total, changed)


def _migrate_line(mapping: MigrationMap, line: str, where: Location, label_field: str | None,
                  default_taxonomy: str | None) -> Diagnostic | tuple[dict, _Record | None]:
    try:
        record = jsontext.loads(line)
    except jsontext.DuplicateKey as exc:
        return _error(BAD_JSON, exc.message, Location(where.path, where.line, exc.column), "keep one of the two")
    except json.JSONDecodeError as exc:
        return _error(BAD_JSON, f"not valid JSON: {exc.msg}", Location(where.path, where.line, exc.colno))
    except RecursionError:  # json's parser recurses; a record is a flat object
        return _error(BAD_JSON, "not valid JSON: nested too deeply", where)
    if not isinstance(record, dict):
        return _error(BAD_RECORD, "an annotation record must be a JSON object", where)
    names = (label_field,) if label_field else LABEL_FIELDS
    key = next((name for name in names if name in record), None)
    if key is None:
        return _error(BAD_RECORD, f"record has no {' or '.join(repr(n) for n in names)} field", where,
                      "name the field holding the labels with --field")
    taxonomy = record.get("taxonomy") if isinstance(record.get("taxonomy"), str) else default_taxonomy
    if taxonomy is None:
        return _error(NO_TAXONOMY, "record does not say its taxonomy, and the map has several", where,
                      "add a 'taxonomy' field to the records, or pass --taxonomy")
    if taxonomy not in mapping:
        return record, None  # nothing of this taxonomy changed
    state = _Record(taxonomy, mapping[taxonomy])
    try:
        record[key] = state.value(record[key])
    except ValueError:
        return _error(BAD_RECORD, f"'{key}' must be a label id, a list of ids, or a list of objects with a 'label'",
                      where)
    return record, state
