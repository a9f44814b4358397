"""`taxgen check` and `taxgen init` end to end through the CLI."""

import json
from pathlib import Path

from click.testing import CliRunner

from taxgen.cli import main


def init_project(tmp_path: Path) -> Path:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    return tmp_path / "p"


def check(project: Path, *args: str):
    return CliRunner().invoke(main, ["check", "--project", str(project), *args])


def test_init_scaffold_passes_check_with_no_diagnostics(tmp_path):
    project = init_project(tmp_path)
    result = check(project, "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("0 errors, 0 warnings\n")


def test_errors_are_reported_like_a_compiler_and_exit_1(tmp_path):
    project = init_project(tmp_path)
    taxonomy = project / "taxonomies/topics/taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("instead: account", "instead: acount"))
    result = check(project)
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(taxonomy.read_text().split("\n"), 1) if "instead: acount" in text)
    assert (f"taxonomies/topics/taxonomy.yaml:{line}:18: error TG203 instead refers to unknown label "
            "'acount' (did you mean 'account'?)") in result.output


def test_json_output_shape(tmp_path):
    project = init_project(tmp_path)
    (project / "taxonomies/topics/taxonomy.yaml").write_text(
        (project / "taxonomies/topics/taxonomy.yaml").read_text().replace('hotkey: a', 'hotkey: b'))
    payload = json.loads(check(project, "--format", "json").output)
    assert payload["summary"]["errors"] == 1 and payload["summary"]["labels"] == 2
    (diagnostic,) = payload["diagnostics"]
    assert set(diagnostic) == {"code", "severity", "message", "path", "line", "column", "hint"}
    assert diagnostic["code"] == "TG303"


def test_no_project_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "no mkdocs.yml" in result.output


def test_help_lists_commands():
    output = CliRunner().invoke(main, ["--help"]).output
    for command in ("check", "init", "rules"):
        assert command in output


def test_init_scaffold_compiles_and_builds_a_site_offering_the_schemas(tmp_path):
    """The new project goes through every step a user takes next: check, compile, build."""
    project = init_project(tmp_path)
    assert CliRunner().invoke(main, ["compile", "--project", str(project)]).exit_code == 0
    built = CliRunner().invoke(main, ["build", "--project", str(project), "--site-dir", str(tmp_path / "site")])
    assert built.exit_code == 0, built.output
    schemas = project / "build" / "schemas"
    index = json.loads((schemas / "index.json").read_text("utf-8"))
    listed = [record["path"] for entry in index["taxonomies"] for record in entry["files"].values()]
    assert len(listed) >= 10
    for rel in listed:  # what annotators and tools download from the site is what compile wrote
        assert (tmp_path / "site" / "schemas" / rel).read_bytes() == (schemas / rel).read_bytes(), rel
    assert (tmp_path / "site" / "index.html").is_file()
