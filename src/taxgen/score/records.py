"""Annotation records from JSON Lines or CSV text. Pure: text in, records and problems out.

A record says which annotator gave which label(s) to which item:

* JSON Lines: one object per line, ``{"item": "sent-001", "annotator": "ana", "label": "positive.praise"}``;
  ``labels`` instead of ``label`` holds a list of ids, or of objects with a ``label`` key (spans,
  boxes); ``taxonomy`` is optional. Item and annotator may be strings or integers.
* CSV: a header row with the columns ``item``, ``annotator``, ``label`` or ``labels`` and optionally
  ``taxonomy``; other columns are ignored. A ``labels`` cell holds ids separated by ``|``, ``;``,
  ``,`` or spaces.

Every record keeps its file and line, so a later problem (an unknown label) points at it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any, NamedTuple

from .. import jsontext
from ..diagnostics import Location
from .problems import Problems

CSV_SUFFIXES = (".csv",)
# About three million records; a bigger file is refused unread rather than exhausting memory.
MAX_FILE_BYTES = 256 * 1024 * 1024
_CSV_SEPARATORS = re.compile(r"[|;,\s]+")


class Record(NamedTuple):
    item: str
    annotator: str
    labels: tuple[str, ...]
    taxonomy: str | None
    path: str
    line: int

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, 1)


def read_annotations(file: Path, path: str, problems: Problems) -> str | None:
    """The text of an annotations file, or None after a TS001 problem; a file over the limit is not read."""
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add("TS001", f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit of taxgen score",
                     Location(path, 1, 1), "score a sample, or split the file and score the parts")
        return None
    return decode_annotations(file.read_bytes(), path, problems)


def decode_annotations(raw: bytes, path: str, problems: Problems) -> str | None:
    """UTF-8 text of an annotations file (a BOM is tolerated), or None after a TS001 problem."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 and UTF-32 byte-order marks
        problems.add("TS001", "file is UTF-16 or UTF-32 encoded; taxgen reads UTF-8 only", Location(path, 1, 1),
                     "export the annotations as UTF-8")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.add("TS001", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}", Location(path, line, column),
                     "export the annotations as UTF-8")
        return None


def parse_annotations(text: str, path: str, problems: Problems) -> list[Record]:
    """Records of a file: CSV by its ``.csv`` suffix, else JSON Lines."""
    if path.lower().endswith(CSV_SUFFIXES):
        records = parse_csv(text, path, problems)
    else:
        records = parse_jsonl(text, path, problems)
    if not records and not problems.errors:
        problems.add("TS006", "no annotation records in this file", Location(path),
                     "one JSON object per line, or a CSV file with a header row")
    return records


def _identifier(value: Any) -> str | None:
    """Item and annotator ids: strings, or integers as tools often export them."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _label_ids(value: Any) -> tuple[str, ...] | None:
    """The ids of a ``label``/``labels`` value (duplicates dropped, order kept), or None for a bad shape."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        return None
    ids: list[str] = []
    for entry in value:
        if isinstance(entry, dict):
            entry = entry.get("label")
        if not isinstance(entry, str):
            return None
        ids.append(entry)
    return tuple(dict.fromkeys(ids))


def _record(data: Any, path: str, line: int, problems: Problems) -> Record | None:
    where = Location(path, line, 1)
    if not isinstance(data, dict):
        problems.reject("TS003", "an annotation record must be a JSON object", where)
        return None
    item, annotator = _identifier(data.get("item")), _identifier(data.get("annotator"))
    for name, value in (("item", item), ("annotator", annotator)):
        if value is None:
            problems.reject("TS003", f"record has no '{name}' (a non-empty string or an integer)", where)
            return None
    if "label" in data and "labels" in data:
        problems.reject("TS003", "record has both 'label' and 'labels'", where, "keep one of them")
        return None
    key = "labels" if "labels" in data else "label"
    labels = _label_ids(data.get(key))
    if labels is None:
        problems.reject("TS003", f"'{key}' must be a label id, a list of ids, or a list of objects with a 'label'",
                     where, None if key in data else "add a 'label' (one id) or 'labels' (a list) field")
        return None
    taxonomy = data.get("taxonomy")
    if taxonomy is not None and not isinstance(taxonomy, str):
        problems.reject("TS003", "'taxonomy' must be a taxonomy id", where)
        return None
    return Record(item, annotator, labels, taxonomy or None, path, line)


_new_record = tuple.__new__  # skips the NamedTuple's Python-level __new__: a million records read faster


def parse_jsonl(text: str, path: str, problems: Problems) -> list[Record]:
    records: list[Record] = []
    append, loads, decode_error = records.append, jsontext.loads, json.JSONDecodeError
    for number, line in enumerate(text.split("\n"), start=1):
        if not line or line.isspace():
            continue
        try:
            data = loads(line)
        except jsontext.DuplicateKey as exc:  # which of the two labels did the annotator give?
            problems.reject("TS002", exc.message, Location(path, number, exc.column), "keep one of the two")
            continue
        except decode_error as exc:
            problems.reject("TS002", f"not valid JSON: {exc.msg}", Location(path, number, exc.colno),
                            "write one JSON object per line")
            continue
        except RecursionError:  # json's parser recurses: a few thousand '[' would stop the whole run
            problems.reject("TS002", "not valid JSON: nested too deeply", Location(path, number, 1),
                            "an annotation record is a flat JSON object")
            continue
        if type(data) is dict and "labels" not in data:  # the common record, checked here without a call
            item, annotator, label, taxonomy = data.get("item"), data.get("annotator"), data.get("label"), \
                data.get("taxonomy")
            if type(item) is str and type(annotator) is str and type(label) is str and item.strip() \
                    and annotator.strip() and (taxonomy is None or type(taxonomy) is str):
                append(_new_record(Record, (item, annotator, (label,), taxonomy or None, path, number)))
                continue
        record = _record(data, path, number, problems)
        if record is not None:
            append(record)
    return records


def parse_csv(text: str, path: str, problems: Problems) -> list[Record]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    columns = {name.strip().lower(): index for index, name in enumerate(header or ())}
    label_column = "labels" if "labels" in columns else "label"
    missing = [name for name in ("item", "annotator", label_column) if name not in columns]
    if missing:
        problems.add("TS003", f"CSV header lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
                     Location(path, 1, 1), "the header names item, annotator, label (or labels) and optionally taxonomy")
        return []
    item_at, annotator_at, label_at = columns["item"], columns["annotator"], columns[label_column]
    taxonomy_at = columns.get("taxonomy")
    width = max(columns.values()) + 1
    records: list[Record] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            line = reader.line_num
            if len(row) < width:
                row = row + [""] * (width - len(row))
            cell = row[label_at].strip()
            labels = tuple(dict.fromkeys(filter(None, _CSV_SEPARATORS.split(cell)))) if label_column == "labels" \
                else ((cell,) if cell else ())
            data = {"item": row[item_at].strip(), "annotator": row[annotator_at].strip(), "labels": list(labels),
                    "taxonomy": row[taxonomy_at].strip() if taxonomy_at is not None else None}
            record = _record(data, path, line, problems)
            if record is not None:
                records.append(record)
    except csv.Error as exc:
        problems.add("TS001", f"not valid CSV: {exc}", Location(path, reader.line_num, 1))
    return records
