"""The report as Markdown: a pull-request comment, a CI job summary, and the body of the site's quality page.

Every text that comes from the report (label ids and names, annotator names, titles) goes through
``escape``: ASCII punctuation that Markdown or its extensions could read as syntax becomes an
HTML character reference, so a label named ``*Urgent* | <b>`` shows exactly so.
"""

from __future__ import annotations

from typing import Callable

from .common import SHOWN_PAIRS, figure, lowest_pairs, percent, plural, records_summary

# (taxonomy id, label id, label name) -> Markdown for a table cell
LabelCell = Callable[[str, str, str], str]
# one row of the report's per-label golden table -> inline HTML for an extra column (the site's F1 bars)
BarCell = Callable[[dict], str]

_PLAIN = frozenset(" .,:;/?@'-")


def escape(text: object) -> str:
    out = []
    for ch in str(text):
        if ch in "\r\n\t":
            out.append(" ")
        elif ch.isascii() and not ch.isalnum() and ch not in _PLAIN:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def plain_label(_taxonomy: str, label_id: str, name: str) -> str:
    return f"{escape(name)} ({escape(label_id)})" if name and name != label_id else escape(label_id)


def table(headers: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    """A pipe table; by default the first column left-aligned, the others (figures) right-aligned."""
    align = align or ["---"] + ["---:"] * (len(headers) - 1)
    return [f"| {' | '.join(headers)} |", f"| {' | '.join(align)} |", *(f"| {' | '.join(r)} |" for r in rows), ""]


def _golden(section: dict, label_cell: LabelCell, bar: BarCell | None) -> list[str]:
    golden, taxonomy = section["golden"], section["taxonomy"]
    multi = section["task"] != "single-label"
    names = {row["label"]: row["name"] for row in golden["labels"]}
    lines = ["### Golden items", "",
             f"{plural(golden['answers'], 'answer')} on {golden['items']:,} of "
             f"{plural(golden['golden_items'], 'golden item')}.", ""]
    headers = ["accuracy", "partial credit"] + (["Jaccard"] if multi else []) + ["macro F1", "micro F1"]
    values = [golden["accuracy"], golden["partial_credit"]] + ([golden["jaccard"]] if multi else []) + [
        golden["macro_f1"], golden["micro_f1"]]
    lines += table(headers, [[figure(v) for v in values]], ["---:"] * len(headers))
    lines += ["#### Annotators", ""] + table(
        ["annotator", "answers", "correct", "accuracy", "partial credit"] + (["Jaccard"] if multi else []),
        [[escape(a["annotator"]), f"{a['answers']:,}", f"{a['correct']:,}", figure(a["accuracy"]),
          figure(a["partial_credit"])] + ([figure(a["jaccard"])] if multi else []) for a in golden["annotators"]])
    lines += ["#### Labels", ""] + table(
        ["label", "expected", "answered", "precision", "recall", "F1"] + (["F1 chart"] if bar else []),
        [[label_cell(taxonomy, row["label"], row["name"]), f"{row['support']:,}", f"{row['predicted']:,}",
          figure(row["precision"]), figure(row["recall"]), figure(row["f1"])] + ([bar(row)] if bar else [])
         for row in golden["labels"]], ["---"] + ["---:"] * 5 + (["---"] if bar else []))
    pairs = golden["confused_pairs"]
    if pairs:
        more = [f"The {SHOWN_PAIRS} most confused of {len(pairs):,} pairs; the JSON report has all.", ""] \
            if len(pairs) > SHOWN_PAIRS else []
        lines += ["#### Most confused labels", "", *more] + table(
            ["first label", "second label", "times", "first as second", "second as first"],
            [[label_cell(taxonomy, p["labels"][0], names.get(p["labels"][0], "")),
              label_cell(taxonomy, p["labels"][1], names.get(p["labels"][1], "")),
              f"{p['count']:,}", f"{p['first_as_second']:,}", f"{p['second_as_first']:,}"]
             for p in pairs[:SHOWN_PAIRS]])
    return lines


def _coefficient_row(name: str, value: dict) -> list[str]:
    shown = figure(value["value"]) if value["value"] is not None else f"n/a: {escape(value['undefined'])}"
    return [name, shown, f"{value['items']:,}", f"{value['ratings']:,}"]


def _agreement(agreement: dict) -> list[str]:
    lines = ["### Agreement between annotators", ""]
    if not agreement["items"]:
        return lines + ["No item was labeled by two or more annotators.", ""]
    per = (f" Multi-label: one yes/no decision per item and label, over the {plural(agreement['labels'], 'label')} "
           "used in the records." if agreement["unit"] == "item-label" else "")
    lines += [f"{plural(agreement['items'], 'item')} labeled by two or more of "
              f"{plural(agreement['annotators'], 'annotator')}.{per}", ""]
    lines += table(["coefficient", "value", "items", "ratings"], [
        _coefficient_row("Fleiss' kappa", agreement["fleiss_kappa"]),
        _coefficient_row("Krippendorff's alpha (nominal)", agreement["krippendorff_alpha"])])
    pairs, shown = agreement["cohen_kappa"], lowest_pairs(agreement)
    more = [f"The {len(shown)} lowest of {len(pairs):,} pairs; the JSON report has all.", ""] \
        if len(shown) < len(pairs) else []
    lines += ["#### Cohen's kappa by pair of annotators", "", *more] + table(["annotators", "kappa", "agreed", "items"], [
        [f"{escape(p['annotators'][0])} / {escape(p['annotators'][1])}",
         figure(p["kappa"]) if p["kappa"] is not None else f"n/a: {escape(p['undefined'])}",
         percent(p["observed"]), f"{p['items']:,}"] for p in shown])
    return lines


def taxonomy_section(section: dict, label_cell: LabelCell = plain_label, bar: BarCell | None = None) -> list[str]:
    lines = [f"## {escape(section['title'])} ({escape(section['taxonomy'])} {escape(section['version'])})", "",
             f"{plural(section['answers'], 'answer')} on {plural(section['items'], 'item')} by "
             f"{plural(section['annotators'], 'annotator')}; task: {escape(section['task'])}.", ""]
    if section["golden"]:
        lines += _golden(section, label_cell, bar)
    else:
        lines += ["### Golden items", "", "None of the items answered is a golden item.", ""]
    return lines + _agreement(section["agreement"])


def render(report: dict) -> str:
    lines = ["# Annotation quality", ""]
    for section in report["taxonomies"]:
        lines += taxonomy_section(section)
    if not report["taxonomies"]:
        lines += ["No answers to score.", ""]
    lines.append(f"Records: {records_summary(report)}.")
    return "\n".join(lines) + "\n"
