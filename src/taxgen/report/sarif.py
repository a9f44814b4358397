"""SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__
from ..rules import RULES

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule(info) -> dict:
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": _first_paragraph(info)},
        "help": {"text": info.doc or info.summary, "markdown": info.doc or info.summary},
        "defaultConfiguration": {"level": _LEVEL[info.severity.value]},
        "helpUri": f"https://taxgen.dev/rules/{info.code}/",
    }


def _first_paragraph(info) -> str:
    """The rule's explanation; loader codes' docs are only a bad and a good example."""
    first = info.doc.split("\n\n")[0].replace("\n", " ") if info.doc else ""
    return info.summary if not first or first.startswith("Bad") else first


def _result(d, index: dict) -> dict:
    region = {"startLine": d.line, "startColumn": d.column} if d.line else None
    # a URI reference relative to the project root: spaces and other reserved characters are escaped
    location = {"physicalLocation": {"artifactLocation": {"uri": quote(d.path, safe="/"), "uriBaseId": "PROJECTROOT"}}}
    if region:
        location["physicalLocation"]["region"] = region
    message = d.message + (f" ({d.hint})" if d.hint else "")
    return {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _LEVEL[d.severity.value],
        "message": {"text": message},
        "locations": [location],
    }


def render(diagnostics, summary: dict, **_options) -> str:
    rules = list(RULES.values())
    index = {info.code: i for i, info in enumerate(rules)}
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "taxgen",
                "version": __version__,
                "informationUri": "https://taxgen.dev/",
                "rules": [_rule(info) for info in rules],
            }},
            # no "uri": a base id's own uri must be absolute, and the project's place differs per machine
            "originalUriBaseIds": {"PROJECTROOT": {"description": {"text": "The project folder (holding mkdocs.yml)."}}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(d, index) for d in diagnostics],
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
