"""Labelbox ontology (the dict ``OntologyBuilder.from_dict`` reads and ``asdict`` writes).

Classification: one radio (single-label) or checklist (multi-label) classification named
after the taxonomy; a label with children carries a nested classification of the same type
whose options are its children, so annotators drill down the hierarchy. Option ``value`` is
the label id, ``label`` its display name. Spans, boxes and polygons: one tool per selectable
label (``named-entity``, ``rectangle``, ``polygon``), named by display name. Attributes become
nested classifications under their option or tool.
"""

from __future__ import annotations

from ..model import Attribute, Label, Taxonomy
from .common import (check_names, check_tree, color_of, json_text, not_applicable, selectable,
                     shown_names, tree_children, tree_roots, visible_ids)

TOOL = "Labelbox"
TOOLS = {"spans": "named-entity", "boxes": "rectangle", "polygons": "polygon"}


def check(taxonomy: Taxonomy) -> list:
    kind, data = taxonomy.task.kind, taxonomy.task.data
    if kind in ("boxes", "polygons") and data not in ("image", "document"):
        return not_applicable(taxonomy, TOOL, f"{kind} are drawn on images, and this taxonomy labels {data}")
    if kind == "spans" and data not in ("text", "document"):
        return not_applicable(taxonomy, TOOL, f"named entities are marked in text, and this taxonomy labels {data}")
    if taxonomy.task.classification:
        return check_tree(taxonomy, TOOL)
    labels = selectable(taxonomy)
    return check_names(taxonomy, labels, shown_names(taxonomy), TOOL)


def render(taxonomy: Taxonomy) -> str:
    return json_text(ontology(taxonomy), inline_depth=2)  # one tool or tree per line


def ontology(taxonomy: Taxonomy) -> dict:
    if taxonomy.task.classification:
        return {"tools": [], "classifications": [_classification_tree(taxonomy)]}
    labels = selectable(taxonomy)
    names = shown_names(taxonomy)
    tools = [_tool(label, names[label.id], TOOLS[taxonomy.task.kind]) for label in labels]
    return {"tools": tools, "classifications": []}


def _classification_tree(taxonomy: Taxonomy) -> dict:
    kind = "checklist" if taxonomy.task.multi else "radio"
    visible = visible_ids(taxonomy)
    top = _classification(kind, taxonomy.id, taxonomy.title, required=True)
    top["scope"] = "global"
    # Iterative walk: each entry is (label, the options list it joins), so deep trees cannot overflow.
    stack = [(root, top["options"]) for root in reversed(tree_roots(taxonomy, visible))]
    while stack:
        label, siblings = stack.pop()
        option = _option(label)
        siblings.append(option)
        children = tree_children(taxonomy, label.id, visible)
        if children:
            nested = _classification(kind, label.id, label.name, required=not taxonomy.task.multi)
            option["options"].append(nested)
            stack.extend((child, nested["options"]) for child in reversed(children))
        option["options"].extend(_attribute_classification(a) for a in label.attributes)
    return top


def _classification(kind: str, name: str, instructions: str, required: bool = False) -> dict:
    """A classification in exactly the key order and shape ``Classification.asdict`` gives."""
    return {
        "type": kind,
        "instructions": instructions,
        "name": name,
        "required": required,
        "options": [],
        "schemaNodeId": None,
        "featureSchemaId": None,
        "attributes": None,
    }


def _option(label: Label) -> dict:
    return _value_option(label.id, label.name)


def _tool(label: Label, name: str, tool: str) -> dict:
    return {
        "tool": tool,
        "name": name,
        "required": False,
        "color": color_of(label),
        "classifications": [_attribute_classification(a) for a in label.attributes],
        "schemaNodeId": None,
        "featureSchemaId": None,
        "attributes": None,
    }


def _attribute_classification(attribute: Attribute) -> dict:
    question = attribute.description or attribute.name
    if attribute.type in ("select", "radio") and attribute.values:
        nested = _classification("radio", attribute.name, question)
        nested["options"] = [_value_option(value) for value in attribute.values]
    elif attribute.type == "checkbox":
        nested = _classification("checklist", attribute.name, question)
        nested["options"] = [_value_option("true", attribute.name)]
    else:
        nested = _classification("text", attribute.name, question)
    return nested


def _value_option(value: str, text: str | None = None) -> dict:
    return {"schemaNodeId": None, "featureSchemaId": None, "label": text or value, "value": value, "options": []}
