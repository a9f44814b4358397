"""The quality page in a built site (mkdocs build --strict), read as HTML and in a real browser."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright
from local_http import serving
from score_helpers import ANNOTATIONS, PROJECT

from taxgen.cli import main
from taxgen.site.build import SiteError, build_site

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def quality_site(tmp_path_factory) -> Path:
    """The fixture project with a score report of both annotation files, built into a site."""
    tmp = tmp_path_factory.mktemp("quality")
    project = tmp / "project"
    shutil.copytree(PROJECT, project)
    both = project / "annotations.jsonl"
    both.write_bytes((ANNOTATIONS / "tickets.jsonl").read_bytes() + (ANNOTATIONS / "topics.jsonl").read_bytes())
    result = CliRunner().invoke(main, ["score", str(both), "--project", str(project), "--out",
                                       str(project / "quality" / "report.json")])
    assert result.exit_code == 0, result.output
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("golden_items: show",
                                                 "golden_items: show\n      score_report: quality/report.json"))
    build_site(project, tmp / "site")
    return tmp / "site"


def test_quality_page_is_built_with_label_links_that_resolve_and_names_as_text(quality_site):
    html = (quality_site / "quality" / "index.html").read_text("utf-8")
    links = set(re.findall(r'href="(\.\./(?:tickets|topics)/labels/[^"#]+)"', html))
    assert {"../tickets/labels/delivery.damaged/", "../topics/labels/product.quality/"} <= links
    for link in links:
        assert (quality_site / posixpath.normpath(posixpath.join("quality", link)) / "index.html").is_file(), link
    assert "Damaged &lt;b&gt;parcel&lt;/b&gt; | *broken*" in html
    assert "<b>parcel</b>" not in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="12"') == 8


@pytest.fixture(scope="module")
def served(quality_site):
    with serving(quality_site) as url:
        yield url


def test_f1_bars_render_to_scale_and_a_label_link_opens_its_page(served):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(served + "quality/")
        bars = page.locator("svg[aria-label^='F1 ']")
        assert bars.count() == 8
        for index in range(bars.count()):
            bar = bars.nth(index)
            value = float(bar.get_attribute("aria-label").split()[1])
            track, filled = bar.locator("path").nth(0).bounding_box(), bar.locator("path").nth(1).bounding_box()
            assert track["width"] == pytest.approx(120, abs=0.5)
            assert filled["width"] == pytest.approx(120 * value, abs=0.6)
        assert page.get_by_text("Damaged <b>parcel</b> | *broken*").first.is_visible()
        page.get_by_role("link", name="Late delivery").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/tickets/labels/delivery.late/")
        assert page.locator("h1").first.inner_text().startswith("Late delivery")
        browser.close()


def test_a_bad_score_report_stops_the_build_with_the_reason(tmp_path, caplog):
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    (project / "report.json").write_text('{"format": "taxgen-score-report", "version": 1}')
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("golden_items: show", "golden_items: show\n      score_report: report.json"))
    with pytest.raises(SiteError):
        build_site(project, tmp_path / "site")
    assert "not a taxgen score report (at the top level: 'records' is a required property)" in caplog.text
