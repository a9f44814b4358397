"""Machine-readable diagnostics: ``{"diagnostics": [...], "summary": {...}}``."""

from __future__ import annotations

import json


def render(diagnostics, summary: dict, **_options) -> str:
    payload = {"diagnostics": [d.to_dict() for d in diagnostics], "summary": summary}
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
