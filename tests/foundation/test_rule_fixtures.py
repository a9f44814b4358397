"""Every rule code has a fixture project under tests/fixtures/rules/<CODE>-<name>/ that trips it.

`taxgen check` on the fixture must print exactly its expected.txt: code, file:line:col,
message and hint of every diagnostic, then the summary line. TAXGEN_UPDATE_SNAPSHOTS=1
rewrites the expected files (review the diff before committing it).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from taxgen.cli import main
from taxgen.rules import RULES

RULE_FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules"
NAMES = sorted(p.name for p in RULE_FIXTURES.iterdir() if p.is_dir())


def prepared(name: str, tmp_path: Path) -> Path:
    """The fixture folder; a copy of it when it lists files too large to commit (sized_files.json)."""
    folder = RULE_FIXTURES / name
    sized = folder / "sized_files.json"
    if not sized.exists():
        return folder
    copy = tmp_path / name
    shutil.copytree(folder, copy, symlinks=True)
    for rel, size in json.loads(sized.read_text()).items():
        with open(copy / rel, "wb") as handle:
            handle.truncate(size)  # sparse: costs no disk, still `size` bytes to read
    return copy


def check(project: Path, *args: str):
    result = CliRunner().invoke(main, ["check", "--project", str(project), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def expected_text(name: str, actual: str) -> str:
    path = RULE_FIXTURES / name / "expected.txt"
    if os.environ.get("TAXGEN_UPDATE_SNAPSHOTS"):
        path.write_text(actual)
    return path.read_text()


@pytest.mark.parametrize("name", NAMES)
def test_check_prints_the_expected_diagnostics(name, tmp_path):
    result = check(prepared(name, tmp_path))
    expected = expected_text(name, result.output)
    assert result.output == expected
    has_errors = any(": error " in line for line in expected.splitlines())
    assert result.exit_code == (1 if has_errors else 0)


@pytest.mark.parametrize("name", NAMES)
def test_json_report_carries_the_same_diagnostics(name, tmp_path):
    """Each JSON diagnostic, written out like the text reporter, is a line of expected.txt."""
    payload = json.loads(check(prepared(name, tmp_path), "--format", "json").output)
    lines = []
    for d in payload["diagnostics"]:
        where = f"{d['path']}:{d['line']}:{d['column']}" if d["line"] else d["path"]
        hint = f" ({d['hint']})" if d["hint"] else ""
        lines.append(f"{where}: {d['severity']} {d['code']} {d['message']}{hint}")
    assert lines == (RULE_FIXTURES / name / "expected.txt").read_text().splitlines()[:-1]


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_a_fixture_that_trips_it(code):
    folder = RULE_FIXTURES / f"{code}-{RULES[code].name}"
    assert folder.is_dir(), f"no fixture project {folder.name}"
    reported = [line for line in (folder / "expected.txt").read_text().splitlines() if f" {code} " in line]
    assert reported, f"{folder.name}/expected.txt has no {code} diagnostic"
    assert all(f": {RULES[code].severity.value} {code} " in line for line in reported)


def test_every_fixture_is_named_after_a_rule():
    assert set(NAMES) - {f"{code}-{info.name}" for code, info in RULES.items()} == {"clean"}


def test_clean_fixture_has_no_diagnostics_even_when_strict():
    result = check(RULE_FIXTURES / "clean", "--strict", "--format", "json")
    payload = json.loads(result.output)
    assert result.exit_code == 0
    assert payload["diagnostics"] == []
    assert payload["summary"] == {"errors": 0, "warnings": 0, "files": 3, "taxonomies": 1, "labels": 2}


@pytest.mark.parametrize("code", sorted(code for code, info in RULES.items() if info.severity.value == "warning"))
def test_strict_turns_warnings_into_exit_1(code):
    project = RULE_FIXTURES / f"{code}-{RULES[code].name}"
    assert check(project).exit_code == 0
    assert check(project, "--strict").exit_code == 1
