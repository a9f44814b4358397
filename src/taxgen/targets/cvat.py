"""CVAT labels (the JSON list the project/task "Raw" label editor and the API accept).

CVAT has no class hierarchy (its sublabels are skeleton points), so the hierarchy is encoded
the way CVAT users do it by hand: one flat label per selectable label, named by its display
name, and by its path of names ("Vehicle / Car") where two labels share a name. CVAT names are
unique and at most 64 characters; longer names refuse the target rather than being cut.
Classification becomes ``tag`` labels, boxes ``rectangle``, polygons ``polygon``. CVAT labels
images, video and point clouds: text and audio taxonomies are not compiled for it.
"""

from __future__ import annotations

from ..model import Attribute, Taxonomy
from .common import check_names, color_of, json_text, not_applicable, selectable, shown_names, truncate

TOOL = "CVAT"
MAX_NAME = 64
MAX_DEFAULT = 128
TYPES = {"single-label": "tag", "multi-label": "tag", "boxes": "rectangle", "polygons": "polygon"}


def check(taxonomy: Taxonomy) -> list:
    if taxonomy.task.data in ("text", "audio"):
        return not_applicable(taxonomy, TOOL, f"CVAT annotates images and video, and this taxonomy labels "
                                              f"{taxonomy.task.data}")
    if taxonomy.task.kind not in TYPES:
        return not_applicable(taxonomy, TOOL, "CVAT has no text spans")
    labels = selectable(taxonomy)
    return check_names(taxonomy, labels, shown_names(taxonomy), TOOL, max_length=MAX_NAME)


def render(taxonomy: Taxonomy) -> str:
    return json_text(labels_list(taxonomy), inline_depth=1)  # one label per line


def labels_list(taxonomy: Taxonomy) -> list[dict]:
    labels = selectable(taxonomy)
    names = shown_names(taxonomy)
    kind = TYPES[taxonomy.task.kind]
    return [{"name": names[label.id], "color": color_of(label), "type": kind,
             "attributes": [_attribute(a) for a in label.attributes]} for label in labels]


def _attribute(attribute: Attribute) -> dict:
    """CVAT attribute: select/radio list their values, checkbox has one ("false"/"true"), number a
    "min;max;step" triple; a number without a range given as three values is asked as text."""
    kind, values = attribute.type, list(attribute.values)
    default = "" if attribute.default is None else str(attribute.default)
    if kind in ("select", "radio"):
        default = default if default in values else (values[0] if values else "")
    elif kind == "checkbox":
        values = ["true" if attribute.default is True else "false"]
        default = values[0]
    elif kind == "number" and not _is_range(values):
        kind, values = "text", [default]
    elif kind == "number":
        default = default if _is_number(default) else values[0]
    else:
        values = [default]
    return {"name": attribute.name, "mutable": False, "input_type": kind,
            "default_value": truncate(default, MAX_DEFAULT), "values": values}


def _is_range(values: list[str]) -> bool:
    return len(values) == 3 and all(_is_number(v) for v in values)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
