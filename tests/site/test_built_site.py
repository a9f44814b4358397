"""The built site, read as files: every label has its page or section, every link resolves, markup stays text."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_helpers import FIXTURE, build_fixture, copy_fixture
from sitecheck import broken_links, html_pages, read_page

from taxgen.check import check_path
from taxgen.cli import main
from taxgen.rules import RULES
from taxgen.site.build import SiteError, build_site
from taxgen.site.layout import build_layout, page_url

HOSTILE = "<script>alert(1)</script>"


def search_index(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]


def assert_every_label_shown(root: Path, site: Path) -> None:
    """Each label of each taxonomy is on the page its layout says, under an id search and links can use."""
    project = check_path(root).project
    layout = build_layout(project, directory_urls=False)
    pages = html_pages(site)
    for taxonomy in project.taxonomies:
        for label_id in taxonomy.label_ids:
            place = layout.place(taxonomy.id, label_id)
            page = page_url(place.path, directory_urls=False)
            assert page in pages, f"{taxonomy.id}/{label_id}: no page {page}"
            assert (place.anchor or "label") in pages[page].ids, f"{taxonomy.id}/{label_id}: no heading on {page}"


def test_every_label_has_its_page_and_every_link_resolves(built_site):
    assert_every_label_shown(built_site.parent / "project", built_site)
    assert broken_links(built_site) == []


def test_grouped_site_has_one_section_per_label_and_no_broken_anchor(grouped_site):
    assert_every_label_shown(grouped_site.parent / "project", grouped_site)
    assert not (grouped_site / "animals" / "labels").exists()
    assert broken_links(grouped_site) == []
    entries = {e["location"]: e["title"] for e in search_index(grouped_site)}
    assert any(loc.endswith("#cat") and title.startswith("Cat Kitty") for loc, title in entries.items())


def test_repository_example_builds_strict_and_links_resolve(repo_root, tmp_path):
    """The repository's own project: `taxgen build` passes strict mode; every label shown; no broken link."""
    result = CliRunner().invoke(main, ["build", "--project", str(repo_root), "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "WARNING" not in result.output
    assert_every_label_shown(repo_root, tmp_path / "site")
    assert broken_links(tmp_path / "site") == []


def test_hostile_label_name_is_text_everywhere(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert HOSTILE not in text, page
        assert "<b>bold</b>" not in text and "onerror=alert" not in text.replace("&lt;img src=x onerror=alert", "")
    label = (built_site / "animals/labels/xss.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in label
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; - Animal sightings</title>" in label


def test_guideline_scripts_and_handlers_are_removed_and_label_links_resolved(built_site):
    page = (built_site / "animals/guidelines/cats.html").read_text("utf-8")
    assert "alert(4)" not in page and "alert(5)" not in page and "javascript:" not in page
    assert "Raw HTML with an event handler." in page  # the text stays, the handler goes
    info = read_page(built_site / "animals/guidelines/cats.html")
    assert {"../labels/cat.html", "../labels/wildcat.html", "../../guidelines/basics.html"} <= set(info.links)


def test_search_index_holds_names_synonyms_ids_definitions_examples_not_golden(built_site):
    entries = {e["location"]: e for e in search_index(built_site)}
    cat = entries["animals/labels/cat.html"]
    assert cat["title"] == "Cat Kitty · Moggy"  # synonyms in the title: weighed like the name
    assert "<code>cat</code>" in cat["text"] and "retractable claws" in cat["text"]
    assert "tabby sleeping" in cat["text"]
    assert "grey cat curled" not in json.dumps(list(entries.values()))  # golden inputs stay out of the index
    assert not any("glossary" in location for location in entries)


def test_label_page_shows_rules_golden_items_relations_and_replacement(built_site):
    cat = (built_site / "animals/labels/cat.html").read_text("utf-8")
    assert 'href="wildcat.html"' in cat and "→ use" in cat
    assert "grey cat curled up" in cat and "Domestic setting" in cat
    assert "Often confused with" in cat and "Telling cats apart" in cat
    wildcat = (built_site / "animals/labels/wildcat.html").read_text("utf-8")
    assert 'href="cat.html"' in wildcat, "confusable links go both ways"
    assert '<img src="../../media/media/lynx.svg"' in wildcat
    bird = (built_site / "animals/labels/bird.html").read_text("utf-8")
    assert re.search(r"Use <a [^>]*href=\"songbird.html\"[^>]*>Songbird</a>, <a [^>]*>Bird of prey</a> instead", bird)
    bat = (built_site / "animals/labels/bat.html").read_text("utf-8")
    assert "Parents" in bat and 'href="flying.html"' in bat


def test_reference_pages_come_from_rules_and_schemas(built_site):
    for code, info in RULES.items():
        page = (built_site / f"reference/rules/{code}.html").read_text("utf-8")
        assert f"{code} {info.name}" in page and f"Default severity: <code>{info.severity.value}</code>" in page
        if "```yaml" in info.doc:
            assert 'class="language-yaml"' in page, "the bad/good examples are rendered as code"
    formats = (built_site / "reference/format.html").read_text("utf-8")
    assert "Keyboard shortcut in labeling tools" in formats and "near_misses" in formats


def test_hidden_golden_items_are_not_published(tmp_path):
    site = build_fixture(tmp_path, "golden_items: hide")
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "grey cat curled" not in text and "gold-cat-1" not in text, page


def test_build_stops_on_project_errors_with_locations(tmp_path):
    project = copy_fixture(tmp_path)
    taxonomy = project / "taxonomies/animals/taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("instead: wildcat", "instead: wildkat"))
    result = CliRunner().invoke(main, ["build", "--project", str(project), "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert re.search(r"taxonomies/animals/taxonomy.yaml:\d+:\d+: error TG203 instead refers to unknown label "
                     r"'wildkat'", result.output)
    assert not (tmp_path / "site").exists()


def test_plain_mkdocs_build_stops_on_errors_and_logs_locations(tmp_path, caplog):
    """`mkdocs build` without taxgen's CLI: the plugin itself refuses a broken project."""
    project = copy_fixture(tmp_path)
    taxonomy = project / "taxonomies/animals/taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("    parent: mammal\n    definition: A small",
                                                     "    parent: mamal\n    definition: A small"))
    with pytest.raises(SiteError) as caught:
        build_site(project, tmp_path / "site")
    assert caught.value.exit_code == 1
    assert re.search(r"taxonomies/animals/taxonomy.yaml:\d+:\d+: error TG202 .*'mamal'", caplog.text)


def test_unknown_plugin_option_is_a_config_error(tmp_path, caplog):
    project = copy_fixture(tmp_path, "golden_items: show\n      taxonomy_dir: labels")
    with pytest.raises(SiteError):
        build_site(project, tmp_path / "site")
    assert "taxonomy_dir" in caplog.text


def test_overview_shows_task_version_tree_diagram_guide_and_downloads(built_site):
    overview = (built_site / "animals/index.html").read_text("utf-8")
    assert "Version <strong>1.2.0</strong>" in overview and "single-label on image" in overview
    for section in ("tg-hierarchy", "tg-diagram", "tg-guide", "tg-downloads"):
        assert f'class="{section}"' in overview, section
    downloads = [link for link in read_page(built_site / "animals/index.html").links if link.startswith("../schemas/")]
    assert "../schemas/animals/label-schema.json" in downloads and "../schemas/animals/label-studio.xml" in downloads
    assert all((built_site / "animals" / link).resolve().is_file() for link in downloads)  # and none is broken


def test_changelog_page_lists_the_taxonomy_versions(built_site):
    changelog = (built_site / "animals/changelog.html").read_text("utf-8")
    assert changelog.index('id="v1.2.0"') < changelog.index('id="v1.0.0"')
    assert "(2024-03-01)" in changelog and "Deprecated <code>bird</code> in favour of" in changelog
    assert 'href="changelog.html"' in (built_site / "animals/index.html").read_text("utf-8")


def test_no_page_loads_a_script_from_the_internet(built_site):
    """Opened from a file share without a connection, every script the pages name is in the site."""
    for page, info in html_pages(built_site).items():
        outside = [link for link in info.links if link.startswith(("http:", "https:", "//")) and link.endswith(".js")]
        text = (built_site / page).read_text("utf-8")
        assert not outside and "unpkg.com" not in text, page
    assert (built_site / "assets/taxgen/iframe-worker.js").is_file()
    assert (built_site / "search/search_index.js").is_file()  # material's offline plugin: the index as a script


def test_search_index_declares_no_unused_tags_field_in_either_form(built_site):
    """Browsers build the index on load: a field no entry fills is work for nothing."""
    text = (built_site / "search/search_index.json").read_text("utf-8")
    assert json.loads(text)["config"]["fields"] == {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}
    assert (built_site / "search/search_index.js").read_text("utf-8") == f"var __index = {text}"


def test_reference_lists_every_kind_of_change_the_diff_reports(built_site):
    from taxgen.diff import CHANGE_KINDS

    page = (built_site / "reference/changes.html").read_text("utf-8")
    for code, kind in CHANGE_KINDS.items():
        assert f"<td>{code}</td>" in page and f"<code>{kind.name}</code>" in page


def test_schema_index_is_published_and_lists_every_download_with_its_sha256(built_site):
    index = json.loads((built_site / "schemas/index.json").read_text("utf-8"))
    published = {path.relative_to(built_site / "schemas").as_posix()
                 for path in (built_site / "schemas").rglob("*") if path.is_file()} - {"index.json"}
    listed = {entry["path"] for taxonomy in index["taxonomies"] for entry in taxonomy["files"].values()}
    assert listed == published
    for taxonomy in index["taxonomies"]:
        for entry in taxonomy["files"].values():
            data = (built_site / "schemas" / entry["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
