"""Label names that break naive writers of XML, CSV, Turtle, JSON and shell commands
(tests/fixtures/hardening/names/): every compiled file still parses with the real tools and says
each name exactly; CSV cells never start a formula; no name reaches a file path or a shell; the
site shows them as text. (tests/compile/test_compile_escaping.py checks arbitrary generated
names; this is the committed worst case, through the CLI.)
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hardening_helpers import FIXTURES, audit, cli

from taxgen.check import check_path

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("names") / "project"
    shutil.copytree(FIXTURES / "names", root, ignore=shutil.ignore_patterns("build", "site"))
    return root


@pytest.fixture(scope="module")
def labels(project) -> dict:
    result = check_path(project)
    assert result.errors == 0
    (taxonomy,) = result.project.taxonomies
    return {label.id: label for label in taxonomy.labels}


@pytest.fixture(scope="module")
def compiled(project) -> Path:
    result = cli("compile", "--project", project)
    assert result.exit_code == 0, result.stderr
    return project / "build" / "schemas" / "names"


def test_label_studio_xml_parses_and_says_every_name(compiled, labels):
    from xml.etree import ElementTree

    from label_studio_sdk.label_interface import LabelInterface

    config = (compiled / "label-studio.xml").read_text("utf-8")
    root = ElementTree.fromstring(config)
    assert [choice.get("value") for choice in root.iter("Choice")] == [label.name for label in labels.values()]
    assert [choice.get("hint") for choice in root.iter("Choice")] == [label.definition for label in labels.values()]
    LabelInterface(config).validate()


def test_skos_turtle_parses_and_says_every_name(compiled, labels):
    from rdflib import Graph, Literal
    from rdflib.namespace import SKOS

    graph = Graph().parse(compiled / "skos.ttl", format="turtle")
    pref = {str(concept).rsplit("/", 1)[-1]: {str(o) for o in graph.objects(concept, SKOS.prefLabel)}
            for concept in graph.subjects(SKOS.prefLabel, None)}
    assert pref == {label_id: {label.name} for label_id, label in labels.items()}
    for label in labels.values():
        assert {Literal(s) for s in label.synonyms} <= set(graph.objects(None, SKOS.altLabel))


def test_csv_reads_back_and_no_cell_starts_a_formula(compiled, labels):
    rows = list(csv.reader(io.StringIO((compiled / "labels.csv").read_bytes().decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == len(labels)
    names = {row[header.index("id")]: row[header.index("name")] for row in body}
    assert names == {i: ("'" + l.name if l.name.startswith(FORMULA_START) else l.name) for i, l in labels.items()}
    assert [cell for row in body for cell in row if cell.startswith(FORMULA_START)] == []


@pytest.mark.parametrize("file", ["argilla.json", "doccano.json", "label-schema.json", "labelbox.json",
                                  "sagemaker.json"])
def test_json_outputs_parse_and_carry_every_name(compiled, labels, file):
    strings: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads((compiled / file).read_text("utf-8")))
    assert {label.name for label in labels.values()} <= strings


def test_id_only_outputs_parse(compiled, labels):
    schema = json.dumps(json.loads((compiled / "annotation.schema.json").read_text("utf-8")))
    assert all(f'"{label_id}"' in schema for label_id in labels)
    json.loads((compiled / "spacy.json").read_text("utf-8"))
    assert (compiled / "prodigy.txt").read_text("utf-8").splitlines() == list(labels)


def test_an_import_of_the_compiled_csv_gives_every_name_back(compiled, labels, tmp_path):
    """Guards are dropped; runs of white space (tabs, line breaks, U+2028) become one space, as the
    importer does for every display name (TI006)."""
    result = cli("import", "csv", compiled / "labels.csv", "--taxonomy-id", "names", "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((tmp_path / "names" / "taxonomy.yaml").read_text("utf-8"))
    assert {label["id"]: label["name"] for label in data["labels"]} == {
        label_id: " ".join(label.name.split()) for label_id, label in labels.items()}


def test_no_name_reaches_a_file_path_or_runs_in_a_shell(project, compiled, tmp_path):
    result = cli("build", "--project", project)
    assert result.exit_code == 0, result.stderr
    written = [p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()]
    assert [p for p in written if not re.fullmatch(r"[A-Za-z0-9._~/-]+", p)] == []
    assert list(project.parent.rglob("pwned*")) == [] and not Path("pwned-by-name").exists()


def test_the_site_shows_every_name_as_text(project, labels):
    site = project / "site"
    if not site.exists():
        assert cli("build", "--project", project).exit_code == 0
    findings = [f for page in site.rglob("*.html") for f in audit(page.read_text("utf-8"), page.name)]
    assert findings == []
    page = (site / "names" / "labels" / "js-script" / "index.html").read_text("utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
