"""File references that leave the project are refused with a located diagnostic (TG008, TG009):
golden items' media files, guideline links and images, the docs folder and theme files MkDocs
would publish, and the paths of the taxgen options. Links of taxonomy files and of a git
revision are covered by tests/foundation/test_hostile_inputs.py and tests/diff/test_git_revisions.py.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hardening_helpers import CORPUS, cli, copy_base, tree

GOLDEN = "taxonomies/animals/golden.yaml"


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder beside the project with a secret in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.png").write_bytes(b"secret")
    return folder


def with_media(project: Path, reference: str) -> Path:
    golden = project / GOLDEN
    golden.write_text(golden.read_text("utf-8").replace("{file: media/cat.png}", json.dumps({"file": reference})))
    return project


def check(project: Path, *args: str) -> tuple[int, list[dict]]:
    result = cli("check", "--project", project, "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


@pytest.mark.parametrize("reference, message", [
    ("../outside/secret.png", "media file '../outside/secret.png' leaves the project with '..'"),
    ("media/../../outside/secret.png", "leaves the project with '..'"),
    ("/etc/passwd", "media file '/etc/passwd' is an absolute path, outside the project"),
    ("C:\\Windows\\win.ini", "is an absolute path, outside the project"),
    (".env", "media file '.env' is hidden (a name starting with '.'); hidden files are never published"),
    ("media/.git/config", "is hidden"),
    ("media/link.png", "media file 'media/link.png' is a link to a place outside the project"),
    ("media/folder-link/secret.png", "is a link to a place outside the project"),
])
def test_golden_media_leaving_the_project_is_refused(tmp_path, outside, reference, message):
    project = with_media(copy_base(tmp_path), reference)
    (project / "media" / "link.png").symlink_to(outside / "secret.png")
    (project / "media" / "folder-link").symlink_to(outside, target_is_directory=True)
    exit_code, diagnostics = check(project)
    assert exit_code == 1
    assert [(d["code"], d["path"], d["line"], d["column"]) for d in diagnostics] == [("TG008", GOLDEN, 4, 21)]
    assert message in diagnostics[0]["message"] and diagnostics[0]["hint"]


def test_media_inside_the_project_is_published_and_a_link_within_it_is_fine(tmp_path):
    project = with_media(copy_base(tmp_path), "media/alias.png")
    (project / "media" / "alias.png").symlink_to("cat.png")
    assert check(project, "--strict") == (0, [])
    result = cli("build", "--project", project)
    assert result.exit_code == 0, result.stderr
    assert (project / "site" / "media" / "media" / "alias.png").read_bytes() == (project / "media" / "cat.png").read_bytes()


def test_every_guideline_link_and_image_leaving_the_project_is_located(tmp_path):
    project = copy_base(tmp_path)
    shutil.copyfile(CORPUS / "guidelines" / "links-leaving.md", project / "guidelines" / "links.md")
    exit_code, diagnostics = check(project)
    assert exit_code == 1
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in diagnostics] == [
        ("TG008", 7, 8, "guideline links to '../../../etc/passwd', outside the project"),
        ("TG008", 7, 41, "guideline links to '../../notes.txt', outside the project"),
        ("TG008", 8, 11, "guideline links to '../../secret.png', outside the project"),
        ("TG008", 9, 9, "guideline links to a local file 'file:///etc/passwd'; readers of the site cannot open it"),
        ("TG008", 11, 8, "guideline links to '../../outside.md', outside the project"),
    ]


def test_links_inside_the_project_and_links_in_code_are_not_reported(tmp_path):
    project = copy_base(tmp_path)
    guideline = project / "guidelines" / "animals.md"
    guideline.write_text(guideline.read_text("utf-8") + (
        "\nSee [the index](../docs/index.md), [the web](https://example.org/../x), [top](#cats) and [root](/x).\n"
        "Write `[up](../../x)` to link up.\n\n```markdown\n![up](../../../etc/passwd)\n```\n"), "utf-8")
    assert check(project) == (0, [])


def test_a_url_encoded_climb_is_a_climb(tmp_path):
    project = copy_base(tmp_path)
    (project / "guidelines" / "encoded.md").write_text("# Encoded\n\n[x](%2e%2e/%2e%2e/etc/passwd)\n")
    exit_code, diagnostics = check(project)
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics] == [("TG008", 3, 5)]


def snapshot_outside(tmp_path: Path, project: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(tmp_path).items() if not k.startswith(f"{project.name}/")}


@pytest.mark.parametrize("setup", ["docs-link-to-folder", "docs-link-to-file", "docs_dir-outside", "custom_dir-outside"])
def test_build_publishes_nothing_from_outside_the_project(tmp_path, outside, setup):
    project = copy_base(tmp_path)
    config = project / "mkdocs.yml"
    if setup == "docs-link-to-folder":
        (project / "docs" / "shared").symlink_to(outside, target_is_directory=True)
        where = "docs/shared"
    elif setup == "docs-link-to-file":
        (project / "docs" / "secret.png").symlink_to(outside / "secret.png")
        where = "docs/secret.png"
    elif setup == "docs_dir-outside":
        (outside / "index.md").write_text("# Outside\n")
        config.write_text(config.read_text() + "docs_dir: ../outside\n")
        where = "../outside"
    else:
        (outside / "extra.css").write_text("body {}\n")
        config.write_text(config.read_text().replace("  font: false", "  font: false\n  custom_dir: ../outside"))
        where = "../outside"
    before = snapshot_outside(tmp_path, project)
    result = cli("build", "--project", project)
    assert result.exit_code == 1
    assert f"{where}: error TG008 '{where}' leads outside the project, to {outside}" in result.stderr
    assert not (project / "site").exists()
    assert snapshot_outside(tmp_path, project) == before


@pytest.mark.parametrize("option, value", [("score_report", "../outside/report.json"), ("score_report", "/tmp/r.json"),
                                           ("taxonomies", "../outside"), ("build_dir", "../outside")])
def test_taxgen_options_leaving_the_project_are_refused(tmp_path, outside, option, value):
    project = copy_base(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("golden_items: show", f"golden_items: show\n      {option}: {value}"))
    exit_code, diagnostics = check(project)
    assert exit_code == 1
    assert [(d["code"], d["path"], d["line"], d["message"]) for d in diagnostics] == [
        ("TG009", "mkdocs.yml", 9, f"taxgen option '{option}' leaves the project: {value!r}")]


def test_a_score_report_linked_from_outside_is_not_published(tmp_path, outside):
    project = copy_base(tmp_path)
    (outside / "report.json").write_text('{"format": "taxgen-score"}')
    (project / "report.json").symlink_to(outside / "report.json")
    config = project / "mkdocs.yml"
    options = "golden_items: show\n      score_report: report.json"
    config.write_text(config.read_text().replace("golden_items: show", options))
    result = cli("build", "--project", project)
    assert result.exit_code == 1
    assert "the score report report.json is a link to a place outside the project" in result.stderr
    assert not (project / "site").exists()


def test_project_files_that_are_links_out_are_reported_by_every_reader(tmp_path, outside):
    """check (and so build, compile, score) and diff all refuse a taxonomy file linked from outside."""
    old, new = copy_base(tmp_path, "old"), copy_base(tmp_path, "new")
    (outside / "more.yaml").write_text("taxonomy: animals\nlabels:\n  - {id: leaked, name: Leaked}\n")
    os.symlink(outside / "more.yaml", new / "taxonomies" / "more.yaml")
    for args in (["compile", "--project", new], ["diff", old, new]):
        result = cli(*args)
        assert result.exit_code == 1
        assert "taxonomies/more.yaml: error TG008 'taxonomies/more.yaml' is a link to a place outside the project" in \
            result.stderr
    assert not (new / "build" / "schemas").exists()
