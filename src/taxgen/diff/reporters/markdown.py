"""Markdown for a pull-request comment or a job summary: summary tables, breaking changes first,
each with the old and new labels side by side, then the other changes and the migration map."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

from ..changes import Change, DiffReport, TaxonomyDiff, migration_json
from ..kinds import ANNOTATIONS, TOOLS
from . import View, is_version_finding, ordered, summary

# GitHub caps a job summary at 1 MiB: long lists are cut, the JSON format has everything
MAX_DETAILED = 100
MAX_ROWS = 300
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
# kinds whose changed value the label cards already show
_SHOWN_IN_CARD = {"label-moved", "name-changed", "definition-changed"}


def cell(text: str | None) -> str:
    """Text safe inside a table cell: no markup, no pipes, no line breaks, no @-mentions."""
    if not text:
        return ""
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False)).replace("@", "&#64;")
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def code(text: str) -> str:
    return f"`{text}`" if "`" not in text else cell(text)


def _label_card(diff: TaxonomyDiff, side: str, label_id: str) -> str:
    label = diff.label(side, label_id)
    if label is None:
        return code(label_id)
    lines = [f"**{code(label.id)}** {cell(label.name)}"]
    if label.parents:
        lines.append("parent: " + ", ".join(code(p) for p in label.parents))
    if label.deprecated:
        replaced = ", ".join(code(r) for r in label.replaced_by)
        lines.append("deprecated" + (f", replaced by {replaced}" if replaced else ""))
    lines.append(cell(label.definition) or "*no definition*")
    return "<br>".join(lines)


def _side(diff: TaxonomyDiff, change: Change, side: str) -> str:
    ids = change.old_ids if side == "old" else change.new_ids
    value = change.before if side == "old" else change.after
    cards = [_label_card(diff, side, label_id) for label_id in ids]
    if value is not None and change.kind.name not in _SHOWN_IN_CARD:
        cards.append(f"{'**was:** ' if side == 'old' else '**now:** '}{cell(value)}" if ids else cell(value))
    return "<br><br>".join(cards) or "—"


def _migration_note(diff: TaxonomyDiff, change: Change) -> str:
    targets = [(old_id, diff.migration[old_id]) for old_id in change.old_ids if old_id in diff.migration]
    notes = []
    for old_id, target in targets:
        if target is None:
            notes.append(f"{code(old_id)} → nothing (a human decides)")
        elif isinstance(target, tuple):
            notes.append(f"{code(old_id)} → one of {', '.join(code(t) for t in target)} (a human decides)")
        else:
            notes.append(f"{code(old_id)} → {code(target)}")
    return f" Migration: {'; '.join(notes)}." if notes else ""


def _breaking_section(report: DiffReport, view: View, blocking: set[Change]) -> list[str]:
    items = [(diff, c) for diff in report.taxonomies for c in ordered(diff, view.policy) if view.policy.breaking(c)]
    if not items:
        return []
    out = ["### Breaking changes", ""]
    for diff, change in items[:MAX_DETAILED]:
        accepted = "" if change in blocking else " (accepted)"
        out += [f"#### {code(diff.id)} · {change.code} {change.kind.name}{accepted}", "",
                f"{cell(change.message)}. Breaks {' and '.join(sorted(change.kind.breaks))}: "
                f"{change.kind.why}{_migration_note(diff, change)}", "",
                f"| old ({cell(diff.old_version) or '—'}) | new ({cell(diff.new_version) or '—'}) |", "|---|---|",
                f"| {_side(diff, change, 'old')} | {_side(diff, change, 'new')} |", ""]
    if len(items) > MAX_DETAILED:
        out += [f"… and {len(items) - MAX_DETAILED} more breaking changes (`taxgen diff --format json` lists all).", ""]
    return out


def _other_section(report: DiffReport, view: View) -> list[str]:
    rows = [(diff, c) for diff in report.taxonomies for c in ordered(diff, view.policy)
            if not view.policy.breaking(c) and not is_version_finding(c)]
    if not rows:
        return []
    out = ["### Other changes", "", "| taxonomy | change | what | old | new |", "|---|---|---|---|---|"]
    for diff, change in rows[:MAX_ROWS]:
        out.append(f"| {code(diff.id)} | {change.code} {change.kind.name} | {cell(change.message)} | "
                   f"{cell(change.before)} | {cell(change.after)} |")
    if len(rows) > MAX_ROWS:
        out.append(f"\n… and {len(rows) - MAX_ROWS} more changes (`taxgen diff --format json` lists all).")
    return out + [""]


def _summary_tables(report: DiffReport, view: View) -> list[str]:
    policy = view.policy
    out = ["| taxonomy | version | breaking | other changes |", "|---|---|--:|--:|"]
    for diff in report.taxonomies:
        changes = [c for c in diff.changes if not is_version_finding(c)]
        breaking = sum(policy.breaking(c) for c in changes)
        version = f"{cell(diff.old_version) or '—'} → {cell(diff.new_version) or '—'}"
        if diff.major_bumped:
            version += " (major bump)"
        out.append(f"| {code(diff.id)} | {version} | {breaking} | {len(changes) - breaking} |")
    counts = Counter(c.kind for c in report.changes if not is_version_finding(c))
    if counts:
        out += ["", f"| code | change | count | breaks {ANNOTATIONS} | breaks {TOOLS} |", "|---|---|--:|:-:|:-:|"]
        for kind in sorted(counts, key=lambda k: (not policy.breaking_kind(k), k.code)):
            marks = ["yes" if group in kind.breaks else "" for group in (ANNOTATIONS, TOOLS)]
            out.append(f"| {kind.code} | {kind.name} | {counts[kind]} | {marks[0]} | {marks[1]} |")
    return out + [""]


def render(report: DiffReport, view: View) -> str:
    blocking = set(report.blocking(view.policy))
    totals = summary(report, view.policy)
    out = [f"## taxgen diff {code(view.old_title)} → {code(view.new_title)}", ""]
    if blocking:
        out.append(f"**{len(blocking)} breaking change{'s' if len(blocking) != 1 else ''}** for existing "
                   "annotations or tools. Bump the taxonomy's major version, or accept them with `--allow-breaking`.")
    elif totals["changes"]:
        accepted = f", {totals['breaking']} of them breaking but accepted" if totals["breaking"] else ""
        out.append(f"No blocking changes ({totals['changes']} changes{accepted}).")
    else:
        out.append("No changes.")
    out.append("")
    versions = [(diff, c) for diff in report.taxonomies for c in diff.changes if is_version_finding(c)]
    out += [f"- **{code(diff.id)}**: {change.code} {change.kind.name}: {cell(change.message)}" for diff, change in versions]
    if versions:
        out.append("")
    if report.changes:
        out += _summary_tables(report, view)
    out += _breaking_section(report, view, blocking)
    out += _other_section(report, view)
    if report.migration_map:
        mapping = json.dumps(migration_json(report.migration_map), indent=2, ensure_ascii=False, sort_keys=True)
        out += ["<details><summary>Migration map for existing annotations</summary>", "", "```json", mapping,
                "```", "", "Apply it with `taxgen migrate --map FILE annotations.jsonl`.", "", "</details>", ""]
    return "\n".join(out)
