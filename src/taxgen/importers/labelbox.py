"""Labelbox ontology JSON -> one taxonomy for the tools, one per radio/checklist classification.

Tools (boxes, polygons, entities) become labels named by the tool, with their color; a
tool's nested classifications become label attributes. A global classification becomes a
classification taxonomy whose labels are its options (id from ``value``, name from
``label``); an option's nested classifications become child labels.
"""

from __future__ import annotations

from collections import Counter

from ..model import Attribute, Task, Taxonomy
from .base import (ImportOptions, ImportResult, LabelSet, Reporter, as_dict, as_list, clean_text, humanize,
                   parse_json, part_id, read_document)

FORMAT = "labelbox"
TITLE = "Labelbox"
SUFFIXES = (".json",)

TOOL_KINDS = {
    "rectangle": "boxes", "bbox": "boxes", "point": "boxes", "line": "polygons", "polygon": "polygons",
    "superpixel": "polygons", "raster-segmentation": "polygons", "named-entity": "spans", "ner": "spans",
}
TEXT_TOOLS = {"named-entity", "ner"}
CHOICE_TYPES = {"radio": "single-label", "dropdown": "single-label", "checklist": "multi-label"}
ATTRIBUTE_TYPES = {"radio": "radio", "dropdown": "select", "checklist": "select", "text": "text"}


def read(data: bytes, options: ImportOptions) -> ImportResult:
    reporter, doc = read_document(data, options, parse_json)
    if doc is None:
        return reporter.result()
    ontology = as_dict(doc, "a Labelbox ontology", reporter)
    if ontology is None:
        return reporter.result()
    if isinstance(ontology.get("normalized"), dict):  # an ontology as the API returns it
        ontology = ontology["normalized"]
    for key in sorted(set(ontology) - {"tools", "classifications", "relationships"}):
        reporter.report("TI004", f"unknown key '{key}' in the ontology; skipped")
    tools = [t for t in as_list(ontology.get("tools"), "'tools'", reporter) if _is_object(t, "tool", reporter)]
    classifications = [c for c in as_list(ontology.get("classifications"), "'classifications'", reporter)
                       if _is_object(c, "classification", reporter)]
    choice = [c for c in classifications if _type(c) in CHOICE_TYPES]
    for c in classifications:
        if _type(c) not in CHOICE_TYPES:
            reporter.report("TI009", f"classification '{c.get('name')}' of type '{c.get('type')}' has no label set; "
                                     "skipped")
    several = len(choice) + bool(tools) > 1
    out: list[Taxonomy] = []
    if tools:
        out.append(_tools_taxonomy(tools, options, reporter, several))
    for classification in choice:
        taxonomy = _classification_taxonomy(classification, options, reporter, several)
        if taxonomy is not None:
            out.append(taxonomy)
    return reporter.result(out)


def _type(value: dict) -> str | None:
    """The 'type' of a classification; None unless it is text (a list or object there is no type)."""
    kind = value.get("type")
    return kind if isinstance(kind, str) else None


def _is_object(value, what: str, reporter: Reporter) -> bool:
    if isinstance(value, dict):
        return True
    reporter.report("TI010", f"a {what} must be an object, not {type(value).__name__}; skipped")
    return False


def _tools_taxonomy(tools: list[dict], options: ImportOptions, reporter: Reporter, several: bool) -> Taxonomy:
    labels = LabelSet(part_id(options, "objects", several), reporter)
    kinds: Counter = Counter()
    for tool in tools:
        kind = str(tool.get("tool", ""))
        if kind not in TOOL_KINDS:
            reporter.report("TI004", f"unknown tool type '{kind}' of '{tool.get('name')}'; treated as a box")
        kinds[TOOL_KINDS.get(kind, "boxes")] += 1
        attributes = [a for c in as_list(tool.get("classifications"), "a tool's 'classifications'", reporter)
                      if isinstance(c, dict) for a in [_attribute(c, labels, reporter)] if a is not None]
        labels.add(clean_text(tool.get("name")), color=tool.get("color"), attributes=attributes)
    kind = kinds.most_common(1)[0][0]
    if len(kinds) > 1:
        reporter.report("TI006", f"the tools mix {', '.join(sorted(kinds))}; wrote task kind '{kind}'",
                        hint="split the tools into one taxonomy per shape if annotators use them separately")
    data = "text" if all(str(t.get("tool")) in TEXT_TOOLS for t in tools) else "image"
    return labels.taxonomy("Objects", Task(kind=kind, data=data))


def _attribute(classification: dict, labels: LabelSet, reporter: Reporter) -> Attribute | None:
    kind = _type(classification)
    name = clean_text(classification.get("name")) or clean_text(classification.get("instructions"))
    if kind not in ATTRIBUTE_TYPES or not name:
        written = classification.get("type")
        reporter.report("TI004", f"nested classification '{name}' of type '{written}' is not an attribute taxgen knows; "
                                 "skipped")
        return None
    if kind == "checklist":
        reporter.report("TI006", f"checklist '{name}' became a select attribute: taxgen attributes take one value")
    options = [o for o in as_list(classification.get("options"), f"options of '{name}'", reporter) if isinstance(o, dict)]
    values = [_option_value(o) for o in options]
    if any(o.get("options") for o in options):
        reporter.report("TI007", f"classifications nested below the options of '{name}' were left out")
    instructions = clean_text(classification.get("instructions"))
    return labels.attribute(name, ATTRIBUTE_TYPES[kind], values,
                            description=instructions if instructions != name else "")


def _option_value(option: dict) -> str:
    return str(option.get("value") if option.get("value") not in (None, "") else option.get("label", ""))


def _classification_taxonomy(classification: dict, options: ImportOptions, reporter: Reporter,
                             several: bool) -> Taxonomy | None:
    name = clean_text(classification.get("name")) or clean_text(classification.get("instructions")) or "classification"
    labels = LabelSet(part_id(options, name, several), reporter)
    _options(classification, labels, reporter, parent=None)
    if not labels.drafts:
        reporter.report("TI005", f"classification '{name}' has no options")
        return None
    instructions = clean_text(classification.get("instructions"))
    task = Task(kind=CHOICE_TYPES[classification["type"]], data="text", leaf_only=False,
                instructions=instructions if instructions != name else "")
    reporter.report("TI006", f"the ontology does not say what '{name}' classifies; wrote data: text",
                    hint="set task.data to image, audio or document if that is wrong")
    return labels.taxonomy(humanize(name), task)


def _options(classification: dict, labels: LabelSet, reporter: Reporter, parent: str | None) -> None:
    for option in as_list(classification.get("options"), "'options'", reporter):
        if not isinstance(option, dict):
            reporter.report("TI010", "an option must be an object; skipped")
            continue
        label = clean_text(str(option.get("label", ""))) or _option_value(option)
        draft = labels.add(label, key=_option_value(option) or label, parent=parent)
        for nested in as_list(option.get("options"), f"classifications below '{label}'", reporter):
            if isinstance(nested, dict) and _type(nested) in CHOICE_TYPES:
                _options(nested, labels, reporter, parent=draft.id)
            elif isinstance(nested, dict):
                reporter.report("TI009", f"{nested.get('type')} classification below '{label}' has no label set; "
                                         "skipped")
