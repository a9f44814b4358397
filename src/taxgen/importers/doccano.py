"""doccano label types JSON (Labels > Export) -> one taxonomy.

``text`` is the label's name and id, ``background_color`` its color, ``suffix_key`` its
hotkey. The file does not say whether the labels are categories or span types:
--task-kind tells (default single-label).
"""

from __future__ import annotations

from .base import (ImportOptions, ImportResult, LabelSet, as_list, clean_text, humanize, parse_json,
                   read_document, unsaid_task)

FORMAT = "doccano"
TITLE = "doccano"
SUFFIXES = (".json",)

KNOWN_KEYS = {"id", "text", "prefix_key", "suffix_key", "background_color", "text_color", "project"}


def read(data: bytes, options: ImportOptions) -> ImportResult:
    reporter, doc = read_document(data, options, parse_json)
    if doc is None:
        return reporter.result()
    labels = LabelSet(options.base_id, reporter)
    modifiers: set[str] = set()
    for entry in as_list(doc, "doccano label types", reporter):
        if not isinstance(entry, dict) or not clean_text(entry.get("text")):
            reporter.report("TI010", "a doccano label type must be an object with a text; skipped")
            continue
        name = clean_text(entry["text"])
        for key in sorted(set(entry) - KNOWN_KEYS):
            reporter.report("TI004", f"unknown key '{key}' of label '{name}'; skipped")
        if entry.get("prefix_key"):
            modifiers.add(str(entry["prefix_key"]))
        labels.add(name, hotkey=entry.get("suffix_key"), color=entry.get("background_color"))
    if modifiers:
        reporter.report("TI009", f"hotkey modifiers ({', '.join(sorted(modifiers))}) were not kept: taxgen hotkeys "
                                 "are single keys")
    if not labels.drafts:
        return reporter.result()
    return reporter.result([labels.taxonomy(humanize(options.base_id), unsaid_task(options, reporter, TITLE))])
