"""`taxgen diff` and `taxgen changes` through the CLI: formats (snapshots), exit codes, the map file."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from taxgen.cli import main
from taxgen.diff import CHANGE_KINDS

CASES = Path(__file__).parent.parent / "fixtures" / "diff"


def diff(case: str, *args: str, monkeypatch):
    monkeypatch.chdir(CASES / case)
    return CliRunner().invoke(main, ["diff", "old", "new", *args])


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_report_formats_snapshot(fmt, snapshot, monkeypatch):
    result = diff("pull-request", "--format", fmt, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    extension = {"text": "txt", "markdown": "md", "json": "json"}[fmt]
    snapshot(f"diff/pull-request.{extension}", result.stdout)


def test_output_is_byte_identical_across_runs(monkeypatch):
    first = diff("pull-request", "--format", "markdown", monkeypatch=monkeypatch).stdout
    assert diff("pull-request", "--format", "markdown", monkeypatch=monkeypatch).stdout == first


def test_markdown_puts_breaking_changes_first_with_definitions_side_by_side(monkeypatch):
    markdown = diff("pull-request", "--format", "markdown", monkeypatch=monkeypatch).stdout
    assert markdown.index("### Breaking changes") < markdown.index("### Other changes")
    split = markdown[markdown.index("TD104 label-split"):]
    table_row = next(line for line in split.split("\n") if line.startswith("| **"))
    old_cell, new_cell = table_row.strip("|").split(" | ")
    assert "A domestic dog of any breed." in old_cell
    assert "A dog that fits on a lap." in new_cell and "A dog too big for a lap." in new_cell


def test_markdown_neutralises_markup_pipes_and_mentions(monkeypatch):
    markdown = diff("pull-request", "--format", "markdown", monkeypatch=monkeypatch).stdout
    row = next(line for line in markdown.split("\n") if "TD203 definition-changed" in line)
    assert "&lt;b&gt;lynx&lt;/b&gt; \\| &#64;team" in row
    assert "<b>" not in markdown and "@team" not in markdown
    assert len(row.split(" | ")) == 5  # the escaped pipe did not open a sixth column


def test_json_report_lists_verdicts_and_the_migration_map(monkeypatch):
    payload = json.loads(diff("pull-request", "--format", "json", monkeypatch=monkeypatch).stdout)
    changes = payload["taxonomies"][0]["changes"]
    assert [c["verdict"] for c in changes] == ["breaking"] * 3 + ["change"] * 3 + ["version"]
    assert payload["migration_map"] == {"animals": {"dog": ["dog-small", "dog-large"], "fox": None}}
    assert payload["summary"] == {"blocking": 3, "breaking": 3, "changes": 6, "exit_code": 1, "taxonomies": 1,
                                  "version_findings": 1}


@pytest.mark.parametrize("case, args, code", [
    ("pull-request", [], 1),
    ("pull-request", ["--allow-breaking"], 0),
    ("label-moved", [], 0),  # bumped to 2.0.0: accepted
    ("label-moved", ["--no-accept-major-bump"], 1),
    ("label-moved", ["--no-accept-major-bump", "--protect", "annotations"], 0),  # a move breaks tools only
    ("name-changed", ["--no-accept-major-bump"], 0),
    ("taxonomy-removed", [], 1),
    ("no-changes", [], 0),
])
def test_exit_codes(case, args, code, monkeypatch):
    result = diff(case, *args, monkeypatch=monkeypatch)
    assert result.exit_code == code, result.output


def test_map_file_is_written(tmp_path, monkeypatch):
    target = tmp_path / "migration.json"
    result = diff("labels-merged", "--map", str(target), monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert json.loads(target.read_text()) == {"animals": {"cat": "pet-mammal", "dog": "pet-mammal"}}


def test_load_errors_in_a_version_are_diagnostics_not_a_diff(tmp_path):
    broken = tmp_path / "broken"
    (broken / "taxonomies").mkdir(parents=True)
    (broken / "taxonomies/t.yaml").write_text("taxonomy:\n  id: animals\n  id: again\n")
    result = CliRunner().invoke(main, ["diff", str(CASES / "no-changes/old"), str(broken)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(r"broken/taxonomies/t\.yaml:3:3: error TG002 ", result.stderr), result.stderr
    assert "has 1 errors; fix them first" in result.stderr


def test_an_argument_that_is_neither_folder_nor_revision_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(
        main, ["diff", str(CASES / "no-changes/old"), "no-such-thing", "--project", str(tmp_path)])
    assert result.exit_code == 2
    assert "'no-such-thing' is not a folder" in result.stderr


def test_changes_command_lists_and_explains_every_kind():
    runner = CliRunner()
    listing = runner.invoke(main, ["changes"]).output.splitlines()
    assert [line.split()[0] for line in listing] == list(CHANGE_KINDS)
    explained = runner.invoke(main, ["changes", "td104"])
    assert explained.exit_code == 0 and "label-split" in explained.output and "annotations, tools" in explained.output
    assert runner.invoke(main, ["changes", "TD999"]).exit_code == 2
