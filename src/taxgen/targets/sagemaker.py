"""Amazon SageMaker Ground Truth label category configuration file.

``document-version`` 2018-11-28, one ``{"label": ...}`` per selectable label (display name,
its path when two labels share a name), and ``instructions`` (short: the task instructions,
full: the taxonomy description, both as escaped HTML; required for named-entity jobs, read by
3D/video jobs, ignored by the others). Ground Truth's documented limits are checked: labels
unique, at least two for classification, at most 10 for bounding boxes.
"""

from __future__ import annotations

import html

from ..model import Taxonomy
from .common import check_count, check_names, json_text, selectable, shown_names

TOOL = "SageMaker Ground Truth"
DOCUMENT_VERSION = "2018-11-28"
MAX_BOX_LABELS = 10


def check(taxonomy: Taxonomy) -> list:
    labels = selectable(taxonomy)
    kind = taxonomy.task.kind
    minimum = 2 if taxonomy.task.classification else 1
    maximum = MAX_BOX_LABELS if kind == "boxes" else None
    return (check_count(taxonomy, len(labels), TOOL, minimum=minimum, maximum=maximum)
            + check_names(taxonomy, labels, shown_names(taxonomy), TOOL))


def render(taxonomy: Taxonomy) -> str:
    labels = selectable(taxonomy)
    names = shown_names(taxonomy)
    return json_text(inline_depth=2, data={
        "document-version": DOCUMENT_VERSION,
        "labels": [{"label": names[label.id]} for label in labels],
        "instructions": {
            "shortInstruction": _html(taxonomy.task.instructions or taxonomy.title),
            "fullInstruction": _html(taxonomy.description or taxonomy.task.instructions or taxonomy.title),
        },
    })


def _html(text: str) -> str:
    paragraphs = [p.strip() for p in text.strip().split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs)
