"""`taxgen diff` between git revisions of a repository created in the test; the working tree is never touched."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from taxgen.cli import main

@pytest.fixture
def repo(tmp_path, git) -> Path:
    """A repository whose project sits in a subfolder: v1 (scaffold), then a commit renaming a label."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "README.md").write_text("not part of the project\n")
    git.commit_all(root, "before the project")
    assert CliRunner().invoke(main, ["init", str(root / "labels")]).exit_code == 0
    git.commit_all(root, "v1")
    git(root, "tag", "v1")
    taxonomy = root / "labels/taxonomies/topics/taxonomy.yaml"
    text = taxonomy.read_text().replace("  - id: account\n", "  - id: account-access\n    renamed_from: account\n")
    text = text.replace("instead: account\n", "instead: account-access\n").replace("use: account\n", "use: account-access\n")
    taxonomy.write_text(text)
    golden = root / "labels/taxonomies/topics/golden.yaml"
    golden.write_text(golden.read_text().replace("expected: account\n", "expected: account-access\n"))
    git.commit_all(root, "rename account")
    return root


def diff_in(cwd: Path, *args: str, monkeypatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, ["diff", *args])


def tree_state(repo: Path, git) -> tuple[str, str, bytes]:
    """HEAD, status and the bytes of every file git sees (ignored build output such as caches aside)."""
    listed = git(repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    files = b"".join(path.encode() + (repo / path).read_bytes() for path in sorted(filter(None, listed)))
    return git(repo, "rev-parse", "HEAD"), git(repo, "status", "--porcelain"), files


def test_diff_between_two_revisions(repo, git, monkeypatch):
    before = tree_state(repo, git)
    result = diff_in(repo / "labels", "v1", "HEAD", monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("taxgen diff v1 (") and " -> HEAD (" in lines[0]
    assert any(line.startswith("  HEAD:labels/taxonomies/topics/taxonomy.yaml:") and "breaking TD103 label-renamed: "
               "label 'account' renamed to 'account-access'" in line for line in lines), result.stdout
    assert tree_state(repo, git) == before


def test_revision_against_the_working_tree_with_uncommitted_changes(repo, git, monkeypatch):
    taxonomy = repo / "labels/taxonomies/topics/taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("name: Billing\n", "name: Billing and payments\n"))
    before = tree_state(repo, git)
    result = diff_in(repo / "labels", "HEAD", ".", "--format", "json", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert '"code": "TD202"' in result.stdout and '"path": "taxonomies/topics/taxonomy.yaml"' in result.stdout
    assert tree_state(repo, git) == before


def test_project_option_selects_the_repository(repo, tmp_path, monkeypatch):
    result = diff_in(tmp_path, "main~1", "main", "--project", str(repo / "labels"), "--allow-breaking",
                     monkeypatch=monkeypatch)
    assert result.exit_code == 0 and "TD103 label-renamed" in result.stdout


def test_a_revision_before_the_project_existed_is_an_empty_project(repo, monkeypatch):
    result = diff_in(repo / "labels", "main~2", "main", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "TD301 taxonomy-added: taxonomy 'topics' added with 2 labels" in result.stdout


def test_load_errors_at_a_revision_are_reported_with_their_revision(repo, git, monkeypatch):
    taxonomy = repo / "labels/taxonomies/topics/taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("    name: Billing\n", "    name: Billing\n    name: Again\n"))
    git.commit_all(repo, "broken")
    result = diff_in(repo / "labels", "v1", "HEAD", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "HEAD:labels/taxonomies/topics/taxonomy.yaml:13:5: error TG002 duplicate key 'name'" in result.stderr, result.stderr


def test_a_link_leaving_the_project_at_a_revision_is_a_diagnostic(repo, git, monkeypatch):
    os.symlink("/etc/hostname", repo / "labels/taxonomies/outside.yaml")
    git.commit_all(repo, "link")
    result = diff_in(repo / "labels", "v1", "HEAD", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert "HEAD:labels/taxonomies/outside.yaml: error TG008 " in result.stderr


def test_an_over_large_file_at_a_revision_is_refused_unread(repo, git, monkeypatch):
    from taxgen.diff import sources
    from taxgen.loading.yaml_source import MAX_FILE_BYTES

    big = repo / "labels/taxonomies/big.yaml"
    with big.open("wb") as handle:  # zeros: git stores them compressed in a few kilobytes
        handle.truncate(MAX_FILE_BYTES + 1)
    git.commit_all(repo, "big")
    big.unlink()
    asked: list[str] = []
    original = sources._cat_blobs
    monkeypatch.setattr(sources, "_cat_blobs", lambda top, shas: asked.extend(shas) or original(top, shas))
    result = diff_in(repo / "labels", "v1", "HEAD", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert (f"HEAD:labels/taxonomies/big.yaml:1:1: error TG007 file is {MAX_FILE_BYTES + 1:,} bytes, over the "
            f"{MAX_FILE_BYTES:,}-byte limit") in result.stderr, result.stderr
    assert asked and git(repo, "rev-parse", "HEAD:labels/taxonomies/big.yaml").strip() not in asked  # never read


@pytest.mark.parametrize("spec", ["no-such-rev", "--output=x", "v1..HEAD"])
def test_unknown_revisions_are_usage_errors(repo, spec, monkeypatch):
    result = diff_in(repo / "labels", "--", spec, "HEAD", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "neither a folder nor a git revision" in result.stderr


def test_revisions_outside_a_git_repository_are_usage_errors(tmp_path, monkeypatch):
    assert CliRunner().invoke(main, ["init", str(tmp_path / "p")]).exit_code == 0
    result = diff_in(tmp_path / "p", "HEAD~1", "HEAD", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "cannot be read as a git revision" in result.stderr
