"""Every input the fuzz suite found a crash with, kept in tests/fixtures/fuzz/regressions/ and run
through the command that crashed, with the diagnostic it now gets.

A file named ``import-<format>-….<ext>`` is imported with `taxgen import <format>`; a file
named ``project-<seed>-….<ext>`` replaces the file of seed project <seed> given in PROJECT_FILES
and runs check, compile, diff (against the seed) and build.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from fuzz_helpers import FIXTURES, copy_project, invoke

REGRESSIONS = FIXTURES / "fuzz" / "regressions"

# file -> (exit code, text the output must contain): the diagnostic each input gets now
EXPECTED = {
    # labelbox: a classification 'type' that was a list or an object raised TypeError (unhashable)
    "import-labelbox-type-not-text.json": (0, "nested classification 'occluded' of type '[]' is not an attribute"),
    # argilla: a question 'type' that was a list or an object raised TypeError (unhashable)
    "import-argilla-type-not-text.json": (1, "TI005"),
    # front matter 'labels: [null]': the invalid list reached rule TG209 (AttributeError on None)
    "project-pets-guideline-label-null.md": (1, "guidelines/pets.md:5:3: error TG101 $.labels[0]: null is not of type"),
    # a folder option with a name over 255 bytes: OSError (File name too long) while discovering files
    "project-pets-mkdocs-long-folder-name.yml": (1, "error TG009 taxgen option 'guidelines' is not a usable path"),
    # a NUL character in build_dir or score_report: ValueError (embedded null byte) in the cache and the site
    "project-pets-mkdocs-nul-build-dir.yml": (1, "error TG009 taxgen option 'score_report' is not a usable path"),
    # a NUL character in a golden item's media file: ValueError while resolving it
    "project-pets-golden-media-nul.yaml": (1, "taxonomies/pets/golden.yaml:13:19: error TG008 media file"),
}
# project-… file -> the file of the seed project it replaces
PROJECT_FILES = {
    "project-pets-guideline-label-null.md": "guidelines/pets.md",
    "project-pets-mkdocs-long-folder-name.yml": "mkdocs.yml",
    "project-pets-mkdocs-nul-build-dir.yml": "mkdocs.yml",
    "project-pets-golden-media-nul.yaml": "taxonomies/pets/golden.yaml",
}


def test_every_regression_file_is_listed():
    assert sorted(p.name for p in REGRESSIONS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_regression_input_gets_its_diagnostic(name):
    code, expected_text = EXPECTED[name]
    source = REGRESSIONS / name
    with tempfile.TemporaryDirectory() as tmp:
        if name.startswith("import-"):
            fmt = next(f for f in ("label-studio", "labelbox", "cvat", "argilla", "doccano", "skos", "csv")
                       if name.startswith(f"import-{f}-"))
            results = [invoke(["import", fmt, source, "--out", Path(tmp) / "out", "-v"])]
        else:
            seed = name.split("-")[1]
            project = copy_project(seed, Path(tmp) / "new")
            (project / PROJECT_FILES[name]).write_bytes(source.read_bytes())
            results = [invoke([command, "--project", project]) for command in ("check", "compile", "build")]
            results.append(invoke(["diff", copy_project(seed, Path(tmp) / "old"), project]))
    assert results[0].exit_code == code, results[0].output
    assert expected_text in results[0].output
