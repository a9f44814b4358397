"""Output formats for a score report; each is a pure function ``render(report: dict) -> str``.

Reporters read the report's JSON form (``ScoreReport.to_dict()``), the same data the site's
quality page reads from a saved report, so every view shows the same figures.
"""

from __future__ import annotations

from typing import Callable


def _formats() -> dict[str, Callable[[dict], str]]:
    from . import json_format, markdown, text

    return {"text": text.render, "json": json_format.render, "markdown": markdown.render}


FORMATS = _formats()
