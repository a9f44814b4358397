"""Helpers for the diff tests: a git client isolated from the machine's git configuration."""

import os
import subprocess
from pathlib import Path

import pytest

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


class Git:
    def __call__(self, repo: Path, *args: str) -> str:
        done = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True,
                              text=True, check=True)
        return done.stdout

    def commit_all(self, repo: Path, message: str) -> None:
        self(repo, "add", "-A")
        self(repo, "commit", "-q", "-m", message)


@pytest.fixture
def git() -> Git:
    return Git()
