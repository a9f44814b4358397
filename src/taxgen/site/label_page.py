"""One label as HTML: everything an annotator needs to decide whether an item gets it.

Every field is user text and goes through ``esc``. Only what annotators search for (name,
synonyms, id, definition, and examples on small taxonomies) is left in the search index;
the rest is marked ``data-search-exclude`` so the index stays small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import GoldenItem, Label
from .facts import TaxonomyFacts
from .html import element, esc, items, link
from .layout import HOME, Layout, TaxonomyLayout

NOT_INDEXED = {"data_search_exclude": True}
MAX_CRUMBS = 6
_COLOR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")
_WEB_URL = re.compile(r"https?://", re.I)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif")


@dataclass
class LabelView:
    """What rendering a label needs: the page it is on and the taxonomy around it."""

    layout: Layout
    taxonomy: TaxonomyLayout
    facts: TaxonomyFacts
    path: str  # the page being written
    index_examples: bool = True

    @property
    def show_golden(self) -> bool:
        return self.layout.project.config.golden_items == "show"

    def href(self, to_path: str, anchor: str | None = None) -> str:
        return self.layout.href(self.path, to_path, anchor)

    def label_link(self, label_id: str) -> str:
        """A link to a label by its name; an unknown id stays visible as code, never as a broken link."""
        target = self.taxonomy.taxonomy.get(label_id)
        href = self.layout.label_href(self.path, self.taxonomy.taxonomy.id, label_id)
        if target is None or href is None:
            return element("code", esc(label_id), class_="tg-unknown")
        return link(href, esc(target.name), class_="tg-label-link", title=target.id)


def _section(heading: str, level: int, body: str, indexed: bool = False, name: str = "") -> str:
    if not body:
        return ""
    extra = {} if indexed else NOT_INDEXED
    return element("section", element(f"h{level}", esc(heading)) + body, class_=f"tg-section tg-{name}", **extra)


def breadcrumbs(view: LabelView, label: Label) -> str:
    taxonomy = view.taxonomy.taxonomy
    crumbs = [link(view.href(HOME), "Home"), link(view.href(view.taxonomy.overview), esc(taxonomy.title))]
    ancestors = taxonomy.path(label.id)[:-1]
    if len(ancestors) > MAX_CRUMBS:  # deep chains: the root side and the nearest ancestors
        ancestors = (*ancestors[:2], None, *ancestors[-(MAX_CRUMBS - 2):])
    crumbs += [view.label_link(a) if a else "…" for a in ancestors]
    return element("nav", " › ".join(crumbs), class_="tg-crumbs", aria_label="Breadcrumbs", **NOT_INDEXED)


def _title(label: Label, level: int, anchor: str) -> str:
    """The name, with the synonyms inside the heading: search weighs heading words far above body text."""
    aka = " " + element("span", " · ".join(esc(s) for s in label.synonyms), class_="tg-aka") if label.synonyms else ""
    return element(f"h{level}", esc(label.name) + aka, id=anchor, class_="tg-label-name")


def _badges(view: LabelView, label: Label) -> str:
    taxonomy = view.taxonomy.taxonomy
    badges = []
    if label.deprecated:
        badges.append(element("span", "deprecated", class_="tg-badge tg-deprecated"))
    elif taxonomy.task.leaf_only and not taxonomy.is_leaf(label.id):
        badges.append(element("span", "group: choose a label below", class_="tg-badge tg-group"))
    if label.sensitivity and label.sensitivity != "none":
        badges.append(element("span", f"sensitive: {esc(label.sensitivity)}", class_="tg-badge tg-sensitive"))
    label_id = element("code", esc(label.id), class_="tg-id", title="Label id")
    extra = " " + element("span", " ".join(badges), **NOT_INDEXED) if badges else ""
    return element("p", label_id + extra, class_="tg-badges")


def _deprecation(view: LabelView, label: Label) -> str:
    if not label.deprecated:
        return ""
    instead = ", ".join(view.label_link(r) for r in label.replaced_by)
    text = f"Do not use this label. Use {instead} instead." if instead else "Do not use this label."
    return element("div", element("p", "Deprecated", class_="admonition-title") + element("p", text),
                   class_="admonition warning tg-replacement", **NOT_INDEXED)


def _facts_list(view: LabelView, label: Label) -> str:
    rows = []
    if label.color:  # only a real color reaches the style attribute
        swatch = element("span", "", class_="tg-swatch", style=f"background:{label.color}") \
            if _COLOR.fullmatch(label.color) else ""
        rows.append(("Color", swatch + element("code", esc(label.color))))
    if label.hotkey:
        rows.append(("Hotkey", element("kbd", esc(label.hotkey))))
    if label.sensitivity:
        rows.append(("Sensitivity", esc(label.sensitivity)))
    if len(label.parents) > 1:
        rows.append(("Parents", ", ".join(view.label_link(p) for p in label.parents)))
    if label.renamed_from:
        rows.append(("Former ids", ", ".join(element("code", esc(r)) for r in label.renamed_from)))
    body = "".join(element("dt", name) + element("dd", value) for name, value in rows)
    return element("dl", body, class_="tg-facts", **NOT_INDEXED) if body else ""


def _rules(view: LabelView, label: Label, level: int) -> str:
    use = items("ul", (esc(rule) for rule in label.use_when))
    dont = items("ul", (esc(rule.text) + (element("span", " → use " + view.label_link(rule.instead), class_="tg-instead")
                                           if rule.instead else "")
                        for rule in label.do_not_use_when))
    return (_section("Use when", level, use, name="use-when")
            + _section("Do not use when", level, dont, name="do-not-use-when"))


def _examples(view: LabelView, label: Label, level: int) -> str:
    examples = items("ul", (element("q", esc(e.text)) + (element("span", " — " + esc(e.note), class_="tg-note") if e.note else "")
                            for e in label.examples), class_="tg-example-list")
    near = items("ul", (element("q", esc(n.text))
                        + element("span", " → use " + view.label_link(n.use) if n.use else " → no label of this taxonomy",
                                  class_="tg-instead")
                        + element("span", " — " + esc(n.why), class_="tg-note")
                        for n in label.near_misses), class_="tg-near-miss-list")
    return (_section("Examples", level, examples, indexed=view.index_examples, name="examples")
            + _section("Near misses", level, near, name="near-misses"))


def _links(view: LabelView, label: Label, level: int) -> str:
    taxonomy = view.taxonomy.taxonomy
    groups = (
        ("Children", taxonomy.children(label.id)),
        ("Related", view.facts.related.get(label.id, ())),
        ("Often confused with", view.facts.confusable.get(label.id, ())),
        ("Replaces", view.facts.replaces.get(label.id, ())),
    )
    out = []
    for heading, ids in groups:
        out.append(_section(heading, level, items("ul", (view.label_link(i) for i in ids)), name="links"))
    return "".join(out)


def _media(view: LabelView, file: str) -> str:
    href = view.href(f"media/{file}")
    if file.lower().endswith(IMAGE_SUFFIXES):
        return link(href, element("img", "", src=href, alt=f"golden item input {file}", loading="lazy"),
                    class_="tg-media") + element("br") + element("code", esc(file))
    return link(href, element("code", esc(file)))


def golden_row(view: LabelView, item: GoldenItem) -> str:
    if item.url and _WEB_URL.match(item.url):
        shown = link(item.url, esc(item.url), rel="nofollow noopener")
    elif item.file in view.layout.media:
        shown = _media(view, item.file)
    elif item.file or item.url:
        shown = element("code", esc(item.file or item.url))
    else:
        shown = esc(item.input_display)
    expected = ", ".join(view.label_link(e) for e in item.expected)
    difficulty = f" ({esc(item.difficulty)})" if item.difficulty else ""
    cells = (element("code", esc(item.id)) + difficulty, shown, expected, esc(item.rationale))
    return element("tr", "".join(element("td", cell) for cell in cells))


def golden_table(view: LabelView, golden: list[GoldenItem]) -> str:
    if not golden:
        return ""
    head = element("tr", "".join(element("th", h) for h in ("Item", "Input", "Expected", "Why")))
    table = element("table", element("thead", head) + element("tbody", "".join(golden_row(view, g) for g in golden)))
    return element("div", table, class_="tg-golden-table")


def _golden(view: LabelView, label: Label, level: int) -> str:
    if not view.show_golden:
        return ""
    return _section("Golden items", level, golden_table(view, view.facts.golden.get(label.id, [])), name="golden")


def _attributes(label: Label, level: int) -> str:
    rows = []
    for attribute in label.attributes:
        values = ", ".join(element("code", esc(v)) for v in attribute.values)
        default = element("code", esc(attribute.default)) if attribute.default is not None else ""
        cells = (element("code", esc(attribute.name)), esc(attribute.type), values, default, esc(attribute.description))
        rows.append(element("tr", "".join(element("td", c) for c in cells)))
    if not rows:
        return ""
    head = element("tr", "".join(element("th", h) for h in ("Attribute", "Type", "Values", "Default", "Description")))
    return _section("Attributes", level, element("table", element("thead", head) + element("tbody", "".join(rows))),
                    name="attributes")


def _guidelines(view: LabelView, label: Label, level: int) -> str:
    guides = view.facts.guidelines.get(label.id, [])
    rows = (link(view.href(view.layout.guidelines[g.source]), esc(g.title)) for g in guides
            if g.source in view.layout.guidelines)
    return _section("Guidelines", level, items("ul", rows), name="guidelines")


def label_html(view: LabelView, label: Label, heading: int, anchor: str = "label") -> str:
    """The label's name as a heading, then an ``article``; ``heading`` is 1 on the label's own page.

    The heading comes first: material's search makes the first heading with an id the title
    of the page's search entry, and anything before it an entry of its own.
    """
    sub = heading + 1
    definition = element("p", esc(label.definition), class_="tg-definition") if label.definition else ""
    body = (breadcrumbs(view, label) + _badges(view, label) + _deprecation(view, label)
            + definition + _facts_list(view, label) + _rules(view, label, sub) + _examples(view, label, sub)
            + _golden(view, label, sub) + _links(view, label, sub) + _attributes(label, sub)
            + _guidelines(view, label, sub))
    classes = "tg-label" + (" tg-is-deprecated" if label.deprecated else "")
    return _title(label, heading, anchor) + element("article", body, class_=classes)
