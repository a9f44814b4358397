"""The whole annotator site as data: model in, Markdown pages and a navigation out. No I/O.

Pages are Markdown with raw HTML blocks and a few CSS classes (``tg-*``), independent of the
MkDocs theme, so moving from mkdocs-material to another theme or generator stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ..model import Project
from .guideline_pages import guideline_page
from .html import block, element, esc, front_matter, items, link
from .layout import CHANGES, FORMAT, HOME, QUALITY, REFERENCE, RULES, Layout, build_layout, guideline_order
from .reference_pages import reference_pages
from .taxonomy_pages import Download, SitePage, taxonomy_pages

# A navigation entry: (title, page path) or (title, [entries]); titles are plain text.
NavEntry = tuple[str, "str | list[NavEntry]"]


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[SitePage, ...]
    nav: tuple[NavEntry, ...]
    layout: Layout = field(compare=False)


def first_paragraph(markdown: str) -> str:
    return markdown.strip().split("\n\n", 1)[0] if markdown.strip() else ""


def home_page(layout: Layout) -> SitePage:
    project = layout.project
    parts = [front_matter("Home"), block(element("h1", "Labeling guidelines"), element(
        "p", "Choose a taxonomy to see its labels, or search for a label by its name, a synonym or an example."))]
    for tl in layout.taxonomies.values():
        taxonomy = tl.taxonomy
        heading = element("h2", link(layout.href(HOME, tl.overview), esc(taxonomy.title)))
        meta = element("p", f"{len(taxonomy.label_ids)} labels · version {esc(taxonomy.version)} · "
                       f"{esc(taxonomy.task.kind)} on {esc(taxonomy.task.data)}", class_="tg-meta")
        parts += [block(heading, meta), first_paragraph(taxonomy.description) + "\n"]
    general = [g for g in sorted(project.guidelines, key=guideline_order) if not g.taxonomy]
    if general:
        rows = (link(layout.href(HOME, layout.guidelines[g.source]), esc(g.title)) for g in general)
        parts.append(block(element("h2", "Guidelines for every taxonomy"), items("ul", rows)))
    parts.append(block(element("p", link(layout.href(HOME, REFERENCE), "Reference") +
                               ": the file formats, every check taxgen runs, and what each kind of change breaks.", class_="tg-meta")))
    return SitePage(HOME, "Home", "".join(parts), user_markdown=True)


def quality_page(markdown: str) -> SitePage:
    return SitePage(QUALITY, "Quality", front_matter("Quality") + markdown, user_markdown=True)


def _navigation(layout: Layout, has_quality: bool) -> tuple[NavEntry, ...]:
    nav: list[NavEntry] = [("Home", HOME)]
    guides_of: dict[str | None, list] = {}
    for guideline in sorted(layout.project.guidelines, key=guideline_order):
        guides_of.setdefault(guideline.taxonomy if guideline.taxonomy in layout.taxonomies else None, []).append(
            (guideline.title, layout.guidelines[guideline.source]))
    if guides_of.get(None):
        nav.append(("Guidelines", guides_of[None]))
    for taxonomy_id, tl in layout.taxonomies.items():
        section: list[NavEntry] = [(tl.taxonomy.title, tl.overview), *guides_of.get(taxonomy_id, [])]
        section.append(("Glossary", tl.glossary))
        if tl.taxonomy.changelog:
            section.append(("Changelog", tl.changelog))
        nav.append((tl.taxonomy.title, section))
    if has_quality:
        nav.append(("Quality", QUALITY))
    nav.append(("Reference", [("Reference", REFERENCE), ("File formats", FORMAT), ("Rules", RULES),
                              ("Changes", CHANGES)]))
    return tuple(nav)


def site_plan(project: Project, *, directory_urls: bool, downloads: Mapping[str, list[Download]] | None = None,
              quality_markdown: str | None = None, media: frozenset[str] = frozenset()) -> SitePlan:
    """Every generated page of the site. ``downloads`` maps a taxonomy id to its compiled files;
    ``media`` holds the golden items' files the site copies (under ``media/``)."""
    layout = build_layout(project, directory_urls, media)
    pages: list[SitePage] = [home_page(layout)]
    for taxonomy_id, tl in layout.taxonomies.items():
        pages += taxonomy_pages(layout, tl, list((downloads or {}).get(taxonomy_id, ())))
    pages += [guideline_page(layout, g) for g in project.guidelines]
    if quality_markdown is not None:
        pages.append(quality_page(quality_markdown))
    pages += reference_pages()
    return SitePlan(tuple(pages), _navigation(layout, quality_markdown is not None), layout)
