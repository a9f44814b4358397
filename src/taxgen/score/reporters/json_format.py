"""The report as JSON: what `taxgen score --out report.json` writes and the site's quality page reads."""

from __future__ import annotations

import json


def render(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True, allow_nan=False) + "\n"
