"""Output formats for diagnostics; none of them is known to the rules."""

from __future__ import annotations

from typing import Callable

from . import github, json_format, sarif, text

FORMATS: dict[str, Callable] = {
    "text": text.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
}
