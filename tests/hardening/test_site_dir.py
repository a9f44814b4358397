"""`taxgen build` never deletes or changes anything outside its output folder, wherever --site-dir
points: a folder that holds the project, a folder of other files, a file, a link. Only a previous
site (it holds taxgen's stylesheet) or an empty folder is replaced; hidden entries of the site
folder (.git, .nojekyll) stay, as MkDocs keeps them. `taxgen compile --out` is the same.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hardening_helpers import cli, copy_base, tree

MARKER = "assets/taxgen/taxgen.css"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_base(tmp_path)


def previous_site(folder: Path) -> Path:
    """A folder that looks like an earlier build: taxgen's stylesheet and a page."""
    (folder / "assets" / "taxgen").mkdir(parents=True)
    (folder / MARKER).write_text("/* old */\n")
    (folder / "index.html").write_text("<p>old site</p>\n")
    return folder


def everything(tmp_path: Path) -> dict[str, bytes]:
    return tree(tmp_path)


@pytest.mark.parametrize("where, message", [
    (".", "holds the project"),
    ("..", "holds the project"),
    ("taxonomies", "holds files that are not a taxgen site (no assets/taxgen/taxgen.css)"),
    ("../elsewhere", "holds files that are not a taxgen site"),
    ("../a-file", "exists and is not a folder"),
    ("../link-to-elsewhere", "holds files that are not a taxgen site"),
])
def test_a_site_folder_that_is_not_a_site_is_refused_and_nothing_changes(tmp_path, project, where, message):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "notes.txt").write_text("mine\n")
    (tmp_path / "a-file").write_text("mine\n")
    (tmp_path / "link-to-elsewhere").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    before = everything(tmp_path)
    result = cli("build", "--project", project, "--site-dir", project / where)
    assert result.exit_code == 2 and message in result.stderr
    after = everything(tmp_path)
    assert {k: v for k, v in after.items() if "/build/.cache/" not in k} == \
        {k: v for k, v in before.items() if "/build/.cache/" not in k}  # check's cache is the only new file


def test_the_default_site_link_to_other_files_is_refused(tmp_path, project):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "notes.txt").write_text("mine\n")
    (project / "site").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = cli("build", "--project", project)
    assert result.exit_code == 2 and "holds files that are not a taxgen site" in result.stderr
    assert tree(tmp_path / "elsewhere") == {"notes.txt": b"mine\n"}


def test_a_site_link_to_a_previous_site_replaces_only_that_site(tmp_path, project):
    previous_site(tmp_path / "published")
    (tmp_path / "neighbour.txt").write_text("mine\n")
    (project / "site").symlink_to(tmp_path / "published", target_is_directory=True)
    result = cli("build", "--project", project)
    assert result.exit_code == 0, result.stderr
    assert (project / "site").is_symlink()
    assert (tmp_path / "published" / "animals" / "labels" / "cat" / "index.html").is_file()
    assert (tmp_path / "published" / "index.html").read_text() != "<p>old site</p>\n"
    assert (tmp_path / "neighbour.txt").read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neighbour.txt", "project", "published"]


def test_rebuilding_keeps_hidden_entries_and_never_follows_links_out_of_the_old_site(tmp_path, project):
    site = previous_site(project / "site")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / ".nojekyll").write_text("")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "keep.txt").write_text("mine\n")
    (site / "shared").symlink_to(tmp_path / "shared", target_is_directory=True)
    (site / "keep-link.txt").symlink_to(tmp_path / "shared" / "keep.txt")
    result = cli("build", "--project", project)
    assert result.exit_code == 0, result.stderr
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n" and (site / ".nojekyll").exists()
    assert not (site / "shared").exists() and not (site / "keep-link.txt").exists()  # the old site's links went
    assert tree(tmp_path / "shared") == {"keep.txt": b"mine\n"}  # not what they pointed at
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_an_empty_folder_is_used_and_a_site_inside_docs_is_refused(tmp_path, project):
    (tmp_path / "empty").mkdir()
    assert cli("build", "--project", project, "--site-dir", tmp_path / "empty").exit_code == 0
    assert (tmp_path / "empty" / MARKER).is_file()
    before = tree(project / "docs")
    result = cli("build", "--project", project, "--site-dir", project / "docs" / "site")
    assert result.exit_code == 2 and "docs_dir" in result.stderr
    assert tree(project / "docs") == before


@pytest.mark.parametrize("where", [".", "taxonomies", "../link-to-elsewhere"])
def test_compile_out_never_replaces_other_files(tmp_path, project, where):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "notes.txt").write_text("mine\n")
    (tmp_path / "link-to-elsewhere").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    before = {k: v for k, v in everything(tmp_path).items() if "/build/" not in k}
    result = cli("compile", "--project", project, "--out", project / where)
    assert result.exit_code == 2 and "is not a taxgen output folder" in result.stderr
    assert {k: v for k, v in everything(tmp_path).items() if "/build/" not in k} == before
    assert os.path.islink(tmp_path / "link-to-elsewhere")
