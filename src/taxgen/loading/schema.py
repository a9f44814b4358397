"""Structural validation of loaded files against the published JSON Schemas.

jsonschema errors become diagnostics that point at the offending value (file:line:col),
with the best error of a ``oneOf`` group rather than a wall of alternatives.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from ..diagnostics import Diagnostic, Severity
from . import fast_schema
from .yaml_source import YamlDocument

SCHEMA_NAMES = ("taxonomy", "golden", "guideline")


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    text = resources.files("taxgen.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(name))


def _json_path(path) -> str:
    out = "$"
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out


def _deepest(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf failures, the alternative that got furthest."""
    while error.context:
        relevant = best_match(error.context)
        if relevant is None or relevant is error:
            break
        if relevant.validator in ("type", "oneOf", "anyOf") and relevant.path == error.path and not relevant.context:
            # the value's type fits none of the alternatives: say what would fit
            break
        error = relevant
    return error


def _alternative_errors(error: ValidationError) -> list[ValidationError] | None:
    """For a oneOf/anyOf that only one alternative could fit (the value has its type), that
    alternative's errors: a taxonomy header with a bad id and a bad version gets both, not a
    complaint that it is not a string."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return None
    by_alternative: dict = {}
    for sub in error.context:
        by_alternative.setdefault(sub.schema_path[0], []).append(sub)
    fitting = [subs for subs in by_alternative.values()
               if not any(sub.validator == "type" and not sub.relative_path for sub in subs)]
    return fitting[0] if len(fitting) == 1 else None


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    alternative = _alternative_errors(error)
    if alternative is None:
        return [_deepest(error)]
    return [leaf for sub in alternative for leaf in _leaf_errors(sub)]


def _quote_hint(value: Any, written: str | None) -> str | None:
    """YAML read ``012``, ``1e3``, ``yes`` or ``~`` as a number, boolean or null: say how to keep the text."""
    if value is None and not written:
        return "give the field a value or remove it"
    if isinstance(value, (bool, int, float)) or value is None:
        shown = written if written is not None else json.dumps(value)
        return f'quote it to make it a string: "{shown}"'
    return None


def _describe(error: ValidationError, doc: YamlDocument) -> tuple[str, str | None]:
    value = error.instance
    where = _json_path(error.absolute_path)
    if error.validator == "additionalProperties":
        return "", None  # reported per key below
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{where}: missing required field '{missing}'", None
    if error.validator == "enum":
        allowed = ", ".join(repr(v) for v in error.validator_value)
        hint = None
        if isinstance(value, str):
            close = difflib.get_close_matches(value, [str(v) for v in error.validator_value], n=1)
            hint = f"did you mean '{close[0]}'?" if close else None
        return f"{where}: {value!r} is not one of {allowed}", hint
    if error.validator == "type" or (error.validator in ("oneOf", "anyOf") and not isinstance(value, (dict, list))):
        expected = error.validator_value if error.validator == "type" else "the documented form"
        hint = _quote_hint(value, doc.written(list(error.absolute_path))) if _wants_string(error) else None
        return f"{where}: {_short(value)} is not of type {expected}", hint
    if error.validator == "pattern":
        return (f"{where}: {_short(value)} does not match the pattern {error.validator_value}",
                _foreign_letter(value) or error.schema.get("description"))
    return f"{where}: {error.message if len(error.message) < 200 else error.message[:200] + '…'}", None


def _foreign_letter(value: Any) -> str | None:
    """For an id that looks right but is not (a Cyrillic 'а', a full-width 'ａ'): which character is wrong."""
    char = next((c for c in value if not c.isascii()), None) if isinstance(value, str) else None
    if char is None:
        return None
    return (f"{char} is U+{ord(char):04X} {unicodedata.name(char, 'a non-ASCII character')}; "
            "ids use ASCII letters, digits, '.', '_' and '-'")


def _wants_string(error: ValidationError) -> bool:
    if error.validator == "type":
        return error.validator_value == "string" or "string" in error.validator_value
    return any(sub.validator == "type" and sub.validator_value == "string" for sub in error.context or ())


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _unknown_keys(error: ValidationError, doc: YamlDocument) -> Iterator[Diagnostic]:
    allowed = sorted(error.schema.get("properties", {}))
    for key in sorted(set(error.instance) - set(allowed)):
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        location = doc.locate(list(error.absolute_path) + [key], key=True)
        yield Diagnostic("TG102", Severity.ERROR, f"unknown key '{key}'", location, hint)


class FailedPaths(set):
    """The JSON paths of the values that failed validation, with an index from a path to the
    keys below it that failed (built on the first lookup), so that cleaning each of 100,000
    labels stays cheap."""

    def __init__(self, paths=()):
        super().__init__(paths)
        self._below: dict[tuple, set] | None = None

    def keys_below(self, prefix: tuple) -> set:
        if self._below is None:
            self._below = {}
            for path in self:
                for depth in range(len(path)):
                    self._below.setdefault(path[:depth], set()).add(path[depth])
        return self._below.get(prefix, set())


def validate(doc: YamlDocument, name: str) -> tuple[list[Diagnostic], set[tuple]]:
    """Schema diagnostics for one document, and the JSON paths of the values that failed."""
    if fast_schema.known_valid(doc, name, schema(name)):  # cached or Rust-checked: nothing to report
        return [], set()
    out: list[Diagnostic] = []
    failed: set[tuple] = set()
    for error in (leaf for top in validator(name).iter_errors(doc.data) for leaf in _leaf_errors(top)):
        nested = [e for e in (error.context or ()) if e.validator == "additionalProperties"]
        if error.validator == "additionalProperties" or nested:
            error = nested[0] if nested else error
            failed.update(tuple(error.absolute_path) + (key,) for key in set(error.instance) - set(error.schema.get("properties", {})))
            out.extend(_unknown_keys(error, doc))
            continue
        failed.add(tuple(error.absolute_path))
        message, hint = _describe(error, doc)
        out.append(Diagnostic("TG101", Severity.ERROR, message, doc.locate(list(error.absolute_path)), hint))
    return out, FailedPaths(failed)


def clean(node: dict, failed: set[tuple], prefix: tuple) -> dict | None:
    """``node`` without the fields that failed validation; None when the node itself failed."""
    if prefix in failed or not isinstance(node, dict):
        return None
    if not failed:
        return node
    broken = (failed if isinstance(failed, FailedPaths) else FailedPaths(failed)).keys_below(prefix)
    return {key: value for key, value in node.items() if key not in broken} if broken else node
