"""spaCy label list: a JSON list of selectable label ids, the file ``spacy.read_labels.v1`` reads
in ``[initialize.components.<name>.labels]`` (and ``spacy init labels`` writes).

Which component: ``textcat`` (single-label), ``textcat_multilabel`` (multi-label), ``spancat``
or ``ner`` (spans). spaCy processes text: image and audio taxonomies are not compiled for it.
"""

from __future__ import annotations

from ..model import Taxonomy
from .common import check_count, json_text, not_applicable, selectable

TOOL = "spaCy"
COMPONENTS = {"single-label": "textcat", "multi-label": "textcat_multilabel", "spans": "spancat"}


def check(taxonomy: Taxonomy) -> list:
    if taxonomy.task.kind not in COMPONENTS or taxonomy.task.data in ("image", "audio"):
        return not_applicable(taxonomy, TOOL, f"spaCy labels text, and this taxonomy has {taxonomy.task.kind} on "
                                              f"{taxonomy.task.data}")
    return check_count(taxonomy, len(selectable(taxonomy)), TOOL)


def render(taxonomy: Taxonomy) -> str:
    return json_text([label.id for label in selectable(taxonomy)], inline_depth=1)
