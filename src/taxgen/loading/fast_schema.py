"""Schema validation that costs little next to parsing.

A valid document, by far the common case, has nothing to report: a compiled Rust validator
(jsonschema-rs) says so in a fraction of the time the Python one needs, and a document
read from the cache already carries its verdict. Only a document that is not known to be
valid goes through the reference validation (schema.validate), which words the messages,
so the diagnostics are the same whichever engine ran.
"""

from __future__ import annotations

from .cache import CachedDocument
from .fast import fast_path_enabled
from .yaml_source import YamlDocument

try:
    import jsonschema_rs
except ImportError:  # the Python engine alone still gives every diagnostic
    jsonschema_rs = None


_compiled: dict[str, tuple[dict, object]] = {}  # name -> (schema, its validator)


def _validator(name: str, schema: dict):
    """The compiled validator of ``schema``, compiled once per schema (schema.schema() caches them)."""
    known = _compiled.get(name)
    if known is None or known[0] is not schema:
        known = _compiled[name] = (schema, jsonschema_rs.validator_for(schema))
    return known[1]


def known_valid(doc: YamlDocument, name: str, schema: dict) -> bool:
    """True when ``doc`` certainly satisfies ``schema`` (named ``name``); False when unsure."""
    if not fast_path_enabled():
        return False
    if name in getattr(doc, "valid_for", ()):
        return True
    valid = certainly_valid(doc.data, name, schema)
    if isinstance(doc, CachedDocument):
        if valid:
            doc.valid_for.add(name)
        doc.save()
    return valid


def certainly_valid(data, name: str, schema: dict) -> bool:
    """True when the compiled validator finds ``data`` valid; False when it does not, fails, or
    is not installed (the reference validation then decides)."""
    if jsonschema_rs is None:
        return False
    try:
        return _validator(name, schema).is_valid(data)
    except Exception:  # e.g. an integer too large for the Rust engine, or a key that is not text
        return False
