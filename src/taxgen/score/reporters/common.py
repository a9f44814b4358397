"""What the text and Markdown reports share: number formatting and which rows make the cut."""

from __future__ import annotations

SHOWN_PAIRS = 10  # confused label pairs and annotator pairs listed; the JSON report has all of them


def figure(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def lowest_pairs(agreement: dict) -> list[dict]:
    """Annotator pairs that agree least (by kappa; undefined ones last), the ones a QA lead looks at first."""
    pairs = sorted(agreement["cohen_kappa"], key=lambda p: (p["kappa"] is None, p["kappa"] or 0.0, p["annotators"]))
    return pairs[:SHOWN_PAIRS]


def records_summary(report: dict) -> str:
    records, problems = report["records"], report["problems"]
    parts = [f"{records['read']:,} read", f"{records['scored']:,} scored"]
    if records["invalid"]:
        parts.append(f"{records['invalid']:,} invalid")
    if records["replaced"]:
        parts.append(f"{records['replaced']:,} replaced by a later answer")
    if records["other_taxonomy"]:
        parts.append(f"{records['other_taxonomy']:,} of other taxonomies")
    return (f"{', '.join(parts)} ({plural(problems['errors'], 'error')}, "
            f"{plural(problems['warnings'], 'warning')})")
