"""Scripts, event handlers and `javascript:` links in guidelines and in every text of a taxonomy
never reach the built site as live markup.

`taxgen check` refuses them (TG405, see test_hostile_corpus.py); the fixture project turns that
rule off, so that what is asserted here is the site itself: every HTML page and every search
entry is read with an HTML parser and audited, and the pages are opened in Chromium, where a
payload that ran would open a dialog. Every payload carries the word TGXSS.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hardening_helpers import FIXTURES, MARKER, audit, cli
from local_http import serving

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("markup") / "project"
    shutil.copytree(FIXTURES / "markup", project, ignore=shutil.ignore_patterns("build", "site"))
    result = cli("build", "--project", project)
    assert result.exit_code == 0, result.stderr
    return project / "site"


def test_no_page_holds_live_markup_from_the_project(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    findings = [finding for page in pages for finding in audit(page.read_text("utf-8"), page.relative_to(site).as_posix())]
    assert findings == []


def test_payloads_are_shown_as_text_where_texts_are_shown(site):
    label_page = (site / "animals" / "labels" / "cat" / "index.html").read_text("utf-8")
    for escaped in ("Cat &lt;img src=x onerror=alert(&#34;TGXSS-name&#34;)&gt;", "TGXSS-definition", "TGXSS-synonym",
                    "TGXSS-example", "TGXSS-near-miss", "TGXSS-golden-rationale"):
        assert escaped.replace("&#34;", '"') in label_page.replace("&#34;", '"').replace("&quot;", '"')
    guideline = (site / "animals" / "guidelines" / "payloads" / "index.html").read_text("utf-8")
    assert 'href="../../labels/cat/"' in guideline  # the sanitizer keeps the label link


def test_no_search_entry_holds_live_markup(site):
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    findings = [finding for entry in index["docs"] for field in ("title", "text")
                for finding in audit(entry.get(field, ""), f"search:{entry['location']}:{field}")]
    assert findings == []
    assert MARKER in json.dumps(index)  # the payload texts are indexed, as text


def test_no_compiled_download_is_served_as_a_page(site):
    assert not [p for p in (site / "schemas").rglob("*") if p.suffix in (".html", ".htm", ".svg", ".js")]


@pytest.fixture(scope="module")
def served(site):
    with serving(site) as url:
        yield url


def test_nothing_runs_in_a_browser(served):
    """The pages with payloads, and the search results for them, in Debian's headless Chromium."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--headless"])
        context = browser.new_context(base_url=served)
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("animals/guidelines/payloads/", "animals/labels/cat/", "animals/labels/dog/", "animals/",
                     "animals/glossary/"):
            page.goto(path)
            page.wait_for_load_state("load")
            page.mouse.move(200, 300)  # hover handlers, if any survived
        page.goto("")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("TGXSS")
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        page.wait_for_timeout(300)
        browser.close()
    assert dialogs == []
