"""Where every generated page lives, where each label is shown, and relative links between them.

Paths are Markdown source paths inside the docs folder (``sentiment/labels/positive.md``).
Links inside generated HTML are final URLs (MkDocs rewrites links only in Markdown), so
they follow the site's ``use_directory_urls`` setting.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

from ..model import Guideline, Project, Taxonomy
from .grouping import TOP, Branch, branches, first_parent_tree

LABELS_PER_BRANCH_PAGE = 100
HOME = "index.md"
REFERENCE = "reference/index.md"
FORMAT = "reference/format.md"
RULES = "reference/rules/index.md"
CHANGES = "reference/changes.md"
QUALITY = "quality.md"
_RESERVED_STEMS = {"index", "readme"}  # MkDocs gives these names a meaning of their own
_RESERVED_FOLDERS = {"reference", "guidelines", "schemas"}  # the site's own folders


def taxonomy_folder(taxonomy_id: str) -> str:
    """The folder of a taxonomy's pages: its id, unless the site uses that name itself."""
    return f"{taxonomy_id}-labels" if taxonomy_id in _RESERVED_FOLDERS else taxonomy_id


def file_stem(name: str) -> str:
    """A label id or branch key as a file name; ids never start with '-', so this cannot collide."""
    return f"-{name}" if name.lower() in _RESERVED_STEMS else name


def page_url(path: str, directory_urls: bool) -> str:
    """The URL of a page, relative to the site root, as MkDocs will serve it."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if not directory_urls:
        return stem + ".html" if path.endswith(".md") else path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if path.endswith(".md") else path


def relative_url(from_path: str, to_path: str, directory_urls: bool, anchor: str | None = None) -> str:
    """Link from one page (or asset) to another, relative, with an optional anchor."""
    fragment = f"#{quote(anchor, safe='')}" if anchor else ""
    if anchor and page_url(from_path, directory_urls) == page_url(to_path, directory_urls):
        return fragment
    return _relative_page_url(from_path, to_path, directory_urls) + fragment


@lru_cache(maxsize=1 << 16)
def _relative_page_url(from_path: str, to_path: str, directory_urls: bool) -> str:
    # Cached: the labels of a page link to few other pages (50k labels: 750k links, 9k pairs).
    source, target = page_url(from_path, directory_urls), page_url(to_path, directory_urls)
    base = posixpath.dirname(source) if not source.endswith("/") else source.rstrip("/")
    rel = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/"
    return quote(rel, safe="/.-_~")


@dataclass(frozen=True)
class Place:
    """Where a label is shown: its own page, or an anchor on a branch page."""

    path: str
    anchor: str | None = None


@dataclass
class TaxonomyLayout:
    taxonomy: Taxonomy
    grouped: bool
    places: dict[str, Place] = field(default_factory=dict)
    branch_pages: list[tuple[str, Branch]] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return taxonomy_folder(self.taxonomy.id)

    @property
    def overview(self) -> str:
        return f"{self.folder}/index.md"

    @property
    def glossary(self) -> str:
        return f"{self.folder}/glossary.md"

    @property
    def changelog(self) -> str:
        return f"{self.folder}/changelog.md"


def layout_taxonomy(taxonomy: Taxonomy, threshold: int, per_page: int = LABELS_PER_BRANCH_PAGE) -> TaxonomyLayout:
    """One page per label up to ``threshold`` labels; above it, branch pages with an anchor per label."""
    if len(taxonomy.label_ids) <= threshold:
        folder = taxonomy_folder(taxonomy.id)
        places = {label_id: Place(f"{folder}/labels/{file_stem(label_id)}.md") for label_id in taxonomy.label_ids}
        return TaxonomyLayout(taxonomy, grouped=False, places=places)
    out = TaxonomyLayout(taxonomy, grouped=True)
    for branch in branches(first_parent_tree(taxonomy), per_page):
        suffix = f"~{branch.part}" if branch.part > 1 else ""
        path = f"{out.folder}/branches/{file_stem(branch.key)}{suffix}.md"
        out.branch_pages.append((path, branch))
        for label_id in branch.label_ids:
            out.places[label_id] = Place(path, label_id)
    return out


def branch_title(taxonomy: Taxonomy, branch: Branch) -> str:
    base = "Top-level labels" if branch.key == TOP else taxonomy.get(branch.key).name
    return base if branch.part == 1 else f"{base} (part {branch.part})"


@dataclass
class Layout:
    """Every page path of the site, and the links between them."""

    project: Project
    directory_urls: bool
    taxonomies: dict[str, TaxonomyLayout]
    guidelines: dict[str, str]  # guideline source -> page path
    media: frozenset[str] = frozenset()  # project files copied to media/<path>

    def href(self, from_path: str, to_path: str, anchor: str | None = None) -> str:
        return relative_url(from_path, to_path, self.directory_urls, anchor)

    def place(self, taxonomy_id: str | None, label_id: str) -> Place | None:
        found = self.taxonomies.get(taxonomy_id or "")
        return found.places.get(label_id) if found else None

    def label_href(self, from_path: str, taxonomy_id: str, label_id: str) -> str | None:
        place = self.place(taxonomy_id, label_id)
        return self.href(from_path, place.path, place.anchor) if place else None


def guideline_path(guideline: Guideline, guidelines_dir: str, taken: set[str]) -> str:
    """``<taxonomy>/guidelines/<name>.md`` for a taxonomy's guideline, ``guidelines/<path>`` otherwise."""
    rel = guideline.source
    prefix = guidelines_dir.rstrip("/") + "/"
    if rel.startswith(prefix):
        rel = rel[len(prefix):]
    if guideline.taxonomy:
        rel = f"{taxonomy_folder(guideline.taxonomy)}/guidelines/{rel.rsplit('/', 1)[-1]}"
    else:
        rel = f"guidelines/{rel}"
    path, number = rel, 2
    while path in taken:
        path = f"{rel[:-3]}-{number}.md"
        number += 1
    taken.add(path)
    return path


def guideline_order(guideline: Guideline) -> tuple:
    return (guideline.order, guideline.title.casefold(), guideline.source)


def build_layout(project: Project, directory_urls: bool, media: frozenset[str] = frozenset()) -> Layout:
    threshold = project.config.label_pages_threshold
    taxonomies = {t.id: layout_taxonomy(t, threshold) for t in project.taxonomies}
    taken = {HOME, REFERENCE, FORMAT, RULES, CHANGES, QUALITY}
    guidelines = {g.source: guideline_path(g, project.config.guidelines_dir, taken)
                  for g in sorted(project.guidelines, key=guideline_order)}
    return Layout(project, directory_urls, taxonomies, guidelines, media)
