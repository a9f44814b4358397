"""CSV (or TSV, semicolon-separated) with one label a row -> one taxonomy.

Columns are found by header, case-insensitively: id, name, parent, definition, synonyms,
color, hotkey, examples, status, replaced_by; --column ROLE=HEADER names another header.
A leading ' before =, +, - or @ (a spreadsheet's formula guard) is dropped. A row needs an id or a
name. parent, synonyms and examples may hold several values separated by '|' or ';'; a
parent may be given by id or by name.
"""

from __future__ import annotations

import csv
import io
import re

from .base import ImportOptions, ImportResult, LabelSet, Reporter, humanize, read_document, unsaid_task

FORMAT = "csv"
TITLE = "CSV"
SUFFIXES = (".csv", ".tsv", ".txt")

ROLES = ("id", "name", "parent", "definition", "synonyms", "color", "hotkey", "examples", "status", "replaced_by")
FORMULA_START = ("'=", "'+", "'-", "'@", "'\t", "'\r")  # how spreadsheet-safe CSV (taxgen's own) escapes a cell
SEPARATOR = re.compile(r"\s*[|;]\s*")
MAX_FIELD = 1024 * 1024


def read(data: bytes, options: ImportOptions) -> ImportResult:
    reporter, rows = read_document(data, options, _rows)
    if rows is None:
        return reporter.result()
    header, body = rows
    columns = _columns(header, options, reporter)
    if columns is None:
        return reporter.result()
    labels = LabelSet(options.base_id, reporter)
    by_key: dict[str, str] = {}
    pending: list[tuple] = []
    for line, row in body:
        cell = {role: _cell(row, index) for role, index in columns.items()}
        key, name = cell.get("id", ""), cell.get("name", "")
        if not key and not name:
            if any(value.strip() for value in row):
                reporter.report("TI010", "row has neither an id nor a name; skipped", reporter.at(line, 1))
            continue
        where = reporter.at(line, 1)
        draft = labels.add(name or key, key=key or None, where=where, definition=cell.get("definition", ""),
                           synonyms=_split(cell.get("synonyms", "")), examples=_split(cell.get("examples", "")),
                           hotkey=cell.get("hotkey") or None, color=cell.get("color") or None)
        for source_key in (key, name):
            if source_key:
                by_key.setdefault(source_key, draft.id)
        if cell.get("status", "active") == "deprecated":
            draft.status = "deprecated"
        pending.append((draft, _split(cell.get("parent", "")), _split(cell.get("replaced_by", "")), where))
    for draft, parents, replacements, where in pending:
        labels.resolve(draft, "parents", parents, by_key, where)
        labels.resolve(draft, "replaced_by", replacements, by_key, where)
    if not labels.drafts:
        return reporter.result()
    return reporter.result([labels.taxonomy(humanize(options.base_id), unsaid_task(options, reporter, TITLE,
                                                                                   leaf_only=False))])


def _cell(row: list[str], index: int) -> str:
    value = row[index].strip() if index < len(row) else ""
    return value[1:] if value.startswith(FORMULA_START) else value


def _split(value: str) -> list[str]:
    return [part for part in SEPARATOR.split(value) if part] if value else []


def _rows(text: str, reporter: Reporter):
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    csv.field_size_limit(MAX_FIELD)
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        reporter.report("TI002", f"not valid CSV: {exc}", reporter.at(reader.line_num, 1))
        return None
    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        reporter.report("TI005", "the file has no rows")
        return None
    return rows[0][1], rows[1:]


def _columns(header: list[str], options: ImportOptions, reporter: Reporter) -> dict[str, int] | None:
    """role -> column index, from the header row and --column."""
    position = {name.strip().lower(): index for index, name in reversed(list(enumerate(header)))}
    columns: dict[str, int] = {}
    for role in ROLES:
        if role in position:
            columns[role] = position[role]
    for role, name in options.columns.items():
        if role not in ROLES:
            reporter.report("TI010", f"unknown column role '{role}'", hint=f"roles: {', '.join(ROLES)}")
            return None
        if name.strip().lower() not in position:
            reporter.report("TI010", f"no column '{name}' in the header", reporter.at(1, 1),
                            hint="header: " + ", ".join(header))
            return None
        columns[role] = position[name.strip().lower()]
    if "id" not in columns and "name" not in columns:
        reporter.report("TI010", "the header names neither an id nor a name column", reporter.at(1, 1),
                        hint="name them with --column id=HEADER or --column name=HEADER")
        return None
    unused = [h for i, h in enumerate(header) if i not in columns.values() and h.strip()]
    if unused:
        reporter.report("TI009", "columns not read: " + ", ".join(unused), reporter.at(1, 1),
                        hint=f"--column ROLE=HEADER reads one as {', '.join(ROLES)}")
    return columns
