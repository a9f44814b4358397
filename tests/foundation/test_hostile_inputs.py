"""Hostile and malformed files (tests/fixtures/hostile/) through the real CLI.

Each file is dropped into an otherwise clean project; `taxgen check` must exit 1 with a
located diagnostic for it, and never show a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from taxgen.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
HOSTILE = FIXTURES / "hostile"
CLEAN = FIXTURES / "rules" / "clean"

# file -> (code, line, column, message) of the diagnostic it must produce
EXPECTED = {
    "alias-recursive.yaml": ("TG001", 6, 16, "unknown alias *self"),
    "alias-unknown.yaml": ("TG001", 6, 9, "unknown alias *nowhere"),
    "billion-laughs.yaml": ("TG003", 9, 63, "aliases expand to too many values (alias bomb?)"),
    "binary-tag.yaml": ("TG006", 8, 11, "YAML tag '!!binary' is not allowed"),
    "binary.yaml": ("TG005", 2, 118, "invalid UTF-8 byte 0x80"),
    "blank.yaml": ("TG011", 1, 1, "file is empty"),
    "custom-tag.yaml": ("TG006", 8, 11, "YAML tag '!Ref' is not allowed"),
    "deep-block.yaml": ("TG004", 70, 129, "nesting deeper than 64 levels"),
    "deep-mapping.yaml": ("TG004", 6, 261, "nesting deeper than 64 levels"),
    "deep-sequence.yaml": ("TG004", 6, 72, "nesting deeper than 64 levels"),
    "duplicate-key-deep.yaml": ("TG002", 12, 9, "duplicate key 'text' (first defined at line 10)"),
    "duplicate-key-flow.yaml": ("TG002", 7, 22, "duplicate key 'name' (first defined at line 7)"),
    "duplicate-key-label.yaml": ("TG002", 9, 5, "duplicate key 'id' (first defined at line 7)"),
    "duplicate-key-quoted.yaml": ("TG002", 9, 5, "duplicate key 'name' (first defined at line 8)"),
    "duplicate-key-top.yaml": ("TG002", 7, 1, "duplicate key 'taxonomy' (first defined at line 1)"),
    "empty.yaml": ("TG011", 1, 1, "file is empty"),
    "escape-char.yaml": ("TG005", 8, 11, "character U+001B is not allowed in YAML (control characters are not allowed)"),
    "key-flow-list.yaml": ("TG006", 7, 13, "mapping keys must be plain strings"),
    "key-mapping.yaml": ("TG006", 8, 7, "mapping keys must be plain strings"),
    "key-null.yaml": ("TG102", 9, 5, "unknown key 'null'"),
    "key-number.yaml": ("TG102", 9, 5, "unknown key '1'"),
    "latin1.yaml": ("TG005", 8, 14, "invalid UTF-8 byte 0xe9"),
    "list.yaml": ("TG011", 1, 1, "file must hold a mapping at the top level, not a list"),
    "malformed-flow.yaml": ("TG001", 7, 1, "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)"),
    "nul.yaml": ("TG005", 8, 12, "character U+0000 is not allowed in YAML (control characters are not allowed)"),
    "png.yaml": ("TG005", 1, 1, "invalid UTF-8 byte 0x89"),
    "python-name.yaml": ("TG006", 8, 11, "YAML tag '!!python/name:os.system' is not allowed"),
    "python-object.yaml": ("TG006", 7, 5, "YAML tag '!!python/object:os.system' is not allowed"),
    "scalar.yaml": ("TG011", 1, 1, "file must hold a mapping at the top level, not a string"),
    "tab-indent.yaml": ("TG001", 7, 1, "YAML syntax error: found character that cannot start any token (while scanning for the next token)"),
    "two-documents.yaml": ("TG001", 6, 1, "a file holds one YAML document; found a second one"),
    "unclosed-quote.yaml": ("TG001", 4, 1, "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar)"),
    "utf16-bom.yaml": ("TG005", 1, 1, "file is UTF-16 encoded; taxgen reads UTF-8 only"),
    "utf16-no-bom.yaml": ("TG005", 1, 1, "file looks UTF-16 encoded (no byte-order mark); taxgen reads UTF-8 only"),
    "utf32-bom.yaml": ("TG005", 1, 1, "file is UTF-32 encoded; taxgen reads UTF-8 only"),
}


def clean_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(CLEAN, project)
    (project / "expected.txt").unlink()
    return project


def check_json(project: Path, *args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", "--project", str(project), "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception  # no traceback
    return result.exit_code, json.loads(result.output)["diagnostics"]


def line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n") + 1


def test_the_corpus_and_the_table_agree():
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_gives_a_located_diagnostic_and_exit_1(name, tmp_path):
    project = clean_project(tmp_path)
    target = project / "taxonomies" / name
    shutil.copyfile(HOSTILE / name, target)
    exit_code, diagnostics = check_json(project)
    assert exit_code == 1
    code, line, column, message = EXPECTED[name]
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in diagnostics if d["path"] == f"taxonomies/{name}"]
    assert (code, line, column, message) in found
    for d in diagnostics:
        assert d["path"] == f"taxonomies/{name}", d  # the clean rest of the project stays clean
        assert 1 <= d["line"] <= line_count(target)


def test_the_console_script_reports_the_whole_corpus_without_a_traceback(tmp_path):
    project = clean_project(tmp_path)
    for path in HOSTILE.iterdir():
        shutil.copyfile(path, project / "taxonomies" / path.name)
    script = Path(sys.executable).with_name("taxgen")
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from taxgen.cli import run; run()"]
    completed = subprocess.run([*command, "check", "--project", str(project)], capture_output=True, text=True,
                               timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert completed.returncode == 1
    assert completed.stderr == ""
    assert "Traceback" not in completed.stdout
    for name, (code, line, column, message) in EXPECTED.items():
        assert f"taxonomies/{name}:{line}:{column}: error {code} {message}" in completed.stdout


def test_links_leaving_the_project_are_reported_not_followed(tmp_path):
    project = clean_project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("taxonomy: animals\nlabels:\n  - {id: leaked, name: Leaked}\n")
    (project / "taxonomies" / "secret.yaml").symlink_to(outside / "secret.yaml")
    (project / "taxonomies" / "zeros.yaml").symlink_to("/dev/zero")
    (project / "taxonomies" / "elsewhere").symlink_to(outside, target_is_directory=True)
    (project / "guidelines" / "passwd.md").symlink_to("/etc/passwd")
    exit_code, diagnostics = check_json(project)
    assert exit_code == 1
    assert [(d["code"], d["path"]) for d in diagnostics] == [
        ("TG008", "guidelines/passwd.md"),
        ("TG008", "taxonomies/elsewhere"),
        ("TG008", "taxonomies/secret.yaml"),
        ("TG008", "taxonomies/zeros.yaml"),
    ]


def test_a_link_loop_inside_the_project_is_not_walked_forever(tmp_path):
    project = clean_project(tmp_path)
    (project / "taxonomies" / "animals" / "again").symlink_to("..", target_is_directory=True)
    exit_code, diagnostics = check_json(project, "--strict")
    assert (exit_code, diagnostics) == (0, [])


@pytest.mark.parametrize("text, expected", [
    ("site_name: x\nplugins: [taxgen\n", ("TG001", 3, 1)),
    ("site_name: x\nsite_name: y\n", ("TG002", 2, 1)),
    ("- site_name\n", ("TG009", 1, 1)),
    ("site_name: x\nplugins:\n  - taxgen:\n      rules: {TG402: !!python/name:os.system }\n", ("TG009", 4, 22)),
])
def test_hostile_mkdocs_yml(tmp_path, text, expected):
    project = clean_project(tmp_path)
    (project / "mkdocs.yml").write_text(text)
    exit_code, diagnostics = check_json(project)
    assert exit_code == 1
    assert [(d["code"], d["path"], d["line"], d["column"]) for d in diagnostics] == [(*expected[:1], "mkdocs.yml", *expected[1:])]


def test_mkdocs_material_tags_in_mkdocs_yml_are_kept_as_text_not_run(tmp_path):
    project = clean_project(tmp_path)
    (project / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: !ENV [SITE_URL, 'http://localhost']\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\nplugins:\n  - taxgen\n")
    assert check_json(project, "--strict") == (0, [])


@pytest.mark.parametrize("front_matter, expected", [
    ("title: !!python/object/apply:os.system [ls]\n", ("TG006", 2, 8)),
    ("title: A\ntitle: B\n", ("TG002", 3, 1)),
    ("title: [unclosed\n", ("TG001", 2, 17)),
])
def test_hostile_guideline_front_matter_is_located_in_the_markdown_file(tmp_path, front_matter, expected):
    project = clean_project(tmp_path)
    (project / "guidelines" / "bad.md").write_text(f"---\n{front_matter}---\n# Bad\n")
    exit_code, diagnostics = check_json(project)
    assert exit_code == 1
    assert [(d["code"], d["path"], d["line"], d["column"]) for d in diagnostics] == [
        (expected[0], "guidelines/bad.md", *expected[1:])]
