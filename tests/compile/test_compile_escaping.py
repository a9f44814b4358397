"""Property: whatever text a name or definition holds, each format reads it back unchanged."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taxgen.model import Example, Label, Task, Taxonomy
from taxgen.targets import TARGETS
from taxgen.targets.csv_table import COLUMNS

# Any character a YAML file can carry: no surrogates, no control characters but tab and newline.
TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n&<>\"'\\]]>-- "), min_size=1,
               max_size=40)


@st.composite
def taxonomies(draw) -> Taxonomy:
    names = draw(st.lists(TEXT.filter(lambda t: t.strip() == t and t), min_size=2, max_size=6, unique=True))
    kind = draw(st.sampled_from(["single-label", "multi-label", "spans"]))
    labels = tuple(
        Label(id=f"l{index}", name=name, taxonomy="prop", definition=draw(TEXT).strip() or "x",
              synonyms=tuple(draw(st.lists(TEXT, max_size=2, unique=True))),
              examples=tuple(Example(text) for text in draw(st.lists(TEXT, max_size=2))))
        for index, name in enumerate(names))
    return Taxonomy(id="prop", title=draw(TEXT), version="1.0.0", task=Task(kind=kind), description=draw(TEXT),
                    labels=labels)


def _render(target: str, taxonomy: Taxonomy) -> str:
    assert TARGETS[target].check(taxonomy) == []
    return TARGETS[target].render(taxonomy).decode("utf-8")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(taxonomies())
def test_label_studio_reads_back_names_and_definitions(taxonomy):
    from label_studio_sdk.label_interface import LabelInterface

    interface = LabelInterface(_render("label-studio", taxonomy))
    interface.validate()
    read = {label_id: tag.attr for label_id, tag in interface.get_control("label").labels_attrs.items()}
    assert {k: (v["value"], v["hint"]) for k, v in read.items()} == {
        label.id: (label.name, label.definition) for label in taxonomy.labels}


@settings(max_examples=25, deadline=None)
@given(taxonomies())
def test_rdflib_reads_back_every_literal(taxonomy):
    from rdflib import Graph, Literal, Namespace, URIRef

    skos = Namespace("http://www.w3.org/2004/02/skos/core#")
    graph = Graph().parse(data=_render("skos", taxonomy), format="turtle")
    for label in taxonomy.labels:
        concept = URIRef(f"https://taxgen.dev/taxonomies/prop/{label.id}")
        assert set(graph.objects(concept, skos.prefLabel)) == {Literal(label.name)}
        assert set(graph.objects(concept, skos.altLabel)) == {Literal(s) for s in label.synonyms}
        assert sorted(map(str, graph.objects(concept, skos.example))) == sorted(set(e.text for e in label.examples))


@settings(max_examples=25, deadline=None)
@given(taxonomies())
def test_csv_and_json_read_back_unchanged(taxonomy):
    rows = list(csv.DictReader(io.StringIO(_render("csv", taxonomy), newline="")))
    assert [row["id"] for row in rows] == [label.id for label in taxonomy.labels]
    for row, label in zip(rows, taxonomy.labels):
        guarded = label.name.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert row["name"] == ("'" + label.name if guarded else label.name)
        assert list(row) == list(COLUMNS)
    document = json.loads(_render("canonical", taxonomy))
    assert [(x["name"], x["definition"]) for x in document["labels"]] == [
        (label.name, label.definition) for label in taxonomy.labels]
    assert json.loads(_render("argilla", taxonomy))["guidelines"].startswith(f"# {taxonomy.title} (1.0.0)")
