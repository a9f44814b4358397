"""The site's quality page, from a saved score report (``score_report`` in the taxgen block of mkdocs.yml).

The page is the Markdown report with links to the label pages and a bar of each label's F1.
The site sanitizes this page's HTML with an allow-list that keeps ``svg`` and ``path`` (no
``text``, no ``viewBox``), so each bar is a small inline SVG of two paths in pixel units, in a
column of the per-label table where the label's name and figures sit beside it as text.
"""

from __future__ import annotations

import json
import posixpath
from importlib import resources
from urllib.parse import quote

import jsonschema
from mkdocs.exceptions import PluginError

from ..model import Project
from .reporters.markdown import escape, plain_label, taxonomy_section

BAR_WIDTH, BAR_HEIGHT = 120, 12
TRACK = "#e0e0e0"
# F1 at or above each threshold gets the colour: green, amber, red (colour-blind safe enough with the number beside)
BAR_COLORS = ((0.8, "#2e7d32"), (0.6, "#f9a825"), (0.0, "#c62828"))

EXPLANATION = """\
How to read this page: **accuracy** is the share of answers to golden items that are exactly
right. **Partial credit** also counts near answers: the answer and the expected labels are both
extended with all their parent labels, and the credit is the overlap, 2 x shared / (answer + expected);
a parent or a sibling of the right label scores between 0 and 1, an unrelated label 0.
**Precision** of a label is how often it was right when annotators chose it, **recall** how often
annotators chose it when it was expected. **Kappa** and **alpha** measure agreement between annotators
beyond chance: 1 is perfect, 0 is what chance alone would give; *n/a* means the figure is undefined
for these ratings (the reason is given).
"""


class InvalidReport(PluginError, ValueError):
    """The score report file is not a report `taxgen score --format json` wrote.

    A MkDocs PluginError, so that a site build stops with the message instead of a traceback.
    """


def report_problem(report: object) -> str | None:
    """Why ``report`` is not a valid score report (the most relevant error), or None."""
    schema = json.loads(resources.files("taxgen.schemas").joinpath("score-report.schema.json").read_text("utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(report))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "the top level"
    return f"at {where}: {error.message}"


def f1_bar(row: dict) -> str:
    """Inline SVG bar of a label's F1 on a grey track (nothing to draw when F1 is undefined)."""
    value = row["f1"]
    if value is None:
        return "n/a"
    value = min(max(float(value), 0.0), 1.0)
    color = next(color for floor, color in BAR_COLORS if value >= floor)
    width = round(value * BAR_WIDTH, 1)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" role="img" '
            f'aria-label="F1 {value:.3f}"><path d="M0 0H{BAR_WIDTH}V{BAR_HEIGHT}H0Z" fill="{TRACK}"/>'
            f'<path d="M0 0H{width:g}V{BAR_HEIGHT}H0Z" fill="{color}"/></svg>')


def label_links(project: Project, page: str | None):
    """A label cell linking to the label's page (a Markdown link MkDocs resolves), plain when the label is gone."""
    from ..site.layout import QUALITY, build_layout

    page = page or QUALITY
    layout = build_layout(project, directory_urls=True)  # page paths do not depend on the URL style
    base = posixpath.dirname(page) or "."

    def cell(taxonomy_id: str, label_id: str, name: str) -> str:
        place = layout.place(taxonomy_id, label_id)
        if place is None:
            return plain_label(taxonomy_id, label_id, name)
        target = quote(posixpath.relpath(place.path, base), safe="/.-_~")
        anchor = f"#{quote(place.anchor, safe='')}" if place.anchor else ""
        return f"[{escape(name or label_id)}]({target}{anchor}) ({escape(label_id)})"

    return cell


def quality_markdown(report: dict, project: Project, *, page: str | None = None) -> str:
    """The quality page's Markdown; ``page`` is its path in the docs folder (default: the site's), for links.

    Raises InvalidReport when ``report`` is not a score report, so the site build stops with the reason.
    """
    problem = report_problem(report)
    if problem is not None:
        raise InvalidReport(f"not a taxgen score report ({problem}); write it with "
                            "`taxgen score ANNOTATIONS --out report.json`")
    records = report["records"]
    lines = ["# Annotation quality", "",
             f"Scores of {records['scored']:,} answers from annotators against the golden items, and of their "
             "agreement with each other.", "", EXPLANATION]
    cell = label_links(project, page)
    for section in report["taxonomies"]:
        lines += taxonomy_section(section, cell, f1_bar)
    if not report["taxonomies"]:
        lines += ["The score report holds no answers.", ""]
    return "\n".join(lines)
