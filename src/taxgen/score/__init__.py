"""Score annotators: against golden items, and against each other.

Pipeline: annotation files -> ``records`` (parsed, with file:line) -> ``answers`` (checked against
the taxonomy, encoded as integer columns) -> ``scoring`` (``golden`` and ``agreement`` metrics) ->
``report`` (plain data; its JSON form is what reporters and the site page read).
"""

from __future__ import annotations

from .problems import CODES, Problems
from .records import Record, decode_annotations, parse_annotations
from .report import ScoreReport
from .scoring import score_records

__all__ = ["CODES", "Problems", "Record", "ScoreReport", "decode_annotations", "parse_annotations", "score_records"]
