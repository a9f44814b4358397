"""CVAT labels JSON (the project's "Raw" label editor, or a project/task export) -> one taxonomy.

Each label keeps its name, color and attributes (select, radio, checkbox, number, text with
their values and default); skeleton points become child labels of their skeleton.
"""

from __future__ import annotations

from collections import Counter

from ..model import Task
from .base import (ImportOptions, ImportResult, LabelSet, Reporter, as_list, clean_text, parse_json, read_document)

FORMAT = "cvat"
TITLE = "CVAT"
SUFFIXES = (".json",)

SHAPE_KINDS = {
    "rectangle": "boxes", "ellipse": "boxes", "points": "boxes", "cuboid": "boxes", "skeleton": "boxes",
    "polygon": "polygons", "polyline": "polygons", "mask": "polygons", "tag": "multi-label", "any": None,
}
INPUT_TYPES = ("select", "radio", "checkbox", "number", "text")
KEPT_KEYS = {"name", "color", "type", "attributes", "sublabels", "id", "parent_id", "has_parent", "svg", "project_id",
             "task_id"}


def read(data: bytes, options: ImportOptions) -> ImportResult:
    reporter, doc = read_document(data, options, parse_json)
    if doc is None:
        return reporter.result()
    if isinstance(doc, dict) and "labels" in doc:  # a project or task as the API returns it
        title = clean_text(doc.get("name"))
        doc = doc["labels"]
    else:
        title = ""
    entries = as_list(doc, "CVAT labels", reporter)
    labels = LabelSet(options.base_id, reporter)
    kinds: Counter = Counter()
    for entry in entries:
        _label(entry, labels, reporter, kinds, parent=None)
    if not labels.drafts:
        return reporter.result()
    shapes = [k for k in kinds if k]
    kind = Counter({k: kinds[k] for k in shapes}).most_common(1)[0][0] if shapes else "boxes"
    if len(shapes) > 1:
        reporter.report("TI006", f"the labels mix {', '.join(sorted(shapes))}; wrote task kind '{kind}'")
    return reporter.result([labels.taxonomy(title or "CVAT labels", Task(kind=kind, data="image"))])


def _label(entry, labels: LabelSet, reporter: Reporter, kinds: Counter, parent: str | None) -> None:
    if not isinstance(entry, dict) or not clean_text(entry.get("name")):
        reporter.report("TI010", "a CVAT label must be an object with a name; skipped")
        return
    name = clean_text(entry["name"])
    shape = str(entry.get("type") or "any")
    if shape not in SHAPE_KINDS:
        reporter.report("TI004", f"unknown label type '{shape}' of '{name}'")
    kinds[SHAPE_KINDS.get(shape)] += 1
    for key in sorted(set(entry) - KEPT_KEYS):
        reporter.report("TI004", f"unknown key '{key}' of label '{name}'; skipped")
    attributes = [a for a in (_attribute(raw, name, labels, reporter)
                              for raw in as_list(entry.get("attributes"), f"attributes of '{name}'", reporter))
                  if a is not None]
    draft = labels.add(name, parent=parent, color=entry.get("color"), attributes=attributes)
    sublabels = as_list(entry.get("sublabels"), f"sublabels of '{name}'", reporter)
    if sublabels:
        reporter.report("TI009", f"the points of skeleton '{name}' became its child labels; their layout (svg) "
                                 "was not kept")
    for sub in sublabels:
        _label(sub, labels, reporter, Counter(), parent=draft.id)


def _attribute(raw, label: str, labels: LabelSet, reporter: Reporter):
    if not isinstance(raw, dict) or not clean_text(raw.get("name")):
        reporter.report("TI010", f"an attribute of '{label}' must be an object with a name; skipped")
        return None
    kind = raw.get("input_type")
    if kind not in INPUT_TYPES:
        reporter.report("TI004", f"attribute '{raw['name']}' of '{label}' has unknown input_type '{kind}'; skipped")
        return None
    values = [v for v in as_list(raw.get("values"), f"values of '{raw['name']}'", reporter) if v is not None]
    if kind == "number" and len(set(map(str, values))) != len(values):
        reporter.report("TI007", f"number attribute '{raw['name']}' of '{label}' repeats a value in its "
                                 f"min/max/step {values}; duplicates left out")
    default = raw.get("default_value")
    if kind == "checkbox":  # CVAT lists the default as the one value; taxgen keeps only the default
        default = str(default if default is not None else (values or ["false"])[0]).lower() == "true"
        values = []
    if raw.get("mutable"):
        reporter.report("TI009", f"attribute '{raw['name']}' of '{label}' is mutable (changes per frame); taxgen "
                                 "does not record that")
    return labels.attribute(clean_text(raw["name"]), kind, values, default=default)
