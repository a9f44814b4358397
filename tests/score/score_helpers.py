"""Score the fixture annotation files (tests/fixtures/score/annotations) against the fixture project."""

from __future__ import annotations

from pathlib import Path

from taxgen.score import Problems, decode_annotations, parse_annotations, score_records

REPO = Path(__file__).parent.parent.parent
SCORE_FIXTURES = REPO / "tests" / "fixtures" / "score"
PROJECT = SCORE_FIXTURES / "project"
ANNOTATIONS = SCORE_FIXTURES / "annotations"


def score_text(project, text: str, name: str = "annotations.jsonl", taxonomy: str | None = None):
    """The report (as its JSON dict) and the diagnostics of one annotations text."""
    problems = Problems()
    report = score_records(project, parse_annotations(text, name, problems), problems, taxonomy=taxonomy)
    return report.to_dict(), problems.diagnostics()


def score_file(project, name: str, taxonomy: str | None = None):
    problems = Problems()
    text = decode_annotations((ANNOTATIONS / name).read_bytes(), name, problems)
    records = parse_annotations(text, name, problems) if text is not None else []
    report = score_records(project, records, problems, taxonomy=taxonomy)
    return report.to_dict(), problems.diagnostics()


def section(report: dict, taxonomy: str) -> dict:
    return next(s for s in report["taxonomies"] if s["taxonomy"] == taxonomy)
