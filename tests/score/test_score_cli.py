"""`taxgen score` end to end: exit codes, located problems, output formats, --out, --taxonomy."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from score_helpers import ANNOTATIONS, PROJECT

from taxgen.cli import main


def run(*args: str):
    return CliRunner().invoke(main, ["score", *args, "--project", str(PROJECT)])


def annotations(name: str) -> str:
    return str(ANNOTATIONS / name)


def test_clean_file_exits_0_with_a_text_report():
    result = run(annotations("tickets.jsonl"))
    assert result.exit_code == 0, result.output
    assert "tickets: Support ticket reason 1.0.0 (single-label)" in result.stdout
    assert "accuracy 0.692 (9 of 13 exactly right)   partial credit 0.769" in result.stdout
    assert result.stderr == ""


def test_every_problem_is_reported_with_file_and_line_and_the_rest_is_scored():
    result = run(annotations("problems.jsonl"))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    where = annotations("problems.jsonl")
    expected = [
        (2, "error TS101 unknown label 'billing.refnd' in taxonomy 'tickets' (did you mean 'billing.refund'?)"),
        (3, "warning TS102 deprecated label 'legacy' (use 'other' instead)"),
        (4, "warning TS103 'billing' is not a leaf label and the task is leaf-only"),
        (5, "error TS104 a single-label task takes exactly one label, this record has 2"),
        (6, "error TS104 a single-label task takes exactly one label, this record has 0"),
        (8, f"warning TS105 annotator 'ana' labeled item 't4' before ({where}:7:1); this answer replaces it"),
        (9, "error TS004 unknown taxonomy 'tickts' (did you mean 'tickets'?)"),
        (10, "error TS002 not valid JSON: Expecting ',' delimiter"),
        (11, "error TS003 an annotation record must be a JSON object"),
        (12, "error TS003 record has no 'item'"),
        (13, "error TS003 record has no 'annotator'"),
        (14, "error TS003 'label' must be a label id, a list of ids, or a list of objects with a 'label'"),
        (15, "error TS003 record has both 'label' and 'labels'"),
        (16, "error TS003 'taxonomy' must be a taxonomy id"),
        (18, "error TS005 record does not say its taxonomy, and the project has several"),
    ]
    assert len(lines) == len(expected)
    for line, (number, text) in zip(lines, expected):
        assert line.startswith(f"{where}:{number}:") and text in line, line
    # the valid, deprecated and non-leaf answers are still scored; t4's later answer replaced the earlier one
    assert "records: 17 read, 4 scored, 12 invalid, 1 replaced by a later answer (12 errors, 3 warnings)" \
        in result.stdout


def test_problems_per_code_are_capped_with_a_count_of_the_rest(tmp_path):
    path = tmp_path / "typos.jsonl"
    path.write_text("".join(json.dumps({"item": f"x{i}", "annotator": "ana", "label": "nope", "taxonomy": "tickets"})
                            + "\n" for i in range(120)))
    result = run(str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 51 and sum("error TS101" in line for line in lines) == 50
    assert lines[-1] == f"{path}: info TS900 70 more TS101 problems in this file are not listed " \
                        "(fix the ones listed and run again)"


def test_formats_and_out_file(tmp_path):
    out = tmp_path / "report.json"
    result = run(annotations("tickets.jsonl"), "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert f"json report written to {out}" in result.stderr
    report = json.loads(out.read_text())
    assert report["format"] == "taxgen-score-report" and report["records"]["scored"] == 18
    markdown = run(annotations("tickets.jsonl"), "--format", "markdown")
    assert markdown.stdout.startswith("# Annotation quality\n")
    assert "| Damaged &#60;b&#62;parcel&#60;/b&#62; &#124; &#42;broken&#42; (delivery.damaged) |" in markdown.stdout
    md_file = tmp_path / "report.md"
    assert run(annotations("tickets.jsonl"), "--out", str(md_file)).exit_code == 0
    assert md_file.read_text() == markdown.stdout
    as_json = run(annotations("tickets.jsonl"), "--format", "json")
    assert json.loads(as_json.stdout) == report


def test_taxonomy_option_selects_and_defaults(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"item": "x1", "annotator": "ana", "label": "other"}\n'
                    '{"item": "m1", "annotator": "ana", "taxonomy": "topics", "labels": ["service"]}\n')
    assert run(str(path)).exit_code == 1  # x1 names no taxonomy and is no golden item
    result = run(str(path), "--taxonomy", "tickets", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert [t["taxonomy"] for t in report["taxonomies"]] == ["tickets"]
    assert report["records"] == {"read": 2, "scored": 1, "invalid": 0, "replaced": 0, "other_taxonomy": 1}


def test_usage_errors_exit_2(tmp_path):
    assert run(annotations("tickets.jsonl"), "--taxonomy", "nope").exit_code == 2
    assert run(str(tmp_path / "missing.jsonl")).exit_code == 2
    assert run().exit_code == 2  # no annotations file


def test_unreadable_input_is_a_diagnostic_not_a_traceback():
    latin1 = run(annotations("latin1.jsonl"))
    assert latin1.exit_code == 1
    assert f"{annotations('latin1.jsonl')}:2:49: error TS001 invalid UTF-8 byte 0xe9" in latin1.stderr
    header = run(annotations("wrong-header.csv"))
    assert header.exit_code == 1 and "TS003 CSV header lacks the columns item, annotator, label" in header.stderr
    empty = run(annotations("empty.csv"))
    assert empty.exit_code == 1 and "TS006 no annotation records in this file" in empty.stderr


def test_project_with_errors_is_refused(tmp_path):
    broken = tmp_path / "project"
    shutil.copytree(PROJECT, broken)
    golden = broken / "taxonomies" / "tickets" / "golden.yaml"
    golden.write_text(golden.read_text().replace("expected: other", "expected: otherr"))
    result = CliRunner().invoke(main, ["score", annotations("tickets.jsonl"), "--project", str(broken)])
    assert result.exit_code == 1
    assert "TG208" in result.stderr and "fix them first" in result.stderr
