"""taxgen's own JSON label schema: every label with its place in the hierarchy and display hints.

Its format is published as src/taxgen/schemas/label-schema.schema.json. ``content_hash`` is the
sha256 of the same document without the hash, serialized canonically (sorted keys, no spaces,
UTF-8), so it changes exactly when the taxonomy's content does, not when files move or YAML is
reformatted.
"""

from __future__ import annotations

import hashlib
import json

from ..model import Attribute, Label, Taxonomy
from .common import children_of, json_text, labels_of

SCHEMA_URL = "https://taxgen.dev/schemas/label-schema.schema.json"
FORMAT_VERSION = 1


def check(taxonomy: Taxonomy) -> list:
    return []


def render(taxonomy: Taxonomy) -> str:
    return json_text(document(taxonomy), inline_depth=2)  # one label per line


def document(taxonomy: Taxonomy) -> dict:
    """The label schema of ``taxonomy``; the last one is kept, as compile asks twice (file, index)."""
    if _last[0] is not taxonomy:
        _last[:] = [taxonomy, _document(taxonomy)]
    return _last[1]


_last: list = [None, None]


def _document(taxonomy: Taxonomy) -> dict:
    body = {
        "taxonomy": {
            "id": taxonomy.id,
            "title": taxonomy.title,
            "version": taxonomy.version,
            "description": taxonomy.description,
            "task": {
                "kind": taxonomy.task.kind,
                "data": taxonomy.task.data,
                "leaf_only": taxonomy.task.leaf_only,
                "multi": taxonomy.task.multi,
                "instructions": taxonomy.task.instructions,
            },
        },
        "labels": [_label(taxonomy, label) for label in labels_of(taxonomy)],
    }
    return {"$schema": SCHEMA_URL, "format_version": FORMAT_VERSION, "content_hash": content_hash(body), **body}


def content_hash(body: dict) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def taxonomy_hash(taxonomy: Taxonomy) -> str:
    return document(taxonomy)["content_hash"]


def _label(taxonomy: Taxonomy, label: Label) -> dict:
    selectable = not label.deprecated and (not taxonomy.task.leaf_only or taxonomy.is_leaf(label.id))
    path = taxonomy.path(label.id)
    return {
        "id": label.id,
        "name": label.name,
        "path": list(path),
        "path_names": [taxonomy.get(i).name for i in path],
        "parents": list(label.parents),
        "children": list(children_of(taxonomy).get(label.id, ())),
        "leaf": taxonomy.is_leaf(label.id),
        "selectable": selectable,
        "definition": label.definition,
        "synonyms": list(label.synonyms),
        "color": label.color.lower() if label.color else None,
        "hotkey": label.hotkey,
        "status": label.status,
        "replaced_by": list(label.replaced_by),
        "sensitivity": label.sensitivity,
        "attributes": [_attribute(a) for a in label.attributes],
    }


def _attribute(attribute: Attribute) -> dict:
    return {
        "name": attribute.name,
        "type": attribute.type,
        "values": list(attribute.values),
        "default": attribute.default,
        "description": attribute.description,
    }
