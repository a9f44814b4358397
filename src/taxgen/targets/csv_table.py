"""One row per label, for spreadsheets: RFC 4180 CSV in UTF-8.

Columns: id, name, path (names from the root, joined by " / "), parent, leaf, selectable,
status, replaced_by, definition, synonyms, examples, color, hotkey, sensitivity. Several values
in one cell are joined by " | ", the form `taxgen import csv` reads back. A cell starting with
=, +, -, @ or a tab is prefixed with ' so that spreadsheets show it instead of running it.
"""

from __future__ import annotations

import csv
import io

from ..model import Taxonomy
from .common import PATH_SEPARATOR, join_values, labels_of

COLUMNS = ("id", "name", "path", "parent", "leaf", "selectable", "status", "replaced_by", "definition", "synonyms",
           "examples", "color", "hotkey", "sensitivity")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def check(taxonomy: Taxonomy) -> list:
    return []


def render(taxonomy: Taxonomy) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    selectable = {label.id for label in taxonomy.selectable()}
    for label in labels_of(taxonomy):
        row = (
            label.id,
            label.name,
            PATH_SEPARATOR.join(taxonomy.get(i).name for i in taxonomy.path(label.id)),
            join_values(label.parents),
            _flag(taxonomy.is_leaf(label.id)),
            _flag(label.id in selectable),
            label.status,
            join_values(label.replaced_by),
            label.definition.strip(),
            join_values(label.synonyms),
            join_values(e.text for e in label.examples),
            label.color.lower() if label.color else "",
            label.hotkey or "",
            label.sensitivity or "",
        )
        writer.writerow([_safe(cell) for cell in row])
    return buffer.getvalue()


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell
