"""The hostile-input corpus (tests/fixtures/hardening/corpus/) through every command that reads it.

Each file has its expected diagnostic: code, line and column (0, 0 where the problem has no
place in the file) and a part of the message. Every command exits 1 with that diagnostic,
never a traceback, and writes nothing. The YAML-level corpus of `taxgen check`
(tests/fixtures/hostile/, tests/foundation/test_hostile_inputs.py) is not repeated here: `build`
and `diff` are shown to report exactly what `check` reports for it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hardening_helpers import CORPUS, HOSTILE_YAML, TESTS, cli, console, copy_base

from taxgen.check import check_path
from taxgen.diagnostics import Severity
from taxgen.loading.project import load_project

# corpus/yaml/* go into taxonomies/; corpus/guidelines/* into guidelines/: (code, line, column, message part)
YAML = {
    "deep-10000-block-sequence.yaml": ("TG004", 3, 127, "nesting deeper than 64 levels"),
    "deep-10000-flow-mapping.yaml": ("TG004", 2, 261, "nesting deeper than 64 levels"),
    "deep-10000-flow-sequence.yaml": ("TG004", 2, 72, "nesting deeper than 64 levels"),
    "duplicate-key-golden.yaml": ("TG002", 6, 5, "duplicate key 'expected' (first defined at line 5)"),
    "duplicate-key-header.yaml": ("TG002", 5, 3, "duplicate key 'title' (first defined at line 3)"),
    "duplicate-key-near-miss.yaml": ("TG002", 11, 9, "duplicate key 'why' (first defined at line 10)"),
    "duplicate-key-task.yaml": ("TG002", 8, 5, "duplicate key 'kind' (first defined at line 6)"),
    "invalid-utf8-in-name.yaml": ("TG005", 4, 13, "invalid UTF-8 byte 0xc3"),
    "key-bool.yaml": ("TG102", 5, 5, "unknown key 'true'"),
    "key-float.yaml": ("TG102", 5, 5, "unknown key '1.5'"),
    "merge-key.yaml": ("TG102", 4, 5, "unknown key '<<'"),
    "nul-in-key.yaml": ("TG005", 4, 7, "character U+0000 is not allowed in YAML"),
    "python-object-apply.yaml": ("TG006", 4, 11, "YAML tag '!!python/object/apply:os.system' is not allowed"),
    "utf16-bom-le.yaml": ("TG005", 1, 1, "file is UTF-16 encoded; taxgen reads UTF-8 only"),
}
GUIDELINES = {
    "event-handler.md": ("TG405", 7, 1, "an event-handler attribute 'onerror='"),
    "front-matter-alias-bomb.md": ("TG003", 5, 36, "aliases expand to too many values (alias bomb?)"),
    "front-matter-deep-10000.md": ("TG004", 2, 71, "nesting deeper than 64 levels"),
    "front-matter-duplicate-nested.md": ("TG002", 6, 1, "duplicate key 'labels' (first defined at line 4)"),
    "front-matter-key-mapping.md": ("TG006", 4, 3, "mapping keys must be plain strings"),
    "front-matter-python-tag.md": ("TG006", 4, 8, "YAML tag '!!python/object/apply:os.system' is not allowed"),
    "front-matter-unclosed.md": ("TG013", 1, 1, "front matter is not closed with '---'"),
    "invalid-utf8.md": ("TG005", 3, 20, "invalid UTF-8 byte 0xff"),
    "javascript-link.md": ("TG405", 7, 15, "a javascript: link"),
    "latin1.md": ("TG005", 1, 6, "invalid UTF-8 byte 0xe9"),
    "links-leaving.md": ("TG008", 7, 8, "guideline links to '../../../etc/passwd', outside the project"),
    "nul-byte.md": ("TG005", 3, 13, "character U+0000 is not allowed in a guideline"),
    "script.md": ("TG405", 7, 1, "a <script> tag"),
    "utf16-bom.md": ("TG005", 1, 1, "file is UTF-16 encoded; taxgen reads UTF-8 only"),
}
# corpus/mkdocs/* replace the project's mkdocs.yml (corpus/mkdocs/inherited/inherited.yml goes beside it)
MKDOCS = {
    "inherit-outside.yml": ("mkdocs.yml", "TG009", 1, 10, "INHERIT leaves the project: '../../shared/mkdocs-base.yml'"),
    "inherit-with-code.yml": ("inherited.yml", "TG006", 3, 6, "YAML tag '!!python/object/apply:os.system' is not allowed: "
                                                             "MkDocs would run it as Python code"),
    "percent-escaped-tag.yml": ("mkdocs.yml", "TG006", 9, 6, "YAML tag '!!python/object/apply:os.system' is not allowed"),
    "python-module.yml": ("mkdocs.yml", "TG006", 9, 6, "YAML tag '!!python/module:antigravity' is not allowed"),
    "python-object-apply.yml": ("mkdocs.yml", "TG006", 9, 6, "YAML tag '!!python/object/apply:os.system' is not allowed"),
    "python-object-new.yml": ("mkdocs.yml", "TG006", 9, 6, "YAML tag '!!python/object/new:subprocess.Popen' is not allowed"),
    "tag-directive.yml": ("mkdocs.yml", "TG006", 11, 6, "YAML tag '!!python/object/apply:os.system' is not allowed"),
}
IMPORT_HOSTILE = TESTS / "fixtures" / "import" / "hostile"  # XML entity and remote-context files of the import tests
# path (under corpus/import/, or of the import tests' corpus) -> (format, code, line, column, message part)
IMPORT = {
    "csv-invalid-utf8.csv": ("csv", "TI001", 3, 14, "file is not UTF-8 text (byte 0xe9)"),
    "csv-nul.csv": ("csv", "TI001", 3, 14, "file holds NUL characters"),
    "csv-utf16-bom.csv": ("csv", "TI001", 1, 1, "file is UTF-16 or UTF-32 encoded"),
    "label-studio-deep-10000.xml": ("label-studio", "TI002", 2, 379, "XML is nested deeper than 64 levels"),
    "label-studio-duplicate-attribute.xml": ("label-studio", "TI002", 5, 25, "not well-formed XML: duplicate attribute"),
    "label-studio-invalid-utf8.xml": ("label-studio", "TI001", 5, 22, "file is not UTF-8 text (byte 0xff)"),
    "label-studio-nul.xml": ("label-studio", "TI001", 5, 22, "file holds NUL characters"),
    "label-studio-utf16-bom.xml": ("label-studio", "TI001", 1, 1, "file is UTF-16 or UTF-32 encoded"),
    "labelbox-deep-10000.json": ("labelbox", "TI002", 0, 0, "JSON is nested too deeply"),
    "labelbox-duplicate-key-nested.json": ("labelbox", "TI002", 4, 37, "duplicate key 'name'"),
    "labelbox-duplicate-key-top.json": ("labelbox", "TI002", 7, 3, "duplicate key 'tools'"),
    "labelbox-invalid-utf8.json": ("labelbox", "TI001", 4, 33, "file is not UTF-8 text (byte 0xc3)"),
    "labelbox-nul.json": ("labelbox", "TI001", 4, 33, "file holds NUL characters"),
    "labelbox-utf16-bom.json": ("labelbox", "TI001", 1, 1, "file is UTF-16 or UTF-32 encoded"),
    "skos-deep-10000.ttl": ("skos", "TI002", 0, 0, "not valid Turtle: maximum recursion depth exceeded"),
    "skos-invalid-utf8.ttl": ("skos", "TI001", 5, 69, "file is not UTF-8 text (byte 0xff)"),
    "skos-nul.ttl": ("skos", "TI001", 5, 69, "file holds NUL characters"),
    "skos-utf16-bom.ttl": ("skos", "TI001", 1, 1, "file is UTF-16 or UTF-32 encoded"),
}
IMPORT_ENTITIES = {
    "xxe.xml": ("label-studio", "TI003", 2, 16, "XML document type declaration refused"),
    "billion-laughs.xml": ("label-studio", "TI003", 2, 16, "XML document type declaration refused"),
    "xxe.rdf": ("skos", "TI003", 2, 63, "XML entity declaration refused"),
    "billion-laughs.rdf": ("skos", "TI003", 3, 16, "XML entity declaration refused"),
    "remote-context.jsonld": ("skos", "TI003", 0, 0, "JSON-LD names a remote context"),
}
SCORE = {
    "deep-10000.jsonl": ("TS002", 2, 1, "not valid JSON: nested too deeply"),
    "duplicate-key-nested.jsonl": ("TS002", 2, 65, "duplicate key 'label'"),
    "duplicate-key.jsonl": ("TS002", 2, 53, "duplicate key 'label'"),
    "invalid-utf8.jsonl": ("TS001", 2, 32, "invalid UTF-8 byte 0xe9"),
    "lookalike-label.jsonl": ("TS101", 2, 1, "unknown label 'cаt' in taxonomy 'animals' (did you mean 'cat'?)"),
    "nul.csv": ("TS101", 3, 1, "unknown label 'bi\\x00rd'"),
    "nul.jsonl": ("TS002", 2, 48, "not valid JSON: Invalid control character"),
    "utf16-bom.csv": ("TS001", 1, 1, "file is UTF-16 or UTF-32 encoded"),
    "utf16-bom.jsonl": ("TS001", 1, 1, "file is UTF-16 or UTF-32 encoded"),
    "wrong-types.jsonl": ("TS003", 2, 1, "record has no 'item'"),
}
MIGRATE_MAPS = {
    "map-deep-10000.json": ("TM101", 1, 1, "migration map is nested too deeply"),
    "map-duplicate-key.json": ("TM101", 5, 5, "duplicate key 'dog'"),
    "map-invalid-utf8.json": ("TG005", 3, 14, "invalid UTF-8 byte 0xe1"),
    "map-nul.json": ("TM101", 3, 14, "migration map is not valid JSON: Invalid control character"),
    "map-utf16-bom.json": ("TG005", 1, 1, "file is UTF-16 encoded"),
    "map-wrong-shape.json": ("TM101", 0, 0, "the top level must be an object of taxonomies"),
}
MIGRATE_RECORDS = {
    "records-deep-10000.jsonl": ("TM001", 2, 1, "not valid JSON: nested too deeply"),
    "records-duplicate-key.jsonl": ("TM001", 2, 32, "duplicate key 'label'"),
    "records-invalid-utf8.jsonl": ("TG005", 2, 12, "invalid UTF-8 byte 0xff"),
    "records-nul.jsonl": ("TM001", 2, 27, "not valid JSON: Invalid control character"),
    "records-utf16-bom.jsonl": ("TG005", 1, 1, "file is UTF-16 encoded"),
}
MIGRATE_VALID = ("map.json", "records.jsonl")


def expected_line(path: str, code: str, line: int, column: int, message: str) -> str:
    """The start of the compiler-style line a command prints for the diagnostic."""
    where = f"{path}:{line}:{column}" if line else path
    return f"{where}: error {code} {message}"


def shown(text: str, path: str, expected: tuple) -> bool:
    code, line, column, message = expected
    return any(row.startswith(expected_line(path, code, line, column, "")) and message in row
               for row in text.splitlines())


@pytest.mark.parametrize("folder, table", [
    ("yaml", YAML), ("guidelines", GUIDELINES), ("mkdocs", {**MKDOCS, "inherited": None}), ("import", IMPORT),
    ("score", SCORE), ("migrate", {**MIGRATE_MAPS, **MIGRATE_RECORDS, **dict.fromkeys(MIGRATE_VALID)})])
def test_the_corpus_and_the_tables_agree(folder, table):
    assert sorted(p.name for p in (CORPUS / folder).iterdir()) == sorted(table)


# ---------------------------------------------------------------------------------------- check

def _check_with(tmp_path: Path, folder: str, name: str) -> list[dict]:
    project = copy_base(tmp_path)
    target = project / ("taxonomies" if folder == "yaml" else "guidelines") / name
    shutil.copyfile(CORPUS / folder / name, target)
    result = cli("check", "--project", project, "--format", "json")
    assert result.exit_code == 1
    return json.loads(result.stdout)["diagnostics"]


@pytest.mark.parametrize("folder, name, expected",
                         [("yaml", name, e) for name, e in YAML.items()] +
                         [("guidelines", name, e) for name, e in GUIDELINES.items()])
def test_check_gives_the_located_diagnostic(tmp_path, folder, name, expected):
    diagnostics = _check_with(tmp_path, folder, name)
    rel = f"{'taxonomies' if folder == 'yaml' else 'guidelines'}/{name}"
    code, line, column, message = expected
    assert any((d["code"], d["line"], d["column"]) == (code, line, column) and message in d["message"]
               for d in diagnostics if d["path"] == rel), diagnostics
    assert {d["path"] for d in diagnostics} == {rel}  # the clean rest of the project stays clean
    assert not list(tmp_path.rglob("pwned*"))  # no YAML tag ever ran


def _everything_hostile(tmp_path: Path, name: str = "project") -> Path:
    """The base project with every file of corpus/yaml, corpus/guidelines and tests/fixtures/hostile in it."""
    project = copy_base(tmp_path, name)
    for path in (CORPUS / "yaml").iterdir():
        shutil.copyfile(path, project / "taxonomies" / path.name)
    for path in HOSTILE_YAML.iterdir():
        shutil.copyfile(path, project / "taxonomies" / f"foundation-{path.name}")
    for path in (CORPUS / "guidelines").iterdir():
        shutil.copyfile(path, project / "guidelines" / path.name)
    return project


def test_build_stops_with_every_diagnostic_and_writes_nothing(tmp_path):
    project = _everything_hostile(tmp_path)
    check = check_path(project)
    result = cli("build", "--project", project)
    assert result.exit_code == 1 and "fix the errors above first" in result.stderr
    for path, table in (("taxonomies", YAML), ("guidelines", GUIDELINES)):
        for name, expected in table.items():
            assert shown(result.stderr, f"{path}/{name}", expected), name
    for diagnostic in check.diagnostics:  # the foundation corpus too: what check says, build says
        if diagnostic.severity is Severity.ERROR:
            assert f"{diagnostic.location}: error {diagnostic.code} {diagnostic.message}" in result.stderr
    assert not (project / "site").exists() and not (project / "build" / "schemas").exists()
    assert not list(tmp_path.rglob("pwned*"))


def test_diff_reports_the_hostile_files_of_the_new_version(tmp_path):
    old = copy_base(tmp_path, "old")
    new = _everything_hostile(tmp_path, "new")
    expected = [d for d in load_project(new).diagnostics if d.severity is Severity.ERROR]  # what diff loads
    map_file = tmp_path / "migration.json"
    result = cli("diff", old, new, "--map", map_file)
    assert result.exit_code == 1 and f"has {len(expected)} errors; fix them first" in result.stderr
    for diagnostic in expected:  # located in NEW, as the loader locates them there
        assert f"{new.as_posix()}/{diagnostic.location}: error {diagnostic.code} {diagnostic.message}" in result.stderr
    assert not map_file.exists()


@pytest.mark.parametrize("name", sorted(MKDOCS))
def test_a_mkdocs_yml_that_would_run_code_stops_check_and_build_before_mkdocs_reads_it(tmp_path, name):
    project = copy_base(tmp_path)
    shutil.copyfile(CORPUS / "mkdocs" / name, project / "mkdocs.yml")
    shutil.copyfile(CORPUS / "mkdocs" / "inherited" / "inherited.yml", project / "inherited.yml")
    path, *expected = MKDOCS[name]
    for command in ("check", "build"):
        result = cli(command, "--project", project)
        assert result.exit_code == 1
        assert shown(result.stdout + result.stderr, path, tuple(expected)), result.text
    assert not list(tmp_path.rglob("pwned*")) and not (project / "site").exists()


def test_serve_refuses_a_mkdocs_yml_that_would_run_code(tmp_path):
    project = copy_base(tmp_path)
    shutil.copyfile(CORPUS / "mkdocs" / "python-object-apply.yml", project / "mkdocs.yml")
    result = console("serve", "--project", project, "--dev-addr", "127.0.0.1:0", timeout=60)  # a server never returns
    assert result.exit_code == 1 and "taxgen serve: fix mkdocs.yml first" in result.stderr
    assert shown(result.stderr, "mkdocs.yml", MKDOCS["python-object-apply.yml"][1:])
    assert not list(tmp_path.rglob("pwned*"))


# ---------------------------------------------------------------------------------------- import

@pytest.mark.parametrize("path, expected", [(CORPUS / "import" / name, e) for name, e in IMPORT.items()] +
                         [(IMPORT_HOSTILE / name, e) for name, e in IMPORT_ENTITIES.items()],
                         ids=lambda value: getattr(value, "name", ""))
def test_import_refuses_with_the_located_diagnostic(tmp_path, path, expected):
    fmt, *diagnostic = expected
    out = tmp_path / "out"
    result = cli("import", fmt, path, "--out", out)
    assert result.exit_code == 1 and "nothing written" in result.stderr
    assert shown(result.stderr, str(path), tuple(diagnostic)), result.stderr
    assert not out.exists()


# ---------------------------------------------------------------------------------------- score

@pytest.fixture(scope="module")
def scored_project(tmp_path_factory) -> Path:
    return copy_base(tmp_path_factory.mktemp("score"))


@pytest.mark.parametrize("name", sorted(SCORE))
def test_score_reports_the_located_problem_and_exits_1(scored_project, tmp_path, name):
    out = tmp_path / "report.json"
    result = cli("score", CORPUS / "score" / name, "--project", scored_project, "--out", out)
    assert result.exit_code == 1
    assert shown(result.stderr, str(CORPUS / "score" / name), SCORE[name]), result.stderr
    records = json.loads(out.read_text("utf-8"))["records"]  # the report is written all the same
    assert records["scored"] == (0 if SCORE[name][0] == "TS001" else 1)  # a readable file's good record is scored


# ---------------------------------------------------------------------------------------- migrate

@pytest.mark.parametrize("name", sorted(MIGRATE_MAPS))
def test_migrate_refuses_a_hostile_map(tmp_path, name):
    out = tmp_path / "migrated.jsonl"
    result = cli("migrate", "--map", CORPUS / "migrate" / name, CORPUS / "migrate" / "records.jsonl", "--out", out)
    assert result.exit_code == 1
    assert shown(result.stderr, str(CORPUS / "migrate" / name), MIGRATE_MAPS[name]), result.stderr
    assert not out.exists()


@pytest.mark.parametrize("name", sorted(MIGRATE_RECORDS))
def test_migrate_refuses_hostile_records(tmp_path, name):
    out = tmp_path / "migrated.jsonl"
    result = cli("migrate", "--map", CORPUS / "migrate" / "map.json", CORPUS / "migrate" / name, "--out", out)
    assert result.exit_code == 1
    assert shown(result.stderr, str(CORPUS / "migrate" / name), MIGRATE_RECORDS[name]), result.stderr
    assert not out.exists()
