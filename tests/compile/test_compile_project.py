"""compile_project and write_output: determinism, index.json, refusals, atomic replacement; the CLI."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compile_helpers import FIXTURES, REPO, compiled, load, projects
from taxgen import writer
from taxgen.cli import main
from taxgen.compile import INDEX, OutputError, compile_project, write_output
from taxgen.diagnostics import Severity
from taxgen.model import Label, Task, Taxonomy
from taxgen.targets import TARGETS, argilla


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def read_tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- determinism

def test_compiling_twice_gives_identical_bytes():
    project = projects()["tools"]
    assert compile_project(project).files == compile_project(project).files


@pytest.mark.parametrize("project", [FIXTURES / "awkward", REPO], ids=["awkward", "repo"])
def test_output_is_byte_identical_across_hash_seeds(tmp_path, project):
    """Set and dict order must never leak into files: two processes with different seeds agree."""
    trees = []
    for seed in ("0", "4242"):
        out = tmp_path / f"seed-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", "from taxgen.cli import run; run()", "compile", "--project",
                               str(project), "--out", str(out)], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        trees.append(read_tree(out))
    assert trees[0] == trees[1]
    assert len(trees[0]) > 20


def test_index_lists_every_file_with_its_sha256_and_every_refusal():
    result = compiled()["awkward"]
    index = json.loads(result.files[INDEX])
    listed = {}
    for entry in index["taxonomies"]:
        for target, record in entry["files"].items():
            assert record["path"] == f"{entry['id']}/{TARGETS[target].file}"
            listed[record["path"]] = record
        assert set(entry["files"]) | set(entry["skipped"]) == set(TARGETS)
    assert set(listed) == set(result.files) - {INDEX}
    for path, record in listed.items():
        assert record["sha256"] == hashlib.sha256(result.files[path]).hexdigest()
        assert record["bytes"] == len(result.files[path])
    long_names = next(e for e in index["taxonomies"] if e["id"] == "long-names")
    assert long_names["skipped"]["cvat"].startswith("TG602: CVAT accepts label names of at most 64 characters")
    assert [e["id"] for e in index["taxonomies"]] == sorted(e["id"] for e in index["taxonomies"])


# --------------------------------------------------------------------------- refusals

LIMITS = {  # (taxonomy, target) -> code, as the fixture files' comments say
    ("cvat-long", "cvat"): "TG602",
    ("deep", "label-studio"): "TG607",
    ("deep", "labelbox"): "TG607",
    ("eleven-boxes", "sagemaker"): "TG604",
    ("one-choice", "argilla"): "TG605",
    ("one-choice", "sagemaker"): "TG605",
    ("same-shown-name", "argilla"): "TG603",
    ("same-shown-name", "doccano"): "TG603",
    ("same-shown-name", "sagemaker"): "TG603",
}


def test_refusals_are_printed_with_exact_code_location_message_and_hint(tmp_path):
    """Every refusal of the limits fixture (TG601-TG605, TG607) as `taxgen compile` prints it, compared with
    the fixture's expected.txt (TAXGEN_UPDATE_SNAPSHOTS=1 rewrites it)."""
    result = CliRunner().invoke(main, ["compile", "--project", str(FIXTURES / "limits"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    expected = FIXTURES / "limits" / "expected.txt"
    if os.environ.get("TAXGEN_UPDATE_SNAPSHOTS"):
        expected.write_text(result.stderr)
    assert result.stderr == expected.read_text()
    codes = {line.split()[2] for line in result.stderr.splitlines()}
    assert codes == {"TG601", "TG602", "TG603", "TG604", "TG605", "TG607"}
    assert all(re.match(r"taxonomies/[a-z-]+\.yaml:\d+:\d+: (info|warning) TG60\d .+", line)
               for line in result.stderr.splitlines())


def test_an_unknown_target_in_mkdocs_yml_is_an_error_with_did_you_mean(tmp_path):
    root = tmp_path / "project"
    run_cli("init", str(root))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("golden_items: show", "golden_items: show\n      targets: [labelstudio]"))
    result = CliRunner().invoke(main, ["compile", "--project", str(root)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == ("mkdocs.yml: error TG606 unknown compile target 'labelstudio' in the "
                                             "taxgen targets option (did you mean 'label-studio'?)")
    assert not (root / "build" / "schemas").exists()


def test_tool_limits_leave_the_file_out_with_a_warning_saying_why():
    result = compile_project(load(FIXTURES / "limits"))
    index = {e["id"]: e for e in json.loads(result.files[INDEX])["taxonomies"]}
    refused = {(tid, target): reason[:5] for tid, entry in index.items() for target, reason in entry["skipped"].items()
               if not reason.startswith("TG601")}
    assert refused == LIMITS
    for (tid, target), _code in LIMITS.items():
        assert f"{tid}/{TARGETS[target].file}" not in result.files
    warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING]
    assert sorted(d.code for d in warnings) == sorted(LIMITS.values())
    assert all(d.path.startswith("taxonomies/") and d.line > 0 and d.hint for d in warnings)
    assert result.errors == 0


def test_a_limit_is_an_error_when_the_target_is_asked_for_by_name():
    result = compile_project(load(FIXTURES / "limits"), ["sagemaker", "prodigy"])
    assert sorted(d.code for d in result.diagnostics if d.severity is Severity.ERROR) == ["TG603", "TG604", "TG605"]


def test_a_target_for_another_kind_of_task_is_a_note_unless_it_compiles_nowhere():
    project = projects()["repo"]
    mixed = compile_project(project, ["cvat"])
    assert mixed.errors == 0 and any(p.endswith("/cvat.json") for p in mixed.files)
    text_only = compile_project(load(FIXTURES / "awkward"), ["cvat"])
    assert {d.code for d in text_only.diagnostics if d.severity is Severity.ERROR} == {"TG601", "TG602"}


def test_argilla_refuses_more_than_500_options():
    labels = tuple(Label(id=f"l{i}", name=f"Label {i}", taxonomy="big", definition="x") for i in range(501))
    taxonomy = Taxonomy(id="big", title="Big", version="1.0.0", task=Task(), labels=labels)
    (problem,) = argilla.check(taxonomy)
    assert problem.code == "TG604" and "at most 500 options" in problem.message
    assert argilla.check(Taxonomy(id="big", title="Big", version="1.0.0", task=Task(), labels=labels[:500])) == []


def test_unknown_target_in_the_targets_option_is_an_error(tmp_path):
    root = tmp_path / "project"
    run_cli("init", str(root))
    config = root / "mkdocs.yml"
    targets = "golden_items: show\n      targets: [label-studio, labelstudio]"
    config.write_text(config.read_text().replace("golden_items: show", targets))
    result = compile_project(load(root))
    (problem,) = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert problem.code == "TG606" and "'labelstudio'" in problem.message and problem.path == "mkdocs.yml"
    assert sorted(result.files) == [INDEX, "topics/label-studio.xml"]


# --------------------------------------------------------------------------- atomic writes

@pytest.fixture
def previous(tmp_path) -> Path:
    """An output folder holding a previous compile of the tools fixture."""
    out = tmp_path / "build" / "schemas"
    write_output(out, compiled()["tools"].files)
    return out


def _no_leftovers(folder: Path) -> None:
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def test_a_write_failing_halfway_leaves_the_previous_outputs_untouched(previous, monkeypatch):
    before = read_tree(previous)
    real, calls = writer.write_atomic, []

    def fail_on_third(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(writer, "write_atomic", fail_on_third)
    with pytest.raises(OSError):
        write_output(previous, compiled()["awkward"].files)
    assert len(calls) == 3
    assert read_tree(previous) == before
    _no_leftovers(previous)


def test_a_failing_swap_puts_the_previous_folder_back(previous, monkeypatch):
    before = read_tree(previous)
    real, moved_in = os.replace, []

    def fail_moving_the_new_folder_in(src, dst):
        if Path(dst) == previous and Path(src).name.startswith(".schemas.new-"):
            moved_in.append(src)
            raise OSError(13, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(os, "replace", fail_moving_the_new_folder_in)  # the writer's swap goes through it
    with pytest.raises(OSError):
        write_output(previous, compiled()["awkward"].files)
    monkeypatch.undo()
    assert len(moved_in) == 1
    assert read_tree(previous) == before
    _no_leftovers(previous)


def test_a_new_compile_replaces_the_folder_exactly(previous):
    write_output(previous, compiled()["awkward"].files)
    assert read_tree(previous) == dict(compiled()["awkward"].files)
    _no_leftovers(previous)


def test_outputs_are_readable_by_others_as_the_umask_allows(previous):
    umask = os.umask(0o022)
    try:
        write_output(previous, compiled()["awkward"].files)
    finally:
        os.umask(umask)
    assert stat.S_IMODE(previous.stat().st_mode) == 0o755
    assert stat.S_IMODE((previous / "awkward").stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in previous.rglob("*") if p.is_file()} == {0o644}


def test_refuses_to_replace_a_folder_that_is_not_a_previous_output(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="not a taxgen output folder"):
        write_output(tmp_path, {"index.json": b"{}"})
    assert (tmp_path / "notes.txt").read_text() == "mine"


# --------------------------------------------------------------------------- CLI

def test_cli_writes_build_schemas_and_says_what_it_wrote(tmp_path):
    root = tmp_path / "project"
    run_cli("init", str(root))
    result = run_cli("compile", "--project", str(root))
    assert result.exit_code == 0, result.output
    out = root / "build" / "schemas"
    assert (out / "topics" / "label-studio.xml").is_file() and (out / INDEX).is_file()
    assert "wrote " in result.output and "label-studio.xml" in result.output
    assert result.output.strip().splitlines()[-1] == (
        "taxgen compile: 11 files for 1 taxonomy and index.json; 1 left out (see above)")


def test_cli_stops_on_check_errors_and_leaves_previous_outputs(tmp_path):
    root = tmp_path / "project"
    run_cli("init", str(root))
    assert run_cli("compile", "--project", str(root)).exit_code == 0
    before = read_tree(root / "build" / "schemas")
    taxonomy = root / "taxonomies" / "topics" / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("hotkey: a", "hotkey: b"))  # TG303 hotkey clash
    result = run_cli("compile", "--project", str(root))
    assert result.exit_code == 1
    assert "TG303" in result.output and "fix them first" in result.output
    assert read_tree(root / "build" / "schemas") == before


def test_cli_exit_codes_for_refused_targets_and_bad_usage(tmp_path):
    limits = str(FIXTURES / "limits")
    refused = run_cli("compile", "--project", limits, "--out", str(tmp_path / "a"), "--target", "sagemaker")
    assert refused.exit_code == 1 and "nothing written" in refused.output
    assert not (tmp_path / "a").exists()
    assert run_cli("compile", "--project", limits, "--target", "nope").exit_code == 2
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "keep.txt").write_text("x")
    occupied = run_cli("compile", "--project", limits, "--out", str(tmp_path / "b"), "--target", "prodigy")
    assert occupied.exit_code == 2 and "not a taxgen output folder" in occupied.output


def test_help_lists_every_target():
    text = run_cli("compile", "--help").output
    for target in TARGETS.values():
        assert target.name in text and target.file in text
