"""Helpers for the import tests: fixture files by format, and a fresh project to import into.

A module of its own name, not conftest: several test folders have a conftest.py, and
`from conftest import …` would get whichever pytest loaded last."""

from __future__ import annotations

from pathlib import Path

import pytest

from taxgen.importers import ImportOptions, import_data
from taxgen.importers.plan import plan_files
from taxgen.scaffold import project_files
from taxgen.writer import write_files

IMPORT_FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"
GOOD = IMPORT_FIXTURES / "good"
HOSTILE = IMPORT_FIXTURES / "hostile"

# fixture file -> format
GOOD_FILES = {
    "label-studio-ner.xml": "label-studio",
    "labelbox-ontology.json": "labelbox",
    "cvat-labels.json": "cvat",
    "argilla-settings.json": "argilla",
    "doccano-labels.json": "doccano",
    "skos-animals.ttl": "skos",
    "skos-animals.rdf": "skos",
    "skos-animals.jsonld": "skos",
    "labels.csv": "csv",
}


def run_import(fmt: str, path: Path, **options):
    return import_data(fmt, path.read_bytes(), ImportOptions(source=path.name, **options))


def new_project(root: Path) -> Path:
    """A project as `taxgen init` makes it, minus its example taxonomy."""
    files = {k: v for k, v in project_files("topics", "Test", "../../.taxgen/").items()
             if k.startswith(("mkdocs", ".gitignore"))}
    write_files(root, files)
    return root


def write_import(root: Path, fmt: str, result) -> dict[str, str]:
    """Write an import result into ``root``'s taxonomies folder the way the CLI does."""
    plan = plan_files(result, fmt=fmt, tool=fmt, source_name="source", out_display="taxonomies")
    write_files(root / "taxonomies", plan.files)
    return plan.files


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh project; test modules import this fixture by name."""
    return new_project(tmp_path / "project")
