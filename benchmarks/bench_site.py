"""Annotator site at scale: build time, site size and search-index size for synthetic taxonomies.

    python benchmarks/bench_site.py                # 1,000 and 10,000 labels
    python benchmarks/bench_site.py 1000 --browser # also search latency in headless Chromium

Times are reported with a floor measured in the same run (parsing the same YAML with
PyYAML's C loader), so the ratios are comparable across machines. `taxgen build` is timed
whole (check, compile, `mkdocs build --strict`), in-process. The load average is printed with
each size: on a shared machine, wall times (the browser's above all) grow with it.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from click.testing import CliRunner

from taxgen.cli import main as taxgen
from taxgen.loading.project import load_project
from taxgen.site.pages import site_plan

MKDOCS = """\
site_name: Synthetic {n} labels
theme:
  name: material
  font: false
  features: [navigation.indexes, navigation.prune, search.highlight]
plugins:
  - search:
      separator: '[\\s\\-,:!=\\[\\]()"`/.]+|&[lg]t;|&amp;'
  - offline
  - taxgen
"""
WORDS = ("parcel invoice refund broken late polite angry screen battery courier account password order "
         "discount warranty review delivery colour size fabric kettle blender charger cable").split()


def words(seed: int, count: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(count))


def label_yaml(index: int, parent: int | None, count: int) -> str:
    other = (index + 1) % count
    lines = [f"  - id: l{index}", f"    name: Label {index} {words(index, 2)}"]
    if parent is not None:
        lines.append(f"    parent: l{parent}")
    lines += [
        f"    definition: The item is about {words(index, 14)}.",
        f"    synonyms: [Syn{index}a, {words(index + 3, 1).capitalize()} {index}]",
        f"    use_when: ['The message mentions {words(index + 1, 5)}.', 'A review about {words(index + 2, 4)}.']",
        f"    do_not_use_when: [{{when: 'It is mainly about {words(index + 5, 4)}.', instead: l{other}}}]",
        f"    examples: ['My {words(index + 4, 6)} arrived.', {{text: 'Why is {words(index + 6, 5)}?', note: typical}}]",
        f"    near_misses: [{{text: 'The {words(index + 7, 5)}.', use: l{other}, why: 'About {words(index, 3)}.'}}]",
    ]
    return "\n".join(lines)


def synthetic_project(root: Path, count: int) -> None:
    """``count`` labels: 10 roots, 10 children each, then leaves under those (depth 3)."""
    (root / "taxonomies" / "synthetic").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS.format(n=count))
    labels = []
    for index in range(count):
        parent = None if index < 10 else (index - 10) // 10 if index < 110 else 10 + (index - 110) % 100
        labels.append(label_yaml(index, parent, count))
    header = ("taxonomy:\n  id: synthetic\n  title: Synthetic\n  version: 1.0.0\n"
              "  task: {kind: single-label, data: text, leaf_only: false}\nlabels:\n")
    (root / "taxonomies/synthetic/taxonomy.yaml").write_text(header + "\n".join(labels) + "\n")
    golden = [f"  - {{id: g{i}, input: 'Golden {words(i, 8)}', expected: l{i}, rationale: 'Because {words(i, 4)}.'}}"
              for i in range(0, count, 10)]
    (root / "taxonomies/synthetic/golden.yaml").write_text("taxonomy: synthetic\ngolden_items:\n" + "\n".join(golden) + "\n")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def floor_seconds(root: Path) -> float:
    text = (root / "taxonomies/synthetic/taxonomy.yaml").read_text()
    start = time.perf_counter()
    yaml.load(text, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# Notes, in the page's own clock, when material hands the index to its search worker, when the
# worker has built it and when the first result is shown (no Playwright round trip in the figures).
SEARCH_TIMES = """
window.__search = {};
new MutationObserver((changes, observer) => {
  if (document.querySelector(".md-search-result__item")) {
    window.__search.shown = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
const PageWorker = window.Worker;
window.Worker = class extends PageWorker {
  constructor(url, options) {
    super(url, options);
    this.addEventListener("message", e => { if (e.data.type === 1) window.__search.ready = performance.now(); });
  }
  postMessage(message) {
    if (message.type === 0) window.__search.setup = performance.now();
    super.postMessage(message);
  }
};
"""


def search_latency(site: Path, query: str, expected: str) -> tuple[float, float, float]:
    """Seconds from the page's load event until a query typed at once shows results (as an
    annotator who searches as soon as the page opens: material answers it once its index is
    built), the worker's index build alone, and a second query once ready."""
    import re

    from playwright.sync_api import sync_playwright

    server = serve(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                             args=["--no-sandbox", "--headless", "--disable-gpu"])
        page = browser.new_page()
        page.add_init_script(SEARCH_TIMES)
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        page.goto(url)
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("Syn1a")
        page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
        ready, build = page.evaluate("""[
            (window.__search.shown - performance.getEntriesByType("navigation")[0].loadEventEnd) / 1000,
            (window.__search.ready - window.__search.setup) / 1000]""")
        start = time.perf_counter()
        box.fill(query)
        box.dispatch_event("keyup")  # material searches on key up
        page.locator(".md-search-result__item", has_text=expected).first.wait_for(timeout=30_000)
        answer = time.perf_counter() - start
        browser.close()
    server.shutdown()
    return ready, build, answer


def run(count: int, browser: bool, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        synthetic_project(root, count)
        floor = min(floor_seconds(root) for _ in range(3))
        start = time.perf_counter()
        project = load_project(root).project
        plan = site_plan(project, directory_urls=False)
        generate = time.perf_counter() - start
        site = Path(tmp) / "site"
        start = time.perf_counter()
        result = CliRunner().invoke(taxgen, ["build", "--project", str(root), "--site-dir", str(site)])
        total = time.perf_counter() - start
        if result.exit_code != 0:
            sys.exit(f"taxgen build failed:\n{result.output[-3000:]}")
        index = (site / "search" / "search_index.json").stat().st_size
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"{count:>6} labels: {len(plan.pages)} generated pages; floor (parse YAML, C loader) {floor:.3f} s; "
              f"load average {load} on {os.cpu_count()} CPUs")
        print(f"        load + generate pages {generate:6.2f} s = {generate / floor:7.1f} x floor")
        print(f"        taxgen build          {total:6.2f} s = {total / floor:7.1f} x floor "
              "(check, compile, mkdocs build --strict)")
        print(f"        site {folder_size(site) / 1e6:6.1f} MB, search index {index / 1e6:5.2f} MB "
              f"({index / count:.0f} B per label)")
        if browser:
            ready, build, answer = search_latency(site, f"Syn{count - 1}a", f"Label {count - 1}")
            print(f"        browser: first results {ready:5.2f} s after load (index built in the worker in "
                  f"{build:4.2f} s); a query once ready {answer:5.2f} s")
        if keep:
            shutil.copytree(site, keep / f"site-{count}", dirs_exist_ok=True)
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--browser", action="store_true", help="also measure search in headless Chromium")
    parser.add_argument("--keep", type=Path, help="copy the built sites into this folder")
    args = parser.parse_args()
    for count in args.sizes:
        run(count, args.browser, args.keep)


if __name__ == "__main__":
    main()
