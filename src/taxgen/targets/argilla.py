"""Argilla 2.x dataset settings, in the form ``rg.Settings.to_json`` writes and ``from_json`` reads.

One field holding the item (``text``, ``document`` as Markdown, or ``image``) and one question:
``LabelQuestion`` (single-label), ``MultiLabelQuestion`` (multi-label) or ``SpanQuestion``
(spans). Options are the selectable labels, flat (Argilla has no hierarchy): ``value`` = id,
``text`` = display name (path when two share a name), ``description`` = definition. The
guidelines are the taxonomy's description and instructions. The Argilla server's limits are
checked here: 2-500 options for label questions, 1-500 for spans, option text <= 500
characters; descriptions and guidelines longer than the server takes are shortened with "…".
"""

from __future__ import annotations

from ..model import Taxonomy
from .common import check_count, check_names, json_text, not_applicable, selectable, shown_names, truncate

TOOL = "Argilla"
MAX_OPTIONS = 500
MAX_OPTION_TEXT = 500
MAX_DESCRIPTION = 1000
MAX_TITLE = 500
MAX_GUIDELINES = 10000
MIN_VISIBLE_OPTIONS = 3
QUESTIONS = {"single-label": ("label", "label_selection"), "multi-label": ("labels", "multi_label_selection"),
             "spans": ("spans", "span")}


def check(taxonomy: Taxonomy) -> list:
    kind, data = taxonomy.task.kind, taxonomy.task.data
    if kind not in QUESTIONS:
        return not_applicable(taxonomy, TOOL, f"Argilla has no question for {kind}")
    if data == "audio" or (kind == "spans" and data == "image"):
        return not_applicable(taxonomy, TOOL, f"Argilla shows text and images, and this taxonomy labels {data}"
                              + (" with text spans" if data == "image" else ""))
    labels = selectable(taxonomy)
    minimum = 1 if kind == "spans" else 2
    return (check_count(taxonomy, len(labels), TOOL, minimum=minimum, maximum=MAX_OPTIONS, what="options")
            + check_names(taxonomy, labels, shown_names(taxonomy), TOOL, max_length=MAX_OPTION_TEXT))


def render(taxonomy: Taxonomy) -> str:
    return json_text(settings(taxonomy), inline_depth=5)  # one option per line


def settings(taxonomy: Taxonomy) -> dict:
    field = _field(taxonomy.task.data)
    return {
        "guidelines": _guidelines(taxonomy),
        "questions": [_question(taxonomy, field["name"])],
        "fields": [field],
        "vectors": [],
        "metadata": [],
        "allow_extra_metadata": False,
        "distribution": {"strategy": "overlap", "min_submitted": 1},
        "mapping": None,
    }


def _resource(name: str, settings_: dict, title: str, description: str | None, *, question: bool) -> dict:
    """The key order of Argilla's own serialization (questions put description before required)."""
    out = {"id": None, "inserted_at": None, "updated_at": None, "name": name, "settings": settings_, "title": title}
    if question:
        out.update(description=description, required=True)
    else:
        out.update(required=True, description=description)
    out.update(dataset_id=None, type=settings_["type"])
    return out


def _field(data: str) -> dict:
    if data == "image":
        return _resource("image", {"type": "image"}, "Image", None, question=False)
    name, markdown = ("document", True) if data == "document" else ("text", False)
    return _resource(name, {"type": "text", "use_markdown": markdown}, name.capitalize(), None, question=False)


def _question(taxonomy: Taxonomy, field_name: str) -> dict:
    name, kind = QUESTIONS[taxonomy.task.kind]
    labels = selectable(taxonomy)
    names = shown_names(taxonomy)
    options = []
    for label in labels:
        option = {"value": label.id, "text": names[label.id]}
        if label.definition.strip():
            option["description"] = truncate(label.definition.strip(), MAX_DESCRIPTION)
        options.append(option)
    visible = len(options) if len(options) >= MIN_VISIBLE_OPTIONS else None
    if kind == "span":
        question_settings = {"type": kind, "allow_overlapping": False, "field": field_name, "options": options,
                             "visible_options": visible}
    else:
        question_settings = {"type": kind, "options": options, "visible_options": visible}
        if kind == "multi_label_selection":
            question_settings["options_order"] = "natural"
    description = truncate(taxonomy.task.instructions.strip(), MAX_DESCRIPTION) or None
    return _resource(name, question_settings, truncate(taxonomy.title, MAX_TITLE), description, question=True)


def _guidelines(taxonomy: Taxonomy) -> str:
    parts = [f"# {taxonomy.title} ({taxonomy.version})", taxonomy.description.strip(),
             taxonomy.task.instructions.strip()]
    return truncate("\n\n".join(p for p in parts if p), MAX_GUIDELINES)
