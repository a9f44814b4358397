"""Prodigy label file: one selectable label id per line, for ``--label prodigy.txt``.

Ids are used (not display names) because Prodigy stores the label string in every annotation
and ids never change; taxgen ids hold no commas or spaces, so the file also works split by
Prodigy's comma-separated ``--label`` form.
"""

from __future__ import annotations

from ..model import Taxonomy
from .common import check_count, selectable

TOOL = "Prodigy"


def check(taxonomy: Taxonomy) -> list:
    return check_count(taxonomy, len(selectable(taxonomy)), TOOL)


def render(taxonomy: Taxonomy) -> str:
    return "".join(f"{label.id}\n" for label in selectable(taxonomy))
