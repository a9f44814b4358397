"""`taxgen import` end to end: files written where the project expects them, `taxgen check`
passing on the result, exit codes, refusal to overwrite, nothing written on errors."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from import_helpers import GOOD, HOSTILE, project  # noqa: F401 (fixture)

from taxgen.cli import main


def _run(args, cwd: Path):
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def test_import_into_the_current_project_then_check_passes(project):
    result = _run(["import", "label-studio", str(GOOD / "label-studio-ner.xml")], project)
    assert result.exit_code == 0, result.output
    assert "wrote taxonomies/entities/taxonomy.yaml (4 labels)" in result.stdout
    assert "taxgen check: 0 errors" in result.stdout
    assert "TI008" in result.stderr  # the TODO placeholders are announced
    written = (project / "taxonomies" / "topic" / "taxonomy.yaml").read_text()
    assert written.startswith("# yaml-language-server: $schema=https://taxgen.dev/schemas/taxonomy.schema.json\n")
    check = _run(["check"], project)
    assert check.exit_code == 0, check.output


def test_schema_line_points_at_the_projects_own_schema_copy(tmp_path):
    assert _run(["init", "proj"], tmp_path).exit_code == 0
    project = tmp_path / "proj"
    result = _run(["import", "cvat", str(GOOD / "cvat-labels.json"), "--taxonomy-id", "vehicles"], project)
    assert result.exit_code == 0, result.output
    first = (project / "taxonomies/vehicles/taxonomy.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../.taxgen/taxonomy.schema.json"


def test_several_label_sets_get_prefixed_ids(project):
    result = _run(["import", "argilla", str(GOOD / "argilla-settings.json"), "--taxonomy-id", "reviews"], project)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "taxonomies").iterdir()) == \
        ["reviews-entities", "reviews-sentiment", "reviews-topics"]


def test_existing_files_are_not_overwritten_without_force(project):
    args = ["import", "doccano", str(GOOD / "doccano-labels.json"), "--taxonomy-id", "ner"]
    assert _run(args, project).exit_code == 0
    target = project / "taxonomies/ner/taxonomy.yaml"
    target.write_text("# edited by hand\n")
    refused = _run(args, project)
    assert refused.exit_code == 2 and "use --force" in refused.output
    assert target.read_text() == "# edited by hand\n"
    assert _run([*args, "--force"], project).exit_code == 0
    assert "PER" in target.read_text()


def test_input_errors_exit_1_and_write_nothing(project):
    result = _run(["import", "label-studio", str(HOSTILE / "xxe.xml")], project)
    assert result.exit_code == 1
    assert "TI003" in result.stderr and "nothing written" in result.stderr
    assert not (project / "taxonomies").exists()


def test_out_folder_outside_a_project(tmp_path):
    result = _run(["import", "skos", str(GOOD / "skos-animals.ttl"), "--out", "vocab", "--task-kind", "multi-label"],
                  tmp_path)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "vocab/animals/taxonomy.yaml").read_text()
    assert "kind: multi-label" in text and "taxgen check" not in result.stdout


def test_no_placeholders_leaves_definitions_for_check_to_report(project):
    result = _run(["import", "doccano", str(GOOD / "doccano-labels.json"), "--no-placeholders"], project)
    assert result.exit_code == 1  # taxgen check: TG401 missing definitions
    assert "TG401" in result.stderr and "TODO" not in (project / "taxonomies/doccano-labels/taxonomy.yaml").read_text()


def test_usage_errors_exit_2(project):
    assert _run(["import", "csv", str(GOOD / "labels.csv"), "--taxonomy-id", "Bad Id"], project).exit_code == 2
    assert _run(["import", "csv", str(GOOD / "labels.csv"), "--column", "nonsense"], project).exit_code == 2
    assert _run(["import", "nope", str(GOOD / "labels.csv")], project).exit_code == 2


def test_verbose_lists_adjusted_values(project):
    quiet = _run(["import", "doccano", str(GOOD / "doccano-labels.json")], project)
    assert "TI006" not in quiet.stderr and "adjusted" in quiet.stderr
    loud = _run(["import", "doccano", str(GOOD / "doccano-labels.json"), "-v", "--force"], project)
    assert "TI006 'Date / time' is not a valid label id; using 'date-time'" in loud.stderr
