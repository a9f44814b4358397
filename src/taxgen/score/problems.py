"""Diagnostic codes of `taxgen score`, and a collector that keeps a million bad records readable."""

from __future__ import annotations

from collections import Counter

from ..diagnostics import Diagnostic, Location, Severity, sorted_diagnostics

# code: (severity, summary). Errors skip the record; warnings keep it in the scores.
CODES: dict[str, tuple[Severity, str]] = {
    "TS001": (Severity.ERROR, "The annotations file cannot be read: not UTF-8, or not JSON Lines/CSV."),
    "TS002": (Severity.ERROR, "A line is not valid JSON."),
    "TS003": (Severity.ERROR, "A record lacks a field or a field has the wrong type."),
    "TS004": (Severity.ERROR, "A record names a taxonomy the project does not have."),
    "TS005": (Severity.ERROR, "A record does not say its taxonomy and the project has several."),
    "TS006": (Severity.ERROR, "The file holds no annotation records."),
    "TS101": (Severity.ERROR, "A record uses a label id that does not exist in its taxonomy."),
    "TS102": (Severity.WARNING, "A record uses a deprecated label."),
    "TS103": (Severity.WARNING, "A record uses a label annotators cannot choose (not a leaf in a leaf-only task)."),
    "TS104": (Severity.ERROR, "A record of a single-label task has no label or several labels."),
    "TS105": (Severity.WARNING, "An annotator labeled the same item twice; the later answer counts."),
    "TS900": (Severity.INFO, "More problems of one kind than are listed."),
}

LISTED_PER_CODE = 50


def problem(code: str, message: str, location: Location, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, CODES[code][0], message, location, hint)


class Problems:
    """Collects diagnostics, listing at most ``LISTED_PER_CODE`` of each code per file.

    A file where every record has the same mistake would otherwise print a million lines;
    the rest are counted and summarised by one TS900 diagnostic per code and file.
    """

    def __init__(self, limit: int = LISTED_PER_CODE):
        self.limit = limit
        self.listed: list[Diagnostic] = []
        self.counts: Counter[tuple[str, str]] = Counter()
        self.errors = 0
        self.warnings = 0
        self.rejected_records = 0  # lines the reader could not turn into a record

    def reject(self, code: str, message: str, location: Location, hint: str | None = None) -> None:
        """A problem that leaves a line of the file without a record."""
        self.rejected_records += 1
        self.add(code, message, location, hint)

    def add(self, code: str, message: str, location: Location, hint: str | None = None) -> None:
        severity = CODES[code][0]
        self.errors += severity is Severity.ERROR
        self.warnings += severity is Severity.WARNING
        key = (location.path, code)
        self.counts[key] += 1
        if self.counts[key] <= self.limit:
            self.listed.append(problem(code, message, location, hint))

    def diagnostics(self) -> list[Diagnostic]:
        """The listed problems by file and line, then one summary per code that had more."""
        summaries = [
            problem("TS900", f"{count - self.limit} more {code} problems in this file are not listed",
                    Location(path), "fix the ones listed and run again")
            for (path, code), count in sorted(self.counts.items()) if count > self.limit
        ]
        return [*sorted_diagnostics(self.listed), *summaries]
