"""Page generation as pure functions: layout, grouping, links, escaping, reference pages, snapshots."""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urljoin

from site_helpers import FIXTURE
from hypothesis import given, settings
from hypothesis import strategies as st

from taxgen.loading.project import load_project
from taxgen.model import Config, Label, Project, Task, Taxonomy
from taxgen.site.grouping import branches, first_parent_tree
from taxgen.site.html import esc, mermaid_text
from taxgen.site.facts import taxonomy_facts
from taxgen.site.label_page import LabelView
from taxgen.site.layout import build_layout, layout_taxonomy, page_url, relative_url
from taxgen.site.taxonomy_pages import overview_page
from taxgen.site.pages import site_plan
from taxgen.site.reference_pages import SCHEMAS, format_page, load_schema


def taxonomy_of(parents: list[list[int]], name: str = "Label") -> Taxonomy:
    labels = tuple(Label(id=f"l{i}", name=f"{name} {i}", taxonomy="t", parents=tuple(f"l{p}" for p in ps))
                   for i, ps in enumerate(parents))
    return Taxonomy(id="t", title="T", version="1.0.0", task=Task(), labels=labels)


# Parents point anywhere (cycles and self-references included), so grouping must survive broken input.
hierarchies = st.integers(1, 60).flatmap(
    lambda n: st.lists(st.lists(st.integers(0, n - 1), max_size=2), min_size=n, max_size=n))


@settings(max_examples=200, deadline=None)
@given(hierarchies, st.integers(1, 12))
def test_branch_pages_hold_every_label_once_and_never_too_many(parents, per_page):
    taxonomy = taxonomy_of(parents)
    pages = branches(first_parent_tree(taxonomy), per_page)
    placed = [label_id for page in pages for label_id in page.label_ids]
    assert sorted(placed) == sorted(taxonomy.label_ids)
    assert all(1 <= len(page.label_ids) <= per_page for page in pages)
    assert len({(p.key, p.part) for p in pages}) == len(pages), "page paths are unique"


def test_small_subtrees_stay_whole_on_one_page():
    # l0 has 3 children with 2 leaves each: each child's sub-tree (3 labels) fits a page of 4.
    parents = [[], [0], [0], [0], [1], [1], [2], [2], [3], [3]]
    pages = branches(first_parent_tree(taxonomy_of(parents)), 4)
    for child in ("l1", "l2", "l3"):
        assert any({child, *(f"l{i}" for i, p in enumerate(parents) if p == [int(child[1:])])} <= set(p.label_ids)
                   for p in pages)


def test_deep_chain_is_laid_out_without_recursion():
    taxonomy = taxonomy_of([[]] + [[i] for i in range(1500)])  # deeper than Python's recursion limit
    assert len(layout_taxonomy(taxonomy, threshold=100).places) == 1501
    project = Project(root="/", config=Config(label_pages_threshold=100), taxonomies=(taxonomy,))
    layout = build_layout(project, directory_urls=False)
    tl = layout.taxonomies["t"]
    view = LabelView(layout, tl, taxonomy_facts(project, taxonomy), tl.overview)
    overview = overview_page(layout, tl, view, []).markdown
    assert overview.count("<details") > 1500  # the whole tree, and the decision guide down to its limit


page_paths = st.lists(st.sampled_from(["a", "b", "index", "x.y", "my guide"]), min_size=1, max_size=4).map(
    lambda parts: "/".join(parts) + ".md")


@given(page_paths, page_paths, st.booleans(), st.one_of(st.none(), st.sampled_from(["cat", "l.1"])))
def test_relative_links_resolve_to_the_target_page(source, target, directory_urls, anchor):
    base = "http://site/" + quote(page_url(source, directory_urls))
    href = relative_url(source, target, directory_urls, anchor)
    resolved = urljoin(base, href)
    expected = "http://site/" + quote(page_url(target, directory_urls))
    assert resolved.split("#")[0] == expected or (resolved.split("#")[0] == base and source == target)
    assert (("#" + anchor) in href) if anchor else "#" not in href


def test_every_user_text_is_escaped():
    hostile = '<script>alert("x")</script>'
    parents = [[], [0]]
    taxonomy = taxonomy_of(parents, name=hostile)
    project = Project(root="/", config=Config(), taxonomies=(taxonomy,))
    for page in site_plan(project, directory_urls=True).pages:
        if not page.path.startswith("reference/"):  # taxgen's own docs quote markup in code spans
            assert "<script>" not in page.markdown, page.path
    assert set(mermaid_text(hostile)) <= set("#;0123456789abcdefghijklmnopqrstuvwxyz ")
    assert esc(hostile) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_reference_documents_every_field_of_every_schema():
    page = format_page().markdown

    def descriptions(node):
        """Descriptions of every field (a property of any object of the schema)."""
        if isinstance(node, dict):
            for prop in (node.get("properties") or {}).values():
                if isinstance(prop.get("description"), str):
                    yield prop["description"]
            for value in node.values():
                yield from descriptions(value)
        elif isinstance(node, list):
            for value in node:
                yield from descriptions(value)

    for name, _title, _where in SCHEMAS:
        for text in descriptions(load_schema(name)):
            assert " ".join(text.split()).replace("|", "\\|") in page, text


def test_fixture_pages_snapshot(snapshot):
    project = load_project(FIXTURE).project
    pages = {page.path: page for page in site_plan(project, directory_urls=False).pages}
    for path in ("index.md", "animals/index.md", "animals/labels/cat.md", "animals/labels/xss.md",
                 "animals/glossary.md", "animals/guidelines/cats.md"):
        snapshot(f"site/{posixpath.basename(posixpath.dirname(path)) or 'root'}-{posixpath.basename(path)}",
                 pages[path].markdown)


def test_mermaid_diagram_only_for_small_taxonomies():
    taxonomy = taxonomy_of([[], [0], [0], [1]])
    for limit, drawn in ((4, True), (3, False)):
        project = Project(root="/", config=Config(mermaid_max_labels=limit), taxonomies=(taxonomy,))
        overview = next(p for p in site_plan(project, directory_urls=False).pages if p.path == "t/index.md")
        assert ('class="mermaid"' in overview.markdown) is drawn
        assert ('class="tg-diagram-offline"' in overview.markdown) is drawn
