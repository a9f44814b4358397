"""Argilla dataset settings JSON (``Settings.to_json``) -> one taxonomy per label, multi-label or span question.

A question's options keep their ``value`` (the id), ``text`` (the name) and ``description``
(the definition); its title and description become the taxonomy title and instructions, the
dataset guidelines its description.
"""

from __future__ import annotations

from ..model import Task, Taxonomy
from .base import (ImportOptions, ImportResult, LabelSet, Reporter, as_dict, as_list, clean_text, parse_json,
                   part_id, read_document)

FORMAT = "argilla"
TITLE = "Argilla"
SUFFIXES = (".json",)

QUESTION_KINDS = {"label_selection": "single-label", "multi_label_selection": "multi-label", "span": "spans"}
FIELD_DATA = {"text": "text", "chat": "text", "custom": "text", "image": "image"}
SETTINGS_KEYS = {"guidelines", "questions", "fields", "vectors", "metadata", "allow_extra_metadata", "distribution",
                 "mapping"}


def read(data: bytes, options: ImportOptions) -> ImportResult:
    reporter, doc = read_document(data, options, parse_json)
    settings = as_dict(doc, "Argilla settings", reporter) if doc is not None else None
    if settings is None:
        return reporter.result()
    for key in sorted(set(settings) - SETTINGS_KEYS):
        reporter.report("TI004", f"unknown key '{key}' in the settings; skipped")
    questions = [q for q in as_list(settings.get("questions"), "'questions'", reporter) if isinstance(q, dict)]
    labeled = [q for q in questions if _kind(q) in QUESTION_KINDS]
    for question in questions:
        if question not in labeled:
            reporter.report("TI009", f"question '{question.get('name')}' ({_settings(question).get('type')}) has no "
                                     "label set; skipped")
    data_kind = _data_kind(settings, reporter)
    guidelines = clean_text(settings.get("guidelines"))
    out = [_taxonomy(q, options, reporter, len(labeled) > 1, data_kind, guidelines) for q in labeled]
    return reporter.result([t for t in out if t is not None])


def _kind(question: dict) -> str | None:
    """The question's type; None unless it is text (a list or object there names no type)."""
    kind = _settings(question).get("type")
    return kind if isinstance(kind, str) else None


def _settings(question: dict) -> dict:
    value = question.get("settings")
    return value if isinstance(value, dict) else {}


def _data_kind(settings: dict, reporter: Reporter) -> str:
    fields = [f for f in as_list(settings.get("fields"), "'fields'", reporter) if isinstance(f, dict)]
    kinds = [FIELD_DATA.get(str(_settings(f).get("type") or f.get("type")), "text") for f in fields]
    return "image" if kinds and all(k == "image" for k in kinds) else "text"


def _taxonomy(question: dict, options: ImportOptions, reporter: Reporter, several: bool, data: str,
              guidelines: str) -> Taxonomy | None:
    name = clean_text(question.get("name")) or "question"
    settings = _settings(question)
    labels = LabelSet(part_id(options, name, several), reporter)
    for option in as_list(settings.get("options"), f"options of '{name}'", reporter):
        if not isinstance(option, dict) or option.get("value") in (None, ""):
            reporter.report("TI010", f"an option of '{name}' has no value; skipped")
            continue
        value = str(option["value"])
        labels.add(clean_text(option.get("text")) or value, key=value,
                   definition=clean_text(option.get("description")))
    if not labels.drafts:
        reporter.report("TI005", f"question '{name}' has no options")
        return None
    task = Task(kind=QUESTION_KINDS[settings["type"]], data=data, instructions=clean_text(question.get("description")))
    return labels.taxonomy(clean_text(question.get("title")) or name, task, description=guidelines)
