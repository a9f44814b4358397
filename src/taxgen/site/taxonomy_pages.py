"""A taxonomy's pages: overview (tree, diagram, decision guide, downloads), labels, glossary, changelog."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Label, Taxonomy
from .facts import taxonomy_facts
from .grouping import first_parent_tree
from .html import block, element, esc, front_matter, items, link, mermaid_text
from .label_page import NOT_INDEXED, LabelView, label_html
from .layout import HOME, Layout, TaxonomyLayout, branch_title, guideline_order

GUIDE_MAX_LABELS = 400  # the decision guide stops at the depth where it would list more labels than this


@dataclass(frozen=True)
class Download:
    name: str  # what the file is, e.g. "Label Studio"
    path: str  # where it is in the site, e.g. "schemas/sentiment/label-studio.xml"


@dataclass(frozen=True)
class SitePage:
    """A generated page: its source path in the docs folder and its Markdown (front matter included)."""

    path: str
    title: str
    markdown: str
    in_nav: bool = True
    user_markdown: bool = False  # holds Markdown written by users: its HTML is sanitized


def _tree_walk(taxonomy: Taxonomy, max_depth: int | None = None):
    """(event, label_id, depth, primary) in document order; 'open'/'close' around children.

    A label with several parents is expanded once, under its first parent; elsewhere it is
    listed without children, so a DAG never multiplies the page size. Iterative: chains may be deep.
    """
    tree = first_parent_tree(taxonomy)
    stack = [("visit", root, 0, True) for root in reversed(tree.roots)]
    while stack:
        event, label_id, depth, primary = stack.pop()
        if event == "close":
            yield "close", label_id, depth, primary
            continue
        kids = tuple(dict.fromkeys(taxonomy.children(label_id))) if primary else ()
        if max_depth is not None and depth >= max_depth:
            kids = ()
        yield ("open" if kids else "leaf"), label_id, depth, primary
        if kids:
            expanded_here = set(tree.children.get(label_id, ()))
            stack.append(("close", label_id, depth, primary))
            stack.extend(("visit", kid, depth + 1, kid in expanded_here) for kid in reversed(kids))


def _nested(view: LabelView, entry, max_depth: int | None = None, open_depth: int = 0) -> str:
    """The hierarchy as nested lists; labels with children are ``details`` that expand."""
    taxonomy = view.taxonomy.taxonomy
    out = ["<ul class=\"tg-tree\">"]
    for event, label_id, depth, primary in _tree_walk(taxonomy, max_depth):
        label = taxonomy.get(label_id)
        if event == "close":
            out.append("</ul></details></li>")
            continue
        body = entry(label) if primary else view.label_link(label_id) + element("span", " (also listed above)",
                                                                                 class_="tg-note")
        if event == "leaf":
            out.append(element("li", body))
        else:
            out.append(f"<li><details{' open' if depth < open_depth else ''}><summary>{body}</summary><ul>")
    out.append("</ul>")
    return "".join(out)


def _tree_entry(view: LabelView):
    def entry(label: Label) -> str:
        extra = element("code", esc(label.id))
        if label.deprecated:
            extra += element("span", " deprecated", class_="tg-badge tg-deprecated")
        return view.label_link(label.id) + " " + extra
    return entry


def _guide_entry(view: LabelView):
    def entry(label: Label) -> str:
        rules = items("ul", (esc(rule) for rule in label.use_when), class_="tg-when")
        return view.label_link(label.id) + (rules or element("span", " " + esc(label.definition), class_="tg-note"))
    return entry


def guide_depth(taxonomy: Taxonomy) -> int | None:
    """Deepest level the decision guide can show within GUIDE_MAX_LABELS, None for all."""
    counts: dict[int, int] = {}
    for event, _id, depth, _primary in _tree_walk(taxonomy):
        if event != "close":
            counts[depth] = counts.get(depth, 0) + 1
    total = 0
    for depth in sorted(counts):
        total += counts[depth]
        if total > GUIDE_MAX_LABELS:
            return max(depth - 1, 0)
    return None


def mermaid(taxonomy: Taxonomy) -> str:
    """The hierarchy as a Mermaid flowchart (every parent edge, so a DAG shows as one)."""
    index = {label_id: f"n{number}" for number, label_id in enumerate(taxonomy.label_ids)}
    lines = ["graph LR"]
    for label_id, node in index.items():
        lines.append(f'  {node}["{mermaid_text(taxonomy.get(label_id).name)}"]')
    for label in taxonomy.labels:
        for parent in label.parents:
            if parent in index and label.id in index and taxonomy.get(label.id) is label:
                lines.append(f"  {index[parent]} --> {index[label.id]}")
    # Material loads Mermaid from the internet; the note shows (CSS) while the source is not drawn yet
    offline = element("p", "The diagram is drawn by Mermaid, which the browser loads from the internet. "
                      "Without a connection, the hierarchy above shows the same tree.", class_="tg-diagram-offline")
    return element("pre", element("code", esc("\n".join(lines))), class_="mermaid") + offline


def _summary(layout: Layout, tl: TaxonomyLayout) -> str:
    taxonomy = tl.taxonomy
    task = taxonomy.task
    how = "one label per item" if task.kind == "single-label" else \
        "any number of labels per item" if task.kind == "multi-label" else f"{task.kind} in {task.data}"
    facts = [f"Version {element('strong', esc(taxonomy.version))}", f"{esc(task.kind)} on {esc(task.data)}: {how}",
             f"{len(taxonomy.label_ids)} labels" + (", choose leaf labels only" if task.leaf_only else "")]
    return element("p", " · ".join(facts), class_="tg-meta")


def _downloads(layout: Layout, path: str, downloads: list[Download]) -> str:
    rows = (link(layout.href(path, d.path), element("code", esc(d.name)), download=True) for d in downloads)
    return items("ul", rows, class_="tg-downloads")


def _guideline_list(layout: Layout, path: str, taxonomy_id: str | None) -> str:
    guides = sorted((g for g in layout.project.guidelines if g.taxonomy == taxonomy_id and g.source in layout.guidelines),
                    key=guideline_order)
    return items("ul", (link(layout.href(path, layout.guidelines[g.source]), esc(g.title)) for g in guides))


def _h2(text: str) -> str:
    return element("h2", esc(text))


def overview_page(layout: Layout, tl: TaxonomyLayout, view: LabelView, downloads: list[Download]) -> SitePage:
    taxonomy, path = tl.taxonomy, tl.overview
    parts = [front_matter(taxonomy.title), block(element("h1", esc(taxonomy.title)), _summary(layout, tl))]
    if taxonomy.description:
        parts.append(taxonomy.description + "\n")
    if taxonomy.task.instructions:
        parts += [block(_h2("Instructions in the labeling tool")), taxonomy.task.instructions + "\n"]
    guides = _guideline_list(layout, path, taxonomy.id)
    pages = items("ul", [link(layout.href(path, tl.glossary), "Glossary of all labels and synonyms")]
                  + ([link(layout.href(path, tl.changelog), "Changelog")] if taxonomy.changelog else []))
    parts.append(block(element("div", (_h2("Guidelines") + guides if guides else "") + pages, **NOT_INDEXED)))
    if downloads:
        parts.append(block(element("div", _h2("Downloads") + element(
            "p", "Label configurations compiled from this taxonomy, for labeling tools and pipelines.")
            + _downloads(layout, path, downloads), **NOT_INDEXED)))
    parts.append(block(element("div", _h2("Hierarchy") + _nested(view, _tree_entry(view), open_depth=1),
                               class_="tg-hierarchy", **NOT_INDEXED)))
    if len(taxonomy.label_ids) <= layout.project.config.mermaid_max_labels:
        parts.append(block(element("div", _h2("Diagram") + mermaid(taxonomy), class_="tg-diagram", **NOT_INDEXED)))
    depth = guide_depth(taxonomy)
    intro = ("Start at the top level: pick the label whose “use when” fits the item, then open it and "
             "choose among its children.")
    if depth is not None:
        intro += " The guide shows the first levels; each label's page continues from there."
    parts.append(block(element("div", _h2("Decision guide") + element("p", intro)
                               + _nested(view, _guide_entry(view), depth), class_="tg-guide", **NOT_INDEXED)))
    return SitePage(path, taxonomy.title, "".join(parts), user_markdown=True)


def label_pages(layout: Layout, tl: TaxonomyLayout, view_for) -> list[SitePage]:
    """One page per label, or branch pages with one section per label (see layout)."""
    taxonomy = tl.taxonomy
    if not tl.grouped:
        pages = []
        for label_id, place in tl.places.items():
            label = taxonomy.get(label_id)
            html = label_html(view_for(place.path), label, heading=1)
            pages.append(SitePage(place.path, label.name, front_matter(label.name) + block(html), in_nav=False))
        return pages
    pages = []
    for path, branch in tl.branch_pages:
        view = view_for(path)
        title = branch_title(taxonomy, branch)
        contents = items("ul", (link(f"#{label_id}", esc(taxonomy.get(label_id).name)) for label_id in branch.label_ids),
                         class_="tg-contents")
        head = element("div", element("nav", link(view.href(HOME), "Home") + " › "
                                      + link(view.href(tl.overview), esc(taxonomy.title)), class_="tg-crumbs")
                       + element("h1", esc(title)) + contents, **NOT_INDEXED)
        sections = "".join(label_html(view, taxonomy.get(i), heading=2, anchor=i) for i in branch.label_ids)
        pages.append(SitePage(path, title, front_matter(title) + block(head, sections), in_nav=False))
    return pages


def glossary_page(tl: TaxonomyLayout, view: LabelView) -> SitePage:
    taxonomy = tl.taxonomy
    terms = [(label.name, label, False) for label in taxonomy.labels if taxonomy.get(label.id) is label]
    terms += [(synonym, label, True) for _name, label, _s in list(terms) for synonym in label.synonyms]
    terms.sort(key=lambda t: (t[0].casefold(), t[0], t[1].id))
    rows = []
    for term, label, synonym in terms:
        if synonym:
            rows.append(element("dt", esc(term)) + element("dd", "see " + view.label_link(label.id)))
        else:
            rows.append(element("dt", view.label_link(label.id) + " " + element("code", esc(label.id)))
                        + element("dd", esc(label.definition)))
    title = f"{taxonomy.title}: glossary"
    body = element("h1", esc(title)) + element("dl", "".join(rows), class_="tg-glossary")
    return SitePage(tl.glossary, "Glossary", front_matter(title, search={"exclude": True}) + block(body))


def changelog_page(tl: TaxonomyLayout) -> SitePage:
    taxonomy = tl.taxonomy
    title = f"{taxonomy.title}: changelog"
    parts = [front_matter(title), block(element("h1", esc(title)))]
    for entry in taxonomy.changelog:
        when = f" ({esc(entry.date)})" if entry.date else ""
        parts.append(block(element("h2", esc(entry.version) + when, id=f"v{entry.version}")))
        parts.append("".join(f"- {' '.join(change.split())}\n" for change in entry.changes) + "\n")
    return SitePage(tl.changelog, "Changelog", "".join(parts), user_markdown=True)


def taxonomy_pages(layout: Layout, tl: TaxonomyLayout, downloads: list[Download]) -> list[SitePage]:
    facts = taxonomy_facts(layout.project, tl.taxonomy)

    def view_for(path: str) -> LabelView:
        return LabelView(layout, tl, facts, path, index_examples=not tl.grouped)

    pages = [overview_page(layout, tl, view_for(tl.overview), downloads), glossary_page(tl, view_for(tl.glossary))]
    if tl.taxonomy.changelog:
        pages.append(changelog_page(tl))
    return pages + label_pages(layout, tl, view_for)
