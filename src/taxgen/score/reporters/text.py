"""The report for a terminal: one block per taxonomy, aligned columns."""

from __future__ import annotations

from ...report.text import printable
from .common import SHOWN_PAIRS, figure, lowest_pairs, percent, plural, records_summary


def _table(headers: list[str], rows: list[list[str]], indent: str = "    ") -> list[str]:
    """Columns padded to width; the first column left-aligned, the others right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]

    def line(cells) -> str:
        padded = [str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return (indent + "  ".join(padded)).rstrip()

    return [line(headers), *(line(row) for row in rows)]


def _golden(golden: dict, multi: bool) -> list[str]:
    lines = [f"  golden items: {plural(golden['answers'], 'answer')} on {golden['items']:,} of "
             f"{plural(golden['golden_items'], 'golden item')}",
             f"    accuracy {figure(golden['accuracy'])} ({golden['correct']:,} of {golden['answers']:,} exactly right)"
             f"   partial credit {figure(golden['partial_credit'])}"
             + (f"   Jaccard {figure(golden['jaccard'])}" if multi else "")
             + f"   macro F1 {figure(golden['macro_f1'])}   micro F1 {figure(golden['micro_f1'])}", ""]
    headers = ["annotator", "answers", "accuracy", "partial credit"] + (["Jaccard"] if multi else [])
    rows = [[a["annotator"], f"{a['answers']:,}", figure(a["accuracy"]), figure(a["partial_credit"])]
            + ([figure(a["jaccard"])] if multi else []) for a in golden["annotators"]]
    lines += _table(headers, rows) + [""]
    rows = [[row["label"], f"{row['support']:,}", f"{row['predicted']:,}", figure(row["precision"]),
             figure(row["recall"]), figure(row["f1"])] for row in golden["labels"]]
    lines += _table(["label", "expected", "answered", "precision", "recall", "F1"], rows) + [""]
    pairs = golden["confused_pairs"]
    if pairs:
        lines.append(f"    most confused labels{' (top ' + str(SHOWN_PAIRS) + ')' if len(pairs) > SHOWN_PAIRS else ''}:")
        lines += _table(["labels", "times", "first as second", "second as first"], [
            [f"{p['labels'][0]} / {p['labels'][1]}", f"{p['count']:,}", f"{p['first_as_second']:,}",
             f"{p['second_as_first']:,}"] for p in pairs[:SHOWN_PAIRS]], indent="      ") + [""]
    return lines


def _coefficient(name: str, value: dict, unit: str) -> str:
    if value["value"] is None:
        return f"    {name:<21} n/a: {value['undefined']}"
    return f"    {name:<21} {figure(value['value']):>6}  ({plural(value['items'], unit)}, " \
           f"{plural(value['ratings'], 'rating')})"


def _agreement(agreement: dict) -> list[str]:
    if not agreement["items"]:
        return ["  agreement: no item was labeled by two or more annotators", ""]
    per = f", yes/no per label over {plural(agreement['labels'], 'label')} used" if agreement["unit"] == "item-label" else ""
    lines = [f"  agreement: {plural(agreement['items'], 'item')} labeled by two or more of "
             f"{plural(agreement['annotators'], 'annotator')}{per}",
             _coefficient("Fleiss' kappa", agreement["fleiss_kappa"], "item"),
             _coefficient("Krippendorff's alpha", agreement["krippendorff_alpha"], "item")]
    pairs = agreement["cohen_kappa"]
    shown = lowest_pairs(agreement)
    title = "Cohen's kappa by pair" + (f" (the {len(shown)} lowest of {len(pairs):,})" if len(shown) < len(pairs) else "")
    lines += ["", f"    {title}:"]
    rows = [[f"{p['annotators'][0]} / {p['annotators'][1]}", figure(p["kappa"]), percent(p["observed"]),
             f"{p['items']:,}"] for p in shown]
    lines += _table(["annotators", "kappa", "agreed", "items"], rows, indent="      ")
    reasons = sorted({p["undefined"] for p in shown if p["undefined"]})
    lines += [f"      n/a: {reason}" for reason in reasons]
    return lines + [""]


def render(report: dict) -> str:
    lines: list[str] = []
    for section in report["taxonomies"]:
        multi = section["task"] != "single-label"
        lines += [f"{section['taxonomy']}: {section['title']} {section['version']} ({section['task']})",
                  f"  {plural(section['answers'], 'answer')} on {plural(section['items'], 'item')} by "
                  f"{plural(section['annotators'], 'annotator')}", ""]
        if section["golden"]:
            lines += _golden(section["golden"], multi)
        else:
            lines += ["  golden items: none of the items answered is a golden item", ""]
        lines += _agreement(section["agreement"])
    if not report["taxonomies"]:
        lines += ["no answers to score", ""]
    lines.append(f"records: {records_summary(report)}")
    return "\n".join(printable(line) for line in lines) + "\n"  # annotator names come from the files
