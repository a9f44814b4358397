"""100,000 labels under one parent: check, compile and the site's page grouping finish in bounded
time and memory, in a process of their own (its peak memory is measured), on a taxonomy made at
test time. Limits are generous (several times what a 2-core machine needs), so that only a
quadratic step or a runaway allocation fails them. The full MkDocs build of such a site is too
slow for the test suite; see the closing report of issue 7 for its figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LABELS = 100_000
DRIVER = r"""
import json, resource, sys, time
from pathlib import Path
from taxgen.check import check_path
from taxgen.compile import compile_project, write_output
from taxgen.site.grouping import branches, first_parent_tree
from taxgen.site.layout import LABELS_PER_BRANCH_PAGE, build_layout

root = Path(sys.argv[1])
seconds = {}
start = time.perf_counter()
result = check_path(root)
seconds["check"] = time.perf_counter() - start
start = time.perf_counter()
compiled = compile_project(result.project)
written = write_output(root / "build" / "schemas", compiled.files)
seconds["compile"] = time.perf_counter() - start
start = time.perf_counter()
(taxonomy,) = result.project.taxonomies
pages = branches(first_parent_tree(taxonomy), LABELS_PER_BRANCH_PAGE)
layout = build_layout(result.project, directory_urls=True)
seconds["grouping"] = time.perf_counter() - start
places = layout.taxonomies["wide"].places
print(json.dumps({
    "seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    "errors": result.errors, "labels": result.project.label_count,
    "refused": sorted({d.code for d in compiled.diagnostics}), "files": sorted(p.name for p in written),
    "per_page": LABELS_PER_BRANCH_PAGE, "pages": [len(page.label_ids) for page in pages],
    "on_pages": sorted(i for page in pages for i in page.label_ids) == sorted(taxonomy.label_ids),
    "placed": len(places), "page_paths": len({place.path for place in places.values()}),
}))
"""


def write_wide_project(root: Path) -> None:
    (root / "taxonomies").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Wide\nplugins:\n  - taxgen:\n      rules: {TG402: 'off', TG403: 'off'}\n")
    parts = ["taxonomy:\n  id: wide\n  title: One parent\n  version: 1.0.0\n  task: {kind: single-label, data: text}\n"
             "labels:\n  - id: all\n    name: All\n    definition: The one parent.\n"]
    parts += [f"  - id: l{i:06d}\n    name: Label {i:06d}\n    parent: all\n    definition: Leaf {i} of the one parent.\n"
              for i in range(LABELS)]
    (root / "taxonomies" / "wide.yaml").write_text("".join(parts))


def test_100k_labels_under_one_parent_check_compile_and_group_in_bounded_time_and_memory(tmp_path):
    write_wide_project(tmp_path)
    done = subprocess.run([sys.executable, "-c", DRIVER, str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert (report["errors"], report["labels"]) == (0, LABELS + 1)
    assert report["refused"] == ["TG601", "TG604"]  # CVAT labels no text; Argilla takes at most 500 options
    assert len(report["files"]) == 11 and "labels.csv" in report["files"] and "label-studio.xml" in report["files"]
    assert report["on_pages"] and report["placed"] == LABELS + 1
    assert max(report["pages"]) <= report["per_page"] and len(report["pages"]) == report["page_paths"] == 1001
    assert report["seconds"]["check"] < 90 and report["seconds"]["compile"] < 90 and report["seconds"]["grouping"] < 20, \
        report["seconds"]
    assert report["peak_mb"] < 1500, report["peak_mb"]  # measured about 550 MB
