"""Schema validation that costs little next to parsing.

A valid document, by far the common case, has nothing to report: a compiled Rust validator
(jsonschema-rs) says so in a fraction of the time the Python one needs, and a document
read from the cache already carries its verdict. Only a document that is not known to be
valid goes through the reference validation (schema.validate), which words the messages,
so the diagnostics are the same whichever engine ran.
"""

from __future__ import annotations

from functools import lru_cache

from .cache import CachedDocument
from .fast import fast_path_enabled
from .yaml_source import YamlDocument

try:
    import jsonschema_rs
except ImportError:  # the Python engine alone still gives every diagnostic
    jsonschema_rs = None


@lru_cache(maxsize=None)
def _compiled(name: str, schema_text: str):
    import json

    return jsonschema_rs.validator_for(json.loads(schema_text))


def known_valid(doc: YamlDocument, name: str, schema: dict) -> bool:
    """True when ``doc`` certainly satisfies ``schema`` (named ``name``); False when unsure."""
    if not fast_path_enabled():
        return False
    if name in getattr(doc, "valid_for", ()):
        return True
    valid = False
    if jsonschema_rs is not None:
        try:
            valid = _compiled(name, _text(schema)).is_valid(doc.data)
        except Exception:  # e.g. an integer too large for the Rust engine: let the reference decide
            valid = False
    if isinstance(doc, CachedDocument):
        if valid:
            doc.valid_for.add(name)
        doc.save()
    return valid


def _text(schema: dict) -> str:
    import json

    return json.dumps(schema, sort_keys=True)
