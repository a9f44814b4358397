"""Output formats for a diff report; each is a pure function ``render(report, view) -> str``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..changes import Change, DiffReport, Policy, TaxonomyDiff


@dataclass(frozen=True)
class View:
    """What a reporter needs besides the report: how to name the versions, and the policy."""

    old_title: str = "old"
    new_title: str = "new"
    old_prefix: str = ""  # prepended to paths of the old version ("main:" for a revision)
    new_prefix: str = ""
    policy: Policy = Policy()
    color: bool = False

    def where(self, change: Change) -> str:
        if change.location is None:
            return ""
        prefix = self.old_prefix if change.side == "old" else self.new_prefix
        location = change.location
        text = prefix + location.path
        return f"{text}:{location.line}:{location.column}" if location.line else text


def is_version_finding(change: Change) -> bool:
    return change.code.startswith("TD4")


def ordered(diff: TaxonomyDiff, policy: Policy) -> list[Change]:
    """Breaking changes first, then other changes, then the version findings; stable within."""
    return sorted(diff.changes, key=lambda c: (0 if policy.breaking(c) else 2 if is_version_finding(c) else 1,
                                               c.sort_key()))


def verdict(change: Change, policy: Policy, blocking: set[Change]) -> str:
    if change in blocking:
        return "breaking"
    if policy.breaking(change):
        return "breaking (accepted)"
    return "version" if is_version_finding(change) else "change"


def summary(report: DiffReport, policy: Policy) -> dict:
    blocking = report.blocking(policy)
    changes = [c for c in report.changes if not is_version_finding(c)]
    return {
        "changes": len(changes),
        "breaking": sum(policy.breaking(c) for c in changes),
        "version_findings": len(report.changes) - len(changes),
        "blocking": len(blocking),
        "taxonomies": len(report.taxonomies),
        "exit_code": 1 if blocking else 0,
    }


def _formats() -> dict[str, Callable[[DiffReport, View], str]]:
    from . import json_format, markdown, text

    return {"text": text.render, "markdown": markdown.render, "json": json_format.render}


FORMATS = _formats()
