"""Machine-readable diff: every change with its verdicts, the migration map and a summary."""

from __future__ import annotations

import json

from ..changes import Change, DiffReport, migration_json
from . import View, ordered, summary, verdict


def _change(change: Change, view: View, blocking: set[Change]) -> dict:
    location = change.location
    return {
        "code": change.code,
        "kind": change.kind.name,
        "message": change.message,
        "old_ids": list(change.old_ids),
        "new_ids": list(change.new_ids),
        "before": change.before,
        "after": change.after,
        "breaks": sorted(change.kind.breaks),
        "verdict": verdict(change, view.policy, blocking),
        "side": change.side,
        "path": (view.old_prefix if change.side == "old" else view.new_prefix) + location.path if location else None,
        "line": location.line if location else 0,
        "column": location.column if location else 0,
    }


def render(report: DiffReport, view: View) -> str:
    blocking = set(report.blocking(view.policy))
    payload = {
        "old": view.old_title,
        "new": view.new_title,
        "protect": sorted(view.policy.protect),
        "taxonomies": [
            {
                "id": diff.id,
                "old_version": diff.old_version,
                "new_version": diff.new_version,
                "major_bumped": diff.major_bumped,
                "changes": [_change(c, view, blocking) for c in ordered(diff, view.policy)],
            }
            for diff in report.taxonomies
        ],
        "migration_map": migration_json(report.migration_map),
        "summary": summary(report, view.policy),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
