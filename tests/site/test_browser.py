"""The built site in a real browser: Debian's headless Chromium driven by Playwright, over local HTTP."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from taxgen.site.html import mermaid_text

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records every dialog: a script smuggled in through label text would open one."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=site_url)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())  # offline, as on a file share
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def offline_context(browser, requests: list[str], **options):
    """A browser context without the internet: every http(s) request is refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"),
                  lambda route: (requests.append(route.request.url), route.abort()))
    return context


def search(page: Page, query: str, start: str = "index.html"):
    """Type into the search box key by key, as material's search listens to key events."""
    page.goto(start)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=15_000)
    return results


def test_search_by_synonym_opens_the_label_with_definition_examples_and_golden_items(page, tmp_path):
    results = search(page, "Moggy")
    expect(results.first).to_contain_text("Cat")
    results.first.click()
    page.wait_for_url("**/animals/labels/cat.html*")
    expect(page.locator("h1")).to_contain_text("Cat")
    expect(page.locator(".tg-definition")).to_have_text("A small domestic feline with retractable claws and whiskers.")
    expect(page.locator(".tg-examples")).to_contain_text("A tabby sleeping on a windowsill.")
    golden = page.locator(".tg-golden")
    expect(golden).to_contain_text("A grey cat curled up on a sofa cushion.")
    expect(golden).to_contain_text("Domestic setting and small size make it a house cat.")
    shot = tmp_path / "cat.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_search_finds_a_label_by_id_and_by_definition_words(page):
    expect(search(page, "wildcat").first).to_contain_text("Wild cat")
    expect(search(page, "talons").first).to_contain_text("Bird of prey")


def test_do_not_use_link_leads_to_the_label_to_use_instead(page):
    page.goto("animals/labels/cat.html")
    page.locator(".tg-do-not-use-when a", has_text="Wild cat").click()
    page.wait_for_url("**/animals/labels/wildcat.html")
    expect(page.locator("h1")).to_have_text("Wild cat")
    expect(page.locator(".tg-golden img")).to_be_visible()


def test_deprecated_label_points_to_its_replacements(page):
    page.goto("animals/labels/bird.html")
    expect(page.locator(".tg-replacement")).to_contain_text("Use Songbird, Bird of prey instead.")
    page.locator(".tg-replacement a", has_text="Songbird").click()
    expect(page.locator("h1")).to_contain_text("Songbird")


def test_hostile_label_name_shows_as_text_and_runs_nothing(page):
    page.goto("animals/labels/xss.html")
    expect(page.locator("h1")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator(".tg-definition")).to_contain_text("<img src=x onerror=alert(2)>")
    expect(page.locator(".tg-golden")).to_contain_text("<script>alert(3)</script>")
    assert page.title() == "<script>alert(1)</script> - Animal sightings"
    results = search(page, "bold")
    expect(results.first).to_contain_text("<b>bold</b>")
    for path in ("animals/index.html", "animals/glossary.html", "animals/guidelines/cats.html"):
        page.goto(path)
        page.wait_for_load_state("load")
    assert page.dialogs == []
    assert page.locator("script:text('alert')").count() == 0


def test_overview_tree_expands_and_links_to_labels(page):
    page.goto("animals/index.html")
    tree = page.locator(".tg-hierarchy")
    expect(tree.get_by_role("link", name="Cat", exact=True)).to_be_visible()  # the first level is open
    page.locator(".tg-guide summary", has_text="Mammal").click()
    expect(page.locator(".tg-guide a", has_text="Wild cat")).to_be_visible()


def test_label_page_prints_as_a_handout(page, tmp_path):
    page.goto("animals/labels/cat.html")
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".tg-crumbs")).to_be_hidden()
    for section in (".tg-use-when", ".tg-do-not-use-when", ".tg-examples", ".tg-golden"):
        expect(page.locator(section).first).to_be_visible()
    pdf = page.pdf(path=str(tmp_path / "cat.pdf"))
    assert pdf.startswith(b"%PDF")


def test_search_finds_a_label_by_words_of_its_examples(page):
    expect(search(page, "windowsill").first).to_contain_text("Cat")


def test_site_opened_from_files_works_and_searches_without_the_internet(browser, built_site):
    """As from a file share: file:// URLs, no server, no internet (material's worker shim is taxgen's own)."""
    requests: list[str] = []
    context = offline_context(browser, requests)
    page = context.new_page()
    results = search(page, "Moggy", start=built_site.joinpath("index.html").as_uri())
    expect(results.first).to_contain_text("Cat")
    results.first.click()
    page.wait_for_url("file://**/animals/labels/cat.html*")
    expect(page.locator(".tg-definition")).to_have_text("A small domestic feline with retractable claws and whiskers.")
    page.locator(".tg-do-not-use-when a", has_text="Wild cat").click()
    expect(page.locator("h1")).to_have_text("Wild cat")
    expect(page.locator(".tg-golden img")).to_be_visible()
    assert requests == []
    context.close()


MERMAID_STUB = """window.mermaid = {
  initialize() {},
  async render(id, text) {
    window.drawnDiagram = text;
    return {svg: '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text y="15">drawn</text></svg>'};
  },
};"""


def test_diagram_without_the_internet_is_a_note_not_mermaid_source(browser, site_url):
    requests: list[str] = []
    context = offline_context(browser, requests, base_url=site_url)
    page = context.new_page()
    page.goto("animals/index.html")
    expect(page.locator(".tg-diagram-offline")).to_be_visible()
    expect(page.locator(".tg-diagram pre")).to_be_hidden()
    assert any("mermaid" in url for url in requests)  # material asked for Mermaid, and did not get it
    context.close()


def test_diagram_is_handed_to_mermaid_with_every_label(browser, site_url):
    """Mermaid itself comes from the internet: a stand-in receives the diagram and draws it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=site_url)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    context.route("https://unpkg.com/mermaid@*/**", lambda route: route.fulfill(  # the last route added wins
        body=MERMAID_STUB, content_type="text/javascript"))
    page = context.new_page()
    page.goto("animals/index.html")
    expect(page.locator(".tg-diagram div.mermaid")).to_be_attached()
    expect(page.locator(".tg-diagram-offline")).to_be_hidden()
    drawn = page.evaluate("window.drawnDiagram")
    assert drawn.startswith("graph LR\n")
    for name in ("Mammal", "Cat", "Wild cat", "Bird of prey", "<script>alert(1)</script>"):
        assert f'["{mermaid_text(name)}"]' in drawn  # markup as Mermaid entity codes: drawn as text
    context.close()
