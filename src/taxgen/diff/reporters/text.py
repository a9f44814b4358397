"""Compiler-style lines, one per change, grouped by taxonomy with breaking changes first."""

from __future__ import annotations

from ...report.text import printable
from ..changes import DiffReport
from . import View, ordered, summary, verdict

_COLORS = {"breaking": "\033[1;31m", "breaking (accepted)": "\033[1;33m", "version": "\033[1;35m",
           "change": "\033[1;36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"
_SHORT = 60


def _values(before: str | None, after: str | None) -> str:
    """Old and new value inline, when both are short one-liners."""
    if before is None and after is None:
        return ""
    old, new = before or "-", after or "-"
    if any("\n" in v or len(v) > _SHORT for v in (old, new)):
        return ""
    return f" ({old} -> {new})"


def render(report: DiffReport, view: View) -> str:
    policy = view.policy
    blocking = set(report.blocking(policy))
    lines = [f"taxgen diff {view.old_title} -> {view.new_title}"]
    for diff in report.taxonomies:
        versions = f"{diff.old_version or '-'} -> {diff.new_version or '-'}" + ("" if diff.changes else ": no changes")
        lines.append(f"{_BOLD}{diff.id}{_RESET} {versions}" if view.color else f"{diff.id} {versions}")
        for change in ordered(diff, policy):
            status = verdict(change, policy, blocking)
            breaks = f" [breaks {', '.join(sorted(change.kind.breaks))}]" if change.kind.breaks else ""
            where = view.where(change)
            head = printable(f"{where}: ") if where else ""
            body = printable(f"{change.code} {change.kind.name}: {change.message}{_values(change.before, change.after)}")
            if view.color:
                lines.append(f"  {_BOLD}{head}{_RESET}{_COLORS[status]}{status}{_RESET} {body}{_DIM}{breaks}{_RESET}")
            else:
                lines.append(f"  {head}{status} {body}{breaks}")
    totals = summary(report, policy)
    lines.append(f"changes: {totals['changes']} ({totals['breaking']} breaking, {totals['blocking']} blocking); "
                 f"version findings: {totals['version_findings']}")
    if blocking:
        lines.append("breaking changes found: bump the major version, or pass --allow-breaking to accept them")
    return "\n".join(lines) + "\n"
