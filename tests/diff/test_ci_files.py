"""The example GitHub Actions workflow and the pre-commit hooks: valid for their tools, and they work."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from taxgen.cli import main

REPO = Path(__file__).parent.parent.parent
WORKFLOW = REPO / ".github/workflows/taxgen.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def test_workflow_is_valid_for_github_actions():
    result = run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr


def test_hooks_manifest_is_valid_for_pre_commit():
    result = run(sys.executable, "-m", "pre_commit", "validate-manifest", str(HOOKS))
    assert result.returncode == 0, result.stdout + result.stderr


def workflow_step(name_start: str) -> dict:
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["taxonomies"]["steps"]
    return next(step for step in steps if step.get("name", "").startswith(name_start))


def test_workflow_runs_check_build_and_the_diff_on_pull_requests():
    assert workflow_step("Check")["run"] == "taxgen check --format github"
    assert workflow_step("Build")["run"] == "taxgen build"
    diff_step = workflow_step("Diff")
    assert diff_step["if"] == "github.event_name == 'pull_request'"
    assert "${{" not in diff_step["run"]  # expressions reach the script through env, never spliced into it


@pytest.fixture
def pull_request(tmp_path, git) -> tuple[Path, str]:
    """A repository with a base commit and a pull-request commit that removes a label."""
    repo = tmp_path / "repo"
    assert CliRunner().invoke(main, ["init", str(repo)]).exit_code == 0
    git(repo, "init", "-q", "-b", "main")
    git.commit_all(repo, "base")
    base = git(repo, "rev-parse", "HEAD").strip()
    taxonomy = repo / "taxonomies/topics/taxonomy.yaml"
    text = taxonomy.read_text()
    taxonomy.write_text(text.replace("name: Billing\n", "name: Billing and payments\n"))
    git.commit_all(repo, "pull request")
    return repo, base


def run_diff_step(repo: Path, base: str, tmp_path: Path) -> tuple[int, str]:
    summary = tmp_path / "summary.md"
    env = {**os.environ, "BASE_SHA": base, "GITHUB_STEP_SUMMARY": str(summary)}
    result = run("bash", "-e", "-c", workflow_step("Diff")["run"], cwd=repo, env=env)
    return result.returncode, summary.read_text() if summary.exists() else result.stderr


def test_the_diff_step_posts_the_summary_and_passes_a_compatible_change(pull_request, tmp_path):
    repo, base = pull_request
    status, summary = run_diff_step(repo, base, tmp_path)
    assert status == 0, summary
    assert summary.startswith(f"## taxgen diff `{base} (") and "TD202 name-changed" in summary
    assert (repo / "migration-map.json").read_text() == "{}\n"


def test_the_diff_step_fails_a_breaking_change_after_posting_the_summary(pull_request, tmp_path, git):
    repo, base = pull_request
    taxonomy = repo / "taxonomies/topics/taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("  - id: account\n", "  - id: login\n    renamed_from: account\n"))
    git.commit_all(repo, "rename")
    status, summary = run_diff_step(repo, base, tmp_path)
    assert status == 1
    assert "### Breaking changes" in summary and "TD103 label-renamed" in summary


def hook(hook_id: str) -> dict:
    return next(h for h in yaml.safe_load(HOOKS.read_text()) if h["id"] == hook_id)


@pytest.mark.parametrize("path, runs", [
    ("mkdocs.yml", True), ("taxonomies/topics/taxonomy.yaml", True), ("guidelines/a.md", True),
    ("src/taxgen/cli.py", False), ("README.rst", False),
])
def test_hooks_run_when_project_files_change(path, runs):
    assert bool(re.search(hook("taxgen-check")["files"], path)) is runs


@pytest.mark.parametrize("hook_id, code_on_warning", [("taxgen-check", 0), ("taxgen-check-strict", 1)])
def test_hook_entries_check_the_project(tmp_path, hook_id, code_on_warning):
    project = tmp_path / "p"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    entry = shlex.split(hook(hook_id)["entry"])
    assert entry[0] == "taxgen"
    command = [sys.executable, "-c", "from taxgen.cli import run; run()", *entry[1:]]
    assert run(*command, cwd=project).returncode == 0
    golden = project / "taxonomies/topics/golden.yaml"
    golden.write_text(golden.read_text().split("  - id: topics-002")[0])  # 'account' loses its golden item
    assert run(*command, cwd=project).returncode == code_on_warning
    taxonomy = project / "taxonomies/topics/taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("instead: account", "instead: nowhere"))
    assert run(*command, cwd=project).returncode == 1
