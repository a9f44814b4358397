"""Reports as snapshot files, and the site's quality page: links, escaping, F1 bars, a bad report file."""

from __future__ import annotations

import json
import re

import pytest
from score_helpers import score_file

from taxgen.score.reporters import FORMATS
from taxgen.score.site_page import InvalidReport, quality_markdown


def combined_report(project) -> dict:
    """One report over both fixture taxonomies (single- and multi-label)."""
    tickets, _ = score_file(project, "tickets.jsonl")
    topics, _ = score_file(project, "topics.jsonl")
    tickets["taxonomies"] += topics["taxonomies"]
    return tickets


@pytest.mark.parametrize("fmt,suffix", [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_report_formats(project, snapshot, fmt, suffix):
    snapshot(f"score/report.{suffix}", FORMATS[fmt](combined_report(project)))


def test_degenerate_report_text(project, snapshot):
    unanimous, _ = score_file(project, "unanimous.jsonl")
    lonely, _ = score_file(project, "one-annotator.jsonl")
    snapshot("score/degenerate.txt", FORMATS["text"](unanimous) + "\n" + FORMATS["text"](lonely))


def test_quality_page(project, snapshot):
    snapshot("score/quality.md", quality_markdown(combined_report(project), project))


def test_quality_page_links_both_labels_of_a_confused_pair_and_escapes_names(project):
    page = quality_markdown(combined_report(project), project)
    row = next(line for line in page.splitlines() if line.startswith("| [Late delivery]") and "| 1 | 1 | 0 |" in line)
    assert "[Late delivery](tickets/labels/delivery.late.md)" in row
    assert "(tickets/labels/delivery.damaged.md) (delivery.damaged)" in row
    assert "Damaged &#60;b&#62;parcel&#60;/b&#62; &#124; &#42;broken&#42;" in row
    assert "<b>" not in page


def test_quality_page_draws_one_bar_per_label_scaled_to_f1(project):
    page = quality_markdown(combined_report(project), project)
    bars = re.findall(r'aria-label="F1 ([0-9.]+)"><path d="M0 0H120V12H0Z" fill="#e0e0e0"/>'
                      r'<path d="M0 0H([0-9.]+)V12H0Z" fill="(#[0-9a-f]{6})"/></svg>', page)
    assert len(bars) == 5 + 3  # every label with a golden figure, in both taxonomies
    for value, width, color in bars:
        assert float(width) == pytest.approx(float(value) * 120, abs=0.05)
        assert color == ("#2e7d32" if float(value) >= 0.8 else "#f9a825" if float(value) >= 0.6 else "#c62828")


def test_label_gone_from_the_project_is_shown_without_a_link(project):
    report = combined_report(project)
    report["taxonomies"][0]["golden"]["labels"][0].update(label="retired.label", name="Retired <i>")
    page = quality_markdown(report, project)
    assert "| Retired &#60;i&#62; (retired.label) |" in page


@pytest.mark.parametrize("damage,where", [
    (lambda r: r.pop("taxonomies"), "the top level"),
    (lambda r: r["taxonomies"][0]["golden"]["labels"][0].update(f1="high"), "taxonomies/0/golden/labels/0/f1"),
    (lambda r: r.update(format="something-else"), "format"),
])
def test_a_file_that_is_not_a_score_report_is_refused_with_the_place(project, damage, where):
    report = json.loads(json.dumps(combined_report(project)))
    damage(report)
    with pytest.raises(InvalidReport, match=f"at {re.escape(where)}:"):
        quality_markdown(report, project)
